"""Benchmark: extraction speed on plain text (prints figures; not a test).

Builds ~800-word articles from runs of paragraphs, from two corpora: the bundled
examples (conflict news) and the shared dev set (../shared/data/dev/gva.jsonl, shooting
reports dense in figures), then times:

* ``extract()`` alone (the pure per-article stage), single process;
* ``extract_many()`` on batches of 16 (what the engines run: the same output, one step at a
  time over the batch);
* the whole text path of ``sitrep extract`` (JSONL read → clean → language → extract), on
  each corpus.

Lexicons and regexes are compiled once, before timing, by ``sitrep.engines.prepare`` (what every
engine and ``sitrep extract`` run first; it also takes those long-lived objects out of the
garbage collector's sight).
Usage: python bench/bench_extract.py [--n 400]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.engines import BATCH, prepare  # noqa: E402
from sitrep.extract import extract, extract_many  # noqa: E402
from sitrep.extract.attribution import _lexicon_actor  # noqa: E402
from sitrep.models import Document  # noqa: E402
from sitrep.settings import Settings  # noqa: E402
from sitrep.workspace import Workspace  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")) / "data"


def gva_texts() -> list[str]:
    gva = SHARED / "dev" / "gva.jsonl"
    if not gva.exists():
        return []
    return [json.loads(line)["text"] for line in gva.open(encoding="utf-8") if line.strip()]


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def articles(texts: list[str], n: int, words: int = 800) -> list[str]:
    """``n`` articles of about ``words`` words: the corpus's paragraphs in order, cut into runs
    that just reach ``words`` (so the mean is ~800-830 words, as the target is stated)."""
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    out: list[str] = []
    buf: list[str] = []
    count = i = 0
    while len(out) < n:
        p = paragraphs[i % len(paragraphs)]
        i += 1
        buf.append(p)
        count += len(p.split())
        if count >= words:
            out.append("\n\n".join(buf))
            buf, count = [], 0
    return out


def text_path(texts: list[str]) -> float:
    """Articles per second of ``sitrep extract`` on a JSONL file of ``texts`` (each with a
    publication date, so dates are resolved too): read, clean, language, extract."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": f"d{i}", "text": t, "published": "2024-01-01"}) + "\n")
        ws = Workspace(Settings())
        next(iter(ws.extract_sources([path])))  # warm up
        _lexicon_actor.cache_clear()
        t0 = time.perf_counter()
        n = sum(1 for _ in ws.extract_sources([path]))
        return n / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="number of ~800-word articles")
    args = ap.parse_args()
    corpora = {"examples (conflict news)": example_texts(), "GVA (shooting reports)": gva_texts()}
    for name, source in corpora.items():
        if not source:
            print(f"{name}: not available")
            continue
        texts = articles(source, args.n)
        mean_words = sum(len(t.split()) for t in texts) / len(texts)
        docs = [Document(id=f"d{i}", ref=f"d{i}", text=t, language="en") for i, t in enumerate(texts)]
        prepare()  # as every engine does: lexicons load, regexes compile, gazetteer opens, once
        t0 = time.perf_counter()
        claims = 0
        for d in docs:
            # the corpora repeat their texts: forget cached phrase parses so repeats are not free
            _lexicon_actor.cache_clear()
            claims += len(extract(d).claims)
        dt = time.perf_counter() - t0
        words = sum(len(t.split()) for t in texts)
        print(f"{name}: {len(docs)} articles of {mean_words:.0f} words, {claims} claims")
        print(f"  extract() alone: {len(docs) / dt:.1f} articles/s ({words / dt / 1000:.0f}k words/s)")
        t0 = time.perf_counter()
        for k in range(0, len(docs), BATCH):
            _lexicon_actor.cache_clear()
            extract_many(docs[k : k + BATCH])
        dt = time.perf_counter() - t0
        print(f"  extract_many() in batches of {BATCH}: {len(docs) / dt:.1f} articles/s")
        print(f"  text path (read + clean + language + extract): {text_path(texts):.1f} articles/s")
    print("target: >= 200 articles/s per core on ~800-word articles")


if __name__ == "__main__":
    main()
