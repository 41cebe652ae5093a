"""Builders for small hand-written articles (no third-party text) used by the resolve tests."""

from __future__ import annotations

from sitrep.models import Actor, Claim, Claimant, Event, EventDate, Location, Span
from sitrep.resolve import Article

RIVERTON = Location("Riverton", "North", "XA", 50.00, 30.00, 1001, 1)
HILLCREST = Location("Hillcrest", "North", "XA", 50.15, 30.10, 1002, 1)  # about 18 km away
FARPORT = Location("Farport", "South", "XA", 47.00, 33.00, 1003, 1)
NORTH_REGION = Location(None, "North", "XA", None, None, None, 4)

GOV = Claimant("Regional governor Anna Kovach", "XA", "official")
MOD = Claimant("Ministry of Defence", "XB", "military")
NGO = Claimant("Civic Casualty Watch", "OTHER", "ngo")
CIVILIANS = Actor("Civilians (XA)", "XA")


def claim(
    doc: str, n: int, category: str, value: int | None, who: Claimant, *,
    qualifier: str = "exact", stance: str = "asserts", low: int | None = None,
    high: int | None = None, subject: str | None = None, event: int = 1,
) -> Claim:
    """One claim of article ``doc`` about its event ``event``."""
    lo = value if low is None else low
    hi = (value if qualifier == "exact" else None) if high is None else high
    return Claim(
        id=f"{doc}-c{n}", category=category, low=lo, high=hi, central=value, qualifier=qualifier,
        claimant=who, stance=stance, evidence=(Span(0, 10),), subject=subject,
        event=f"{doc}-e{event}",
    )


def event(
    doc: str, loc: Location | None, day: str | None, *, n: int = 1,
    sub_type: str = "Shelling/artillery/missile attack", weapons: tuple[str, ...] = ("missile",),
    victim: Actor | None = CIVILIANS, claims: tuple[Claim, ...] = (),
    type: str = "Explosions/Remote violence",
) -> Event:
    """One event of article ``doc``."""
    return Event(
        id=f"{doc}-e{n}", type=type, sub_type=sub_type,
        date=EventDate(day, day, 1 if day else None), location=loc or Location(),
        actor1=Actor("Military Forces of XB", "XB"), actor2=victim, weapons=weapons,
        claims=tuple(c.id for c in claims if c.event == f"{doc}-e{n}"),
        evidence=(Span(0, 10),),
    )


def article(
    doc: str, published: str | None, text: str, events: tuple[Event, ...],
    claims: tuple[Claim, ...], source: str = "Example Post",
) -> Article:
    """One article."""
    return Article(doc, f"{doc}.txt", published, events, claims, text, None, source, None)


def market_report(doc: str, published: str, killed: int, text: str, source: str = "Post") -> Article:
    """A report of the shelling of Riverton market on 2024-03-04."""
    cs = (claim(doc, 1, "killed", killed, GOV),)
    return article(doc, published, text, (event(doc, RIVERTON, "2024-03-04", claims=cs),), cs, source)
