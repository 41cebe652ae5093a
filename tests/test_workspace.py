"""Workspace.ingest: the run summary, the resolution that may follow it, and the meter it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import Workspace
from sitrep.errors import ConfigError
from sitrep.ingest import measure

STORY = Path(__file__).resolve().parents[1] / "examples" / "story"


def test_ingest_then_resolve_reports_wire_copies_and_the_ledger(tmp_path):
    paths = [STORY, STORY / "01-wire-russia-claims.txt", tmp_path / "missing.txt"]
    outcomes: list[str] = []
    meter = measure(paths)
    assert meter.total == 15
    with Workspace.open(tmp_path / "l.db") as ws:
        s = ws.ingest(paths, progress=lambda ref, outcome: outcomes.append(outcome), meter=meter,
                      resolve=True)
    assert (s.read, s.new, s.known, len(s.rejected)) == (15, 13, 1, 1)
    assert meter.completed == meter.documents == meter.total
    assert outcomes[-1] == "resolving" and outcomes.count("new") == 13
    assert s.resolved is not None and s.wire_copies == 5
    d = s.as_dict()
    assert d["duplicates"] == {"exact": 1, "wire_copies": 5}
    assert d["rejected_by_code"] == {"input": 1} and d["resolve"]["events"] == s.resolved.events
    assert d["seconds"] >= round(s.resolved.seconds, 3)


def test_ingest_resolves_only_when_asked_and_checks_the_policy_first(tmp_path):
    with Workspace.open(tmp_path / "l.db") as ws:
        with pytest.raises(ConfigError, match="unknown policy"):
            ws.ingest([STORY], resolve=True, policy="optimistic")
        assert ws.store.counts()["documents"] == 0
        s = ws.ingest([STORY])
        assert s.resolved is None and s.wire_copies is None
        assert s.as_dict()["resolve"] is None and s.as_dict()["duplicates"]["wire_copies"] is None
        assert ws.store.resolve_status()[1] == 0
