"""Publish stage: the resolved events as a GeoJSON FeatureCollection (RFC 7946).

One feature per event: a Point at its place (longitude, latitude, as RFC 7946 orders them), or a
``null`` geometry when the place is unknown, which the RFC allows, so no event is dropped or
put at a made-up spot. Properties: what, where, when, who, the estimates with their rules, the
standing claims with their claimants, and how many contradictions there are.
"""

from __future__ import annotations

from typing import Any

from ..models import _plain
from .view import LedgerView, current


def feature_collection(view: LedgerView) -> dict[str, Any]:
    features = []
    for led in view:
        ev, loc = led.event, led.event.location
        geometry = ({"type": "Point", "coordinates": [loc.lon, loc.lat]}
                    if loc.lat is not None and loc.lon is not None else None)
        features.append({
            "type": "Feature",
            "id": ev.id,
            "geometry": geometry,
            "properties": {
                "id": ev.id,
                "type": ev.type,
                "sub_type": ev.sub_type,
                "date_start": ev.date.earliest,
                "date_end": ev.date.latest,
                "date_prec": ev.date.precision,
                "location": loc.name,
                "admin1": loc.admin1,
                "country": loc.country,
                "where_prec": loc.precision,
                "actor1": _plain(ev.actor1),
                "actor2": _plain(ev.actor2),
                "weapons": list(ev.weapons),
                "sources": ev.sources,
                "review": ev.review,
                "confidence": ev.confidence,
                "estimates": {e.category: {"low": e.low, "best": e.best, "high": e.high,
                                           "rule": e.best_rule} for e in led.estimates},
                "claims": [
                    {"id": h.claim_id, "category": h.category, "low": h.low, "high": h.high,
                     "central": h.central, "qualifier": h.qualifier, "claimant": h.claimant.name,
                     "side": h.claimant.side, "stance": h.stance, "published": h.published}
                    for h in current(led.history)
                ],
                "contradictions": len(led.contradictions),
            },
        })
    return {"type": "FeatureCollection", "features": features}
