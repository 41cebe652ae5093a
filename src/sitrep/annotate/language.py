"""Annotate stage: the language of an article body (lingua, low-accuracy mode, short list).

The detector is built once per process. Low-accuracy mode over a short list of languages is
fast (hundreds of thousands of words a second) and right on article bodies; it misreads very
short texts, so callers pass the body, not the headline, and texts under ``MIN_CHARS`` get None.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MIN_CHARS = 40
LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "ARABIC", "POLISH", "TURKISH",
)


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str, sample: int = 1200) -> str | None:
    """ISO 639-1 code (lowercase) of the text's language, or None when too short or unsure."""
    body = text[:sample]
    if len(body.strip()) < MIN_CHARS:
        return None
    language = _detector().detect_language_of(body)
    return None if language is None else language.iso_code_639_1.name.lower()
