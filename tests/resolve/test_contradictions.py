"""Contradictions: non-overlapping figures, denials, disputes."""

from resolve_builders import GOV, MOD, NGO, claim

from sitrep.models import Claimant
from sitrep.resolve.contradictions import find_contradictions
from sitrep.resolve.history import Source, build_history


def _found(*specs):
    items = [(c, Source(c.id.split("-")[0], day, "Post")) for c, day in specs]
    return find_contradictions("E", build_history("E", items, lambda d: d))


def test_contradictions_ranges_that_do_not_overlap_are_flagged():
    found = _found(
        (claim("a", 1, "killed", 63, GOV), "2024-01-02"),
        (claim("b", 1, "killed", 400, MOD, qualifier="approximately", low=360, high=440), "2024-01-02"),
    )
    assert [(c.kind, c.claims) for c in found] == [("figures", ("a-c1", "b-c1"))]


def test_contradictions_at_least_leaves_the_top_open_and_revisions_are_not_contradictions():
    found = _found(
        (claim("a", 1, "killed", 63, GOV, qualifier="at_least"), "2024-01-02"),
        (claim("b", 1, "killed", 89, MOD), "2024-01-03"),
        (claim("c", 1, "killed", 10, MOD), "2024-01-01"),
    )
    assert found == ()


def test_contradictions_denials_and_disputes_name_whom_they_contradict():
    found = _found(
        (claim("a", 1, "captured", 9, GOV), "2024-01-02"),
        (claim("b", 1, "captured", 0, MOD, stance="denies"), "2024-01-02"),
        (claim("c", 1, "captured", 9, NGO, stance="disputes"), "2024-01-03"),
    )
    kinds = {c.kind: c for c in found}
    assert set(kinds) == {"denial", "dispute"}
    assert kinds["denial"].claims == ("b-c1", "a-c1")
    assert "denies" in kinds["denial"].note and GOV.name in kinds["denial"].note


def test_contradictions_the_outlet_restating_a_named_figure_is_no_party():
    outlet = Claimant("the outlet", "SELF", "outlet")
    found = _found(
        (claim("a", 1, "killed", 19, GOV), "2024-01-02"),
        (claim("b", 1, "killed", 19, outlet), "2024-01-02"),
        (claim("c", 1, "killed", 40, NGO, qualifier="approximately", low=36, high=44), "2024-01-02"),
    )
    assert [c.claimants for c in found] == [(found[0].claimants[0], found[0].claimants[1])]
    assert len(found) == 1


def test_contradictions_two_voices_of_one_party_on_different_days_are_a_revision():
    state = Claimant("Xland", "XB", "government")  # the state itself, then its ministry
    found = _found(
        (claim("a", 1, "killed", 63, state), "2024-01-02"),
        (claim("b", 1, "killed", 89, MOD), "2024-01-04"),
    )
    assert found == ()
    same_day = _found(
        (claim("a", 1, "killed", 63, state), "2024-01-02"),
        (claim("b", 1, "killed", 89, MOD), "2024-01-02"),
    )
    assert [c.kind for c in same_day] == ["figures"]  # the same day, two voices disagree
