"""Store stage: ordered schema migrations, applied in one transaction when a ledger is opened.

Each :class:`Migration` has a version number, a description and a function that takes an open
SQLAlchemy connection (inside the caller's transaction). :func:`migrate` applies the versions a
database lacks, in order, and records each in ``schema_migrations``; an up-to-date database
applies nothing. A database whose recorded version is newer than this code is refused.

Adding a migration: append ``Migration(N + 1, "what it does", _function)`` to
:data:`MIGRATIONS`; never edit or reorder an applied one. If it changes a table that migration 1
creates from :mod:`sitrep.store.schema`, copy the version-1 table definition here first, so a new
database still goes through the same steps as an old one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from ..errors import StoreError
from . import schema


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema history."""

    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _v1_metadata() -> tuple[sa.MetaData, list[sa.Table]]:
    """The version-1 tables as migration 1 created them (later changes frozen out)."""
    frozen = sa.MetaData()
    tables = [t.to_metadata(frozen) for t in schema.V1_TABLES if t is not schema.claim_history]
    claim_history_v1 = sa.Table(
        "claim_history",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("claimant_name", sa.Text, nullable=False),
        sa.Column("claimant_side", sa.Text, nullable=False),
        sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id")),
        sa.Column("published", sa.Text),
        sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("central", sa.Integer),
        sa.Column("qualifier", sa.Text),
        sa.Column("stance", sa.Text),
        sa.Column("superseded_by", sa.Text, sa.ForeignKey("claims.id")),
        sa.Index("ix_claim_history_key", "event_id", "category", "claimant_side", "claimant_name"),
    )
    return frozen, [*tables, claim_history_v1]


def _create_tables(conn: sa.Connection) -> None:
    """Version 1: the ledger tables."""
    frozen, tables = _v1_metadata()
    frozen.create_all(conn, tables=tables, checkfirst=False)


# Static DDL: FTS5 and its triggers have no SQLAlchemy construct. Nothing here comes from input.
# External content over documents' rowid is the layout Datasette and sqlite-utils recognise, so
# a user opening the ledger in Datasette gets full-text search over articles for free.
_FTS_DDL: tuple[str, ...] = (
    (
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "title, text, content='documents', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    ),
    (
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); END"
    ),
    (
        "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    ),
    # index documents stored before this migration
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
)


#: PostgreSQL's full-text index: an expression GIN index over the unaccented, lower-cased words
#: of title and text ('simple' configuration: no stemming, like FTS5's unicode61 tokenizer).
#: unaccent() is not IMMUTABLE, so an immutable wrapper is what the index is built on.
_PG_FTS_DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION sitrep_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
    "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin "
    "(to_tsvector('simple', sitrep_unaccent(coalesce(title, '') || ' ' || text)))",
)


def _create_fts(conn: sa.Connection) -> None:
    """Version 2: full-text search over documents(title, text): FTS5 kept in sync by triggers on
    SQLite, an expression GIN index on PostgreSQL."""
    ddl = _FTS_DDL if conn.dialect.name == "sqlite" else _PG_FTS_DDL if conn.dialect.name == "postgresql" else ()
    for statement in ddl:
        conn.exec_driver_sql(statement)


def _create_resolved(conn: sa.Connection) -> None:
    """Version 3: the resolved ledger (resolved events, members, estimates, contradictions,
    wire copies, signatures) and claim_history's claimant group and first appearance."""
    schema.metadata.create_all(conn, tables=list(schema.V3_TABLES), checkfirst=False)
    for column in ("claimant_key TEXT", "appearance_of TEXT REFERENCES claims (id)"):
        conn.exec_driver_sql(f"ALTER TABLE claim_history ADD COLUMN {column}")


def _create_review(conn: sa.Connection) -> None:
    """Version 4: write tokens and the audit trail of people's review."""
    schema.metadata.create_all(conn, tables=list(schema.V4_TABLES), checkfirst=False)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "ledger tables", _create_tables),
    Migration(2, "full-text search over documents (SQLite FTS5)", _create_fts),
    Migration(3, "resolved ledger: events across articles, estimates, contradictions", _create_resolved),
    Migration(4, "review: write tokens and the audit trail", _create_review),
)

LATEST: int = MIGRATIONS[-1].version


def applied_versions(conn: sa.Connection) -> list[int]:
    """Versions recorded in ``schema_migrations``, ascending (empty for a new database)."""
    if not sa.inspect(conn).has_table(schema.schema_migrations.name):
        return []
    table = schema.schema_migrations
    return list(conn.scalars(sa.select(table.c.version).order_by(table.c.version)))


def migrate(conn: sa.Connection, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Apply the migrations the database lacks, inside the caller's transaction.

    Args:
        conn: A connection with a transaction begun; on SQLite it should hold the write lock
            (``BEGIN IMMEDIATE``) so two processes opening a new file do not race.
        migrations: The history to apply; defaults to :data:`MIGRATIONS`.

    Returns:
        The versions applied now, ascending; empty when the database was up to date.

    Raises:
        StoreError: The database records a version this code does not know.
    """
    if migrations is None:
        migrations = MIGRATIONS
    schema.schema_migrations.create(conn, checkfirst=True)
    done = set(applied_versions(conn))
    known = {m.version for m in migrations}
    unknown = sorted(done - known)
    if unknown:
        raise StoreError(
            f"the ledger has schema version {unknown[-1]}, newer than this sitrep knows "
            f"({max(known)}); upgrade sitrep to open it",
            stage="store",
        )
    applied: list[int] = []
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version in done:
            continue
        migration.apply(conn)
        conn.execute(
            sa.insert(schema.schema_migrations).values(
                version=migration.version,
                description=migration.description,
                applied_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        applied.append(migration.version)
    return applied
