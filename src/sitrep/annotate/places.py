"""Annotate stage: place names of a text, found in one pass and disambiguated per article.

:func:`find_place_mentions` walks the words of a text once. Runs of capitalised words (with
"of", "on", "am"... inside, hyphens and apostrophes in words) are matched against the offline
gazetteer longest first, together with the patterns that say what kind of place a name is:
"Donetsk region", "Kharkiv Oblast", "Cook County", "Chicago, Illinois", "Kyiv, Ukraine".
Capitalised words that are not places (titles, months, weekdays, "Police"...) come from the
``places`` lexicon; so do demonyms ("Russian" → RU), kept as mentions of kind ``"demonym"``:
they say which countries an article is about and are never places themselves.

:func:`resolve_mentions` picks one candidate per name for the whole article: log population,
plus the countries the article mentions, the regions it names, closeness (300 km) to its other
unambiguous places, and the state or country written after a comma.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from operator import itemgetter
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from .. import lexicons
from ..gates import lowered
from ..models import Location
from ..records import fast_init
from .gazetteer import BIG_CITY, Gazetteer, Place, km, load, normalise

MAX_TOKENS = 5  # four words and a connector ("Frankfurt am Main", "Rostov on Don")
NEAR_KM = 300.0
MAX_CONTEXT = 2.0  # context bonuses, in log10 population: worth a place 100× smaller at most
PRECISION = {"city": 1, "admin2": 3, "admin1": 4, "country": 6}
_KIND_FIT = {
    "city": {"admin1": -1.3, "admin2": -3.0},
    "city_state": {"admin1": -5.0, "admin2": -5.0, "country": -5.0},
    "admin1": {"city": -4.0, "admin2": -4.0, "country": -4.0},
    "county": {"city": -4.0, "admin1": -4.0, "country": -4.0},
    "country": {"city": -2.0, "admin1": -2.0, "admin2": -2.0},
}
_NO_FIT: dict[str, float] = {}
_FALLBACK_REGION_WORDS = frozenset({"region", "oblast", "province", "governorate", "krai", "kray"})
# A word: initials ("U.S."), "St." / "Ste." / "Mt." / "Ft.", or letters with inner apostrophes
# and hyphens. Every form opens with a letter, written once in front so that ``re`` skips
# the text between words with its fast first-character scan (a pattern opening with
# alternatives is tried at every offset).
_TOKEN = re.compile(r"[^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[SMF])t\.|(?<=S)te\."
                    r"|[^\W\d_]*(?:['’\-][^\W\d_]+)*)")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_SENTENCE_END = re.compile(r"[.!?\n]")


@fast_init
@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name in a text that may be a place, with every place it may name (most populous first).

    ``kind`` says what the text makes of it: "city" (a bare name), "admin1" ("Donetsk region"),
    "county", "country", "city_state" ("Chicago, Illinois": the span is the city's name and
    ``qualifier`` the state, region or ISO country after it) or "demonym" (a country hint).
    """

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    kind: str
    qualifier: str | None = None
    person: bool = False  # the text treats the name as a person's ("Medina said", "Mr. Hayes")
    locative: bool = False  # a locative word is just before it ("in Medina")
    part_of: str | None = None  # the place it is part of, by name: "Chicago's South Side"


@fast_init
@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place name of a text and the location it resolved to."""

    start: int
    end: int
    surface: str
    location: Location


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (built and cached on disk on first use)."""
    return load()


# -- finding -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    stop: frozenset[str]
    regions: dict[str, str]
    region_suffixes: tuple[str, ...]  # each region word as a key's last word: " county"
    connectors: frozenset[str]
    locatives: frozenset[str]
    demonyms: dict[str, str]
    states: dict[str, str]
    streets: frozenset[str]
    person_verbs: frozenset[str]
    person_titles: frozenset[str]
    common: frozenset[str]  # stop words and connectors
    # a region word opening a text in lower case, one or two spaces on (see _Scanner._region_after)
    region_after: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    data = lexicons.load("places", "en")
    common = frozenset(data["stop_words"]) | frozenset(data["connectors"])
    demonyms = dict(data["demonyms"])
    return _Lexicon(
        common=common,
        region_after=re.compile(r"[^\S\n]{1,2}(?:" + lexicons.literal_alternation(data["region_words"]) + ")"),
        stop=frozenset(data["stop_words"]),
        regions=dict(data["region_words"]),
        region_suffixes=tuple(" " + normalise(word) for word in data["region_words"]),
        connectors=frozenset(data["connectors"]),
        locatives=frozenset(data["locatives"]),
        demonyms=demonyms,
        states=dict(data.get("state_abbreviations", {})),
        streets=frozenset(data.get("street_words", ())),
        person_verbs=frozenset(data.get("person_verbs", ())),
        person_titles=frozenset(data.get("person_titles", ())),
    )


class _Tok(NamedTuple):  # a tuple: an article makes hundreds of them
    start: int
    end: int
    text: str
    low: str
    cap: bool


_NO_TOK = ("", "", False)


def _low(word: str) -> str:
    """A word's ``low`` as :func:`_tokens` cuts it (a possessive taken off)."""
    if word[-1] == "s" and word.endswith(("'s", "’s")):
        word = word[:-2]
    return word.casefold()


def _tokens(text: str, pos: int = 0, endpos: int | None = None) -> list[_Tok]:
    """The words of ``text[pos:endpos]`` (both ends at a space or an end of the text).

    ``findall`` makes no match objects; a word's offset is where it is next found, since the
    text between two words holds no letter and every word opens with one."""
    out = []
    new, find = tuple.__new__, text.find
    for word in _TOKEN.findall(text, pos, len(text) if endpos is None else endpos):
        start = find(word, pos)
        pos = end = start + len(word)
        if word[-1] == "s" and word.endswith(("'s", "’s")):  # a possessive: "Kharkiv's"
            end, word = end - 2, word[:-2]
        out.append(new(_Tok, (start, end, word, word.casefold(), word[0].isupper())))
    return out


_DOTTED = frozenset({"St.", "Mt.", "Ft.", "Ste."})  # a word whose dot is its own (see _TOKEN)


def _stretch_tokens(text: str, s: int, e: int, chunk: str | None = None) -> Sequence[_Tok]:
    """The words of the stretch of non-space characters ``text[s:e]``, as :func:`_tokens` cuts
    them. Most stretches are one word, perhaps with one mark before or after it ("Police,",
    "Kyiv.", '"The'): letters only are one word (no dot, apostrophe or hyphen inside it), and
    a mark that is no letter or digit is in no word, but for the dot of "St." and the like."""
    if chunk is None:
        chunk = text[s:e]
    if not chunk.isalpha():
        if chunk[:-1].isalpha() and not chunk[-1].isalnum() and chunk not in _DOTTED:
            e -= 1
        elif chunk[1:].isalpha() and not chunk[0].isalnum():
            s += 1
        else:
            return _tokens(text, s, e)
        chunk = text[s:e]
    return (tuple.__new__(_Tok, (s, e, chunk, chunk.casefold(), chunk[0].isupper())),)


