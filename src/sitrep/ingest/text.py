"""Ingest stage: plain-text articles, with an optional ``NAME.meta.json`` sidecar."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import BadJSON
from ..models import Document
from ..settings import Settings
from .document import Overrides, make_document
from .guards import check_binary, check_size, decode_utf8


def read_meta(path: Path) -> dict[str, object]:
    """The sidecar ``NAME.meta.json`` of ``NAME.txt``, or {} when there is none."""
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadJSON(f"unreadable sidecar {meta.name}: {exc}", ref=str(path)) from exc
    if not isinstance(data, dict):
        raise BadJSON(f"sidecar {meta.name} is not a JSON object", ref=str(path))
    return data


def read_text_file(path: Path, settings: Settings, overrides: Overrides | None) -> Document:
    """One .txt article; flags override the sidecar, which overrides nothing else."""
    check_size(path, settings.max_bytes)
    data = path.read_bytes()
    check_binary(data, str(path))
    raw = decode_utf8(data, str(path))
    meta = read_meta(path)
    o = overrides or Overrides()

    def pick(flag: str | None, key: str) -> str | None:
        value = flag if flag is not None else meta.get(key)
        return None if value is None else str(value)

    return make_document(
        str(path), raw, settings=settings, url=pick(o.url, "url"), title=pick(o.title, "title"),
        published=pick(o.published, "published") or meta.get("date"),
        language=pick(o.language, "language"), source=pick(None, "source"),
    )
