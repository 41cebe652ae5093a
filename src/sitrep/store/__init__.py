"""Store stage: the ledger of documents, events, claims and rejections.

::

    Extraction ──save()──▶ Store ──iter_events() / iter_claims() / search()──▶ resolve, publish
    Rejection ──save_rejection()──▶

    store/
    ├── __init__.py    Store (the protocol every backend meets) and open_store(url_or_path)
    ├── schema.py      the tables, as SQLAlchemy Core MetaData (what users query in SQL)
    ├── migrations.py  ordered schema versions, applied in one transaction at open
    ├── rows.py        models <-> rows, and the consistency check run before a save
    ├── resolved.py    the resolved ledger's rows (written and read by ``sitrep resolve``)
    └── sqlite.py      SQLiteStore: one file, WAL, FTS5, BEGIN IMMEDIATE writes (the default)

    PostgreSQL (``postgresql://...``) is planned behind the same protocol; it is not built yet.

Writes are transactional and idempotent: saving an article already in the ledger changes
nothing, and a failure part-way through a save leaves nothing of it behind.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from ..errors import StoreError
from ..models import Claim, Document, Event, Extraction, Rejection
from ..resolve.duplicates import DuplicateLink
from ..resolve.ledger import Article, EventLedger
from .listing import EventQuery, EventSummary
from .resolved import ResolveState
from .review import Overrides, ReviewRecord
from .sqlite import SQLiteStore

__all__ = ["EventQuery", "EventSummary", "ResolveState", "SQLiteStore", "Store", "open_store"]


@runtime_checkable
class Store(Protocol):
    """What the pipeline, resolver and shells need from a ledger backend."""

    def save(self, extraction: Extraction) -> bool:
        """Write one extraction atomically; False when it was already stored."""
        ...

    def save_rejection(self, rejection: Rejection) -> None:
        """Record a refused input, once per ``(ref, code)``."""
        ...

    def has_document(self, doc_id: str) -> bool:
        """Whether the document is stored."""
        ...

    def get_document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""
        ...

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, in storage order."""
        ...

    def iter_events(self, document_id: str | None = None) -> Iterator[Event]:
        """Stored events with their claim ids, optionally of one document."""
        ...

    def get_event(self, event_id: str) -> Event | None:
        """One stored event, or None."""
        ...

    def iter_claims(
        self,
        event_id: str | None = None,
        document_id: str | None = None,
        category: str | None = None,
    ) -> Iterator[tuple[Claim, str]]:
        """Stored claims with their document ids, filtered."""
        ...

    def list_rejected(self) -> list[Rejection]:
        """Every recorded rejection."""
        ...

    def counts(self) -> dict[str, int]:
        """Row counts of documents, events, claims, rejected and resolved_events."""
        ...

    def list_events(self, query: EventQuery) -> tuple[list[EventSummary], int]:
        """One page of resolved events matching ``query``, and how many match in all."""
        ...

    def event_facets(self) -> dict[str, list[str]]:
        """Countries and event types present among resolved events (for filters)."""
        ...

    def create_token(self, name: str) -> str:
        """A new write token for ``name`` (shown once; the ledger keeps only its hash)."""
        ...

    def token_owner(self, secret: str) -> str | None:
        """Who a valid token belongs to, or None."""
        ...

    def revoke_token(self, name: str) -> bool:
        """Revoke ``name``'s token; False when it had none in force."""
        ...

    def list_tokens(self) -> list[tuple[str, str, str | None]]:
        """(name, created, revoked) of every token."""
        ...

    def record_review(self, who: str, target: str, target_id: str, action: str,
                      changes: dict[str, Any] | None = None, note: str | None = None) -> int:
        """Append one review action to the audit trail (ValueError if it is not allowed)."""
        ...

    def reviews(self, target: str | None = None, target_id: str | None = None,
                offset: int = 0, limit: int = 100) -> list[ReviewRecord]:
        """The audit trail, newest first."""
        ...

    def review_overrides(self) -> Overrides:
        """People's decisions in force, for resolve to apply."""
        ...

    def search(self, text: str, *, raw: bool = False, limit: int | None = None) -> list[str]:
        """Ids of documents matching a full-text query, best first."""
        ...

    def document_dates(self) -> dict[str, str | None]:
        """Every document id with its publication date (no text read)."""
        ...

    def iter_articles(self, ids: Collection[str] | None = None) -> Iterator[Article]:
        """Every document (or those with these ids) with its events and claims, as resolve
        reads them."""
        ...

    def resolve_status(self) -> tuple[str | None, int]:
        """(policy of the stored estimates, number of resolved documents), cheaply."""
        ...

    def resolve_state(self) -> ResolveState:
        """What earlier resolve runs decided."""
        ...

    def save_resolution(
        self,
        ledgers: Iterable[EventLedger],
        links: Iterable[DuplicateLink],
        signatures: dict[str, tuple[int, ...]],
        policy: str,
    ) -> int:
        """Write changed resolved events, wire-copy links and signatures atomically."""
        ...

    def resolving(self, timeout: float = 600.0) -> AbstractContextManager[None]:
        """The ledger's resolution turn, held for a whole run: one process resolves at a time
        (ingests go on). StoreError when the turn does not come within ``timeout`` seconds."""
        ...

    def iter_ledgers(self, ids: Sequence[str] | None = None) -> Iterator[EventLedger]:
        """Stored resolved events with history, estimates and contradictions."""
        ...

    def close(self) -> None:
        """Release the backend's connections."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_store(url_or_path: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating if needed) the ledger at a path or database URL.

    Args:
        url_or_path: A file path, ``sqlite:///relative.db`` / ``sqlite:////abs/path.db``, or
            ``postgresql://user:password@host/dbname``.

    Returns:
        The store; close it (or use it as a context manager) when done.

    Raises:
        StoreError: The URL names a backend that is not available, or the ledger cannot be
            opened.
    """
    target = os.fspath(url_or_path)
    scheme, sep, rest = target.partition("://")
    if not sep:
        return SQLiteStore(target)
    backend = scheme.split("+", 1)[0].lower()
    if backend == "sqlite":
        path = rest.removeprefix("/")  # sqlite:///x -> x, sqlite:////x -> /x
        path = path.split("?", 1)[0]
        if not path:
            raise StoreError(f"{target}: the SQLite URL names no file", stage="store")
        return SQLiteStore(path)
    if backend in ("postgresql", "postgres"):
        from .postgres import PostgresStore

        return PostgresStore(target)
    raise StoreError(f"{target}: unsupported database URL (use a file path, sqlite:/// or postgresql://)",
                     stage="store")
