"""fast_init: a frozen slotted dataclass with a faster __init__ is the same dataclass otherwise."""

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from sitrep.models import Claim, Claimant, Span
from sitrep.records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class _Point:
    x: int
    y: int = 0
    label: str | None = None


@dataclass(frozen=True, slots=True)
class _Plain:
    x: int
    y: int = 0
    label: str | None = None


def test_arguments_by_position_keyword_and_default():
    assert (_Point(1), _Point(1, 2), _Point(x=1, label="a")) == (_Point(1, 0, None), _Point(1, 2), _Point(1, 0, "a"))
    assert _Point(3, label="b").label == "b"


def test_wrong_arguments_fail_as_the_dataclass_init_does():
    for call in (lambda cls: cls(), lambda cls: cls(1, 2, 3, 4), lambda cls: cls(1, z=2), lambda cls: cls(1, x=2)):
        with pytest.raises(TypeError):
            call(_Point)
        with pytest.raises(TypeError):
            call(_Plain)


def test_still_frozen_equal_hashable_replaceable_and_picklable():
    p = _Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5  # type: ignore[misc]
    assert p == _Point(1, 2) and hash(p) == hash(_Point(1, 2)) and p != _Point(2, 2)
    assert dataclasses.replace(p, y=7) == _Point(1, 7)
    assert pickle.loads(pickle.dumps(p)) == p
    assert repr(p) == "_Point(x=1, y=2, label=None)"
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "label": None}


def test_the_models_use_it():
    span = Span(3, 9)
    claim = Claim(id="c", category="killed", low=1, high=1, central=1, qualifier="exact",
                  claimant=Claimant("Police", "US", "police"), stance="asserts", evidence=(span,),
                  event="e1")
    assert Span.__init__.__qualname__ == "Span.__init__" and claim.evidence == (Span(start=3, end=9),)
    assert dataclasses.replace(claim, low=0).low == 0 and claim.low == 1


def test_refuses_what_it_cannot_make():
    @dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclass(frozen=True, slots=True)
    class Factory:
        xs: list[int] = field(default_factory=list)

    @dataclass(slots=True)
    class Mutable:
        x: int

    for cls in (NoSlots, Factory, Mutable):
        with pytest.raises(TypeError):
            fast_init(cls)
