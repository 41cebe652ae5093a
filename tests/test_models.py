"""The output contract's JSON reads back into the same data types."""

from sitrep.models import (
    Actor,
    Claim,
    Claimant,
    Document,
    Event,
    EventDate,
    Extraction,
    Location,
    Span,
    claim_from_json,
    event_from_json,
    to_json,
)


def test_models_json_round_trip():
    claim = Claim(
        id="d-c1", category="killed", low=63, high=None, central=63, qualifier="at_least",
        claimant=Claimant("a source in the Donetsk forces", "RU", "official", ("TASS",)),
        stance="asserts", evidence=(Span(3, 40), Span(50, 90)), subject="soldiers", verb="citing",
        event="d-e1", confidence=0.8,
    )
    event = Event(id="d-e1", type="Explosions/Remote violence", sub_type="Air/drone strike",
                  date=EventDate("2023-01-01", "2023-01-02", 2),
                  location=Location(name="Makiivka", country="UA", lat=48.0, lon=37.9, precision=1),
                  actor1=Actor("Ukrainian forces", "UA"), weapons=("HIMARS",), claims=("d-c1",))
    doc = Document(id="d", ref="r", text="x" * 100)
    data = to_json(Extraction(doc, (event,), (claim,)))
    assert claim_from_json(data["claims"][0]) == claim
    assert event_from_json(data["events"][0]) == event
    assert data["rejected"] is None and data["document"]["ref"] == "r"
