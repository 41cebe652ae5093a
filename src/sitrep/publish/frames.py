"""Publish stage: the resolved ledger as pandas DataFrames, for analysts working in Python.

``events_frame`` has one row per resolved event: what, where, when, who, how many reports, and
for each category with figures its ``<category>_low``, ``_best`` and ``_high`` estimates.
``claims_frame`` is the claims table of the Parquet export (:mod:`.tables`), with the same
columns and types. pandas is imported when a frame is made, not with sitrep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import CATEGORIES
from .tables import claims_table
from .view import LedgerView

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "type", "sub_type", "date_start", "date_end", "date_prec", "location", "admin1",
    "country", "latitude", "longitude", "where_prec", "actor1", "actor1_side", "actor2",
    "actor2_side", "weapons", "documents", "sources", "claims", "contradictions", "review",
    "confidence",
) + tuple(f"{c}_{k}" for c in CATEGORIES for k in ("low", "best", "high"))


def event_rows(view: LedgerView) -> list[dict[str, Any]]:
    rows = []
    for led in view:
        ev, loc = led.event, led.event.location
        row: dict[str, Any] = {
            "id": ev.id, "type": ev.type, "sub_type": ev.sub_type,
            "date_start": ev.date.earliest, "date_end": ev.date.latest or ev.date.earliest,
            "date_prec": ev.date.precision, "location": loc.name, "admin1": loc.admin1,
            "country": loc.country, "latitude": loc.lat, "longitude": loc.lon,
            "where_prec": loc.precision,
            "actor1": ev.actor1.name if ev.actor1 else None,
            "actor1_side": ev.actor1.side if ev.actor1 else None,
            "actor2": ev.actor2.name if ev.actor2 else None,
            "actor2_side": ev.actor2.side if ev.actor2 else None,
            "weapons": ", ".join(ev.weapons), "documents": len(ev.documents), "sources": ev.sources,
            "claims": len(led.history), "contradictions": len(led.contradictions),
            "review": ev.review, "confidence": ev.confidence,
        }
        for e in led.estimates:
            row.update({f"{e.category}_low": e.low, f"{e.category}_best": e.best, f"{e.category}_high": e.high})
        rows.append(row)
    return rows


def events_frame(view: LedgerView) -> pd.DataFrame:
    """One row per resolved event (:data:`EVENT_COLUMNS`); dates as datetimes, counts as
    nullable integers."""
    import pandas as pd

    df = pd.DataFrame(event_rows(view), columns=list(EVENT_COLUMNS))
    for col in ("date_start", "date_end"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    ints = ["date_prec", "where_prec", "documents", "sources", "claims", "contradictions"]
    ints += [c for c in EVENT_COLUMNS if c.endswith(("_low", "_best", "_high"))]
    for col in ints:
        df[col] = df[col].astype("Int64")
    for col in ("latitude", "longitude", "confidence"):
        df[col] = df[col].astype("float64")
    return df


def claims_frame(view: LedgerView) -> pd.DataFrame:
    """One row per claim appearance: the Parquet export's table, as pandas."""
    return claims_table(view).to_pandas(types_mapper=_nullable)


def _nullable(arrow_type: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    return None
