"""Engines: the same input ingested in this process, on a process pool and on a Dask
LocalCluster of two worker processes gives the same ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import Workspace
from sitrep.engines import make_engine
from sitrep.models import Extraction, to_json

STORY = Path(__file__).resolve().parents[1] / "examples" / "story"


def _ledger(db: Path) -> list[str]:
    with Workspace.open(db) as ws:
        rows = [json.dumps({"doc": d, **to_json(Extraction(None, claims=(c,)))["claims"][0]}, sort_keys=True)
                for c, d in ws.store.iter_claims()]
        events = [json.dumps(to_json(Extraction(None, events=(e,)))["events"][0], sort_keys=True)
                  for e in ws.store.iter_events()]
    return sorted(rows) + sorted(events)


def _ingest(db: Path, engine: str) -> tuple[int, int, int]:
    runner = make_engine(engine, workers=2)
    try:
        with Workspace.open(db) as ws:
            s = ws.ingest([STORY], engine=runner)
    finally:
        runner.close()
    return s.new, s.events, s.claims


@pytest.mark.parametrize("engine", ["pool", "dask"])
def test_engines_write_the_same_ledger_as_one_process(tmp_path, engine):
    one = _ingest(tmp_path / "single.db", "single")
    other = _ingest(tmp_path / f"{engine}.db", engine)
    assert one == other and one[0] == 13
    assert _ledger(tmp_path / "single.db") == _ledger(tmp_path / f"{engine}.db")


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")


def test_a_dask_worker_killed_mid_batch_loses_nothing(tmp_path):
    """SIGKILL one of the two workers while batches are in flight: its tasks run again on the
    restarted worker, and the ledger equals the one-process ledger of the same input."""
    import os
    import signal

    from sitrep.engines import BATCH, Dask

    examples = STORY.parent
    with Workspace.open(tmp_path / "single.db") as ws:
        reference = ws.ingest([examples])
    assert reference.new > 3 * BATCH  # several batches, so some are in flight at the kill
    engine = Dask(workers=2)
    killed = []
    try:
        pids = list(engine._client.run(os.getpid).values())
        with Workspace.open(tmp_path / "killed.db") as ws:
            def progress(ref: str, outcome: str) -> None:
                if not killed and outcome == "new":  # the first batch is back, others in flight
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])

            summary = ws.ingest([examples], engine=engine, progress=progress)
    finally:
        engine.close()
    assert killed
    assert (summary.new, summary.events, summary.claims) == (reference.new, reference.events, reference.claims)
    assert _ledger(tmp_path / "killed.db") == _ledger(tmp_path / "single.db")


def test_one_process_keeps_input_order_with_rejections_between_documents():
    from sitrep.engines import Single
    from sitrep.models import Document, Rejection

    items = [Document(id=f"d{i}", ref=f"r{i}", text=f"Police said {i + 2} people were killed in a blast.",
                      language="en") for i in range(20)]
    items.insert(3, Rejection(ref="bad", stage="ingest", code="empty", message="empty file"))
    out = list(Single().map(items))
    assert [x.rejected.ref if x.rejected else x.document.ref for x in out] == \
        [x.ref for x in items]
    assert [c.central for x in out if x.document for c in x.claims] == list(range(2, 22))


def test_an_article_that_makes_extraction_fail_is_rejected_and_the_batch_goes_on(monkeypatch):
    # a bug met on one article (any exception of a rule) must not stop the run: that article is
    # rejected with the error named, and every other article of its batch is extracted
    import sitrep.engines as engines
    from sitrep.engines import Single
    from sitrep.models import Document

    real = engines.extract

    def failing(document):
        if "boom" in document.text:
            raise KeyError("boom")
        return real(document)

    def failing_many(documents):
        return [failing(d) for d in documents]

    monkeypatch.setattr(engines, "extract", failing)
    monkeypatch.setattr(engines, "extract_many", failing_many)
    items = [Document(id=f"d{i}", ref=f"r{i}", text=f"Police said {i + 2} people were killed in a blast.",
                      language="en") for i in range(5)]
    items.insert(2, Document(id="x", ref="bad", text="A boom was heard; 4 people were killed.", language="en"))
    out = list(Single().map(items))
    assert [x.rejected.ref if x.rejected else x.document.ref for x in out] == [x.ref for x in items]
    rejected = out[2].rejected
    assert rejected is not None and (rejected.stage, rejected.code) == ("extract", "internal")
    assert "KeyError" in rejected.message
    assert [c.central for x in out if x.document for c in x.claims] == [2, 3, 4, 5, 6]
