"""Store: the resolution turn. One process resolves a ledger at a time, on both backends; a
second waits for the turn (and ingests are not held up meanwhile)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.store import open_store

# A child process that opens the ledger, says so, then waits for the turn and says when it has it.
_CHILD = """
import sys
from sitrep.store import open_store
with open_store(sys.argv[1]) as store:
    print("waiting", flush=True)
    with store.resolving(timeout=60):
        print("turn", flush=True)
"""


@pytest.fixture(params=["sqlite", "postgres"])
def ledger(request, tmp_path: Path) -> str:
    """A new ledger's URL or path on each backend (PostgreSQL skipped without a server, except
    under CI=true)."""
    if request.param == "sqlite":
        path = tmp_path / "ledger.db"
        open_store(path).close()
        return str(path)
    url = request.getfixturevalue("fresh_database")
    open_store(url).close()
    return url


def test_a_second_process_waits_for_the_resolution_turn(ledger, sample):
    with open_store(ledger) as store, store.resolving():
        child = subprocess.Popen([sys.executable, "-c", _CHILD, ledger], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "waiting"
            time.sleep(1.5)  # time enough to take a free turn
            assert child.poll() is None, "the child resolved while the turn was held"
            assert store.save(sample)  # articles are stored while the turn is held
        except BaseException:
            child.kill()
            raise
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out.strip() == "turn"


def test_the_turn_is_given_back_and_taken_again(ledger):
    with open_store(ledger) as store:
        with store.resolving():
            pass
        with store.resolving(timeout=5):
            pass


def test_no_turn_within_the_timeout_is_a_clear_store_error(ledger):
    with open_store(ledger) as store, store.resolving():
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD.replace("timeout=60", "timeout=0.5"), ledger],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = child.communicate(timeout=60)
    assert child.returncode != 0 and "turn" not in out
    assert "StoreError" in err


def test_a_resolution_run_finishes_inside_its_own_turn(ledger, sample):
    """The run's turn and the lock its final write takes are different locks: a process holding
    the one never waits on itself for the other."""
    with open_store(ledger) as store:
        store.save(sample)
    done = subprocess.run([sys.executable, "-m", "sitrep", "resolve", "--db", ledger, "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"new_documents": 1' in done.stdout