# Words are cut at letters only, so a space is never inside one: the words of a stretch of
# text from a space to a space are the words the whole text has there. The scanner walks the
# words of capitalised names (and of a big city's name in lower case); the words around them
# it reads only for the few names the gazetteer knows, and then cuts them from the text (see
# _Scanner._prev and _Scanner._fill): the rest of an article (most of its words) is never cut
# into words.
_UPPERISH = "A-Z\u00c0-\u00de\u0100-\u1fff\u2070-\U0010ffff"  # every upper-case letter
# a stretch of non-space characters with an upper-case letter, from its first one to its end
# (a pattern opening with a class is searched by ``re``'s fast first-character scan, and
# capitals are rarer than spaces; most stretches open with their capital)
_CAP_ON = re.compile(rf"[{_UPPERISH}]\S*+")
# from a space: the spaces and stretches without a letter up to the next stretch of non-space
# characters, which has one (or is the text's last); matched on the reversed text, back
_WORD_ON = re.compile(r"(?:\s+(?:(?:[^\w\s]|[\d_])+\s+)*(\S+))?")
_WORD_BACK = _WORD_ON
_CHUNK_ON = re.compile(r"\S*")
# between two capitalised stretches (matched up to the second): one stretch, which may be a
# connector ("Rostov on Don"), in group 1; else a letter, which a gap stands for; else nothing
# (a stretch without a letter has no word: the one stretch between need not have one). One
# match, not a search for a letter and a match of one stretch: most stretches have a gap before.
_BETWEEN = re.compile(r"\s*+(\S++)\s++\Z|[\W\d_]*+[^\W\d_]")
_SPACED_AFTER = re.compile(rf"\s+({_TOKEN.pattern})")  # the word after spaces
# ASCII letters in lower case, any other byte a space: the words of a text, lowered, in one pass
_ASCII_WORDS = bytes(ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalpha() else 32
                     for c in range(256))
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Characters whose lower case is not their case fold, or not one character (ß, ſ, İ, Σ...), and
# the Kelvin sign (the one other letter whose lower case is an ASCII letter): in a text without
# them, ``text.lower()`` is ``casefold`` of every word at the same offsets, and a word whose
# case fold is an ASCII key is written in ASCII letters.
_ODD_CASE = re.compile(
    "[\u00b5\u00df\u0130\u0149\u017f\u01f0\u0345\u0390\u03a3\u03b0\u03c2\u03d0-\u03d1"
    "\u03d5-\u03d6\u03f0-\u03f1\u03f5\u0587\u13a0-\u13f5\u13f8-\u13fd\u1c80-\u1c88"
    "\u1e96-\u1e9b\u1e9e\u1f50\u1f52\u1f54\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6-\u1fb7"
    "\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fc7\u1fcc\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4"
    "\u1fe6-\u1fe7\u1ff2-\u1ff4\u1ff6-\u1ff7\u1ffc\u212a\uab70-\uabbf\ufb00-\ufb06\ufb13-\ufb17]"
)


class _Text:
    """An article's text with what the scanner asks of its words: the words of its capitalised
    names, and whether a word occurs in lower case anywhere ("the buffalo").

    ``toks`` holds the words of every stretch of non-space characters with a capital letter
    or a big city's name in lower case, with the one stretch between two of them (a
    connector: "Rostov on Don"), in text order. Where words are left out between two of these,
    a gap stands for them: an empty word (which matches nothing) from the end of the stretch
    before to the start of the next. No word a gap stands for is capitalised, so a run of
    capitalised words never goes on through a gap. (A capitalised common word standing alone,
    "The" opening a sentence, is in: the scanner passes over its run with one look-up, see
    _Scanner._run, for less than telling it alone would cost.) Words next to each other in ``toks``
    are next to each other in the text; the scanner cuts the words a gap stands for when it
    needs them. ``plain`` (every word, no gap) is for texts with odd-case characters."""

    def __init__(self, text: str, big_words: frozenset[bytes], plain: bool = False) -> None:
        self.text = text
        self._known: dict[str, bool] = {}
        self._all: set[str] | None = None
        self.hits: frozenset[str] | None = None  # big cities' words in lower case (None: any)
        self.rev = text[::-1]  # to read back from an offset with one match
        # every word, the plain way (an ASCII text has no odd-case character: no need to look)
        self.plain = plain or (not text.isascii() and _ODD_CASE.search(text) is not None)
        if self.plain:
            self.lower = ""
            self.toks = _tokens(text)
            self._all = {t.low for t in self.toks if not t.cap}
            return
        self.lower = lowered(text)
        spans = [m.span() for m in _CAP_ON.finditer(text)]
        words = text.encode().translate(_ASCII_WORDS).split()
        self.hits = hits = frozenset(w.decode() for w in big_words.intersection(words))
        for word in hits:  # a big city in lower case, perhaps after a locative ("on kyiv")
            k, n = self.lower.find(word), len(word)
            while k >= 0:
                # a word "Kyiv" is no word "kyiv", nor is a part of a word ("part" of
                # "department", "parts": the word is letters only)
                if not text[k].isupper() and not (k and text[k - 1].isalpha()) \
                        and not text[k + n : k + n + 1].isalpha():
                    spans.append(self.chunk(k))
                k = self.lower.find(word, k + n)
        if hits:
            spans.sort()
        self.toks = self._names(spans)

    def chunk(self, k: int) -> tuple[int, int]:
        """The stretch of non-space characters around offset k."""
        n = len(self.text)
        back = _CHUNK_ON.match(self.rev, n - k).end() - (n - k)
        return k - back, _CHUNK_ON.match(self.text, k).end()

    def _names(self, spans: list[tuple[int, int]]) -> list[_Tok]:
        """The words of the stretches ``spans`` (sorted; a stretch may come twice; a span may
        start at the stretch's first capital), the one stretch between two of them, and gaps
        for the words left out (see the class)."""
        text, new, between_at = self.text, tuple.__new__, _BETWEEN.match
        out: list[_Tok] = []
        add = out.append  # a loop over every capitalised stretch: names bound once
        end = 0  # where the last stretch put in ends
        for s, e in spans:
            if s < end:
                continue  # a capitalised stretch with a big city's word in lower case, met again
            if s and not text[s - 1].isspace():  # a capital not opening its stretch: '"Kyiv'
                s = self.chunk(s)[0]
            chunk = text[s:e]
            # words between (the one space between two stretches next to each other is none)
            between = between_at(text, end, s) if s - end > 1 else None
            if between is not None:
                if between.start(1) < 0:
                    add(new(_Tok, (end, s, "", "", False)))
                else:
                    out.extend(_stretch_tokens(text, *between.span(1)))
            if chunk.isalpha():  # one word, no mark (most stretches): as _stretch_tokens cuts it
                add(new(_Tok, (s, e, chunk, chunk.casefold(), chunk[0].isupper())))
            elif chunk[:-1].isalpha() and not chunk[-1].isalnum() and chunk not in _DOTTED:
                word = chunk[:-1]  # one word and a mark after it ("Kyiv,"), as _stretch_tokens
                add(new(_Tok, (s, e - 1, word, word.casefold(), word[0].isupper())))
            else:
                out.extend(_stretch_tokens(text, s, e, chunk))
            end = e
        if _HAS_LETTER.search(text, end):
            out.append(new(_Tok, (end, len(text), *_NO_TOK)))
        return out

    def has_lowercase(self, low: str) -> bool:
        """Whether a word of the text, written in lower case, is ``low`` (casefolded)."""
        if self._all is not None:
            return low in self._all
        known = self._known.get(low)
        if known is None:
            known = False
            text, k = self.text, self.lower.find(low)
            while k >= 0 and not known:
                # a word that is ``low`` starts at k, or none does: not at a capital, nor
                # after a letter (inside a word: "la" in "claimed")
                if text[k].isupper() or (k and text[k - 1].isalpha()):
                    k = self.lower.find(low, k + 1)
                    continue
                s, e = self.chunk(k)
                known = any(not t.cap and t.low == low for t in _tokens(text, s, e))
                k = self.lower.find(low, e)
            self._known[low] = known
        return known


