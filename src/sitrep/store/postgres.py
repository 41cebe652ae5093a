"""Store stage: the ledger in PostgreSQL, for teams and for several writers at once.

The same tables, migrations and queries as :class:`~.sqlite.SQLiteStore` (SQLAlchemy Core), with
what differs between the two engines:

* concurrency: any number of processes write at once. A document is inserted with
  ``ON CONFLICT DO NOTHING``, so two writers racing on the same article store it once (the loser
  writes nothing of it); a rejection is an upsert on ``(ref, code)``; migrations and resolution
  runs take a transaction-scoped advisory lock, so they never interleave;
* full-text search: ``to_tsvector('simple', title || text)`` against ``plainto_tsquery`` (or
  ``to_tsquery`` for raw queries), ranked by ``ts_rank``, instead of SQLite's FTS5.

Select it with a URL: ``sitrep ingest ... --db postgresql://user:password@host/dbname`` (the
psycopg driver; ``postgresql+psycopg://`` also works). Passwords never appear in messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from ..errors import StoreError
from ..models import Document, Rejection
from ..resolve.duplicates import DuplicateLink
from ..resolve.ledger import EventLedger
from . import listing, resolved, schema
from .rows import document_row
from .sqlite import SQLiteStore, _now, _reason

_MIGRATE_LOCK = 0x5175_7265  # advisory lock keys (any constants unique to sitrep)
_RESOLVE_LOCK = 0x5175_7266
# the turn of a whole resolution run: a session lock with a key of its own (a session lock and a
# transaction lock of one key, taken on two connections of one process, would wait on each other)
_RESOLVE_TURN = 0x5175_7267


def _document_text() -> Any:
    """The indexed expression (migration 2): the same text the GIN index holds."""
    d = schema.documents
    return sa.func.to_tsvector("simple", sa.func.sitrep_unaccent(sa.func.coalesce(d.c.title, "") + " " + d.c.text))


class PostgresStore(SQLiteStore):
    """The ledger in a PostgreSQL database (created schema and migrations on first open).

    Args:
        url: ``postgresql://user:password@host:port/dbname`` (or ``postgresql+psycopg://``).
    """

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:  # noqa: D107 (see class)
        parsed = sa.make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.path = parsed.render_as_string(hide_password=True)  # for messages only
        try:
            self._engine = sa.create_engine(parsed, pool_pre_ping=True,
                                            connect_args={"connect_timeout": int(timeout)})
        except (ImportError, sa.exc.ArgumentError) as exc:
            raise StoreError(f"{self.path}: {exc}", stage="store") from exc
        self._migrate()

    def _before_migrating(self, conn: sa.Connection) -> None:
        """Processes opening a new database at once migrate it one after the other."""
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATE_LOCK)))

    def _writing(self) -> AbstractContextManager[sa.Connection]:
        """A connection in a plain transaction, committed on success, as a read has (row locks
        and upserts keep concurrent writers apart; nothing needs the whole database locked)."""
        return self._reading()

    @contextmanager
    def resolving(self, timeout: float = 600.0) -> Iterator[None]:
        """As :meth:`SQLiteStore.resolving`, with a session advisory lock held on a connection of
        its own for the run (ingests from any number of processes go on meanwhile)."""
        with self._engine.connect() as conn:
            try:
                conn.execute(sa.select(sa.func.set_config("lock_timeout", f"{int(timeout * 1000)}ms", False)))
                conn.execute(sa.select(sa.func.pg_advisory_lock(_RESOLVE_TURN)))
                conn.commit()
            except sa.exc.SQLAlchemyError as exc:
                raise StoreError(f"{self.path}: no turn to resolve: {_reason(exc)}", stage="store") from exc
            try:
                yield
            finally:
                try:
                    conn.execute(sa.select(sa.func.pg_advisory_unlock(_RESOLVE_TURN)))
                    conn.commit()
                except sa.exc.SQLAlchemyError:
                    conn.invalidate()  # a closed session holds no lock

    def __repr__(self) -> str:
        return f"PostgresStore({self.path!r})"

    # -- writing ----------------------------------------------------------------------------

    def _insert_document(self, conn: sa.Connection, doc: Document) -> bool:
        """Insert the document row; False when it is there already, or another writer's
        concurrent transaction inserted it first (this one then writes nothing of it)."""
        table = schema.documents
        stmt = (postgresql.insert(table).values(**document_row(doc), ingested_at=_now())
                .on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.id))
        return conn.execute(stmt).first() is not None

    def _record_rejection(self, rejection: Rejection) -> bool:
        """Insert or refresh a rejection in one statement; True when it is new."""
        table = schema.rejected
        now = _now()
        stmt = postgresql.insert(table).values(
            ref=rejection.ref, stage=rejection.stage, code=rejection.code, message=rejection.message,
            first_seen=now, last_seen=now, times_seen=1,
        )
        stmt = stmt.on_conflict_do_update(
            constraint="uq_rejected_ref_code",
            set_={"stage": stmt.excluded.stage, "message": stmt.excluded.message, "last_seen": now,
                  "times_seen": table.c.times_seen + 1},
        ).returning(table.c.times_seen)
        with self._writing() as conn:
            return conn.execute(stmt).scalar_one() == 1

    def save_resolution(self, ledgers: Iterable[EventLedger], links: Iterable[DuplicateLink],
                        signatures: dict[str, tuple[int, ...]], policy: str) -> int:
        """As :meth:`SQLiteStore.save_resolution`, one resolution write at a time."""
        with self._writing() as conn:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_RESOLVE_LOCK)))
            return resolved.write_resolution(conn, ledgers, links, signatures, policy)

    # -- reading ----------------------------------------------------------------------------

    def _text_query(self, text: str, raw: bool) -> Any:
        """Every word required (``raw``: PostgreSQL's tsquery syntax); case and accents ignored."""
        if raw:
            return sa.func.to_tsquery("simple", sa.func.sitrep_unaccent(text))
        return sa.func.plainto_tsquery("simple", sa.func.sitrep_unaccent(text))

    def search(self, text: str, *, raw: bool = False, limit: int | None = None) -> list[str]:
        """Ids of documents whose title or text match, best first (PostgreSQL full-text)."""
        if not text.strip():
            return []
        d = schema.documents
        query_ts = self._text_query(text, raw)
        vector = _document_text()
        query = (sa.select(d.c.id).where(vector.bool_op("@@")(query_ts))
                 .order_by(sa.func.ts_rank(vector, query_ts).desc(), d.c.id))
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return list(conn.scalars(query))

    def list_events(self, query: listing.EventQuery) -> tuple[list[listing.EventSummary], int]:
        """One page of resolved events matching ``query``, and how many match in all."""
        q = query.checked()
        text_ids = None
        if q.text and q.text.strip():
            d = schema.documents
            text_ids = sa.select(d.c.id).where(_document_text().bool_op("@@")(self._text_query(q.text, False)))
        with self._reading() as conn:
            return listing.list_events(conn, q, text_ids)
