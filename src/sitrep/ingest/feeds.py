"""Ingest stage: RSS and Atom feeds (feedparser); each entry's link is fetched as an article.

A feed is a file (``.rss``, ``.atom``, or ``.xml`` named explicitly) or a URL whose response is a
feed. Each entry becomes one input: its link is fetched through the guarded fetcher
(:mod:`.fetch`), and the entry's title and date are fallbacks for what the page does not say.
The entry's link is the Document's ``ref`` and ``url``. An entry without an http(s) link, or
whose page fails, is a rejection; the other entries go on. feedparser only ever gets bytes, so
it never opens a URL itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..errors import SitrepError, Unsupported
from ..models import Document, Rejection
from ..settings import Settings
from .fetch import Fetcher
from .guards import check_size
from .pages import document_from_response


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry: its position (from 1), link, title and date (``YYYY-MM-DD``)."""

    index: int
    link: str | None
    title: str | None
    published: str | None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def parse_feed(data: bytes, ref: str, base: str | None = None) -> list[Entry]:
    """The entries of an RSS/Atom document; relative links are resolved against ``base``.

    Raises:
        Unsupported: the data is not a feed feedparser recognises.
    """
    import feedparser

    headers = {"content-location": base} if base else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        detail = f" ({str(why).splitlines()[0]})" if why else ""
        raise Unsupported(f"not an RSS or Atom feed{detail}", ref=ref)
    entries = []
    for index, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip() or None
        if link and base:
            link = urljoin(base, link)
        title = " ".join((entry.get("title") or "").split()) or None
        entries.append(Entry(index, link, title, _date(entry)))
    return entries


def read_entries(
    entries: list[Entry], ref: str, fetcher: Fetcher, settings: Settings
) -> Iterator[Document | Rejection]:
    """Fetch each entry's link and build its Document; every failure is a rejection."""
    for entry in entries:
        where = entry.link or f"{ref}#entry{entry.index}"
        try:
            if not entry.link or not entry.link.lower().startswith(("http://", "https://")):
                raise Unsupported(f"feed entry {entry.index} has no http(s) link", ref=where)
            page = fetcher.get(entry.link)
            yield document_from_response(
                entry.link, page.body, page.content_type, settings, url=page.url,
                charset=page.charset, fallback_title=entry.title, fallback_published=entry.published,
            )
        except SitrepError as exc:
            yield exc.to_rejection(ref=where, stage="ingest")


def read_feed_file(path: Path, fetcher: Fetcher, settings: Settings) -> Iterator[Document | Rejection]:
    """An RSS/Atom file: parse it (held to ``max_bytes``), then read its entries."""
    check_size(path, settings.max_bytes)
    entries = parse_feed(path.read_bytes(), str(path))
    yield from read_entries(entries, str(path), fetcher, settings)
