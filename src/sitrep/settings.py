"""Settings: declared once as a table, read from defaults, a TOML file, ``SITREP_*`` variables.

The same table feeds ``sitrep settings`` and the docs. Stages never read the environment
themselves: the shells build a :class:`Settings` and pass it down.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


TABLE: tuple[Setting, ...] = (
    Setting("db", "sitrep.db", "ledger file (SQLite) used by ingest, claims, events and brief"),
    Setting("max_bytes", 20 * 1024 * 1024, "inputs larger than this many bytes are rejected"),
    Setting("min_chars", 8, "a cleaned text shorter than this is rejected as having no body (a headline alone is a text)"),
    Setting("language", "", "force this language code instead of detecting it"),
    Setting("fetch_timeout", 20.0, "seconds allowed for one HTTP request of a URL input, connect to last byte"),
    Setting("fetch_rate", 1.0, "HTTP requests per second to any one host (0: no limit; robots.txt Crawl-delay can slow it)"),
    Setting("fetch_allow_hosts", "", "hosts, addresses or networks (comma-separated) that URL inputs may reach although private, loopback or link-local"),
    Setting("user_agent", "sitrep/0.1 (news ingest; respects robots.txt)", "User-Agent sent with HTTP requests and matched against robots.txt"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "sitrep.db"
    max_bytes: int = 20 * 1024 * 1024
    min_chars: int = 8
    language: str = ""
    fetch_timeout: float = 20.0
    fetch_rate: float = 1.0
    fetch_allow_hosts: str = ""
    user_agent: str = "sitrep/0.1 (news ingest; respects robots.txt)"

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given non-None values changed."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, value: Any) -> Any:
    default = next(s.default for s in TABLE if s.name == name)
    try:
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} as {type(default).__name__}") from exc


def load_settings(
    config: str | Path | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Defaults, then a TOML file (``sitrep.toml`` if present), then ``SITREP_*`` variables."""
    values: dict[str, Any] = {}
    names = {f.name for f in fields(Settings)}
    path = Path(config) if config else Path("sitrep.toml")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        for key, value in data.get("sitrep", data).items():
            if key not in names:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, value)
    elif config:
        raise ConfigError(f"{path}: no such config file")
    env = os.environ if environ is None else environ
    for name in names:
        key = f"SITREP_{name.upper()}"
        if key in env:
            values[name] = _coerce(name, env[key])
    return Settings(**values)
