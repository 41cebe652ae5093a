"""Annotate stage: date phrases in an article and the days they stand for.

``find_dates(text, published, language)`` finds weekday names ("late Sunday", "Monday night",
"samedi soir"), relative words ("yesterday", "last night", "hier", "avant-hier"), holidays
("New Year's Eve", "la Saint-Sylvestre"), explicit dates ("Jan. 2", "1 January 2023",
"12/31/2022", "2023-01-02", "le 1er janvier"), periods ("last week", "this month", "this year")
and ranges ("Saturday, Sunday and Monday", "Dec. 30-31", "dans la nuit de samedi à dimanche"),
and resolves each against the publication date into ``earliest``/``latest`` and a UCDP
``date_prec`` (1 exact day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 within a year).

Our own rules, not dateparser (see LIBRARIES.md, row "dates"): "on Monday" is the last Monday on
or before publication, never a future one; "New Year's Eve" is 31 December of the year ending on
or before publication. Phrases that point after publication ("next Monday", "will be held on
Friday", "March 3" in an article of 2 March) come back with kind ``"future"`` so callers can skip
them. Without a publication date only explicit dates that carry a year are returned.

The words live in ``lexicons/<language>/dates.json``; the regexes are built from them once per
process and language. Speed: each pattern group makes one linear pass with a regex that starts
on a literal (month names, weekday names, a digit) or one ``str.find`` per keyword; the full
grammar then runs only in short windows around those anchors.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from operator import attrgetter

from .. import lexicons
from ..gates import lowered
from ..records import fast_init

__all__ = ["DateMention", "fallback_date", "find_dates"]

#: A yearless date (or holiday) at most this many days after publication is read as a future
#: date of the publication year; further ahead, it is the same date of the year before.
FUTURE_WINDOW_DAYS = 120

_DAY = dt.timedelta(days=1)

# Resolution of the period words (lexicon value -> kind, precision).
_PERIOD_KIND = {
    "weekend": ("relative", 2),
    "this_week": ("relative", 3),
    "last_week": ("relative", 3),
    "this_month": ("relative", 4),
    "last_month": ("relative", 4),
    "this_year": ("period", 5),
    "last_year": ("period", 5),
    "next_week": ("future", 3),
    "next_month": ("future", 4),
    "next_year": ("future", 5),
}


@fast_init
@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase in a text: its span, the days it covers, UCDP precision and kind."""

    start: int
    end: int
    surface: str
    earliest: dt.date
    latest: dt.date
    precision: int
    kind: str  # weekday | relative | explicit | holiday | range | period | future


# --------------------------------------------------------------------------- grammar


def _phrase(words: str) -> str:
    """Regex for a lexicon phrase: spaces match any whitespace, apostrophes either form."""
    return re.escape(words).replace(r"\ ", r"\s+").replace("'", "['’]")


def _alt(words: Iterable[str]) -> str:
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(_phrase(w) for w in parts) + ")" if parts else "(?!)"


def _tree_alt(words: list[str]) -> str:
    """:func:`_alt` as a prefix tree (:func:`lexicons.literal_alternation`) when every word is
    a plain one (no space, no apostrophe): the same matches, the longest word at an offset,
    but ``re`` follows one branch per character where it tried every word (the month and
    weekday names at each capital of an article: its scan ~10% faster)."""
    parts = [w for w in words if w]
    if parts and all(_phrase(w) == re.escape(w) for w in parts):
        return "(?:" + lexicons.literal_alternation(parts) + ")"
    return _alt(words)


@lru_cache(maxsize=4096)
def _norm(s: str) -> str:
    """A phrase as the lexicon keys are written: lower case, straight apostrophes, single spaces.
    Kept for the phrases met again (the same few names and words recur in every article)."""
    return " ".join(s.replace("’", "'").lower().split())


