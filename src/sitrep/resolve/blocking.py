"""Resolve stage: which article events may be the same incident (the blocking rules).

Two events are compared only when they share a block key, so clustering never looks at all pairs:

* **date**: each day of the event's date range; a query covers the range widened by
  ``window_days`` on each side;
* **place**: a precise place (coordinates, UCDP ``where_prec`` 1-2) goes into a grid cell of about
  25 km and looks in the neighbouring cells; a vague place (a district, a province, or no
  coordinates) goes under its country and admin1 and meets every event of that region.

An event with no date, or no place at all, gets no key: it only joins another event on strong
evidence (a wire copy of its article). The exact checks (:func:`date_gap`, :func:`place_fits`,
:func:`types_fit`) then run on each candidate pair.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

from ..models import EventDate, Location

WINDOW_DAYS = 2
RADIUS_KM = 25.0
CELL_DEG = 0.25  # about 28 km of latitude
MAX_SPAN_DAYS = 31  # a date vaguer than a month is not blocked on
_KM_PER_DEG = 111.32

Key = tuple[object, ...]

#: ACLED types an extractor may give one incident, depending on the report's angle (an attack
#: on civilians, a strike, the interceptions of that strike, the fight it was part of).
_VIOLENT = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
    }
)
_UNREST = frozenset({"Protests", "Riots"})


@lru_cache(maxsize=4096)
def day(text: str | None) -> int | None:
    """The proleptic ordinal of an ISO date (its first ten characters), or None."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def day_range(d: EventDate) -> tuple[int, int] | None:
    """The event's first and last possible day, or None when undated or vaguer than a month."""
    lo, hi = day(d.earliest), day(d.latest)
    if lo is None and hi is None:
        return None
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    assert lo is not None and hi is not None
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo > MAX_SPAN_DAYS:
        return None
    return lo, hi


def date_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two day ranges (0 when they overlap)."""
    return max(0, a[0] - b[1], b[0] - a[1])


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def is_precise(loc: Location) -> bool:
    """Whether the place is a point (coordinates, within 25 km of a named place)."""
    return loc.lat is not None and loc.lon is not None and (loc.precision or 1) <= 2


def region(loc: Location) -> tuple[str, str] | None:
    """``(country, admin1)`` normalised, or None when either is unknown."""
    if not loc.country or not loc.admin1:
        return None
    return loc.country.upper(), loc.admin1.casefold()


def is_placed(loc: Location) -> bool:
    """Whether the event has a place to block on (a point or a region)."""
    return is_precise(loc) or region(loc) is not None


def place_fits(a: Location, b: Location, radius_km: float = RADIUS_KM) -> bool:
    """Same place: two points within ``radius_km``, else the same admin1 when either is vague."""
    if is_precise(a) and is_precise(b):
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        return km(a.lat, a.lon, b.lat, b.lon) <= radius_km
    ra, rb = region(a), region(b)
    return ra is not None and ra == rb


def types_fit(a: str | None, b: str | None) -> bool:
    """Whether two ACLED event types can describe one incident (unknown fits anything)."""
    if a is None or b is None or a == b:
        return True
    return (a in _VIOLENT and b in _VIOLENT) or (a in _UNREST and b in _UNREST)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _lon_reach(lat: float, radius_km: float) -> int:
    """How many cells east and west a radius reaches at this latitude."""
    width = (
        _KM_PER_DEG * CELL_DEG * max(math.cos(math.radians(min(abs(lat) + CELL_DEG, 89.0))), 0.01)
    )
    return min(math.ceil(radius_km / width), 180)


def insert_keys(loc: Location, days: tuple[int, int]) -> list[Key]:
    """The block keys an event is filed under."""
    keys: list[Key] = []
    reg = region(loc)
    for d in range(days[0], days[1] + 1):
        if is_precise(loc):
            assert loc.lat is not None and loc.lon is not None
            keys.append(("g", d, *_cell(loc.lat, loc.lon)))
            if reg is not None:
                keys.append(("rp", d, *reg))
        elif reg is not None:
            keys.append(("rv", d, *reg))
    return keys


def query_keys(
    loc: Location,
    days: tuple[int, int],
    window_days: int = WINDOW_DAYS,
    radius_km: float = RADIUS_KM,
) -> list[Key]:
    """The block keys to look in for an event's candidates."""
    keys: list[Key] = []
    reg = region(loc)
    lat_reach = math.ceil(radius_km / (_KM_PER_DEG * CELL_DEG))
    for d in range(days[0] - window_days, days[1] + window_days + 1):
        if is_precise(loc):
            assert loc.lat is not None and loc.lon is not None
            ci, cj = _cell(loc.lat, loc.lon)
            reach = _lon_reach(loc.lat, radius_km)
            for di in range(-lat_reach, lat_reach + 1):
                for dj in range(-reach, reach + 1):
                    keys.append(("g", d, ci + di, cj + dj))
            if reg is not None:
                keys.append(("rv", d, *reg))
        elif reg is not None:
            keys.append(("rp", d, *reg))
            keys.append(("rv", d, *reg))
    return keys
