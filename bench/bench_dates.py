"""Benchmark: date phrases per second on a ~800-word conflict article (prints figures; not a test).

The article is composed here (no corpus needed): wire-style prose with weekdays, relative words,
explicit dates, a holiday, ranges and periods, and plenty of words that must not match ("may",
"march", "Will", "second", "two of the six"). The grammar is compiled before timing.
Usage: python bench/bench_dates.py [--n 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.annotate.dates import find_dates  # noqa: E402

PARAGRAPHS = [
    "KYIV, Jan 2 (Reuters) - Russian drones and missiles struck Kyiv and several other cities late "
    "Sunday and early on Monday, killing at least three people and wounding dozens, Ukrainian "
    "officials said, as Moscow pressed a wave of attacks that began on New Year's Eve.",
    "The capital's mayor said air defences shot down every drone that approached the city "
    "overnight, but debris fell on a residential block in the Desnianskyi district, where two of "
    "the six people taken to hospital were in serious condition. Officials may revise the toll.",
    "Ukraine's air force said on its Telegram channel that it had destroyed 39 Iranian-made drones "
    "over the weekend, after 45 the day before. It was the third mass attack in as many days, "
    "following strikes on Saturday, Sunday and Monday that hit power plants in the east and south.",
    "In the occupied city of Makiivka, Ukrainian forces fired HIMARS rockets at a building housing "
    "newly mobilised Russian soldiers shortly after midnight on 1 January, the Russian defence "
    "ministry said on Monday, putting the death toll at 63. Pro-Russian bloggers put it far higher.",
    "Russian officials said the strike, which happened between December 31 and January 1, was the "
    "deadliest single attack on its forces since the invasion began in February 2022. Relatives "
    "held a vigil in Samara yesterday, and a second gathering will be held on Friday.",
    "President Volodymyr Zelenskiy said in his nightly video address that Moscow wanted Ukrainians "
    "to meet the new year in darkness. \"We will not march to their tune,\" he said. He added that "
    "last week more than 100 drones had been launched at Ukrainian cities and that this month alone "
    "the attacks had cut power to millions of homes.",
    "The governor of the Kharkiv region, Oleh Syniehubov, said shelling killed a woman in Kupiansk "
    "on Dec. 30-31 and that emergency crews were still searching the rubble this morning. He said "
    "that last year some 1,500 civilians had been killed in the region, a running total he updates "
    "every month.",
    "In the south, the Kherson regional administration reported that Russian artillery had fired "
    "on the city 51 times in the past day, and that a maternity hospital was damaged on the 31st. "
    "A spokesman for the southern command said the situation remained tense but under control.",
    "Western officials say Russia may be running low on precision missiles and has turned to "
    "cheaper Iranian drones. The Pentagon said on 12/30/2022 that further air defence systems "
    "would be delivered, and a donor conference is scheduled for March 3 in Brussels.",
    "The Sun newspaper and other British outlets reported that Will Jones, a volunteer medic from "
    "Leeds, was wounded near Bakhmut on Thursday. His family said he was in a stable condition and "
    "expected to be flown home next Monday, perhaps in early February.",
    "Fighting around Bakhmut and Soledar intensified in the last days of December, with both sides "
    "reporting heavy losses. Ukraine's general staff said on Tuesday that its forces had repelled "
    "attacks near 15 settlements in the Donetsk region, figures that could not be independently "
    "verified.",
    "The United Nations human rights office said it had recorded 6,884 civilian deaths since the "
    "start of the invasion on 24 February 2022, but that the true figure was likely considerably "
    "higher because information from some areas was delayed or still awaited confirmation.",
    "Electricity grid operator Ukrenergo said repair crews had restored power to most consumers in "
    "Kyiv by Monday evening, though scheduled outages would continue in several regions. It urged "
    "residents to limit their use of heaters and other appliances during peak hours in the evening.",
    "On Christmas Eve, Russian shelling had killed ten people in Kherson, which Ukraine retook in "
    "November. Residents there said they had grown used to sirens, but that the attacks on "
    "2023-01-01 were the heaviest in weeks. Many have left the city for safer areas to the west.",
    "Analysts at the Institute for the Study of War said Moscow was likely trying to exhaust "
    "Ukrainian air defences ahead of a spring offensive, and that the attacks earlier this month "
    "were aimed at breaking civilian morale rather than at military targets.",
]


def article() -> str:
    words, paras = 0, []
    while words < 800:
        for p in PARAGRAPHS:
            paras.append(p)
            words += len(p.split())
            if words >= 800:
                break
    return "\n\n".join(paras)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    text = article()
    published = dt.date(2023, 1, 2)
    mentions = find_dates(text, published)  # warm up: lexicon and regexes
    t0 = time.perf_counter()
    total = 0
    for _ in range(args.n):
        total += len(find_dates(text, published))
    elapsed = time.perf_counter() - t0
    print(f"article: {len(text.split())} words, {len(text)} chars, {len(mentions)} mentions")
    for m in mentions:
        print(f"  {m.surface!r:40} {m.earliest}..{m.latest} p{m.precision} {m.kind}")
    print(f"{args.n / elapsed:,.0f} articles/s, {total / elapsed:,.0f} mentions/s, "
          f"{elapsed / args.n * 1e3:.3f} ms/article")


if __name__ == "__main__":
    main()
