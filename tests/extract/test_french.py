"""French lexicons: the same rules read French articles through lexicons/fr."""

import json
from pathlib import Path

import pytest

from sitrep.extract import extract
from sitrep.extract.numbers import find_quantities
from sitrep.models import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def claims_of(text: str):
    return extract(Document(id="fr", ref="fr", text=text, language="fr")).claims


def test_the_ministry_figure_yields_one_claim_with_evidence():
    text = ("Une frappe a touché la ville mardi, faisant au moins 63 morts, "
            "selon le ministère russe de la Défense.")
    (claim,) = claims_of(text)
    assert (claim.category, claim.low, claim.high, claim.qualifier) == ("killed", 63, None, "at_least")
    assert (claim.claimant.name, claim.claimant.side) == ("Russian Ministry of Defence", "RU")
    assert claim.stance == "asserts"
    assert [(s.start, s.end) for s in claim.evidence] == [(0, len(text))]


def test_refugees_killed_are_killed():
    (claim,) = claims_of("Deux réfugiés ont été tués lors du bombardement, selon la police.")
    assert (claim.category, claim.low) == ("killed", 2)


def test_a_number_in_words():
    (claim,) = claims_of("La police de Kharkiv a indiqué que douze personnes avaient été blessées.")
    assert (claim.category, claim.low, claim.high, claim.qualifier) == ("injured", 12, 12, "exact")
    assert claim.claimant.side == "UA"


@pytest.mark.parametrize(
    "text, value",
    [("soixante-trois soldats", 63), ("quatre-vingt-dix-sept drones", 97), ("vingt et un civils", 21),
     ("1 500 habitants", 1500), ("plus de 30 drones", 30)],
)
def test_french_numbers(text, value):
    (q,) = find_quantities(text, "fr")
    assert q.is_count and q.central == value


def test_a_denial():
    (claim,) = claims_of("L'état-major ukrainien dément que 63 militaires aient été tués lors de la frappe.")
    assert (claim.category, claim.low, claim.stance) == ("killed", 63, "denies")
    assert claim.claimant.side == "UA"


def test_the_launch_and_the_part_shot_down():
    found = {(c.category, c.low) for c in claims_of(
        "Les forces russes ont lancé 40 drones, dont 32 ont été abattus, a indiqué l'armée de l'air ukrainienne.")}
    assert found == {("munitions_launched", 40), ("munitions_intercepted", 32)}


@pytest.mark.parametrize(
    "text",
    ["Un homme de 45 ans a été blessé à 30 km de la ville.",
     "Le village se trouve à 12 kilomètres du front, a indiqué le maire.",
     "L'usine emploie 300 ouvriers depuis 2019."],
)
def test_a_distance_or_an_age_is_not_a_claim(text):
    assert all(c.low not in (45, 30, 12, 300, 2019) for c in claims_of(text))


def test_english_documents_still_read_english():
    (claim,) = extract(Document(id="en", ref="en", text="At least 63 soldiers were killed, the ministry said.",
                                language="en")).claims
    assert (claim.category, claim.low) == ("killed", 63)


def test_a_language_without_rules_falls_back_to_english():
    (claim,) = extract(Document(id="de", ref="de", text="At least 63 soldiers were killed, the ministry said.",
                                language="de")).claims
    assert (claim.category, claim.low) == ("killed", 63)


@pytest.mark.parametrize("gold", sorted(EXAMPLES.glob("fr-*.gold.json")), ids=lambda p: p.stem)
def test_french_examples_are_well_formed(gold):
    data = json.loads(gold.read_text(encoding="utf-8"))
    meta = json.loads((EXAMPLES / data["text_file"]).with_suffix("").with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["language"] == "fr" and meta["url"].split("/")[2].endswith(".test")
    assert data["claims"]
