"""Extract stage: the date of an incident, from the date phrases of its sentences.

The phrases are found and resolved against the publication date by
:func:`sitrep.annotate.dates.find_dates` ("on Monday" → the last Monday on or before
publication). Each phrase inside the incident's sentences is scored by what it dates:

* an incident word close to it ("killed", "struck", "overturned", "Friday night's earthquake")
  says it dates the incident, the closer the surer;
* a reporting word just before it ("said on Thursday", "told reporters on Sunday") says it dates
  a statement, which comes after the incident;
* what followed the incident (an arrest, a hearing, a vigil, "Updated:") near it counts against
  it; a whole month or year, or a day more than two weeks before publication, is likelier
  background ("In October, a ferry sank") than the news;

phrases about the future, and periods ("this year"), which date running totals, are skipped.
The best phrase wins (the earlier on a tie). A night ("Friday night", "late Friday") runs into
the small hours of the next day: a two-day range at precision 2. With none, the date is the week up to publication
at UCDP precision 3, which says it is a fallback; with no publication date, it stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from .. import lexicons
from ..annotate.dates import DateMention, fallback_date
from ..gates import lowered
from ..models import EventDate
from .numbers import lower_text, lower_twin

_SKIP = frozenset({"future", "period"})
_NIGHT = re.compile(r"\bnight\b|\blate\b|\bovernight\b", re.I)
_REACH = 80  # characters: how far an incident word still dates a phrase
_POSSESSIVE = re.compile(r"['’]s\b")
_RECENT = dt.timedelta(days=14)  # news is recent: a date older than this is likelier background
_START = itemgetter(0)  # a sentence span's start: bisect the spans without a list of starts


@dataclass(frozen=True, slots=True)
class _Cues:
    incident: re.Pattern[str]
    report: re.Pattern[str]
    later: re.Pattern[str]


@lru_cache(maxsize=8)
def _cues(language: str) -> tuple[_Cues, _Cues | None]:
    """The cue patterns, and their lower-case twins (:func:`.numbers.lower_twin`: the same
    matches at the same offsets in the lower-cased text, twice as fast) when all have one."""
    data = lexicons.load("events", language)
    cues = _Cues(
        incident=lexicons.words_pattern(data["incident_words"]),
        report=re.compile(rf"\b(?:{lexicons.alternation(data['report_words'])})\b"
                          r"(?:\s+[\w'’-]+){0,5}\s*[,:]?\s*$", re.I),
        later=lexicons.words_pattern(data["later_words"]),
    )
    twins = [lower_twin(p) for p in (cues.incident, cues.report, cues.later)]
    return cues, (None if None in twins else _Cues(*twins))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _lower_text(text: str) -> str | None:
    """:func:`.numbers.lower_text` (the lower-cased text, or None where the cues' twins would
    not read it alike: the same test), made from the lower-cased article that find_dates has
    kept (:func:`~sitrep.gates.lowered`) and kept for the article's next event."""
    return lower_text(text, lowered(text))


def choose(text: str, mentions: list[DateMention], spans: list[tuple[int, int]],
           published: dt.date | None, language: str = "en") -> EventDate:
    """The EventDate of an incident whose sentences are ``spans`` (sorted offsets into
    ``text``, the text the mentions were found in)."""
    cues, twins = _cues(language)
    low = _lower_text(text) if twins is not None and mentions else None
    # the cues are searched in the lower-cased text when it reads alike
    cues, text_for_cues = (twins, low) if low is not None else (cues, text)
    old = published - _RECENT if published is not None else None
    best: DateMention | None = None
    best_score = float("-inf")
    for m in mentions:
        if m.kind in _SKIP:
            continue
        i = bisect_right(spans, m.start, key=_START) - 1
        if i < 0 or m.start >= spans[i][1]:
            continue
        score = _score(text, text_for_cues, m, spans[i], cues, old, best_score)
        if score > best_score:
            best, best_score = m, score
    if best is not None:
        earliest, latest, precision = best.earliest, best.latest, best.precision
        if _NIGHT.search(best.surface) and earliest == latest:
            # "Friday night", "late Friday": until the small hours of Saturday
            latest, precision = latest + dt.timedelta(days=1), 2
        if published is not None:
            latest = max(earliest, min(latest, published + dt.timedelta(days=1)))
        return EventDate(earliest.isoformat(), latest.isoformat(), precision)
    fallback = fallback_date(published)
    if fallback is None:
        return EventDate()
    earliest, latest, precision = fallback
    return EventDate(earliest.isoformat(), latest.isoformat(), precision)


def _score(text: str, text_for_cues: str, m: DateMention, sentence: tuple[int, int], cues: _Cues,
           old: dt.date | None, beat: float) -> float:
    """How surely a phrase dates the incident (``text_for_cues``: the text or its lower-cased
    form, for the cues or their twins; ``old``: two weeks before publication, if known).

    ``beat`` is the best score so far: the phrase counts only if it scores above it. The cheap
    cues are read first; once even the best case of the cues still unread (an incident word
    right by the phrase, nothing that followed it) cannot score above ``beat``, that best case
    is returned and the rest (the costly searches) is skipped. Each step of :func:`_total`
    rounds monotonically, so the best case bounds the real score."""
    start, end = sentence
    base = 0.0
    if m.precision >= 4:  # a month or a year: background ("In October, a ferry sank")
        base -= 2.0
    if old is not None and m.latest < old:
        base -= 1.0  # news is recent: an older date is likelier about something else
    possessive = _POSSESSIVE.match(text, m.end, m.end + 3) is not None  # "Friday night's earthquake"
    report = cues.report.search(text_for_cues, max(start, m.start - 40), m.start) is not None
    bound = _total(base, 1.0, 0.0, possessive, report)
    if bound <= beat:
        return bound
    near = 0.0
    for w in cues.incident.finditer(text_for_cues, max(start, m.start - _REACH), min(end, m.end + _REACH)):
        distance = m.start - w.end() if w.end() <= m.start else max(0, w.start() - m.end)
        near = max(near, 1.0 - distance / _REACH)
    bound = _total(base, near, 0.0, possessive, report)
    if bound <= beat:
        return bound
    later = 0.0
    for w in cues.later.finditer(text_for_cues, max(start, m.start - 40), min(end, m.end + 30)):
        distance = m.start - w.end() if w.end() <= m.start else max(0, w.start() - m.end)
        later = max(later, 1.0 - distance / 40)
    return _total(base, near, later, possessive, report)


def _total(base: float, near: float, later: float, possessive: bool, report: bool) -> float:
    """The score from its parts, always summed in this order (the same floating-point result):
    an incident word near the phrase raises it, what followed the incident lowers it, a
    possessive ("Friday night's earthquake") raises it, a reporting word before it lowers it."""
    score = base + 2.0 * near
    score -= 2.0 * later
    if possessive:
        score += 1.0
    if report:
        score -= 3.0
    return score
