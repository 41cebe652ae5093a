"""Claim history: appearances of wire copies, supersession over time."""

from resolve_builders import GOV, NGO, claim

from sitrep.resolve.history import Source, build_history


def _history(items, copies=None):
    copies = copies or {}
    return build_history("E", items, lambda d: copies.get(d, d))


def test_history_a_later_figure_supersedes_the_earlier_and_both_stay():
    h = _history([
        (claim("d1", 1, "killed", 63, GOV), Source("d1", "2024-01-02", "A")),
        (claim("d2", 1, "killed", 89, GOV), Source("d2", "2024-01-04", "B")),
    ])
    first, second = h
    assert (first.figure, first.superseded_by) == (63, "d2-c1")
    assert (second.figure, second.current) == (89, True)


def test_history_on_one_day_the_higher_figure_stands():
    h = _history([
        (claim("d1", 1, "killed", 7, GOV), Source("d1", "2024-01-02", "A")),
        (claim("d2", 1, "killed", 9, GOV), Source("d2", "2024-01-02", "B")),
    ])
    assert [e.current for e in h] == [False, True]


def test_history_a_wire_copy_is_an_appearance_not_new_evidence():
    h = _history(
        [
            (claim("d1", 1, "killed", 7, GOV), Source("d1", "2024-01-02", "A")),
            (claim("d2", 1, "killed", 7, GOV), Source("d2", "2024-01-02", "B")),
            (claim("d3", 1, "killed", 7, GOV), Source("d3", "2024-01-02", "C")),
        ],
        copies={"d2": "d1"},
    )
    assert [e.appearance_of for e in h] == [None, "d1-c1", None]


def test_history_an_undated_figure_never_supersedes_a_dated_one():
    h = _history([
        (claim("d0", 1, "killed", 5, GOV), Source("d0", None, "A")),
        (claim("d1", 1, "killed", 7, GOV), Source("d1", "2024-01-02", "B")),
        (claim("d2", 1, "killed", 9, GOV), Source("d2", "2024-01-04", "C")),
    ])
    by = {e.claim_id: e for e in h}
    assert by["d2-c1"].current and by["d0-c1"].superseded_by == "d2-c1"


def test_history_keeps_claimants_apart_and_is_order_free():
    items = [
        (claim("d1", 1, "killed", 7, GOV), Source("d1", "2024-01-02", "A")),
        (claim("d2", 1, "killed", 30, NGO), Source("d2", "2024-01-03", "B")),
    ]
    assert _history(items) == _history(list(reversed(items)))
    assert all(e.current for e in _history(items))
