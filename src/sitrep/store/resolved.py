"""Store stage: the resolved ledger's rows (any SQL backend), written and read over a connection.

``sitrep resolve`` reads the articles (:func:`article_pages`) and what earlier runs decided
(:func:`read_state`), and writes the resolved events it changed (:func:`write_resolution`):
each is replaced whole, with its members, estimates, contradictions, claim history and its
``event_documents`` links, and any resolved event it absorbed is removed. :func:`read_ledgers`
rebuilds :class:`~sitrep.resolve.ledger.EventLedger` objects for the publishers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..models import Actor, Claimant, EventDate, Location
from ..resolve.duplicates import DuplicateLink, from_bytes, to_bytes
from ..resolve.ledger import Contradiction, Estimate, EventLedger, HistoryEntry, ResolvedEvent
from . import schema


@dataclass(frozen=True, slots=True)
class ResolveState:
    """What earlier resolve runs decided."""

    groups: dict[str, str]  # article event id -> resolved event id
    copies: list[tuple[str, str]]  # wire-copy pairs of document ids
    signatures: dict[str, tuple[int, ...]]  # documents already resolved
    policy: str | None  # the policy of the stored estimates (None before the first run)


def read_state(conn: sa.Connection) -> ResolveState:
    """The memberships, wire-copy links, signatures and policy stored by earlier runs."""
    rm, dup, sig, re_ = (
        schema.resolved_members,
        schema.duplicates,
        schema.signatures,
        schema.resolved_events,
    )
    groups = {r[0]: r[1] for r in conn.execute(sa.select(rm.c.event_id, rm.c.resolved_id))}
    copies = [(a, b) for a, b in conn.execute(sa.select(dup.c.document_id, dup.c.copy_of))]
    signatures = {
        d: from_bytes(m) for d, m in conn.execute(sa.select(sig.c.document_id, sig.c.minhash))
    }
    policy = conn.scalar(sa.select(re_.c.policy).order_by(re_.c.id).limit(1))
    return ResolveState(groups, copies, signatures, policy)


def status(conn: sa.Connection) -> tuple[str | None, int]:
    """The stored estimates' policy and how many documents are resolved (two cheap queries:
    what a run checks before deciding it has anything to do)."""
    re_, sig = schema.resolved_events, schema.signatures
    policy = conn.scalar(sa.select(re_.c.policy).order_by(re_.c.id).limit(1))
    resolved = int(conn.scalar(sa.select(sa.func.count()).select_from(sig)) or 0)
    return policy, resolved


def _event_row(e: ResolvedEvent, policy: str) -> dict[str, Any]:
    loc, d = e.location, e.date
    return {
        "id": e.id,
        "type": e.type,
        "sub_type": e.sub_type,
        "date_earliest": d.earliest,
        "date_latest": d.latest,
        "date_precision": d.precision,
        "location_name": loc.name,
        "location_admin1": loc.admin1,
        "location_country": loc.country,
        "location_lat": loc.lat,
        "location_lon": loc.lon,
        "location_geonameid": loc.geonameid,
        "location_precision": loc.precision,
        "actor1_name": e.actor1.name if e.actor1 else None,
        "actor1_side": e.actor1.side if e.actor1 else None,
        "actor2_name": e.actor2.name if e.actor2 else None,
        "actor2_side": e.actor2.side if e.actor2 else None,
        "weapons": list(e.weapons),
        "documents": len(e.documents),
        "sources": e.sources,
        "review": e.review,
        "confidence": e.confidence,
        "rules": e.rules,
        "policy": policy,
    }


def _history_row(h: HistoryEntry) -> dict[str, Any]:
    return {
        "event_id": h.event_id,
        "category": h.category,
        "claimant_name": h.claimant.name,
        "claimant_side": h.claimant.side,
        "claim_id": h.claim_id,
        "document_id": h.document_id,
        "published": h.published,
        "low": h.low,
        "high": h.high,
        "central": h.central,
        "qualifier": h.qualifier,
        "stance": h.stance,
        "superseded_by": h.superseded_by,
        "claimant_key": h.claimant_key,
        "appearance_of": h.appearance_of,
    }


def _delete_resolved(conn: sa.Connection, ids: Sequence[str]) -> None:
    """Remove resolved events and everything hanging from them."""
    if not ids:
        return
    rm, ed, ev = schema.resolved_members, schema.event_documents, schema.events
    for table in (schema.estimates, schema.contradictions, schema.claim_history):
        conn.execute(sa.delete(table).where(table.c.event_id.in_(ids)))
    conn.execute(sa.delete(rm).where(rm.c.resolved_id.in_(ids)))
    own = sa.select(ev.c.id).where(
        (ev.c.id == ed.c.event_id) & (ev.c.document_id == ed.c.document_id)
    )
    conn.execute(sa.delete(ed).where(ed.c.event_id.in_(ids) & ~sa.exists(own)))
    conn.execute(sa.delete(schema.resolved_events).where(schema.resolved_events.c.id.in_(ids)))


def write_resolution(
    conn: sa.Connection,
    ledgers: Iterable[EventLedger],
    links: Iterable[DuplicateLink],
    signatures: dict[str, tuple[int, ...]],
    policy: str,
) -> int:
    """Replace the given resolved events (and those they absorbed); record copies, signatures.

    Returns:
        The number of resolved events written.
    """
    rm = schema.resolved_members
    # links and signatures are only ever found for documents resolved for the first time
    link_rows = [{"document_id": k.b, "copy_of": k.a, "similarity": k.similarity} for k in links]
    if link_rows:
        conn.execute(sa.insert(schema.duplicates), link_rows)
    if signatures:
        rows = [{"document_id": d, "minhash": to_bytes(s)} for d, s in sorted(signatures.items())]
        conn.execute(sa.insert(schema.signatures), rows)
    written = 0
    ledgers = list(ledgers)
    # every resolved event a new ledger replaces or absorbs goes first, so that a ledger written
    # earlier in the batch is never deleted by a later one (a split writes two)
    stale: set[str] = set()
    for led in ledgers:
        e = led.event
        stale |= set(conn.scalars(sa.select(rm.c.resolved_id).where(rm.c.event_id.in_(e.members))))
        stale.add(e.id)
    _delete_resolved(conn, sorted(stale))
    for led in ledgers:
        e = led.event
        conn.execute(sa.insert(schema.resolved_events).values(**_event_row(e, policy)))
        doc_of = dict(zip(e.members, _member_documents(conn, e.members), strict=True))
        conn.execute(
            sa.insert(rm),
            [
                {"event_id": m, "resolved_id": e.id, "document_id": doc_of[m], "seq": i}
                for i, m in enumerate(e.members)
            ],
        )
        ed = schema.event_documents
        have = set(conn.scalars(sa.select(ed.c.document_id).where(ed.c.event_id == e.id)))
        extra = [{"event_id": e.id, "document_id": d} for d in e.documents if d not in have]
        if extra:
            conn.execute(sa.insert(ed), extra)
        if led.history:
            conn.execute(sa.insert(schema.claim_history), [_history_row(h) for h in led.history])
        if led.estimates:
            conn.execute(
                sa.insert(schema.estimates),
                [
                    {
                        "event_id": s.event_id,
                        "category": s.category,
                        "policy": s.policy,
                        "low": s.low,
                        "best": s.best,
                        "high": s.high,
                        "low_rule": s.low_rule,
                        "best_rule": s.best_rule,
                        "high_rule": s.high_rule,
                    }
                    for s in led.estimates
                ],
            )
        if led.contradictions:
            conn.execute(
                sa.insert(schema.contradictions),
                [
                    {
                        "event_id": c.event_id,
                        "seq": i,
                        "category": c.category,
                        "kind": c.kind,
                        "claims": list(c.claims),
                        "claimants": list(c.claimants),
                        "note": c.note,
                    }
                    for i, c in enumerate(led.contradictions)
                ],
            )
        written += 1
    return written


def _member_documents(conn: sa.Connection, event_ids: Sequence[str]) -> list[str]:
    ev = schema.events
    query = sa.select(ev.c.id, ev.c.document_id).where(ev.c.id.in_(event_ids))
    found = {r[0]: r[1] for r in conn.execute(query)}
    return [found[e] for e in event_ids]


def _actor(name: str | None, side: str | None) -> Actor | None:
    return None if name is None and side is None else Actor(name or "", side or "")


def resolved_ids(conn: sa.Connection) -> list[str]:
    """Every resolved event id, sorted."""
    re_ = schema.resolved_events
    return list(conn.scalars(sa.select(re_.c.id).order_by(re_.c.id)))


def read_ledgers(conn: sa.Connection, ids: Sequence[str]) -> Iterator[EventLedger]:
    """The stored ledgers of the given resolved events, in the order given."""
    re_, rm, ch, cl = (
        schema.resolved_events,
        schema.resolved_members,
        schema.claim_history,
        schema.claims,
    )
    rows = {r.id: r for r in conn.execute(sa.select(re_).where(re_.c.id.in_(ids)))}
    members: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(
        sa.select(rm).where(rm.c.resolved_id.in_(ids)).order_by(rm.c.resolved_id, rm.c.seq)
    ):
        members.setdefault(r.resolved_id, []).append((r.event_id, r.document_id))
    history: dict[str, list[HistoryEntry]] = {}
    query = (
        sa.select(ch, cl.c.claimant_kind, cl.c.claimant_via, cl.c.vague, cl.c.subject)
        .select_from(ch.join(cl, ch.c.claim_id == cl.c.id))
        .where(ch.c.event_id.in_(ids))
        .order_by(ch.c.event_id, ch.c.id)
    )
    for h in conn.execute(query):
        history.setdefault(h.event_id, []).append(
            HistoryEntry(
                event_id=h.event_id,
                category=h.category,
                claimant_key=h.claimant_key,
                claimant=Claimant(
                    h.claimant_name, h.claimant_side, h.claimant_kind, tuple(h.claimant_via or ())
                ),
                claim_id=h.claim_id,
                document_id=h.document_id,
                published=h.published,
                low=h.low,
                high=h.high,
                central=h.central,
                qualifier=h.qualifier,
                stance=h.stance,
                vague=h.vague,
                subject=h.subject,
                superseded_by=h.superseded_by,
                appearance_of=h.appearance_of,
            )
        )
    est: dict[str, list[Estimate]] = {}
    es = schema.estimates
    for s in conn.execute(
        sa.select(es).where(es.c.event_id.in_(ids)).order_by(es.c.event_id, es.c.category)
    ):
        est.setdefault(s.event_id, []).append(
            Estimate(
                s.event_id,
                s.category,
                s.policy,
                s.low,
                s.best,
                s.high,
                s.low_rule,
                s.best_rule,
                s.high_rule,
            )
        )
    con: dict[str, list[Contradiction]] = {}
    ct = schema.contradictions
    for c in conn.execute(
        sa.select(ct).where(ct.c.event_id.in_(ids)).order_by(ct.c.event_id, ct.c.seq)
    ):
        con.setdefault(c.event_id, []).append(
            Contradiction(
                c.event_id, c.category, c.kind, tuple(c.claims), tuple(c.claimants), c.note
            )
        )
    for rid in ids:
        r = rows.get(rid)
        if r is None:
            continue
        pairs = members.get(rid, [])
        event = ResolvedEvent(
            id=r.id,
            type=r.type,
            sub_type=r.sub_type,
            date=EventDate(r.date_earliest, r.date_latest, r.date_precision),
            location=Location(
                r.location_name,
                r.location_admin1,
                r.location_country,
                r.location_lat,
                r.location_lon,
                r.location_geonameid,
                r.location_precision,
            ),
            actor1=_actor(r.actor1_name, r.actor1_side),
            actor2=_actor(r.actor2_name, r.actor2_side),
            weapons=tuple(r.weapons or ()),
            members=tuple(m for m, _ in pairs),
            documents=tuple(dict.fromkeys(d for _, d in pairs)),
            sources=r.sources,
            review=r.review,
            confidence=r.confidence,
            rules=r.rules,
        )
        yield EventLedger(
            event, tuple(history.get(rid, ())), tuple(est.get(rid, ())), tuple(con.get(rid, ()))
        )
