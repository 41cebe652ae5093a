"""Resolve stage: how alike two article events are, once blocking has paired them.

:func:`features` reduces an article event to what comparison needs (a few small frozensets), so
the resolver keeps little per event. :func:`score` adds up the shared evidence: the same named
place, the same sub-type, the same weapons, the same figures (category and number), the same
claimants, the same actor sides, and the words of the sentences that report it. Blocking has
already required the same days, the same area and compatible types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Claim, Event, Span
from .blocking import day, day_range
from .claimants import claimant_key

#: Score at which two events in one block are the same incident.
THRESHOLD = 2.0
MAX_WORDS = 80

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Words every report of every strike uses; they say nothing about which incident it is.
_COMMON = frozenset(
    """
    about after again against also among around because been before being between both could
    during each from further have having here into just killed killing least more most other
    over people said says same some such than that their them then there these they this those
    through under until very were what when where which while will with would wounded injured
    according added told statement reported report attack attacks struck strike strikes hit
    """.split()
)


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What clustering keeps of one article event."""

    event_id: str
    document_id: str
    published: int | None  # proleptic ordinal of the article's date
    rank: tuple[str, str, str]  # (published, document, event): the stable order of events
    type: str | None
    sub_type: str | None
    days: tuple[int, int] | None
    place: str | None  # geonameid or lower-cased name
    weapons: frozenset[str]
    sides: frozenset[str]
    figures: frozenset[tuple[str, int]]
    claimants: frozenset[str]
    words: frozenset[str]


def _words(text: str, spans: list[Span]) -> frozenset[str]:
    """Distinctive lower-cased words of the sentences ``spans`` cover (at most MAX_WORDS)."""
    seen: set[str] = set()
    for span in sorted(set(spans), key=lambda s: (s.start, s.end)):
        for w in _WORD.findall(text[span.start : span.end].lower()):
            if w not in _COMMON:
                seen.add(w)
    return frozenset(sorted(seen)[:MAX_WORDS]) if len(seen) > MAX_WORDS else frozenset(seen)


def features(
    event: Event,
    claims: list[Claim],
    document_id: str,
    published: str | None,
    text: str,
    source: str | None = None,
) -> EventFeatures:
    """The comparison features of one article event and the claims about it."""
    loc = event.location
    place = str(loc.geonameid) if loc.geonameid is not None else (loc.name or "").casefold() or None
    figures = set()
    for c in claims:
        value = c.central if c.central is not None else c.low
        if value is not None and c.stance == "asserts":
            figures.add((c.category, value))
    spans = list(event.evidence) + [s for c in claims for s in c.evidence]
    sides = {a.side for a in (event.actor1, event.actor2) if a is not None and a.side}
    return EventFeatures(
        event_id=event.id,
        document_id=document_id,
        published=day(published),
        rank=(published or "9999-99-99", document_id, event.id),
        type=event.type,
        sub_type=event.sub_type,
        days=day_range(event.date),
        place=place,
        weapons=frozenset(w.casefold() for w in event.weapons),
        sides=frozenset(sides),
        figures=frozenset(figures),
        claimants=frozenset(claimant_key(c.claimant, source) for c in claims),
        words=_words(text, spans),
    )


def _jaccard(a: frozenset[object], b: frozenset[object]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def score(a: EventFeatures, b: EventFeatures) -> float:
    """Shared evidence that ``a`` and ``b`` report one incident (symmetric; 0 and up)."""
    s = 0.0
    if a.place is not None and a.place == b.place:
        s += 1.0
    if a.sub_type is not None and a.sub_type == b.sub_type:
        s += 0.5
    s += _jaccard(a.weapons, b.weapons)  # type: ignore[arg-type]
    shared = len(a.figures & b.figures)
    s += min(shared, 2) * 0.75
    if a.claimants & b.claimants:
        s += 0.5
    if a.sides and a.sides == b.sides:
        s += 0.5
    s += 3.0 * _jaccard(a.words, b.words)  # type: ignore[arg-type]
    return round(s, 6)
