"""Store: two processes writing to one new SQLite file at once both succeed."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sitrep.models import Claim, Claimant, Document, Event, Extraction, Span
from sitrep.store import SQLiteStore, open_store

PER_PROCESS = 25


def _article(doc_id: str) -> Extraction:
    """A small article with one event and one claim (built here: spawned children import this)."""
    text = f"Report {doc_id}: three soldiers were killed in a strike, the army said."
    claim = Claim(
        id=f"{doc_id}:c0",
        category="killed",
        low=3,
        high=3,
        central=3,
        qualifier="exact",
        claimant=Claimant("the army", "XA", "military"),
        stance="asserts",
        evidence=(Span(0, len(text)),),
        event=f"{doc_id}:e0",
    )
    event = Event(id=f"{doc_id}:e0", claims=(claim.id,), evidence=(Span(0, len(text)),))
    doc = Document(id=doc_id, ref=f"{doc_id}.txt", text=text)
    return Extraction(document=doc, events=(event,), claims=(claim,))


def _writer(path: str, prefix: str, barrier) -> None:
    """Child process: open the (maybe not yet created) ledger and save articles."""
    barrier.wait(timeout=60)
    with open_store(path) as store:
        for i in range(PER_PROCESS):
            if not store.save(_article(f"{prefix}-{i:03d}")):
                raise AssertionError(f"{prefix}-{i:03d} was not written")


def test_two_processes_save_different_documents_concurrently(tmp_path: Path):
    path = tmp_path / "shared.db"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    workers = [
        ctx.Process(target=_writer, args=(str(path), prefix, barrier)) for prefix in ("p1", "p2")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]

    with SQLiteStore(path) as store:
        assert store.counts() == {
            "documents": 2 * PER_PROCESS,
            "events": 2 * PER_PROCESS,
            "claims": 2 * PER_PROCESS,
            "rejected": 0,
            "resolved_events": 0,
        }
        assert store.applied_migrations == []
        assert store.schema_version() == 4
        ids = {d.id for d in store.iter_documents()}
    assert ids == {f"{p}-{i:03d}" for p in ("p1", "p2") for i in range(PER_PROCESS)}


def _racer(url: str, order: int, barrier) -> None:
    """Child process: save the same 30 articles as the other racers, in its own order."""
    ids = [f"shared-{i:03d}" for i in range(30)]
    barrier.wait(timeout=60)
    with open_store(url) as store:
        for doc_id in ids[order::1] + ids[:order]:
            store.save(_article(doc_id))


def test_parallel_writers_on_postgresql_store_each_article_once(fresh_database):
    """Four processes race to save the same 30 articles (and to create the schema): every
    article, event and claim is stored exactly once."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    workers = [ctx.Process(target=_racer, args=(fresh_database, k * 7, barrier)) for k in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    with open_store(fresh_database) as store:
        counts = store.counts()
        assert (counts["documents"], counts["events"], counts["claims"]) == (30, 30, 30)
        assert store.applied_migrations == []
