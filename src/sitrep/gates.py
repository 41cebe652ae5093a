"""Literal gates: lexicon regexes run only where they can match, with the same answers.

Python's ``re`` has no fast path for a case-insensitive alternation behind ``\\b``: a search tries
every position of the text, ~25 ns per character per pattern even when nothing matches, and the
event fields search whole incident texts with a dozen such patterns. Yet every match of a lexicon
entry begins with one of a few literal strings ("clash", "air", "stormed", ...), derived here from
the parsed pattern. One pass over the lower-cased text (:class:`Literals`) finds every offset of
every such literal of a family of patterns where a match may begin (a pattern opening with
``\\b`` begins no match inside a word); a :class:`Gate` then tries its pattern, anchored, at
its literals' offsets and nowhere else: the matches are exactly those of ``pattern.finditer``.
A pattern whose matches may begin with a very short literal (``a``) is searched as before, but
only when a literal that every match contains (``strike``) occurs; :class:`Needs` makes that
test alone, for patterns searched in many short strings (the lines of an article).

The lower-cased text stands for the text only when ``str.lower`` keeps every offset and the text
holds no character that ``re`` folds to a literal's letter without ``lower`` giving that letter
(the dotless ``ı`` matches ``i``); otherwise every gate falls back to the plain regex.

The same parse of a pattern also rewrites it to open with a character class, which ``re`` skips
to in its fast first-character scan, with the same matches: :func:`opened_by_class` (a pattern
each of whose matches begins with a character of a class), :func:`spaced` (a ``\b`` before a
word made the non-word character before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from re import _constants as _c
from re import _parser
from re._casefix import _EXTRA_CASES
from typing import Any

from . import lexicons

# an engine's batch (engines.BATCH, 16) is read in two steps (claims, then events), and each
# step reads its articles lower-cased: the lower case of a batch's articles is kept between them
LOWERED_KEPT = 32
LOWERED_MAX = 200_000  # characters: a longer text (a rare huge page) is lowered each time, not kept


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last few texts: an article is read lower-cased by its side
    cues, its place names and their choice per incident, and its dates (once, then per event),
    and a text with any character beyond ASCII (a curly quote) takes ~20 µs to lower. Texts
    over ``LOWERED_MAX`` characters are not kept, so the cache stays small (~6 MB at most)."""
    return _lowered_kept(text) if len(text) <= LOWERED_MAX else text.lower()


@lru_cache(maxsize=LOWERED_KEPT)
def _lowered_kept(text: str) -> str:
    return text.lower()

_MAX_STARTS = 256  # more first literals than this: the prefix stops growing
_MIN_LENGTH = 3  # shorter literals are everywhere: anchored tries would cost more than a search
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)

# (prefixes, complete): every match begins with one of the prefixes; ``complete`` when every
# match *is* one of them (so what follows can extend them)
_Starts = tuple[frozenset[str], bool]


def _item(op: Any, av: Any) -> _Starts | None:
    """The prefixes of one parsed item's matches (``re._parser`` form), or None when unknown."""
    if op is _c.LITERAL:
        return frozenset({chr(av)}), True
    if op in _ZERO_WIDTH:
        return frozenset({""}), True  # consumes nothing (a lookahead's text is not required)
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op is _c.BRANCH:
        alternatives = [_sequence(alt) for alt in av[1]]
        if any(a is None for a in alternatives):
            return None
        return frozenset().union(*(a[0] for a in alternatives)), all(a[1] for a in alternatives)
    if op is _c.IN and all(o is _c.LITERAL for o, _ in av):
        return frozenset(chr(v) for _, v in av), True
    if op in _REPEATS:
        low, high, body = av
        inner = _sequence(body)
        if inner is None:
            return (frozenset({""}), False) if low == 0 else None
        if low == 0:
            return inner[0] | {""}, inner[1] and high == 1
        return inner[0], inner[1] and low == high == 1
    return None


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Starts | None:
    """The prefixes of a sequence's matches: its items' prefixes joined while they are whole."""
    prefixes: frozenset[str] = frozenset({""})
    for op, av in items:
        got = _item(op, av)
        if got is None:
            return prefixes, False
        joined = frozenset(a + b for a in prefixes for b in got[0])
        if len(joined) > _MAX_STARTS:
            return prefixes, False
        prefixes = joined
        if not got[1]:
            return prefixes, False
    return prefixes, True


