"""Ingest stage: walk paths and URLs, and dispatch each input on its kind."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, SitrepError, Unsupported
from ..models import Document, Rejection
from ..settings import Settings
from .document import Overrides
from .feeds import read_feed_file
from .fetch import Fetcher
from .html import read_html_file
from .jsonl import read_jsonl_file
from .pages import PendingPage
from .text import read_text_file
from .urls import is_url, read_url, read_url_list
from .warc import read_warc_file

if TYPE_CHECKING:
    from .extent import Meter

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz", ".rss", ".atom", ".urls")
"""Files a directory walk picks up. ``.xml`` is read as a feed only when named explicitly."""
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_SKIP_SUFFIXES = (".meta.json", ".gold.json")
_KINDS = ".txt, .html, .htm, .jsonl, .warc, .warc.gz, .rss, .atom, .xml (a feed), .urls or an http(s) URL"


def _wanted(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and name.lower().endswith(SUFFIXES)
        and not name.lower().endswith(_SKIP_SUFFIXES)
    )


def walk(path: Path) -> Iterator[Path]:
    """Article files under a directory, recursively, in sorted order (lazily)."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if _wanted(candidate):
                yield candidate


def read_file(path: Path, settings: Settings, overrides: Overrides | None,
              fetcher: Fetcher | None = None, defer_pages: bool = False, meter: Meter | None = None
              ) -> Iterator[Document | PendingPage | Rejection]:
    """Documents (or rejections) of one file. Feeds and URL lists need a ``fetcher``;
    ``defer_pages``: WARC pages come as :class:`PendingPage` (made into Documents later);
    ``meter`` is told the position in a WARC and when the file is read."""
    name = path.name.lower()
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl_file(path, settings)
        elif suffix in (".html", ".htm"):
            yield read_html_file(path, settings, overrides)
        elif suffix == ".txt":
            yield read_text_file(path, settings, overrides)
        elif name.endswith((".warc", ".warc.gz")):
            yield from read_warc_file(path, settings, defer=defer_pages, position=meter.at if meter else None)
        elif suffix in FEED_SUFFIXES or suffix == ".urls":
            read = read_feed_file if suffix in FEED_SUFFIXES else read_url_list
            with nullcontext(fetcher) if fetcher else Fetcher(settings) as client:
                yield from read(path, client, settings)
        else:
            raise Unsupported(f"unsupported file type {suffix or '(none)'}: use {_KINDS}", ref=str(path))
    except SitrepError as exc:
        yield exc.to_rejection(ref=str(path), stage="ingest")
    except OSError as exc:
        yield Rejection(str(path), "ingest", "input", f"cannot read: {exc.strerror or exc}")
    if meter is not None:
        meter.finished(path)


def read_sources(
    paths: Iterable[str | Path], *, settings: Settings, overrides: Overrides | None = None,
    fetcher: Fetcher | None = None, defer_pages: bool = False, meter: Meter | None = None,
) -> Iterator[Document | PendingPage | Rejection]:
    """Every Document (or Rejection) from files, directories, archives, feeds and URLs, in order
    (``defer_pages``: archived pages as :class:`PendingPage`, for the engine to make).

    Args:
        paths: files, directories, ``http(s)://`` URLs (as strings).
        settings: limits and fetch settings.
        overrides: metadata flags for single ``.txt``/``.html`` files.
        fetcher: the guarded HTTP client for URLs, feeds and URL lists; one is made (and
            closed at the end) when none is given.
        meter: told how many bytes of the local files have been read
            (:mod:`sitrep.ingest.extent`).
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        for raw in paths:
            if isinstance(raw, str) and is_url(raw):
                yield from read_url(raw, fetcher, settings)
                continue
            path = Path(raw)
            if path.is_dir():
                for file in walk(path):
                    yield from read_file(file, settings, overrides, fetcher, defer_pages, meter)
            elif path.exists():
                yield from read_file(path, settings, overrides, fetcher, defer_pages, meter)
            else:
                yield InputError("no such file or directory", ref=str(path)).to_rejection(stage="ingest")
    finally:
        if own:
            fetcher.close()
