"""Ingest stage: WARC archives (``.warc``, ``.warc.gz``) through warcio, streamed record by record.

Only HTML ``response`` records with a 2xx status become articles; requests, metadata, revisits,
non-HTML responses (images, scripts, JSON) and error pages are skipped. A page's ``ref`` and
``url`` are the record's ``WARC-Target-URI``; its capture date (``WARC-Date``) is the fallback
publication date when the page states none. Each payload is read up to ``max_bytes`` (a larger
one is a rejection), so memory does not grow with the size of the archive.

A corrupt record is a rejection named ``PATH@OFFSET`` (its byte offset in the file), and reading
goes on from the next record start found after it (the next ``WARC/1.x`` header line in a plain
file, the next gzip member that opens with one in a ``.warc.gz``). When none is found the rest of
the file is one rejection. warcio's ``ArchiveIterator`` reads gzip-per-record and plain files
alike.
"""

from __future__ import annotations

import functools
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import CorruptRecord, EmptyInput, SitrepError, TooLarge
from ..models import Document, Rejection
from ..settings import Settings
from .pages import PendingPage, document_from_page, is_html_type

_SCAN_CHUNK = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."



@dataclass(frozen=True, slots=True)
class Page:
    """An HTML response record: where it is, its target URI, capture date and payload."""

    ref: str
    url: str | None
    captured: str | None
    body: bytes


def read_warc_file(path: Path, settings: Settings, stats: Counter[str] | None = None,
                   defer: bool = False, position: Callable[[int], None] | None = None
                   ) -> Iterator[Document | PendingPage | Rejection]:
    """The Documents (and rejections) of a WARC file, record by record; ``defer``: pages as
    :class:`PendingPage` for the extraction engine to turn into Documents; ``position`` is told
    the byte offset of each record read (for progress)."""
    for item in warc_pages(path, settings.max_bytes, stats, position):
        if isinstance(item, Rejection):
            yield item
            continue
        if defer:
            yield PendingPage(item.ref, item.body, item.url, item.captured, settings)
            continue
        try:
            yield document_from_page(item.ref, item.body, settings, url=item.url,
                                     fallback_published=item.captured)
        except SitrepError as exc:
            yield exc.to_rejection(ref=item.ref, stage="ingest")


def warc_pages(path: Path, max_bytes: int, stats: Counter[str] | None = None,
               position: Callable[[int], None] | None = None) -> Iterator[Page | Rejection]:
    """The HTML pages of a WARC file and a rejection per corrupt stretch, streamed.

    ``stats`` (optional) counts ``record`` (every record read) and what happened to them:
    ``page``, ``not_response``, ``not_html``, ``not_ok`` (a non-2xx status), ``too_large``,
    ``corrupt`` (a corrupt stretch or a truncated page). ``position`` (optional) is called with
    the byte offset of each record as it is read.
    """
    records_class = _quiet_iterator()
    counts: Counter[str] = stats if stats is not None else Counter()
    if path.stat().st_size == 0:
        raise EmptyInput("empty file", ref=str(path))
    with path.open("rb") as fh:
        gzipped = fh.read(3) == _GZIP_MAGIC
        start: int | None = 0
        while start is not None:
            fh.seek(start)
            records = records_class(fh)
            at = start
            try:
                for record in records:
                    at = records.offset
                    if position is not None:
                        position(at)
                    counts["record"] += 1
                    item = _page(record, path, at, max_bytes, counts)
                    if item is not None:
                        yield item
                start = None
            except Exception as exc:  # noqa: BLE001 - hostile archives: any parser failure is a corrupt record
                at = max(at, records.offset)
                counts["corrupt"] += 1
                start = _next_record(fh, at + 1, gzipped)
                yield _corrupt(path, at, exc, start, fh, first=counts["record"] == 0)
            finally:
                records.close()


@functools.cache
def _quiet_iterator() -> type:
    """warcio's ArchiveIterator without its stderr warning for a bad Content-Length."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""

    return QuietIterator


def _page(record: Any, path: Path, at: int, max_bytes: int, counts: Counter[str]) -> Page | Rejection | None:
    if record.rec_type != "response" or record.http_headers is None:
        counts["not_response"] += 1
        return None
    http = record.http_headers
    if not is_html_type(http.get_header("Content-Type")):
        counts["not_html"] += 1
        return None
    if not str(http.get_statuscode() or "").startswith("2"):
        counts["not_ok"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    ref = url or f"{path}@{at}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        counts["too_large"] += 1
        return TooLarge(f"record payload is over the limit of {max_bytes} bytes (setting max_bytes)",
                        ref=ref).to_rejection(stage="ingest")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        counts["corrupt"] += 1
        return CorruptRecord(f"truncated WARC record at byte {at} ({missing} bytes of its block missing)",
                             ref=ref).to_rejection(stage="ingest")
    counts["page"] += 1
    return Page(ref, url, record.rec_headers.get_header("WARC-Date"), body)


def _corrupt(path: Path, at: int, exc: Exception, resume: int | None, fh: IO[bytes], *, first: bool
             ) -> Rejection:
    said = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    said = "".join(c if c.isprintable() else "?" for c in said[:120])
    why = f"{type(exc).__name__}: {said}".rstrip(": ")
    if "non-chunked gzip" in said:
        message = ("one gzip stream over many records, not a gzip member per record: "
                   "recompress it with 'warcio recompress' (the rest of the file is skipped)")
    elif resume is None and first:
        message = f"not a WARC file ({why})"
    elif resume is not None:
        message = f"corrupt WARC record at byte {at} ({why}); skipped to the next record at byte {resume}"
    else:
        size = fh.seek(0, 2)
        message = (f"corrupt WARC record at byte {at} ({why}); no further record found, "
                   f"the rest of the file ({max(size - at, 0)} bytes) is skipped")
    return CorruptRecord(message, ref=f"{path}@{at}").to_rejection(stage="ingest")


def _next_record(fh: IO[bytes], offset: int, gzipped: bool) -> int | None:
    """The offset of the next plausible record start at or after ``offset``, or None."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    keep = len(magic) - 1
    pos = offset
    fh.seek(pos)
    buffer = b""
    base = pos
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        buffer = buffer[-keep:] + chunk if buffer else chunk
        base = pos - (len(buffer) - len(chunk))
        found = buffer.find(magic)
        while found != -1:
            candidate = base + found
            if _plausible(fh, candidate, gzipped):
                return candidate
            found = buffer.find(magic, found + 1)
        pos += len(chunk)
        fh.seek(pos)


def _plausible(fh: IO[bytes], offset: int, gzipped: bool) -> bool:
    """A record really starts at ``offset``: a header line (plain), or a gzip member opening with one."""
    fh.seek(offset)
    head = fh.read(64 * 1024 if gzipped else 16)
    if not gzipped:
        if offset > 0:
            fh.seek(offset - 1)
            if fh.read(1) != b"\n":
                return False
        return head.startswith(_WARC_MAGIC)
    try:
        opened = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
    except zlib.error:
        return False
    return opened.startswith(_WARC_MAGIC)
