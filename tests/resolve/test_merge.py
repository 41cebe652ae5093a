"""Merging article events: fields by vote, the actors as a pair."""

from sitrep.models import Actor, Event
from sitrep.resolve.merge import merge_events

XA = Actor("Military Forces of Xland", "XA")
XB = Actor("Military Forces of Yland", "XB")


def _merged(*pairs):
    members = [(Event(id=f"d{i}-e1", actor1=a1, actor2=a2), f"d{i}") for i, (a1, a2) in enumerate(pairs)]
    return merge_events("d0-e1", members, lambda d: d)


def test_actors_are_voted_as_a_pair_so_a_side_never_attacks_itself():
    # one report names only the attacker (wrongly XB), two name XA -> XB, one names only the target
    ev = _merged((XB, None), (XA, XB), (XA, XB), (None, XA))
    assert (ev.actor1, ev.actor2) == (XA, XB)


def test_without_a_report_naming_both_the_target_is_never_the_attacker():
    ev = _merged((XB, None), (XB, None), (None, XB), (None, XA))
    assert ev.actor1 == XB and ev.actor2 == XA