def _literals(starts: _Starts | None) -> tuple[str, ...] | None:
    """Lower-cased, usable prefixes: None when one is empty or too short."""
    if starts is None:
        return None
    found = {s.lower() for s in starts[0]}
    if not found or min(map(len, found)) < _MIN_LENGTH:
        return None
    # a literal that begins with another one adds no offsets
    return tuple(sorted(s for s in found if not any(o != s and s.startswith(o) for o in found)))


def first_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased literals one of which begins every match of ``pattern`` (ignoring case), or
    None when some match may begin otherwise (a character class, a short or empty literal)."""
    return _literals(_sequence(_parser.parse(pattern, flags)))


def group_literals(pattern: str, flags: int, group: int) -> tuple[str, ...] | None:
    """Literals one of which begins every match of a numbered group that every match of
    ``pattern`` holds (a group of its top-level sequence, or of a group in it), or None. Only
    literals without case, which no character matches ignoring case but themselves (digits):
    ``in`` finds them in the text as it is. Any length (a test of ``in`` costs no more when
    short): the year of "in 2015" begins with "19" or "20"."""
    found = _group(_parser.parse(pattern, flags), group)
    if found is None or "" in found[0]:
        return None
    if any(c.lower() != c or c.upper() != c or ord(c) in _EXTRA_CASES for w in found[0] for c in w):
        return None
    return tuple(sorted(found[0]))


def _group(items: Any, group: int) -> _Starts | None:
    """The prefixes of a group's matches, when the sequence ``items`` must match it; else None."""
    for op, av in items:
        if op is _c.SUBPATTERN:
            if av[0] == group:
                return _sequence(av[-1])
            found = _group(av[-1], group)
            if found is not None:
                return found
    return None


