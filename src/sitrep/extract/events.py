"""Extract stage: the incidents of one article, and the Event records they become.

An article's first incident is its main event. A sentence that turns to another incident ("comes
after", "in a separate attack", "last month's shooting") opens a new one, which holds for the rest
of its paragraph; the next paragraph returns to the main event unless it turns again. A sentence
stating a running total ("since the start of 2023") belongs to no event (decided by the caller).

Event fields here are what one article can give without a gazetteer: type and sub-type and the
weapons from the incident's words; the date falls back to the week before publication (UCDP
precision 3) and says so through that precision. Places, actors and exact dates come with the
events issue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicons
from ..models import Claim, Document, Event, EventDate
from .casualties import mentions_past_year, opens_new_incident
from .sentences import split_sentences


def event_id(doc_id: str, index: int) -> str:
    """Globally unique id of an article's incident: the document id and the incident number."""
    return f"{doc_id}-e{index + 1}"


@lru_cache(maxsize=8)
def _weapons(language: str) -> tuple[list[str], dict[str, int], re.Pattern[str] | None]:
    """Weapon names, a word → weapon table for one-word patterns, a regex for the others."""
    data = lexicons.load("weapons", language)
    names = list(data["weapons"])
    words: dict[str, int] = {}
    phrases: list[str] = []
    for i, name in enumerate(names):
        for pattern in data["weapons"][name]:
            single = re.fullmatch(r"([a-z-]+)(s\?)?", pattern)
            if single:
                words[single.group(1)] = i
                if single.group(2):
                    words[single.group(1) + "s"] = i
            else:
                phrases.append(f"(?P<w{i}_{len(phrases)}>{pattern})")
    regex = re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE) if phrases else None
    return names, words, regex


_WORD = re.compile(r"[a-z-]+")


def weapons_in(text: str, language: str = "en") -> tuple[str, ...]:
    """Normalised names of the weapons a text mentions, in lexicon order."""
    names, words, regex = _weapons(language)
    seen = {words[w] for w in set(_WORD.findall(text.lower())) if w in words}
    if regex is not None:
        seen |= {int((m.lastgroup or "w0")[1:].split("_")[0]) for m in regex.finditer(text)}
    return tuple(names[i] for i in sorted(seen))


@dataclass
class Segmenter:
    """Assigns each sentence to an incident of the article, in reading order."""

    language: str = "en"
    year: int | None = None  # the publication year, to tell background from news
    count: int = 1
    by_paragraph: dict[int, int] = field(default_factory=dict)
    texts: dict[int, list[str]] = field(default_factory=dict)
    pending: dict[int, list[str]] = field(default_factory=dict)

    def incident_of(self, sentence: str, paragraph: int, needed: bool = True) -> int:
        """The incident index of a sentence (0 is the main event).

        Sentences must come in reading order. ``needed=False`` marks a sentence whose incident
        nobody asks for: it is only checked for a turn to another incident when a later sentence
        of its paragraph needs it (see :meth:`settle`)."""
        if not needed:
            self.pending.setdefault(paragraph, []).append(sentence)
            return -1
        for earlier in self.pending.pop(paragraph, ()):
            self._step(earlier, paragraph)
        return self._step(sentence, paragraph)

    def _step(self, sentence: str, paragraph: int) -> int:
        if mentions_past_year(sentence, self.year, self.language):
            # background from an earlier year: its own incident, for this sentence only
            index = self.count
            self.count += 1
            self.texts.setdefault(index, []).append(sentence)
            return index
        if opens_new_incident(sentence, self.language):
            index = self.count
            self.count += 1
            self.by_paragraph[paragraph] = index
        else:
            index = self.by_paragraph.get(paragraph, 0)
        self.texts.setdefault(index, []).append(sentence)
        return index


def _fallback_date(published: str | None) -> EventDate:
    if not published:
        return EventDate()
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return EventDate()
    return EventDate((day - dt.timedelta(days=6)).isoformat(), day.isoformat(), 3)


def build(document: Document, claims: list[Claim], segmenter: Segmenter) -> list[Event]:
    """Event records for the incidents that have claims, and for the main incident when the
    article names a weapon even without a figure."""
    data = lexicons.load("weapons", segmenter.language)
    by_event: dict[str, list[str]] = {}
    for c in claims:
        if c.event is not None:
            by_event.setdefault(c.event, []).append(c.id)
    used = set(by_event)
    out: list[Event] = []
    for index in range(segmenter.count):
        eid = event_id(document.id, index)
        if index and eid not in used:
            continue
        if index == 0:
            # the main event: every sentence not turned to another incident, read or not
            others = {t for i in range(1, segmenter.count) for t in segmenter.texts.get(i, ())}
            words = document.text if not others else " ".join(
                t for t in (document.text[x.start : x.end] for x in split_sentences(document.text))
                if t not in others
            )
        else:
            words = " ".join(segmenter.texts.get(index, ()))
        weapons = weapons_in(words, segmenter.language)
        if eid not in used and not weapons:
            continue  # no figure and no weapon: the article reports no violent incident
        type_, sub_type = None, None
        for name in data["priority"]:
            if name in weapons:
                type_, sub_type = data["types"][name]
                break
        out.append(Event(
            id=eid,
            type=type_,
            sub_type=sub_type,
            date=_fallback_date(document.published),
            weapons=tuple(w for w in weapons if w != "firearm" or "shooting" in words.lower()),
            claims=tuple(by_event.get(eid, ())),
            confidence=0.3,
        ))
    return out
