"""Publish stage: the claims as one flat table (Parquet or CSV through pyarrow).

One row per appearance of a claim in a resolved event, with its claimant, stance, figure, the
document it appeared in and its evidence: the first evidence span's offsets into the cleaned
text and the text they cover, so a reader can check the figure without opening the ledger.
The schema is fixed (:data:`COLUMNS`, :func:`schema`), so an empty export still has typed columns.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .view import LedgerView

if TYPE_CHECKING:  # pyarrow is imported when a table is made, not with sitrep
    import pyarrow as pa

COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"),
    ("claim_id", "string"),
    ("category", "string"),
    ("low", "int64"),
    ("high", "int64"),
    ("central", "int64"),
    ("qualifier", "string"),
    ("vague", "string"),
    ("claimant", "string"),
    ("claimant_side", "string"),
    ("claimant_kind", "string"),
    ("claimant_key", "string"),
    ("stance", "string"),
    ("subject", "string"),
    ("document_id", "string"),
    ("ref", "string"),
    ("url", "string"),
    ("published", "string"),
    ("evidence_start", "int64"),
    ("evidence_end", "int64"),
    ("evidence_text", "string"),
    ("superseded_by", "string"),
    ("appearance_of", "string"),
    ("review", "string"),
    ("confidence", "float64"),
)


@cache
def schema() -> pa.Schema:
    """The claims table's Arrow schema (:data:`COLUMNS`)."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])


def claim_rows(view: LedgerView) -> list[dict[str, Any]]:
    out = []
    for led in view:
        for h in led.history:
            claim = view.claims.get(h.claim_id)
            doc = view.document(h.document_id)
            span = claim.evidence[0] if claim is not None and claim.evidence else None
            quote = doc.text[span.start : span.end] if span is not None and doc is not None and doc.text else None
            out.append({
                "event_id": h.event_id, "claim_id": h.claim_id, "category": h.category,
                "low": h.low, "high": h.high, "central": h.central, "qualifier": h.qualifier,
                "vague": h.vague, "claimant": h.claimant.name, "claimant_side": h.claimant.side,
                "claimant_kind": h.claimant.kind, "claimant_key": h.claimant_key,
                "stance": h.stance, "subject": claim.subject if claim is not None else None,
                "document_id": h.document_id, "ref": doc.ref if doc is not None else None,
                "url": doc.url if doc is not None else None, "published": h.published,
                "evidence_start": span.start if span is not None else None,
                "evidence_end": span.end if span is not None else None,
                "evidence_text": " ".join(quote.split()) if quote else None,
                "superseded_by": h.superseded_by, "appearance_of": h.appearance_of,
                "review": claim.review if claim is not None else "proposed",
                "confidence": claim.confidence if claim is not None else None,
            })
    return out


def claims_table(view: LedgerView) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(claim_rows(view), schema=schema())


def write_parquet(view: LedgerView, out: str | Path | BinaryIO) -> None:
    import pyarrow.parquet as pq

    pq.write_table(claims_table(view), out)


def write_csv(view: LedgerView, out: str | Path | BinaryIO) -> None:
    import pyarrow.csv as pacsv

    pacsv.write_csv(claims_table(view), out)
