"""Literal gates give exactly the matches of the plain regexes, only faster."""

import re

import pytest

from sitrep.extract.events import scan_incident, weapons_in
from sitrep.gates import (
    Gate,
    Literals,
    Needs,
    anchored_alternation,
    first_literals,
    group_literals,
    inner_literals,
)


def test_first_and_inner_literals():
    assert first_literals(r"\b(?:air ?strikes?|clash(?:es|ed)?)\b") == ("air strike", "airstrike", "clash")
    assert first_literals(r"\b(?<!hunger )strikes? (?:on|hit)\b") == ("strike hit", "strike on", "strikes hit", "strikes on")
    assert first_literals(r"\b(?:the|a) \w+ strike\b") is None  # "a " is too short to anchor on
    assert inner_literals(r"\b(?:the|a) (?:\w+ )?strike (?:was|that)\b") == ("strike that", "strike was")
    assert first_literals(r"[a-z]+ing") is None


def test_group_literals():
    year = r"\b(?:in|during)\s+(?:(?:early|late)\s*)?((?:19|20)\d\d)\b"
    assert group_literals(year, re.I, 1) == ("19", "20")
    assert group_literals(r"(?:in (19\d\d)|since)", 0, 1) is None  # a branch need not hold the group
    assert group_literals(r"in (\d+)", 0, 1) is None  # no literal begins it
    assert group_literals(r"in (year \d+)", re.I, 1) is None  # letters have a case


def test_gate_matches_the_plain_regex():
    patterns = [r"\b(?:shells?(?! casings?)|air ?strikes?)\b", r"\b(?:the|a) (?:\w+ ){0,3}strike (?:was|that)\b",
                r"(?:shells?|strikes?)\b", r"(?a)\bshells?\b"]  # matches inside words; re.ASCII's \b
    texts = ["Air strikes and shells casings; the shells fell.", "A big strike was felt", "ſhells", "İ shell",
             "airstrike shellshell air strike", "", "3shells éshells _shells -shells Éshells \u212ashells"]
    for p in patterns:
        regex = re.compile(p, re.IGNORECASE)
        gate = Gate(regex)
        family = Literals([gate])
        for text in texts:
            got = [m.span() for m in gate.finditer(family.scan(text))]
            assert got == [m.span() for m in regex.finditer(text)], (p, text)


def test_weapons_with_and_without_a_scan():
    text = "Russian air strikes and shelling; a gunman opened fire. Shot down drones."
    for other in ("3drones, _drones, anti-drone, éshelling", "missiles-drones shellingdrones"):
        assert weapons_in(other) == weapons_in(other, scan=scan_incident(other))
    assert weapons_in(text) == weapons_in(text, scan=scan_incident(text))
    assert weapons_in("ſhells") == ("artillery",)  # re folds ſ to s; lower() does not


def test_lowered_keeps_short_texts_and_lowers_long_ones_each_time():
    from sitrep.gates import LOWERED_MAX, _lowered_kept, lowered

    short, long = "Kyiv “Under” FIRE", "Ä" * (LOWERED_MAX + 1)
    assert lowered(short) == short.lower() and lowered(short) is lowered(short)
    before = _lowered_kept.cache_info().currsize
    assert lowered(long) == long.lower()
    assert _lowered_kept.cache_info().currsize == before  # not kept


def test_anchored_alternation_finds_a_literal_exactly_where_one_occurs():
    literals = ("a year", "since the start", "since the start of", "since 20", "annually", "city-wide", "x")
    regex = re.compile(anchored_alternation(literals))
    texts = ["in an extra year", "since the star", "since 2019", "since 1990", "annual", "city-wid", "citywide",
             "a yea", "year", "ex", "", "since the start", "in a yearly report", "city-wideness", "s ince 20"]
    for text in texts:
        assert (regex.search(text) is not None) == any(w in text for w in literals), text


def test_needs_held_names_the_literals_a_text_holds():
    needs = Needs([re.compile(r"cookie (?:policy|settings)"), re.compile(r"leave a (?:comment|reply)")], find=True)
    text = "Shelling hit the town.\nRead our Cookie Policy.\nLeave a reply"
    held = needs.held(text)
    assert held == tuple(literal for literal in needs.literals if literal in text.lower()) and held
    # a line holds none of the text's literals exactly when ``absent`` says so
    for line in text.split("\n"):
        assert needs.absent(line) == (not any(literal in line.lower() for literal in held))
    assert needs.held("Nothing of the kind here.") == ()
    assert Needs([re.compile(r"\w+")]).held("any text") is None  # no literal: cannot tell


def test_key_of_finds_the_key_re_matched_through_another_letter():
    from sitrep.gates import case_key, key_of

    table = {"hundreds": 1, "israeli": 2, "kyiv": 3}
    assert key_of(table, "Hundreds") == "hundreds"
    # the long s, the dotted capital I and the Kelvin sign are letters re matches ignoring case
    assert key_of(table, "hundredſ") == "hundreds"
    assert key_of(table, "İsraeli") == "israeli"
    assert key_of(table, "\u212ayiv") == "kyiv"
    assert all(re.fullmatch(re.escape(k), v, re.IGNORECASE) for k, v in
               [("hundreds", "hundredſ"), ("israeli", "İsraeli"), ("kyiv", "\u212ayiv")])
    assert case_key("ıran") == case_key("Iran")
    with pytest.raises(KeyError):
        key_of(table, "Kharkiv")