def _keywords(phrases: Iterable[str], last: bool = True) -> tuple[str, ...]:
    """A word of each phrase (the longest part of its last word, or its longest word), minus
    words that contain another keyword: windows around them hold every phrase."""
    words = {
        max(re.findall(r"\w+", _norm(p).split()[-1] if last else _norm(p)), key=len)
        for p in phrases
    }
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _rev_alt(words: Iterable[str], bounded: bool = True) -> str:
    """Alternation of the phrases written backwards (for patterns run on the reversed text)."""
    parts = sorted({" ".join(w.split())[::-1] for w in words if w}, key=len, reverse=True)
    if not parts:
        return "(?!)"
    return "(?:" + "|".join(_phrase(p) + (r"(?!\w)" if bounded and p[-1].isalnum() else "") for p in parts) + ")"


def _nth_key(key: str) -> re.Pattern[str]:
    """A key word of "on the 31st", as a regex for its occurrences in the lower-cased text that a
    day number may follow ("the" is everywhere, a day number after it rare). ``finditer`` gives
    the occurrences one after the other, as ``str.find`` from the end of the last; a word that
    can overlap itself ("aa") is looked for without the test, or one would hide another."""
    overlaps = any(key[:k] == key[-k:] for k in range(1, len(key)))
    return re.compile(re.escape(key) + ("" if overlaps else r"(?=\s*\d)"))


def _rev(words: Iterable[str], lead: str = r"\s+", ci: bool = True) -> re.Pattern[str]:
    r"""Pattern for the phrase that ends just before an offset, matched on the reversed text.

    ``pattern.match(text[::-1], len(text) - offset)`` is anchored: much cheaper than searching
    a window for ``phrase\s+$``. Group 1 is the phrase, reversed.
    """
    return re.compile(lead + ("(?i:(" if ci else "((") + _rev_alt(words) + "))")


def _before(pattern: re.Pattern[str] | None, rev: str, offset: int) -> tuple[int, str] | None:
    """(start, phrase) of the lexicon phrase that ends just before ``offset``, or None."""
    if pattern is None:
        return None
    m = pattern.match(rev, len(rev) - offset)
    return None if m is None else (len(rev) - m.end(), m[1][::-1])


@dataclass(frozen=True, slots=True)
class _Grammar:
    names_ci: bool  # month and weekday names match in any case (scan the lowercased text)
    months: dict[str, int]
    names_re: re.Pattern[str]  # month and weekday names: one pass finds both
    month_tail: re.Pattern[str]
    year_tail: re.Pattern[str]
    month_head: re.Pattern[str]
    month_prep: re.Pattern[str]
    nth_keys: tuple[re.Pattern[str], ...]  # the last word of an "on the" cue (see _nth_key)
    numeric_dmy: bool
    nth_before: re.Pattern[str] | None
    weekdays: dict[str, int]
    wd_before: re.Pattern[str]
    wd_after: re.Pattern[str]
    wd_past: frozenset[str]
    wd_future: frozenset[str]
    wd_not_after: re.Pattern[str] | None
    wd_not_before: re.Pattern[str]
    list_gap: re.Pattern[str]
    range_open_before: re.Pattern[str]
    explicit_gap: re.Pattern[str]
    and_gap: re.Pattern[str]
    phrase_keys: tuple[str, ...]
    phrase_rev: re.Pattern[str]  # every relative and period phrase, backwards (on reversed text)
    relative: dict[str, tuple[int, int]]
    periods: dict[str, str]
    holiday_keys: tuple[str, ...]
    holiday_margin: int
    holiday_re: re.Pattern[str]
    holidays: dict[str, tuple[int, int, bool]]
    holiday_cue: re.Pattern[str]
    holiday_not_after: re.Pattern[str] | None
    future_before: re.Pattern[str]


