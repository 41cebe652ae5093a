"""Benchmark: resolve time and peak memory at 1k / 10k / 100k synthetic articles (prints figures).

The corpus grows over time at a constant rate (``PER_DAY`` articles a day), the way a news
archive does: each incident is reported by a few articles over three days, one of them a wire
copy of another, at a random point of a 1,000 km square with 24 admin regions. Articles are
generated lazily in date order, so the figures are resolve's own.

Each size runs in a fresh process. ``stream`` is :func:`sitrep.resolve.resolve_stream` (writes
an event out once no later article can join it: memory bounded by the report window); ``batch``
is :func:`sitrep.resolve.resolve` (everything held, as one incremental run over a ledger does).
Peak memory is the process's peak RSS above its level before resolving. The growth factor is
time at 10x the articles over time at 1x; the target is at most 12. Memory in ``stream`` mode
grows until the report window (``max_gap_days``, 30 days = 3,000 articles here) is full, then
stays flat.

Usage: python bench/bench_resolve.py [--sizes 1000 10000 100000] [--mode stream batch]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.models import Actor, Claim, Claimant, Event, EventDate, Location, Span  # noqa: E402
from sitrep.resolve import Article, resolve, resolve_stream  # noqa: E402

PER_DAY = 100
START = date(2024, 1, 1)
WORDS = (
    "shelling strike market depot bridge convoy village district station hospital school "
    "residents officials rescuers rubble fire drone missile artillery governor ministry army "
    "monitor casualties wounded killed overnight morning evening said reported according "
    "statement video damage houses power lines road checkpoint field barracks port plant"
).split()
CLAIMANTS = (
    Claimant("Regional governor", "XA", "official"),
    Claimant("Ministry of Defence", "XB", "military"),
    Claimant("General Staff", "XA", "military"),
    Claimant("Casualty Watch", "OTHER", "ngo"),
)


def _text(rng: random.Random, incident: int, n: int = 120) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[::9] = [f"place{incident}"] * len(words[::9])
    return " ".join(words) + "."


def articles(n: int, seed: int = 1) -> Iterator[Article]:
    """``n`` synthetic articles in date order (undated first: none here)."""
    rng = random.Random(seed)
    incidents: list[tuple[int, int, float, float, str, str]] = []  # id, day, lat, lon, region, sub
    made = 0
    day = 0
    next_id = 0
    while made < n:
        for _ in range(PER_DAY // 4):  # new incidents today, ~4 reports each
            lat, lon = 45 + rng.random() * 9, 25 + rng.random() * 13
            region = f"R{int((lat - 45) / 1.5)}{int((lon - 25) / 2.2)}"
            sub = rng.choice(("Shelling/artillery/missile attack", "Air/drone strike"))
            incidents.append((next_id, day, lat, lon, region, sub))
            next_id += 1
        live = [i for i in incidents if day - i[1] <= 2]
        batch = []
        for _ in range(PER_DAY):
            inc = rng.choice(live)
            batch.append(inc)
        published = (START + timedelta(days=day)).isoformat()
        texts: dict[int, str] = {}
        for k, (iid, iday, lat, lon, region, sub) in enumerate(sorted(batch)):
            if made >= n:
                break
            doc = f"d{made:07d}"
            text = texts.get(iid)
            if text is None or rng.random() < 0.5:
                text = _text(rng, iid)
            else:
                text = "(Wire) " + text  # a wire copy of today's first report
            texts.setdefault(iid, text)
            when = (START + timedelta(days=iday)).isoformat()
            loc = Location(f"Town {iid}", region, "XA", lat, lon, 100000 + iid, 1)
            cl = []
            for j, who in enumerate(rng.sample(CLAIMANTS, 2)):
                value = 3 + (iid % 17) + rng.choice((0, 0, 2, 5)) * j
                cl.append(Claim(
                    id=f"{doc}-c{j}", category=rng.choice(("killed", "injured")), low=value,
                    high=value, central=value, qualifier="exact", claimant=who,
                    stance="asserts", evidence=(Span(0, min(len(text), 80)),), event=f"{doc}-e1",
                ))
            ev = Event(
                id=f"{doc}-e1", type="Explosions/Remote violence", sub_type=sub,
                date=EventDate(when, when, 1), location=loc,
                actor1=Actor("Military Forces of XB", "XB"), actor2=Actor("Civilians (XA)", "XA"),
                weapons=("drone",) if "drone" in sub.lower() else ("missile",),
                claims=tuple(c.id for c in cl), evidence=(Span(0, min(len(text), 80)),),
            )
            yield Article(doc, doc, published, (ev,), tuple(cl), text, None, f"Outlet {k % 7}")
            made += 1
        incidents = [i for i in incidents if day - i[1] <= 2]
        day += 1


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def run_one(n: int, mode: str) -> dict[str, float]:
    """Resolve ``n`` articles in this process; seconds, peak MB above the start, events."""
    import datasketch  # noqa: F401  (sitrep imports it lazily; its import is not resolve's work)

    base = _rss_mb()
    started = time.perf_counter()
    if mode == "stream":
        events = sum(1 for _ in resolve_stream(articles(n)))
    else:
        events = len(resolve(articles(n)))
    seconds = time.perf_counter() - started
    return {"n": n, "seconds": seconds, "peak_mb": _rss_mb() - base, "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--mode", nargs="+", default=["stream", "batch"], choices=["stream", "batch"])
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1])))
        return
    for mode in args.mode:
        print(f"{mode}:")
        previous = None
        for n in args.sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(n), mode],
                capture_output=True, text=True, check=True,
            ).stdout
            r = json.loads(out)
            growth = f"  x{r['seconds'] / previous['seconds']:.1f} time for x{n / previous['n']:.0f} articles" if previous else ""
            print(
                f"  {n:>7} articles: {r['seconds']:7.2f} s ({n / r['seconds']:6.0f}/s), "
                f"peak +{r['peak_mb']:6.1f} MB, {r['events']} events{growth}",
                flush=True,
            )
            previous = r


if __name__ == "__main__":
    main()
