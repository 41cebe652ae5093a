"""Docs cannot rot: every command and setting is documented, and the README opens with the two
commands CI and newcomers use."""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.cli import app
from sitrep.settings import TABLE

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_setup_and_test_commands_that_ci_runs():
    blocks = re.findall(r"```[a-z]*\n(.*?)```", README, re.S)
    setup, test = blocks[0].strip(), blocks[1].strip()
    assert "python3 -m venv .venv" in setup and "sitrep ingest examples" in setup
    assert "brief" in setup and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci, "the CI entry must run exactly the README's test command"


def test_every_command_is_in_the_readme():
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"sitrep {name}" in README, name


def test_every_setting_is_in_the_readme():
    for setting in TABLE:
        assert f"`{setting.name}`" in README, setting.name
