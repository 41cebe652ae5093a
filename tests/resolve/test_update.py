"""update_ledger: the stored resolved ledger is incremental, idempotent and policy-aware."""

from __future__ import annotations

import sqlite3

from resolve_builders import article
from test_resolver import _corpus

from sitrep.models import Document, Extraction
from sitrep.resolve import ResolveSettings
from sitrep.resolve.update import update_ledger
from sitrep.store import SQLiteStore
from sitrep.store import migrations as store_migrations


def _save(store, arts):
    for a in arts:
        doc = Document(a.document_id, a.ref, a.text, published=a.published, source=a.source)
        store.save(Extraction(doc, a.events, a.claims))


def _tables(path):
    with sqlite3.connect(path) as raw:
        return {
            t: raw.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("resolved_events", "resolved_members", "estimates", "contradictions",
                      "duplicates", "event_documents")
        } | {"history": raw.execute(
            "SELECT event_id, claim_id, superseded_by, appearance_of, claimant_key FROM claim_history "
            "ORDER BY 1, 2").fetchall()}


def test_update_rerunning_changes_nothing_and_split_runs_equal_one(tmp_path):
    corpus = _corpus()
    one = tmp_path / "one.db"
    with SQLiteStore(one) as store:
        _save(store, corpus)
        first = update_ledger(store)
        assert (first.new_documents, first.events, first.written) == (4, 2, 2)
        before = _tables(one)
        again = update_ledger(store)
        assert (again.new_documents, again.written) == (0, 0)
    assert _tables(one) == before
    split = tmp_path / "split.db"
    with SQLiteStore(split) as store:
        _save(store, corpus[2:])
        update_ledger(store)
        _save(store, corpus[:2])
        second = update_ledger(store)
        assert second.written == 1  # only the market event: the depot is untouched
    assert _tables(split) == before


def test_update_a_new_policy_rewrites_every_estimate(tmp_path):
    with SQLiteStore(tmp_path / "p.db") as store:
        _save(store, _corpus())
        update_ledger(store)
        s = update_ledger(store, ResolveSettings(policy="median"))
        assert s.written == 2
        assert {e.policy for led in store.iter_ledgers() for e in led.estimates} == {"median"}


def test_update_ledgers_read_back_equal_what_was_resolved(tmp_path):
    from sitrep.resolve import resolve

    corpus = _corpus()
    with SQLiteStore(tmp_path / "r.db") as store:
        _save(store, corpus)
        update_ledger(store)
        stored = sorted(store.iter_ledgers(), key=lambda led: led.event.id)
    assert stored == sorted(resolve(corpus), key=lambda led: led.event.id)


def test_update_a_version_2_ledger_is_migrated_and_resolved(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(store_migrations, "MIGRATIONS", store_migrations.MIGRATIONS[:2])
    with SQLiteStore(path) as store:
        _save(store, [article("x", "2024-03-04", "A plain report with no events.", (), ())])
    monkeypatch.undo()
    with SQLiteStore(path) as store:
        assert store.applied_migrations == [3, 4]
        assert update_ledger(store).new_documents == 1
    with sqlite3.connect(path) as raw:
        cols = [r[1] for r in raw.execute("PRAGMA table_info(claim_history)")]
    assert cols[-2:] == ["claimant_key", "appearance_of"]


def test_update_with_nothing_new_reads_no_article(tmp_path):
    """A run with nothing ingested since the last one answers from the stored state alone
    (brief and export call resolve first, so this must be cheap on a big ledger)."""
    from pathlib import Path

    from sitrep import Workspace

    story = Path(__file__).resolve().parents[2] / "examples" / "story"
    with Workspace.open(tmp_path / "n.db") as ws:
        ws.ingest(sorted(story.glob("0[12]-*.txt")))
        first = ws.resolve()
        assert first.new_documents == 2

        def boom():
            raise AssertionError("articles were read")

        ws.store.iter_articles = boom  # type: ignore[method-assign]
        again = ws.resolve()
        assert (again.new_documents, again.written, again.events) == (0, 0, first.events)


def test_update_reads_only_the_window_new_articles_can_link_to(tmp_path):
    """Attaching a new report reads the articles within the linking window (and the events and
    wire copies they belong to), not the whole ledger, and gives what one full run gives."""
    from resolve_builders import market_report
    old = market_report("old", "2023-11-20", 3, "An older report from Riverton, months before.", "Tribune")
    corpus = [old, *_corpus()]
    full = tmp_path / "full.db"
    with SQLiteStore(full) as store:
        _save(store, corpus)
        update_ledger(store)
    inc = tmp_path / "inc.db"
    with SQLiteStore(inc) as store:
        _save(store, [old, *corpus[1:3]])
        update_ledger(store)
        _save(store, corpus[3:])
        read: list[str] = []
        original = store.iter_articles

        def spy(ids=None):
            for a in original(ids):
                read.append(a.document_id)
                yield a

        store.iter_articles = spy  # type: ignore[method-assign]
        summary = update_ledger(store)
        assert "old" not in read and {"m1", "m2", "m3"} <= set(read)
        assert summary.events == 3
    assert _tables(inc) == _tables(full)


def test_update_counts_new_documents_that_are_wire_copies_once_per_copy(tmp_path):
    """``wire_copies``: the new documents that copy an earlier one (a group of three is two
    copies), whichever run brings them; ``copies`` counts the links (pairs) found."""
    import json
    from pathlib import Path

    from sitrep import Workspace

    story = Path(__file__).resolve().parents[2] / "examples" / "story"
    groups = json.loads((story / "gold.json").read_text(encoding="utf-8"))["wire_copies"]
    expected = sum(len(g) - 1 for g in groups)
    assert expected == 5
    with Workspace.open(tmp_path / "one.db") as ws:
        ws.ingest([story])
        whole = ws.resolve()
    assert (whole.new_documents, whole.wire_copies) == (13, expected) and whole.copies >= expected
    with Workspace.open(tmp_path / "split.db") as ws:
        ws.ingest(sorted(story.glob("0[1-4]-*.txt")))  # the first wire story and its two copies
        first = ws.resolve()
        ws.ingest([story])
        second = ws.resolve()
        third = ws.resolve()
    assert (first.wire_copies, second.wire_copies, third.wire_copies) == (2, expected - 2, 0)


def test_update_takes_the_resolution_turn_only_when_there_is_work(tmp_path):
    """A run with work holds the ledger's turn (one resolution at a time); a ledger already up
    to date is answered without waiting for it."""
    from contextlib import contextmanager

    class Spy(SQLiteStore):
        turns = 0

        @contextmanager
        def resolving(self, timeout=600.0):
            Spy.turns += 1
            with super().resolving(timeout):
                yield

    with Spy(tmp_path / "spy.db") as store:
        _save(store, _corpus())
        update_ledger(store)
        assert Spy.turns == 1
        update_ledger(store)  # nothing new
        assert Spy.turns == 1
        update_ledger(store, ResolveSettings(policy="median"))  # a new policy is work
        assert Spy.turns == 2
