"""Ingest stage: how much input a run holds, measured up front without parsing it, and how far
the run has got (a progress bar's total, and so its ETA).

=====================  ==========================================================================
input                  counted as
=====================  ==========================================================================
``.txt`` ``.html`` …   one document each (so is a missing path or an unsupported file: one
                       rejection)
``.jsonl``             its non-blank lines, by a streaming scan of its bytes (no JSON parsed)
``.urls``              its URL lines (not blank, not ``#``): one document each
an http(s) URL         one document (a URL that turns out to be a feed brings more than counted)
``.warc`` ``.warc.gz`` not countable without parsing every record: the run is measured in
                       **bytes** of the local files instead (the archive is read once, by the
                       reader, which reports its position record by record)
a feed                 not countable before it is fetched and parsed: no total
=====================  ==========================================================================

When every input is countable the unit is ``documents``; else, when every input is a local file
(archives among them) it is ``bytes``; else there is no total (a rate only). Nothing is kept
per input: memory does not grow with the size of the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .files import FEED_SUFFIXES, walk
from .urls import MAX_URL_LINE, is_url

_CHUNK = 1 << 20
_BLANK_LINE = re.compile(rb"\n[ \t\r\f\v]*(?=\n)")  # a line end, then a line of blanks
_BOM = b"\xef\xbb\xbf"
DOCUMENTS = "documents"
BYTES = "bytes"


class Meter:
    """A run's total (in ``unit``; None when it cannot be known cheaply) and its progress.

    The ingest calls :meth:`settled` once per input read (stored, already known or rejected); the
    readers of local files call :meth:`at` (position in the file being read) and :meth:`finished`.
    """

    def __init__(self, unit: str = DOCUMENTS, total: int | None = None) -> None:
        self.unit = unit
        self.total = total
        self.documents = 0  # inputs settled
        self.bytes = 0  # bytes of local files read
        self._files = 0  # bytes of the files read to the end

    @property
    def completed(self) -> int:
        """Progress in ``unit``."""
        return self.bytes if self.unit == BYTES else self.documents

    def settled(self) -> None:
        """One input is done with (stored, known or rejected)."""
        self.documents += 1

    def at(self, offset: int) -> None:
        """The reader is at byte ``offset`` of the file it is reading."""
        self.bytes = self._files + offset

    def finished(self, path: Path) -> None:
        """A local file has been read to its end."""
        self._files += _size(path)
        self.bytes = self._files


def measure(paths: Iterable[str | Path]) -> Meter:
    """A meter whose total is what ``paths`` hold (``paths`` is walked here, so it must be a
    collection, not a one-shot iterator)."""
    documents: int | None = 0
    size: int | None = 0
    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            documents = None if documents is None else documents + 1
            size = None
        else:
            path = Path(raw)
            for file in walk(path) if path.is_dir() else (path,):
                count, nbytes = _count(file, lines=documents is not None)
                documents = None if documents is None or count is None else documents + count
                size = None if size is None or nbytes is None else size + nbytes
        if documents is None and size is None:
            break  # neither measure applies: a rate only
    if documents is not None:
        return Meter(DOCUMENTS, documents)
    return Meter(BYTES, size) if size is not None else Meter(DOCUMENTS, None)


def _count(path: Path, lines: bool = True) -> tuple[int | None, int | None]:
    """(documents, bytes) of one file; None where that measure does not apply (``lines``
    False: the documents are not needed, so a JSONL file is not scanned)."""
    name = path.name.lower()
    try:
        size = path.stat().st_size
        if name.endswith(".jsonl"):
            return (_jsonl_records(path) if lines else None), size
        if name.endswith((".warc", ".warc.gz")):
            return None, size
        if name.endswith(FEED_SUFFIXES):
            return None, None  # its entries are fetched: neither counted nor sized
        if name.endswith(".urls"):
            return _url_lines(path), None  # fetching, not reading the list, takes the time
    except OSError:
        return 1, 0  # the reader rejects it: one input
    return 1, size


def _jsonl_records(path: Path) -> int:
    """The non-blank lines of a file (what the JSONL reader reads), counted chunk by chunk: a
    line is never held whole, only whether the part of it read so far is blank."""
    count = 0
    open_line = False  # the line the last chunk ended in has a non-blank byte
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            first = chunk.find(b"\n")
            if first == -1:
                open_line = open_line or bool(chunk.strip())
                continue
            count += open_line or bool(chunk[:first].strip())
            last = chunk.rfind(b"\n")  # whole lines in between: all but the blank ones
            count += chunk.count(b"\n", first + 1, last + 1) - len(_BLANK_LINE.findall(chunk, first, last + 1))
            open_line = bool(chunk[last + 1:].strip())
    return count + open_line


def _url_lines(path: Path) -> int:
    """The lines of a URL list the reader takes as URLs (not blank, not ``#``), or rejects."""
    count = 0
    with path.open("rb") as fh:
        while raw := fh.readline(MAX_URL_LINE + 1):
            if len(raw) > MAX_URL_LINE and not raw.endswith(b"\n"):
                while (rest := fh.readline(MAX_URL_LINE)) and not rest.endswith(b"\n"):
                    pass
                count += 1  # rejected as too long: one input
                continue
            line = raw.removeprefix(_BOM).strip()
            count += bool(line) and not line.startswith(b"#")
    return count


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
