"""Plain data types passed between the pipeline stages.

Every type is a frozen dataclass of plain values (str, int, tuples of the same), so it pickles for
batch mode and maps straight to JSON and to ledger rows. Offsets are character offsets into
``Document.text`` (the cleaned text), end exclusive.

The JSON shape produced by :func:`to_json` is the output contract of ``sitrep extract`` described
in DESIGN.md; extend it, never break it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from .records import fast_init

CATEGORIES: tuple[str, ...] = (
    "killed",
    "injured",
    "missing",
    "captured",
    "displaced",
    "equipment_destroyed",
    "munitions_launched",
    "munitions_intercepted",
    "munitions_hit",
)

Category = Literal[
    "killed",
    "injured",
    "missing",
    "captured",
    "displaced",
    "equipment_destroyed",
    "munitions_launched",
    "munitions_intercepted",
    "munitions_hit",
]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "up_to", "approximately", "vague"]
Stance = Literal["asserts", "denies", "disputes", "neither"]
ClaimantKind = Literal[
    "government", "military", "state_media", "media", "official", "ngo", "person", "outlet",
    "organisation",  # extension: companies and other non-state bodies (ship managers, operators)
]
Review = Literal["proposed", "confirmed", "rejected"]


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int


@fast_init
@dataclass(frozen=True, slots=True)
class Document:
    """One cleaned article. ``text`` is what every offset refers to."""

    id: str
    ref: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    language: str | None = None  # ISO 639-1 code or None when undetected
    source: str | None = None  # outlet or domain


@fast_init
@dataclass(frozen=True, slots=True)
class Claimant:
    """Who states a figure. ``side`` is an ISO 3166 alpha-2 code, ``OTHER`` or ``SELF``."""

    name: str
    side: str
    kind: str
    via: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class Claim:
    """One party stating one figure about one category for one event."""

    id: str
    category: str
    low: int | None
    high: int | None
    central: int | None
    qualifier: str
    claimant: Claimant
    stance: str
    evidence: tuple[Span, ...]
    vague: str | None = None
    subject: str | None = None
    verb: str | None = None
    event: str | None = None
    confidence: float = 0.5
    review: str = "proposed"
    rules: str = "casualties.rules.v1"


@fast_init
@dataclass(frozen=True, slots=True)
class EventDate:
    earliest: str | None = None
    latest: str | None = None
    precision: int | None = None  # UCDP date_prec: 1 day .. 5 year


@fast_init
@dataclass(frozen=True, slots=True)
class Location:
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int | None = None  # UCDP where_prec


@fast_init
@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    side: str


@dataclass(frozen=True, slots=True)
class Event:
    """One violent incident reported in one article."""

    id: str
    type: str | None = None
    sub_type: str | None = None
    date: EventDate = field(default_factory=EventDate)
    location: Location = field(default_factory=Location)
    actor1: Actor | None = None
    actor2: Actor | None = None
    weapons: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    review: str = "proposed"
    confidence: float = 0.5


@fast_init
@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be turned into a Document, and why."""

    ref: str
    stage: str
    code: str
    message: str


@fast_init
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document (or the reason it was rejected)."""

    document: Document | None
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    rejected: Rejection | None = None


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def to_json(extraction: Extraction) -> dict[str, Any]:
    """The output contract of ``sitrep extract --format jsonl`` for one document."""
    doc = extraction.document
    document: dict[str, Any] | None
    if doc is not None:
        document = {
            "id": doc.id,
            "ref": doc.ref,
            "url": doc.url,
            "title": doc.title,
            "published": doc.published,
            "language": doc.language,
            "source": doc.source,
        }
    elif extraction.rejected is not None:
        document = {"id": None, "ref": extraction.rejected.ref}
    else:
        document = None
    rejected = extraction.rejected
    return {
        "document": document,
        "events": [_plain(e) for e in extraction.events],
        "claims": [_plain(c) for c in extraction.claims],
        "rejected": None if rejected is None else f"{rejected.code}: {rejected.message}",
    }


def claim_from_json(data: dict[str, Any]) -> Claim:
    """Inverse of the claim part of :func:`to_json`."""
    cl = data["claimant"]
    return Claim(
        id=data["id"],
        category=data["category"],
        low=data.get("low"),
        high=data.get("high"),
        central=data.get("central"),
        qualifier=data.get("qualifier", "exact"),
        claimant=Claimant(cl["name"], cl["side"], cl["kind"], tuple(cl.get("via") or ())),
        stance=data.get("stance", "asserts"),
        evidence=tuple(Span(s["start"], s["end"]) for s in data.get("evidence") or ()),
        vague=data.get("vague"),
        subject=data.get("subject"),
        verb=data.get("verb"),
        event=data.get("event"),
        confidence=data.get("confidence", 0.5),
        review=data.get("review", "proposed"),
        rules=data.get("rules", "casualties.rules.v1"),
    )


def event_from_json(data: dict[str, Any]) -> Event:
    """Inverse of the event part of :func:`to_json`."""
    d = data.get("date") or {}
    loc = data.get("location") or {}
    a1, a2 = data.get("actor1"), data.get("actor2")
    return Event(
        id=data["id"],
        type=data.get("type"),
        sub_type=data.get("sub_type"),
        date=EventDate(d.get("earliest"), d.get("latest"), d.get("precision")),
        location=Location(**{k: loc.get(k) for k in (f.name for f in dataclasses.fields(Location))}),
        actor1=Actor(a1["name"], a1["side"]) if a1 else None,
        actor2=Actor(a2["name"], a2["side"]) if a2 else None,
        weapons=tuple(data.get("weapons") or ()),
        claims=tuple(data.get("claims") or ()),
        evidence=tuple(Span(s["start"], s["end"]) for s in data.get("evidence") or ()),
        review=data.get("review", "proposed"),
        confidence=data.get("confidence", 0.5),
    )
