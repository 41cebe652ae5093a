"""The library API over a resolved ledger: a Workspace ingests, resolves on demand, and hands
out resolved events, DataFrames, exports and briefs, the same ones the CLI writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sitrep import Workspace
from sitrep.errors import SitrepError
from sitrep.publish import frames, tables

STORY = Path(__file__).resolve().parents[2] / "examples" / "story"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    db = tmp_path_factory.mktemp("lib") / "l.db"
    with Workspace.open(db) as w:
        w.ingest([STORY])
        yield w


def test_events_frame_has_one_row_per_resolved_event_with_typed_estimates(ws) -> None:
    df = ws.events_frame()
    assert list(df.columns) == list(frames.EVENT_COLUMNS)
    assert len(df) == len(ws.ledgers()) > 0
    assert str(df["killed_best"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    top = df.sort_values("sources", ascending=False).iloc[0]
    assert top["sources"] >= 3 and top["documents"] >= top["sources"]


def test_claims_frame_matches_the_parquet_table(ws) -> None:
    df = ws.claims_frame()
    assert list(df.columns) == [name for name, _ in tables.COLUMNS]
    assert len(df) == sum(len(led.history) for led in ws.ledgers())
    assert str(df["central"].dtype) == "Int64"


def test_brief_of_a_member_event_is_the_brief_of_its_resolved_event(ws) -> None:
    led = max(ws.ledgers(), key=lambda led: led.event.sources)
    member = led.event.members[-1]
    assert ws.brief(member) == ws.brief(led.event.id)
    page = ws.brief(led.event.id, "html")
    assert page.startswith("<!doctype html>") and "<script" not in page
    with pytest.raises(SitrepError, match="no event"):
        ws.brief("no-such-event")


def test_resolving_again_changes_nothing(ws) -> None:
    before = [led for led in ws.ledgers()]
    summary = ws.resolve()
    assert summary.new_documents == 0 and summary.written == 0
    assert ws.ledgers() == before


def test_a_rejected_article_never_reaches_the_resolved_ledger(tmp_path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02 killed 40 people \x00" * 50)
    (bad / "empty.txt").write_text("", encoding="utf-8")
    with Workspace.open(tmp_path / "r.db") as w:
        w.ingest([bad, *sorted(STORY.glob("0[1-3]-*.txt"))])
        rejected = {r.ref for r in w.store.list_rejected()}
        assert {str(bad / "binary.txt"), str(bad / "empty.txt")} <= rejected
        refs = {w.store.get_document(d).ref for led in w.ledgers() for d in led.event.documents}
        assert refs and not refs & rejected
        assert all(h.document_id in {d.id for d in w.store.iter_documents()}
                   for led in w.ledgers() for h in led.history)
