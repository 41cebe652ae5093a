"""Resolve stage: the history of each claimant's figures about one resolved event.

For every claim about the event's member events, one :class:`HistoryEntry`, grouped by category
and claimant (spellings folded by :func:`.claimants.group_claimants`), in time order of the
article's publication:

* **appearances**: the same figure from the same claimant in wire copies of one story (or twice
  in one article) is one piece of evidence; later appearances name the first in
  ``appearance_of``;
* **supersession**: a claimant's figure is superseded by its next different statement published
  on a later day ("63" on 2 January, "89" on 4 January); on one day, a lower asserted figure is
  superseded by a higher one (tolls are revised upwards within a day far more often than down);
  an undated figure is superseded by the claimant's latest dated statement that differs, and
  supersedes nothing. Superseded figures stay in the history; estimates use the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..models import Claim
from .blocking import day
from .claimants import claimant_key, group_claimants
from .ledger import HistoryEntry


@dataclass(frozen=True, slots=True)
class Source:
    """The article a claim came from, as history needs it."""

    document_id: str
    published: str | None
    outlet: str | None


def _order(e: HistoryEntry) -> tuple[str, str, str]:
    """Time order: by publication (undated last), then document and claim id."""
    return (e.published or "9999-99-99", e.document_id, e.claim_id)


def _statement(e: HistoryEntry) -> tuple[str, int | None, int | None, int | None, str | None]:
    return (e.stance, e.low, e.high, e.central, e.vague)


def build_history(
    event_id: str,
    claims: Iterable[tuple[Claim, Source]],
    copy_group: Callable[[str], str],
) -> tuple[HistoryEntry, ...]:
    """The claim history of one resolved event.

    Args:
        event_id: The resolved event's id.
        claims: Every claim about its member events, with the article it came from.
        copy_group: The wire-copy group of a document (a document alone is its own group).

    Returns:
        Entries sorted by category, claimant group, publication, document and claim id.
    """
    items = sorted(claims, key=lambda cs: (cs[1].document_id, cs[0].id))
    groups = group_claimants((c.claimant, s.outlet) for c, s in items)
    entries = [
        HistoryEntry(
            event_id=event_id,
            category=c.category,
            claimant_key=groups[claimant_key(c.claimant, s.outlet)],
            claimant=c.claimant,
            claim_id=c.id,
            document_id=s.document_id,
            published=s.published,
            low=c.low,
            high=c.high,
            central=c.central,
            qualifier=c.qualifier,
            stance=c.stance,
            vague=c.vague,
            subject=c.subject,
        )
        for c, s in items
    ]
    by_key: dict[tuple[str, str], list[HistoryEntry]] = {}
    for e in entries:
        by_key.setdefault((e.category, e.claimant_key), []).append(e)
    out: list[HistoryEntry] = []
    for key in sorted(by_key):
        out.extend(_resolve_group(sorted(by_key[key], key=_order), copy_group))
    return tuple(out)


def _resolve_group(
    entries: list[HistoryEntry], copy_group: Callable[[str], str]
) -> list[HistoryEntry]:
    """Appearances and supersession within one claimant's entries about one category."""
    first: dict[tuple[object, ...], str] = {}
    marked: list[HistoryEntry] = []
    for e in entries:
        key = (copy_group(e.document_id), _statement(e))
        if key in first:
            marked.append(replace(e, appearance_of=first[key]))
        else:
            first[key] = e.claim_id
            marked.append(e)
    primaries = [e for e in marked if e.appearance_of is None]
    superseded: dict[str, str] = {}
    for e in primaries:
        d = day(e.published)
        later = [
            o
            for o in primaries
            if _statement(o) != _statement(e)
            and day(o.published) is not None
            and (d is None or day(o.published) > d)  # type: ignore[operator]
        ]
        if later:  # the next statement; for an undated one, the claimant's latest
            pick = min(later, key=_order) if d is not None else max(later, key=_order)
            superseded[e.claim_id] = pick.claim_id
            continue
        if e.stance == "asserts" and e.figure is not None:
            higher = [
                o
                for o in primaries
                if o.stance == "asserts"
                and day(o.published) == d
                and o.figure is not None
                and o.figure > e.figure
            ]
            if higher:
                superseded[e.claim_id] = min(higher, key=lambda o: (o.figure, *_order(o))).claim_id
    result = []
    for e in marked:
        root = e.appearance_of or e.claim_id
        if root in superseded:
            e = replace(e, superseded_by=superseded[root])
        result.append(e)
    return result
