"""Claimants: one party under several spellings."""

from sitrep.models import Claimant
from sitrep.resolve.claimants import claimant_key, group_claimants


def test_claimants_spellings_of_one_ministry_are_one_group():
    a = Claimant("Russia's defence ministry", "RU", "military")
    b = Claimant("the Russian Ministry of Defense", "RU", "military")
    c = Claimant("Russian defence ministry spokesman Igor Petrov", "RU", "person")
    groups = group_claimants([(a, None), (b, None), (c, None)])
    assert groups[claimant_key(a)] == groups[claimant_key(b)] == groups[claimant_key(c)]


def test_claimants_other_sides_and_other_bodies_stay_apart():
    a = Claimant("Ukraine's Ground Forces", "UA", "military")
    b = Claimant("Ukrainian army", "UA", "military")
    c = Claimant("Ground Forces", "RU", "military")
    groups = group_claimants([(a, None), (b, None), (c, None)])
    assert len({groups[claimant_key(x)] for x in (a, b, c)}) == 3


def test_claimants_the_outlets_own_voice_is_one_claimant_per_outlet():
    me = Claimant("the outlet", "SELF", "outlet")
    groups = group_claimants([(me, "Post"), (me, "Herald")])
    assert len(set(groups.values())) == 2


def test_claimants_grouping_does_not_depend_on_order():
    names = [Claimant(n, "XA", "official") for n in ("governor", "regional governor Anna Kovach", "Kovach")]
    pairs = [(c, None) for c in names]
    assert group_claimants(pairs) == group_claimants(list(reversed(pairs)))
