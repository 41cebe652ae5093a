"""The command line end to end: extract, ingest, bad inputs, resume after a kill, eval floors."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

ARTICLE = (
    "Shelling killed four civilians in the town of Avdiivka on Tuesday, the regional governor "
    "said.\n\nThe Ukrainian army said its air defence shot down 12 of the 15 drones launched "
    "overnight. Local officials said nine people were wounded.\n"
)


def sitrep(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=300,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"sitrep {' '.join(args)} -> {proc.returncode}\n{proc.stderr}")
    return proc


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("documents", "events", "claims", "evidence", "rejected")}


def test_cli_help_explains_every_command():
    out = sitrep("--help", check=True).stdout
    for command in ("extract", "ingest", "events", "claims", "brief", "eval", "rejected", "settings"):
        assert command in out


def test_cli_extract_jsonl_is_the_output_contract(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = sitrep("extract", str(path), "--published", "2024-02-13", "--format", "jsonl", check=True)
    (line,) = proc.stdout.splitlines()
    record = json.loads(line)
    assert set(record) == {"document", "events", "claims", "rejected"}
    assert set(record["document"]) == {"id", "ref", "url", "title", "published", "language", "source"}
    assert record["document"]["published"] == "2024-02-13"
    assert record["rejected"] is None
    cats = {(c["category"], c["central"]) for c in record["claims"]}
    assert {("killed", 4), ("munitions_intercepted", 12), ("munitions_launched", 15), ("injured", 9)} <= cats
    text_claim = record["claims"][0]
    for key in ("category", "low", "high", "central", "qualifier", "claimant", "stance", "evidence",
                "event", "confidence", "review", "verb", "subject", "vague"):
        assert key in text_claim


def test_cli_bad_inputs_are_rejected_one_line_each_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG\x00" * 100)
    (src / "latin1.txt").write_bytes("Caf\xe9 bombed, 3 killed".encode("latin-1") * 10)
    (src / "nobody.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    (src / "big.txt").write_text("word " * 3000, encoding="utf-8")
    (src / "feed.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "From the feed.\n\n" + ARTICLE}) + "\n{not json\n", encoding="utf-8"
    )
    db = tmp_path / "l.db"
    proc = sitrep("ingest", str(src), "--db", str(db), "--max-bytes", "10000")
    assert proc.returncode == 3, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("rejected")]
    assert len(errors) == 6, proc.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "nobody.html", "big.txt", "feed.jsonl:2"):
        assert any(name in line for line in errors), (name, errors)
    c = counts(db)
    assert c["documents"] == 2 and c["rejected"] == 6
    assert c["claims"] > 0


def test_cli_ingest_twice_changes_nothing(tmp_path):
    db = tmp_path / "l.db"
    sitrep("ingest", str(EXAMPLES), "--db", str(db), check=True)
    first = counts(db)
    sitrep("ingest", str(EXAMPLES), "--db", str(db), check=True)
    assert counts(db) == first
    assert first["documents"] >= 20


def test_cli_ingest_killed_mid_batch_resumes_without_loss_or_duplicates(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(400):
        (src / f"a{i:04d}.txt").write_text(f"Report number {i}.\n\n" + ARTICLE * 3, encoding="utf-8")
    reference = tmp_path / "ref.db"
    sitrep("ingest", str(src), "--db", str(reference), check=True)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "ingest", str(src), "--db", str(db)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    if con.execute("select count(*) from documents").fetchone()[0] >= 20:
                        break
            except sqlite3.Error:
                continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = counts(db)["documents"]
    assert 0 < partial < 400, "the kill should land mid-batch"
    sitrep("ingest", str(src), "--db", str(db), check=True)
    assert counts(db) == counts(reference)


def test_cli_brief_cites_every_figure(tmp_path):
    db = tmp_path / "l.db"
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sitrep("ingest", str(path), "--db", str(db), check=True)
    out = tmp_path / "brief.md"
    sitrep("brief", "--largest", "--db", str(db), "-o", str(out), check=True)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# What we know")
    assert "four civilians" in text and "governor" in text.lower()


def test_cli_eval_exits_non_zero_below_a_floor(tmp_path):
    gold = sorted(EXAMPLES.glob("*.gold.json"))[0]
    ok = sitrep("eval", str(gold))
    assert ok.returncode == 0, ok.stderr
    assert "precision" in ok.stdout and "recall" in ok.stdout
    bad = sitrep("eval", str(gold), "--min-precision", "1.01")
    assert bad.returncode == 1 and "below floor" in bad.stderr


@pytest.mark.parametrize("args", [["extract", "/nonexistent/file.txt"]])
def test_cli_missing_path_is_a_rejection_not_a_traceback(args):
    proc = sitrep(*args)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "/nonexistent/file.txt" in proc.stderr


def test_cli_events_and_claims_list_the_ledger(tmp_path):
    db = tmp_path / "l.db"
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sitrep("ingest", str(path), "--db", str(db), check=True)
    events = [json.loads(x) for x in sitrep("events", "--db", str(db), "--format", "jsonl", check=True).stdout.splitlines()]
    claims = [json.loads(x) for x in sitrep("claims", "--db", str(db), "--format", "jsonl", check=True).stdout.splitlines()]
    assert events and claims
    assert {c["event"] for c in claims if c["event"]} <= {e["id"] for e in events}
    killed = [c for c in sitrep("claims", "--db", str(db), "--category", "killed", "--format", "jsonl",
                                check=True).stdout.splitlines()]
    assert killed and all(json.loads(x)["category"] == "killed" for x in killed)
    table = sitrep("claims", "--db", str(db), check=True).stdout
    assert "killed" in table


def test_cli_export_every_format_and_html_brief(tmp_path):
    db = tmp_path / "l.db"
    sitrep("ingest", str(EXAMPLES / "story"), "--db", str(db), check=True)
    for fmt in ("jsonl", "acled", "ucdp", "geojson", "parquet", "csv", "claimreview"):
        out = tmp_path / f"x.{fmt}"
        sitrep("export", "--db", str(db), "--format", fmt, "-o", str(out), check=True)
        assert out.stat().st_size > 0, fmt
    bad = sitrep("export", "--db", str(db), "--format", "xlsx")
    assert bad.returncode == 1 and "must be one of" in bad.stderr
    assert "Traceback" not in bad.stderr
    page = tmp_path / "b.html"
    sitrep("brief", "--largest", "--db", str(db), "-f", "html", "-o", str(page), check=True)
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "How the figures changed" in html


def test_cli_ingest_killed_mid_batch_resumes_on_postgresql(tmp_path, fresh_database):
    """SIGKILL during an ingest into PostgreSQL, at a few points; the re-run finishes the job with
    nothing lost and nothing duplicated."""
    from sitrep.store import open_store

    src = tmp_path / "many"
    src.mkdir()
    for i in range(150):
        (src / f"a{i:04d}.txt").write_text(f"Report number {i}.\n\n" + ARTICLE * 3, encoding="utf-8")

    def stored() -> dict[str, int]:
        with open_store(fresh_database) as store:
            return store.counts()

    for threshold in (10, 60):
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitrep", "ingest", str(src), "--db", fresh_database],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
            try:
                if stored()["documents"] >= threshold:
                    break
            except Exception:  # the schema may not exist yet
                continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    partial = stored()["documents"]
    assert 0 < partial < 150, "the kills should land mid-batch"
    sitrep("ingest", str(src), "--db", fresh_database, check=True)
    final = stored()
    assert final["documents"] == 150
    with open_store(fresh_database) as store:  # each article's events and claims once
        per_doc = {}
        for _claim, doc_id in store.iter_claims():
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
    assert len(set(per_doc.values())) == 1 and final["claims"] == 150 * next(iter(per_doc.values()))
