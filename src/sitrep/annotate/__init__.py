"""Annotate stage: facts about a cleaned text that later stages read (its language)."""

from .language import detect_language

__all__ = ["detect_language"]
