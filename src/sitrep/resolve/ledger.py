"""Resolve stage: the plain data types that go into and come out of cross-article resolution.

::

    Article (one stored extraction) ──Resolver──▶ EventLedger per resolved event
                                                   ├── ResolvedEvent   what, where, when, who
                                                   ├── HistoryEntry*   every figure, in time order
                                                   ├── Estimate*       low / best / high + rules
                                                   └── Contradiction*  figures that cannot all hold

Every type is a frozen dataclass of plain values, like :mod:`sitrep.models`, so it pickles for a
process pool and maps straight to ledger rows and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Actor, Claim, Claimant, Event, EventDate, Location

#: Versioned name of the resolution rules, recorded with every resolved event.
RULES = "resolve.rules.v1"

POLICIES: tuple[str, ...] = ("conservative", "median")


@dataclass(frozen=True, slots=True)
class Article:
    """One stored article as resolve sees it: metadata, its events and claims.

    ``text`` is only read to compute ``signature`` (the MinHash of the text) when that is not
    given; a caller that cached signatures may pass ``text=""``.
    """

    document_id: str
    ref: str
    published: str | None
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    text: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    signature: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class ResolvedEvent:
    """One incident seen across articles: the merge of several article events."""

    id: str  # the id of its first-reported member event (stable as later reports arrive)
    type: str | None
    sub_type: str | None
    date: EventDate
    location: Location
    actor1: Actor | None
    actor2: Actor | None
    weapons: tuple[str, ...]
    members: tuple[str, ...]  # article event ids, in (published, document, event) order
    documents: tuple[str, ...]  # document ids, same order, each once
    sources: int  # independent reports: documents counted once per wire-copy group
    review: str = "proposed"
    confidence: float = 0.5
    rules: str = RULES


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One appearance of a claimant's figure about a resolved event.

    ``claimant_key`` groups the spellings of one claimant ("Russia's defence ministry",
    "the Russian Ministry of Defence"). ``superseded_by`` names the claim of the same claimant
    that replaces this figure for estimates; ``appearance_of`` names the first appearance when
    this one is the same figure in a wire copy (one piece of evidence, several appearances).
    """

    event_id: str
    category: str
    claimant_key: str
    claimant: Claimant
    claim_id: str
    document_id: str
    published: str | None
    low: int | None
    high: int | None
    central: int | None
    qualifier: str
    stance: str
    vague: str | None = None
    subject: str | None = None
    superseded_by: str | None = None
    appearance_of: str | None = None

    @property
    def figure(self) -> int | None:
        """The single number that stands for this claim: central, else low, else high."""
        if self.central is not None:
            return self.central
        return self.low if self.low is not None else self.high

    @property
    def current(self) -> bool:
        """Whether the figure counts for estimates: a first appearance, not superseded."""
        return self.appearance_of is None and self.superseded_by is None


@dataclass(frozen=True, slots=True)
class Estimate:
    """``low``, ``best`` and ``high`` for one category of one event, each with its rule."""

    event_id: str
    category: str
    policy: str
    low: int | None
    best: int | None
    high: int | None
    low_rule: str
    best_rule: str
    high_rule: str


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Claims about one category of one event that cannot all be true.

    ``kind`` is ``figures`` (ranges that do not overlap), ``denial`` (a party denies what another
    asserts) or ``dispute`` (a party doubts another's figure).
    """

    event_id: str
    category: str
    kind: str
    claims: tuple[str, ...]
    claimants: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class EventLedger:
    """Everything resolve says about one event."""

    event: ResolvedEvent
    history: tuple[HistoryEntry, ...] = ()
    estimates: tuple[Estimate, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