@cache
def _grammar(language: str) -> _Grammar:
    data = lexicons.load("dates", language)
    ci = bool(data.get("case_insensitive_names"))
    month_names = [m.lower() if ci else m for m in data["months"]]
    weekday_names = [w.lower() if ci else w for w in data["weekdays"]]
    ordinal = "(?:" + _alt(data["ordinal_suffixes"]) + ")?"
    day = r"(?<![\d.,/:])[0-3]?\d" + ordinal
    year = r"(?:19|20)\d\d(?![\d:%])"
    year_tail = rf"(?:,?\s+(?P<y>{year}))?"
    if data.get("month_first"):
        month_tail = (
            rf"\.?(?:\s+(?:the\s+)?(?P<d>{day})(?:\s*[-–]\s*(?P<d2>{day}))?(?![\d:%])(?!,\d{{3}}))?"
            + year_tail
        )
    else:
        month_tail = r"\.?" + year_tail
    # the day (or days) written before a month name, read backwards from the month:
    # "[from] [the] 30[th] [- 31st] [of] December" -> last day, first day, article, opener
    num = rf"(?i:{_rev_alt(data['ordinal_suffixes'], bounded=False)})?\d[0-3]?(?![\d.,/:])"
    month_head = (
        rf"\s+(?:(?i:{_rev_alt(data['day_of'])})\s+)?(?P<last>{num})"
        rf"(?:\s*(?:[-–]|\s(?i:{_rev_alt(data['range_join'])})\s)\s*(?P<first>{num}))?"
        rf"(?:\s+(?i:{_rev_alt(data['day_article'])}))?(?:\s+(?i:{_rev_alt(data['range_open'])}))?"
    )
    on_the = data.get("on_the_nth") or []
    nth_before = _rev(on_the) if on_the else None

    before, after = data["weekday_before"], data["weekday_after"]
    not_after = data.get("weekday_not_after") or []
    list_join = "(?i:" + _alt(data["list_join"]) + ")"
    art = "(?i:" + _alt(data["day_article"]) + ")"
    starts = [*data["range_open"], *data["night_open"]]
    no_and = [w for w in data["range_join"] if w not in ("and", "et")]

    holidays: dict[str, tuple[int, int, bool]] = {}
    for h in data["holidays"]:
        for name in h["names"]:
            holidays[_norm(name)] = (h["month"], h["day"], bool(h.get("needs_cue")))
    hna = data.get("holiday_not_after") or []
    phrases = [*data["relative"], *data["periods"]]
    return _Grammar(
        names_ci=ci,
        months={_norm(k): v for k, v in data["months"].items()},
        names_re=re.compile(_tree_alt([*month_names, *weekday_names])),
        month_tail=re.compile(month_tail),
        year_tail=re.compile(r"\.?" + year_tail),
        month_head=re.compile(month_head),
        month_prep=_rev(data["month_prepositions"], lead=r"\s*"),
        nth_keys=tuple(_nth_key(k) for k in sorted({_norm(w).split()[-1] for w in on_the})),
        numeric_dmy=data.get("numeric_order") == "dmy",
        nth_before=nth_before,
        weekdays={_norm(k): v for k, v in data["weekdays"].items()},
        wd_before=_rev([*before["neutral"], *before["past"], *before["future"]]),
        wd_after=re.compile(
            rf"\s+(?i:({_alt([*after['neutral'], *after['past'], *after['future']])}))(?!\w)"
        ),
        wd_past=frozenset(_norm(w) for w in [*before["past"], *after["past"]]),
        wd_future=frozenset(_norm(w) for w in [*before["future"], *after["future"]]),
        wd_not_after=_rev(not_after, ci=False) if not_after else None,
        wd_not_before=re.compile(
            r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|Sport|Mail|Observer"
            r"|Night\s+Football)\b"
        ),
        list_gap=re.compile(rf"\s*(?:,\s*(?:{list_join}\s+)?|\s+{list_join}\s+)(?:{art}\s+)?"),
        range_open_before=_rev(starts),
        explicit_gap=re.compile(rf"\s*(?:[-–]|\s(?i:{_alt(no_and)})\s)\s*"),
        and_gap=re.compile(r"\s+(?i:and|et)\s+"),
        phrase_keys=_keywords(phrases),
        phrase_rev=re.compile(
            "(?:"
            + "|".join(_phrase(p[::-1]) for p in sorted({_norm(p) for p in phrases}, key=len, reverse=True))
            + r")(?![\w-])"
        ),
        relative={_norm(k): (v[0], v[1]) for k, v in data["relative"].items()},
        periods={_norm(k): v for k, v in data["periods"].items()},
        holiday_keys=_keywords(holidays, last=False),
        holiday_margin=max(len(h) for h in holidays) + 2,
        holiday_re=re.compile(_alt(holidays)),
        holidays=holidays,
        holiday_cue=_rev(data["holiday_cues"], lead=r"\s+(?:eht\s+)?"),
        holiday_not_after=_rev(hna) if hna else None,
        future_before=_rev(data["future_before"], lead=r"\s+(?:[^\s.;!?]+\s+){0,3}", ci=False),
    )


