"""Store stage: converting between the model dataclasses and ledger rows (any SQL backend).

Dialect-neutral, so a PostgreSQL store can share it: :func:`check_extraction` guards a save,
the ``*_row`` functions give the dicts to insert, and ``to_*`` rebuild models from fetched rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

import sqlalchemy as sa

from ..errors import StoreError
from ..models import (
    Actor,
    Claim,
    Claimant,
    Document,
    Event,
    EventDate,
    Extraction,
    Location,
    Span,
)


def check_extraction(extraction: Extraction) -> Document:
    """Refuse an extraction whose parts do not fit together, before anything is written.

    Args:
        extraction: An extraction with a document.

    Returns:
        The extraction's document.

    Raises:
        StoreError: Duplicate ids, a claim about an event not in the extraction, an event
            whose ``claims`` disagree with the claims' ``event``, or an evidence span outside
            the document text.
    """
    doc = extraction.document
    if doc is None:
        raise StoreError("an extraction with neither a document nor a rejection", stage="store")

    def fail(message: str) -> NoReturn:
        raise StoreError(message, ref=doc.ref, stage="store")

    event_ids = [e.id for e in extraction.events]
    claim_ids = [c.id for c in extraction.claims]
    if len(set(event_ids)) != len(event_ids):
        fail("duplicate event ids in one extraction")
    if len(set(claim_ids)) != len(claim_ids):
        fail("duplicate claim ids in one extraction")
    for claim in extraction.claims:
        if claim.event is not None and claim.event not in event_ids:
            fail(f"claim {claim.id} is about event {claim.event}, which is not in the extraction")
    for ev in extraction.events:
        pointing = {c.id for c in extraction.claims if c.event == ev.id}
        if len(set(ev.claims)) != len(ev.claims) or set(ev.claims) != pointing:
            fail(
                f"event {ev.id} lists claims {list(ev.claims)}, but {sorted(pointing)} point to it"
            )
    size = len(doc.text)
    spans = [s for c in extraction.claims for s in c.evidence]
    spans += [s for e in extraction.events for s in e.evidence]
    for span in spans:
        if not 0 <= span.start <= span.end <= size:
            fail(f"evidence span {span.start}-{span.end} is outside the text ({size} characters)")
    return doc


def unique_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans in order, a repeated one kept once (it states nothing new)."""
    seen: set[Span] = set()
    out: list[Span] = []
    for span in spans:
        if span not in seen:
            seen.add(span)
            out.append(span)
    return out


def span_rows(key: str, owner: str, spans: Iterable[Span], text: str) -> list[dict[str, Any]]:
    """Evidence rows of one claim or event: each span once, in order, with its sentence."""
    return [
        {key: owner, "start": s.start, "end": s.end, "seq": i, "sentence": text[s.start : s.end]}
        for i, s in enumerate(unique_spans(spans))
    ]


def document_row(doc: Document) -> dict[str, Any]:
    """The ``documents`` row of one document (without ``ingested_at``)."""
    return {
        "id": doc.id,
        "ref": doc.ref,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "source": doc.source,
        "text": doc.text,
    }


def event_row(document_id: str, seq: int, e: Event) -> dict[str, Any]:
    """The ``events`` row of one event."""
    return {
        "id": e.id,
        "document_id": document_id,
        "seq": seq,
        "type": e.type,
        "sub_type": e.sub_type,
        "date_earliest": e.date.earliest,
        "date_latest": e.date.latest,
        "date_precision": e.date.precision,
        "location_name": e.location.name,
        "location_admin1": e.location.admin1,
        "location_country": e.location.country,
        "location_lat": e.location.lat,
        "location_lon": e.location.lon,
        "location_geonameid": e.location.geonameid,
        "location_precision": e.location.precision,
        "actor1_name": e.actor1.name if e.actor1 else None,
        "actor1_side": e.actor1.side if e.actor1 else None,
        "actor2_name": e.actor2.name if e.actor2 else None,
        "actor2_side": e.actor2.side if e.actor2 else None,
        "weapons": list(e.weapons),
        "review": e.review,
        "confidence": e.confidence,
    }


def claim_row(document_id: str, seq: int, c: Claim, event_seq: int | None) -> dict[str, Any]:
    """The ``claims`` row of one claim."""
    return {
        "id": c.id,
        "document_id": document_id,
        "event_id": c.event,
        "seq": seq,
        "event_seq": event_seq,
        "category": c.category,
        "low": c.low,
        "high": c.high,
        "central": c.central,
        "vague": c.vague,
        "qualifier": c.qualifier,
        "subject": c.subject,
        "claimant_name": c.claimant.name,
        "claimant_side": c.claimant.side,
        "claimant_kind": c.claimant.kind,
        "claimant_via": list(c.claimant.via),
        "stance": c.stance,
        "verb": c.verb,
        "confidence": c.confidence,
        "review": c.review,
        "rules": c.rules,
    }


def to_document(row: sa.Row[Any]) -> Document:
    """A Document from its ``documents`` row."""
    return Document(
        id=row.id,
        ref=row.ref,
        text=row.text,
        url=row.url,
        title=row.title,
        published=row.published,
        language=row.language,
        source=row.source,
    )


def _actor(name: str | None, side: str | None) -> Actor | None:
    """An Actor, or None when neither column is set."""
    if name is None and side is None:
        return None
    return Actor(name=name or "", side=side or "")


def to_event(row: sa.Row[Any], claims: tuple[str, ...], evidence: tuple[Span, ...]) -> Event:
    """An Event from its ``events`` row, claim ids and evidence."""
    return Event(
        id=row.id,
        type=row.type,
        sub_type=row.sub_type,
        date=EventDate(row.date_earliest, row.date_latest, row.date_precision),
        location=Location(
            name=row.location_name,
            admin1=row.location_admin1,
            country=row.location_country,
            lat=row.location_lat,
            lon=row.location_lon,
            geonameid=row.location_geonameid,
            precision=row.location_precision,
        ),
        actor1=_actor(row.actor1_name, row.actor1_side),
        actor2=_actor(row.actor2_name, row.actor2_side),
        weapons=tuple(row.weapons or ()),
        claims=claims,
        evidence=evidence,
        review=row.review,
        confidence=row.confidence,
    )


def to_claim(row: sa.Row[Any], evidence: tuple[Span, ...]) -> Claim:
    """A Claim from its ``claims`` row and evidence."""
    return Claim(
        id=row.id,
        category=row.category,
        low=row.low,
        high=row.high,
        central=row.central,
        qualifier=row.qualifier,
        claimant=Claimant(
            name=row.claimant_name,
            side=row.claimant_side,
            kind=row.claimant_kind,
            via=tuple(row.claimant_via or ()),
        ),
        stance=row.stance,
        evidence=evidence,
        vague=row.vague,
        subject=row.subject,
        verb=row.verb,
        event=row.event_id,
        confidence=row.confidence,
        review=row.review,
        rules=row.rules,
    )