# A house number or "block of" (and a compass point) just before a name, within 16 characters:
# "2850 Brewer", "the 500 block of N. Summit". Matched back from the name on the reversed
# text (one try, not a search of 16 offsets): the shortest such words, one digit of a number.
_ADDRESS_BACK = re.compile(r"\s+(?:\.?[NSEW]\s+)?(?:[A-Za-z]?\d|fo kcolb\b)", re.I)
_ADDRESS_MAX = 16
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*[,;)]")
_PUNCT_AFTER = re.compile(r"\s*[.,;:!?\"”]")
_AP_STATE = re.compile(r"([A-Z][a-z]{1,4}|[NSWD]\.[A-Z][a-z]?)\.")


_LOWERCASE_MIN = BIG_CITY  # the gazetteer knows the words of these cities
_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z ]+\)\s*)?[,—–-]")
_OTHER_NAME_MIN = 100_000
OTHER_NAME_PENALTY = 3.0  # an alternate name unlike the place's own: worth a place 1000× smaller


class _Run(NamedTuple):
    """What the gazetteer and the lexicon say of the spans of a run of capitalised words,
    whatever the words around it: for each word, the ends (counted from the run's start,
    longest first) of the spans from it that _try_span may take (a name the gazetteer knows,
    a name and a region word), and whether the span from it to the run's end may be taken
    only for the words after the run (a region word, for a name the gazetteer knows with one:
    "Autauga county"; a state or country after a comma, for a doubtful name: "Ann Lee, Ohio");
    ``quiet`` when no span may be taken whatever follows and no word is a demonym."""

    tries: tuple[tuple[int, ...], ...]
    to_end: tuple[bool, ...]
    quiet: bool


# Runs by the run as written: its words, and so what is said of its spans, are the run's
# text's own wherever it stands (a run's words are whole words one or two spaces apart, or a
# connector between; each opens with a letter, and _TOKEN reads no further back than its own
# first letter). Most runs name nothing ("President Volodymyr Zelensky", "Police Chief Ann
# Lee") or one short name in them, and come again and again; kept across articles, for the
# one gazetteer and lexicon they were told with.
_RUNS: dict[str, _Run] = {}
_RUNS_MAX = 50_000
_RUNS_FOR: list[tuple[Gazetteer, _Lexicon]] = []


