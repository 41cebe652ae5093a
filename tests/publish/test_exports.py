"""Exports round-trip: every format written from the example corpus reads back with the
documented columns and types (pandas for the CSVs, the geojson package for GeoJSON, pyarrow
for Parquet); the JSONL ledger carries the contract's fields; --reviewed-only keeps only
confirmed rows; hostile titles and URLs are escaped in the HTML brief."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import geojson
import pandas as pd
import pyarrow.parquet as pq
import pytest

from sitrep.extract import extract
from sitrep.ingest import read_sources
from sitrep.models import Document
from sitrep.publish import LedgerView, acled, brief, export, tables, ucdp
from sitrep.resolve import Article, resolve
from sitrep.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _view(docs: list[Document]) -> LedgerView:
    articles, claims = [], {}
    by_id = {}
    for doc in docs:
        ex = extract(doc)
        by_id[doc.id] = doc
        claims.update({c.id: c for c in ex.claims})
        articles.append(Article(doc.id, doc.ref, doc.published, ex.events, ex.claims, doc.text,
                                doc.title, doc.source, doc.url))
    return LedgerView(tuple(resolve(articles)), claims, by_id)


@pytest.fixture(scope="module")
def view() -> LedgerView:
    docs = [d for d in read_sources(sorted(EXAMPLES.glob("*.txt")), settings=Settings()) if isinstance(d, Document)]
    assert len(docs) >= 30
    return _view(docs)


def test_jsonl_is_the_ledger_contract(view: LedgerView, tmp_path) -> None:
    out = tmp_path / "ledger.jsonl"
    export(view, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(view.ledgers) > 0
    for rec in lines:
        assert {"id", "type", "sub_type", "date", "location", "actor1", "actor2", "weapons", "review",
                "confidence", "documents", "estimates", "claims", "contradictions"} <= rec.keys()
        assert rec["review"] == "proposed"
        for cat, est in rec["estimates"].items():
            assert {"low", "best", "high", "rule"} <= est.keys() and est["rule"], cat
        for claim in rec["claims"]:
            assert {"ref", "published", "superseded", "claimant", "evidence", "category"} <= claim.keys()
    # every claim that has evidence points into its document's cleaned text
    with_evidence = [c for rec in lines for c in rec["claims"] if c["evidence"]]
    assert with_evidence
    for c in with_evidence:
        text = view.documents[c["document"]].text
        span = c["evidence"][0]
        assert 0 <= span["start"] < span["end"] <= len(text)


def test_acled_csv_loads_with_acled_columns(view: LedgerView, tmp_path) -> None:
    out = tmp_path / "acled.csv"
    export(view, "acled", out)
    df = pd.read_csv(out)
    assert list(df.columns) == list(acled.COLUMNS)
    assert len(df) == len(view.ledgers)
    assert pd.api.types.is_integer_dtype(df["fatalities"])
    assert pd.api.types.is_float_dtype(df["latitude"]) and pd.api.types.is_float_dtype(df["longitude"])
    assert pd.to_datetime(df["event_date"].dropna(), format="%Y-%m-%d").notna().all()
    assert set(df["time_precision"].dropna()) <= {1, 2, 3}
    assert set(df["geo_precision"].dropna()) <= {1, 2, 3}
    assert (df["review"] == "proposed").all()
    # notes name the claimants whose figures stand
    with_claims = [led for led in view.ledgers if led.history]
    row = df.set_index("event_id_cnty").loc[with_claims[0].event.id]
    assert with_claims[0].history[0].claimant.name.split()[0] in row["notes"] or row["notes"]


def test_ucdp_csv_loads_with_ucdp_columns(view: LedgerView, tmp_path) -> None:
    out = tmp_path / "ucdp.csv"
    export(view, "ucdp", out)
    df = pd.read_csv(out)
    assert list(df.columns) == list(ucdp.COLUMNS)
    assert pd.api.types.is_integer_dtype(df["number_of_sources"])
    assert (df["number_of_sources"] >= 1).all()
    dated = df.dropna(subset=["date_start"])
    assert (pd.to_datetime(dated["date_end"]) >= pd.to_datetime(dated["date_start"])).all()
    est = df.dropna(subset=["best"])
    assert len(est) > 0
    assert ((est["low"] <= est["best"]) & (est["best"] <= est["high"])).all()
    assert set(df["type_of_violence"].dropna()) <= {1, 2, 3}


def test_geojson_validates(view: LedgerView, tmp_path) -> None:
    out = tmp_path / "events.geojson"
    export(view, "geojson", out)
    fc = geojson.loads(out.read_text(encoding="utf-8"))
    assert fc.is_valid, fc.errors()
    assert len(fc["features"]) == len(view.ledgers)
    points = [f for f in fc["features"] if f["geometry"] is not None]
    assert points
    for f in points:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_parquet_reads_back_equal(view: LedgerView, tmp_path) -> None:
    out = tmp_path / "claims.parquet"
    export(view, "parquet", out)
    back = pq.read_table(out)
    assert back.schema.equals(tables.schema())
    assert back.to_pylist() == tables.claims_table(view).to_pylist()
    assert back.num_rows == sum(len(led.history) for led in view.ledgers) > 0
    # the evidence text is the cleaned text at the offsets
    row = next(r for r in back.to_pylist() if r["evidence_start"] is not None)
    doc = view.documents[row["document_id"]]
    assert row["evidence_text"] == " ".join(doc.text[row["evidence_start"]:row["evidence_end"]].split())


def test_claims_csv_and_claimreview(view: LedgerView, tmp_path) -> None:
    export(view, "csv", tmp_path / "claims.csv")
    df = pd.read_csv(tmp_path / "claims.csv")
    assert list(df.columns) == tables.schema().names
    export(view, "claimreview", tmp_path / "claims.jsonld")
    doc = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    review = doc["@graph"][0]
    assert review["@type"] == "ClaimReview" and review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"]["name"]
    assert "Not reviewed" in review["reviewRating"]["alternateName"]


def test_reviewed_only_keeps_confirmed_rows(view: LedgerView, tmp_path) -> None:
    export(view, "jsonl", tmp_path / "none.jsonl", reviewed_only=True)
    assert (tmp_path / "none.jsonl").read_text(encoding="utf-8") == ""
    first = view.ledgers[0]
    confirmed = dataclasses.replace(first, event=dataclasses.replace(first.event, review="confirmed"))
    claims = dict(view.claims)
    for h in first.history[:1]:
        claims[h.claim_id] = dataclasses.replace(claims[h.claim_id], review="confirmed")
    reviewed = LedgerView((confirmed,) + view.ledgers[1:], claims, view.documents)
    export(reviewed, "jsonl", tmp_path / "one.jsonl", reviewed_only=True)
    lines = [json.loads(x) for x in (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [first.event.id]
    assert len(lines[0]["claims"]) == min(1, len(first.history))


def test_bad_format_and_binary_to_stdout_are_clear_errors(view: LedgerView) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(view, "xlsx", None)
    with pytest.raises(ValueError, match="binary"):
        export(view, "parquet", None)


def test_html_brief_escapes_hostile_text() -> None:
    text = ("<script>alert(1)</script> Officials said at least 12 people were killed when a missile "
            "hit a market in Kharkiv on Monday.")
    doc = Document(id="h1", ref="h1", text=text, url="javascript:alert(2)", title="<img src=x onerror=alert(3)>",
                   published="2024-05-20", language="en", source="<b>outlet</b>")
    view = _view([doc])
    led = next(led for led in view.ledgers if led.history)
    page = brief(view, led, "html")
    assert "<script>" not in page and "<img" not in page and "<b>outlet" not in page
    assert "javascript:" not in page  # a non-http link is shown as text, not linked
    assert "&lt;script&gt;" in page
    md = brief(view, led, "md")
    assert "12 killed" in md and "[1]" in md
