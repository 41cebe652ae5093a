"""Ingest stage: JSONL corpora, one article a line.

Each line: ``id``, ``text`` or ``html``, and optional ``url``, ``title``, ``published`` (or
``date``), ``language``, ``source``. The record's ``id`` becomes ``Document.ref`` (else
``PATH:LINE``). A bad line becomes a rejection naming ``PATH:LINE`` and the next lines go on;
the size limit applies to each record, so a corpus file may be large.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadJSON, SitrepError, TooLarge
from ..models import Document, Rejection
from ..settings import Settings
from .document import make_document
from .html import document_from_html


def read_jsonl_file(path: Path, settings: Settings) -> Iterator[Document | Rejection]:
    """Documents and rejections of a JSONL file, line by line."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                yield _record(raw, where, settings)
            except SitrepError as exc:
                yield exc.to_rejection(ref=where if exc.ref in (None, where) else exc.ref, stage="ingest")


def _record(raw: bytes, where: str, settings: Settings) -> Document:
    if len(raw) > settings.max_bytes:
        raise TooLarge(f"record of {len(raw)} bytes is over the limit of {settings.max_bytes}", ref=where)
    try:
        rec = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadJSON(f"line is not JSON ({str(exc).splitlines()[0]})", ref=where) from exc
    if not isinstance(rec, dict):
        raise BadJSON("line is not a JSON object", ref=where)
    text, html = rec.get("text"), rec.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise BadJSON("record has no 'text' or 'html' string", ref=where)
    ref = str(rec["id"]) if rec.get("id") is not None else where
    meta = {k: (str(rec[k]) if rec.get(k) is not None else None)
            for k in ("url", "title", "language", "source")}
    published = rec.get("published") or rec.get("date")
    if isinstance(text, str) and text.strip():
        return make_document(ref, text, settings=settings, published=published, **meta)
    return document_from_html(ref, html or "", settings, published=published, **meta)
