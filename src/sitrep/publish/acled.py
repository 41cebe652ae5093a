"""Publish stage: ACLED-style rows, one per resolved event.

Column names are ACLED's where sitrep has the field (``event_date``, ``time_precision``,
``disorder_type``, ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``,
``civilian_targeting``, ``iso``, ``country``, ``admin1``, ``location``, ``latitude``,
``longitude``, ``geo_precision``, ``source``, ``notes``, ``fatalities``), followed
by sitrep's own: ``review``, ``confidence``, ``sitrep_id``. Precision codes are mapped from UCDP's:
ACLED ``time_precision`` 1 = the day, 2 = the week, 3 = the month; ``geo_precision`` 1 = the
town, 2 = near a town or a district, 3 = a region. ``fatalities`` is the best ``killed`` estimate
(0 when no death is reported, as ACLED codes it). ``notes`` is written from the claims and
names every claimant.
"""

from __future__ import annotations

from typing import Any

import pycountry

from ..resolve.ledger import EventLedger
from .view import (
    CATEGORY_WORDS,
    STANCE_WORDS,
    LedgerView,
    current,
    estimate,
    figure_text,
    outlet,
    speaker,
)

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "civilian_targeting", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "review", "confidence", "sitrep_id",
)

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def time_precision(date_prec: int | None) -> int | None:
    """ACLED time_precision from UCDP date_prec (1 day, 2-3 week, 4-5 month or vaguer)."""
    if date_prec is None:
        return None
    return 1 if date_prec <= 1 else (2 if date_prec <= 3 else 3)


def geo_precision(where_prec: int | None) -> int | None:
    """ACLED geo_precision from UCDP where_prec (1-2 town, 3 district, 4+ region)."""
    if where_prec is None:
        return None
    return 1 if where_prec <= 2 else (2 if where_prec == 3 else 3)


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


def iso_numeric(code: str | None) -> int | None:
    found = pycountry.countries.get(alpha_2=code) if code else None
    return int(found.numeric) if found is not None else None


def notes(view: LedgerView, ledger: EventLedger) -> str:
    """One sentence per standing figure, claimant named: what ACLED's notes say in prose."""
    ev = ledger.event
    where = ev.location.name or "an unknown place"
    what = (ev.sub_type or ev.type or "Incident").lower()
    head = f"On {ev.date.earliest or 'an unknown date'}, {what} in {where}."
    parts = [head]
    for h in sorted(current(ledger.history), key=lambda h: (h.category, h.published or "", h.claim_id)):
        doc = view.document(h.document_id)
        stance = STANCE_WORDS.get(h.stance, h.stance)
        figure = figure_text(h.low, h.high, h.central, h.qualifier, h.vague)
        dated = f" ({outlet(doc)}, {h.published})" if h.published else f" ({outlet(doc)})"
        parts.append(f"{speaker(view, h)} {stance} {figure} {CATEGORY_WORDS.get(h.category, h.category)}{dated}.")
    if ledger.contradictions:
        parts.append(f"{len(ledger.contradictions)} contradiction(s) between sources.")
    return " ".join(parts)


def rows(view: LedgerView) -> list[dict[str, Any]]:
    """ACLED-style rows in :data:`COLUMNS` order."""
    out = []
    for led in view:
        ev = led.event
        killed = estimate(led, "killed")
        sources = sorted({outlet(view.document(d)) for d in ev.documents})
        target = ev.actor2.name if ev.actor2 else ""
        out.append({
            "event_id_cnty": ev.id,
            "event_date": ev.date.earliest,
            "year": int(ev.date.earliest[:4]) if ev.date.earliest else None,
            "time_precision": time_precision(ev.date.precision),
            "disorder_type": _DISORDER.get(ev.type or ""),
            "event_type": ev.type,
            "sub_event_type": ev.sub_type,
            "actor1": ev.actor1.name if ev.actor1 else None,
            "actor2": ev.actor2.name if ev.actor2 else None,
            "civilian_targeting": "Civilian targeting" if target.startswith("Civilians") else None,
            "iso": iso_numeric(ev.location.country),
            "country": country_name(ev.location.country),
            "admin1": ev.location.admin1,
            "location": ev.location.name,
            "latitude": ev.location.lat,
            "longitude": ev.location.lon,
            "geo_precision": geo_precision(ev.location.precision),
            "source": "; ".join(sources),
            "notes": notes(view, led),
            "fatalities": killed.best if killed is not None and killed.best is not None else 0,
            "review": ev.review,
            "confidence": ev.confidence,
            "sitrep_id": ev.id,
        })
    return out
