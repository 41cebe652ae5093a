"""Benchmark: the HTML path against trafilatura alone, on the same pages (prints figures).

Pages: ../shared/data/html (109 real pages saved from their sites). Times, single process:

* trafilatura alone: ``bare_extraction(bytes, with_metadata=True)`` on each page;
* sitrep's HTML path: read → trafilatura → clean → language → Document (``read_sources``);
* the same plus extraction, as ``sitrep extract`` runs it (``Workspace.extract_sources``: pages
  read and extracted in batches).

Each is run ``--repeat`` times after a warm-up; the best run is reported.
Usage: python bench/bench_ingest.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import trafilatura  # noqa: E402

from sitrep.ingest import read_sources  # noqa: E402
from sitrep.settings import Settings  # noqa: E402
from sitrep.workspace import Workspace  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")) / "data"


def best(fn, repeat: int) -> float:
    fn()  # warm-up: imports, lexicons, detectors
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pages = sorted(p for p in (SHARED / "html").glob("*.htm*"))
    if not pages:
        sys.exit(f"no pages under {SHARED / 'html'}")
    blobs = [p.read_bytes() for p in pages]
    settings = Settings()

    def traf() -> None:
        for b in blobs:
            trafilatura.bare_extraction(b, with_metadata=True, include_comments=False, include_tables=False)

    def ours() -> None:
        list(read_sources(pages, settings=settings))

    def ours_extract() -> None:
        for _ in Workspace(settings).extract_sources(pages):
            pass

    t_traf, t_ours, t_full = (best(f, args.repeat) for f in (traf, ours, ours_extract))
    n = len(pages)
    print(f"pages: {n}")
    print(f"trafilatura alone:            {n / t_traf:6.1f} pages/s")
    print(f"sitrep HTML path (ingest):    {n / t_ours:6.1f} pages/s  ratio {t_ours / t_traf:.2f}x trafilatura")
    print(f"sitrep HTML path + extract:   {n / t_full:6.1f} pages/s  ratio {t_full / t_traf:.2f}x trafilatura")
    print("target: ingest path no slower than 1.3x trafilatura alone")


if __name__ == "__main__":
    main()
