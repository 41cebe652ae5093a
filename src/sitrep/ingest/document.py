"""Ingest stage: build a Document from raw text and metadata (clean, language, id)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..annotate import detect_language
from ..clean import clean_text
from ..errors import NoBody
from ..gates import lowered
from ..models import Document
from ..settings import Settings

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over sidecar files for .txt inputs."""

    published: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, else None."""
    if not value:
        return None
    m = _ISO_DATE.search(str(value))
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def document_id(text: str) -> str:
    """Stable id: the first 16 hex digits of SHA-256 over the lower-cased, space-collapsed text.
    The lower case is ``gates.lowered``'s: extraction reads the article lower-cased too, and
    finds it kept."""
    norm = " ".join(lowered(text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def source_of(url: str | None) -> str | None:
    """The outlet's domain (without ``www.``) from a URL."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def make_document(
    ref: str, raw_text: str, *, settings: Settings, url: str | None = None,
    title: str | None = None, published: object = None, language: str | None = None,
    source: str | None = None,
) -> Document:
    """Clean a raw text into a Document. The headline, when known and not already the first
    line, becomes the first paragraph: it is part of what the outlet states.

    Raises:
        NoBody: the cleaned text is shorter than ``settings.min_chars``.
    """
    body = clean_text(raw_text)
    if len(body) < settings.min_chars:
        raise NoBody(f"no article text ({len(body)} characters after cleaning)", ref=ref)
    title = " ".join(title.split()) if title else None
    text = body
    if title and not body.lower().startswith(title.lower()[:60]):
        text = f"{clean_text(title)}\n\n{body}"
    lang = language or settings.language or detect_language(body)
    return Document(
        id=document_id(text), ref=ref, text=text, url=url or None, title=title,
        published=normalise_date(published), language=lang,
        source=source or source_of(url),
    )