# --------------------------------------------------------------------------- calendar helpers


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _precision(earliest: dt.date, latest: dt.date) -> int:
    n = (latest - earliest).days
    if n <= 0:
        return 1
    if n <= 5:
        return 2
    if n <= 6:
        return 3
    if n <= 30:
        return 4
    return 5


def _weekday_on_or_before(ref: dt.date, wd: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - wd) % 7)


def _weekday_after(ref: dt.date, wd: int) -> dt.date:
    return ref + dt.timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)


def _yearless(m: int, d: int, ref: dt.date, future_ok: bool = True) -> tuple[dt.date, bool] | None:
    """Month-day without a year: (date, is_future) nearest ``ref`` as the rules say, or None."""
    if not _safe(2000, m, d):  # no such day in any year (31 February)
        return None
    this = _safe(ref.year, m, d)
    if this is not None and this <= ref:
        return this, False
    if this is not None and future_ok and (this - ref).days <= FUTURE_WINDOW_DAYS:
        return this, True
    for y in range(ref.year - 1, ref.year - 9, -1):  # 29 February: the last leap year
        prev = _safe(y, m, d)
        if prev is not None:
            return prev, False
    return None


def _next_occurrence(m: int, d: int, ref: dt.date) -> dt.date | None:
    """The first such month-day after ``ref``."""
    for y in range(ref.year, ref.year + 9):
        date = _safe(y, m, d)
        if date is not None and date > ref:
            return date
    return None


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1)) - _DAY


def _period(name: str, pub: dt.date) -> tuple[dt.date, dt.date]:
    if name == "weekend":
        sunday = _weekday_on_or_before(pub, 6)
        return sunday - _DAY, sunday
    if name == "this_week":
        return pub - dt.timedelta(days=pub.weekday()), pub
    if name == "last_week":
        return pub - dt.timedelta(days=7), pub - _DAY
    if name == "this_month":
        return pub.replace(day=1), pub
    if name == "last_month":
        end = pub.replace(day=1) - _DAY
        return end.replace(day=1), end
    if name == "this_year":
        return dt.date(pub.year, 1, 1), pub
    if name == "last_year":
        return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)
    if name == "next_week":
        return pub + _DAY, pub + dt.timedelta(days=7)
    if name == "next_month":
        start = _month_end(pub.year, pub.month) + _DAY
        return start, _month_end(start.year, start.month)
    if name == "next_year":
        return dt.date(pub.year + 1, 1, 1), dt.date(pub.year + 1, 12, 31)
    raise ValueError(name)


# --------------------------------------------------------------------------- finders


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    earliest: dt.date
    latest: dt.date
    precision: int
    kind: str
    ymd: tuple[int | None, int, int] | None = None  # single explicit days: (year or None, m, d)


