"""Benchmark: extraction time must grow linearly with hostile input (prints figures).

Builds pathological texts (one huge sentence of thousands of figures; a long run of conjoined
subjects; an unclosed quotation over a whole file) at 1× and 2× size and prints the time of
``extract`` on each and the growth factor. Linear work gives a factor near 2; a quadratic step
shows as ~4. Usage: python bench/bench_hostile.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.clean import clean_text  # noqa: E402
from sitrep.extract import extract  # noqa: E402
from sitrep.models import Document  # noqa: E402

CASES = {
    "one sentence of many figures": lambda n: "killed 5 people, " * (1000 * n) + ".",
    "figures joined by 'and'": lambda n: "a man was killed and his son was killed and " * (500 * n) + ".",
    "conjoined subjects": lambda n: "the man and the woman and " * (2000 * n),
    "unclosed quotation": lambda n: "“" + "word " * (10000 * n),
}


def timed(text: str) -> float:
    doc = Document(id="x", ref="x", text=clean_text(text), language="en")
    t0 = time.perf_counter()
    extract(doc)
    return time.perf_counter() - t0


def main() -> None:
    extract(Document(id="w", ref="w", text="Two people were killed.", language="en"))  # warm up
    for name, make in CASES.items():
        one, two = timed(make(1)), timed(make(2))
        print(f"{name:32} 1x {one:6.2f} s   2x {two:6.2f} s   growth {two / one:4.1f}")


if __name__ == "__main__":
    main()
