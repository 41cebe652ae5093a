"""Store: the SQLite file itself (WAL, foreign keys, migrations, rejections, FTS5, URLs)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from sitrep.errors import StoreError
from sitrep.models import Rejection
from sitrep.store import SQLiteStore, open_store
from sitrep.store import migrations as store_migrations


@pytest.fixture
def store(db_path):
    """These tests are about the SQLite file itself (WAL, pragmas, FTS5, URLs)."""
    with SQLiteStore(db_path) as opened:
        yield opened


def test_the_file_is_in_wal_mode(store, db_path):
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_connections_enforce_foreign_keys(store):
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_table_exists(store, db_path):
    with sqlite3.connect(db_path) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    expected = {
        "documents",
        "rejected",
        "events",
        "event_evidence",
        "claims",
        "evidence",
        "event_documents",
        "claim_history",
        "schema_migrations",
        "documents_fts",
    }
    assert expected <= names


def test_migrations_are_recorded_once_and_reopening_applies_nothing(db_path):
    with SQLiteStore(db_path) as first:
        assert first.applied_migrations == [1, 2, 3, 4]
        assert first.schema_version() == store_migrations.LATEST == 4
    with SQLiteStore(db_path) as again:
        assert again.applied_migrations == []
    with sqlite3.connect(db_path) as raw:
        rows = raw.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [(1,), (2,), (3,), (4,)]


def test_a_new_migration_is_applied_on_the_next_open(db_path, monkeypatch):
    SQLiteStore(db_path).close()

    def add_notes(conn):
        conn.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)")

    extra = store_migrations.Migration(store_migrations.LATEST + 1, "notes", add_notes)
    monkeypatch.setattr(store_migrations, "MIGRATIONS", (*store_migrations.MIGRATIONS, extra))
    with SQLiteStore(db_path) as store:
        assert store.applied_migrations == [store_migrations.LATEST + 1]
    with SQLiteStore(db_path) as store:
        assert store.applied_migrations == []


def test_a_ledger_from_a_newer_sitrep_is_refused(db_path):
    SQLiteStore(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO schema_migrations VALUES (99, 'future', ?)", (datetime.now().isoformat(),)
        )
    with pytest.raises(StoreError, match="newer than this sitrep"):
        SQLiteStore(db_path)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database, just some text " * 200)
    with pytest.raises(StoreError):
        SQLiteStore(bogus)


def test_rejections_are_idempotent_on_ref_and_code(store, db_path):
    first = Rejection("scan.pdf", "ingest", "binary", "binary file")
    store.save_rejection(first)
    store.save_rejection(Rejection("scan.pdf", "ingest", "binary", "binary file (again)"))
    store.save_rejection(Rejection("scan.pdf", "ingest", "too_large", "over 20 MB"))
    assert store.counts()["rejected"] == 2
    assert store.list_rejected() == [
        Rejection("scan.pdf", "ingest", "binary", "binary file (again)"),
        Rejection("scan.pdf", "ingest", "too_large", "over 20 MB"),
    ]
    with sqlite3.connect(db_path) as raw:
        seen = raw.execute(
            "SELECT times_seen, first_seen < last_seen FROM rejected WHERE code = 'binary'"
        ).fetchone()
    assert seen == (2, 1)


def test_search_finds_a_document_by_a_word_in_its_text(store, sample, build):
    store.save(sample)
    store.save(build("doc-b2", text=sample.document.text.replace("Hillcrest", "Oakford")))
    assert store.search("Hillcrest") == ["doc-a1"]
    assert store.search("hillcrest depot") == ["doc-a1"]
    assert sorted(store.search("market")) == ["doc-a1", "doc-b2"]
    assert store.search("Hillcrest Oakford") == []
    assert store.search("Atlantis") == []
    assert store.search("  -- ") == []
    assert sorted(store.search("Hillcrest OR Oakford", raw=True)) == ["doc-a1", "doc-b2"]
    assert len(store.search("market", limit=1)) == 1


def test_search_ignores_case_and_diacritics_and_quotes(store, sample, build):
    extra = 'Officials in Kramatorśk said "the station was hit", said the mayor\'s office.'
    store.save(build("doc-c3", text=sample.document.text + "\n\n" + extra))
    assert store.search("kramatorsk") == ["doc-c3"]
    assert store.search('mayor\'s "station"') == ["doc-c3"]


def test_a_malformed_raw_search_is_a_store_error(store):
    with pytest.raises(StoreError):
        store.search('"unclosed', raw=True)


def test_search_survives_vacuum(store, sample, build, db_path):
    store.save(build("doc-b2", text=sample.document.text.replace("Hillcrest", "Oakford")))
    store.save(sample)
    with sqlite3.connect(db_path) as raw:
        raw.execute("VACUUM")
    assert store.search("Hillcrest") == ["doc-a1"]
    assert store.search("Oakford") == ["doc-b2"]


def test_open_store_takes_a_path_or_sqlite_url(tmp_path):
    with open_store(str(tmp_path / "a.db")) as a:
        assert isinstance(a, SQLiteStore)
    with open_store(f"sqlite:///{tmp_path / 'b.db'}") as b:
        assert b.path == tmp_path / "b.db"
    assert (tmp_path / "b.db").exists()


def test_open_store_refuses_unknown_backends():
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://localhost/sitrep")


def test_open_store_needs_an_existing_folder(tmp_path):
    with pytest.raises(StoreError, match="no such folder"):
        open_store(str(tmp_path / "missing" / "ledger.db"))
