"""Resolve stage: union-find whose representative is the smallest member, so any order of unions
gives the same groups with the same names (wire-copy groups and event clusters share it)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets over keys ordered by ``rank`` (a sortable stand-in for each key).

    The root of a set is always its member with the smallest rank, so the name of a group does not
    depend on the order in which its links were found. Each root keeps its member list, so a group
    is listed without scanning every key.
    """

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}
        self._rank: dict[K, tuple[object, ...]] = {}
        self._members: dict[K, list[K]] = {}

    def add(self, key: K, rank: tuple[object, ...]) -> None:
        """Make ``key`` a group of its own (no-op when it is known)."""
        if key not in self._parent:
            self._parent[key] = key
            self._rank[key] = rank
            self._members[key] = [key]

    def __contains__(self, key: object) -> bool:
        return key in self._parent

    def find(self, key: K) -> K:
        """The representative of ``key``'s group."""
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a: K, b: K) -> K:
        """Join the groups of ``a`` and ``b``; returns the representative of the result."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self._rank[rb] < self._rank[ra]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        return ra

    def members(self, key: K) -> list[K]:
        """Every member of ``key``'s group, in rank order."""
        return sorted(self._members[self.find(key)], key=self._rank.__getitem__)

    def roots(self) -> Iterator[K]:
        """The representative of every group."""
        return iter(list(self._members))

    def rank(self, key: K) -> tuple[object, ...]:
        """The rank ``key`` was added with."""
        return self._rank[key]

    def forget(self, root: K) -> None:
        """Drop a whole group (it was written out and will not change again)."""
        for member in self._members.pop(self.find(root)):
            del self._parent[member]
            del self._rank[member]
