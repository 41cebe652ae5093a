"""Benchmark: ingest throughput of the engines (prints figures; not a test).

One input of ``--n`` ~800-word articles (paragraph runs of the bundled examples, as in
bench_extract.py) written as a synthetic WARC.gz of HTML pages (``--format warc``, the default)
or as JSONL lines of text (``--format jsonl``) is ingested into a fresh ledger by
``sitrep ingest --no-resolve --engine single``, ``--engine pool --workers 2`` and ``--engine
dask --workers 2`` (a Dask LocalCluster), each in its own process (without the resolution that
follows an ingest by default: it runs in one process whatever the engine). Prints articles per second, the peak RSS of
the largest process of the run, and each engine's speed-up over the single process (target: the
2-worker runs reach at least 1.7x on a machine with two free cores).

Usage: python bench/bench_engines.py [--n 10000] [--format warc|jsonl] [--engines single pool dask]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import articles, example_texts  # noqa: E402


def run(engine: str, source: Path, db: Path) -> tuple[float, dict, float]:
    cmd = [sys.executable, "-m", "sitrep", "ingest", str(source), "--db", str(db), "--json", "--engine", engine,
           "--no-resolve"]  # the engines only: resolution runs in one process after any of them
    if engine != "single":
        cmd += ["--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{engine}: {proc.stderr[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, json.loads(proc.stdout), peak_mb


def write_warc(path: Path, texts: list[str]) -> None:
    """A WARC.gz of HTML response records, one article each (with a title and a date)."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, text in enumerate(texts):
            paragraphs = text.split("\n\n")
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
            page = (f"<html><head><title>{html.escape(paragraphs[0][:120])}</title>"
                    f'<meta property="article:published_time" content="2024-03-06"></head><body>'
                    f"<nav>Home | World | Sport</nav><article><h1>{html.escape(paragraphs[0][:120])}</h1>"
                    f"{body}</article><footer>Contact us</footer></body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://news.example.org/a/{i}", "response",
                                            payload=io.BytesIO(page), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2024-03-06T12:00:00Z"})
            writer.write_record(rec)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--format", choices=["warc", "jsonl"], default="warc")
    ap.add_argument("--engines", nargs="+", default=["single", "pool", "dask"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # a numbered first line makes every article distinct (the corpus's paragraphs repeat)
        texts = [f"Dispatch number {i}\n\n{t}" for i, t in enumerate(articles(example_texts(), args.n))]
        if args.format == "warc":
            source = Path(tmp) / "input.warc.gz"
            write_warc(source, texts)
        else:
            source = Path(tmp) / "input.jsonl"
            with source.open("w", encoding="utf-8") as fh:
                for i, text in enumerate(texts):
                    fh.write(json.dumps({"id": f"a{i}", "text": text, "published": "2024-03-06"}) + "\n")
        print(f"input: {args.n} articles of ~800 words ({args.format}, {source.stat().st_size / 1e6:.1f} MB); "
              f"{os.cpu_count()} cores")
        base = None
        for engine in args.engines:
            seconds, summary, peak = run(engine, source, Path(tmp) / f"{engine}.db")
            rate = summary["read"] / seconds
            base = base or (rate if engine == "single" else None)
            factor = f", {rate / base:.2f}x single" if base and engine != "single" else ""
            print(f"{engine:6s} ({summary['workers']} worker{'s' if summary['workers'] > 1 else ''}): "
                  f"{rate:.1f} articles/s over {seconds:.0f} s (whole command), {summary['new']} new, "
                  f"{summary['claims']} claims, "
                  f"largest process peak {peak:.0f} MB{factor}")


if __name__ == "__main__":
    main()
