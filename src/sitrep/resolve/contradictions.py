"""Resolve stage: claims about one event that cannot all be true.

Three kinds, each between different claimants and on current statements only (a claimant's
superseded figure does not contradict its own revision):

* ``figures``: two asserted figures whose ranges do not overlap ("63" and "about 400"), unless
  two voices of one party gave them on different days (a revision, not a contradiction);
* ``denial``: a party denies a category of the event (with or without a figure of its own),
  against everyone asserting one;
* ``dispute``: a party doubts another's figure.

The outlet's own voice (``SELF``) repeating a figure a named claimant gives is left out: it is
the same statement, not another party. A claim's range is ``[low, high]``, with ``central`` standing in for a missing end; "at least"
and "more than" leave the top open, so "at least 63" never contradicts "89".
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .ledger import Contradiction, HistoryEntry

_OPEN_TOP = frozenset({"at_least", "more_than"})


def claim_range(e: HistoryEntry) -> tuple[float, float] | None:
    """The values a claim allows, or None when it gives no number."""
    lo: float | None = e.low if e.low is not None else e.central
    hi: float | None = e.high if e.high is not None else e.central
    if e.qualifier in _OPEN_TOP and e.high is None:
        hi = math.inf
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else 0.0), (hi if hi is not None else math.inf)


def _label(e: HistoryEntry) -> str:
    fig = e.vague or (str(e.figure) if e.figure is not None else "no figure")
    return f"{e.claimant.name} ({fig}, {e.published or 'undated'})"


def _latest(entries: Iterable[HistoryEntry], stances: frozenset[str]) -> list[HistoryEntry]:
    """Each claimant group's latest current entry with one of ``stances``."""
    by_group: dict[str, HistoryEntry] = {}
    for e in sorted(entries, key=lambda e: (e.published or "", e.document_id, e.claim_id)):
        if e.current and e.stance in stances:
            by_group[e.claimant_key] = e
    return [by_group[k] for k in sorted(by_group)]


def _revision(a: HistoryEntry, b: HistoryEntry) -> bool:
    """Two voices of one party (a state's ministry and the state itself) giving figures on
    different days: the later revises the earlier ("63" on Monday, "89" on Wednesday)."""
    return (a.claimant.side == b.claimant.side and a.claimant.side not in ("OTHER", "SELF")
            and a.published is not None and b.published is not None and a.published != b.published)


def find_contradictions(
    event_id: str, history: Iterable[HistoryEntry]
) -> tuple[Contradiction, ...]:
    """Every contradiction in one event's history, sorted by category, kind and claims."""
    by_category: dict[str, list[HistoryEntry]] = {}
    for e in history:
        by_category.setdefault(e.category, []).append(e)
    found: list[Contradiction] = []
    for category in sorted(by_category):
        entries = by_category[category]
        asserted = _latest(entries, frozenset({"asserts"}))
        named = {e.figure for e in asserted if e.claimant.side != "SELF"}
        # the outlet's own voice restating a named claimant's figure is not a party to a dispute
        asserted = [e for e in asserted if e.claimant.side != "SELF" or e.figure not in named]
        ranged = [(e, r) for e in asserted if (r := claim_range(e)) is not None]
        for i, (a, ra) in enumerate(ranged):
            for b, rb in ranged[i + 1 :]:
                if (ra[1] < rb[0] or rb[1] < ra[0]) and not _revision(a, b):
                    x, y = sorted((a, b), key=lambda e: (e.figure or 0, e.claimant_key))
                    found.append(
                        Contradiction(
                            event_id,
                            category,
                            "figures",
                            (x.claim_id, y.claim_id),
                            (x.claimant_key, y.claimant_key),
                            f"{_label(x)} and {_label(y)} do not overlap",
                        )
                    )
        for kind, stance in (("denial", "denies"), ("dispute", "disputes")):
            for d in _latest(entries, frozenset({stance})):
                others = [a for a in asserted if a.claimant_key != d.claimant_key]
                against = "; against " + ", ".join(_label(a) for a in others) if others else ""
                found.append(
                    Contradiction(
                        event_id,
                        category,
                        kind,
                        (d.claim_id, *(a.claim_id for a in others)),
                        (d.claimant_key, *(a.claimant_key for a in others)),
                        f"{_label(d)} {stance}{against}",
                    )
                )
    return tuple(sorted(found, key=lambda c: (c.category, c.kind, c.claims)))
