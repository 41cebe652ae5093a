"""Benchmark: the web app under load (prints figures; not a test).

Builds a ledger of about ``--events`` resolved events from synthetic articles (the generator of
``bench_resolve.py``, ~4 reports per incident, so 4x as many articles), starts ``sitrep serve``
on 127.0.0.1 in another process, and drives it with a local load generator (``--clients``
concurrent keep-alive connections, httpx + asyncio) for ``--seconds`` per page:

* the event list (``/``, 50 rows, with a filter and a sort that change per request);
* an event page (``/events/{id}``, a random event each request);
* the API list (``/api/events``).

Prints requests per second and latency percentiles (p50, p99). Client and server share the
machine's cores, so the figures are a floor for a dedicated server.

Usage: python bench/bench_web.py [--events 10000] [--seconds 10] [--clients 8] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from bench_resolve import articles  # noqa: E402

from sitrep.models import Document, Extraction  # noqa: E402
from sitrep.store import EventQuery, open_store  # noqa: E402
from sitrep.workspace import Workspace  # noqa: E402


def build(db: Path, events: int) -> int:
    """A ledger with about ``events`` resolved events; returns how many it holds."""
    store = open_store(db)
    have = store.counts()
    if have["resolved_events"] >= events * 0.9:
        store.close()
        return have["resolved_events"]
    t0 = time.perf_counter()
    n = 0
    for a in articles(events * 4):
        doc = Document(a.document_id, a.ref, a.text, published=a.published, source=a.source, language="en")
        store.save(Extraction(doc, a.events, a.claims))
        n += 1
    store.close()
    t1 = time.perf_counter()
    with Workspace.open(db) as ws:
        summary = ws.resolve()
    print(f"built: {n} articles saved in {t1 - t0:.0f} s, resolved into {summary.events} events "
          f"in {summary.seconds:.0f} s")
    return summary.events


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _drive(base: str, paths: list[str], seconds: float, clients: int) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while time.perf_counter() < stop:
                path = rng.choice(paths)
                t = time.perf_counter()
                r = await client.get(path)
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    errors += 1

    await asyncio.gather(*(worker(k) for k in range(clients)))
    return len(latencies), latencies, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or build) this ledger")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="sitrep-web-")) / "web.db"
    held = build(db, args.events)
    store = open_store(db)
    rows, total = store.list_events(EventQuery(limit=200, sort="sources"))
    ids = [r.id for r in rows]
    rng = random.Random(7)
    some, _ = store.list_events(EventQuery(limit=200, offset=rng.randrange(0, max(1, total - 200))))
    ids += [r.id for r in some]
    store.close()
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(base + "/api/events?per_page=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        print(f"ledger: {held} resolved events; {args.clients} clients, {args.seconds:.0f} s per page kind, "
              f"client and server on one {os.cpu_count()}-core machine")
        pages = {
            "event list (/)": [f"/?sort={s}&page={p}" for s in ("date", "killed", "sources") for p in (1, 2, 5)]
            + ["/?country=XA", "/?date_from=2024-02-01&date_to=2024-02-10", "/?q=bridge"],
            "event page (/events/{id})": [f"/events/{i}" for i in ids],
            "API list (/api/events)": [f"/api/events?page={p}&sort=date" for p in (1, 3, 10)],
        }
        for name, paths in pages.items():
            n, lat, errors = asyncio.run(_drive(base, paths, args.seconds, args.clients))
            lat.sort()
            p50 = lat[len(lat) // 2] * 1000
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
            print(f"{name}: {n / args.seconds:.0f} requests/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
                  f"{errors} errors")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
