"""Acceptance: the quality gate on real articles (shared data) and on our own examples.

Floors are pinned here; lowering one is a visible change in review, never a silent one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate import run_eval
from sitrep.settings import Settings
from sitrep.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# the targets for the dev set; see README "Quality"
GVA_MIN_KILLED = 0.90
GVA_MIN_INJURED = 0.78
EXAMPLES_MIN_PRECISION = 0.85
EXAMPLES_MIN_RECALL = 0.85
# event fields (issue 3): the targets, both met (measured 0.885 and 0.860)
GVA_MIN_DATE = 0.85
GVA_MIN_PLACE = 0.85
EXAMPLES_MIN_EVENT_PLACE = 0.70
EXAMPLES_MIN_EVENT_DATE = 0.90
EXAMPLES_MIN_EVENT_TYPE = 0.80


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace(Settings())


def test_seed_article_every_required_claim_and_no_false_positive(ws, seed_gold_path):
    report = run_eval(ws, [seed_gold_path])
    assert report.articles == 1
    assert report.claims.missing == []
    assert report.claims.false_positives == []
    assert report.claims.recall == 1.0 and report.claims.precision == 1.0


def test_seed_kyiv_bombardment_is_another_event_than_makiivka(ws, seed_text_path):
    from sitrep.ingest import Overrides

    (extraction,) = list(ws.extract_sources([seed_text_path], Overrides(published="2023-01-02")))
    by_value = {(c.category, c.central or c.low): c.event for c in extraction.claims}
    makiivka = by_value[("killed", 63)]
    kyiv = by_value[("killed", 5)]
    assert makiivka and kyiv and makiivka != kyiv
    running_total = [c for c in extraction.claims if c.category == "munitions_intercepted" and c.low == 81]
    assert running_total and running_total[0].event is None


def test_seed_not_claims_are_not_claims(ws, seed_text_path):
    from sitrep.ingest import Overrides

    (extraction,) = list(ws.extract_sources([seed_text_path], Overrides(published="2023-01-02")))
    doc = extraction.document
    values = {c.central for c in extraction.claims} | {c.low for c in extraction.claims}
    assert not values & {2014, 2023}  # "since 2014", "the start of 2023"
    quoted = [doc.text[s.start:s.end] for c in extraction.claims for s in c.evidence]
    assert not [q for q in quoted if "kilometers" in q]  # the HIMARS range
    assert not [q for q in quoted if "telephone line" in q]  # the Samara hotline
    assert not [q for q in quoted if "Ten months" in q]


def test_gva_dev_set_meets_the_floors(ws, gva_path):
    report = run_eval(ws, [gva_path])
    assert report.incidents.n == 200
    assert report.incidents.killed_accuracy >= GVA_MIN_KILLED
    assert report.incidents.injured_accuracy >= GVA_MIN_INJURED
    assert report.incidents.date_accuracy >= GVA_MIN_DATE
    assert report.incidents.place_accuracy >= GVA_MIN_PLACE


def test_examples_meet_the_floors(ws):
    golds = sorted(EXAMPLES.glob("*.gold.json"))
    assert len(golds) >= 20, "the examples corpus must keep at least 20 articles with gold"
    report = run_eval(ws, golds)
    assert report.articles == len(golds)
    assert report.claims.precision >= EXAMPLES_MIN_PRECISION, report.render(show=True)
    assert report.claims.recall >= EXAMPLES_MIN_RECALL, report.render(show=True)
    events = report.events
    assert events.rate("place") >= EXAMPLES_MIN_EVENT_PLACE, report.render(show=True)
    assert events.rate("date") >= EXAMPLES_MIN_EVENT_DATE, report.render(show=True)
    assert events.rate("typed") >= EXAMPLES_MIN_EVENT_TYPE, report.render(show=True)


def test_seed_events_have_place_date_type_and_sides(ws, seed_gold_path):
    """E1 (Makiivka) and E2 (Kyiv) of the seed gold: place within 25 km, date range, ACLED type
    and sub-type, and the sides of actor1 and actor2."""
    report = run_eval(ws, [seed_gold_path])
    assert report.events.n == 2
    assert report.events.errors == [], report.events.errors


def test_every_claim_carries_evidence_inside_the_text(ws):
    for extraction in ws.extract_sources([EXAMPLES]):
        doc = extraction.document
        assert doc is not None
        for claim in extraction.claims:
            assert claim.evidence
            for span in claim.evidence:
                assert 0 <= span.start < span.end <= len(doc.text)


def test_gold_files_name_existing_texts():
    for gold in EXAMPLES.glob("*.gold.json"):
        data = json.loads(gold.read_text(encoding="utf-8"))
        assert (gold.parent / data["text_file"]).exists(), gold
        assert data["id"] == gold.name.removesuffix(".gold.json")


def test_makiivka_brief_cites_every_figure_of_the_seed_and_our_reports(seed_text_path, tmp_path):
    """The seed (2 January) and three reports of our own (2-4 January: Ukraine's ~400 and 300,
    Russia's 63 raised to 89, bloggers' "hundreds") resolve into one Makiivka event whose brief
    quotes and cites every standing figure with its claimant, and shows Russia's 63 -> 89."""
    from sitrep.annotate.gazetteer import km
    from sitrep.ingest import Overrides
    from sitrep.publish.view import current, figure_text, speaker

    with Workspace.open(tmp_path / "m.db") as w:
        w.ingest([seed_text_path], Overrides(published="2023-01-02"))
        w.ingest([EXAMPLES / "makiivka"])
        near = [led for led in w.ledgers() if led.event.location.lat is not None
                and km(led.event.location.lat, led.event.location.lon, 48.0478, 37.9258) <= 25]
        assert near, "no resolved event at Makiivka"
        led = max(near, key=lambda led: led.event.sources)
        assert led.event.sources == 4, [led.event.documents for led in near]
        brief = w.brief(led.event.id)
        view = w.view([led.event.id])
    standing = current(led.history)
    assert len(standing) >= 5
    for h in standing:
        assert speaker(view, h) in brief, h.claimant
        assert figure_text(h.low, h.high, h.central, h.qualifier, h.vague) in brief, h
    sides = {(h.category, h.claimant.side, h.figure) for h in led.history if h.stance == "asserts"}
    assert {("killed", "RU", 63), ("killed", "RU", 89), ("killed", "UA", 400), ("injured", "UA", 300)} <= sides
    assert "63 (2023-01-02" in brief and "→ 89 (2023-01-04" in brief  # how Russia's figure changed
    assert brief.count("](https://") >= 3  # the reports are linked