def _needs(items: Any) -> tuple[str, ...] | None:
    """Literals one of which occurs in every match of a parsed sequence: the first literals of
    one of its tails, or of each alternative of a group it must match; the fewest found."""
    items = list(items)
    best: tuple[str, ...] | None = None
    for i, (op, av) in enumerate(items):
        found = [_literals(_sequence(items[i:]))]
        if op is _c.BRANCH:
            alternatives = [_needs(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found.append(tuple(sorted({w for a in alternatives for w in a or ()})))
        elif op is _c.SUBPATTERN or (op in _REPEATS and av[0] >= 1):
            found.append(_needs(av[-1]))
        for got in found:
            if got and (best is None or _cost(got) < _cost(best)):
                best = got
    return best


def _cost(literals: tuple[str, ...]) -> tuple[int, int]:
    """Fewer literals are cheaper to look for, but a short one ("in ") is found nearly
    everywhere: it counts as many; of equal counts, longer literals are rarer."""
    return sum(1 if len(w) >= 5 else 10 if len(w) == 4 else 100 for w in literals), -min(map(len, literals))


def inner_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased literals one of which occurs in every match of ``pattern``, or None."""
    return _needs(_parser.parse(pattern, flags))


def odd_cases(literals: Iterable[str]) -> str:
    """Characters ``re`` matches, ignoring case, with a letter of the literals while
    ``str.lower`` gives another character (the dotless ``ı`` for ``i``)."""
    letters = {c for w in literals for c in w}
    return "".join(sorted({chr(x) for c in letters for x in _EXTRA_CASES.get(ord(c), ())}))


def holds_odd(low: str, odd: str) -> bool:
    """Whether a lower-cased text holds one of the ``odd`` characters (an ASCII text, none
    beyond ASCII: ``isascii`` takes no time)."""
    return bool(odd) and (not low.isascii() or not odd.isascii()) and any(c in low for c in odd)


# what re's case-insensitive matching equates beyond str.lower: "İ" is "i" to it (its one
# character lower case), and each class of letters it folds together (ı and i, ſ and s, ς and
# σ) stands as its first; applied after str.lower, which leaves "İ" two characters
_CASE_BEFORE = str.maketrans({"\u0130": "i"})
_CASE_AFTER = str.maketrans({x: min((c, *extras)) for c, extras in _EXTRA_CASES.items()
                             for x in (c, *extras) if x != min((c, *extras))})


def case_key(text: str) -> str:
    """``text`` as ``re`` reads it ignoring case: two texts one matches with the other, ignoring
    case, have the same key (and a lower-case ASCII key is its own)."""
    return text.translate(_CASE_BEFORE).lower().translate(_CASE_AFTER)


def key_of(table: Iterable[str], matched: str) -> str:
    """The key of ``table`` a case-insensitive alternation of its keys matched as ``matched``:
    its lower case in nearly every text; where ``re`` took another letter for a key's (the
    long ``ſ`` for ``s``, the Kelvin sign for ``k``, the dotless ``ı`` for ``i``), the key
    that reads the same to ``re``. KeyError when none does."""
    key = matched.lower()
    if key in table:
        return key
    folded = case_key(matched)
    for candidate in table:  # a rare text: the table is read through, not indexed
        if case_key(candidate) == folded:
            return candidate
    raise KeyError(matched)


# rough frequencies of characters in English news text (per cent; a character not listed, a
# digit or a letter beyond ASCII, counts as rare): an anchored alternation opens with rare ones
_FREQUENCY = {" ": 18, "e": 12.7, "t": 9.1, "a": 8.2, "o": 7.5, "i": 7.0, "n": 6.7, "s": 6.3,
              "h": 6.1, "r": 6.0, "d": 4.3, "l": 4.0, "c": 2.8, "u": 2.8, "m": 2.4, "w": 2.4,
              "f": 2.2, "g": 2.0, "y": 2.0, "p": 1.9, "b": 1.5, "v": 1.0, "k": 0.8}


def _frequency(c: str) -> float:
    return _FREQUENCY.get(c, 1.0 if c.isdigit() else 0.5)


def anchored_alternation(literals: Iterable[str]) -> str:
    """A regex that finds where one of ``literals`` occurs (not where it begins: the match
    starts at a letter inside it). A prefix-tree alternation of literals that open with common
    letters ("since", "across", "this year") has ``re`` try the tree at nearly every offset of a
    text; instead each literal is found from one of a few rare letters it holds ("c" of
    "since", "y" of "year"; chosen greedily, rarest per literal covered), the text before that
    letter checked by a look-behind and the rest matched after it, so ``re`` stops only at
    those letters: ~40% faster on the sentences of an article. It matches a text exactly when
    one of the literals occurs in it (a literal that holds another one adds nothing)."""
    words = set(literals)
    words = {w for w in words if not any(o != w and o in w for o in words)}
    anchors: list[str] = []
    left = set(words)
    while left:
        anchors.append(min({c for w in left for c in w},
                           key=lambda c: (_frequency(c) / sum(c in w for w in left), c)))
        left = {w for w in left if anchors[-1] not in w}
    # per anchor letter, the text before it in each literal, and what may follow that
    tree: dict[str, dict[str, list[str]]] = {}
    for w in sorted(words):
        c = next(a for a in anchors if a in w)
        at = w.index(c)
        tree.setdefault(c, {}).setdefault(w[:at], []).append(w[at + 1 :])
    branches = []
    for c, befores in sorted(tree.items()):
        parts = [(f"(?<={re.escape(before + c)})" if before else "") + lexicons.literal_alternation(after)
                 for before, after in sorted(befores.items())]
        branches.append(re.escape(c) + "(?:" + "|".join(parts) + ")")
    return "(?:" + "|".join(branches) + ")"


class Needs:
    """Literals one of which occurs in every match of each of some patterns: a text that holds
    none of them (lower-cased) matches none of the patterns, and need not be searched. The
    literals are looked for with one case-sensitive regex that opens with a few rare letters
    (:func:`anchored_alternation`), which ``re`` runs fast (it skips positions by their first
    character); ``find=True``: with ``in``, one literal
    after another, faster for a few literals that open with a space or another common
    character, where the regex stops at every one (the boilerplate's ' site', ' or email')."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], find: bool = False) -> None:
        found = [inner_literals(p.pattern, p.flags) for p in patterns]
        literals = None if any(f is None for f in found) else sorted({w for f in found for w in f or ()})
        self.literals = tuple(literals or ())
        self.regex = re.compile(anchored_alternation(literals)) if literals and not find else None
        self.odd = odd_cases(self.literals)

    def _lower(self, text: str) -> str | None:
        """``text`` lower-cased, where its literals are found in it; None where they cannot
        tell (no literals, or a character ``lower`` reads otherwise than ``re``)."""
        if not self.literals:
            return None
        low = text.lower()
        return None if len(low) != len(text) or holds_odd(low, self.odd) else low

    def absent(self, text: str) -> bool:
        """Whether no pattern can match ``text`` (False when that cannot be told cheaply)."""
        low = self._lower(text)
        if low is None:
            return False
        if self.regex is None:
            return not any(literal in low for literal in self.literals)
        return self.regex.search(low) is None

    def held(self, text: str) -> tuple[str, ...] | None:
        """The literals ``text`` holds (lower-cased), or None when ``absent`` could not tell.
        A part of ``text`` (a line of it) holds only these: it is ``absent`` when it holds
        none of them, a test of a few literals, not of all."""
        low = self._lower(text)
        return None if low is None else tuple(literal for literal in self.literals if literal in low)


class Gate:
    """A compiled regex, the literals its matches begin with, or else literals every match
    contains (see the module docstring)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.starts = first_literals(pattern.pattern, pattern.flags)
        self.needs = None if self.starts else inner_literals(pattern.pattern, pattern.flags)
        # every match begins a word (see :class:`Literals`): the pattern opens with a word
        # boundary (Unicode's) and each literal its matches begin with, with a word character
        self.at_word = bool(self.starts) and not pattern.flags & re.ASCII and _opens_with_boundary(
            pattern) and all(_WORD_CHAR.match(s) for s in self.starts or ())

    @property
    def literals(self) -> tuple[str, ...]:
        return self.starts or self.needs or ()

    def finditer(self, scan: Scan) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(scan.text)``."""
        at = scan.at
        if at is None or (self.starts is None and self.needs is None):
            yield from self.pattern.finditer(scan.text)
            return
        if self.starts is None:
            if any(literal in at for literal in self.needs or ()):
                yield from self.pattern.finditer(scan.text)
            return
        offsets = sorted({i for literal in self.starts for i in at.get(literal, ())})
        end = 0
        for i in offsets:
            if i < end:
                continue  # inside the previous match: finditer goes on after it
            m = self.pattern.match(scan.text, i)
            if m is not None:
                yield m
                end = m.end()

    def search(self, scan: Scan) -> re.Match[str] | None:
        """``self.pattern.search(scan.text)``."""
        return next(self.finditer(scan), None)


_WORD_CHAR = re.compile(r"\w")


def _opens_with_boundary(pattern: re.Pattern[str]) -> bool:
    """Whether a regex's first item is ``\\b``."""
    items = _parser.parse(pattern.pattern, pattern.flags)
    return len(items) > 0 and items[0] == (_c.AT, _c.AT_BOUNDARY)


def opened_by_class(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A case-sensitive ``pattern`` each of whose matches begins with a character of a class
    (the clause break: "[;:.!?]", "\\s(?:when|...)", ",\\s+..."), as a pattern that opens with
    that class and reads ``pattern`` from there in a look-ahead (inside a look-behind of one
    character): ``re`` skips to the characters of the class in its fast first-character scan,
    where an alternation of items is tried at each position. Its matches begin where those of
    ``pattern`` do, and span that one character. None for None; ``pattern`` itself when some
    match may begin otherwise (or it ignores case, which the class would have to too)."""
    if pattern is None or pattern.flags & re.IGNORECASE:
        return pattern
    first = _first_class(list(_parser.parse(pattern.pattern, pattern.flags)))
    if first is None:
        return pattern
    return re.compile(rf"[{first}](?<=(?={pattern.pattern})(?s:.))", pattern.flags)


def spaced(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``pattern``, which opens with ``\\b`` and each of whose matches begins with a word
    character, with the ``\\b`` made the non-word character before the match, to search the
    text with a space before it: ``re`` skips to those characters (the white space and
    punctuation between words) in its fast first-character scan, where ``\\b`` was tried at
    each position (a fifth faster). Its matches begin one before the pattern's in the spaced
    text: at the pattern's offsets in the text. None for None, and for a pattern that opens
    otherwise or looks behind (which would see the space): its searches are then each
    category's pattern's."""
    if pattern is None or not pattern.pattern.startswith(r"\b"):
        return None
    rest = pattern.pattern[2:]
    first = _first_class(list(_parser.parse(rest, pattern.flags)))
    if first is None or "(?<" in rest or not all(_WORD_CHAR.match(c) for c in _class_members(first)):
        return None
    return re.compile(rf"[^\w]{rest}", pattern.flags)


def _class_members(body: str) -> list[str]:
    """The characters of the class ``[body]`` (a body :func:`_first_class` writes: characters,
    ranges, ``\\s``, ``\\d``, ``\\w``), each category as a character of it that is not a word
    character (" " for ``\\s``) or is one ("0", "a"), as only whether they are is asked."""
    members: list[str] = []
    for op, av in _parser.parse(f"[{body}]"):
        for kind, value in ([(op, av)] if op is _c.LITERAL else av):
            if kind is _c.LITERAL:
                members.append(chr(value))
            elif kind is _c.RANGE:
                members.extend(map(chr, range(value[0], value[1] + 1)))
            else:  # a category
                members.append({_c.CATEGORY_SPACE: " ", _c.CATEGORY_DIGIT: "0"}.get(value, "a"))
    return members


_CLASS_ESCAPES = {_c.CATEGORY_SPACE: r"\s", _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w"}


def _first_class(items: list) -> str | None:
    """The characters (a class's body) one of which begins every match of a parsed sequence
    (``re._parser`` items), or None when a match may begin otherwise or with nothing."""
    if not items:
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.IN:
        parts = []
        for kind, value in av:
            if kind is _c.LITERAL:
                parts.append(re.escape(chr(value)))
            elif kind is _c.RANGE:
                parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _c.CATEGORY and value in _CLASS_ESCAPES:
                parts.append(_CLASS_ESCAPES[value])
            else:
                return None  # a negated class, another category
        return "".join(parts)
    if op is _c.SUBPATTERN:
        return _first_class(list(av[-1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _first_class(list(av[2]))
    if op is _c.BRANCH:
        alternatives = [_first_class(list(alternative)) for alternative in av[1]]
        return None if any(a is None for a in alternatives) else "".join(alternatives)  # type: ignore[arg-type]
    if op is _c.ASSERT and av[0] == 1:  # a look-ahead: its first character is the match's
        return _first_class(list(av[1]))
    return None


class Scan:
    """A text, its lower-cased form and the offsets of a family's literals in it (``at`` is None
    when the lower-cased text cannot stand for the text: the gates then search as before)."""

    __slots__ = ("text", "low", "at")

    def __init__(self, text: str, low: str | None, at: dict[str, list[int]] | None) -> None:
        self.text, self.low, self.at = text, low, at


class Literals:
    """Every literal of a family of gates (and plain words), found in one pass over a
    lower-cased text: at each offset the longest literal there, and with it every literal that
    begins it.

    Most literals are needed only where a word can begin: the first literals of a gate whose
    matches begin a word (:attr:`Gate.at_word`), and the plain words (whole ``[a-z-]+``
    words). Those are looked for only at offsets with no ASCII letter before them, which
    spares ``re`` a try of the whole prefix tree inside every word (twice as fast); an offset
    after a letter can begin no word. The pattern opens with that character before (a class,
    not a look-behind), so that ``re`` skips the letters between in its fast first-character
    scan; the text is read with a space before it, which stands before its first offset and
    makes each match's start the literal's offset in the text. The other literals (every match holds one, anywhere)
    are rare and few: each is found by ``str.find``, at every offset."""

    def __init__(self, gates: Iterable[Gate], words: Iterable[str] = ()) -> None:
        gates = list(gates)
        anywhere = {w for g in gates if not g.at_word for w in g.literals}
        literals = sorted(({w for g in gates if g.at_word for w in g.literals} | set(words)) - anywhere)
        self.regex = (re.compile(f"[^a-z](?=({lexicons.literal_alternation(literals)}))")
                      if literals else None)
        self.within = {m: tuple(w for w in literals if m.startswith(w)) for m in literals}
        self.anywhere = tuple(sorted(anywhere))
        self.odd = odd_cases([*literals, *anywhere])

    def scan(self, text: str) -> Scan:
        low = text.lower()
        if len(low) != len(text) or holds_odd(low, self.odd):
            return Scan(text, None, None)  # offsets would shift, or a fold lower() misses
        at: dict[str, list[int]] = {}
        if self.regex is not None:
            within = self.within
            for m in self.regex.finditer(" " + low):
                i = m.start()  # the literal's offset in ``low``, one on in what is read
                for literal in within[m.group(1)]:
                    at.setdefault(literal, []).append(i)
        for literal in self.anywhere:
            i = low.find(literal)
            while i >= 0:
                at.setdefault(literal, []).append(i)
                i = low.find(literal, i + 1)
        return Scan(text, low, at)
