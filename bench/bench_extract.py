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

On a shared machine (a virtual machine whose host runs others beside it) the speed of a core
wanders by up to ~10% from one quarter of an hour to the next, CPU time as much as the wall
clock: ``--repeat`` times each step that many times and gives the best run of each.
Usage: python bench/bench_extract.py [--n 400] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
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


def timed(step: Callable[[], object], repeat: int) -> float:
    """The seconds of the best of ``repeat`` runs of ``step``."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - t0)
    return best


def text_path(texts: list[str], repeat: int = 1) -> float:
    """Seconds of ``sitrep extract`` on a JSONL file of ``texts`` (each with
    a publication date, so dates are resolved too): read, clean, language, extract."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": f"d{i}", "text": t, "published": "2024-01-01"}) + "\n")
        ws = Workspace(Settings())
        next(iter(ws.extract_sources([path])))  # warm up

        def run() -> None:
            _lexicon_actor.cache_clear()
            for _ in ws.extract_sources([path]):
                pass

        return timed(run, repeat)


def one_by_one(docs: list[Document]) -> int:
    """``extract()`` on each document in turn; the number of claims."""
    claims = 0
    for d in docs:
        # the corpora repeat their texts: forget cached phrase parses so repeats are not free
        _lexicon_actor.cache_clear()
        claims += len(extract(d).claims)
    return claims


def in_batches(docs: list[Document]) -> None:
    """``extract_many()`` over batches of ``BATCH`` documents, as the engines run it."""
    for k in range(0, len(docs), BATCH):
        _lexicon_actor.cache_clear()
        extract_many(docs[k : k + BATCH])


def bench_corpus(name: str, texts: list[str], repeat: int) -> None:
    mean_words = sum(len(t.split()) for t in texts) / len(texts)
    docs = [Document(id=f"d{i}", ref=f"d{i}", text=t, language="en") for i, t in enumerate(texts)]
    prepare()  # as every engine does: lexicons load, regexes compile, gazetteer opens, once
    claims = one_by_one(docs[:1])  # warm up
    alone = timed(lambda: one_by_one(docs), repeat)
    claims = one_by_one(docs)
    words = sum(len(t.split()) for t in texts)
    print(f"{name}: {len(docs)} articles of {mean_words:.0f} words, {claims} claims")
    print(f"  extract() alone: {len(docs) / alone:.1f} articles/s ({words / alone / 1000:.0f}k words/s)")
    batched = timed(lambda: in_batches(docs), repeat)
    print(f"  extract_many() in batches of {BATCH}: {len(docs) / batched:.1f} articles/s")
    print(f"  text path (read + clean + language + extract): {len(texts) / text_path(texts, repeat):.1f} articles/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="number of ~800-word articles")
    ap.add_argument("--repeat", type=int, default=1, help="time each step this many times, keep the best")
    args = ap.parse_args()
    corpora = {"examples (conflict news)": example_texts(), "GVA (shooting reports)": gva_texts()}
    for name, source in corpora.items():
        if not source:
            print(f"{name}: not available")
            continue
        bench_corpus(name, articles(source, args.n), max(1, args.repeat))
    print("target: >= 200 articles/s per core on ~800-word articles")


if __name__ == "__main__":
    main()
