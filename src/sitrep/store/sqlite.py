"""Store stage: the SQLite ledger (one file, WAL journal, FTS5 over article text).

Writes run in ``BEGIN IMMEDIATE`` transactions, so several processes can save to one file:
each waits for the write lock (up to the busy timeout) instead of failing half-way. Reads page
through documents with short transactions, so iterating the ledger never holds a lock while the
caller works, and memory stays flat in corpus size.

Open one :class:`SQLiteStore` per process (never share one across ``fork``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from filelock import FileLock, Timeout
from sqlalchemy import event as sa_event

from ..errors import StoreError
from ..models import Claim, Document, Event, Extraction, Rejection, Span
from ..resolve.duplicates import DuplicateLink
from ..resolve.ledger import Article, EventLedger
from . import listing, migrations, resolved, review, schema
from .rows import (
    check_extraction,
    claim_row,
    document_row,
    event_row,
    span_rows,
    to_claim,
    to_document,
    to_event,
)

_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})
_PAGE = 200  # documents per read page


def _now() -> datetime:
    """The current time in UTC, naive (the ledger's timestamps are all UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _set_wal(cursor: sqlite3.Cursor, timeout: float) -> str:
    """Switch the file to WAL, retrying while another process holds the lock the switch needs.

    SQLite answers a journal-mode change with "database is locked" at once (no busy wait) when
    another connection is busy, which happens when several processes open a new file together.
    """
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            return str(mode).lower()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _connect_hook(timeout: float) -> Callable[[sqlite3.Connection, Any], None]:
    """The per-connection setup: SQLAlchemy emits BEGIN itself, foreign keys on, WAL journal."""

    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = _set_wal(cursor, timeout)
        finally:
            cursor.close()
        if mode != "wal":
            raise StoreError(f"SQLite refused WAL journal mode (got {mode!r})", stage="store")

    return on_connect


def _on_begin(conn: sa.Connection) -> None:
    """Emit BEGIN in the mode the connection asks for (IMMEDIATE for writes)."""
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise StoreError(f"unknown SQLite BEGIN mode {mode!r}", stage="store")
    conn.exec_driver_sql(f"BEGIN {mode}")


class SQLiteStore:
    """The ledger in one SQLite file.

    Args:
        path: The database file; created (with its schema) when absent. Its folder must exist.
        timeout: Seconds a write waits for another process's write lock before failing.

    Raises:
        StoreError: The folder is missing, the file is not a SQLite ledger, or its schema is
            newer than this sitrep.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        if str(path) == ":memory:" or not str(path):
            raise StoreError(
                "SQLiteStore needs a file path (WAL does not apply to :memory:)", stage="store"
            )
        if not self.path.parent.is_dir():
            raise StoreError(f"{self.path.parent}: no such folder for the ledger", stage="store")
        url = sa.URL.create("sqlite+pysqlite", database=str(self.path))
        self._engine = sa.create_engine(url, connect_args={"timeout": timeout})
        sa_event.listen(self._engine, "connect", _connect_hook(timeout))
        sa_event.listen(self._engine, "begin", _on_begin)
        self._migrate()

    def _migrate(self) -> None:
        """Bring the schema up to date (the engine is disposed of if that fails)."""
        try:
            with self._writing() as conn:
                self._before_migrating(conn)
                #: Versions applied when this store was opened (empty if it was up to date).
                self.applied_migrations: list[int] = migrations.migrate(conn)
        except BaseException:
            self._engine.dispose()
            raise

    def _before_migrating(self, conn: sa.Connection) -> None:
        """Nothing on SQLite: the write transaction already holds the database's lock."""

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """A connection in a BEGIN IMMEDIATE transaction, committed on success."""
        try:
            with self._engine.connect() as conn:
                conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.path}: {_reason(exc)}", stage="store") from exc

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """A connection in a read transaction (one consistent snapshot)."""
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.path}: {_reason(exc)}", stage="store") from exc

    @contextmanager
    def resolving(self, timeout: float = 600.0) -> Iterator[None]:
        """Held for a whole resolution run (read, compute, write), so that two processes
        resolving one ledger take turns: the second then reads what the first wrote, instead of
        overwriting it with events computed from an older state. On SQLite a lock file beside the
        ledger (``NAME.resolve.lock``), which ingest never takes: articles go on being stored."""
        lock = FileLock(f"{self.path}.resolve.lock")
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreError(f"{self.path}: another resolution has held the ledger for {timeout:.0f} s",
                             stage="store") from exc
        try:
            yield
        finally:
            lock.release()

    def close(self) -> None:
        """Release every connection; the store cannot be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"

    def schema_version(self) -> int:
        """The highest migration applied to this ledger."""
        with self._reading() as conn:
            versions = migrations.applied_versions(conn)
        return versions[-1] if versions else 0

    # -- writing ----------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> bool:
        """Write one article's document, events, claims and evidence in one transaction.

        Idempotent: when the document is already in the ledger nothing changes. A rejected
        extraction (``rejected`` set, whatever else it holds) is recorded with
        :meth:`save_rejection`. Evidence spans repeated within one
        claim or event are stored once.

        Args:
            extraction: The extract stage's output for one document.

        Returns:
            True when something new was written; False when the document (or the same
            rejection) was already there.

        Raises:
            StoreError: The extraction is inconsistent (see :func:`check_extraction`) or the
                database refused the write; nothing of it is kept then.
        """
        if extraction.rejected is not None:
            return self._record_rejection(extraction.rejected)
        doc = check_extraction(extraction)
        with self._writing() as conn:
            if not self._insert_document(conn, doc):
                return False
            self._insert_events(conn, doc, extraction.events)
            self._insert_claims(conn, doc, extraction.claims, extraction.events)
        return True

    def save_rejection(self, rejection: Rejection) -> None:
        """Record an input that did not become a Document.

        Idempotent on ``(ref, code)``: seeing it again updates ``last_seen`` (and keeps the
        latest stage and message) instead of adding a row.

        Args:
            rejection: The reason one input was refused.
        """
        self._record_rejection(rejection)

    def _record_rejection(self, rejection: Rejection) -> bool:
        """Insert or refresh a rejection; True when it was not seen before."""
        table = schema.rejected
        now = _now()
        key = (table.c.ref == rejection.ref) & (table.c.code == rejection.code)
        with self._writing() as conn:
            if conn.scalar(sa.select(table.c.id).where(key)) is not None:
                conn.execute(
                    sa.update(table)
                    .where(key)
                    .values(
                        stage=rejection.stage,
                        message=rejection.message,
                        last_seen=now,
                        times_seen=table.c.times_seen + 1,
                    )
                )
                return False
            conn.execute(
                sa.insert(table).values(
                    ref=rejection.ref,
                    stage=rejection.stage,
                    code=rejection.code,
                    message=rejection.message,
                    first_seen=now,
                    last_seen=now,
                    times_seen=1,
                )
            )
        return True

    def _insert_document(self, conn: sa.Connection, doc: Document) -> bool:
        """Insert the document row; False when it is already there (under the write lock)."""
        table = schema.documents
        if conn.scalar(sa.select(table.c.id).where(table.c.id == doc.id)) is not None:
            return False
        conn.execute(sa.insert(table).values(**document_row(doc), ingested_at=_now()))
        return True

    def _insert_events(self, conn: sa.Connection, doc: Document, events: Sequence[Event]) -> None:
        """Insert events, their evidence and their link to the document."""
        if not events:
            return
        rows = [event_row(doc.id, i, e) for i, e in enumerate(events)]
        conn.execute(sa.insert(schema.events), rows)
        spans = [r for e in events for r in span_rows("event_id", e.id, e.evidence, doc.text)]
        if spans:
            conn.execute(sa.insert(schema.event_evidence), spans)
        links = [{"event_id": e.id, "document_id": doc.id} for e in events]
        conn.execute(sa.insert(schema.event_documents), links)

    def _insert_claims(
        self,
        conn: sa.Connection,
        doc: Document,
        claims: Sequence[Claim],
        events: Sequence[Event],
    ) -> None:
        """Insert claims and their evidence sentences."""
        if not claims:
            return
        event_seq = {cid: i for e in events for i, cid in enumerate(e.claims)}
        rows = [claim_row(doc.id, i, c, event_seq.get(c.id)) for i, c in enumerate(claims)]
        conn.execute(sa.insert(schema.claims), rows)
        spans = [r for c in claims for r in span_rows("claim_id", c.id, c.evidence, doc.text)]
        if spans:
            conn.execute(sa.insert(schema.evidence), spans)

    # -- reading ----------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether the ledger holds the document with this id."""
        table = schema.documents
        with self._reading() as conn:
            return conn.scalar(sa.select(table.c.id).where(table.c.id == doc_id)) is not None

    def get_document(self, doc_id: str) -> Document | None:
        """The document with this id, or None when the ledger does not hold it."""
        table = schema.documents
        with self._reading() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == doc_id)).first()
        return None if row is None else to_document(row)

    def iter_documents(self) -> Iterator[Document]:
        """Every document, in the order they were stored."""
        table = schema.documents
        for page in self._document_pages():
            with self._reading() as conn:
                rows = {r.id: r for r in conn.execute(sa.select(table).where(table.c.id.in_(page)))}
            for doc_id in page:
                yield to_document(rows[doc_id])

    def iter_events(self, document_id: str | None = None) -> Iterator[Event]:
        """Events with their claim ids and evidence, in storage order.

        Args:
            document_id: Only the events extracted from this document.
        """
        pages: Iterable[list[str]] = (
            [[document_id]] if document_id is not None else self._document_pages()
        )
        table = schema.events
        for page in pages:
            with self._reading() as conn:
                where = table.c.document_id.in_(page)
                rows = conn.execute(sa.select(table).where(where)).all()
                built = self._build_events(conn, rows, where)
            order = {doc_id: i for i, doc_id in enumerate(page)}
            for row in sorted(rows, key=lambda r: (order[r.document_id], r.seq)):
                yield built[row.id]

    def get_event(self, event_id: str) -> Event | None:
        """The event with this id (with its claim ids and evidence), or None."""
        table = schema.events
        with self._reading() as conn:
            where = table.c.id == event_id
            rows = conn.execute(sa.select(table).where(where)).all()
            built = self._build_events(conn, rows, where)
        return built.get(event_id)

    def _build_events(
        self, conn: sa.Connection, rows: Sequence[sa.Row[Any]], where: sa.ColumnElement[bool]
    ) -> dict[str, Event]:
        """Events for ``rows`` (selected from ``events`` with ``where``), by id."""
        if not rows:
            return {}
        ev, cl, ee = schema.events, schema.claims, schema.event_evidence
        claim_ids: dict[str, list[str]] = {}
        query = (
            sa.select(cl.c.event_id, cl.c.id)
            .select_from(cl.join(ev, cl.c.event_id == ev.c.id))
            .where(where)
            .order_by(cl.c.event_id, cl.c.event_seq, cl.c.seq)
        )
        for event_id, claim_id in conn.execute(query):
            claim_ids.setdefault(event_id, []).append(claim_id)
        spans: dict[str, list[Span]] = {}
        span_query = (
            sa.select(ee.c.event_id, ee.c.start, ee.c.end)
            .select_from(ee.join(ev, ee.c.event_id == ev.c.id))
            .where(where)
            .order_by(ee.c.event_id, ee.c.seq)
        )
        for event_id, start, end in conn.execute(span_query):
            spans.setdefault(event_id, []).append(Span(start, end))
        return {
            r.id: to_event(r, tuple(claim_ids.get(r.id, ())), tuple(spans.get(r.id, ())))
            for r in rows
        }

    def iter_claims(
        self,
        event_id: str | None = None,
        document_id: str | None = None,
        category: str | None = None,
    ) -> Iterator[tuple[Claim, str]]:
        """Claims with the id of the document they came from.

        Filters combine. With ``event_id`` the claims come in the event's order, otherwise in
        storage order (document, then the extractor's order).

        Args:
            event_id: Only claims about this event.
            document_id: Only claims from this document.
            category: Only claims of this category (``killed``, ``injured``, ...).

        Yields:
            ``(claim, document_id)`` pairs.
        """
        cl = schema.claims
        conditions: list[sa.ColumnElement[bool]] = []
        if category is not None:
            conditions.append(cl.c.category == category)
        if event_id is not None:
            conditions.append(cl.c.event_id == event_id)
        if document_id is not None:
            conditions.append(cl.c.document_id == document_id)
        if event_id is not None or document_id is not None:
            with self._reading() as conn:
                found = self._load_claims(conn, sa.and_(*conditions), by_event=event_id is not None)
            yield from found
            return
        for page in self._document_pages():
            with self._reading() as conn:
                where = sa.and_(cl.c.document_id.in_(page), *conditions)
                found = self._load_claims(conn, where, by_event=False)
            order = {doc_id: i for i, doc_id in enumerate(page)}
            found.sort(key=lambda pair: order[pair[1]])  # stable: keeps seq order per document
            yield from found

    def _load_claims(
        self, conn: sa.Connection, where: sa.ColumnElement[bool], *, by_event: bool
    ) -> list[tuple[Claim, str]]:
        """Claims matching ``where`` with their evidence, ordered by event or by document."""
        cl, evd = schema.claims, schema.evidence
        order = (cl.c.event_seq, cl.c.seq) if by_event else (cl.c.document_id, cl.c.seq)
        rows = conn.execute(sa.select(cl).where(where).order_by(*order)).all()
        if not rows:
            return []
        spans: dict[str, list[Span]] = {}
        query = (
            sa.select(evd.c.claim_id, evd.c.start, evd.c.end)
            .select_from(evd.join(cl, evd.c.claim_id == cl.c.id))
            .where(where)
            .order_by(evd.c.claim_id, evd.c.seq)
        )
        for claim_id, start, end in conn.execute(query):
            spans.setdefault(claim_id, []).append(Span(start, end))
        return [(to_claim(r, tuple(spans.get(r.id, ()))), r.document_id) for r in rows]

    def _document_pages(self) -> Iterator[list[str]]:
        """Document ids in storage order, a page at a time, each page read in its own snapshot."""
        table = schema.documents
        key = sa.tuple_(table.c.ingested_at, table.c.id)
        after: tuple[datetime, str] | None = None
        while True:
            query = sa.select(table.c.ingested_at, table.c.id).order_by(*key.clauses).limit(_PAGE)
            if after is not None:
                query = query.where(key > sa.tuple_(*(sa.literal(v) for v in after)))
            with self._reading() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            yield [r.id for r in rows]
            if len(rows) < _PAGE:
                return
            after = (rows[-1].ingested_at, rows[-1].id)

    # -- the resolved ledger ----------------------------------------------------------------

    def document_dates(self) -> dict[str, str | None]:
        """Every document id with its publication date (no text read)."""
        table = schema.documents
        with self._reading() as conn:
            return {r.id: r.published for r in conn.execute(sa.select(table.c.id, table.c.published))}

    def iter_articles(self, ids: Collection[str] | None = None) -> Iterator[Article]:
        """Every document (or those with these ids) with its events and claims, as resolve
        reads them (storage order)."""
        ev, cl, docs = schema.events, schema.claims, schema.documents
        wanted = None if ids is None else set(ids)
        for page in self._document_pages():
            if wanted is not None:
                page = [d for d in page if d in wanted]
                if not page:
                    continue
            with self._reading() as conn:
                doc_rows = {r.id: r for r in conn.execute(sa.select(docs).where(docs.c.id.in_(page)))}
                where = ev.c.document_id.in_(page)
                ev_rows = conn.execute(sa.select(ev).where(where)).all()
                built = self._build_events(conn, ev_rows, where)
                claims = self._load_claims(conn, cl.c.document_id.in_(page), by_event=False)
            events: dict[str, list[Event]] = {}
            for row in sorted(ev_rows, key=lambda r: (r.document_id, r.seq)):
                events.setdefault(row.document_id, []).append(built[row.id])
            by_doc: dict[str, list[Claim]] = {}
            for claim, doc_id in claims:
                by_doc.setdefault(doc_id, []).append(claim)
            for doc_id in page:
                d = doc_rows[doc_id]
                yield Article(
                    document_id=d.id, ref=d.ref, published=d.published,
                    events=tuple(events.get(doc_id, ())), claims=tuple(by_doc.get(doc_id, ())),
                    text=d.text, title=d.title, source=d.source, url=d.url,
                )

    def resolve_status(self) -> tuple[str | None, int]:
        """(policy of the stored estimates, number of resolved documents), cheaply."""
        with self._reading() as conn:
            return resolved.status(conn)

    def resolve_state(self) -> resolved.ResolveState:
        """What earlier ``resolve`` runs decided (memberships, copies, signatures, policy)."""
        with self._reading() as conn:
            return resolved.read_state(conn)

    def save_resolution(
        self,
        ledgers: Iterable[EventLedger],
        links: Iterable[DuplicateLink],
        signatures: dict[str, tuple[int, ...]],
        policy: str,
    ) -> int:
        """Write changed resolved events, new wire-copy links and signatures in one transaction.

        Returns:
            The number of resolved events written.
        """
        with self._writing() as conn:
            return resolved.write_resolution(conn, ledgers, links, signatures, policy)

    def iter_ledgers(self, ids: Sequence[str] | None = None) -> Iterator[EventLedger]:
        """Stored resolved events with history, estimates and contradictions, by id."""
        with self._reading() as conn:
            wanted = list(ids) if ids is not None else resolved.resolved_ids(conn)
        for start in range(0, len(wanted), _PAGE):
            with self._reading() as conn:
                found = list(resolved.read_ledgers(conn, wanted[start : start + _PAGE]))
            yield from found

    def list_rejected(self) -> list[Rejection]:
        """Every recorded rejection, oldest first."""
        table = schema.rejected
        query = sa.select(table).order_by(table.c.first_seen, table.c.id)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [Rejection(ref=r.ref, stage=r.stage, code=r.code, message=r.message) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts: ``documents``, ``events``, ``claims``, ``rejected``, ``resolved_events``."""
        tables = {
            "documents": schema.documents,
            "events": schema.events,
            "claims": schema.claims,
            "rejected": schema.rejected,
            "resolved_events": schema.resolved_events,
        }
        with self._reading() as conn:
            return {
                name: int(conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
                for name, t in tables.items()
            }

    def list_events(self, query: listing.EventQuery) -> tuple[list[listing.EventSummary], int]:
        """One page of resolved events matching ``query``, and how many match in all."""
        q = query.checked()
        text_ids = None
        if q.text and _phrases(q.text).strip():
            fts, docs = schema.documents_fts, schema.documents_rowid
            text_ids = (sa.select(docs.c.id).select_from(fts.join(docs, fts.c.rowid == docs.c.rowid))
                        .where(fts.c.documents_fts.match(_phrases(q.text))))
        with self._reading() as conn:
            return listing.list_events(conn, q, text_ids)

    def event_facets(self) -> dict[str, list[str]]:
        """Countries and event types present among resolved events (for filters)."""
        with self._reading() as conn:
            return listing.facets(conn)

    # ----------------------------------------------------------------- review
    def create_token(self, name: str) -> str:
        """A new write token for ``name`` (shown once; the ledger keeps only its hash)."""
        with self._writing() as conn:
            return review.create_token(conn, name)

    def token_owner(self, secret: str) -> str | None:
        """Who a valid token belongs to, or None."""
        with self._reading() as conn:
            return review.token_owner(conn, secret)

    def revoke_token(self, name: str) -> bool:
        with self._writing() as conn:
            return review.revoke_token(conn, name)

    def list_tokens(self) -> list[tuple[str, str, str | None]]:
        """(name, created, revoked) of every token."""
        with self._reading() as conn:
            return review.list_tokens(conn)

    def record_review(self, who: str, target: str, target_id: str, action: str,
                      changes: dict[str, Any] | None = None, note: str | None = None) -> int:
        """Append one review action to the audit trail (ValueError if it is not allowed)."""
        with self._writing() as conn:
            return review.record(conn, who, target, target_id, action, changes or {}, note)

    def reviews(self, target: str | None = None, target_id: str | None = None,
                offset: int = 0, limit: int = 100) -> list[review.ReviewRecord]:
        """The audit trail, newest first."""
        with self._reading() as conn:
            return review.history(conn, target, target_id, offset, limit)

    def review_overrides(self) -> review.Overrides:
        """People's decisions in force, for resolve to apply."""
        with self._reading() as conn:
            return review.overrides(conn)

    def search(self, text: str, *, raw: bool = False, limit: int | None = None) -> list[str]:
        """Ids of documents whose title or text match, best match first (FTS5, bm25).

        Args:
            text: Words that must all occur (each whitespace-separated chunk is matched as a
                phrase, so ``Makiivka's`` and ``al-Shifa`` work); case and diacritics are
                ignored.
            raw: Pass ``text`` to FTS5 unchanged, for its query syntax (``OR``, ``NEAR``, ``*``).
            limit: At most this many ids.

        Raises:
            StoreError: A raw query FTS5 cannot parse.
        """
        query_text = text if raw else _phrases(text)
        if not query_text.strip():
            return []
        fts, docs = schema.documents_fts, schema.documents_rowid
        query = (
            sa.select(docs.c.id)
            .select_from(fts.join(docs, fts.c.rowid == docs.c.rowid))
            .where(fts.c.documents_fts.match(query_text))
            .order_by(fts.c.rank, docs.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return list(conn.scalars(query))


def _phrases(text: str) -> str:
    """User words as an FTS5 query: every chunk a quoted phrase, all required."""
    chunks = [c for c in text.split() if re.search(r"\w", c)]
    return " ".join('"' + c.replace('"', '""') + '"' for c in chunks)


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None)
    return str(orig) if orig is not None else str(exc).splitlines()[0]
