"""Ingest stage: http(s) URLs given as inputs, and ``NAME.urls`` files listing them.

A URL input is fetched through the guarded fetcher (:mod:`.fetch`). An HTML or plain-text
response is one article (``ref`` is the URL as given, ``url`` the URL after redirects); a feed
response (RSS/Atom media type, or XML whose root is a feed) is read as a feed, each entry's link
fetched in turn (:mod:`.feeds`).

A ``.urls`` file holds one URL a line; blank lines and lines starting with ``#`` are skipped.
It is read line by line (a line is held to 8 KiB), so a list may be long. A line that is not an
http(s) URL is a rejection naming ``PATH:LINE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadEncoding, SitrepError
from ..models import Document, Rejection
from ..settings import Settings
from .feeds import parse_feed, read_entries
from .fetch import Fetcher
from .netguard import BadURL
from .pages import FEED_TYPES, document_from_response, looks_like_feed

MAX_URL_LINE = 8192
_URL = re.compile(r"^https?://\S+$", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def is_url(text: str) -> bool:
    """True when an input names a URL (any ``scheme://``), not a path."""
    return bool(_SCHEME.match(text))


def read_url(url: str, fetcher: Fetcher, settings: Settings) -> Iterator[Document | Rejection]:
    """The Document of a URL, or the Documents of a feed's entries; failures are rejections."""
    try:
        if not _URL.match(url):
            raise BadURL(f"unsupported URL {url[:80]!r}: use http:// or https://", ref=url)
        page = fetcher.get(url)
        if page.content_type in FEED_TYPES or (page.content_type in ("", "text/plain") and looks_like_feed(page.body)):
            entries = parse_feed(page.body, url, base=page.url)
        else:
            yield document_from_response(url, page.body, page.content_type, settings,
                                         url=page.url, charset=page.charset)
            return
    except SitrepError as exc:
        yield exc.to_rejection(ref=url, stage="ingest")
        return
    yield from read_entries(entries, url, fetcher, settings)


def read_url_list(path: Path, fetcher: Fetcher, settings: Settings) -> Iterator[Document | Rejection]:
    """Every URL of a ``.urls`` file, line by line."""
    with path.open("rb") as fh:
        lineno = 0
        while raw := fh.readline(MAX_URL_LINE + 1):
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > MAX_URL_LINE and not raw.endswith(b"\n"):
                while (rest := fh.readline(MAX_URL_LINE)) and not rest.endswith(b"\n"):
                    pass
                yield BadURL(f"line is over {MAX_URL_LINE} bytes, not a URL", ref=where).to_rejection(stage="ingest")
                continue
            try:
                line = raw.decode("utf-8-sig").strip()
            except UnicodeDecodeError:
                yield BadEncoding("line is not valid UTF-8", ref=where).to_rejection(stage="ingest")
                continue
            if not line or line.startswith("#"):
                continue
            if not _URL.match(line):
                yield BadURL(f"not an http(s) URL: {line[:80]!r}", ref=where).to_rejection(stage="ingest")
                continue
            yield from read_url(line, fetcher, settings)
