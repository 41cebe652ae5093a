"""Extract stage: who acted (``actor1``) and who was hit (``actor2``) in an incident.

Read from the incident's sentences with the actor lexicon's place words (a country or its
demonym names a side) and ``events.json``:

* the attacker: a place word before an attack noun or verb ("a Ukrainian strike", "Russian
  missiles", "Russia launched"), or a named armed group before an attack verb ("RSF fighters
  attacked"); not a place word after a target word ("a strike on Russian positions") and not one
  that speaks ("the Russian army said");
* the target: the people the figures count when a place word describes them ("63 Russian
  servicemen"), else a place word after a target word, else the country the incident happened
  in when that is not the attacker's.

Actor names follow ACLED's style: "Military Forces of Russia", "Civilians (Ukraine)".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .. import lexicons
from ..gates import holds_odd, key_of, odd_cases
from ..models import Actor, Claim
from .attribution import (
    _at_words,
    _first_words,
    _Gated,
    _lowered,
    _PlaceWords,
    _whole_word_offsets,
)
from .attribution import lexicon as actor_lexicon
from .numbers import UNFOLDED

_PEOPLE = ("killed", "injured", "missing", "captured", "displaced")
_CIVILIAN = frozenset("civilians residents people citizens children families villagers workers".split())
_SPEAKS = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,2}?(?:said|says|say|reported|reports|claimed|claims|announced|told|"
    r"stated|statement|spokesman|spokeswoman|spokesperson|press service)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Patterns:
    attacker: re.Pattern[str]
    target: re.Pattern[str]
    group_attack: re.Pattern[str]
    groups: _Gated  # the armed groups' names as group_attack has them: a cheap test first
    victim_nouns: re.Pattern[str]
    places: dict[str, str]
    pair_firsts: frozenset[str]  # the first words of the place names of two words
    capitalised: bool
    place_words: _PlaceWords
    # the whole words (lower-cased) every attacker or target match begins with, one of them:
    # a target word ("on", "against"), or for an attacker also a place name's first word; None
    # when not known (a target word of more than letters, place names not read as words)
    attacker_starts: frozenset[str] | None
    target_starts: frozenset[str] | None


@lru_cache(maxsize=8)
def _patterns(language: str) -> _Patterns:
    lex = actor_lexicon(language)
    data = lexicons.load("events", language)
    places = lexicons.literal_alternation(lex.places)
    nouns = lexicons.alternation(data["attack_nouns"])
    verbs = lexicons.alternation(data["attack_verbs"])
    before = lexicons.alternation(data["target_before"])
    victims = lexicons.alternation(data["victim_nouns"])
    groups = "|".join(f"(?:{e['pattern']})" for e in lex.named_entries
                      if e["kind"] == "military" and e["side"] == "OTHER")
    target_starts = _first_words(rf"\b(?:{before})\s", re.I)  # the words a target's cue begins with
    attacker_starts = (None if target_starts is None or lex.place_words.off
                       else target_starts | lex.place_words.starts)
    return _Patterns(
        attacker=re.compile(
            rf"(?P<pre>\b(?:{before})\s+(?:the\s+|a\s+|an\s+)?)?\b(?P<place>{places})\s+"
            rf"(?:(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})|(?P<verb>{verbs}))\b", re.I),
        target=re.compile(
            rf"\b(?:{before})\s+(?:the\s+|a\s+|an\s+)?(?P<place>{places})\s+(?:[\w-]+\s+){{0,1}}?"
            rf"(?P<noun>{victims})\b", re.I),
        group_attack=re.compile(
            rf"\b(?P<group>{groups})\s+(?:[\w-]+\s+){{0,2}}?(?:{verbs}|(?:{nouns})\s+(?:{verbs}))\b",
            re.I) if groups else re.compile(r"(?!x)x"),
        groups=_Gated([(r"\b(?:", groups or r"(?!x)x", r")\s")]),  # whole words: a test of words
        victim_nouns=re.compile(rf"\b(?:{victims})\b", re.I),
        places=dict(lex.places),
        pair_firsts=frozenset(name.split(" ")[0] for name in lex.places if name.count(" ") == 1),
        capitalised=bool(data.get("capitalised_places")),
        place_words=lex.place_words,
        attacker_starts=attacker_starts,
        target_starts=target_starts,
    )


@lru_cache(maxsize=512)
def _country(code: str, language: str = "en") -> str:
    import pycountry

    short = lexicons.load("events", language).get("country_names", {})
    if code in short:
        return str(short[code])
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def _state(side: str) -> Actor:
    return Actor(f"Military Forces of {_country(side)}", side)


def _civilians(side: str) -> Actor:
    return Actor(f"Civilians ({_country(side)})", side)


@dataclass(frozen=True, slots=True)
class _Sieve:
    """What a sentence holds when it may tell an actor (see :func:`_telling`)."""

    capital: re.Pattern[str]  # a word that begins with a capital a place name may begin with
    starts: frozenset[str]  # the first words of the place names (as _PlaceWords reads them)
    single: frozenset[str]  # the names of one word
    seconds: dict[str, tuple[str, ...]]  # the second words of the longer names, by their first
    groups: tuple[str, ...]  # the words the armed groups' entries need, one of them
    odd: str  # letters where lower-casing and re's case-insensitive matching part ways


@lru_cache(maxsize=8)
def _sieve(language: str) -> _Sieve | None:
    """The sieve of :func:`_telling`; None when the lexicon does not allow it: place names
    matched in any case, a place name the place-word test does not read as words, or a group
    entry that needs no word."""
    p = _patterns(language)
    if (not p.capitalised or p.place_words.off or p.groups.strings
            or any(need is None for need in p.groups.word_needs)):
        return None
    letters = {name[:1] for name in p.places}
    initial = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.I)
    # every capital that matches a name's first letter ignoring case (the Kelvin sign for
    # "k"); no letter beyond the BMP has a Latin one for its lower case
    capitals = "".join(c for c in filter(str.isupper, map(chr, range(0x10000))) if initial.fullmatch(c))
    odd = odd_cases([*p.places, *p.groups.words]) + "".join(UNFOLDED)
    seconds: dict[str, tuple[str, ...]] = {}
    for first, second in p.place_words.by_pair:
        seconds[first] = (*seconds.get(first, ()), second)
    return _Sieve(re.compile("[" + re.escape(capitals) + r"]\w*"), p.place_words.starts,
                  frozenset(p.place_words.single), seconds, tuple(sorted(p.groups.words)), odd)


def _telling(sentences: list[str], language: str) -> Iterator[str]:
    """The sentences (in order) that may tell an actor: those holding a capitalised word that
    may begin a place name, or a word an armed group's entry needs; every one when that
    cannot be told. Most sentences of an incident (a US shooting's) hold neither, and reading
    each costs a cut into words and two tests; its capitalised words are a few, cut in C.

    The others change nothing in :func:`find_actors`: the test of the groups needs one of
    their words, and a place word yields an attacker or a target only when capitalised
    (:func:`_proper`), as a whole word whose letters lower-cased are the name's first word.
    A text with a letter that lower-cases otherwise than ``re`` folds it (the dotless ``ı``)
    is read whole."""
    sieve = _sieve(language)
    text = " ".join(sentences)
    low = text.lower()
    if sieve is None or len(low) != len(text) or holds_odd(low, sieve.odd):
        yield from sentences
        return
    # the groups' words are rare: looked for in all the sentences at once
    offsets = [i for word in sieve.groups for i in _whole_word_offsets(low, word)]
    starts = list(accumulate([len(s) + 1 for s in sentences[:-1]], initial=0))
    grouped = {bisect_right(starts, i) - 1 for i in offsets}
    names, capital = sieve.starts, sieve.capital
    for k, sentence in enumerate(sentences):
        if k in grouped:
            yield sentence
            continue
        held = names.intersection(map(str.lower, capital.findall(sentence)))
        if held and (not held.isdisjoint(sieve.single) or _may_go_on(held, sentence, sieve)):
            yield sentence


def _may_go_on(firsts: set[str], sentence: str, sieve: _Sieve) -> bool:
    """Whether a sentence holds the second word of a name (as a string) that begins with one
    of these words: a sentence's capitalised "The" is seldom "The State of Palestine"."""
    low = sentence.lower()
    return any(second in low for first in firsts for second in sieve.seconds[first])


def find_actors(sentences: Iterable[str], claims: Iterable[Claim], country: str | None,
                language: str = "en") -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of an incident from its sentences (in order), its claims and the
    country it happened in (ISO code or None)."""
    p = _patterns(language)
    actor1: Actor | None = None
    target: Actor | None = None
    named_group: str | None = None
    for sentence in _telling(list(sentences), language):
        if actor1 is not None and target is not None:
            break
        words = _lowered(sentence)  # for both tests
        if actor1 is None and named_group is None:
            g = p.group_attack.search(sentence) if p.groups.may_match(sentence, words) else None
            if g is not None:
                named_group = _named_group(g.group("group"), language)
        if not p.place_words.may_hold(sentence, words):
            continue  # no place word: neither an attacker nor a target is named
        for m in _at_words(p.attacker, sentence, words, p.attacker_starts) if actor1 is None else ():
            if m.group("pre") or _SPEAKS.match(sentence, m.end()) or not _proper(m.group("place"), p):
                continue
            actor1 = _state(p.places[key_of(p.places, m.group("place"))])
            break
        if target is None:
            t = next(_at_words(p.target, sentence, words, p.target_starts), None)
            if t is not None and _proper(t.group("place"), p):
                side = p.places[key_of(p.places, t.group("place"))]
                civil = t.group("noun").lower() in _CIVILIAN
                target = _civilians(side) if civil else _state(side)
    if actor1 is None and named_group is not None:
        actor1 = Actor(named_group, "OTHER")
    actor2 = _victims(claims, p) or target
    if actor2 is None and country and (actor1 is None or actor1.side != country):
        actor2 = _civilians(country)
    if actor2 is not None and actor1 is not None and actor2 == actor1:
        actor2 = None
    return actor1, actor2


def _proper(word: str, p: _Patterns) -> bool:
    return not p.capitalised or word[:1].isupper()


def _victims(claims: Iterable[Claim], p: _Patterns) -> Actor | None:
    """The side most of the incident's people figures describe ("Russian servicemen")."""
    sides: Counter[tuple[str, bool]] = Counter()
    for c in claims:
        if c.category not in _PEOPLE or not c.subject:
            continue
        words = c.subject.lower().split()[:4]
        for i, word in enumerate(words):
            # most words begin no place name of two: no pair to make
            side = p.places.get(word) or (p.places.get(" ".join(words[i : i + 2])) if word in p.pair_firsts else None)
            if side:
                civil = any(w in _CIVILIAN for w in words)
                sides[(side, civil)] += 1
                break
    if not sides:
        return None
    (side, civil), _ = sides.most_common(1)[0]
    return _civilians(side) if civil else _state(side)


def _named_group(text: str, language: str) -> str | None:
    lex = actor_lexicon(language)
    m = lex.named.search(text)
    if m is None:
        return None
    return str(lex.named_entries[int(m.lastgroup[1:])]["name"])  # type: ignore[index]
