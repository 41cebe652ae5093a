"""Resolve stage: many reports of one incident become one event with a claim history.

::

    resolve/
    ├── ledger.py          the data types in and out (Article -> EventLedger)
    ├── duplicates.py      wire copies: MinHash signatures, LSH, windowed index
    ├── blocking.py        which events may be compared: date window x 25 km cell or admin1
    ├── similarity.py      event features and their pair score
    ├── claimants.py       one claimant under several spellings
    ├── cluster.py         incremental single-link groups over blocked pairs
    ├── merge.py           the resolved event's fields from its members
    ├── history.py         per claimant: figures over time, appearances, supersession
    ├── estimates.py       low / best / high with the rule behind each (policies)
    ├── contradictions.py  non-overlapping figures, denials, disputes
    ├── unionfind.py       groups named by their smallest member
    └── resolver.py        Resolver (incremental), resolve(), resolve_stream()

Pure: plain data in, plain data out; the store reads articles and writes ledgers
(:meth:`sitrep.workspace.Workspace.resolve`).
"""

from .estimates import check_policy
from .ledger import (
    POLICIES,
    RULES,
    Article,
    Contradiction,
    Estimate,
    EventLedger,
    HistoryEntry,
    ResolvedEvent,
)
from .resolver import Resolver, ResolveSettings, article_order, resolve, resolve_stream

__all__ = [
    "POLICIES",
    "RULES",
    "Article",
    "Contradiction",
    "Estimate",
    "EventLedger",
    "HistoryEntry",
    "ResolveSettings",
    "ResolvedEvent",
    "Resolver",
    "article_order",
    "check_policy",
    "resolve",
    "resolve_stream",
]
