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


REPORT = (
    "Artillery fire struck the village of Mayaky late on Sunday, killing three civilians and "
    "wounding seven others, the regional governor said on Monday.\n\nRescue teams worked through "
    "the night to clear the rubble of two houses, he said. A school and a pharmacy were also "
    "damaged, and power was cut to the eastern half of the village until the morning.\n\nThe army "
    "said its air defence shot down 9 of the 11 drones launched at the region overnight.\n"
)
COPY = "By a Steppe Herald correspondent\n\n" + REPORT + "\nMore news from the region at the Steppe Herald.\n"


def _batch(folder: Path) -> Path:
    """Four inputs: a report, the same text again, a wire copy of it, an empty file."""
    folder.mkdir()
    (folder / "a-report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b-same-again.txt").write_text(REPORT, encoding="utf-8")
    (folder / "c-wire-copy.txt").write_text(COPY, encoding="utf-8")
    (folder / "d-empty.txt").write_text("", encoding="utf-8")
    return folder


def test_cli_ingest_json_summary_counts_kept_duplicates_copies_and_rejections(tmp_path):
    src, db = _batch(tmp_path / "in"), tmp_path / "l.db"
    proc = sitrep("ingest", str(src), "--db", str(db), "--json")
    assert proc.returncode == 3, proc.stderr
    s = json.loads(proc.stdout)
    assert (s["read"], s["new"], s["known"], s["rejected"]) == (4, 2, 1, 1)
    assert s["duplicates"] == {"exact": 1, "wire_copies": 1}
    assert s["rejected_by_code"] == {"empty": 1}
    assert s["events"] >= 2 and s["claims"] >= 4 and s["seconds"] > 0
    assert (s["db"], s["engine"], s["workers"]) == (str(db), "single", 1)
    r = s["resolve"]
    assert (r["documents"], r["new_documents"], r["wire_copies"], r["policy"]) == (2, 2, 1, "conservative")
    assert r["events"] >= 1 and r["events"] == counts_resolved(db)

    again = json.loads(sitrep("ingest", str(src), "--db", str(db), "--json").stdout)
    assert (again["read"], again["new"], again["known"]) == (4, 0, 3)
    assert again["duplicates"] == {"exact": 3, "wire_copies": 0}
    assert (again["resolve"]["new_documents"], again["resolve"]["written"]) == (0, 0)  # a no-op
    assert again["resolve"]["events"] == r["events"]


def counts_resolved(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("select count(*) from resolved_events").fetchone()[0]


def test_cli_ingest_text_summary_names_every_figure(tmp_path):
    proc = sitrep("ingest", str(_batch(tmp_path / "in")), "--db", str(tmp_path / "l.db"))
    assert proc.returncode == 3
    lines = dict(line.split(None, 1) for line in proc.stdout.splitlines())
    assert lines["read"].startswith("4 inputs in ")
    assert lines["kept"].startswith("2 new documents")
    assert lines["duplicates"].startswith("1 exact") and "1 wire copies" in lines["duplicates"]
    assert lines["rejected"] == "1 (empty 1)"
    assert lines["added"].endswith("claims") and lines["ledger"].split()[1:4] == ["events", "across", "articles"]


def test_cli_ingest_no_resolve_leaves_resolution_to_resolve(tmp_path):
    src, db = _batch(tmp_path / "in"), tmp_path / "l.db"
    s = json.loads(sitrep("ingest", str(src), "--db", str(db), "--json", "--no-resolve").stdout)
    assert s["resolve"] is None and s["duplicates"] == {"exact": 1, "wire_copies": None}
    assert counts_resolved(db) == 0
    text = sitrep("ingest", str(src), "--db", str(db), "--no-resolve").stdout
    assert "wire copies not looked for" in text and "not resolved" in text
    later = json.loads(sitrep("resolve", "--db", str(db), "--json", check=True).stdout)
    assert (later["new_documents"], later["wire_copies"]) == (2, 1)


def test_cli_ingest_policy_is_checked_before_reading_and_needs_resolution(tmp_path):
    src, db = _batch(tmp_path / "in"), tmp_path / "l.db"
    bad = sitrep("ingest", str(src), "--db", str(db), "--policy", "optimistic")
    assert bad.returncode == 1 and "unknown policy" in bad.stderr and "Traceback" not in bad.stderr
    assert not db.exists()  # refused before the ledger was opened, let alone written
    clash = sitrep("ingest", str(src), "--db", str(db), "--no-resolve", "--policy", "median")
    assert clash.returncode == 1 and "--no-resolve" in clash.stderr
    median = json.loads(sitrep("ingest", str(src), "--db", str(db), "--policy", "median", "--json").stdout)
    assert median["resolve"]["policy"] == "median"
    kept = json.loads(sitrep("ingest", str(src), "--db", str(db), "--json").stdout)
    assert kept["resolve"]["policy"] == "median"  # without --policy, the ledger's stays


def test_cli_progress_bar_renders_with_and_without_a_total(monkeypatch):
    import io

    from rich.console import Console

    from sitrep import cli
    from sitrep.ingest.extent import BYTES, DOCUMENTS, Meter

    for meter in (Meter(DOCUMENTS, 3), Meter(BYTES, 3000), Meter(DOCUMENTS, None)):
        screen = io.StringIO()
        monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120))
        with cli._progress_bar(meter) as progress:
            assert progress is not None
            for i in range(3):
                meter.settled()
                meter.at(1000 * (i + 1))
                progress(f"a{i}", "new")
            progress("", "resolving")
        shown = screen.getvalue()
        assert "ingesting" in shown and "resolving" in shown, meter.unit
        assert ("3/3" if meter.total == 3 else "3.0 kB of 3.0 kB" if meter.unit == BYTES else "3/?") in shown


def test_cli_ingest_on_a_terminal_shows_progress_with_a_total(tmp_path):
    src = _batch(tmp_path / "in")
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep", "ingest", str(src), "--db", str(tmp_path / "l.db")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "FORCE_COLOR": "1", "COLUMNS": "120"},
    )
    assert proc.returncode == 3, proc.stderr
    assert "ingesting" in proc.stderr and "/4" in proc.stderr  # the total: four inputs