_NUMERIC = re.compile(
    r"(?:(?P<gy>(?:19|20)\d\d)-(?P<gm>[01]\d)-(?P<gd>[0-3]\d)"
    r"|(?P<ha>\d{1,2})(?P<sep>[/.])(?P<hb>\d{1,2})(?P=sep)(?P<hy>(?:19|20)\d\d))(?!\d)(?![/.\-]\d)"
)
_NTH = re.compile(r"\s*(\d{1,2})(?:st|nd|rd|th)\b")
# A separator with a digit after it: each pattern starts on one literal character, which the
# regex engine looks for in C (the sentence-ending dots are passed over without a Python step).
# A separator before a digit that is not a decimal digit ("²") cannot start a numeric date.
_START_OF = attrgetter("start")
_SEP_DIGIT = tuple(re.compile(re.escape(sep) + r"(?=\d)") for sep in "/-.")


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (offsets stay valid)."""
    low = lowered(text)
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _bounded(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e >= len(text) or not text[e].isalnum())


def _int(day: str) -> int:
    return int("".join(c for c in day if c.isdigit()))


def _future_cue(g: _Grammar, rev: str, start: int) -> bool:
    """A future-tense cue a few words before ``start`` in the same sentence ("will be held on")."""
    return g.future_before is not None and g.future_before.match(rev, len(rev) - start) is not None


def _windows(low: str, keys: Iterable[str], before: int = 40, after: int = 40) -> list[tuple[int, int]]:
    """Merged windows of ``low`` around every occurrence of the keywords."""
    spans = []
    for k in keys:
        i = low.find(k)
        while i >= 0:
            spans.append((max(0, i - before), i + len(k) + after))
            i = low.find(k, i + len(k))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _day_hit(s: int, e: int, mo_day: tuple[int, int], y: int | None, pub: dt.date | None,
             g: _Grammar, rev: str, start_md: tuple[int, int] | None = None) -> _Hit | None:
    if y is not None:
        end_date = _safe(y, *mo_day)
        future = bool(end_date and pub and end_date > pub)
    elif pub is None:
        return None
    else:
        got = _yearless(*mo_day, pub)
        if got is None:
            return None
        end_date, future = got
        if not future and _future_cue(g, rev, s):  # "will be held on January 2"
            nxt = _next_occurrence(*mo_day, pub)
            if nxt is not None:
                end_date, future = nxt, True
    if end_date is None:
        return None
    start_date = end_date
    if start_md is not None:
        start_date = _safe(end_date.year, *start_md)
        if start_date is None or start_date > end_date:
            return None
    kind = "future" if future else "range" if start_md else "explicit"
    return _Hit(s, e, start_date, end_date, _precision(start_date, end_date), kind,
                None if start_md else (y, *mo_day))


def _names(g: _Grammar, text: str, low: str) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Month names and weekday names as (start, end, number), in one pass."""
    months, weekdays = [], []
    for m in g.names_re.finditer(low if g.names_ci else text):
        s, e = m.span()
        if _bounded(text, s, e):
            key = _norm(m.group())
            if key in g.weekdays:
                weekdays.append((s, e, g.weekdays[key]))
            else:
                months.append((s, e, g.months[key]))
    return months, weekdays