class _Scanner:
    """One pass over the tokens of a text, emitting mentions."""

    def __init__(self, text: str, gaz: Gazetteer, lex: _Lexicon, plain: bool = False) -> None:
        self.text, self.gaz, self.lex = text, gaz, lex
        if not _RUNS_FOR or _RUNS_FOR[0][0] is not gaz or _RUNS_FOR[0][1] is not lex:
            _RUNS.clear()
            _RUNS_FOR[:] = [(gaz, lex)]
        self.words = _Text(text, gaz.big_city_words(), plain)
        self.toks = self.words.toks
        self.out: list[PlaceMention] = []
        self._before: dict[int, tuple[Sequence[_Tok], int]] = {}  # _back, by offset
        self._locative: dict[int, bool] = {}  # _after_locative, by offset

    def run(self) -> list[PlaceMention]:
        toks, locatives, hits = self.toks, self.lex.locatives, self.words.hits
        i = 0
        while i < len(toks):  # _fill may put words in
            tok = toks[i]
            if tok.cap:
                j = self._run_end(i)
                run = self._run(i, j)
                if not run.quiet or (True in run.to_end and self._end_open(j)):
                    j = self._scan_run(i, j, run)
                i = j
                continue
            if tok.low and (hits is None or tok.low in hits):
                prev = self._prev(i)
                if prev is not None and prev.low in locatives:
                    self._lowercase_city(i)
            i += 1
        return self.out

    # The words next to a name that ``toks`` may leave out (see _Text): cut from the text when
    # a name asks for them, as a list of every word would have them.

    def _prev(self, p: int) -> _Tok | None:
        """The word before token p; None where there is none (the first word of a text, after
        nothing but spaces and marks: a sentence opens there, see :meth:`_sentence_initial`)."""
        if p > 0:
            prev = self.toks[p - 1]
            if prev.text:
                return prev
            words = self._back(prev.end)[0]  # a gap ends where token p's stretch starts
        else:
            words = self._words_before(p)[0]
        return words[-1] if words else None

    def _prev2(self, p: int) -> _Tok | None:
        """The word before the word before token p (None where there is none)."""
        words, a = self._words_before(p)
        if len(words) >= 2:
            return words[-2]
        if not words:
            return None
        if p > 0 and words[0] is self.toks[p - 1]:
            return self._prev(p - 1)
        words = self._back(a)[0]
        return words[-1] if words else None

    def _words_before(self, p: int) -> tuple[Sequence[_Tok], int]:
        """The word before token p, or the words of the stretch with a letter before token p's
        own (a gap's words: token p opens its stretch), and where they start (0: none)."""
        if p > 0:
            prev = self.toks[p - 1]
            if prev.text:
                return [prev], prev.start
            return self._back(prev.end)  # a gap ends where token p's stretch starts
        if self.words.plain:
            return [], 0
        return self._back(self.words.chunk(self.toks[0].start)[0])

    def _back(self, s: int) -> tuple[Sequence[_Tok], int]:
        """The words of the stretch with a letter before offset s (the start of a stretch of
        non-space characters), and where it starts."""
        found = self._before.get(s)
        if found is None:
            text, n = self.text, len(self.text)
            back = _WORD_BACK.match(self.words.rev, n - s)
            a, last = n - back.end(), back.start(1)
            # the stretch's words (after it, up to s, only spaces and stretches with no letter)
            words = _stretch_tokens(text, a, n - last) if last >= 0 else ()
            found = self._before[s] = words, a
        return found

    def _fill(self, q: int) -> None:
        """Put the first word a gap at token q stands for in its place (an index-based rule
        reads on from there: a region word after a name)."""
        gap = self.toks[q]
        if not gap.text:
            end = _WORD_ON.match(self.text, gap.start).end()  # the first stretch with a letter
            words = _tokens(self.text, gap.start, end)
            if _HAS_LETTER.search(self.text, end, gap.end):
                words.append(tuple.__new__(_Tok, (end, gap.end, *_NO_TOK)))
            self.toks[q : q + 1] = words

    def _lowercase_city(self, i: int) -> None:
        """A big city written in lower case after a locative, as scraped or machine-translated
        text has it ("bombardments on kyiv"); small places are too often common words."""
        cands = tuple(c for c in self.gaz.lookup_key(self.toks[i].low)
                      if c.kind == "city" and c.population >= _LOWERCASE_MIN and not c.other_name)
        if cands:
            self._emit(i, i + 1, _by_population(cands), "city")

    def _joined(self, a: int, b: int) -> bool:
        """Whether tokens a and b are one or two spaces apart (not a new line): the words of one
        name. Most are one space apart, told first."""
        gap = self.text[self.toks[a].end : self.toks[b].start]
        return gap == " " or (0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap)

    def _run_end(self, i: int) -> int:
        """End (exclusive) of the run of capitalised words (and inner connectors) from i."""
        j, toks, n, joined = i + 1, self.toks, len(self.toks), self._joined
        while j < n:  # the word's case first: most runs end at a lower-case word
            tok = toks[j]
            if tok.cap:
                if not joined(j - 1, j):
                    break
                j += 1
            elif tok.low in self.lex.connectors and j + 1 < n and toks[j + 1].cap \
                    and joined(j - 1, j) and joined(j, j + 1):
                j += 2
            else:
                break
        return j

    def _run(self, i: int, j: int) -> _Run:
        """What is said of the spans of the run [i, j) (see _Run), kept by the run as written."""
        name = self.toks[i].text if j == i + 1 else self._name(i, j)
        run = _RUNS.get(name)
        if run is None:
            run = self._new_run(i, j)
            if len(_RUNS) >= _RUNS_MAX:
                _RUNS.clear()
            _RUNS[name] = run
        return run

    def _new_run(self, i: int, j: int) -> _Run:
        """The tries of _match_at from each word of the run [i, j), but those _try_span turns
        down whatever the words around the run (a span ending with a connector or with common
        words only, a name the gazetteer does not know that is no region's, a part of a longer
        name inside the run that _acceptable turns down)."""
        toks, lex = self.toks, self.lex
        tries, to_end, quiet = [], [], True
        for p in range(i, j):
            if toks[p].text.split("-", 1)[0] in lex.demonyms:
                quiet = False  # see _demonym
            mine, end = [], False
            for q in range(min(j, p + MAX_TOKENS), p, -1):
                word = toks[q - 1].low
                if word in lex.connectors:
                    continue
                if q - p >= 2 and word in lex.regions:
                    mine.append(q - i)
                    continue
                if word in lex.common and all(t.low in lex.common for t in toks[p : q - 1]):
                    continue
                name = self._name(p, q)
                cands = self.gaz.lookup(name)
                if cands and self._part_taken(p, q, i, j, cands) is not False:
                    mine.append(q - i)
                elif q == j and (cands or self._with_region(name)):
                    end = True  # what follows may make it a place: a state, a region word
            tries.append(tuple(mine))
            to_end.append(end)
            quiet = quiet and not mine
        return _Run(tuple(tries), tuple(to_end), quiet)

    def _with_region(self, name: str) -> bool:
        """Whether the gazetteer knows a name with a region word after it ("Autauga County"),
        as _region looks it up (the words of a name and its region word, one or two spaces
        between, normalise to the name's key, a space and the word)."""
        return self.gaz.knows_with(normalise(name), self.lex.region_suffixes)

    def _end_open(self, j: int) -> bool:
        """Whether the words after a run ending at token j may make its last span a place that
        its words alone do not: a lower-case region word (see _try_span), a capitalised word
        after a comma (a state or a country, see _after)."""
        toks = self.toks
        if j >= len(toks):
            return False
        if toks[j].cap:
            return _COMMA.fullmatch(self.text, toks[j - 1].end, toks[j].start) is not None
        return self._region_word(j) is not None

    def _scan_run(self, i: int, j: int, run: _Run) -> int:
        """Mentions inside the run [i, j); returns the index to go on from."""
        p, nxt, demonyms = i, j, self.lex.demonyms
        while p < j:
            tok = self.toks[p]
            if (tok.text in demonyms or "-" in tok.text) and self._demonym(tok):
                p += 1
            elif tok.low in self.lex.connectors:
                # a connector opens a name only as its first word, at the run's start ("El Fasher")
                q, after = self._match_at(p, i, j, run) if p == i and (run.tries[0] or run.to_end[0]) else (p, j)
                if q > p + 1:
                    p, nxt = q, after
                else:
                    p += 1
            else:
                q, nxt = self._match_at(p, i, j, run)
                p = q if q > p else p + 1
        return max(nxt, j)

    def _demonym(self, tok: _Tok) -> bool:
        head = tok.text.split("-", 1)[0]
        iso = self.lex.demonyms.get(head)
        if iso is None:
            return False
        self.out.append(PlaceMention(tok.start, tok.start + len(head), head, (), "demonym", iso))
        return True

    def _match_at(self, p: int, i: int, j: int, run: _Run) -> tuple[int, int]:
        """Longest acceptable mention starting at token p; (end token, next index to scan).
        Only the spans the run's words may give are tried, and the span to the run's end when
        the words after it may make it a place (the others _try_span would turn down)."""
        tries = run.tries[p - i]
        if run.to_end[p - i] and self._end_open(j):
            found = self._try_span(p, j, i, j)
            if found:
                return found
        for q in tries:
            found = self._try_span(p, i + q, i, j)
            if found:
                return found
        return p, j

    def _try_span(self, p: int, q: int, i: int, j: int) -> tuple[int, int] | None:
        word = self.toks[q - 1].low
        if q - p >= 2 and word in self.lex.regions:
            return self._region(p, q - 1, q, self.lex.regions[word], j)
        common = self.lex.common
        if word in common and (q - p == 1 or all(t.low in common for t in self.toks[p : q - 1])):
            return None
        if q == j and q < len(self.toks) and not self.toks[q].cap:
            kind = self._region_word(q)
            region = self._region(p, q, q + 1, kind, j + 1) \
                if kind and self._joined(q - 1, q) else None
            if region:
                return region
        cands = self.gaz.lookup(self._name(p, q))
        if not cands or not self._own_or_big(p, cands) or self._street(p, q):
            return None
        if not self._acceptable(p, q, i, j, cands) and (q != j or self._after(q, cands) is None):
            return None  # a doubtful name, unless a state or country follows ("MONROE, Conn.")
        return self._bare(p, q, cands, j)

    def _region_word(self, q: int) -> str | None:
        """The kind of region that the lower-case word at token q, after a run, is a word for
        ("region": admin1, "County": county), if any; a gap's first word is put in for it
        when it may be one."""
        if not self.toks[q].text and self._region_after(q):
            self._fill(q)
        return self.lex.regions.get(self.toks[q].low)

    def _region_after(self, q: int) -> bool:
        """Whether the word after token q - 1 (a gap's first word), joined to it, may be a
        region word: its lower case opens with one. A gap comes only in a text whose lower case
        keeps the offsets and is the words' ``low`` (see _Text)."""
        return self.lex.region_after.match(self.words.lower, self.toks[q - 1].end) is not None

    def _name(self, p: int, q: int) -> str:
        """The name at tokens [p, q), as written."""
        return self.text[self.toks[p].start : self.toks[q - 1].end]

    def _region(self, p: int, name_end: int, q: int, kind: str, nxt: int) -> tuple[int, int] | None:
        """A name followed by a region word: "Donetsk region", "Kharkiv Oblast", "Cook County"."""
        want = "admin2" if kind == "county" else "admin1"
        full = self.gaz.lookup(self._name(p, q))
        name = self.gaz.lookup(self._name(p, name_end))
        cands = tuple(c for c in full if c.kind == want)  # "Moscow region" before "Moscow"
        cands = cands or tuple(c for c in name if c.kind == want)
        word = self.toks[q - 1].low
        if not cands and want == "admin1" and word in _FALLBACK_REGION_WORDS:
            cands = tuple(c for c in name if c.kind == "city")
        if not cands:
            return None
        self._emit(p, q, _by_population(cands), kind)
        return q, max(nxt, q)

    def _street(self, p: int, q: int) -> bool:
        """A street, not a town: "Shelley Street", "2850 Brewer", "the 500 block of Summit"."""
        toks = self.toks  # a gap's words hold no capitalised word joined to the one before
        if q < len(toks) and toks[q].cap and toks[q].low in self.lex.streets and self._joined(q - 1, q):
            return True
        back = len(self.text) - toks[p].start
        address = _ADDRESS_BACK.match(self.words.rev, back)
        return address is not None and address.end() - back <= _ADDRESS_MAX

    def _person(self, p: int, q: int) -> bool:
        """Whether the text treats the name at tokens [p, q) as a person's: a speech verb
        next to it ("Medina said", "said Mitchell."), a title before it ("Mr.", "Officer"),
        an age after it ("Canty, 21,")."""
        toks, text, lex = self.toks, self.text, self.lex
        end = toks[q - 1].end
        if q < len(toks) and toks[q].text:
            if toks[q].low in lex.person_verbs and text[end : toks[q].start].isspace():
                return True
        else:  # a gap: its first word, when only spaces come before it
            after = _SPACED_AFTER.match(text, end)
            if after is not None and _low(after[1]) in lex.person_verbs:
                return True
        prev = self._prev(p)
        if prev is not None:
            gap = text[prev.end : toks[p].start]
            if prev.low in lex.person_verbs and gap.isspace() and _PUNCT_AFTER.match(text, end):
                return True
            if prev.low in lex.person_titles and gap in (" ", ". "):
                return True
        return _AGE_AFTER.match(text, end) is not None

    def _own_or_big(self, p: int, cands: tuple[Place, ...]) -> bool:
        """A name that is only another name of places (a former name, a neighbourhood GeoNames
        files under its city) is taken only for a big place after a locative ("in Peking")."""
        if not cands[0].other_name or not all(c.other_name for c in cands):
            return True  # the first test alone answers for most names
        return cands[0].population >= _OTHER_NAME_MIN and self._after_locative(p)

    def _acceptable(self, p: int, q: int, i: int, j: int, cands: tuple[Place, ...]) -> bool:
        """Guards against names of people and common words that happen to be places."""
        top = cands[0]
        part = self._part_taken(p, q, i, j, cands)
        if part is not None:
            return part
        if q - p > 1:
            return True
        tok = self.toks[p]
        if not self._after_locative(p) and self.words.has_lowercase(tok.low):
            return False  # a common word of this very text ("the buffalo" ... "the Buffalo")
        if tok.text.isupper() and len(tok.text) <= 4 and all(c.kind == "city" for c in cands) \
                and not _DATELINE_AFTER.match(self.text, tok.end):
            return False  # an acronym ("SUV", "UF"), not a town, unless a dateline ("ROME —")
        if tok.text.isupper() and len(tok.text) > 1 and _DATELINE_AFTER.match(self.text, tok.end) \
                and not self.text[self.text.rfind("\n", 0, tok.start) + 1 : tok.start].strip():
            return True  # a dateline opening a paragraph ("IUKA –"), however small the town
        if top.kind != "city" or top.population >= 50_000:
            return True  # wherever the name stands: no need to look at the words before it
        if self._sentence_initial(p):
            return False
        return top.population >= 5000 or self._after_locative(p)

    def _part_taken(self, p: int, q: int, i: int, j: int, cands: tuple[Place, ...]) -> bool | None:
        """Whether a name at tokens [p, q) that is part of a longer name of the run [i, j) is
        taken all the same (None when it is no part): the run's words alone tell it."""
        if self._loose(q, i, j):  # a longer name goes on: "Mecca Canty", "Israel Defense Forces"
            return any(c.kind == "country" for c in cands)
        if self._loose(p - 1, i, j):  # part of a longer name
            return any(c.kind == "country" or c.population >= 1_000_000 for c in cands
                       if c.kind != "admin1")  # "Greater Kyiv", not "Vladimir Putin"
        return None

    def _loose(self, k: int, i: int, j: int) -> bool:
        """Whether token k is a content word of the run [i, j) (so a match beside it is partial)."""
        low = self.toks[k].low if i <= k < j else ""
        return bool(low) and low not in self.lex.stop and low not in self.lex.connectors

    def _sentence_initial(self, p: int) -> bool:
        prev = self._prev(p)
        if prev is None:
            return True
        return bool(_SENTENCE_END.search(self.text, prev.end, self.toks[p].start))

    def _after_locative(self, p: int) -> bool:
        """Whether a locative ("in", "near the") is just before token p. Kept by the token's
        offset (``_fill`` moves indices): a name's is asked before it is taken (whether "the
        buffalo" is a common word needs no look when a locative says it is a place) and again
        when it is emitted."""
        start = self.toks[p].start
        found = self._locative.get(start)
        if found is None:
            prev = self._prev(p)
            if prev is not None and prev.low == "the":
                prev = self._prev2(p)
            found = self._locative[start] = prev is not None and prev.low in self.lex.locatives
        return found

    def _bare(self, p: int, q: int, cands: tuple[Place, ...], j: int) -> tuple[int, int]:
        if q == j:
            qualified = self._qualified(p, q, cands)
            if qualified is not None:
                return q, qualified
        self._emit(p, q, cands, _bare_kind(cands))
        return q, j

    def _qualified(self, p: int, q: int, cands: tuple[Place, ...]) -> int | None:
        """"Chicago, Illinois", "Dayton, OH", "Kyiv, Ukraine": the city, told by what follows."""
        found = self._after(q, cands)
        if found is None:
            return None
        qualifier, width = found
        self._emit(p, q, cands, "city_state", qualifier)
        return q + width

    def _after(self, q: int, cands: tuple[Place, ...]) -> tuple[str, int] | None:
        """The state, region or country after a comma that one of the candidates is in (a
        capitalised word: never one a gap stands for)."""
        if q >= len(self.toks) or not self.toks[q].cap:
            return None
        if not _COMMA.fullmatch(self.text, self.toks[q - 1].end, self.toks[q].start):
            return None
        for width in (2, 1):
            qualifier = self._qualifier(q, q + width)
            if qualifier and any(qualifier in (c.country, c.admin1) for c in cands):
                return qualifier, width
        return None

    def _qualifier(self, a: int, b: int) -> str | None:
        if b > len(self.toks) or any(not t.cap for t in self.toks[a:b]):
            return None
        if b - a == 2 and not self._joined(a, a + 1):
            return None
        word = self.toks[a].text
        if b - a == 1 and len(word) == 2 and word.isupper() and word in self.gaz.us_states:
            return self.gaz.us_states[word]
        if b - a == 1:  # AP style: "Monroe, Conn.", "Raleigh, N.C."
            ap = _AP_STATE.match(self.text, self.toks[a].start)
            if ap is not None and ap.group(1) in self.lex.states:
                return self.lex.states[ap.group(1)]
        for c in self.gaz.lookup(self._name(a, b)):
            if c.kind == "country":
                return c.country
            if c.kind == "admin1" and c.country == "US":
                return c.name
        return None

    def _emit(self, p: int, q: int, cands: tuple[Place, ...], kind: str,
              qualifier: str | None = None) -> None:
        start, end = self.toks[p].start, self.toks[q - 1].end
        locative = self._after_locative(p)
        person = kind == "city" and not locative and self._person(p, q)
        owner = self.out[-1] if self.out and kind == "city" else None
        part_of = None
        if owner is not None and owner.kind in ("city", "city_state") \
                and self.text[owner.end : start] in ("'s ", "’s "):
            part_of = normalise(owner.surface)
        self.out.append(PlaceMention(start, end, self.text[start:end], cands, kind, qualifier,
                                     person, locative, part_of))


