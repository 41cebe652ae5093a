"""Ingest stage: HTML pages → main text and metadata through trafilatura (dates via htmldate).

trafilatura drops navigation, cookie banners, related links, comments and footers; its
metadata gives the title, the original publication date (htmldate), the canonical URL and the
site name. Pages are hostile input: any failure inside the parser becomes a rejection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import NoBody
from ..models import Document
from ..settings import Settings
from .document import Overrides, make_document
from .guards import check_binary, check_size


def extract_html(data: bytes | str, url: str | None = None,
                 date_params: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page, or None when it finds no body.
    ``date_params`` go to htmldate (how hard to look for the date, and its bounds)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            **({"date_extraction_params": date_params} if date_params else {}),
        )
    except Exception as exc:  # noqa: BLE001 - hostile pages: any parser failure is a rejection
        raise NoBody(f"HTML could not be parsed ({type(exc).__name__}: {exc})".splitlines()[0]) from exc
    if result is None:
        return None
    doc = result if isinstance(result, dict) else result.as_dict()
    return doc if (doc.get("text") or "").strip() else None


def document_from_html(
    ref: str, data: bytes | str, settings: Settings, *, url: str | None = None,
    title: str | None = None, published: str | None = None, language: str | None = None,
    source: str | None = None,
) -> Document:
    """A Document from a page's bytes; explicit metadata wins over what the page says."""
    found = extract_html(data, url)
    if found is None:
        raise NoBody("HTML has no article text", ref=ref)
    return make_document(
        ref, found["text"], settings=settings, url=url or found.get("url"),
        title=title or found.get("title"), published=published or found.get("date"),
        language=language or settings.language or None, source=source or found.get("sitename"),
    )


def read_html_file(path: Path, settings: Settings, overrides: Overrides | None) -> Document:
    """One .html/.htm file (trafilatura decodes the page's own charset)."""
    check_size(path, settings.max_bytes)
    data = path.read_bytes()
    check_binary(data, str(path))
    o = overrides or Overrides()
    return document_from_html(str(path), data, settings, url=o.url, title=o.title,
                              published=o.published, language=o.language)
