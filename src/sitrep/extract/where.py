"""Extract stage: the place of an incident, from the place names of its sentences.

Place names are found and disambiguated once per article by :mod:`sitrep.annotate.places`
(the offline gazetteer). Each name in an incident's sentences is scored:

* how precise it is (a town beats a US county or a region, whose point is only a namesake
  town's or a centre, and those beat a country);
* a locative word before it ("in", "near", "a strike on", "the village of") says the incident
  happened there; a speaker next to it ("the Samara governor", "Kharkiv's mayor said", a
  hotline) says someone speaks for it, which counts against it;
* a dateline ("DAYTON, Ohio —" opening a paragraph, after the headline too) and the first
  sentences count more than later ones;
* a name repeated counts more; a name in another country than most of the article's names
  counts less, one in the region most of them are in counts more; a short all-capitals word
  outside a dateline is an acronym ("SUV"), not a place;
* a locative before the name where the wounded were taken ("transported to a medical center
  in Charlotte", "taken to a hospital in Dayton") does not count: it did not happen there;
* a town more than 300 km from every other name of the article (and in another state), when
  the others lie together, counts less: it is most often a neighbourhood or a surname the
  gazetteer resolved to a namesake far away.

The best-scored name is the incident's place with its UCDP ``where_prec``; with none, the
location stays empty (precision unknown), never a guess.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons
from ..annotate.gazetteer import km
from ..annotate.places import ResolvedPlace, find_place_mentions, resolve_mentions, url_hints
from ..gates import holds_odd, lowered, odd_cases
from ..models import Document, Location

_PRECISION_SCORE = {1: 3.0, 2: 3.0, 3: 1.5, 4: 1.5, 5: 1.0, 6: 0.5}
ISOLATED_PENALTY = 2.0
_TAKEN_WORDS = ("taken", "rushed", "transported", "flown", "airlifted", "transferred", "driven",
                "evacuated")
_TAKEN_TO_PATTERN = (
    rf"\b(?:{'|'.join(_TAKEN_WORDS)})\b"
    r"[^.!?\n]{0,80}?\b(?:to|in|at)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?$")
_TAKEN_BACK = 100  # how far back the words of "taken to a hospital in" may start
_SPEAKER_OF = ("of", "for", "in", "from")  # the last words of "the governor of (the)"
_SPEAKER_LAST = (*_SPEAKER_OF, "the")


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cue patterns, each as a pair: ignoring case (for any text), and its case-sensitive
    twin for the lower-cased text (``re`` has no fast path for a case-insensitive
    alternation, and the twin answers the same there: see :func:`_lowered`)."""

    locative: tuple[re.Pattern[str], re.Pattern[str]]
    speaker_before: tuple[re.Pattern[str], re.Pattern[str]]
    speaker_after: tuple[re.Pattern[str], re.Pattern[str]]
    taken_to: tuple[re.Pattern[str], re.Pattern[str]]
    odd: str  # characters ``re`` matches with a letter of the patterns, ignoring case, unlike lower


