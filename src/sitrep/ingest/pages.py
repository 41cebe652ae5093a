"""Ingest stage: a web page's bytes (from a WARC record or a fetch) → a Document.

Unlike a single ``.html`` file, whose flags win over the page, here what the page says comes
first and what the container knows is the fallback: a WARC record's capture date, a feed
entry's title and date. The URL is the container's (the WARC target URI, the fetched URL).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BadEncoding, NoBody, Unsupported
from ..models import Document
from ..settings import Settings
from .document import make_document, normalise_date
from .guards import check_binary
from .html import extract_html

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml",
})


def is_html_type(content_type: str | None) -> bool:
    """True for an HTML media type (parameters such as ``; charset=`` allowed)."""
    return (content_type or "").split(";", 1)[0].strip().lower() in HTML_TYPES


def looks_like_feed(body: bytes) -> bool:
    """A cheap sniff: an XML document whose root is ``rss``, ``feed`` or ``rdf:RDF``."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


@dataclass(frozen=True, slots=True)
class PendingPage:
    """A page whose Document is made later, where the extraction runs (a worker of a process
    pool or a Dask cluster): turning HTML into text is most of an HTML article's cost, so it
    belongs with the per-article work, not with the reader."""

    ref: str
    body: bytes
    url: str | None
    fallback_published: str | None
    settings: Settings

    def document(self) -> Document:
        """The Document (SitrepError when the page has none)."""
        return document_from_page(self.ref, self.body, self.settings, url=self.url,
                                  fallback_published=self.fallback_published)


def document_from_page(
    ref: str, body: bytes, settings: Settings, *, url: str | None,
    fallback_title: str | None = None, fallback_published: str | None = None,
) -> Document:
    """A Document from an HTML page; the page's own title and date win over the fallbacks.

    With a fallback date (a capture or fetch date), the page's date must come from its markup
    (meta tags, structured data, the URL), not from a year guessed in its body text ("in 1995,
    ..."), and cannot be later than the capture; otherwise the capture date stands."""
    check_binary(body, ref)
    fallback = normalise_date(fallback_published)
    params = {"extensive_search": False, "original_date": True, "max_date": fallback} if fallback else None
    found = extract_html(body, url, params)
    if found is None:
        raise NoBody("HTML has no article text", ref=ref)
    return make_document(
        ref, found["text"], settings=settings, url=url or found.get("url"),
        title=found.get("title") or fallback_title,
        published=normalise_date(found.get("date")) or normalise_date(fallback_published),
        language=settings.language or None, source=found.get("sitename"),
    )


def document_from_text(
    ref: str, body: bytes, settings: Settings, *, url: str | None, charset: str | None,
    fallback_title: str | None = None, fallback_published: str | None = None,
) -> Document:
    """A Document from a ``text/plain`` response, decoded with its declared charset (else UTF-8)."""
    check_binary(body, ref)
    try:
        text = body.decode(charset or "utf-8-sig")
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadEncoding(f"text is not valid {charset or 'UTF-8'} ({exc.__class__.__name__})", ref=ref) from exc
    return make_document(ref, text, settings=settings, url=url, title=fallback_title,
                         published=fallback_published, language=settings.language or None)


def document_from_response(
    ref: str, body: bytes, content_type: str, settings: Settings, *, url: str | None,
    charset: str | None = None, fallback_title: str | None = None,
    fallback_published: str | None = None,
) -> Document:
    """An HTML or plain-text response as a Document; any other media type is unsupported."""
    kind = content_type or ("text/html" if body.lstrip()[:1] == b"<" else "")
    if kind in HTML_TYPES:
        return document_from_page(ref, body, settings, url=url, fallback_title=fallback_title,
                                  fallback_published=fallback_published)
    if kind == "text/plain":
        return document_from_text(ref, body, settings, url=url, charset=charset,
                                  fallback_title=fallback_title, fallback_published=fallback_published)
    raise Unsupported(f"content type {content_type or '(none)'} is not an article (HTML or plain text)", ref=ref)
