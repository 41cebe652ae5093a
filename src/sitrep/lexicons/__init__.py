"""Lexicons: the words sitrep's rules read, as versioned data files, one folder per language.

``load(name, language)`` reads ``lexicons/<language>/<name>.json`` once per process and returns
the parsed data. Adding a reporting verb or an actor is a data change, not a code change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError

DEFAULT_LANGUAGE = "en"


def available_languages() -> tuple[str, ...]:
    """Languages that have a lexicon folder."""
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


@lru_cache(maxsize=64)
def load(name: str, language: str = DEFAULT_LANGUAGE) -> Any:
    """Parsed ``lexicons/<language>/<name>.json`` (cached: loaded once per process)."""
    path = resources.files(__name__).joinpath(language, f"{name}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"no lexicon {name!r} for language {language!r}") from exc


_META = frozenset(".^$*+?{}[]\\|()")


def alternation(patterns: Iterable[str]) -> str:
    """One regex alternation for lexicon entries, longest first, fast to search.

    Entries that are plain words or phrases are merged into a prefix tree
    (``kill(?:ed|ing)?`` rather than ``killed|killing|kill``), so the regex engine tests one
    branch per character instead of every entry at every position; that is what keeps lists of
    hundreds of place names cheap. Entries with regex syntax stay as they are, tried first
    (longest first). Matching is the same as the plain longest-first alternation."""
    regexes = sorted({p for p in patterns if not _META.isdisjoint(p)}, key=len, reverse=True)
    literals = [p for p in patterns if _META.isdisjoint(p)]
    branches = regexes + ([literal_alternation(literals)] if literals else [])
    return "|".join(branches)


def words_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """Lexicon entries as whole words, case-insensitive: ``\b(?:entry|...)\b``."""
    return re.compile(rf"\b(?:{alternation(patterns)})\b", re.IGNORECASE)


def literal_alternation(words: Iterable[str]) -> str:
    """A prefix-tree alternation of literal strings (regex characters in them are escaped)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    if list(node) == [""]:
        return ""
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here; a longer one may go on (greedy: longer first)
        body = f"(?:{body})?"
    return body