def _twin(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A pattern whose letters are all lower case, compiled ignoring case and not."""
    if pattern != pattern.lower():
        raise ValueError(f"a cue pattern has upper-case letters: {pattern[:60]}")
    return re.compile(pattern, re.I), re.compile(pattern)


@lru_cache(maxsize=8)
def _cues(language: str) -> _Cues:
    data = lexicons.load("events", language)
    loc = lexicons.alternation(data["locative"])
    speaker = lexicons.alternation(data["speaker"])
    patterns = (
        rf"\b(?:{loc})\s+(?:the\s+)?(?:[\w-]+\s+)?$",
        rf"\b(?:{speaker})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{'|'.join(_SPEAKER_OF)})\s+(?:the\s+)?$",
        rf"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:{speaker})\b",
        _TAKEN_TO_PATTERN,
    )
    return _Cues(*map(_twin, patterns), odd=odd_cases(patterns))


@lru_cache(maxsize=4)
def _lowered(text: str, odd: str) -> str | None:
    """The text lower-cased, when the case-sensitive twins may search it for the cue patterns
    (their letters all lower case): ``lower`` keeps every offset, and no character of the text
    is one ``re`` matches with a pattern letter, ignoring case, while ``lower`` gives another
    (``odd``). Then every character, lower-cased, matches what it matched ignoring case: checked
    over all of Unicode for the items of these patterns (their letters, word and space classes,
    word boundaries, ``[^.!?\\n]``)."""
    low = lowered(text)  # found when the article's names were (find_place_mentions)
    if len(low) != len(text) or holds_odd(low, odd):
        return None
    return low


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """An article's place names in text order, with the country and region most are in."""

    places: list[ResolvedPlace]
    country: str | None
    region: str | None
    isolated: frozenset[object] = frozenset()  # places far from all the article's other names


def article_places(document: Document) -> ArticlePlaces:
    """Every place name of an article, disambiguated together (once per article)."""
    places = resolve_mentions(find_place_mentions(document.text), url=url_hints(document.url))
    return ArticlePlaces(places, *_consensus(places), _isolated(places))


ISOLATED_KM = 300.0


def _isolated(places: list[ResolvedPlace]) -> frozenset[object]:
    """The places (keys) far from all the article's other names (more than 300 km, and in
    another state or region), when some other names of it lie together: a town the gazetteer
    lacks (a neighbourhood, a surname) resolves to a namesake far from the article's places."""
    spots: dict[str, Location] = {}
    for p in places:
        if (p.location.precision or 6) <= 4:  # a state or region supports its towns
            spots.setdefault(p.surface.casefold(), p.location)
    if len(spots) < 3:
        return frozenset()
    # a name in the state or region of another is close to it: counted once, not per pair
    states = Counter((loc.country, loc.admin1) for loc in spots.values() if loc.admin1 is not None)
    alone, together = set(), False
    for name, loc in spots.items():
        if (loc.admin1 is not None and states[loc.country, loc.admin1] > 1) \
                or any(other != name and _near(loc, near) for other, near in spots.items()):
            together = True
        elif loc.lat is not None and (loc.precision or 6) <= 3:
            alone.add(loc.geonameid or loc.name)
    return frozenset(alone) if together else frozenset()


def _near(a: Location, b: Location) -> bool:
    return (a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
            and abs(a.lat - b.lat) <= _ISOLATED_DEG and km(a.lat, a.lon, b.lat, b.lon) <= ISOLATED_KM)


# no two places are nearer than their latitudes say: a cheap test first spares most haversines
_ISOLATED_DEG = ISOLATED_KM / (6371.0 * math.pi / 180) + 1e-6


def choose(text: str, article: ArticlePlaces, spans: list[tuple[int, int]],
           language: str = "en") -> Location:
    """The Location of an incident whose sentences are ``spans`` (sorted offsets)."""
    places, country, region = article.places, article.country, article.region
    if not places or not spans:
        return Location()
    cues = _cues(language)
    low = _lowered(text, cues.odd)
    pick = 0 if low is None else 1  # which of each twin searches ``seen``
    seen = text if low is None else low
    locative, speaker_before = cues.locative[pick], cues.speaker_before[pick]
    speaker_after, taken_to = cues.speaker_after[pick], cues.taken_to[pick]
    starts = [a for a, _ in spans]
    counts: dict[object, int] = {}
    inside: list[ResolvedPlace] = []
    for p in places:
        i = bisect_right(starts, p.start) - 1
        # a region without coordinates (one GeoNames has no code for) is kept: it says the
        # country, and wins only where no place with coordinates is named
        if i >= 0 and p.start < spans[i][1] and (p.location.lat is not None or p.location.precision == 4):
            inside.append(p)
            key = p.location.geonameid or p.location.name
            counts[key] = counts.get(key, 0) + 1
    if not inside:
        return Location()
    first = spans[0][0]
    span_len = max(1, spans[-1][1] - first)
    best, best_score = None, float("-inf")
    for p in inside:
        if p.surface.isupper() and len(p.surface) <= 4 and not _dateline(text, p.start, p.end):
            continue  # an acronym ("SUV", "KSLA"), not a place, outside a dateline
        score = _PRECISION_SCORE.get(p.location.precision or 6, 0.5) - (5.0 if p.location.lat is None else 0.0)
        if country is not None and p.location.country != country:
            score -= 1.5  # the article is about another country
        elif region is not None and p.location.admin1 == region:
            score += 0.8
        if (p.location.geonameid or p.location.name) in article.isolated:
            score -= ISOLATED_PENALTY
        before = seen[max(0, p.start - 40) : p.start]
        after = seen[p.end : p.end + 30]
        if locative.search(before) and not _taken_to(seen, p.start, taken_to, low is not None):
            score += 2.0  # not where the wounded were taken: there it did not happen
        # (ignoring case, other characters match the pattern's words: the original text is searched)
        if speaker_after.match(after) or (
                (low is None or _ends_with_speaker_of(before)) and speaker_before.search(before)):
            score -= 2.5
        if p.surface.isupper() and _dateline(text, p.start, p.end):  # "DAYTON, Ohio —"
            score += 1.5
        score += 1.0 - (p.start - first) / span_len  # earlier is likelier the incident's own
        key = p.location.geonameid or p.location.name
        score += 0.3 * min(counts.get(key, 1) - 1, 3)
        if score > best_score:
            best, best_score = p, score
    return best.location if best is not None else Location()


def _ends_with_speaker_of(before: str) -> bool:
    """Whether lower-cased words before a name end as the speaker-before pattern's must ("of",
    "for", "in", "from" or "the", then spaces): most do not, and need no search."""
    last = before.rstrip()
    return len(last) < len(before) and last.endswith(_SPEAKER_LAST)


def _taken_to(seen: str, start: int, pattern: re.Pattern[str], is_lower: bool) -> bool:
    """Whether the words before offset ``start`` say the wounded were taken there ("rushed to
    a hospital in"). The pattern opens with one of ``_TAKEN_WORDS``: in the lower-cased text,
    a stretch without any of them (most) needs no search, which tries every offset."""
    a = max(0, start - _TAKEN_BACK)
    if is_lower:
        window = seen[a:start]
        for word in _TAKEN_WORDS:  # a loop, not any(): this runs for most places
            if word in window:
                break
        else:
            return False
    return pattern.search(seen, a, start) is not None


_DATELINE_AFTER = re.compile(r"(?:,[^\n—–-]{0,30})?\s*(?:\([A-Za-z .]+\)\s*)?[—–-]|,")


def _dateline(text: str, start: int, end: int) -> bool:
    """A name in capitals opening the text or a paragraph, a comma or dash after it."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and _DATELINE_AFTER.match(text, end) is not None


def _consensus(places: list[ResolvedPlace]) -> tuple[str | None, str | None]:
    """The country (and region) most of the article's place names are in, when clear: at least
    two names and more than half of them."""
    countries: dict[str, int] = {}
    regions: dict[str, int] = {}
    for p in places:
        if p.location.country:
            countries[p.location.country] = countries.get(p.location.country, 0) + 1
        if p.location.admin1 and (p.location.precision or 6) <= 4:
            regions[p.location.admin1] = regions.get(p.location.admin1, 0) + 1
    country = max(countries, key=lambda k: countries[k], default=None)
    if country is None or countries[country] < 2 or 2 * countries[country] <= sum(countries.values()):
        return None, None
    region = max(regions, key=lambda k: regions[k], default=None)
    if region is not None and regions[region] < 2:
        region = None
    return country, region