def _explicit(g: _Grammar, text: str, low: str, rev: str, pub: dt.date | None,
              months: list[tuple[int, int, int]]) -> list[_Hit]:
    hits: list[_Hit] = []
    n = len(text)
    for s, e, month in months:
        head = g.month_head.match(rev, n - s)
        if head is not None:  # 2 January [2023], 30-31 December, le 1er janvier
            tail = g.year_tail.match(text, e)
            y = int(tail["y"]) if tail["y"] else None
            end = tail.end() if y else e
            last, first = _int(head["last"][::-1]), head["first"]
            hit = _day_hit(n - head.end(), end, (month, last), y, pub, g, rev,
                           (month, _int(first[::-1])) if first else None)
            if hit is not None:
                hits.append(hit)
            continue
        tail = g.month_tail.match(text, e)
        y = int(tail["y"]) if tail["y"] else None
        d = tail.groupdict().get("d")
        if d:  # January 2[, 2023], Dec. 30-31
            d2 = tail["d2"]
            hit = _day_hit(s, tail.end(), (month, _int(d2) if d2 else _int(d)), y, pub, g, rev,
                           (month, _int(d)) if d2 else None)
            if hit is not None:
                hits.append(hit)
            continue
        prep = None if y else _before(g.month_prep, rev, s)
        if y is None and prep is None:
            continue  # a bare "May" or "August": not a date
        future = False
        if y is None:  # in January: the last one, or the next one after a future cue
            if pub is None:
                continue
            ahead = (dt.date(pub.year, month, 1) - pub).days if month > pub.month else -1
            if future := (_future_cue(g, rev, prep[0]) or 0 < ahead <= FUTURE_WINDOW_DAYS):
                y = pub.year if month >= pub.month else pub.year + 1
            else:
                y = pub.year if month <= pub.month else pub.year - 1
            s = prep[0]
        first, last = dt.date(y, month, 1), _month_end(y, month)
        future = future or (pub is not None and first > pub)
        hits.append(_Hit(s, tail.end() if tail["y"] else e, first, last, 4,
                         "future" if future else "explicit"))
    # numeric dates: 12/31/2022, 31.12.2022, 2023-01-02 (anchored on their separators)
    starts = set()
    for sep_digit in _SEP_DIGIT:
        for found in sep_digit.finditer(text, 1):
            i = found.start()
            if text[i - 1].isdigit():
                s = i - 1
                while s > 0 and text[s - 1].isdigit():
                    s -= 1
                starts.add(s)
    last_end = -1
    for s in sorted(starts):
        if s < last_end or (s > 0 and text[s - 1] in "/.-"):
            continue
        m = _NUMERIC.match(text, s)
        if m is None:
            continue
        last_end = m.end()
        if m["gy"]:
            y, mo_day = int(m["gy"]), (int(m["gm"]), int(m["gd"]))
        else:
            a, b = int(m["ha"]), int(m["hb"])
            if g.numeric_dmy:
                a, b = b, a  # a is the month
            if a > 12 >= b:
                a, b = b, a
            y, mo_day = int(m["hy"]), (a, b)
        hit = _day_hit(s, m.end(), mo_day, y, pub, g, rev)
        if hit is not None:
            hits.append(hit)
    # "on the 31st": a day of this month or the last
    if g.nth_before is not None and pub is not None:
        for key in g.nth_keys:
            for found in key.finditer(low):
                nth = _NTH.match(text, found.end())
                cue = _before(g.nth_before, rev, nth.start(1)) if nth else None
                if nth is not None and cue is not None:
                    day = int(nth[1])
                    date = _safe(pub.year, pub.month, day) if day <= pub.day else None
                    if date is None:
                        prev = pub.replace(day=1) - _DAY
                        date = _safe(prev.year, prev.month, day)
                    if date is not None:
                        hits.append(_Hit(cue[0], nth.end(), date, date, 1, "explicit",
                                         (date.year, date.month, day)))
    hits.sort(key=lambda h: h.start)
    return _merge_explicit(g, text, rev, hits, pub)


