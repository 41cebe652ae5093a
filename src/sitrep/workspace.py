"""The core every shell calls: settings + store + pipeline in one object.

The library, the CLI and (later) the web app all go through :class:`Workspace`; a shell parses
options, makes one call here and renders what comes back. Per-article work is a map
(``extract_sources``); writing to the ledger is done one article per transaction, so an ingest
that is killed half-way resumes by skipping what was already committed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract
from .ingest import Overrides, read_sources
from .models import Claim, Document, Event, Extraction, Rejection
from .publish.brief import article_brief
from .resolve import ResolveSettings, check_policy
from .resolve.update import ResolveSummary, update_ledger
from .settings import Settings, load_settings
from .store import Store, open_store

Progress = Callable[[str, str], None]  # (ref, outcome) after each input: new | known | rejected


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    new: int = 0
    known: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    seconds: float = 0.0

    @property
    def rejected_by_code(self) -> dict[str, int]:
        return dict(Counter(r.code for r in self.rejected))


def extract_one(item: Document | Rejection) -> Extraction:
    """The pure per-article stage: a Document becomes an Extraction; a Rejection stays one."""
    if isinstance(item, Rejection):
        return Extraction(document=None, rejected=item)
    return extract(item)


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
        for item in self.read(paths, overrides):
            yield extract_one(item)

    # --------------------------------------------------------------- ledger
    def ingest(self, paths: Iterable[str | Path], overrides: Overrides | None = None,
               progress: Progress | None = None) -> IngestSummary:
        """Read, extract and store every input; one transaction per article, idempotent."""
        summary = IngestSummary()
        started = time.perf_counter()
        store = self.store
        for item in self.read(paths, overrides):
            summary.read += 1
            if isinstance(item, Rejection):
                store.save_rejection(item)
                summary.rejected.append(item)
                outcome, ref = "rejected", item.ref
            elif store.has_document(item.id):
                summary.known += 1
                outcome, ref = "known", item.ref
            else:
                extraction = extract(item)
                if store.save(extraction):
                    summary.new += 1
                    summary.events += len(extraction.events)
                    summary.claims += len(extraction.claims)
                    outcome = "new"
                else:
                    summary.known += 1
                    outcome = "known"
                ref = item.ref
            if progress is not None:
                progress(ref, outcome)
        summary.seconds = time.perf_counter() - started
        return summary

    def resolve(self, policy: str = "conservative") -> ResolveSummary:
        """Resolve the articles not resolved yet into events across articles (idempotent)."""
        return update_ledger(self.store, ResolveSettings(policy=check_policy(policy)))

    def events(self) -> list[Event]:
        """Every event in the ledger."""
        return list(self.store.iter_events())

    def claims(self, event: str | None = None, category: str | None = None
               ) -> list[tuple[Claim, str]]:
        """Claims (each with its document id), optionally of one event or category."""
        return list(self.store.iter_claims(event_id=event, category=category))

    def largest_event(self) -> Event | None:
        """The event with the most claims (the most reported), then the highest casualty figure."""
        best: tuple[int, int] | None = None
        chosen = None
        for event in self.store.iter_events():
            claims = [c for c, _ in self.store.iter_claims(event_id=event.id)]
            top = max((c.central or c.low or 0 for c in claims
                       if c.category in ("killed", "injured") and c.stance == "asserts"), default=0)
            key = (len(claims), top)
            if best is None or key > best:
                best, chosen = key, event
        return chosen

    def brief(self, event_id: str) -> str:
        """The Markdown "what we know" brief of one event."""
        event = self.store.get_event(event_id)
        if event is None:
            from .errors import SitrepError

            raise SitrepError(f"no event {event_id!r} in {self.settings.db}")
        claims = self.claims(event=event_id)
        docs = {}
        for _, doc_id in claims:
            if doc_id not in docs:
                doc = self.store.get_document(doc_id)
                if doc is not None:
                    docs[doc_id] = doc
        return article_brief(event, claims, docs)
