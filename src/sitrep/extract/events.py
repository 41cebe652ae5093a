"""Extract stage: the incidents of one article, and the Event records they become.

An article's first incident is its main event. A sentence that turns to another incident ("comes
after", "in a separate attack", "last month's shooting") opens a new one, which holds for the rest
of its paragraph; the next paragraph returns to the main event unless it turns again. A sentence
stating a running total ("since the start of 2023") belongs to no event (decided by the caller).

Each incident with a figure (and the main one when it names a weapon) becomes an Event:
weapons from its words, the ACLED type from :mod:`.event_type`, the place from :mod:`.where`
(the offline gazetteer), the date from :mod:`.when` (date phrases resolved against publication;
the week before publication at UCDP precision 3 when the text names none) and the actors from
:mod:`.actors`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicons
from ..annotate.dates import DateMention, find_dates
from ..gates import Gate, Literals, Scan, first_literals
from ..models import Actor, Claim, Document, Event
from . import when, where
from .actors import find_actors
from .attribution import _AnyWord, _Gated
from .casualties import mentions_past_year, opens_new_incident
from .event_type import classify, rule_gates

UNIDENTIFIED = Actor("Unidentified Armed Group", "OTHER")


def event_id(doc_id: str, index: int) -> str:
    """Globally unique id of an article's incident: the document id and the incident number."""
    return f"{doc_id}-e{index + 1}"


def document_of(event: str) -> str:
    """The document id inside an article event id (the inverse of :func:`event_id`)."""
    return event.rsplit("-e", 1)[0]


_ONE_WORD = re.compile(r"([a-z-]+)(s\?)?")  # a weapon pattern that is one word (a plural "s?")


@lru_cache(maxsize=8)
def _weapons(language: str) -> tuple[list[str], dict[str, int], re.Pattern[str] | None]:
    """Weapon names, a word → weapon table for one-word patterns, a regex for the others."""
    data = lexicons.load("weapons", language)
    names = list(data["weapons"])
    words: dict[str, int] = {}
    for i, name in enumerate(names):
        for pattern in data["weapons"][name]:
            single = _ONE_WORD.fullmatch(pattern)
            if single:
                words[single.group(1)] = i
                if single.group(2):
                    words[single.group(1) + "s"] = i
    phrases = [f"(?P<w{i}_{k}>{pattern})" for k, (i, pattern) in enumerate(_phrases(language))]
    regex = re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE) if phrases else None
    return names, words, regex


@lru_cache(maxsize=8)
def _phrases(language: str) -> list[tuple[int, str]]:
    """The weapon patterns that are not one word (with the weapon's index), in order."""
    data = lexicons.load("weapons", language)
    return [(i, pattern) for i, name in enumerate(data["weapons"]) for pattern in data["weapons"][name]
            if not _ONE_WORD.fullmatch(pattern)]


_WORD = re.compile(r"[a-z-]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-")


@lru_cache(maxsize=8)
def _weapon_gate(language: str) -> Gate | None:
    regex = _weapons(language)[2]
    return None if regex is None else Gate(regex)


@lru_cache(maxsize=8)
def _literals(language: str) -> Literals:
    """The literals of the weapon names and of the event-type rules: one pass over an
    incident's text serves both."""
    gates = [g for rule in rule_gates(language) for g in rule]
    weapon = _weapon_gate(language)
    return Literals([*gates, weapon] if weapon else gates, words=_weapons(language)[1])


def scan_incident(text: str, language: str = "en") -> Scan:
    """The literals of :func:`weapons_in` and :func:`classify` in an incident's text."""
    return _literals(language).scan(text)


@lru_cache(maxsize=8)
def _weapons_at(language: str) -> dict[str, frozenset[int]] | None:
    """For each literal the weapon phrases' gate tries its pattern at, the weapons whose
    phrases may match there: those with a first literal that begins with it (or that it
    begins: both begin the match). None when the gate is not tried at its literals only (a
    phrase with no usable first literal)."""
    gate = _weapon_gate(language)
    if gate is None or gate.starts is None:
        return None
    found: dict[str, set[int]] = {start: set() for start in gate.starts}
    for i, pattern in _phrases(language):
        firsts = first_literals(pattern, re.IGNORECASE)
        if firsts is None:
            return None
        for first in firsts:
            for start in gate.starts:
                if first.startswith(start) or start.startswith(first):
                    found[start].add(i)
    return {start: frozenset(weapons) for start, weapons in found.items()}


def _seen_all(scan: Scan, seen: set[int], language: str) -> bool:
    """Whether every weapon the phrases' gate may find in the text is already seen: it matches
    only where one of its literals stands, and most texts hold none, or only those of a weapon
    a word named ("shooting" in a text with "gun"); then its search would add nothing."""
    by_start = _weapons_at(language)
    if by_start is None or scan.at is None:
        return False
    return all(by_start[start] <= seen for start in by_start.keys() & scan.at.keys())


def _is_word(scan: Scan, word: str) -> bool:
    """Whether ``word`` is a whole ``[a-z-]+`` run of the lower-cased text."""
    low, n = scan.low or "", len(word)
    for i in (scan.at or {}).get(word, ()):
        if (i == 0 or low[i - 1] not in _WORD_CHARS) and (i + n == len(low) or low[i + n] not in _WORD_CHARS):
            return True
    return False


