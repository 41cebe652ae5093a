"""Publish stage: ``sitrep export``, one resolved ledger view written in a chosen format.

=============  =====================================================================
format         what it writes
=============  =====================================================================
``jsonl``      the ledger contract (:mod:`.ledger_json`), one resolved event a line
``acled``      ACLED-style CSV, one event a row (:mod:`.acled`)
``ucdp``       UCDP GED-style CSV, one event a row (:mod:`.ucdp`)
``geojson``    a FeatureCollection, one feature per event (:mod:`.geojson`)
``parquet``    the claims table (:mod:`.tables`)
``csv``        the claims table as CSV
``claimreview`` claims as schema.org ClaimReview JSON-LD (:mod:`.claimreview`)
=============  =====================================================================

Files are written to a temporary name and renamed when complete, so an interrupted export never
leaves half a file under the real name. ``reviewed_only`` keeps only confirmed events and claims.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from . import acled, claimreview, geojson, ledger_json, tables, ucdp
from .view import LedgerView

FORMATS: tuple[str, ...] = ("jsonl", "acled", "ucdp", "geojson", "parquet", "csv", "claimreview")
BINARY = frozenset({"parquet"})


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _text_writer(fmt: str, view: LedgerView) -> Callable[[IO[str]], None]:
    if fmt == "jsonl":
        return lambda out: out.writelines(
            json.dumps(ledger_json.event_record(view, led), ensure_ascii=False) + "\n" for led in view)
    if fmt == "acled":
        return lambda out: _csv(acled.COLUMNS, acled.rows(view), out)
    if fmt == "ucdp":
        return lambda out: _csv(ucdp.COLUMNS, ucdp.rows(view), out)
    if fmt == "geojson":
        return lambda out: out.write(json.dumps(geojson.feature_collection(view), ensure_ascii=False, indent=1) + "\n")
    if fmt == "claimreview":
        return lambda out: out.write(json.dumps(claimreview.graph(view), ensure_ascii=False, indent=1) + "\n")
    if fmt == "csv":
        def claims_csv(out: IO[str]) -> None:
            buf = io.BytesIO()
            tables.write_csv(view, buf)
            out.write(buf.getvalue().decode("utf-8"))
        return claims_csv
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render(view: LedgerView, fmt: str, reviewed_only: bool = False) -> bytes:
    """The export as bytes (for the web API): the same content :func:`export` writes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if reviewed_only:
        view = view.reviewed_only()
    if fmt in BINARY:
        buf = io.BytesIO()
        tables.write_parquet(view, buf)
        return buf.getvalue()
    text = io.StringIO()
    _text_writer(fmt, view)(text)
    return text.getvalue().encode("utf-8")


def export(view: LedgerView, fmt: str, output: str | Path | None = None, reviewed_only: bool = False) -> None:
    """Write ``view`` as ``fmt`` to ``output`` (a path; None or "-" for standard output)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if reviewed_only:
        view = view.reviewed_only()
    to_stdout = output is None or str(output) == "-"
    if fmt in BINARY and to_stdout:
        raise ValueError(f"{fmt} is a binary format: give an output file with -o")
    if to_stdout:
        _text_writer(fmt, view)(sys.stdout)
        return
    path = Path(output)  # type: ignore[arg-type]
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        if fmt in BINARY:
            with os.fdopen(fd, "wb") as fh:
                tables.write_parquet(view, fh)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                _text_writer(fmt, view)(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
