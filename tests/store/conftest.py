"""Fixtures for the store tests: a hand-written article with two events and three claims."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
)
from sitrep.store import SQLiteStore, open_store

TEXT = (
    "Shelling hits river town\n\n"
    "Twelve people were killed when shells struck the market in Riverton on Monday, "
    "the regional governor said. "
    "The governor later repeated that twelve people had died at the market.\n\n"
    "In a separate attack, a drone hit a depot near Hillcrest, injuring at least four workers, "
    "the state agency Northwire reported, citing a source in the local garrison.\n\n"
    "Since the start of the year, more than 300 civilians have been killed in the province, "
    "according to a monitoring group."
)


def sentence(text: str, start_words: str) -> Span:
    """The span of the sentence that starts with ``start_words`` (up to its full stop)."""
    start = text.index(start_words)
    return Span(start, text.index(".", start) + 1)


def make_extraction(
    doc_id: str = "doc-a1", text: str = TEXT, ref: str = "riverton.txt"
) -> Extraction:
    """Two events, three claims: one with two spans, one running total, one relayed."""
    doc = Document(
        id=doc_id,
        ref=ref,
        text=text,
        url=f"https://example.org/{doc_id}",
        title="Shelling hits river town",
        published="2024-03-05",
        language="en",
        source="example.org",
    )
    e0, e1 = f"{doc_id}:e0", f"{doc_id}:e1"
    c0, c1, c2 = f"{doc_id}:c0", f"{doc_id}:c1", f"{doc_id}:c2"
    killed = Claim(
        id=c0,
        category="killed",
        low=12,
        high=12,
        central=12,
        qualifier="exact",
        claimant=Claimant("regional governor", "XA", "official"),
        stance="asserts",
        evidence=(sentence(text, "Twelve people"), sentence(text, "The governor later")),
        subject="people",
        verb="said",
        event=e0,
        confidence=0.8,
    )
    injured = Claim(
        id=c1,
        category="injured",
        low=4,
        high=None,
        central=4,
        qualifier="at_least",
        claimant=Claimant("a source in the local garrison", "XB", "military", ("Northwire",)),
        stance="asserts",
        evidence=(sentence(text, "In a separate attack"),),
        subject="workers",
        verb="citing",
        event=e1,
        confidence=0.65,
        rules="casualties.rules.v2",
    )
    total = Claim(
        id=c2,
        category="killed",
        low=301,
        high=None,
        central=300,
        qualifier="more_than",
        claimant=Claimant("a monitoring group", "OTHER", "ngo"),
        stance="asserts",
        evidence=(sentence(text, "Since the start"),),
        subject="civilians",
        verb="according to",
        event=None,
        review="confirmed",
    )
    market = Event(
        id=e0,
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        date=EventDate("2024-03-04", "2024-03-04", 1),
        location=Location("Riverton", "North Province", "XA", 48.0159, 37.8029, 123456, 1),
        actor1=Actor("Army of B", "XB"),
        actor2=Actor("civilians", "XA"),
        weapons=("artillery",),
        claims=(c0,),
        evidence=(sentence(text, "Twelve people"),),
        confidence=0.7,
    )
    depot = Event(
        id=e1,
        type="Explosions/Remote violence",
        sub_type="Air/drone strike",
        location=Location(name="Hillcrest", country="XA", precision=2),
        actor1=None,
        actor2=Actor("", "XA"),
        weapons=("drone", "loitering munition"),
        claims=(c1,),
        review="rejected",
        confidence=0.25,
    )
    return Extraction(document=doc, events=(market, depot), claims=(killed, injured, total))


@pytest.fixture
def sample() -> Extraction:
    return make_extraction()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, db_path: Path) -> Iterator[SQLiteStore]:
    """The ledger on each backend: a SQLite file, and a fresh PostgreSQL database (skipped when
    no server is configured, except under CI=true, where it must run)."""
    if request.param == "sqlite":
        with SQLiteStore(db_path) as opened:
            yield opened
    else:
        url = request.getfixturevalue("fresh_database")
        with open_store(url) as opened:
            yield opened


@pytest.fixture
def build():
    """The sample builder, for tests that need more than one document."""
    return make_extraction
