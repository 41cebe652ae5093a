"""Attribution's gated lexicon patterns find exactly what the whole patterns find.

The gates skip lexicon entries whose words a text lacks (and phrases with no place name); they
must never change a match. Checked on the example articles' sentences and pieces of them, and
on letters that ``re`` folds differently from ``str.lower``."""

import re
from pathlib import Path

import pytest

from sitrep.extract.attribution import lexicon

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ODD = ["ıt ſaid", "İnterior mİnistry said", "the UN agency", "Capt. John Roe", "capt. john roe",
       "Médecins Sans Frontières said", "MSF", "Ukraine's air force", "U.S.Army", "l'armée ukrainienne",
       "les autorités de l'Ukraine", "the ministry of defence of Ukraine", "PUT THE DEATH TOLL AT", "Its spokesman, Ko Thura",
       "selon l’ONU", "d’après la police", "Ukraine’s General Staff said", "policemen said", "the IDF’s", "said:said",
       "unsaid, saidx said_ said"]


def _texts() -> list[str]:
    sentences = [s for p in sorted(EXAMPLES.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+|\n+", p.read_text(encoding="utf-8")) if s.strip()]
    pieces = [" ".join(s.split()[i : i + 5]) for s in sentences for i in range(0, len(s.split()), 6)]
    # cut anywhere: words broken at either end, which the gates' word tests must allow for
    cuts = [s[i : i + 37] for s in sentences[:120] for i in range(0, len(s), 23)]
    return sentences[:400] + pieces[:400] + cuts[:400] + ODD  # enough, and a second or so


def _spans(matches) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_gated_patterns_match_as_the_whole_pattern(language):
    lex = lexicon(language)
    gated = {"named": lex.named, "organs": lex.organs.alternation, "local": lex.local.alternation,
             "independent": lex.independent.alternation, "deny": lex.deny, "dispute": lex.dispute,
             "neither": lex.neither, "according": lex.according, "citing": lex.citing}
    for text in _texts():
        for name, gate in gated.items():
            assert _spans(gate.finditer(text)) == _spans(gate.pattern.finditer(text)), (name, text)
            whole = gate.pattern.search(text)
            assert _spans([gate.search(text)] if gate.search(text) else []) == _spans(
                [whole] if whole else []), (name, text)
        cues = any(g.pattern.search(text) for g in (lex.deny, lex.dispute, lex.neither))
        assert lex.cue_words.may_hold(text) or not cues, text
        verbs = [(m.span(), m.group(0).lower()) for m in lex.verbs.pattern.finditer(text)]
        assert [(m.span(), m.group(0).lower()) for m in lex.verbs.finditer(text)] == verbs, text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_place_word_test_never_misses_a_place_pattern(language):
    lex = lexicon(language)
    for text in _texts():
        found = (lex.place_any.search(text) or lex.place_organ.search(text)
                 or lex.place_only.match(text.lower())
                 or (lex.place_after_word_end and lex.organ_place.search(text)))
        assert lex.place_words.may_hold(text) or not found, text
        with_organ = lex.place_organ.search(text) or lex.organ_place.search(text)
        assert lex.organs.alternation.may_match(text) or not with_organ, text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_word_gated_patterns_are_tried_where_they_may_match(language):
    from sitrep.extract.attribution import _lowered

    lex = lexicon(language)
    for text in _texts() + ["the ministry has also", "it was later", "Ukraine's military on Tuesday",
                            "the army in a statement", "he"]:
        for gated in (lex.aux, lex.subject_pronoun):
            assert gated.may_match(_lowered(text)) or not gated.pattern.search(text), text


def test_capital_first_patterns_find_what_their_plain_forms_find():
    # _ORG_NAME and group_name begin with their first capital, for speed: the same matches
    from sitrep import lexicons
    from sitrep.extract.attribution import _ORG_NAME, _lowered

    military = "|".join(lexicons.load("actors", "en")["org_words"]["military"])
    plain_group = re.compile(r"(?<![.!?]\s)\b(?!The\b|A\b|An\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+"
                             rf"(?:{military})\b")
    plain_org = re.compile(r"\b(?:[A-Z]{3,6}\b|(?:[A-Z][\w'’-]+\s+){1,4}[A-Z][\w'’-]+)")
    texts = ["The Arakan Army said", "A Army", "An Army", "x. Kachin Army", "xKachin Army",
             "Then Army", "Ann Army", "NATO said", "NATOS and ABCDEFG", "_ABC", "ÉABC",
             "the Kani People's Defence Force", "Doctors Without Borders (MSF) said",
             "a U.N. Office for the Coordination of Humanitarian Affairs"]
    group = lexicon("en").group_name.pattern
    for text in texts:
        if group.search(text):  # a group's name is searched for only in a text with its word
            assert lexicon("en").group_name.may_match(_lowered(text)), text
        for fast, plain in ((group, plain_group), (_ORG_NAME, plain_org)):
            assert ([(m.span(), m.group()) for m in fast.finditer(text)]
                    == [(m.span(), m.group()) for m in plain.finditer(text)]), text


def test_words_a_regex_needs_are_read_from_its_spellings():
    from sitrep.extract.attribution import _first_words, _spelt_words, _word_needs

    def spelt(pattern):
        return sorted(sorted(words) for words in _spelt_words(pattern, re.IGNORECASE))

    # whole words only where both neighbours are known: a last "police" may go on ("policemen")
    assert spelt(r"\b(?:police(?: chief)?)") == [[], ["police"]]
    assert spelt(r"\b(?:defen[cs]e ministry)\b") == [["defence", "ministry"], ["defense", "ministry"]]
    assert spelt(r"\b(?:(?:l['’])?onu)\b") == [["l", "onu"], ["l", "onu"], ["onu"]]  # l' and l’
    assert spelt(r"\b(?:\w+ )?war\b") == [["war"], ["war"]]
    # a word all spellings hold, the most telling: not "the", which other entries hold too
    needs = _word_needs([_spelt_words(p, re.IGNORECASE) for p in (r"\bthe idf\b", r"\bthe kremlin\b", r"\bpolice")])
    assert needs == [frozenset({"idf"}), frozenset({"kremlin"}), None]
    assert _first_words(r"\b(?:said|put the (?:death )?toll at)\b", re.IGNORECASE) == {"said", "put"}
    assert _first_words(r"(?:said|told)\b", re.IGNORECASE) is None  # no boundary: may start inside a word


def test_new_incident_word_test_never_misses_a_turn_to_another_incident():
    from sitrep.extract.casualties import opens_new_incident
    from sitrep.extract.events import _new_incident_cues

    cues = _new_incident_cues("en")
    extra = ["A year ago, a bomb killed 4.", "It came two days after the shooting.", "Three weeks earlier, 5 died.",
             "It comes after a strike", "The attack came hours after another", "in another attack",
             "In March 2023, 9 died.", "last week's raid", "years ago", "one year ago"]
    for text in _texts() + extra:
        assert cues.may_hold(text) or not opens_new_incident(text), text
    # a word an entry needs, without the others of any of its forms: no search
    assert not cues.may_hold("The toll this year rose to 12.")
    assert cues.may_hold("A year ago 12 died.")
