"""Event fields from one article: ACLED type, actors, date choice (sentences written for sitrep)."""

from __future__ import annotations

import datetime as dt

from sitrep.annotate.dates import find_dates
from sitrep.extract.actors import find_actors
from sitrep.extract.event_type import classify
from sitrep.extract.when import choose
from sitrep.models import Claim, Claimant


def _claim(category: str, subject: str | None, n: int = 5) -> Claim:
    return Claim(id="c", category=category, low=n, high=n, central=n, qualifier="exact",
                 claimant=Claimant("x", "OTHER", "person"), stance="asserts", evidence=(),
                 subject=subject)


def test_weapon_sets_type() -> None:
    assert classify("Russian missiles hit the city centre.", ("missile",), ["killed"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert classify("A drone struck a bus.", ("drone",), ["killed"]) == (
        "Explosions/Remote violence", "Air/drone strike")


def test_disaster_before_weapons_and_battle_after() -> None:
    assert classify("The earthquake flattened homes.", (), ["killed"])[0] == "Disaster"
    assert classify("Heavy fighting broke out near the base.", ("firearm",), ["killed"]) == (
        "Battles", "Armed clash")
    assert classify("A gunman opened fire on shoppers.", ("firearm",), ["killed"]) == (
        "Violence against civilians", "Attack")


def test_interceptions_only_are_disrupted_weapons_use() -> None:
    assert classify("Air defences shot down 20 drones.", ("drone",), ["munitions_intercepted"]) == (
        "Strategic developments", "Disrupted weapons use")
    # a hit with casualties stays a strike
    assert classify("Drones shot down; debris killed two.", ("drone",),
                    ["munitions_intercepted", "killed"])[1] == "Air/drone strike"


def test_attacker_and_target_from_demonyms() -> None:
    a1, a2 = find_actors(["A Ukrainian strike on Russian positions killed 40 servicemen."], [], "UA")
    assert (a1.side, a2.side) == ("UA", "RU")
    a1, a2 = find_actors(["Russian missiles hit Kharkiv overnight."], [], "UA")
    assert a1.side == "RU" and a2 is not None and a2.side == "UA"  # from where it happened


def test_victims_named_by_the_figures_win() -> None:
    a1, a2 = find_actors(["Ukrainian forces fired rockets at a college building."],
                         [_claim("killed", "Russian servicemen")], "UA")
    assert (a1.side, a2.side) == ("UA", "RU")
    assert a2.name == "Military Forces of Russia"


def test_a_speaker_is_not_an_attacker() -> None:
    a1, _ = find_actors(["The Russian army said 12 drones were shot down."], [], "RU")
    assert a1 is None


def test_no_actor_found_gives_none_not_a_guess() -> None:
    assert find_actors(["Two people died when a roof collapsed."], [], None) == (None, None)


def test_date_prefers_a_figure_sentence_and_skips_future() -> None:
    text = "The funeral will be held on Friday. On Sunday night a blast killed three people."
    pub = dt.date(2024, 3, 5)  # a Tuesday
    mentions = find_dates(text, pub)
    d = choose(text, mentions, [(0, 35), (36, len(text))], pub)
    assert (d.earliest, d.latest, d.precision) == ("2024-03-03", "2024-03-04", 2)  # a night


def test_no_date_falls_back_to_the_week_before_publication() -> None:
    d = choose("No date here.", [], [(0, 13)], dt.date(2024, 3, 5))
    assert (d.earliest, d.latest, d.precision) == ("2024-02-28", "2024-03-05", 3)
    assert choose("No date here.", [], [(0, 13)], None).earliest is None


def test_a_statement_date_is_not_the_incident_date() -> None:
    text = "The army said on Saturday that gunmen attacked a camp before dawn on Friday."
    pub = dt.date(2023, 9, 16)
    d = choose(text, find_dates(text, pub), [(0, len(text))], pub)
    assert d.earliest == "2023-09-15"


def test_the_best_dated_phrase_wins_wherever_it_stands() -> None:
    # a first phrase with no cue sets the score to beat; a month (background) cannot beat it,
    # the phrase by the incident word does, and a later phrase as good does not replace it
    text = ("On Monday the town was quiet. In February there were protests. "
            "Gunmen killed two people on Wednesday. Police searched the area on Thursday.")
    pub = dt.date(2024, 3, 8)  # a Friday
    d = choose(text, find_dates(text, pub), [(0, len(text))], pub)
    assert (d.earliest, d.latest, d.precision) == ("2024-03-06", "2024-03-06", 1)
    tie = "Monday was quiet. Tuesday was quiet."
    d = choose(tie, find_dates(tie, pub), [(0, 17), (18, len(tie))], pub)
    assert d.earliest == "2024-03-04"  # a tie: the earlier phrase


def test_event_dates_of_texts_read_as_written_and_lower_cased() -> None:
    # "İ" lowers to two characters and "ſ" matches "s" only case-insensitively: such texts are
    # read as written; the same article's next event reuses the lower-cased text
    pub = dt.date(2024, 3, 8)  # a Friday
    for town in ("Izmir", "İzmir", "Leſbos"):
        text = f"In {town} a blast killed two on Wednesday. The army said on Thursday it was a mine."
        mentions = find_dates(text, pub)
        for _ in range(2):
            d = choose(text, mentions, [(0, len(text))], pub)
            assert d.earliest == "2024-03-06", town


def _events(text: str, published: str = "2024-03-05"):
    from sitrep.extract import extract
    from sitrep.models import Document

    return extract(Document(id="d", ref="d", text=text, published=published, language="en")).events


def test_no_place_gives_an_empty_location_not_a_guess() -> None:
    (event,) = _events("A drone strike killed three people on Sunday, the army said.")
    assert event.location.lat is None and event.location.precision is None
    assert event.date.earliest == "2024-03-03" and event.date.precision == 1


def test_an_impossible_date_falls_back_with_low_precision() -> None:
    (event,) = _events("Shelling on 31 February killed two soldiers, officials said.")
    assert (event.date.earliest, event.date.latest, event.date.precision) == ("2024-02-28", "2024-03-05", 3)


def test_a_future_date_is_never_the_incident_date() -> None:
    (event,) = _events("A missile strike killed four people. A funeral will be held on March 9.")
    assert event.date.latest is not None and event.date.latest <= "2024-03-05"
    assert event.date.precision == 3


def test_a_name_in_many_countries_takes_the_article_context() -> None:
    (event,) = _events("Russian drones struck Alexandrovka in Russia's Kursk region, killing two "
                       "civilians, the Russian governor said. Kursk and Belgorod were also hit.")
    assert event.location.country == "RU"


def test_the_town_beats_its_county() -> None:
    # a US county's point is only its namesake town's: the town named in the text wins
    (event,) = _events("A man was shot dead in Bakersfield on Sunday, Kern County deputies "
                       "said. He was taken to a Kern County hospital, where he died.")
    assert event.location.name == "Bakersfield"


def test_url_state_settles_a_town_found_in_many_states() -> None:
    from sitrep.extract import extract
    from sitrep.models import Document

    text = "Two men were shot and killed in Colchester on Friday night, police said."
    doc = Document(id="d", ref="d", text=text, published="2024-03-05", language="en",
                   url="https://www.nbcconnecticut.com/news/local/two-shot/123/")
    (event,) = extract(doc).events
    assert event.location.admin1 == "Connecticut"


def test_a_dateline_after_the_headline_is_the_place() -> None:
    text = ("Teen hurt in shooting at a party\n\nPIQUA, Ohio — A 15-year-old was shot "
            "at a party on Saturday, police said. He was taken to a hospital in Dayton.")
    (event,) = _events(text)
    assert event.location.name == "Piqua"


def test_a_namesake_far_from_all_the_other_places_is_not_the_place() -> None:
    # a neighbourhood the gazetteer lacks resolves to a town of that name far away; the
    # article's other names lie together in one state
    text = ("Two men were shot in Brookline on Monday night, Springfield police said. "
            "Deputies from Greene County and the Missouri State Highway Patrol joined the "
            "search near Nixa.")
    (event,) = _events(text)
    assert event.location.admin1 == "Missouri"


def test_where_the_wounded_were_taken_is_not_where_it_happened() -> None:
    text = ("A Rock Hill woman was shot in the arm on Sunday afternoon, police said. She was "
            "transported to a medical center in Charlotte, where she is in stable condition.")
    (event,) = _events(text)
    assert event.location.name == "Rock Hill"


def test_a_short_dateline_after_the_headline_and_byline_is_the_place() -> None:
    text = ("Boy hurt in an accidental shooting on the family farm\n\nThe Weekly Herald\n\n"
            "IUKA – A 12-year-old boy was shot in the leg on Saturday, deputies said.")
    (event,) = _events(text)
    assert event.location.name == "Iuka"


def test_rules_ruled_out_by_the_scan_literals_answer_as_their_search() -> None:
    from sitrep.extract.event_type import _literals, _rule_literals, _Words, rule_gates

    texts = ["Heavy clashes broke out near the base.", "Militants stormed a village at dawn.",
             "An airstrike hit the market.", "The earthquake flattened homes.", "Nothing happened."]
    for text in texts:
        words = _Words(_literals("en").scan(text), "en")
        for i, gates in enumerate(rule_gates("en")):
            assert words(i) == any(g.pattern.search(text) is not None for g in gates), (text, i)
    assert any(literals is not None for literals in _rule_literals("en"))


def test_weapons_from_the_scan_are_those_of_a_plain_search() -> None:
    from sitrep.extract.events import _WORD, _weapon_gate, _weapons, scan_incident, weapons_in

    names, words, _ = _weapons("en")

    def plain(text: str) -> tuple[str, ...]:
        seen = {words[w] for w in set(_WORD.findall(text.lower())) if w in words}
        gate = _weapon_gate("en")
        if gate is not None:
            seen |= {int((m.lastgroup or "w0")[1:].split("_")[0]) for m in gate.pattern.finditer(text)}
        return tuple(names[i] for i in sorted(seen))

    texts = ["Russian air strikes and shelling; a gunman opened fire.", "Shot down drones over the city.",
             "No weapon here at all.", "A car bomb and a suicide bomber; knives, rifles and mortars.",
             "gunshots-drones anti-drone éshelling 3drones"]
    for text in texts:
        assert weapons_in(text, scan=scan_incident(text)) == plain(text), text


def test_actors_read_from_the_sentences_that_may_tell_one(monkeypatch) -> None:
    from sitrep.extract import actors

    sentences = [
        "The gunman fled before police arrived.", "Witnesses heard shots near the school.",
        "Fighters of the Rapid Support Forces attacked the town.", "RSF fighters stormed a market.",
        "An official in the State of Palestine said nothing.", "U.S. drones struck a convoy.",
        "They told us the strike on Russian positions killed 40 servicemen.",
        "Russian missiles hit Kharkiv overnight.", "a russian strike, lower-cased.",
        "Israeli jets bombed the area.", "The ıraqi army attacked.", "\u212ayiv said nothing.",
    ]
    cases = [sentences, sentences[::-1], sentences[:10], sentences[:4], sentences[:2], sentences[4:6],
             sentences[8:], [sentences[0]], []]
    found = [actors.find_actors(case, [], "UA") for case in cases]
    kept = [list(actors._telling(case, "en")) for case in cases]
    monkeypatch.setattr(actors, "_sieve", lambda language: None)  # every sentence read
    assert found == [actors.find_actors(case, [], "UA") for case in cases]
    assert found[3][0] is not None and found[3][0].side == "OTHER"  # the RSF
    assert len(kept[2]) < 10 and kept[4] == []  # nothing capitalised begins a place name, no group
    assert "An official in the State of Palestine said nothing." in kept[5]
    assert kept[0] == sentences  # a dotless ı: every sentence is read


def test_attacker_and_target_tried_at_their_first_words_match_as_a_search() -> None:
    from sitrep.extract.actors import _at_words, _lowered, _patterns

    p = _patterns("en")
    assert p.attacker_starts is not None and p.target_starts is not None
    sentences = ["A Ukrainian strike on Russian positions killed 40 servicemen.",
                 "Russian missiles hit Kharkiv; STRIKES ON the Russian troops followed.",
                 "Israeli jets bombed Gaza and fire at Lebanese soldiers went on.",
                 "U.S. forces attacked, then a strike against the United States base.",
                 "onRussian positions, hitUkrainian troops", "Nothing here.", "The ıraqi army attacked Iraqi troops.",
                 "Strikes on Sudanese villagers; the SUDAN army fired."]
    for sentence in sentences:
        lowered = _lowered(sentence)
        for pattern, starts in ((p.attacker, p.attacker_starts), (p.target, p.target_starts)):
            assert ([m.span() for m in _at_words(pattern, sentence, lowered, starts)]
                    == [m.span() for m in pattern.finditer(sentence)]), (pattern is p.attacker, sentence)


def _plain_weapons(text: str) -> tuple[str, ...]:
    """weapons_in by plain regex searches, without a scan."""
    from sitrep.extract.events import _WORD, _weapon_gate, _weapons

    names, words, _ = _weapons("en")
    seen = {words[w] for w in set(_WORD.findall(text.lower())) if w in words}
    gate = _weapon_gate("en")
    if gate is not None:
        seen |= {int((m.lastgroup or "w0")[1:].split("_")[0]) for m in gate.pattern.finditer(text)}
    return tuple(names[i] for i in sorted(seen))


def test_weapon_phrases_skipped_only_when_their_weapons_are_seen() -> None:
    from sitrep.extract.events import _weapons_at, scan_incident, weapons_in

    assert _weapons_at("en") is not None
    texts = ["A gun was found after the shooting; shots were fired.", "Gunfire, then a car bomb and shells.",
             "The shooting down of drones", "Rifles and an air strike; the shot down missile.",
             "A handgun. Suicide bombers opened fire.", "Shell casings and a shooting."]
    for text in texts:
        assert weapons_in(text, scan=scan_incident(text)) == _plain_weapons(text), text
