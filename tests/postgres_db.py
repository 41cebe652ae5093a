"""A fresh PostgreSQL database per test, for running the store tests against PostgreSQL.

The server is named by ``SITREP_TEST_POSTGRES`` (a URL whose user may create databases, e.g.
``postgresql://sitrep:sitrep@127.0.0.1:5432/postgres``). Under ``CI=true`` that URL is the
default (the README's test command starts the server and creates the role), and the tests must
run; elsewhere they are skipped without a server.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

CI_DEFAULT = "postgresql://sitrep:sitrep@127.0.0.1:5432/postgres"


def server_url() -> str | None:
    url = os.environ.get("SITREP_TEST_POSTGRES") or (CI_DEFAULT if os.environ.get("CI") == "true" else None)
    return url


def _admin(url: str) -> sa.Engine:
    parsed = sa.make_url(url).set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})


@pytest.fixture
def fresh_database() -> Iterator[str]:
    url = server_url()
    if url is None:
        pytest.skip("no PostgreSQL server (set SITREP_TEST_POSTGRES to a URL that may create databases)")
    name = f"sitrep_t_{uuid.uuid4().hex[:12]}"
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs PostgreSQL at {url}: {exc.orig}")
        pytest.skip(f"PostgreSQL at {url} is not reachable")
    try:
        yield sa.make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin: sa.Engine, name: str, tries: int = 20) -> None:
    """Drop a test database. ``WITH (FORCE)`` ends the test's own sessions, but a role that is
    no superuser may not end the server's autovacuum worker, which can be on a database that
    a test wrote much to: the drop then fails until the worker is done (a second or so)."""
    for attempt in range(tries):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except sa.exc.ProgrammingError as exc:
            if "pg_signal_backend" not in str(exc.orig) or attempt == tries - 1:
                raise
            time.sleep(0.25)