def weapons_in(text: str, language: str = "en", scan: Scan | None = None) -> tuple[str, ...]:
    """Normalised names of the weapons a text mentions, in lexicon order. ``scan``: the text's
    :func:`scan_incident`, when the caller has it."""
    names, words, _ = _weapons(language)
    scan = scan or scan_incident(text, language)
    if scan.at is None:
        seen = {words[w] for w in set(_WORD.findall(text.lower())) if w in words}
    else:  # the words the scan found (most texts name one or two weapons, if any)
        seen = {words[w] for w in words.keys() & scan.at.keys() if _is_word(scan, w)}
    gate = _weapon_gate(language)
    if gate is not None and not _seen_all(scan, seen, language):
        seen |= {int((m.lastgroup or "w0")[1:].split("_")[0]) for m in gate.finditer(scan)}
    return tuple(names[i] for i in sorted(seen))


@lru_cache(maxsize=8)
def _new_incident_cues(language: str) -> _AnyWord:
    """What the turns to another incident need ("another", "earlier", "separately"): a word of
    the sentence (in its set of words, cut once for this test and for the attribution of the
    sentence: see :func:`attribution._lowered`), else a string. Most sentences hold none, and
    need not be searched; a prefix tree of their literals would be tried at nearly every
    offset of the sentence (" ago", "another", ...)."""
    entries = lexicons.load("categories", language)["new_incident"]  # as rules().new_incident
    return _AnyWord(_Gated([(r"\b(?:", entry, ")") for entry in entries]))


@dataclass
class Segmenter:
    """Assigns each sentence to an incident of the article, in reading order."""

    language: str = "en"
    year: int | None = None  # the publication year, to tell background from news
    count: int = 1
    by_paragraph: dict[int, int] = field(default_factory=dict)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    pending: dict[int, list[tuple[str, tuple[int, int]]]] = field(default_factory=dict)

    def incident_of(self, sentence: str, paragraph: int, needed: bool = True,
                    span: tuple[int, int] = (0, 0)) -> int:
        """The incident index of a sentence (0 is the main event); ``span`` is its offsets.

        Sentences must come in reading order. ``needed=False`` marks a sentence whose incident
        nobody asks for: it is only checked for a turn to another incident when a later sentence
        of its paragraph needs it."""
        if not needed:
            self.pending.setdefault(paragraph, []).append((sentence, span))
            return -1
        for earlier, earlier_span in self.pending.pop(paragraph, ()):
            self._step(earlier, paragraph, earlier_span)
        return self._step(sentence, paragraph, span)

    def _step(self, sentence: str, paragraph: int, span: tuple[int, int]) -> int:
        if mentions_past_year(sentence, self.year, self.language):
            # background from an earlier year: its own incident, for this sentence only
            index = self.count
            self.count += 1
            self.spans.setdefault(index, []).append(span)
            return index
        if _new_incident_cues(self.language).may_hold(sentence) and opens_new_incident(sentence, self.language):
            index = self.count
            self.count += 1
            self.by_paragraph[paragraph] = index
        else:
            index = self.by_paragraph.get(paragraph, 0)
        self.spans.setdefault(index, []).append(span)
        return index

    def incident_spans(self, sentences: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
        """The sentence spans of every incident; the main event (0) has every sentence not
        turned to another incident, read for figures or not."""
        others = {s for i, spans in self.spans.items() if i for s in spans}
        out = {i: list(spans) for i, spans in self.spans.items() if i}
        out[0] = [s for s in sentences if s not in others]
        return out


def build(document: Document, claims: list[Claim], segmenter: Segmenter,
          sentences: list[tuple[int, int]]) -> list[Event]:
    """Event records for the incidents that have claims, and for the main incident when the
    article names a weapon even without a figure. ``sentences``: every sentence's offsets."""
    text, language = document.text, segmenter.language
    by_event: dict[str, list[Claim]] = {}
    for c in claims:
        if c.event is not None:
            by_event.setdefault(c.event, []).append(c)
    spans_of = segmenter.incident_spans(sentences)
    published = _published(document.published)
    places: where.ArticlePlaces | None = None  # read once, for the first event (most articles
    dates: list[DateMention] = []  # of a general news feed have none)
    out: list[Event] = []
    for index in range(segmenter.count):
        eid = event_id(document.id, index)
        own = by_event.get(eid, [])
        if not own and index:
            continue  # another incident with no figure: only the main one is kept for a weapon
        spans = spans_of.get(index, [])
        sentences_text = [text[a:b] for a, b in spans]
        words = " ".join(sentences_text)
        scan = scan_incident(words, language)
        weapons = weapons_in(words, language, scan)
        if not own and not weapons:
            continue  # no figure and no weapon: the article reports no violent incident
        if places is None:
            places = where.article_places(document)
            dates = find_dates(text, published, language) if published is not None else []
        location = where.choose(text, places, spans, language)
        type_, sub_type = classify(words, weapons, (c.category for c in own), language, scan)
        actor1, actor2 = (None, None) if type_ == "Disaster" else find_actors(
            sentences_text, own, location.country, language)
        if actor1 is None and type_ in ("Battles", "Violence against civilians"):
            actor1 = UNIDENTIFIED  # ACLED's convention for an armed group nobody names
        out.append(Event(
            id=eid,
            type=type_,
            sub_type=sub_type,
            date=when.choose(text, dates, spans, published, language),
            location=location,
            actor1=actor1,
            actor2=actor2,
            weapons=weapons,
            claims=tuple(c.id for c in own),
            confidence=0.5 if location.lat is not None else 0.3,
        ))
    return out


def _published(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
