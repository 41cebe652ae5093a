"""Resolve stage: one claimant under its several spellings.

Reports name a party differently ("Russia's defence ministry", "the Russian Ministry of
Defence", "the ministry's spokesman Igor Konashenkov" is another party). :func:`name_tokens`
reduces a name to its content words, without articles, possessives and the words naming the
claimant's own country, with plural and spelling variants folded. :func:`group_claimants` then
puts two names of the same side in one group when the words of one are all among the words of
the other. The outlet's own voice (side ``SELF``) is one claimant per outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry

from ..models import Claimant

_STOP = frozenset({"the", "of", "a", "an", "and", "its", "in", "for", "on", "s", "at", "by"})
_SPELLING = {"defense": "defence", "ministery": "ministry", "centre": "center"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=512)
def _country_stems(side: str) -> frozenset[str]:
    """Five-letter stems of the words naming the country ``side`` (``RU`` -> russi, feder)."""
    if len(side) != 2 or not side.isalpha():
        return frozenset()
    country = pycountry.countries.get(alpha_2=side.upper())
    if country is None:
        return frozenset()
    names = [getattr(country, a, "") or "" for a in ("name", "common_name", "official_name")]
    return frozenset(w[:5] for n in names for w in _WORD.findall(n.lower()) if len(w) >= 4)


def _fold(word: str) -> str:
    word = _SPELLING.get(word, word)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def name_tokens(name: str, side: str) -> frozenset[str]:
    """The content words of a claimant's name, without its own country's name or demonym."""
    text = re.sub(r"['’]s\b", "", name.lower())
    stems = _country_stems(side)
    words = set()
    for w in _WORD.findall(text):
        if w in _STOP or (len(w) >= 4 and w[:5] in stems):
            continue
        words.add(_fold(w))
    return frozenset(words)


def claimant_key(claimant: Claimant, source: str | None = None) -> str:
    """A canonical string for one spelling of a claimant (``SELF`` keyed by the outlet)."""
    if claimant.side == "SELF":
        return f"SELF|{(source or claimant.name).casefold()}"
    return f"{claimant.side}|{' '.join(sorted(name_tokens(claimant.name, claimant.side)))}"


def group_claimants(claimants: Iterable[tuple[Claimant, str | None]]) -> dict[str, str]:
    """Map each claimant spelling (by :func:`claimant_key`) to the key of its group.

    Args:
        claimants: ``(claimant, outlet)`` pairs; the outlet only matters for ``SELF``.

    Returns:
        ``{spelling key: group key}``. Within one side, the spellings with the most words come
        first and each later spelling joins the first group whose words contain all of its own;
        the group key is its fullest spelling. Any input order gives the same map.
    """
    spellings: dict[str, tuple[str, frozenset[str]]] = {}
    for claimant, source in claimants:
        key = claimant_key(claimant, source)
        if key not in spellings:
            words = (
                frozenset()
                if claimant.side == "SELF"
                else name_tokens(claimant.name, claimant.side)
            )
            spellings[key] = (claimant.side, words)
    order = sorted(spellings, key=lambda k: (spellings[k][0], -len(spellings[k][1]), k))
    groups: list[tuple[str, str, frozenset[str]]] = []  # (side, group key, words)
    out: dict[str, str] = {}
    for key in order:
        side, words = spellings[key]
        target = key
        if words and side != "SELF":
            for g_side, g_key, g_words in groups:
                if g_side == side and words <= g_words:
                    target = g_key
                    break
        if target == key:
            groups.append((side, key, words))
        out[key] = target
    return out
