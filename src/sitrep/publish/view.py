"""Publish stage: what every export reads, a read-only view of the resolved ledger.

A :class:`LedgerView` holds the resolved events (:class:`~sitrep.resolve.ledger.EventLedger`),
the article claims they cite (with their evidence offsets) and the documents those claims come
from. Exports, the brief and the library API all read this one shape; none of them queries the
store itself, so each is a pure function that a test can feed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..models import Claim, Document
from ..resolve.ledger import Estimate, EventLedger, HistoryEntry


@dataclass(frozen=True)
class LedgerView:
    """Resolved events with the claims and documents they cite."""

    ledgers: tuple[EventLedger, ...]
    claims: Mapping[str, Claim] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)

    def reviewed_only(self) -> LedgerView:
        """Only the events a person confirmed, with only their confirmed claims."""
        kept = []
        for led in self.ledgers:
            if led.event.review != "confirmed":
                continue
            history = tuple(h for h in led.history if self.claim_review(h) == "confirmed")
            kept.append(EventLedger(led.event, history, led.estimates, led.contradictions))
        return LedgerView(tuple(kept), self.claims, self.documents)

    def claim_review(self, entry: HistoryEntry) -> str:
        claim = self.claims.get(entry.claim_id)
        return claim.review if claim is not None else "proposed"

    def document(self, document_id: str) -> Document | None:
        return self.documents.get(document_id)

    def __iter__(self) -> Iterator[EventLedger]:
        return iter(self.ledgers)


def outlet(document: Document | None) -> str:
    """The outlet a document came from: its source, else its URL's host, else its ref."""
    if document is None:
        return "unknown source"
    if document.source:
        return document.source
    if document.url:
        host = urlsplit(document.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return document.ref


def speaker(view: LedgerView, entry: HistoryEntry) -> str:
    """Who states a figure, as a reader wants it named: the outlet itself for its own voice."""
    if entry.claimant.side == "SELF":
        return f"{outlet(view.document(entry.document_id))} (the outlet itself)"
    return entry.claimant.name


def current(history: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    """The figures that stand: not superseded by the same claimant's later figure, and not a
    wire copy's repeat of a figure already counted."""
    return [h for h in history if h.superseded_by is None and h.appearance_of is None]


def estimate(ledger: EventLedger, category: str) -> Estimate | None:
    for e in ledger.estimates:
        if e.category == category:
            return e
    return None


def figure_text(low: int | None, high: int | None, central: int | None, qualifier: str,
                vague: str | None = None) -> str:
    """A figure as words: "at least 63", "hundreds (200–999)", "about 400", "up to 10"."""
    if vague:
        return f"{vague} ({low}–{high})" if high is not None else f"{vague} ({low} or more)"
    value = central if central is not None else (low if low is not None else high)
    words = {"at_least": "at least ", "more_than": "more than ", "up_to": "up to ",
             "at_most": "at most ", "approximately": "about "}
    if qualifier == "approximately" and high == value:
        return f"nearly {value}"
    return f"{words.get(qualifier, '')}{value}"


CATEGORY_WORDS = {
    "killed": "killed",
    "injured": "injured",
    "missing": "missing",
    "captured": "captured",
    "displaced": "displaced",
    "equipment_destroyed": "pieces of equipment destroyed",
    "munitions_launched": "munitions launched",
    "munitions_intercepted": "munitions intercepted",
    "munitions_hit": "munitions that hit",
}

STANCE_WORDS = {"asserts": "says", "denies": "denies", "disputes": "disputes",
                "neither": "neither confirms nor denies"}