def _by_population(cands: tuple[Place, ...]) -> tuple[Place, ...]:
    unique = {(c.kind, c.geonameid, c.name, c.country, c.admin1): c for c in cands}
    return tuple(sorted(unique.values(), key=lambda c: -c.population))


def _bare_kind(cands: tuple[Place, ...]) -> str:
    """The kind of place a bare name most likely is: the most populous candidate's, a region
    counting 20× less (it is most often named with its region word). The gazetteer gives the
    most populous first: unless that one is a region, it is the one (the first of a tie)."""
    top = cands[0]
    if top.kind == "admin1":
        top = max(cands, key=lambda c: c.population * (0.05 if c.kind == "admin1" else 1.0))
    return {"admin2": "county"}.get(top.kind, top.kind)


def find_place_mentions(text: str) -> list[PlaceMention]:
    """Every place name of a text (and every demonym, as kind "demonym"), in text order."""
    if not text:
        return []
    return _Scanner(text, load_gazetteer(), _lexicon()).run()


# -- resolving ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    countries: frozenset[str]
    regions: frozenset[tuple[str, str]]
    anchors: tuple[_Anchor, ...] = ()
    paired: frozenset[tuple[int | None, str]] = frozenset()  # near a candidate of another name
    best: dict[tuple[object, ...], tuple[Place, float]] = field(  # _best of mentions met
        default_factory=dict, compare=False, hash=False)
    # the scores of mentions met but for closeness to anchors, by candidates, kind and
    # qualifier: shared by a context and the one that adds anchors to it (see _scores)
    unanchored: dict[tuple[object, ...], _Unanchored] = field(
        default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class _Unanchored:
    """The scores of a mention's candidates in a context but for closeness to its anchors:
    each candidate's score without context and its context bonus (both uncapped), their
    capped sum, and the best candidate and lead by these (once found)."""

    base: list[float]
    bonus: list[float]
    scores: list[float]
    best: tuple[Place, float] | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class _Anchor:
    key: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    population: int = 0


@dataclass(frozen=True, slots=True)
class UrlHints:
    """What an article's web address says about where it is from: the regions and countries
    named in its host or folders ("nbcconnecticut.com") and the cities ("fox13memphis.com")."""

    countries: tuple[str, ...] = ()
    regions: tuple[tuple[str, str], ...] = ()
    cities: tuple[Place, ...] = ()
    # cities named by a folder word, with that word: the words of a headline in its address
    # ("/shooting-in-montgomery/") say nothing of which Montgomery the text's own name is
    folder_cities: tuple[tuple[str, Place], ...] = ()


_ARCHIVE = re.compile(r"^[a-z]+://(?:web\.)?archive\.org/web/[^/]*/", re.I)
_URL_WORD = re.compile(r"[a-z]+")
_HOST_SKIP = frozenset({"www", "m", "mobile", "amp", "blog", "blogs", "news", "edition"})
_URL_MIN_LETTERS = 5
_URL_CITY_MIN = 100_000


def url_hints(url: str | None) -> UrlHints:
    """Places named in a web address: inside the words of its host ("abc7chicago" → Chicago,
    "nbcconnecticut" → Connecticut) and as whole words of its folders ("/news/houston/").
    An archive's wrapper (web.archive.org/web/<time>/) is taken off first."""
    if not url:
        return UrlHints()
    inner = _ARCHIVE.sub("", url.strip())
    if "://" not in inner:
        inner = "http://" + inner
    try:
        parts = urlsplit(inner)
        host = (parts.hostname or "").casefold()
    except ValueError:
        return UrlHints()
    gaz = load_gazetteer()
    found: list[tuple[str, Place]] = [("", c) for c in _host_places(host, gaz)]
    folders = parts.path.casefold().split("/")[1:-1]
    for folder in folders:
        words = _URL_WORD.findall(folder)
        for n in (3, 2, 1):
            for k in range(len(words) - n + 1):
                joined = "".join(words[k : k + n])
                if len(joined) >= _URL_MIN_LETTERS:
                    found.extend((joined, c) for c in gaz.lookup_compact(joined)
                                 if c.kind != "city" or c.population >= _URL_CITY_MIN)
    countries, regions, cities, folder_cities = [], [], [], []
    for word, c in found:
        if c.kind == "city" and word:
            folder_cities.append((word, c))
        elif c.kind == "city":
            cities.append(c)
        elif c.kind == "admin1":
            countries.append(c.country)
            regions.append((c.country, c.name))
        else:
            countries.append(c.country)
    return UrlHints(tuple(dict.fromkeys(countries)), tuple(dict.fromkeys(regions)),
                    tuple(dict.fromkeys(cities)), tuple(dict.fromkeys(folder_cities)))


# The places inside the words of a host, by host: an outlet's articles all have its host, and
# the words inside it cost a look-up of every stretch of five letters or more. Kept across
# articles (bounded), for the one gazetteer they were told with.
_HOSTS: dict[Any, tuple[object, Any]] = {}
_HOSTS_MAX = 4096


def _host_places(host: str, gaz: Gazetteer) -> tuple[Place, ...]:
    """The places inside the words of a host (see :func:`url_hints`), kept by host."""
    return _kept(_HOSTS, host, gaz, lambda: _places_in_host(host, gaz), _HOSTS_MAX)  # type: ignore[no-any-return]


def _places_in_host(host: str, gaz: Gazetteer) -> tuple[Place, ...]:
    labels = host.split(".")[:-1]  # the top-level domain says nothing of a town
    words = _URL_WORD.findall(" ".join(x for x in labels if x not in _HOST_SKIP))
    return tuple(c for word in words for c in _inside(word, gaz))


def _inside(word: str, gaz: Gazetteer) -> list[Place]:
    """The longest names inside one host word, left to right; a city rather than a region
    when a name is both ("nbcwashington" is about the city)."""
    out: list[Place] = []
    i = 0
    while i + _URL_MIN_LETTERS <= len(word):
        for j in range(len(word), i + _URL_MIN_LETTERS - 1, -1):
            cands = gaz.lookup_compact(word[i:j])
            if cands:
                cities = [c for c in cands if c.kind == "city"]
                out.extend(cities or cands)
                i = j
                break
        else:
            i += 1
    return out


def resolve_mentions(
    mentions: Sequence[PlaceMention], *, countries_hint: tuple[str, ...] = (),
    url: UrlHints | None = None,
) -> list[ResolvedPlace]:
    """One place per mention (demonyms left out), chosen for the whole article at once;
    ``url`` adds what the article's address says (:func:`url_hints`)."""
    url = url or UrlHints()
    places = _not_people([m for m in mentions if m.kind != "demonym" and m.candidates])
    ctx = _Context(_countries(mentions, countries_hint + url.countries), frozenset())
    ctx = _Context(ctx.countries, _regions(places, ctx) | set(url.regions), paired=_paired(places))
    ctx = _Context(ctx.countries, ctx.regions, _anchors(places, ctx) + tuple(
        _Anchor(word, c.lat, c.lon, c.country, c.admin1, c.population)
        for word, c in (*(("", c) for c in url.cities), *url.folder_cities)
        if c.lat is not None and c.lon is not None), ctx.paired, unanchored=ctx.unanchored)
    chosen: dict[tuple[str, str, str | None], Place] = {}
    qualified = {normalise(m.surface): _best(m, ctx)[0] for m in places if m.kind == "city_state"}
    strays = _strays(places, ctx, qualified)
    out = []
    named: dict[str, Place] = {}  # the place of each name met, for "Chicago's South Side"
    for m in places:
        own = normalise(m.surface)
        if m.kind == "city" and own in strays:
            continue
        key = (own, m.kind, m.qualifier)
        if key not in chosen:  # a bare name is the town the article names with its state
            same = qualified.get(key[0]) if m.kind == "city" else None
            chosen[key] = same if same is not None else _best(m, ctx)[0]
        place = chosen[key]
        owner = named.get(m.part_of) if m.part_of else None
        if owner is not None and not _within(place, owner, PART_KM):
            place = owner  # a part of a city the gazetteer lacks, not a namesake elsewhere
        named.setdefault(own, place)
        out.append(ResolvedPlace(m.start, m.end, m.surface, _location(place, m.kind)))
    return out


PART_KM = 50.0


def _within(a: Place, b: Place, limit: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= limit


STRAY_MAX = 100_000


def _strays(places: list[PlaceMention], ctx: _Context, qualified: dict[str, Place]) -> set[str]:
    """Bare names that are no place of this article: every place they may name is a town
    (under 100,000) of a country the article never names, more than 300 km from all its other
    places ("Whitehaven" in an article about Memphis: a neighbourhood the gazetteer lacks, not
    the English town). The article's countries are those it names (or names a region of) and
    those of its other places without doubt (anchors), one of them a city of 100,000 or more."""
    if not ctx.anchors:
        return set()
    out: set[str] = set()
    judged: set[tuple[str, int]] = set()  # a name met again with the same candidates
    named = ctx.countries | {country for country, _ in ctx.regions}
    big = [(a.key, a.country) for a in ctx.anchors if a.population >= STRAY_MAX]
    for m in places:
        if m.kind != "city":
            continue
        own = normalise(m.surface)
        if own in qualified or own in out or (own, id(m.candidates)) in judged:
            continue
        judged.add((own, id(m.candidates)))
        compact = own.replace(" ", "")  # the big anchors that are other names (see _elsewhere)
        others = {country for key, country in big if key != own and key != compact}
        if not others:
            continue
        known = named | others
        if all(c.kind == "city" and c.country not in known and c.population < STRAY_MAX
               for c in m.candidates):
            elsewhere = _elsewhere(ctx.anchors, own)
            if not any(_near(c, ctx.anchors, elsewhere) for c in m.candidates):
                out.add(own)
    return out


def _not_people(places: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions left when names the text uses for people are taken out: a name said to
    speak or given a title or an age, and that name alone elsewhere in the article ("Patricia
    Medina ... Medina said"), unless a locative or a state after it makes it a place there."""
    people = {normalise(m.surface) for m in places if m.person}
    if not people:
        return places
    placed = {normalise(m.surface) for m in places if m.locative or m.kind == "city_state"}
    people -= placed
    return [m for m in places if not m.person
            and not (m.kind == "city" and normalise(m.surface) in people)]


def _countries(mentions: Sequence[PlaceMention], hint: tuple[str, ...]) -> frozenset[str]:
    found = set(hint)
    for m in mentions:
        if m.kind == "demonym" and m.qualifier:
            found.add(m.qualifier)
        elif m.kind == "country":
            found.add(m.candidates[0].country)
        elif m.kind == "city_state" and m.qualifier and len(m.qualifier) == 2:
            found.add(m.qualifier)
    return frozenset(found)


def _regions(places: list[PlaceMention], ctx: _Context) -> frozenset[tuple[str, str]]:
    found = set()
    for m in places:
        if m.kind == "admin1":
            best = _best(m, ctx)[0]
            found.add((best.country, best.admin1 or best.name))
        elif m.kind == "county" and sum(c.kind == "admin2" for c in m.candidates) == 1:
            best = _best(m, ctx)[0]  # a county of one state only ("Tishomingo County")
            if best.kind == "admin2" and best.admin1:
                found.add((best.country, best.admin1))
        elif m.kind == "city_state" and m.qualifier and len(m.qualifier) > 2:
            best = _best(m, ctx)[0]  # "Monroe, Conn.": its state is a region of the article
            if best.admin1 == m.qualifier:
                found.add((best.country, best.admin1))
    return frozenset(found)


def _anchors(places: list[PlaceMention], ctx: _Context) -> tuple[_Anchor, ...]:
    """Cities the article names without doubt: one candidate, or a clear lead over the next."""
    anchors = {}
    for m in places:
        if m.kind not in ("city", "city_state"):
            continue
        best, margin = _best(m, ctx)
        if best.kind == "city" and best.lat is not None and best.lon is not None and margin >= 1.0:
            key = normalise(m.surface)
            anchors[key] = _Anchor(key, best.lat, best.lon, best.country, best.admin1,
                                   best.population)
    return tuple(anchors.values())


def _best(m: PlaceMention, ctx: _Context) -> tuple[Place, float]:
    """The best candidate and its lead over the best one elsewhere (infinite when none)."""
    if len(m.candidates) == 1:
        return m.candidates[0], math.inf  # no rival: scores would change nothing
    own = normalise(m.surface)
    key = (id(m.candidates), m.kind, m.qualifier, own)  # the candidates live as long as ctx
    found = ctx.best.get(key)
    if found is None:
        plain = _unanchored(m, ctx)
        scores = _scores(m, ctx, own, plain)
        if scores is not plain.scores:
            found = _pick(m, scores)
        else:  # no anchor changes a score: the pick of the context without them stands
            found = plain.best = plain.best or _pick(m, scores)
        ctx.best[key] = found
    return found


def _pick(m: PlaceMention, scores: list[float]) -> tuple[Place, float]:
    """The best-scored candidate and its lead over the best one elsewhere (see _best)."""
    # best first, a tie to the later candidate (a stable sort of the indices from the last)
    order = sorted(range(len(scores) - 1, -1, -1), key=scores.__getitem__, reverse=True)
    best = m.candidates[order[0]]
    # the best candidate elsewhere: only its score counts, so the others need no distance
    rival = next((scores[i] for i in order[1:] if not _same_spot(best, m.candidates[i])), None)
    return best, math.inf if rival is None else scores[order[0]] - rival


def _same_spot(a: Place, b: Place) -> bool:
    """Whether two candidates are one place for disambiguation (a city and its own region)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return a.country == b.country and abs(a.lat - b.lat) <= _SPOT_DEG \
        and km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM / 3


_SPOT_DEG = NEAR_KM / 3 / (6371.0 * math.pi / 180) + 1e-6  # no place is nearer than its latitude says


def _scores(m: PlaceMention, ctx: _Context, own: str, plain: _Unanchored) -> list[float]:
    """The score of each candidate of a mention: log population, the kind the text asks for,
    and context (worth at most 100×); closeness to the article's anchors, the last bonus, is
    added to the scores without it (``plain.scores`` itself when it adds nothing)."""
    anchors = ctx.anchors
    if not anchors:
        return plain.scores
    others = _elsewhere(anchors, own)
    out = plain.scores
    for k, c in enumerate(m.candidates):
        if _near(c, anchors, others):
            if out is plain.scores:
                out = out.copy()
            out[k] = plain.base[k] + min(MAX_CONTEXT, plain.bonus[k] + 1.0)
    return out


def _unanchored(m: PlaceMention, ctx: _Context) -> _Unanchored:
    """The scores of a mention's candidates in ``ctx`` but for closeness to anchors, made once
    for a context and the one that adds anchors to it. One loop, with what is the same for
    every candidate read once: this runs for every candidate of every name in doubt."""
    key = (id(m.candidates), m.kind, m.qualifier)  # the candidates live as long as ctx
    found = ctx.unanchored.get(key)
    if found is not None:
        return found
    qualifier = m.qualifier if m.kind == "city_state" else None
    countries, regions, paired = ctx.countries, ctx.regions, ctx.paired
    base, bonuses, scores = [], [], []
    for c, score in zip(m.candidates, _priors(m), strict=True):
        if qualifier and qualifier in (c.country, c.admin1):
            score += 10.0
        bonus = 1.0 if c.country in countries else 0.0  # the context, from here on
        if paired and (c.geonameid, c.name) in paired:
            bonus += PAIR_BONUS
        if c.kind in ("city", "admin1") and (c.country, c.admin1) in regions:
            bonus += 1.5  # a town of a region the article names; the US state, not the country
        base.append(score)
        bonuses.append(bonus)
        scores.append(score + (bonus if bonus < MAX_CONTEXT else MAX_CONTEXT))
    found = ctx.unanchored[key] = _Unanchored(base, bonuses, scores)
    return found


PAIR_KM = 50.0
PAIR_BONUS = 1.5
_PAIR_PLAUSIBLE = 1.5  # a candidate this close (log10) to its name's best counts for a pair
_PAIR_DEG = PAIR_KM / (6371.0 * math.pi / 180) + 1e-6  # no place is nearer than its latitude says


def _paired(places: list[PlaceMention]) -> frozenset[tuple[int | None, str]]:
    """Candidates of two names of the article within 50 km of each other ("in Montgomery, near
    Aurora": the Illinois towns, not the biggest of each name), among each name's candidates
    that population and kind leave in doubt (within 1.5 in log10 of its best)."""
    names: dict[str, tuple[tuple[float, int, Place], ...]] = {}
    for m in places:
        if m.kind not in ("city", "city_state"):
            continue
        own = normalise(m.surface)
        if own not in names:
            names[own] = _plausible(m)
    if len(names) < 2 or all(len(cands) < 2 for cands in names.values()):
        return frozenset()
    # Two candidates pair when they lie in cells of one degree of longitude next to each other
    # (or in one) and within 50 km: swept in order of latitude, each candidate meets only those
    # less than 50 km further north (under half a degree of latitude: no cell of latitude needed).
    spots = sorted(((lat, x, own, c) for own, cands in names.items() for lat, x, c in cands),
                   key=itemgetter(0))
    paired = set()
    for k, (lat, x, own, c) in enumerate(spots):
        for lat2, x2, other, o in islice(spots, k + 1, None):
            if lat2 - lat > _PAIR_DEG:
                break
            if other != own and abs(x2 - x) <= 1 and km(lat, c.lon, lat2, o.lon) <= PAIR_KM:
                paired.add((c.geonameid, c.name))
                paired.add((o.geonameid, o.name))
    return frozenset(paired)


_PRIORS: dict[Any, tuple[object, Any]] = {}  # see _kept
_PRIORS_MAX = 20_000
_PLAUSIBLE: dict[Any, tuple[object, Any]] = {}


def _kept(table: dict[Any, tuple[object, Any]], key: Any, owner: object, make: Callable[[], Any],
          limit: int) -> Any:
    """``make()``, kept in ``table`` under ``key`` for as long as ``owner`` (the object it was
    made of: a candidates tuple, the gazetteer) is the same; ``table`` is emptied when it
    reaches ``limit`` entries. The gazetteer hands out the same tuple for a name again and
    again, article after article (each entry holds its tuple, so its id stays its own)."""
    known = table.get(key)
    if known is not None and known[0] is owner:
        return known[1]
    if len(table) >= limit:
        table.clear()
    value = make()
    table[key] = owner, value
    return value


def _plausible(m: PlaceMention) -> tuple[tuple[float, int, Place], ...]:
    """A name's city candidates that population and kind leave in doubt (within 1.5 in log10
    of its best city), with their latitude and cell of one degree of longitude (see _paired)."""
    return _kept(_PLAUSIBLE, (id(m.candidates), m.kind), m.candidates,  # type: ignore[no-any-return]
                 lambda: _make_plausible(m), _PRIORS_MAX)


def _make_plausible(m: PlaceMention) -> tuple[tuple[float, int, Place], ...]:
    base = [(b, c) for c, b in zip(m.candidates, _priors(m), strict=True)
            if c.kind == "city" and c.lat is not None]
    top = max((b for b, _ in base), default=0.0)
    return tuple((c.lat, int(c.lon // 1.0), c) for b, c in base if b >= top - _PAIR_PLAUSIBLE)


def _priors(m: PlaceMention) -> tuple[float, ...]:
    """Each candidate's score without context: log population, the kind the text asks for and
    an other name's penalty."""
    return _kept(_PRIORS, (id(m.candidates), m.kind), m.candidates,  # type: ignore[no-any-return]
                 lambda: _make_priors(m), _PRIORS_MAX)


def _make_priors(m: PlaceMention) -> tuple[float, ...]:
    fit, scores = _KIND_FIT.get(m.kind, _NO_FIT), []
    for c in m.candidates:
        score = math.log10(c.population + 10) + fit.get(c.kind, 0.0)
        scores.append(score - OTHER_NAME_PENALTY if c.other_name else score)
    return tuple(scores)


def _near(c: Place, anchors: tuple[_Anchor, ...], others: tuple[_Anchor, ...]) -> bool:
    """A city within 300 km of another place of the article (``others``: the anchors but the
    name's own, see :func:`_elsewhere`); a county of the state of any anchor."""
    if c.kind == "admin2":
        return any(a.country == c.country and a.admin1 == c.admin1 for a in anchors)
    if c.kind != "city" or c.lat is None or c.lon is None:
        return False
    lat, lon = c.lat, c.lon
    low = abs(lat) <= _NEAR_LOW_LAT  # far in longitude is far in km
    for a in others:  # a loop, not any(): this runs for every candidate of every name
        if abs(a.lat - lat) <= _NEAR_DEG \
                and not (low and _NEAR_LON < abs(a.lon - lon) < 360.0 - _NEAR_LON) \
                and km(lat, lon, a.lat, a.lon) <= NEAR_KM:
            return True
    return False


def _elsewhere(anchors: tuple[_Anchor, ...], own: str) -> tuple[_Anchor, ...]:
    """The anchors that are other names than ``own`` (written with spaces or without)."""
    compact = own.replace(" ", "")
    return tuple(a for a in anchors if a.key != own and a.key != compact)


_NEAR_DEG = NEAR_KM / (6371.0 * math.pi / 180) + 1e-6  # no place is nearer than its latitude says
# Nor than its longitude says, at latitudes under 60° (where a degree of longitude is 55 km or
# more): two such places more than 6° of longitude apart are more than 300 km apart. (The
# haversine's h is at least cos(lat1)·cos(lat2)·sin²(Δlon/2) >= 0.25·sin²(3°), over the
# sin²(300 / (2·6371)) that 300 km allows; a candidate under 57° has its anchors, within
# _NEAR_DEG of it, under 60°.) Most candidates in a band of latitude lie far east or west.
_NEAR_LON = 6.0
_NEAR_LOW_LAT = 57.0


_LOCATIONS: dict[tuple[int, str], tuple[Place, Location]] = {}
_LOCATIONS_MAX = 50_000


def _location(place: Place, kind: str) -> Location:
    """The Location of a place named as ``kind``, made once per place: the gazetteer hands out
    the same Place objects again and again (each entry holds its place, so its id stays its own)."""
    known = _LOCATIONS.get((id(place), kind))
    if known is not None and known[0] is place:
        return known[1]
    if len(_LOCATIONS) >= _LOCATIONS_MAX:
        _LOCATIONS.clear()
    location = _make_location(place, kind)
    _LOCATIONS[id(place), kind] = place, location
    return location


def _make_location(place: Place, kind: str) -> Location:
    if kind == "admin1" and place.kind == "city":  # a region the index lacks: its namesake city
        region = place.admin1 or place.name
        return Location(region, region, place.country, place.lat, place.lon, None, 4)
    admin1 = place.name if place.kind == "admin1" else place.admin1
    return Location(
        name=place.name, admin1=admin1, country=place.country, lat=place.lat, lon=place.lon,
        geonameid=place.geonameid, precision=PRECISION[place.kind],
    )
