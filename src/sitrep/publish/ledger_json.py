"""Publish stage: the resolved ledger's JSON contract, one event a line (DESIGN.md, Publish).

::

    {id, type, sub_type, date, location, actor1, actor2, weapons, review, confidence,
     documents: [ref...], estimates: {category: {low, best, high, rule, rules, policy}},
     claims: [claim fields + {ref, document, published, superseded, superseded_by, appearance_of}],
     contradictions: [{category, kind, claims, claimants, note}]}

``rule`` is the rule behind ``best`` (the figure users quote); ``rules`` names the rule of each
of ``low``, ``best`` and ``high``. Extend this shape, never break it: scorers read it.
"""

from __future__ import annotations

from typing import Any

from ..models import _plain
from ..resolve.ledger import EventLedger, HistoryEntry
from .view import LedgerView


def event_record(view: LedgerView, ledger: EventLedger) -> dict[str, Any]:
    """One resolved event as the contract's JSON object."""
    ev = ledger.event
    refs = []
    for doc_id in ev.documents:
        doc = view.document(doc_id)
        refs.append(doc.ref if doc is not None else doc_id)
    return {
        "id": ev.id,
        "type": ev.type,
        "sub_type": ev.sub_type,
        "date": _plain(ev.date),
        "location": _plain(ev.location),
        "actor1": _plain(ev.actor1),
        "actor2": _plain(ev.actor2),
        "weapons": list(ev.weapons),
        "review": ev.review,
        "confidence": ev.confidence,
        "rules": ev.rules,
        "sources": ev.sources,
        "documents": refs,
        "estimates": {
            e.category: {
                "low": e.low, "best": e.best, "high": e.high, "rule": e.best_rule,
                "rules": {"low": e.low_rule, "best": e.best_rule, "high": e.high_rule},
                "policy": e.policy,
            }
            for e in ledger.estimates
        },
        "claims": [claim_record(view, h) for h in ledger.history],
        "contradictions": [
            {"category": c.category, "kind": c.kind, "claims": list(c.claims),
             "claimants": list(c.claimants), "note": c.note}
            for c in ledger.contradictions
        ],
    }


def claim_record(view: LedgerView, entry: HistoryEntry) -> dict[str, Any]:
    """One appearance of a claim: the article claim's fields plus where and when it appeared."""
    claim = view.claims.get(entry.claim_id)
    if claim is not None:
        record: dict[str, Any] = _plain(claim)
    else:  # the view was built without the article claims: what the history knows
        record = {
            "id": entry.claim_id, "category": entry.category, "low": entry.low,
            "high": entry.high, "central": entry.central, "qualifier": entry.qualifier,
            "claimant": _plain(entry.claimant), "stance": entry.stance, "vague": entry.vague,
            "evidence": [],
        }
    doc = view.document(entry.document_id)
    record.update(
        ref=doc.ref if doc is not None else entry.document_id,
        document=entry.document_id,
        published=entry.published,
        claimant_key=entry.claimant_key,
        superseded=entry.superseded_by is not None,
        superseded_by=entry.superseded_by,
        appearance_of=entry.appearance_of,
    )
    return record
