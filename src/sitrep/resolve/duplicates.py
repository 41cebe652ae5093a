"""Resolve stage: near-duplicate articles (the same wire story in several outlets).

Each article's text becomes a MinHash signature over word 3-grams (datasketch, fixed seed, so the
same text always gives the same signature). A MinHash LSH index proposes candidates and the
signatures' estimated Jaccard similarity confirms them; nothing is compared all-pairs.

Two articles are copies when their similarity is at least ``threshold`` and their publication
dates are at most ``max_gap_days`` apart (an undated article is compared with every other). The
rule only looks at the pair, so the links found do not depend on the order articles arrive in.
The index can drop articles older than the window (:meth:`DuplicateIndex.evict_before`), which
keeps memory flat when a corpus is streamed in date order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch takes ~0.4 s to import (it pulls scipy): only when resolving
    from datasketch import MinHash

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's default, named so stored signatures stay comparable
SHINGLE = 3
THRESHOLD = 0.5

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """The distinct word ``size``-grams of ``text``, lower-cased, as UTF-8 (sorted)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return [g.encode("utf-8") for g in sorted(grams)]


@cache
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH bands and rows datasketch would choose (it integrates false positive and negative
    rates numerically, ~35 ms, so once per process rather than once per index)."""
    from datasketch.lsh import _optimal_param

    return tuple(_optimal_param(threshold, num_perm, 0.5, 0.5))  # type: ignore[return-value]


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """The hash permutations of every signature (drawn from ``SEED``): made once per process and
    shared, as datasketch would otherwise draw them again for each MinHash it makes."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, num_perm: int = NUM_PERM) -> tuple[int, ...]:
    """The MinHash signature of ``text`` (``num_perm`` integers; empty text gives all maxima)."""
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME, permutations=_permutations(num_perm))
    grams = shingles(text)
    if grams:
        mh.update_batch(grams)
    return tuple(int(v) for v in mh.hashvalues)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal slots)."""
    if len(a) != len(b) or not a:
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32)))


def to_bytes(sig: tuple[int, ...]) -> bytes:
    """A signature as bytes for the ledger (little-endian uint32)."""
    return np.asarray(sig, dtype="<u4").tobytes()


def from_bytes(data: bytes) -> tuple[int, ...]:
    """Inverse of :func:`to_bytes`."""
    return tuple(int(v) for v in np.frombuffer(data, dtype="<u4"))


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """Two articles that are copies of one text, with their estimated similarity."""

    a: str
    b: str
    similarity: float


class DuplicateIndex:
    """Signatures of the articles seen so far, queried with LSH.

    Args:
        threshold: The least estimated Jaccard similarity of two copies.
        max_gap_days: Copies are published at most this many days apart.
        num_perm: Signature length.
    """

    def __init__(
        self, threshold: float = THRESHOLD, max_gap_days: int = 30, num_perm: int = NUM_PERM
    ) -> None:
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.num_perm = num_perm
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_params(threshold, num_perm))
        self._sigs: dict[str, tuple[int, ...]] = {}
        self._day: dict[str, int | None] = {}
        self._by_day: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def _minhash(self, sig: tuple[int, ...]) -> MinHash:
        from datasketch import MinHash

        return MinHash(
            num_perm=self.num_perm,
            seed=SEED,
            scheme=SCHEME,
            hashvalues=np.asarray(sig, dtype=np.uint32),
            permutations=_permutations(self.num_perm),
        )

    def insert(self, doc_id: str, day: int | None, sig: tuple[int, ...]) -> None:
        """Index an article without looking for its copies (it was resolved before)."""
        if doc_id in self._sigs:
            return
        self._lsh.insert(doc_id, self._minhash(sig))
        self._sigs[doc_id] = sig
        self._day[doc_id] = day
        if day is not None:
            self._by_day.setdefault(day, []).append(doc_id)

    def add(self, doc_id: str, day: int | None, sig: tuple[int, ...]) -> list[DuplicateLink]:
        """Index an article and return its links to the copies already indexed, sorted."""
        if doc_id in self._sigs:
            return []
        links = []
        for other in sorted(self._lsh.query(self._minhash(sig))):
            other_day = self._day[other]
            if day is not None and other_day is not None:
                if abs(day - other_day) > self.max_gap_days:
                    continue
            sim = similarity(sig, self._sigs[other])
            if sim >= self.threshold:
                links.append(DuplicateLink(*sorted((doc_id, other)), similarity=round(sim, 4)))
        self.insert(doc_id, day, sig)
        return links

    def evict_before(self, day: int) -> list[str]:
        """Drop dated articles published before ``day``; returns their ids. Undated ones stay."""
        gone: list[str] = []
        for d in sorted(k for k in self._by_day if k < day):
            for doc_id in self._by_day.pop(d):
                self._lsh.remove(doc_id)
                del self._sigs[doc_id]
                del self._day[doc_id]
                gone.append(doc_id)
        return gone
