"""Publish stage: the claims as one flat table (Parquet or CSV through pyarrow).

One row per appearance of a claim in a resolved event, with its claimant, stance, figure, the
document it appeared in and its evidence: the first evidence span's offsets into the cleaned
text and the text they cover, so a reader can check the figure without opening the ledger.
The schema is fixed (:data:`SCHEMA`), so an empty export still has typed columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .view import LedgerView

SCHEMA = pa.schema([
    ("event_id", pa.string()),
    ("claim_id", pa.string()),
    ("category", pa.string()),
    ("low", pa.int64()),
    ("high", pa.int64()),
    ("central", pa.int64()),
    ("qualifier", pa.string()),
    ("vague", pa.string()),
    ("claimant", pa.string()),
    ("claimant_side", pa.string()),
    ("claimant_kind", pa.string()),
    ("claimant_key", pa.string()),
    ("stance", pa.string()),
    ("subject", pa.string()),
    ("document_id", pa.string()),
    ("ref", pa.string()),
    ("url", pa.string()),
    ("published", pa.string()),
    ("evidence_start", pa.int64()),
    ("evidence_end", pa.int64()),
    ("evidence_text", pa.string()),
    ("superseded_by", pa.string()),
    ("appearance_of", pa.string()),
    ("review", pa.string()),
    ("confidence", pa.float64()),
])


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
    return pa.Table.from_pylist(claim_rows(view), schema=SCHEMA)


def write_parquet(view: LedgerView, out: str | Path | BinaryIO) -> None:
    pq.write_table(claims_table(view), out)


def write_csv(view: LedgerView, out: str | Path | BinaryIO) -> None:
    pacsv.write_csv(claims_table(view), out)
