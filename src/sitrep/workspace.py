"""The core every shell calls: settings + store + pipeline in one object.

The library, the CLI and (later) the web app all go through :class:`Workspace`; a shell parses
options, makes one call here and renders what comes back. Per-article work is a map
(``extract_sources``); writing to the ledger is done one article per transaction, so an ingest
that is killed half-way resumes by skipping what was already committed.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engines import Engine, Single
from .errors import SitrepError
from .ingest import Meter, Overrides, read_sources
from .ingest.pages import PendingPage
from .models import Claim, Document, Event, Extraction, Rejection
from .publish import LedgerView, frames
from .publish import brief as render_brief
from .publish import export as write_export
from .resolve import EventLedger, ResolveSettings, check_policy
from .resolve.review import corrected
from .resolve.update import ResolveSummary, update_ledger
from .settings import Settings, load_settings
from .store import Store, open_store

if TYPE_CHECKING:
    import pandas as pd

Progress = Callable[[str, str], None]
"""(ref, outcome) after each input: ``new``, ``known`` or ``rejected``; then ("", ``resolving``)
when the resolution that follows an ingest starts."""


@dataclass
class IngestSummary:
    """What one ingest run did (and the resolution after it, when one ran)."""

    read: int = 0  # inputs read: documents and rejections
    new: int = 0  # documents kept: stored now
    known: int = 0  # exact duplicates: already in the ledger, or repeated earlier in the run
    rejected: list[Rejection] = field(default_factory=list)
    events: int = 0  # article events added (each article's own, before resolution)
    claims: int = 0
    seconds: float = 0.0  # the whole run, resolution included
    resolved: ResolveSummary | None = None  # None: not resolved (``resolve=False``)

    @property
    def rejected_by_code(self) -> dict[str, int]:
        """How many inputs were rejected, by reason code."""
        return dict(Counter(r.code for r in self.rejected))

    @property
    def wire_copies(self) -> int | None:
        """Documents kept that resolution found to copy an earlier one (None: not resolved)."""
        return self.resolved.wire_copies if self.resolved is not None else None

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data (what ``sitrep ingest --json`` prints)."""
        return {
            "read": self.read, "new": self.new, "known": self.known,
            "duplicates": {"exact": self.known, "wire_copies": self.wire_copies},
            "rejected": len(self.rejected), "rejected_by_code": self.rejected_by_code,
            "events": self.events, "claims": self.claims, "seconds": round(self.seconds, 3),
            "resolve": ({**dataclasses.asdict(self.resolved), "seconds": round(self.resolved.seconds, 3)}
                        if self.resolved is not None else None),
        }