def _merge_explicit(g: _Grammar, text: str, rev: str, hits: list[_Hit], pub: dt.date | None) -> list[_Hit]:
    """Join "December 29 to January 2" and "between December 29 and January 2" into ranges."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and prev.ymd is not None and h.ymd is not None and prev.end <= h.start:
            opener = _before(g.range_open_before, rev, prev.start)
            joined = g.explicit_gap.fullmatch(text, prev.end, h.start) is not None or (
                opener is not None and g.and_gap.fullmatch(text, prev.end, h.start) is not None
            )
            if joined:
                y0, m0, d0 = prev.ymd
                start = _safe(y0 if y0 is not None else h.latest.year, m0, d0)
                if y0 is None and start is not None and start > h.latest:
                    start = _safe(h.latest.year - 1, m0, d0)
                if start is not None and start <= h.latest:
                    s = opener[0] if opener is not None else prev.start
                    future = bool(pub and start > pub)
                    out[-1] = _Hit(s, h.end, start, h.latest, _precision(start, h.latest),
                                   "future" if future else "range")
                    continue
        out.append(h)
    return out


def _weekdays(g: _Grammar, text: str, rev: str, pub: dt.date,
              names: list[tuple[int, int, int]]) -> list[_Hit]:
    raw: list[tuple[int, int, int, str]] = []  # start, end, weekday, direction
    n = len(text)
    for s, e, wd in names:
        if g.wd_not_after is not None and g.wd_not_after.match(rev, n - s):  # _before, as a test
            continue  # Black Friday, Bloody Sunday
        if e + 1 < n and text[e + 1].isupper() and g.wd_not_before.match(text, e):
            continue  # the Sunday Times
        direction = ""
        b = _before(g.wd_before, rev, s)
        if b is not None:
            word = _norm(b[1])
            s = b[0]
            direction = "past" if word in g.wd_past else "future" if word in g.wd_future else ""
        a = g.wd_after.match(text, e)
        if a is not None:
            word = _norm(a[1])
            e = a.end()
            if word in g.wd_past:
                direction = "past"
            elif word in g.wd_future:
                direction = "future"
        if not direction and _future_cue(g, rev, s):
            direction = "future"
        raw.append((s, e, wd, direction))
    if not raw:
        return []
    # weekdays joined by lists and range words: "Saturday, Sunday and Monday"
    groups: list[list[tuple[int, int, int, str]]] = [[raw[0]]]
    for item in raw[1:]:
        if g.list_gap.fullmatch(text, groups[-1][-1][1], item[0]):
            groups[-1].append(item)
        else:
            groups.append([item])
    hits = []
    for grp in groups:
        s, e = grp[0][0], grp[-1][1]
        last_wd, direction = grp[-1][2], grp[-1][3] or grp[0][3]
        if direction == "future":
            latest = _weekday_after(pub, last_wd)
        elif direction == "past":
            latest = _weekday_on_or_before(pub - _DAY, last_wd)
        else:
            latest = _weekday_on_or_before(pub, last_wd)
        earliest = latest
        for item in reversed(grp[:-1]):
            earliest = _weekday_on_or_before(earliest, item[2])
        if len(grp) > 1:
            o = _before(g.range_open_before, rev, s)
            if o is not None:
                s = o[0]
        kind = "future" if direction == "future" else "range" if len(grp) > 1 else "weekday"
        hits.append(_Hit(s, e, earliest, latest, _precision(earliest, latest), kind))
    return hits


def _capitalised_name(text: str, s: int) -> bool:
    """A capitalised word inside a sentence ("Russia Today"): a name, not a date word."""
    if not text[s].isupper() or s == 0:
        return False
    i = s - 1  # the last character before it that is not a space (not text[:s].rstrip(): a copy)
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] not in ".!?\"'“”«(:—–-\n"


def _phrase_spans(g: _Grammar, low: str) -> list[tuple[int, int]]:
    """Spans of relative and period phrases: each ends with the word holding a keyword, so read
    backwards from the end of every keyword's word (one anchored match per keyword)."""
    n = len(low)
    rlow = low[::-1]
    spans = set()
    for k in g.phrase_keys:
        i = low.find(k)
        while i >= 0:
            e = i + len(k)
            while e < n and (low[e].isalnum() or low[e] == "-"):
                e += 1
            ends = [e]
            if e + 1 < n and low[e] in "'’" and low[e + 1].isalnum():  # aujourd'hui
                e2 = e + 1
                while e2 < n and low[e2].isalnum():
                    e2 += 1
                ends.append(e2)
            for end in ends:
                m = g.phrase_rev.match(rlow, n - end)
                if m is not None:
                    spans.add((n - m.end(), end))
            i = low.find(k, e)
    return sorted(spans)


