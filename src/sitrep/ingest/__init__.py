"""Ingest stage: sources → cleaned :class:`~sitrep.models.Document` (or a Rejection).

::

    read_sources(paths)          files.py: walk paths, dispatch on the extension
      ├── .txt (+ NAME.meta.json)  text.py
      ├── .html / .htm             html.py (trafilatura: main text, title, date, site)
      └── .jsonl                   jsonl.py (one article a line)
    make_document(...)           document.py: clean, detect language, stable id

Bad input is data, not a crash: each yields a :class:`~sitrep.models.Rejection` with a one-line
message naming the file (and line), and the rest of the batch goes on. Everything streams: a
directory is walked lazily and a JSONL file is read line by line.
"""

from .document import Overrides, make_document
from .files import read_sources

__all__ = ["Overrides", "make_document", "read_sources"]
