"""Publish stage: UCDP GED-style rows, one per resolved event.

Column names are UCDP GED's where sitrep has the field: ``id``, ``year``, ``type_of_violence``
(1 state-based: two states' forces; 2 non-state: two other armed groups; 3 one-sided: an armed
actor against civilians; empty when the actors do not say), ``dyad_name``, ``side_a``,
``side_b``, ``number_of_sources``, ``source_article``, ``source_office``, ``source_date``,
``source_headline``, ``where_prec``, ``where_coordinates``, ``adm_1``, ``latitude``,
``longitude``, ``geom_wkt``, ``country``, ``date_prec``, ``date_start``, ``date_end``, ``best``,
``high``, ``low`` (deaths: the ``killed`` estimates), then sitrep's ``review``, ``confidence``,
``best_rule``. ``number_of_sources`` counts independent reports: wire copies count once.
"""

from __future__ import annotations

from typing import Any

from ..models import Actor
from .acled import country_name
from .view import LedgerView, estimate, outlet

COLUMNS: tuple[str, ...] = (
    "id", "year", "type_of_violence", "dyad_name", "side_a", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "where_prec",
    "where_coordinates", "adm_1", "latitude", "longitude", "geom_wkt", "country", "date_prec",
    "date_start", "date_end", "best", "high", "low", "review", "confidence", "best_rule",
)


def _is_state(actor: Actor | None) -> bool:
    return actor is not None and actor.name.startswith(("Military Forces of", "Police Forces of", "Government of"))


def _is_civilians(actor: Actor | None) -> bool:
    return actor is not None and actor.name.startswith("Civilians")


def type_of_violence(a: Actor | None, b: Actor | None) -> int | None:
    """UCDP's type of violence from the two actors, when they tell it."""
    if a is None or b is None:
        return None
    if _is_civilians(b) or _is_civilians(a):
        return 3
    if _is_state(a) and _is_state(b):
        return 1
    if not _is_state(a) and not _is_state(b):
        return 2
    return 1  # a state against an armed group: state-based (intrastate) in UCDP's terms


def rows(view: LedgerView) -> list[dict[str, Any]]:
    """UCDP GED-style rows in :data:`COLUMNS` order."""
    out = []
    for led in view:
        ev = led.event
        killed = estimate(led, "killed")
        docs = [view.document(d) for d in ev.documents]
        known = [d for d in docs if d is not None]
        loc = ev.location
        side_a = ev.actor1.name if ev.actor1 else None
        side_b = ev.actor2.name if ev.actor2 else None
        out.append({
            "id": ev.id,
            "year": int(ev.date.earliest[:4]) if ev.date.earliest else None,
            "type_of_violence": type_of_violence(ev.actor1, ev.actor2),
            "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
            "side_a": side_a,
            "side_b": side_b,
            "number_of_sources": ev.sources,
            "source_article": "; ".join(d.url or d.ref for d in known),
            "source_office": "; ".join(sorted({outlet(d) for d in known})),
            "source_date": "; ".join(sorted({d.published for d in known if d.published})),
            "source_headline": "; ".join(d.title for d in known if d.title),
            "where_prec": loc.precision,
            "where_coordinates": loc.name,
            "adm_1": loc.admin1,
            "latitude": loc.lat,
            "longitude": loc.lon,
            "geom_wkt": f"POINT ({loc.lon} {loc.lat})" if loc.lat is not None and loc.lon is not None else None,
            "country": country_name(loc.country),
            "date_prec": ev.date.precision,
            "date_start": ev.date.earliest,
            "date_end": ev.date.latest or ev.date.earliest,
            "best": killed.best if killed is not None else None,
            "high": killed.high if killed is not None else None,
            "low": killed.low if killed is not None else None,
            "review": ev.review,
            "confidence": ev.confidence,
            "best_rule": killed.best_rule if killed is not None else None,
        })
    return out