def _phrases(g: _Grammar, text: str, low: str, pub: dt.date) -> list[_Hit]:
    hits = []
    for s, e in _phrase_spans(g, low):
        if _capitalised_name(text, s):
            continue
        key = _norm(low[s:e])
        if key in g.relative:
            lo, hi = g.relative[key]
            earliest, latest = pub + dt.timedelta(days=lo), pub + dt.timedelta(days=hi)
            kind = "future" if lo > 0 else "relative"
            hits.append(_Hit(s, e, earliest, latest, _precision(earliest, latest), kind))
        else:
            name = g.periods[key]
            kind, precision = _PERIOD_KIND[name]
            earliest, latest = _period(name, pub)
            hits.append(_Hit(s, e, earliest, latest, precision, kind))
    return hits


def _holidays(g: _Grammar, text: str, low: str, rev: str, pub: dt.date) -> list[_Hit]:
    hits = []
    margin = g.holiday_margin
    for ws, we in _windows(low, g.holiday_keys, margin, margin):
        for m in g.holiday_re.finditer(low, ws, min(we, len(low))):
            s, e = m.span()
            if not _bounded(text, s, e):
                continue
            mo, day, needs_cue = g.holidays[_norm(m.group())]
            if g.holiday_not_after is not None and _before(g.holiday_not_after, rev, s):
                continue
            if needs_cue and _before(g.holiday_cue, rev, s) is None:
                continue
            got = _yearless(mo, day, pub)
            if got is None:
                continue
            date, future = got
            if not future and _future_cue(g, rev, s):
                nxt = _next_occurrence(mo, day, pub)
                if nxt is not None:
                    date, future = nxt, True
            hits.append(_Hit(s, e, date, date, 1, "future" if future else "holiday"))
    return hits


def _absorb_weekdays(text: str, weekdays: list[_Hit], explicit: list[_Hit]) -> list[_Hit]:
    """Drop a weekday written just before an explicit date ("Monday, January 2")."""
    if not weekdays or not explicit:
        return weekdays
    starts = {h.start for h in explicit}
    keep = []
    for w in weekdays:
        if w.kind != "range" and any(
            w.end + gap in starts and text[w.end : w.end + gap].strip() in ("", ",")
            for gap in range(4)
        ):
            continue
        keep.append(w)
    return keep


def find_dates(text: str, published: dt.date | None, language: str = "en") -> list[DateMention]:
    """Date phrases of ``text`` resolved against ``published``, in text order, non-overlapping."""
    if not text:
        return []
    try:
        g = _grammar(language)
    except Exception:  # no date lexicon for this language: English rules
        g = _grammar("en")
    if isinstance(published, dt.datetime):
        published = published.date()
    low, rev = _lower(text), text[::-1]
    months, weekdays = _names(g, text, low)
    hits = _explicit(g, text, low, rev, published, months)
    if published is not None:
        hits += _absorb_weekdays(text, _weekdays(g, text, rev, published, weekdays), hits)
        hits += _phrases(g, text, low, published)
        hits += _holidays(g, text, low, rev, published)
    if not hits:
        return []
    return [
        DateMention(h.start, h.end, text[h.start : h.end], h.earliest, h.latest, h.precision, h.kind)
        for h in _without_overlaps(hits)
    ]


def _without_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """The hits to keep, by start: longest first, those that do not overlap one already kept.
    Most articles have no two hits that overlap (checked in start order): then all are kept,
    and the longest-first pass is not needed."""
    hits.sort(key=_START_OF)
    if all(a.end <= b.start for a, b in pairwise(hits)):
        return hits
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    taken: list[_Hit] = []  # kept, sorted by start; they never overlap, so ends are sorted too
    starts: list[int] = []
    for h in hits:
        i = bisect.bisect_left(starts, h.start)
        if (i < len(taken) and taken[i].start < h.end) or (i > 0 and taken[i - 1].end > h.start):
            continue
        starts.insert(i, h.start)
        taken.insert(i, h)
    return taken


def fallback_date(published: dt.date | None) -> tuple[dt.date, dt.date, int] | None:
    """The date of an event whose text names no date: the week up to publication, precision 3."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        published = published.date()
    return published - dt.timedelta(days=6), published, 3
