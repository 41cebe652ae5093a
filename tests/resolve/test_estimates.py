"""Estimates: low, best and high with their rules, under both policies."""

import pytest
from resolve_builders import GOV, MOD, NGO, claim

from sitrep.errors import ConfigError
from sitrep.models import Actor, Claimant
from sitrep.resolve.estimates import estimate, is_admission
from sitrep.resolve.history import Source, build_history

SOLDIERS_XA = Actor("Military Forces of XA", "XA")
ARMY = Claimant("General Staff", "XA", "military")


def _entries(*specs):
    items = [(c, Source(c.id.split("-")[0], day, "Post")) for c, day in specs]
    return build_history("E", items, lambda d: d)


def test_estimates_an_admission_against_interest_is_the_floor_raised_by_an_independent_figure():
    entries = _entries(
        (claim("a", 1, "killed", 12, ARMY, subject="soldiers"), "2024-01-02"),
        (claim("b", 1, "killed", 150, MOD, qualifier="more_than", low=151), "2024-01-02"),
        (claim("c", 1, "killed", 40, NGO, qualifier="approximately", low=36, high=44), "2024-01-03"),
    )
    est = estimate("E", "killed", entries, SOLDIERS_XA)
    assert (est.low, est.best, est.high) == (12, 40, 150)
    assert "admission against interest" in est.best_rule and "independent" in est.best_rule


def test_estimates_an_admission_alone_is_best():
    entries = _entries(
        (claim("a", 1, "killed", 12, ARMY), "2024-01-02"),
        (claim("b", 1, "killed", 150, MOD), "2024-01-02"),
    )
    est = estimate("E", "killed", entries, SOLDIERS_XA)
    assert est.best == 12 and "General Staff 12" in est.best_rule


def test_estimates_civilian_losses_are_no_admission_and_independents_outrank_sides():
    entries = _entries(
        (claim("a", 1, "killed", 20, GOV, subject="civilians"), "2024-01-02"),
        (claim("b", 1, "killed", 0, MOD, stance="denies"), "2024-01-02"),
        (claim("c", 1, "killed", 14, NGO), "2024-01-03"),
    )
    victim = Actor("Civilians (XA)", "XA")
    assert not is_admission(entries[0], victim)
    est = estimate("E", "killed", entries, victim)
    assert (est.low, est.best, est.high) == (14, 14, 20)
    assert "independent" in est.best_rule


def test_estimates_without_admission_or_independent_the_lowest_named_figure():
    entries = _entries(
        (claim("a", 1, "injured", 20, GOV), "2024-01-02"),
        (claim("b", 1, "injured", 35, MOD), "2024-01-02"),
    )
    est = estimate("E", "injured", entries, None)
    assert est.best == 20 and est.best_rule.startswith("no admission")


def test_estimates_median_policy_and_superseded_figures_ignored():
    entries = _entries(
        (claim("a", 1, "killed", 5, GOV), "2024-01-01"),
        (claim("b", 1, "killed", 20, GOV), "2024-01-02"),
        (claim("c", 1, "killed", 30, NGO), "2024-01-02"),
        (claim("d", 1, "killed", 90, MOD), "2024-01-02"),
    )
    est = estimate("E", "killed", entries, None, policy="median")
    assert (est.low, est.best, est.high) == (20, 30, 90) and est.best_rule.startswith("median of 3")


def test_estimates_the_outlets_voice_counts_only_when_no_one_is_named():
    outlet = Claimant("the outlet", "SELF", "outlet")
    entries = _entries((claim("a", 1, "killed", 4, outlet), "2024-01-02"))
    est = estimate("E", "killed", entries, None)
    assert est.best == 4 and "no named claimant" in est.low_rule
    assert estimate("E", "injured", entries, None) is None


def test_estimates_an_unknown_policy_is_a_config_error():
    with pytest.raises(ConfigError):
        estimate("E", "killed", [], None, policy="mean")
