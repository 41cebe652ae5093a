"""Resolve stage: the fields of a resolved event, from the article events it groups.

Each field takes the value most reports agree on, a wire-copy group voting once: the type and
sub-type pair, the date and place of the best precision (UCDP ``date_prec`` / ``where_prec``),
the actors (as a pair: who acted on whom); weapons are the union. Ties go to the smallest value, so the result is the same
whatever order the reports came in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from ..models import Actor, Event, EventDate, Location
from .ledger import ResolvedEvent

T = TypeVar("T", bound=Hashable)


def _vote(values: Sequence[tuple[str, T]], sort_key: Callable[[T], object]) -> T | None:
    """The value named by the most copy groups (``(group, value)`` pairs); ties: smallest key."""
    counts = Counter(v for _, v in set(values))
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], sort_key(v)))


def _text(value: object) -> str:
    return repr(value)


def _actors(groups: Sequence[tuple[str, Event]]) -> tuple[Actor | None, Actor | None]:
    """Who acted on whom: the pair most reports that name both agree on (so one report's
    attacker and another's target never make an event where a side attacks itself); with no
    such report, each role by its own vote, a target equal to the attacker dropped."""
    pairs = [(g, (e.actor1, e.actor2)) for g, e in groups if e.actor1 and e.actor2 and e.actor1 != e.actor2]
    pair = _vote(pairs, _text)
    if pair is not None:
        return pair
    actor1: Actor | None = _vote([(g, e.actor1) for g, e in groups if e.actor1], _text)
    actor2: Actor | None = _vote([(g, e.actor2) for g, e in groups if e.actor2 and e.actor2 != actor1], _text)
    return actor1, actor2


def merge_events(
    event_id: str,
    members: Sequence[tuple[Event, str]],
    copy_group: Callable[[str], str],
) -> ResolvedEvent:
    """One resolved event from its member events.

    Args:
        event_id: The resolved event's id (its first-reported member).
        members: ``(event, document id)`` pairs in rank order (published, document, event).
        copy_group: The wire-copy group of a document.
    """
    groups = [(copy_group(doc), e) for e, doc in members]
    kind = _vote([(g, (e.type, e.sub_type)) for g, e in groups if e.type], _text)
    dated = [(g, e.date) for g, e in groups if e.date.earliest or e.date.latest]
    date = EventDate()
    if dated:
        best = min(d.precision or 9 for _, d in dated)
        date = _vote([(g, d) for g, d in dated if (d.precision or 9) == best], _text) or date
    placed = [(g, e.location) for g, e in groups if e.location.name or e.location.lat is not None]
    location = Location()
    if placed:
        best = min(loc.precision or 9 for _, loc in placed)
        location = (
            _vote([(g, loc) for g, loc in placed if (loc.precision or 9) == best], _text)
            or location
        )
    actor1, actor2 = _actors(groups)
    weapons = sorted({w for _, e in groups for w in e.weapons})
    documents = list(dict.fromkeys(doc for _, doc in members))
    confidence = round(sum(e.confidence for e, _ in members) / len(members), 3) if members else 0.5
    return ResolvedEvent(
        id=event_id,
        type=kind[0] if kind else None,
        sub_type=kind[1] if kind else None,
        date=date,
        location=location,
        actor1=actor1,
        actor2=actor2,
        weapons=tuple(weapons),
        members=tuple(e.id for e, _ in members),
        documents=tuple(documents),
        sources=len({copy_group(d) for d in documents}),
        confidence=confidence,
    )
