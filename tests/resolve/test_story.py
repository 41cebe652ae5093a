"""The story corpus (examples/story): thirteen invented reports of one strike and one unrelated
event, ingested in several orders and resolved, give one ledger, and it matches the gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sitrep.resolve.blocking import km
from sitrep.resolve.claimants import name_tokens
from sitrep.workspace import Workspace

STORY = Path(__file__).resolve().parents[2] / "examples" / "story"
GOLD = json.loads((STORY / "gold.json").read_text(encoding="utf-8"))
FILES = sorted(STORY.glob("*.txt"))


def _ledger(tmp_path: Path, name: str, batches: list[list[Path]], policy: str = "conservative"):
    with Workspace.open(tmp_path / f"{name}.db") as ws:
        for batch in batches:
            ws.ingest(batch)
            ws.resolve(policy)
        refs = {d.id: Path(d.ref).name for d in ws.store.iter_documents()}
        ledgers = list(ws.store.iter_ledgers())
    return ledgers, refs


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return _ledger(tmp_path_factory.mktemp("story"), "sorted", [FILES])


def _main(ledgers, refs):
    wanted = set(GOLD["event"]["documents"])
    return [led for led in ledgers if {refs[d] for d in led.event.documents} & wanted]


def _same(name: str, side: str, gold_name: str, gold_side: str) -> bool:
    if side != gold_side:
        return False
    a, b = name_tokens(name, side), name_tokens(gold_name, gold_side)
    return bool(a) and bool(b) and (a <= b or b <= a)


def test_story_any_order_and_any_split_gives_the_same_ledger(story, tmp_path):
    expected = sorted(story[0], key=lambda led: led.event.id)
    shuffled = list(FILES)
    random.Random(7).shuffle(shuffled)
    runs = {
        "reversed": [list(reversed(FILES))],
        "shuffled": [shuffled],
        "three runs": [shuffled[:4], shuffled[4:9], shuffled[9:]],
    }
    for name, batches in runs.items():
        got, _ = _ledger(tmp_path, name.replace(" ", "_"), batches)
        assert sorted(got, key=lambda led: led.event.id) == expected, name


def test_story_is_one_event_and_the_unrelated_strike_stays_apart(story):
    ledgers, refs = story
    (main,) = _main(ledgers, refs)
    gold = GOLD["event"]
    assert sorted(refs[d] for d in main.event.documents) == sorted(gold["documents"])
    assert main.event.sources == gold["sources"]
    e = main.event
    assert (e.type, e.sub_type) == (gold["type"], gold["sub_type"])
    assert e.date.earliest <= gold["date"] <= e.date.latest
    place = gold["place"]
    assert km(e.location.lat, e.location.lon, place["lat"], place["lon"]) <= place["within_km"]
    assert (e.actor1.side, e.actor2.side) == (gold["actor1_side"], gold["actor2_side"])
    assert set(gold["weapons"]) <= set(e.weapons)
    for other in GOLD["unrelated"]:
        (led,) = [x for x in ledgers if [refs[d] for d in x.event.documents] == [other["document"]]]
        assert led.event.location.name == other["place"] and led.event.sub_type == other["sub_type"]
        assert [(s.category, s.best) for s in led.estimates] == [(other["category"], other["figure"])]


def test_story_wire_copies_are_one_piece_of_evidence(story):
    ledgers, refs = story
    (main,) = _main(ledgers, refs)
    by_claim = {h.claim_id: h for h in main.history}
    for group in GOLD["wire_copies"]:
        docs = {d for d, r in refs.items() if r in group}
        entries = [h for h in main.history if h.document_id in docs]
        assert {refs[h.document_id] for h in entries} == set(group)
        statements: dict[tuple, list] = {}
        for h in entries:
            key = (h.category, h.claimant_key, h.stance, h.low, h.high, h.central)
            statements.setdefault(key, []).append(h)
        # each statement of the story counts once as evidence, its copies point to that one
        for key, same in statements.items():
            assert sum(h.appearance_of is None for h in same) == 1, key
        assert max(len(same) for same in statements.values()) == len(group)
        for h in entries:
            if h.appearance_of:
                assert by_claim[h.appearance_of].document_id in docs


def test_story_latest_figures_superseded_ones_and_estimates_match_the_gold(story):
    ledgers, refs = story
    (main,) = _main(ledgers, refs)
    named = [h for h in main.history if h.current and h.claimant.side != "SELF"]
    for g in GOLD["latest"]:
        hits = [h for h in named if h.category == g["category"] and h.stance == g["stance"]
                and _same(h.claimant.name, h.claimant.side, g["claimant"], g["side"])]
        assert hits, g
        if g["figure"] is not None:
            assert {h.figure for h in hits} == {g["figure"]}, g
            assert {h.qualifier for h in hits} == {g["qualifier"]}, g
        assert min(h.published or "9999" for h in hits) == g["first_published"], g
    groups = {(h.category, h.claimant_key, h.stance) for h in named}
    assert len(groups) == len(GOLD["latest"]), groups
    for g in GOLD["superseded"]:
        old = [h for h in main.history if h.category == g["category"] and h.figure == g["figure"]
               and _same(h.claimant.name, h.claimant.side, g["claimant"], g["side"])]
        assert old and all(h.superseded_by for h in old), g
        by_id = {h.claim_id: h for h in main.history}
        assert {by_id[h.superseded_by].figure for h in old} == {g["by"]}
    _check_estimates(main, GOLD["estimates"]["conservative"])


def test_story_median_policy_matches_the_gold(tmp_path):
    ledgers, refs = _ledger(tmp_path, "median", [FILES], policy="median")
    (main,) = _main(ledgers, refs)
    _check_estimates(main, GOLD["estimates"]["median"])


def _check_estimates(main, gold):
    got = {s.category: s for s in main.estimates}
    assert set(got) == set(gold)
    for category, g in gold.items():
        s = got[category]
        assert (s.low, s.best, s.high) == (g["low"], g["best"], g["high"]), s
        for words in g["best_rule"]:
            assert words in s.best_rule, s.best_rule


def test_story_contradictions_match_the_gold(story):
    ledgers, refs = story
    (main,) = _main(ledgers, refs)
    by_key = {h.claimant_key: h.claimant for h in main.history}
    found = []
    for c in main.contradictions:
        found.append((c.category, c.kind, [by_key[k] for k in c.claimants]))
    assert len(found) == len(GOLD["contradictions"]), [c.note for c in main.contradictions]
    for g in GOLD["contradictions"]:
        match = [
            f for f in found
            if f[:2] == (g["category"], g["kind"])
            and all(any(_same(c.name, c.side, name, side) for c in f[2][: len(g["claimants"])])
                    for side, name in g["claimants"])
        ]
        assert match, g
