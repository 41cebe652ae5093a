"""Shared fixtures: where the acceptance data lives, and the rule for skipping without it.

``../shared/data`` sits beside the checkout in CI. A user's fresh clone may not have it: tests
that read it skip with a reason then, except under ``CI=true`` where they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")) / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or a skip (a failure under CI=true) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI=true requires the shared acceptance data")
        pytest.skip(f"{path} is absent (the shared acceptance data is not beside this checkout)")
    return path


@pytest.fixture
def seed_text_path() -> Path:
    return shared_path("seed", "makiivka-2023-01-02.txt")


@pytest.fixture
def seed_gold_path() -> Path:
    return shared_path("seed", "makiivka-2023-01-02.gold.json")


@pytest.fixture
def gva_path() -> Path:
    return shared_path("dev", "gva.jsonl")


@pytest.fixture
def html_dir() -> Path:
    return shared_path("html")


from postgres_db import fresh_database  # noqa: E402,F401  (a fixture: a fresh PostgreSQL database)