class Workspace:
    """Settings, a ledger and the pipeline, shared by the library, CLI and web app."""

    def __init__(self, settings: Settings | None = None, store: Store | None = None) -> None:
        self.settings = settings or load_settings()
        self._store = store

    @classmethod
    def open(cls, db: str | Path | None = None, config: str | Path | None = None) -> Workspace:
        """A workspace on the ledger ``db`` (default: the ``db`` setting)."""
        settings = load_settings(config)
        if db is not None:
            settings = settings.with_(db=str(db))
        return cls(settings)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ map
    def read(self, paths: Iterable[str | Path], overrides: Overrides | None = None
             ) -> Iterator[Document | Rejection]:
        """Cleaned documents (or rejections) from files, directories and JSONL."""
        return read_sources(paths, settings=self.settings, overrides=overrides)

    def extract_sources(self, paths: Iterable[str | Path], overrides: Overrides | None = None
                        ) -> Iterator[Extraction]:
        """Extract every input, without touching the ledger."""
        yield from Single().map(self.read(paths, overrides))  # in batches: read, then extract

    # --------------------------------------------------------------- ledger
    def ingest(self, paths: Iterable[str | Path], overrides: Overrides | None = None,
               progress: Progress | None = None, engine: Engine | None = None, *,
               meter: Meter | None = None, resolve: bool = False, policy: str | None = None
               ) -> IngestSummary:
        """Read, extract and store every input; one transaction per article, idempotent.

        Args:
            paths: Files, directories and URLs.
            overrides: Metadata flags for single ``.txt``/``.html`` files.
            progress: Told the outcome of each input, and when resolution starts.
            engine: Runs the extraction (:mod:`sitrep.engines`: this process by default, a
                process pool or a Dask cluster); reading and writing stay here, in input order.
            meter: Kept up to date with the inputs settled and the bytes read
                (:func:`sitrep.ingest.measure` makes one with the run's total).
            resolve: Then resolve what is new (:meth:`resolve`), so the summary says which
                documents are wire copies and how many events the ledger holds.
            policy: The estimate policy of that resolution (None: the ledger's).
        """
        if resolve and policy is not None:
            check_policy(policy)  # a bad policy fails before anything is read
        summary = IngestSummary()
        started = time.perf_counter()
        store = self.store

        def report(ref: str, outcome: str) -> None:
            if meter is not None:
                meter.settled()
            if progress is not None:
                progress(ref, outcome)

        def reject(rejection: Rejection) -> None:
            store.save_rejection(rejection)
            summary.rejected.append(rejection)
            report(rejection.ref, "rejected")

        def new_documents() -> Iterator[Document | PendingPage]:
            for item in read_sources(paths, settings=self.settings, overrides=overrides,
                                     defer_pages=True, meter=meter):
                summary.read += 1
                if isinstance(item, Rejection):
                    reject(item)
                elif isinstance(item, Document) and store.has_document(item.id):
                    summary.known += 1
                    report(item.ref, "known")
                else:
                    yield item  # a page's document id is known once the engine has made it

        for extraction in (engine or Single()).map(new_documents()):
            if extraction.rejected is not None:
                reject(extraction.rejected)
            elif store.save(extraction):
                summary.new += 1
                summary.events += len(extraction.events)
                summary.claims += len(extraction.claims)
                outcome = "new"
            else:
                summary.known += 1
                outcome = "known"
            report(extraction.document.ref if extraction.document else "", outcome)
        if resolve:
            if progress is not None:
                progress("", "resolving")
            summary.resolved = self.resolve(policy)
        summary.seconds = time.perf_counter() - started
        return summary

    def resolve(self, policy: str | None = None) -> ResolveSummary:
        """Resolve the articles not resolved yet into events across articles (idempotent).
        ``policy`` None keeps the policy of the stored estimates (conservative at first)."""
        chosen = policy if policy is not None else self._policy()
        return update_ledger(self.store, ResolveSettings(policy=check_policy(chosen)))

    # --------------------------------------------------------------- review
    def review(self, who: str, target: str, target_id: str, action: str,
               changes: dict[str, Any] | None = None, note: str | None = None) -> EventLedger:
        """Record a person's decision on a claim or a resolved event and recompute that event;
        the resolved event as it now stands. ValueError when the action is not allowed."""
        refresh: list[str] = []
        follow = target_id  # an article event of the resolved event to answer with
        changes = dict(changes or {})
        if target == "event":
            ledger = self.ledger_of(target_id)
            target_id = follow = ledger.event.id
            if action == "merge":
                other = self.ledger_of(str(changes.get("with", "")))
                if other.event.id == ledger.event.id:
                    raise ValueError("an event cannot be merged with itself")
                changes = {"with": other.event.id}
                refresh.append(other.event.id)
            elif action == "split":
                member = str(changes.get("member", ""))
                if member not in ledger.event.members:
                    raise ValueError(f"{member!r} is not a report of event {ledger.event.id}")
                if len(ledger.event.members) < 2:
                    raise ValueError("an event of one report cannot be split")
                refresh.append(member)
                follow = next(m for m in ledger.event.members if m != member)
        else:
            event_id = self._event_of_claim(target_id)
            ledger = self.ledger_of(event_id)
            follow = event_id
        self.store.record_review(who, target, target_id, action, changes, note)
        if target == "claim":
            # its wire-copy appearances are the same evidence: the decision covers them too
            for h in ledger.history:
                if h.appearance_of == target_id:
                    self.store.record_review(who, target, h.claim_id, action, changes,
                                             f"wire copy of {target_id}" + (f": {note}" if note else ""))
        update_ledger(self.store, ResolveSettings(policy=self._policy()), refresh=[ledger.event.id, *refresh])
        return self.ledger_of(follow)

    def _event_of_claim(self, claim_id: str) -> str:
        doc_id = claim_id.rsplit("-c", 1)[0]  # claim ids are "<document id>-c<n>"
        for claim, _ in self.store.iter_claims(document_id=doc_id):
            if claim.id == claim_id:
                if claim.event is None:
                    raise SitrepError(f"claim {claim_id!r} is a running total, on no event")
                return claim.event
        raise SitrepError(f"no claim {claim_id!r} in {self.settings.db}")

    def _policy(self) -> str:
        return self.store.resolve_status()[0] or "conservative"

    def ledgers(self, ids: Sequence[str] | None = None) -> list[EventLedger]:
        """Resolved events (all, or these ids), after resolving anything ingested since."""
        self.resolve()
        return list(self.store.iter_ledgers(ids))

    def view(self, ids: Sequence[str] | None = None) -> LedgerView:
        """Resolved events with the claims and documents they cite: what exports read."""
        ledgers = self.ledgers(ids)
        return LedgerView(tuple(ledgers), self._claims_of(ledgers, whole=ids is None), _Documents(self.store))

    def _claims_of(self, ledgers: Sequence[EventLedger], whole: bool = False) -> dict[str, Claim]:
        """The article claims the ledgers cite, as people's review left them (corrected fields,
        review status). ``whole``: read every claim once instead of event by event."""
        wanted = {h.claim_id for led in ledgers for h in led.history}
        if whole:
            rows: Iterable[tuple[Claim, str]] = self.store.iter_claims()
        else:
            rows = (row for led in ledgers for m in led.event.members for row in self.store.iter_claims(event_id=m))
        decisions = self.store.review_overrides().claims
        claims = {}
        for claim, _ in rows:
            if claim.id in wanted:
                status, changes = decisions.get(claim.id, (None, {}))
                claims[claim.id] = corrected(claim, status, changes) if status else claim
        return claims

    def events_frame(self) -> pd.DataFrame:
        """The resolved events as a pandas DataFrame, one row each, with estimates."""
        return frames.events_frame(self.view())

    def claims_frame(self) -> pd.DataFrame:
        """Every claim appearance in the resolved events as a pandas DataFrame."""
        return frames.claims_frame(self.view())

    def export(self, fmt: str, output: str | Path | None = None, reviewed_only: bool = False) -> int:
        """Write the resolved ledger as ``fmt`` (see :data:`sitrep.publish.FORMATS`); the number
        of events written."""
        view = self.view()
        write_export(view, fmt, output, reviewed_only=reviewed_only)
        return len(view.reviewed_only().ledgers) if reviewed_only else len(view.ledgers)

    def ledger_of(self, event_id: str) -> EventLedger:
        """The resolved event with this id, or the one an article event of this id belongs to."""
        self.resolve()
        found = list(self.store.iter_ledgers([event_id]))
        if not found:
            group = self.store.resolve_state().groups.get(event_id)
            found = list(self.store.iter_ledgers([group])) if group else []
        if not found:
            raise SitrepError(f"no event {event_id!r} in {self.settings.db}")
        return found[0]

    def events(self) -> list[Event]:
        """Every event in the ledger."""
        return list(self.store.iter_events())

    def claims(self, event: str | None = None, category: str | None = None
               ) -> list[tuple[Claim, str]]:
        """Claims (each with its document id), optionally of one event or category."""
        return list(self.store.iter_claims(event_id=event, category=category))

    def largest_event(self) -> EventLedger | None:
        """The most reported resolved event: the most independent sources, then the most
        figures, then the highest asserted casualty figure."""
        best: tuple[int, int, int, str] | None = None
        chosen = None
        for led in self.ledgers():
            top = max((h.figure or 0 for h in led.history
                       if h.category in ("killed", "injured") and h.stance == "asserts"), default=0)
            key = (led.event.sources, len(led.history), top, led.event.id)
            if best is None or key > best:
                best, chosen = key, led
        return chosen

    def view_of(self, ledger: EventLedger) -> LedgerView:
        """The view of one resolved event already read (no second resolve or ledger read)."""
        return LedgerView((ledger,), self._claims_of([ledger]), _Documents(self.store))

    def brief(self, event_id: str, fmt: str = "md") -> str:
        """The "what we know" brief of one resolved event (``md`` or ``html``)."""
        led = self.ledger_of(event_id)
        return render_brief(self.view_of(led), led, fmt)


class _Documents(Mapping[str, Document]):
    """The ledger's documents, read from the store when first asked for (an export touches
    only the documents its events cite)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cache: dict[str, Document | None] = {}

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._cache:
            self._cache[doc_id] = self._store.get_document(doc_id)
        doc = self._cache[doc_id]
        if doc is None:
            raise KeyError(doc_id)
        return doc

    def __iter__(self) -> Iterator[str]:
        return (d.id for d in self._store.iter_documents())

    def __len__(self) -> int:
        return self._store.counts()["documents"]
