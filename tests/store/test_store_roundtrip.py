"""Store: what is saved reads back exactly, once, and all or nothing."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.errors import StoreError
from sitrep.models import Extraction, Rejection, Span
from sitrep.store import SQLiteStore, Store


def test_sqlite_store_meets_the_store_protocol(store):
    assert isinstance(store, Store)


def test_save_then_read_back_gives_equal_events_and_claims(store, sample):
    assert store.save(sample) is True

    assert store.get_document(sample.document.id) == sample.document
    assert list(store.iter_documents()) == [sample.document]
    assert list(store.iter_events()) == list(sample.events)
    assert list(store.iter_events(document_id=sample.document.id)) == list(sample.events)
    assert [c for c, _ in store.iter_claims()] == list(sample.claims)
    assert {doc for _, doc in store.iter_claims()} == {sample.document.id}
    for ev in sample.events:
        assert store.get_event(ev.id) == ev


def test_round_trip_keeps_two_spans_running_total_and_via(store, sample):
    store.save(sample)
    claims = {c.id: c for c, _ in store.iter_claims()}
    two_spans, relayed, total = (claims[c.id] for c in sample.claims)
    assert len(two_spans.evidence) == 2
    assert two_spans.evidence == sample.claims[0].evidence
    assert relayed.claimant.via == ("Northwire",)
    assert relayed.rules == "casualties.rules.v2"
    assert total.event is None
    assert total.review == "confirmed"


def test_evidence_rows_copy_the_sentence(store, sample):
    store.save(sample)
    text = sample.document.text
    with store._engine.connect() as conn:
        rows = conn.exec_driver_sql('SELECT start, "end", sentence FROM evidence').all()
    assert len(rows) == 4
    for start, end, sentence in rows:
        assert sentence == text[start:end]
        assert sentence.endswith(".")


def test_iter_claims_filters_by_event_document_and_category(store, sample, build):
    other = build("doc-b2", ref="other.txt")
    store.save(sample)
    store.save(other)
    killed = [c.id for c, _ in store.iter_claims(category="killed")]
    assert killed == ["doc-a1:c0", "doc-a1:c2", "doc-b2:c0", "doc-b2:c2"]
    by_event = list(store.iter_claims(event_id="doc-b2:e1"))
    assert [(c.id, d) for c, d in by_event] == [("doc-b2:c1", "doc-b2")]
    by_doc = [c.id for c, _ in store.iter_claims(document_id="doc-b2", category="injured")]
    assert by_doc == ["doc-b2:c1"]
    assert list(store.iter_claims(event_id="doc-a1:e0", category="injured")) == []
    assert [e.id for e in store.iter_events(document_id="doc-b2")] == ["doc-b2:e0", "doc-b2:e1"]


def test_iteration_pages_through_many_documents_in_storage_order(store, build, monkeypatch):
    monkeypatch.setattr("sitrep.store.sqlite._PAGE", 3)
    ids = [f"doc-{i:02d}" for i in range(8)]
    for doc_id in ids:
        store.save(build(doc_id, ref=f"{doc_id}.txt"))
    assert [d.id for d in store.iter_documents()] == ids
    assert [e.id for e in store.iter_events()] == [f"{d}:e{i}" for d in ids for i in (0, 1)]
    assert len([c for c, _ in store.iter_claims(category="injured")]) == 8


def test_missing_ids_read_as_none(store):
    assert store.get_document("nope") is None
    assert store.get_event("nope") is None
    assert store.has_document("nope") is False
    assert list(store.iter_events(document_id="nope")) == []


def test_saving_the_same_extraction_twice_changes_nothing(store, sample):
    assert store.save(sample) is True
    before = store.counts()
    assert store.save(sample) is False
    assert store.counts() == before == {"documents": 1, "events": 2, "claims": 3, "rejected": 0, "resolved_events": 0}
    assert list(store.iter_events()) == list(sample.events)


def test_a_save_failing_midway_leaves_nothing_behind(store, sample, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SQLiteStore, "_insert_claims", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(sample)
    assert store.counts() == {"documents": 0, "events": 0, "claims": 0, "rejected": 0, "resolved_events": 0}
    assert store.has_document(sample.document.id) is False
    assert store.search("Riverton") == []

    monkeypatch.undo()
    assert store.save(sample) is True
    assert store.counts()["claims"] == 3


def test_a_database_error_midway_is_a_store_error_and_rolls_back(store, sample):
    # a new document whose event ids are already stored: consistent on its own, so the checks
    # pass, and the events' primary key refuses it after the document row is written
    store.save(sample)
    clash = dataclasses.replace(sample.document, id="doc-z9", ref="clash.txt")
    with pytest.raises(StoreError):
        store.save(dataclasses.replace(sample, document=clash))
    assert store.has_document("doc-z9") is False
    assert store.counts()["documents"] == 1


def test_a_rejected_extraction_is_recorded_as_a_rejection(store):
    rejection = Rejection("empty.txt", "ingest", "empty", "no text")
    assert store.save(Extraction(document=None, rejected=rejection)) is True
    assert store.save(Extraction(document=None, rejected=rejection)) is False
    assert store.list_rejected() == [rejection]
    assert store.counts()["documents"] == 0


def test_inconsistent_extractions_are_refused_before_writing(store, sample):
    stray = dataclasses.replace(sample.claims[0], event="doc-a1:e7")
    with pytest.raises(StoreError, match="not in the extraction"):
        store.save(dataclasses.replace(sample, claims=(stray, *sample.claims[1:])))
    unlisted = dataclasses.replace(sample.events[0], claims=())
    with pytest.raises(StoreError, match="lists claims"):
        store.save(dataclasses.replace(sample, events=(unlisted, sample.events[1])))
    outside = dataclasses.replace(sample.claims[0], evidence=(Span(0, 10_000),))
    with pytest.raises(StoreError, match="outside the text"):
        store.save(dataclasses.replace(sample, claims=(outside, *sample.claims[1:])))
    with pytest.raises(StoreError):
        store.save(Extraction(document=None))
    assert store.counts()["documents"] == 0


def test_repeated_spans_in_one_claim_are_stored_once(store, sample):
    first = sample.claims[0]
    doubled = dataclasses.replace(first, evidence=first.evidence + first.evidence[:1])
    store.save(dataclasses.replace(sample, claims=(doubled, *sample.claims[1:])))
    stored = next(c for c, _ in store.iter_claims() if c.id == first.id)
    assert stored.evidence == first.evidence
