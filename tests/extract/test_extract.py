"""The extract stage end to end on one document: events, merging, headlines, running totals."""

from sitrep.extract import extract
from sitrep.models import Document


def doc(text: str, title: str | None = None, published: str = "2024-03-01") -> Document:
    body = f"{title}\n\n{text}" if title else text
    return Document(id="d1", ref="d1", text=body, title=title, published=published, language="en")


def test_extract_headline_restating_a_figure_is_evidence_not_a_claim():
    ex = extract(doc("Two people were killed in the blast, police said.", title="Two killed in blast"))
    (claim,) = ex.claims
    assert claim.claimant.name == "Police" and len(claim.evidence) == 2


def test_extract_a_text_of_headlines_alone_is_read_as_the_outlets_headlines():
    ex = extract(doc("Suicide bomber kills 12 in market\nPolice kill suspected militant in raid"))
    assert sorted((c.category, c.central, c.claimant.side) for c in ex.claims) == [
        ("killed", 1, "SELF"), ("killed", 12, "SELF")]
    # beside a body, a short line without a full stop is a subhead: it states no claim
    ex = extract(doc("Suicide bomber kills 12 in market\n\nThe market reopened on Monday, traders said."))
    assert ex.claims == ()


def test_extract_shots_fired_with_nobody_hurt_is_still_an_incident():
    ex = extract(doc("Shots were fired at a house in Omaha, Nebraska, on Sunday night. The family was unhurt."))
    (event,) = ex.events
    assert event.weapons and event.location.name == "Omaha"
    assert [(c.category, c.central) for c in ex.claims] == [("injured", 0)]
    # a bullet in a figure of speech is no weapon
    assert extract(doc("I really think the project dodged a bullet with that release.")).events == ()


def test_extract_separate_incidents_get_separate_events_and_totals_none():
    text = ("A strike on the market killed seven people, officials said.\n\n"
            "In a separate attack, shelling killed two farmers in a nearby village.\n\n"
            "Since the start of the year, 140 civilians have been killed in the region, the governor said.")
    ex = extract(doc(text))
    by_value = {c.central: c.event for c in ex.claims}
    assert by_value[7] and by_value[2] and by_value[7] != by_value[2]
    assert by_value[140] is None
    assert {e.id for e in ex.events} == {by_value[7], by_value[2]}


def test_extract_one_claim_per_claimant_figure_event_with_all_evidence():
    text = "The ministry of health said 12 people were killed.\n\nThe ministry of health later repeated that 12 people were killed."
    ex = extract(doc(text))
    (claim,) = [c for c in ex.claims if c.category == "killed"]
    assert len(claim.evidence) == 2


def test_extract_people_shot_who_did_not_die_are_injured():
    ex = extract(doc("Six people were shot, one fatally, police said."))
    assert {(c.category, c.central) for c in ex.claims} == {("killed", 1), ("injured", 5)}


def test_extract_local_authorities_speak_for_their_paragraphs_place():
    text = ("Strikes on Kharkiv killed seven people overnight, the regional governor said.\n\n"
            "In Omdurman, a market bombing killed 43 people, local officials said.")
    sides = {c.central: c.claimant.side for c in extract(doc(text)).claims}
    assert sides[7] == "UA" and sides[43] == "SD"


def test_side_cues_read_without_cutting_every_token_as_with():
    from sitrep.extract import _SideCues

    texts = ["Shelling hit Kyiv's centre, “Kharkiv”—in Odesa; near  Sumy.", "in\n\nGaza",
             "in the United States, us in US", "BECAUSE in Kherson. Israeli, Åland, Türkiye",
             "in \u212aYIV", "Israel.", "in Kyivska oblast, in kyiv-based, in Kyiv’s", "",
             # a start beyond ASCII, whole or not, where its ASCII pieces stand or not
             "in Côte d’Ivoire, xcôte, côtes; Curaçao, cura ao, land; in Åland’s te c", "in Réunion"]
    for text in texts:
        assert _SideCues._fast(text.lower(), "en") == _SideCues._split(text, "en")
    # "İ" lower-cases to two characters: the text is cut into tokens
    ((offset, side, weight),) = _SideCues("in Kyiv", "en").hits
    assert _SideCues("In\u0130 in Kyiv", "en").hits == [(offset + 4, side, weight)]


def test_extract_many_gives_each_document_what_extract_gives_it():
    from pathlib import Path

    from sitrep.extract import extract_many
    from sitrep.models import to_json

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[:12]
    docs = [Document(id=f"d{i}", ref=p.name, text=p.read_text(encoding="utf-8"), published="2024-03-01",
                     language="en") for i, p in enumerate(examples)]
    assert len(docs) == 12
    assert [to_json(x) for x in extract_many(docs)] == [to_json(extract(d)) for d in docs]
    assert any(x.claims for x in extract_many(docs)) and extract_many([]) == []


def test_extract_reads_letters_that_re_folds_apart_from_str_lower():
    # the dotted capital I, the long s and the Kelvin sign match lexicon words ignoring case
    # (re folds them to i, s, k) while str.lower does not: the claimant's side is still read
    plain = extract(doc("The Israeli military said at least four people were killed in the strike."))
    odd = extract(doc("The İsraeli military said at leaſt four people were \u212ailled in the strike."))
    assert [(c.category, c.central, c.claimant.side) for c in odd.claims] == \
        [(c.category, c.central, c.claimant.side) for c in plain.claims]
    assert plain.claims and plain.claims[0].claimant.side == "IL"


def test_extract_the_date_of_a_shooting_is_not_the_day_its_victim_later_died():
    text = ("A Dayton, Ohio, man later died on Monday, two days after he was shot outside a bar "
            "on Saturday night, police said.")
    (event,) = extract(doc(text, published="2024-03-05")).events
    assert event.date.earliest == "2024-03-02"


def test_extract_a_region_without_coordinates_still_gives_the_country():
    (event,) = extract(doc("Jihadists killed 12 villagers in Borno state on Sunday, police said.")).events
    assert (event.location.name, event.location.country, event.location.lat) == ("Borno", "NG", None)


def test_extract_jets_that_bombed_are_an_air_strike_and_rescuers_speak():
    ex = extract(doc("A military jet bombed a village in Sagaing on Wednesday, killing 34 people, a local rescue team said."))
    (event,) = ex.events
    assert (event.type, event.sub_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert [c.claimant.name for c in ex.claims] == ["Rescue team"]
