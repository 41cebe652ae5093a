"""Resolve stage: low, best and high per event and category, each with the rule behind it.

Only current figures count (first appearances not superseded by the same claimant, see
:mod:`.history`), one per claimant, asserted (denials and doubts are contradictions, not
figures). Named claimants are everyone but the outlet's own voice (``SELF``), which is used only
when no one is named.

* ``low``: the lowest figure of a named claimant; ``high``: the highest.
* ``best`` under the ``conservative`` policy (the default, as ACLED and UCDP practise):

  1. an admission against interest (a party conceding losses of its own forces) is a credible
     floor: best is the highest such admission, raised to the lowest independent figure when
     an independent source gives more;
  2. otherwise independent sources (side ``OTHER``: NGOs, UN agencies, independent media)
     outrank either side's figures: best is the lowest independent figure;
  3. otherwise the lowest named figure.

* ``best`` under the ``median`` policy: the median (lower middle) of the named claimants'
  figures.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable

from ..errors import ConfigError
from ..models import Actor
from .ledger import POLICIES, Estimate, HistoryEntry

#: Categories where a party may concede its own losses.
LOSSES = frozenset({"killed", "injured", "missing", "captured", "equipment_destroyed"})
_CIVILIAN = re.compile(
    r"\b(civilian|resident|inhabitant|passenger|patient|child|children|people|person|villager|"
    r"worker|pupil|student|shopper|family|families|woman|women|journalist|doctor|nurse)",
    re.I,
)
_MILITARY = re.compile(
    r"\b(soldier|troop|servicem[ae]n|service members?|serviceperson|fighter|militant|officer|"
    r"personnel|marine|paratrooper|conscript|mobili[sz]ed|military|army|forces?|tank|vehicle|"
    r"aircraft|helicopter|ship|vessel|equipment|artillery|launcher|system)",
    re.I,
)


def check_policy(policy: str) -> str:
    """``policy`` if it is known, else a ConfigError naming the choices."""
    if policy not in POLICIES:
        raise ConfigError(f"unknown policy {policy!r}: use {' or '.join(POLICIES)}")
    return policy


def is_admission(entry: HistoryEntry, victim: Actor | None) -> bool:
    """Whether ``entry`` concedes losses of the claimant's own forces.

    The claimant speaks for a state (an ISO code), the event hit that state's side, and what was
    counted is military (the subject says so, or the victim is not civilians and the subject
    does not name civilians).
    """
    side = entry.claimant.side
    if entry.category not in LOSSES or len(side) != 2 or victim is None or victim.side != side:
        return False
    subject = entry.subject or ""
    if _MILITARY.search(subject):
        return True
    if _CIVILIAN.search(subject):
        return False
    return not victim.name.casefold().startswith("civilian")


def _figures(entries: Iterable[HistoryEntry]) -> dict[str, tuple[int, HistoryEntry]]:
    """The current asserted figure of each claimant group (its highest, if it has several)."""
    out: dict[str, tuple[int, HistoryEntry]] = {}
    for e in sorted(entries, key=lambda e: (e.claimant_key, e.published or "", e.claim_id)):
        fig = e.figure
        if not e.current or e.stance != "asserts" or fig is None:
            continue
        if e.claimant_key not in out or fig > out[e.claimant_key][0]:
            out[e.claimant_key] = (fig, e)
    return out


def _who(pairs: list[tuple[int, HistoryEntry]]) -> str:
    return ", ".join(f"{e.claimant.name} {fig}" for fig, e in pairs)


def estimate(
    event_id: str,
    category: str,
    entries: Iterable[HistoryEntry],
    victim: Actor | None,
    policy: str = "conservative",
) -> Estimate | None:
    """The estimate of one category of one event, or None when no one asserts a figure.

    Args:
        event_id: The resolved event.
        category: The category (``killed``, ...).
        entries: The event's history entries of that category.
        victim: The event's ``actor2`` (who was hit), to recognise admissions against interest.
        policy: ``conservative`` or ``median``.
    """
    check_policy(policy)
    figs = _figures(e for e in entries if e.category == category)
    named = sorted(
        ((f, e) for f, e in figs.values() if e.claimant.side != "SELF"),
        key=lambda p: (p[0], p[1].claimant_key),
    )
    pool, whose = named, "named claimant"
    if not pool:
        pool = sorted(figs.values(), key=lambda p: (p[0], p[1].claimant_key))
        whose = "the outlets' own voice (no named claimant)"
    if not pool:
        return None
    lo, hi = pool[0], pool[-1]
    low_rule = f"lowest figure of a {whose}: {_who([lo])}"
    high_rule = f"highest figure of a {whose}: {_who([hi])}"
    if policy == "median":
        values = [f for f, _ in pool]
        best = int(statistics.median_low(values))
        best_rule = f"median of {len(pool)} claimants' latest figures ({_who(pool)})"
        return Estimate(
            event_id, category, policy, lo[0], best, hi[0], low_rule, best_rule, high_rule
        )
    admissions = [p for p in named if is_admission(p[1], victim)]
    independent = [p for p in named if p[1].claimant.side == "OTHER"]
    if admissions:
        floor = admissions[-1]
        best_rule = (
            f"admission against interest is a credible floor: {_who([floor])} "
            f"(concedes its own side's losses)"
        )
        best = floor[0]
        if independent and independent[0][0] > best:
            best = independent[0][0]
            best_rule += f"; raised to the lowest independent figure: {_who([independent[0]])}"
    elif independent:
        best = independent[0][0]
        best_rule = (
            f"independent sources outrank either side: lowest independent figure, "
            f"{_who([independent[0]])}"
        )
    else:
        best = lo[0]
        best_rule = f"no admission against interest or independent source: {low_rule}"
    return Estimate(event_id, category, policy, lo[0], best, hi[0], low_rule, best_rule, high_rule)


def estimates(
    event_id: str,
    history: Iterable[HistoryEntry],
    victim: Actor | None,
    policy: str = "conservative",
) -> tuple[Estimate, ...]:
    """Estimates of every category the history has asserted figures for, by category."""
    entries = list(history)
    out = []
    for category in sorted({e.category for e in entries}):
        est = estimate(event_id, category, entries, victim, policy)
        if est is not None:
            out.append(est)
    return tuple(out)
