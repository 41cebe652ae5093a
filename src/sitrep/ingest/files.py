"""Ingest stage: walk paths and dispatch each file on its extension."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, SitrepError, Unsupported
from ..models import Document, Rejection
from ..settings import Settings
from .document import Overrides
from .html import read_html_file
from .jsonl import read_jsonl_file
from .text import read_text_file

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_SKIP_SUFFIXES = (".meta.json", ".gold.json")


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


def read_file(path: Path, settings: Settings, overrides: Overrides | None) -> Iterator[Document | Rejection]:
    """Documents (or rejections) of one file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl_file(path, settings)
        elif suffix in (".html", ".htm"):
            yield read_html_file(path, settings, overrides)
        elif suffix == ".txt":
            yield read_text_file(path, settings, overrides)
        else:
            raise Unsupported(
                f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm or .jsonl", ref=str(path)
            )
    except SitrepError as exc:
        yield exc.to_rejection(ref=str(path), stage="ingest")
    except OSError as exc:
        yield Rejection(str(path), "ingest", "input", f"cannot read: {exc.strerror or exc}")


def read_sources(
    paths: Iterable[str | Path], *, settings: Settings, overrides: Overrides | None = None
) -> Iterator[Document | Rejection]:
    """Every Document (or Rejection) from files, directories and JSONL corpora, in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, settings, overrides)
        elif path.exists():
            yield from read_file(path, settings, overrides)
        else:
            yield InputError("no such file or directory", ref=str(path)).to_rejection(stage="ingest")
