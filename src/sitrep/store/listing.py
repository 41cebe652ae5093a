"""Store stage: a page of resolved events, filtered and sorted in SQL (the web list and API).

The event list must stay fast on a ledger of many thousand events, so it never reads ledgers
whole: one query over ``resolved_events`` (with the killed and injured estimates joined) does
the filtering, sorting and paging, and a second counts the matches. Text search goes through
the documents' FTS5 index and keeps the events any of whose reports match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from . import schema

SORTS: dict[str, Any] = {
    "date": schema.resolved_events.c.date_earliest,
    "place": schema.resolved_events.c.location_name,
    "type": schema.resolved_events.c.type,
    "sources": schema.resolved_events.c.sources,
}
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters, order and page of an event list. Dates are ISO ``YYYY-MM-DD``; an event
    matches a date range when its own range overlaps it."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None
    type: str | None = None  # ACLED event type
    text: str | None = None  # words all found in one of the event's reports (FTS5)
    review: str | None = None
    sort: str = "date"  # one of SORTS, or "killed"
    descending: bool = True
    offset: int = 0
    limit: int = 50

    def checked(self) -> EventQuery:
        """The query with its sort and page within bounds (anything else is the caller's error)."""
        if self.sort not in SORTS and self.sort != "killed":
            raise ValueError(f"sort must be one of {', '.join([*SORTS, 'killed'])}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise ValueError("offset must not be negative")
        return self


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One row of the event list."""

    id: str
    type: str | None
    sub_type: str | None
    date_earliest: str | None
    date_latest: str | None
    date_precision: int | None
    location: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    where_precision: int | None
    actor1: str | None
    actor2: str | None
    documents: int
    sources: int
    killed: int | None  # best estimate
    injured: int | None
    review: str
    confidence: float


def list_events(conn: sa.Connection, q: EventQuery, text_ids: sa.Select | None) -> tuple[list[EventSummary], int]:
    """One page of events and the number of all matches. ``text_ids`` selects the document ids
    matching ``q.text`` (the backend's full-text query), or is None without text."""
    ev, est, members = schema.resolved_events, schema.estimates, schema.resolved_members
    killed = est.alias("killed")
    injured = est.alias("injured")
    conds = []
    if q.date_from:
        conds.append(sa.func.coalesce(ev.c.date_latest, ev.c.date_earliest) >= q.date_from)
    if q.date_to:
        conds.append(ev.c.date_earliest <= q.date_to)
    if q.country:
        conds.append(ev.c.location_country == q.country.upper())
    if q.admin1:
        conds.append(ev.c.location_admin1 == q.admin1)
    if q.type:
        conds.append(ev.c.type == q.type)
    if q.review:
        conds.append(ev.c.review == q.review)
    if text_ids is not None:
        conds.append(ev.c.id.in_(sa.select(members.c.resolved_id).where(members.c.document_id.in_(text_ids))))
    base = (
        sa.select(
            ev,
            killed.c.best.label("killed_best"),
            injured.c.best.label("injured_best"),
        )
        .select_from(
            ev.outerjoin(killed, sa.and_(killed.c.event_id == ev.c.id, killed.c.category == "killed"))
            .outerjoin(injured, sa.and_(injured.c.event_id == ev.c.id, injured.c.category == "injured"))
        )
        .where(*conds)
    )
    key = killed.c.best if q.sort == "killed" else SORTS[q.sort]
    order = [sa.nulls_last(key.desc()) if q.descending else sa.nulls_last(key.asc()), ev.c.id]
    rows = conn.execute(base.order_by(*order).offset(q.offset).limit(q.limit)).all()
    total = int(conn.scalar(sa.select(sa.func.count()).select_from(ev).where(*conds)) or 0)
    return [
        EventSummary(
            r.id, r.type, r.sub_type, r.date_earliest, r.date_latest, r.date_precision,
            r.location_name, r.location_admin1, r.location_country, r.location_lat,
            r.location_lon, r.location_precision, r.actor1_name, r.actor2_name, r.documents,
            r.sources, r.killed_best, r.injured_best, r.review, r.confidence,
        )
        for r in rows
    ], total


def facets(conn: sa.Connection) -> dict[str, list[str]]:
    """The values the list can be filtered by: countries and event types present."""
    ev = schema.resolved_events
    countries = conn.scalars(sa.select(ev.c.location_country).where(ev.c.location_country.is_not(None))
                             .distinct().order_by(ev.c.location_country))
    types = conn.scalars(sa.select(ev.c.type).where(ev.c.type.is_not(None)).distinct().order_by(ev.c.type))
    return {"country": list(countries), "type": list(types)}
