"""Resolve stage: article events grouped into incidents (event clustering).

Two article events are linked when

* their articles are wire copies of each other and the events pair up (:func:`pair_copies`), or
* they come from different articles published at most ``max_gap_days`` apart, both have a date
  and a place, share a block (:mod:`.blocking`), their dates are at most ``window_days`` apart,
  their places fit (25 km, or the same admin1 when one is vague), their types fit, and their
  similarity (:func:`.similarity.score`) reaches ``threshold``.

Incidents are the connected groups of links. Each rule looks at one pair only, so the groups do
not depend on the order events arrive in, and a new article only needs the pairs it takes part
in: :meth:`Clusterer.add` looks up its candidates in dict indexes (never all pairs) and joins
their groups. Events without a date or a place are never filed in the indexes, so they cannot
merge with everything; they join a group only through a wire copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Location
from . import blocking
from .similarity import THRESHOLD, EventFeatures, score
from .unionfind import UnionFind


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The clustering thresholds."""

    window_days: int = blocking.WINDOW_DAYS
    radius_km: float = blocking.RADIUS_KM
    threshold: float = THRESHOLD
    max_gap_days: int = 30  # reports further apart than this are not linked


def pair_copies(a: list[EventFeatures], b: list[EventFeatures]) -> list[tuple[str, str]]:
    """Pair the events of two wire copies one to one, most alike first.

    Events pair when their types fit and neither date nor place (where both are known) rules it
    out. Ties are broken by the events' ids, so the pairing is the same whichever copy comes
    first.
    """
    scored = []
    for x in a:
        for y in b:
            if not blocking.types_fit(x.type, y.type):
                continue
            if x.days is not None and y.days is not None and blocking.date_gap(x.days, y.days) > 2:
                continue
            lo, hi = sorted((x.event_id, y.event_id))
            scored.append((-score(x, y), lo, hi, x.event_id, y.event_id))
    scored.sort()
    used: set[str] = set()
    pairs = []
    for _, _, _, xa, yb in scored:
        if xa in used or yb in used:
            continue
        used.update((xa, yb))
        pairs.append((xa, yb))
    return pairs


class Clusterer:
    """Article events, their block indexes and their groups (incremental)."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.groups: UnionFind[str] = UnionFind()
        self.nodes: dict[str, EventFeatures] = {}
        self.locations: dict[str, Location] = {}
        self._index: dict[blocking.Key, list[str]] = {}
        self._keys: dict[str, list[blocking.Key]] = {}
        #: events a person split out of their group: the machine links them to nothing
        self.detached: set[str] = set()
        #: pairs scored, for tests and benchmarks
        self.comparisons = 0

    def __len__(self) -> int:
        return len(self.nodes)

    def _file(self, f: EventFeatures, loc: Location) -> None:
        self.nodes[f.event_id] = f
        self.locations[f.event_id] = loc
        self.groups.add(f.event_id, f.rank)
        if f.days is None or f.published is None or not blocking.is_placed(loc):
            return
        keys = blocking.insert_keys(loc, f.days)
        self._keys[f.event_id] = keys
        for key in keys:
            self._index.setdefault(key, []).append(f.event_id)

    def insert(self, f: EventFeatures, loc: Location) -> None:
        """File an event resolved before (its links are already in :attr:`groups`)."""
        if f.event_id not in self.nodes:
            self._file(f, loc)

    def candidates(self, f: EventFeatures, loc: Location) -> list[str]:
        """Indexed events sharing a block with ``f``, sorted, without ``f``'s own article."""
        if f.days is None or f.published is None or not blocking.is_placed(loc):
            return []
        s = self.settings
        found: set[str] = set()
        for key in blocking.query_keys(loc, f.days, s.window_days, s.radius_km):
            found.update(self._index.get(key, ()))
        return sorted(e for e in found if self.nodes[e].document_id != f.document_id)

    def matches(self, a: EventFeatures, la: Location, b: EventFeatures, lb: Location) -> bool:
        """The exact pair rule for two blocked events of different articles."""
        s = self.settings
        assert a.days and b.days and a.published is not None and b.published is not None
        if abs(a.published - b.published) > s.max_gap_days:
            return False
        if blocking.date_gap(a.days, b.days) > s.window_days:
            return False
        if not blocking.types_fit(a.type, b.type):
            return False
        if not blocking.place_fits(la, lb, s.radius_km):
            return False
        self.comparisons += 1
        return score(a, b) >= s.threshold

    def add(self, f: EventFeatures, loc: Location) -> list[str]:
        """File a new event and link it to the matching events already filed.

        Returns:
            The ids of the events it was linked to, sorted.
        """
        if f.event_id in self.nodes:
            return []
        linked = [
            e
            for e in self.candidates(f, loc)
            if e not in self.detached and self.matches(f, loc, self.nodes[e], self.locations[e])
        ]
        self._file(f, loc)
        for e in linked:
            self.groups.union(f.event_id, e)
        return linked

    def link(self, a: str, b: str) -> None:
        """Join the groups of two filed events (wire copies), unless a person split one out."""
        if a not in self.detached and b not in self.detached:
            self.groups.union(a, b)

    def unfile(self, event_ids: Iterable[str]) -> None:
        """Take events out of the block indexes (they can get no new links); groups stay."""
        for e in event_ids:
            for key in self._keys.pop(e, ()):
                bucket = self._index.get(key)
                if bucket is not None:
                    bucket.remove(e)
                    if not bucket:
                        del self._index[key]

    def forget(self, root: str) -> None:
        """Drop a finished group and everything kept about its events."""
        members = self.groups.members(root)
        self.unfile(members)
        for e in members:
            self.nodes.pop(e, None)
            self.locations.pop(e, None)
        self.groups.forget(root)
