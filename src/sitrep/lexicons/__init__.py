"""Lexicons: the words sitrep's rules read, as versioned data files, one folder per language.

``load(name, language)`` reads ``lexicons/<language>/<name>.json`` once per process and returns
the parsed data. Adding a reporting verb or an actor is a data change, not a code change.
"""

from __future__ import annotations

import json
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
