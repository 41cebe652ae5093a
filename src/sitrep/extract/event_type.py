"""Extract stage: the ACLED event type and sub-type of an incident, from its words and figures.

Order (lexicon ``events.json``, then ``weapons.json``): a disaster or a suicide bombing named in
the incident's text; a battle ("clashes", "attacked an army camp") or an attack on civilians
("stormed a village") unless a remote weapon (missile, drone, airstrike) is named; then the
weapons it names; then weaker words ("a shooting"); an incident whose only figures are munitions shot
down is a Strategic development / Disrupted weapons use, as ACLED codes interceptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons
from ..gates import Gate, Literals, Scan


@dataclass(frozen=True, slots=True)
class _TypeRule:
    type: str
    sub_type: str
    words: re.Pattern[str] | None
    only_categories: frozenset[str]
    stage: str  # first | ground | last


@lru_cache(maxsize=8)
def _rules(language: str) -> tuple[_TypeRule, ...]:
    data = lexicons.load("events", language)
    return tuple(
        _TypeRule(
            t["type"], t["sub_type"],
            lexicons.words_pattern(t["words"]) if t["words"] else None,
            frozenset(t.get("only_categories", ())), t.get("stage", "last"),
        )
        for t in data["types"]
    )


@lru_cache(maxsize=8)
def rule_gates(language: str) -> tuple[tuple[Gate, ...], ...]:
    """For each rule, one gate per lexicon entry: a rule's words match a text when one of its
    entries does, and most entries are ruled out by their literals without a search."""
    data = lexicons.load("events", language)
    return tuple(tuple(Gate(lexicons.words_pattern([w])) for w in t["words"]) for t in data["types"])


@lru_cache(maxsize=8)
def _literals(language: str) -> Literals:
    return Literals(g for gates in rule_gates(language) for g in gates)


@lru_cache(maxsize=8)
def _rule_literals(language: str) -> tuple[frozenset[str] | None, ...]:
    """For each rule, the literals of its gates: a gate searches a text only where (or when)
    one of its literals stands, so a text whose scan found none of a rule's cannot match it.
    None for a rule with a gate that has no literals (searched in any text)."""
    return tuple(None if any(not g.literals for g in gates) else frozenset(w for g in gates for w in g.literals)
                 for gates in rule_gates(language))


class _Words:
    """Whether each rule's words occur in an incident's text, each rule searched at most once.
    Most rules' literals are not in the text: they are told apart by the scan's literals
    alone, without a search by each of their gates."""

    def __init__(self, scan: Scan, language: str) -> None:
        self.scan, self.gates, self.literals = scan, rule_gates(language), _rule_literals(language)
        self.found: dict[int, bool] = {}

    def __call__(self, index: int) -> bool:
        if index not in self.found:
            literals, at = self.literals[index], self.scan.at
            self.found[index] = ((literals is None or at is None or not literals.isdisjoint(at))
                                 and any(g.search(self.scan) is not None for g in self.gates[index]))
        return self.found[index]


def classify(text: str, weapons: tuple[str, ...], categories: Iterable[str],
             language: str = "en", scan: Scan | None = None) -> tuple[str | None, str | None]:
    """(type, sub_type) of an incident from its text, its weapons and its figures' categories.
    ``scan``: the text's scan by a family of literals that holds this module's (one pass over the
    text serves every rule and the weapons)."""
    rules = _rules(language)
    words = _Words(scan or _literals(language).scan(text), language)
    cats = frozenset(categories)
    for rule in rules:
        if rule.only_categories and cats and cats <= rule.only_categories:
            return rule.type, rule.sub_type
    remote = not set(weapons).isdisjoint(lexicons.load("events", language)["remote_weapons"])
    for stage in ("first",) if remote else ("first", "ground"):
        for i, rule in enumerate(rules):
            if rule.stage == stage and rule.words is not None and words(i):
                return rule.type, rule.sub_type
    by_weapon = lexicons.load("weapons", language)
    for name in by_weapon["priority"]:
        if name in weapons and name in by_weapon["types"]:
            type_, sub_type = by_weapon["types"][name]
            if type_ != "Violence against civilians":  # a gun in a battle is still a battle
                return type_, sub_type
    for i, rule in enumerate(rules):
        if rule.stage != "first" and rule.words is not None and words(i):
            return rule.type, rule.sub_type
    for name in by_weapon["priority"]:
        if name in weapons and name in by_weapon["types"]:
            return tuple(by_weapon["types"][name])  # type: ignore[return-value]
    return None, None
