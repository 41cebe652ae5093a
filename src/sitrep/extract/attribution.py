"""Extract stage: who states a figure (the claimant), through which words, with which stance.

The claimant of a sentence is found from its reporting structure: "X said", "said X",
"according to X", "X, citing Y" (Y speaks, via X), quotes before and after the speaker. A phrase
is read as an actor by the actor lexicon: named bodies, a place word with a state organ
("Ukrainian forces", "Russia's defence ministry"), independent voices ("war reporters",
"witnesses"), local authorities ("police", "the sheriff's office", who speak for the country the
article is about), and descriptions or pronouns ("the ministry", "he") that resolve to the last
matching actor named earlier. A sentence that names nobody carries the last attribution of its
paragraph; with none, the outlet speaks (side ``SELF``).

:class:`Attributor` holds the per-document state (earlier actors); it is created per document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, NamedTuple

from .. import lexicons
from ..gates import key_of
from ..models import Claimant

OUTLET = Claimant(name="the outlet", side="SELF", kind="outlet")


class Attribution(NamedTuple):  # a tuple: made for most sentences, cheaper than a dataclass
    claimant: Claimant
    verb: str | None
    stance: str  # asserts | denies | disputes | neither
    explicit: bool  # found in the sentence itself (not carried)


@dataclass(frozen=True, slots=True)
class _ActorLexicon:
    named: _Gated
    named_entries: tuple[dict[str, str], ...]
    place_organ: re.Pattern[str]
    organ_place: re.Pattern[str]
    places: dict[str, str]
    organs: _Kinds
    place_only: re.Pattern[str]
    local: _Kinds
    independent: _Kinds
    armed_groups: _Kinds  # common nouns for non-state armed groups: read last
    verbs: _Folded
    deny: _Gated
    dispute: _Gated
    neither: _Gated
    cue_words: _AnyWord  # a test before the stance cues
    according: _Gated
    citing: _Gated
    pronouns: dict[str, str]
    name: re.Pattern[str]
    place_any: re.Pattern[str]
    place_words: _PlaceWords  # whether a text may hold a place name (see _PlaceWords)
    place_after_word_end: bool  # organ_place's place starts a word: place_words applies to it
    location_cues: dict[str, tuple[str, float]]
    not_name: re.Pattern[str]
    org_words: tuple[tuple[str, re.Pattern[str]], ...]
    group_name: _WordGated  # needs a military word ("Army", "Forces")
    role: re.Pattern[str]
    according_label: str
    citing_label: str
    verb_skip: frozenset[str]
    aux: _WordGated
    subject_pronoun: _WordGated
    after_verb: re.Pattern[str]
    pronoun_after_verb: re.Pattern[str]
    listener_verbs: frozenset[str]  # their object hears it: never the speaker
    possessive: re.Pattern[str]
    determiners: re.Pattern[str]
    determiner_key: str
    articles: re.Pattern[str]
    clause_marks: str
    aside: re.Pattern[str]  # what opens an aside describing a speaker (see _clause_before)
    organ_first: bool


class _Kinds:
    """Several patterns, each with a kind, searched as one alternation (one pass per text)."""

    def __init__(self, table: dict[str, str], suffix: str = r"\b") -> None:
        entries = []
        for i, pattern in enumerate(table):
            if pattern.endswith("[A-Z]"):  # "Capt. J": case-sensitive, no word end
                entries.append((f"(?P<k{i}>\\b(?-i:", pattern, "))"))
            else:
                entries.append((f"(?P<k{i}>\\b(?:", pattern, f"){suffix})"))
        self.kinds = list(table.values())
        self.alternation = _Gated(entries)

    def search(self, text: str, lowered: _Lowered | None = None) -> tuple[re.Match[str], str] | None:
        m = self.alternation.search(text, lowered)
        if m is None:
            return None
        return m, self.kinds[int(m.lastgroup[1:])]  # type: ignore[index]


class _Gated:
    """An ordered alternation of lexicon entries, searched with only the entries a text can match.

    Alternations of tens of case-insensitive entries are slow in ``re``: every entry is tried at
    every position, and case-insensitivity defeats its literal fast paths (20-120 µs a phrase or
    sentence). But most entries need some word ("witness", "police", "UN"), and a text that
    lacks it cannot match the entry. So a search first finds which of those words the text
    holds, then searches with the entries still possible: the same matches, at a fraction of
    the cost.

    What an entry needs is read from its regex: where its matches hold a whole word, one of a
    few words (see :func:`_spelt_words`), found in the set of the text's words (cut in C, and
    shared by the gates that read the same text: see :func:`_lowered`); else, or when that word
    is short ("the" of "the ministry", where "ministry" may go on: "the ministry's"), a string it
    must hold (see :func:`_required_words`), found by a substring test, for a short word only in
    texts that hold the word; else nothing (it is always searched). ``context`` is what a
    ``join`` puts around every entry (its word boundaries).

    An entry is ``(before, pattern, after)``. By default the entries form one alternation in
    their order, and each alternative of each entry ("putin|the kremlin") is gated and searched
    on its own: the first of those matching leftmost is the alternation's match, and nothing is
    compiled per text. With ``join`` (which may reorder entries by their form, as
    :func:`lexicons.alternation` does), the entries still possible are joined and compiled once
    per set of words held."""

    def __init__(self, entries: list[tuple[str, str, str]],
                 join: Callable[[list[str]], str] | None = None, flags: int = re.IGNORECASE,
                 context: tuple[str, str] = ("", "")) -> None:
        if join is None:
            self.parts = [before + alt + after for before, pattern, after in entries
                          for alt in _alternatives(pattern)]
        else:
            self.parts = [before + pattern + after for before, pattern, after in entries]
        self.join = join
        self.flags = flags
        self.pattern = re.compile((join or "|".join)([b + p + a for b, p, a in entries]), flags)
        spelt = [_spelt_words(context[0] + part + context[1], flags) for part in self.parts]
        self.spelt = spelt  # kept for _AnyWord
        self.word_needs = _word_needs(spelt)
        strings = [_telling(_required_words(part, flags)) for part in self.parts]
        self.string_needs = [string if word is None or (min(map(len, word)) < 4 and _tells(string)) else ()
                             for word, string in zip(self.word_needs, strings, strict=True)]
        self.words = frozenset().union(*(word for word in self.word_needs if word is not None))
        self.strings = any(self.string_needs)  # whether some entry needs a string
        # the strings of entries that need no word are looked for in every text
        self.uncased, self.cased = self._strings(
            [need for word, need in zip(self.word_needs, self.string_needs, strict=True) if word is None])
        # by the words a text holds: the strings to look for (see _strings), and the patterns
        # to search it with (none: it matches nothing)
        self._tests: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._by_words: dict[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]],
                             tuple[re.Pattern[str], ...]] = {}
        # the patterns for the words held, when those call for no string to look for (most)
        self._by_held: dict[frozenset[str], tuple[re.Pattern[str], ...]] = {}
        self._compiled: dict[str, re.Pattern[str]] = {}  # parts, or joined parts
        # the patterns for a text that holds no word, when no string is looked for then
        self._bare = None if self.uncased or self.cased else self._possible((frozenset(), (), ()))

    @staticmethod
    def _strings(needs: list[tuple[_Clause, ...]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The strings of some entries' needs: (lower-case, case-sensitive)."""
        strings = {s for need in needs for clause in need for s in clause}
        return (tuple(sorted(s for s, cased in strings if not cased)),
                tuple(sorted(s for s, cased in strings if cased)))

    def patterns(self, text: str, lowered: _Lowered | None = None) -> tuple[re.Pattern[str], ...]:
        """The patterns to search ``text`` with (``lowered``: its :func:`_lowered`, when the
        caller has it): the possible parts one by one, in order, or them joined; none when
        nothing can match."""
        if lowered is None:
            lowered = _lowered(text)
        if lowered is _ODD:  # see _ODD_CASE
            return (self.pattern,)
        low, words = lowered
        # most texts: no word, no string to test (a test that makes no set)
        if self._bare is not None and self.words.isdisjoint(words):
            return self._bare
        held_words = self.words.intersection(words)
        # most sets of words held call for no string to look for: their patterns, kept by them
        found = self._by_held.get(held_words)
        if found is not None:
            return found
        uncased, cased = self._tests_for(held_words) if self.strings else ((), ())
        held = (held_words, tuple([s for s in uncased if s in low]) if uncased else (),
                tuple([s for s in cased if s in text]) if cased else ())
        if not uncased and not cased:
            if len(self._by_held) >= _MAX_REDUCED:
                self._by_held.clear()
            found = self._by_held[held_words] = self._possible(held)
            return found
        found = self._by_words.get(held)
        if found is None:
            if len(self._by_words) >= _MAX_REDUCED:  # a long run over varied text: start again
                self._by_words.clear()
            found = self._by_words[held] = self._possible(held)
        return found

    def _tests_for(self, held_words: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The strings to look for in a text that holds these words: those of the entries that
        need no word or one of them."""
        tests = self._tests.get(held_words)
        if tests is None:
            if len(self._tests) >= _MAX_REDUCED:
                self._tests.clear()
            tests = self._tests[held_words] = self._strings(
                [need for word, need in zip(self.word_needs, self.string_needs, strict=True)
                 if word is None or not word.isdisjoint(held_words)])
        return tests

    def _possible(self, held: tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]) -> tuple[re.Pattern[str], ...]:
        words = held[0]
        present = {(s, False) for s in held[1]} | {(s, True) for s in held[2]}
        keep = [(part, word is not None or bool(need))
                for part, word, need in zip(self.parts, self.word_needs, self.string_needs, strict=True)
                if (word is None or not word.isdisjoint(words))
                and all(not clause.isdisjoint(present) for clause in need)]
        if not keep:
            return ()
        if self.join is not None:
            return (self._compile(self.join([part for part, _ in keep])),)
        if not all(needs for _, needs in keep):  # a part that may match empty: one pass
            return (self._compile("|".join(part for part, _ in keep)),)
        return tuple(self._compile(part) for part, _ in keep)

    def _compile(self, pattern: str) -> re.Pattern[str]:
        found = self._compiled.get(pattern)
        if found is None:
            found = self._compiled[pattern] = re.compile(pattern, self.flags)
        return found

    def _bare_for(self, lowered: _Lowered | None) -> tuple[re.Pattern[str], ...] | None:
        """``patterns`` of a text that holds none of the words (most texts), told without its
        call where the caller has the text lowered; None when that cannot be told here."""
        if self._bare is not None and lowered is not None and lowered is not _ODD and self.words.isdisjoint(lowered[1]):
            return self._bare
        return None

    def may_match(self, text: str, lowered: _Lowered | None = None) -> bool:
        bare = self._bare_for(lowered)
        return bool(self.patterns(text, lowered) if bare is None else bare)

    def search(self, text: str, lowered: _Lowered | None = None) -> re.Match[str] | None:
        """The first leftmost match, as the whole alternation's ``search``."""
        patterns = self._bare_for(lowered)
        if patterns is None:
            patterns = self.patterns(text, lowered)
        best = None
        for pattern in patterns:
            m = pattern.search(text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str, lowered: _Lowered | None = None) -> Iterator[re.Match[str]]:
        """The matches in turn, as the whole alternation's ``finditer``: the first leftmost
        match from where the last ended (parts never match empty: each needs some words)."""
        patterns = self.patterns(text, lowered)
        if len(patterns) <= 1:
            return patterns[0].finditer(text) if patterns else iter(())
        return self._merged(patterns, text)

    @staticmethod
    def _merged(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
        """Each pattern's next match is kept until the merge passes it: a match found from an
        earlier offset that starts at or after the new one is the one a search from there
        finds (a match at an offset does not depend on where the search began)."""
        ahead = [pattern.search(text) for pattern in patterns]
        pos = 0
        while True:
            best = None
            for i, m in enumerate(ahead):
                if m is not None and m.start() < pos:
                    m = ahead[i] = patterns[i].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()


class _WordGated:
    """A regex that needs one of a few whole words (read from its spellings: see
    :func:`_word_needs`), tried only on texts that hold one."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = _word_needs([_spelt_words(pattern.pattern, pattern.flags)])[0]

    def may_match(self, lowered: _Lowered) -> bool:
        """Whether the text of ``lowered`` (its :func:`_lowered`) may hold a match."""
        return self.words is None or lowered is _ODD or not self.words.isdisjoint(lowered[1])


class _AnyWord:
    """Whether a text holds what one of several gated alternations needs: one look at all
    their words and strings, where most texts hold none (a sentence's stance cues). When not,
    none of them can match. An entry that needs a string is looked for by it alone (its
    short word, as "in" of "in another", would be held by most texts).

    A text that holds an entry's word is then asked for all the words of one of the entry's
    forms (its spellings, see :func:`_spelt_words`): a match takes one form, and holds every
    word of it. Many texts hold a common word an entry needs ("year" of "a year ago", "after"
    of "came ... after") but not the rest, and need not be searched."""

    def __init__(self, *gates: _Gated) -> None:
        needs = [(word, need, spelt) for gate in gates
                 for word, need, spelt in zip(gate.word_needs, gate.string_needs, gate.spelt, strict=True)]
        self.always = any(word is None and not need for word, need, _ in needs)
        self.words = frozenset().union(*(word for word, need, _ in needs if word is not None and not need))
        self.uncased, self.cased = _Gated._strings([need for _, need, _ in needs if need])
        # for each word, the forms that hold it (each form holds a word its entry needs)
        forms: dict[str, set[frozenset[str]]] = {}
        for word, need, spelt in needs:
            if word is not None and not need:
                for form in map(frozenset, spelt or ()):
                    for held in form & word:
                        forms.setdefault(held, set()).add(form)
        self.forms = {word: tuple(found) for word, found in forms.items()}

    def may_hold(self, text: str, lowered: _Lowered | None = None) -> bool:
        if lowered is None:
            lowered = _lowered(text)
        if self.always or lowered is _ODD:
            return True
        low, words = lowered
        if not self.words.isdisjoint(words):
            held = set(words)
            for word in self.words.intersection(held):
                for form in self.forms[word]:
                    if form <= held:
                        return True
        for word in self.uncased:  # a loop: cheaper than any() over a generator
            if word in low:
                return True
        for word in self.cased:
            if word in text:
                return True
        return False


def _alternatives(pattern: str) -> list[str]:
    """A regex's top-level alternatives ("a|(?:b|c)" → "a", "(?:b|c)"); the whole pattern when
    it has one, or when a part would not stand alone."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":  # a class: to its closing bracket ("[]a]" and "[^]a]" hold a "]")
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    try:
        for part in parts:
            re.compile(part)
    except re.error:
        return [pattern]
    return parts


class _Folded:
    """A case-insensitive pattern of lower-case words, run case-sensitively on the lower-cased
    text, where re's literal fast paths work. The matches are the case-insensitive pattern's, at
    the same offsets, but their text is lower-cased: ``str.lower`` keeps lengths and word
    characters except for the letters of ``_ODD_CASE``; a text with one, or a pattern with more
    than lower-case letters, escapes and groups (a class, a capital, a flag), is searched with
    the case-insensitive pattern.

    When every match begins with a whole word of a few (the reporting verbs: "said", "put the
    toll at", ...), the pattern is tried only where those words stand in the text, found from
    its set of words (see :func:`_lowered`): most sentences hold one or two, and ``re`` would
    otherwise try the alternation at nearly every letter."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        plain = re.sub(r"\\[bBsSwWdD.'’ -]|\(\?:", "", pattern)  # classes, escaped marks, groups
        folds = not re.search(r"[^a-z\u00df-\u00ff0-9 '’()|?*+-]", plain)
        self.folded = re.compile(pattern) if folds else None
        self.firsts = _first_words(pattern, re.IGNORECASE)

    def finditer(self, text: str, lowered: _Lowered | None = None) -> Iterator[re.Match[str]]:
        if self.folded is None:
            return self.pattern.finditer(text)
        if lowered is None:
            lowered = _lowered(text)
        if lowered is _ODD:
            return self.pattern.finditer(text)
        return _at_words(self.folded, lowered[0], lowered, self.firsts)


def _word_starts(low: str, held: frozenset[str]) -> list[int]:
    """Where the words ``held`` stand in ``low`` as whole words, in order (most texts hold
    one: its offsets come in order)."""
    if len(held) == 1:
        for word in held:
            return _whole_word_offsets(low, word)
    return sorted([i for word in held for i in _whole_word_offsets(low, word)])


def _at_words(pattern: re.Pattern[str], text: str, lowered: _Lowered | None,
              firsts: frozenset[str] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose (never empty) matches begin with one of
    the whole words ``firsts``, tried only where one stands (``lowered``: :func:`_lowered` of
    ``text``, made here when None); at every offset when ``firsts`` is None or the text
    lowers otherwise than ``re`` folds it."""
    if firsts is None:
        return pattern.finditer(text)
    if lowered is None:
        lowered = _lowered(text)
    if lowered is _ODD:
        return pattern.finditer(text)
    low, words = lowered
    held = firsts.intersection(words)
    if not held:  # many texts: no match, and no offsets to find
        return iter(())
    return _matches_at(pattern, text, _word_starts(low, held))


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose (never empty) matches begin only at
    ``starts`` (in order): each match is the first from where the last ended."""
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()


def _whole_word_offsets(low: str, word: str, marks: str = "_") -> list[int]:
    """Where ``word`` (of word characters only) stands in ``low`` as a whole word, in order:
    with no word character just before or after it. A word character is a letter or digit
    (``str.isalnum``) or one of ``marks``: by default ``re``'s ``\\w`` (its documented
    definition, the same on every code point); the place cues pass their token characters.
    A method of ``str`` tells it several times faster than a regex match at the offset."""
    n, size = len(word), len(low)
    out = []
    i = low.find(word)
    while i >= 0:
        j = i + n
        if (not i or not (low[i - 1].isalnum() or low[i - 1] in marks)) and (
                j == size or not (low[j].isalnum() or low[j] in marks)):
            out.append(i)
        i = low.find(word, j)  # a whole word cannot start inside this occurrence
    return out


_MAX_REDUCED = 2048  # reduced patterns kept per alternation
# Under re.IGNORECASE these match "i" and "s", though str.lower() leaves them apart (or, for
# "İ", makes two characters of it): a text holding one is searched with the whole alternation.
# Three substring tests find them (~0.1 µs a text beyond ASCII; a character class, ~0.7).
_ODD_CASE = _DOTLESS_I, _LONG_S, _DOTTED_I = "\u0131", "\u017f", "\u0130"

# what a regex needs a text to hold: every clause, through one of its (string, case-sensitive)
_Clause = frozenset[tuple[str, bool]]


_WORD = re.compile(r"\w+")
# a word character beyond ASCII; without one, a text's words are the words of its UTF-8 bytes
# with every byte but an ASCII word character made a space, cut by ``bytes.split`` in C
_WORD_BEYOND_ASCII = re.compile(r"[^\W\x00-\x7f]")
_ASCII_WORDS = bytes(c if c < 128 and _WORD.match(chr(c)) else 32 for c in range(256))


def _words_of(low: str) -> list[str]:
    """``_WORD.findall(low)``, faster for a text whose word characters are all ASCII."""
    if low.isascii() or _WORD_BEYOND_ASCII.search(low) is None:
        return low.encode("utf-8", "surrogatepass").translate(_ASCII_WORDS).decode("ascii").split()
    return _WORD.findall(low)


# A text lower-cased and its words (runs of word characters, lower-cased, in order), which the
# gates read it by; ``_ODD`` for a text with a letter of ``_ODD_CASE``, where neither stands
# for what ``re`` matches case-insensitively.
_Lowered = tuple[str, list[str]]
_ODD: _Lowered = ("", [])


@lru_cache(maxsize=16)
def _lowered(text: str) -> _Lowered:
    """The text lower-cased and its words, or ``_ODD``. The last few texts' are kept: the gates
    of a phrase (independent voices, named bodies, local bodies, organs) read the same text in
    a row, and a sentence's attribution and stances read it with phrases read in between; each
    is cut into words once."""
    if not text.isascii() and (_DOTLESS_I in text or _LONG_S in text or _DOTTED_I in text):
        return _ODD
    low = text.lower()
    return (low, _words_of(low))


_SHORT = 40  # characters: a text searched by a pattern at once (see _PlaceWords.search)


class _PlaceWords:
    """Whether a text may hold a place name of the lexicon: a run of its words (lower-cased)
    is a name's words. Patterns that need a place name (a place with an organ, an attacker
    named by its country) cost 2-40 µs a text; most phrases and sentences fail this cheaper
    test (a few µs) and are spared them.

    Exact for patterns where a name stands as whole words (after a word boundary or a space,
    before one): it matches, case-insensitively, only where the text's words are its words.
    Names that do not start with a letter, or hold letters beyond Latin-1 (whose case
    ``str.lower`` and ``re`` may see differently), turn the test off.

    A pattern whose matches begin with a name (after a word boundary: "Ukraine's air force") is
    tried only where a name's first word stands (see :meth:`search`): ``re`` would try the
    names' prefix tree at every position."""

    def __init__(self, places: Iterable[str]) -> None:
        self.single: set[str] = set()
        self.by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}  # longer names
        self.off = False
        for name in places:
            words = tuple(_WORD.findall(name.lower()))
            if not words or not name[:1].isalnum() or any(map(_cased_beyond_latin1, name)):
                self.off = True
            elif len(words) == 1:
                self.single.add(words[0])
            else:
                self.by_pair.setdefault(words[:2], []).append(words)
        self.firsts = frozenset(first for first, _ in self.by_pair)  # first words of longer names
        self.starts = frozenset(self.single | self.firsts)  # the first words of all names

    def search(self, pattern: re.Pattern[str], text: str, lowered: _Lowered | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, for a pattern whose matches begin with a name. A short
        text (a phrase read as an actor) is searched at once: ``re`` tries the names at its
        few positions in less time than the words' offsets take to find (~1 µs less)."""
        if len(text) < _SHORT:
            return pattern.search(text)
        return next(_at_words(pattern, text, lowered, None if self.off else self.starts), None)

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, for a pattern whose matches begin with a name (and are
        never empty): each match is the first from where the last ended."""
        return _at_words(pattern, text, None, None if self.off else self.starts)

    def may_hold(self, text: str, lowered: _Lowered | None = None) -> bool:
        if self.off:
            return True
        if lowered is None:
            lowered = _lowered(text)
        if lowered is _ODD:
            return True
        words = lowered[1]
        if not self.single.isdisjoint(words):
            return True
        # most texts hold no first word of a longer name: no pairs to make
        if self.firsts.isdisjoint(words) or self.by_pair.keys().isdisjoint(pairwise(words)):
            return False
        for i, pair in enumerate(pairwise(words)):
            for name in self.by_pair.get(pair, ()):
                if tuple(words[i : i + len(name)]) == name:
                    return True
        return False


def _cased_beyond_latin1(ch: str) -> bool:
    return ord(ch) > 0xFF and (ch.lower() != ch or ch.upper() != ch)


def _ends_in_non_word(pattern: str) -> bool:
    """Whether every match of a regex ends in a non-word character, so that what follows it
    starts a word (read from the parsed regex; False when unsure)."""
    try:
        from re import _parser  # the standard library's regex parser

        return _last_non_word(list(_parser.parse(pattern)), _parser)
    except Exception:
        return False


def _last_non_word(items: list, p: Any) -> bool:
    if not items:
        return False
    op, av = items[-1]
    if op in (p.MAX_REPEAT, p.MIN_REPEAT):
        return _last_non_word(list(av[2]), p) and (av[0] >= 1 or _last_non_word(items[:-1], p))
    if op is p.SUBPATTERN:
        return _last_non_word(items[:-1] + list(av[-1]), p)
    if op is p.BRANCH:
        return all(_last_non_word(items[:-1] + list(branch), p) for branch in av[1])
    if op is p.LITERAL:
        return not _WORD.match(chr(av))
    if op is p.IN:
        return all((kind is p.LITERAL and not _WORD.match(chr(value)))
                   or (kind is p.CATEGORY and value in (p.CATEGORY_SPACE, p.CATEGORY_NOT_WORD))
                   for kind, value in av)
    return False


# Stand-ins in a regex's spellings (see _spellings): a character that may be anything (or
# several, or none); one or more characters that are no word characters; a word boundary.
_ANY, _NON_WORD, _EDGE = "\x00", "\x01", "\x02"
_MAX_SPELLINGS = 256
_OTHER_WORDS = re.ASCII | re.LOCALE  # flags under which \w and \b are not str's word characters


def _spellings(pattern: str, flags: int) -> list[str] | None:
    """The forms a regex's matches take, lower-cased, with stand-ins for what is not spelt out
    (a class of many letters, a repeat: ``_ANY``; white space: ``_NON_WORD``; a ``\\b``:
    ``_EDGE``), read from the parsed regex; None when there are too many or it cannot be read.
    Letters are kept as letters only where ``re`` and ``str.lower`` agree on their case (see
    :func:`_spelt_letter`), and ASCII-only or locale word characters are not read."""
    try:
        from re import _parser  # the standard library's regex parser

        tree = _parser.parse(pattern, flags)
        return None if tree.state.flags & _OTHER_WORDS else _spell(list(tree), _parser)
    except Exception:  # another Python's parser: no spellings, the entry is gated otherwise
        return None


def _spell(items: list, p: Any) -> list[str] | None:
    out = [""]
    for op, av in items:
        forms = _spell_item(op, av, p)
        if forms is None:
            return None
        out = list({a + b for a in out for b in forms})
        if len(out) > _MAX_SPELLINGS:
            return None
    return out


def _spell_item(op: Any, av: Any, p: Any) -> list[str] | None:
    """The forms of one item of a parsed regex (see :func:`_spellings`)."""
    if op is p.LITERAL:
        return [_spelt_letter(chr(av))]
    if op is p.IN:
        members = list(av)
        if all(kind is p.LITERAL and _spelt_letter(chr(value)) == _NON_WORD
               or kind is p.CATEGORY and value in (p.CATEGORY_SPACE, p.CATEGORY_NOT_WORD)
               for kind, value in members):
            return [_NON_WORD]
        if len(members) <= 4 and all(kind is p.LITERAL for kind, _ in members):  # [cs]
            return list({_spelt_letter(chr(value)) for _, value in members})
        return [_ANY]
    if op is p.AT:
        edges = (p.AT_BOUNDARY, p.AT_BEGINNING, p.AT_BEGINNING_STRING, p.AT_END, p.AT_END_STRING)
        return [_EDGE] if av in edges else [""]
    if op in (p.ASSERT, p.ASSERT_NOT):  # they read, but match nothing
        return [""]
    if op is p.SUBPATTERN:
        return None if av[1] & _OTHER_WORDS else _spell(list(av[-1]), p)
    if op is p.BRANCH:
        forms: set[str] = set()
        for branch in av[1]:
            found = _spell(list(branch), p)
            if found is None:
                return None
            forms.update(found)
        return list(forms)
    if op in (p.MAX_REPEAT, p.MIN_REPEAT):
        low, high, body = av
        inner = _spell(list(body), p)
        if inner is not None and all(form and set(form) == {_NON_WORD} for form in inner):
            return [_NON_WORD] if low >= 1 else ["", _NON_WORD]  # white space
        if inner is not None and high == 1:  # optional, or once
            return inner if low == 1 else ["", *inner]
        if inner is not None and low >= 1:  # anything, then the last time: what follows it
            return [_ANY + form for form in inner]
    return [_ANY]


def _spelt_letter(ch: str) -> str:
    """A literal character as spelt: lower-cased when it is a word character whose case ``re``
    and ``str.lower`` see alike (ASCII and Latin-1 letters but "µ"; "i" and "s" too, the letters
    of ``_ODD_CASE`` being searched otherwise), a non-word character that has no case as itself
    (``_NON_WORD`` for the ASCII ones), else ``_ANY``."""
    if _WORD.match(ch):
        return ch.lower() if ord(ch) <= 0xFF and ch != "µ" else _ANY
    if ch.isascii():
        return _NON_WORD
    return ch if ch.lower() == ch == ch.upper() else _ANY


_SPELT_WORD = re.compile(r"[^\W\x00-\x02]+")


def _spelt_words(pattern: str, flags: int) -> list[dict[str, int]] | None:
    """For each spelling of a regex, the whole words every match of that form holds (with
    where they stand in it): runs of word characters with a known non-word character or a word
    boundary on both sides (at the ends of the pattern the neighbours are unknown). Each is
    then a word of the text (lower-cased), where the regex matches."""
    spellings = _spellings(pattern, flags)
    if not spellings:
        return None
    out = []
    for form in spellings:
        words = {}
        for m in _SPELT_WORD.finditer(form):
            start, end = m.span()
            if start and end < len(form) and form[start - 1] != _ANY and form[end] != _ANY:
                words[m.group()] = start
        out.append(words)
    return out


def _word_needs(spelt: list[list[dict[str, int]] | None]) -> list[frozenset[str] | None]:
    """For each of several regexes (their :func:`_spelt_words`), words of which a text must hold
    one for it to match: a word all its spellings hold (unless it is short), else one of
    each; None when a spelling holds none. The most telling word is taken: four letters or
    more, then held by the fewest of the regexes, then the longest, then the last ("the RSF":
    "rsf"; a determiner comes first)."""
    counts: dict[str, int] = {}
    for spellings in spelt:
        for word in set().union(*spellings) if spellings else ():
            counts[word] = counts.get(word, 0) + 1

    def best(words: dict[str, int], among: Iterable[str]) -> str:
        return max(among, key=lambda w: (len(w) >= 4, -counts[w], len(w), words[w]), default="")

    needs: list[frozenset[str] | None] = []
    for spellings in spelt:
        if not spellings or not all(spellings):
            needs.append(None)
            continue
        common = best(spellings[0], set(spellings[0]).intersection(*spellings[1:]))
        each = frozenset(best(words, words) for words in spellings)
        # a short common word ("a" of "a day earlier") tells less than the best of each
        needs.append(frozenset([common]) if len(common) >= 4 else each)
    return needs


def _first_words(pattern: str, flags: int) -> frozenset[str] | None:
    """The whole words every match of a regex begins with, one of them (the reporting verbs:
    "said", "according", "put"); None when some match may begin otherwise."""
    spellings = _spellings(pattern, flags)
    if not spellings:
        return None
    firsts = set()
    for form in spellings:
        m = _SPELT_WORD.search(form)
        # the first word: after boundaries only, with a known end
        if (m is None or form[: m.start()].strip(_EDGE) or m.start() == 0
                or m.end() == len(form) or form[m.end()] == _ANY):
            return None
        firsts.add(m.group())
    return frozenset(firsts)


def _required_words(pattern: str, flags: int) -> tuple[_Clause, ...]:
    """Strings that a text must hold for the pattern to match it: each clause through one of
    its strings (lower-case unless case-sensitive; ASCII). Read from the parsed regex: a run of
    plain characters of a sequence is needed; so is what a group or a repeat of at least one
    needs, and for alternatives the strings of one clause of each. Only what is certain is kept:
    classes, optional parts and other letters leave gaps (no clause: always searched)."""
    try:
        from re import _parser  # the standard library's regex parser

        tree = _parser.parse(pattern, flags)
        return tuple(_clauses(list(tree), not tree.state.flags & re.IGNORECASE, _parser))
    except Exception:  # another Python's parser: no gate, the entry is always searched
        return ()


def _clauses(items: list, cased: bool, p: Any) -> list[_Clause]:
    """The clauses of a parsed sequence (``cased``: matched case-sensitively)."""
    out: list[_Clause] = []
    run: list[str] = []
    for op, av in items + [(None, None)]:
        if op is p.LITERAL and av < 128:
            run.append(chr(av) if cased else chr(av).lower())
            continue
        if run:
            out.append(frozenset([("".join(run), cased)]))
            run = []
        if op is p.SUBPATTERN:
            _group, add, remove, body = av
            inner = False if add & re.IGNORECASE else True if remove & re.IGNORECASE else cased
            out.extend(_clauses(list(body), inner, p))
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT) and av[0] >= 1:
            out.extend(_clauses(list(av[2]), cased, p))
        elif op is p.BRANCH:
            best = [_best(_clauses(list(branch), cased, p)) for branch in av[1]]
            if all(best):
                out.append(frozenset().union(*best))
    return out


def _telling(clauses: tuple[_Clause, ...]) -> tuple[_Clause, ...]:
    """Of what a pattern needs, the most telling clause alone: one clause decides nearly as
    often as all, and each string costs a substring test per text."""
    best = _best(list(clauses))
    return (best,) if best else ()


def _best(clauses: list[_Clause]) -> _Clause | None:
    """The most telling clause: none of its strings short (under four letters or digits, a
    case-sensitive one counting twice: "AP" tells, "the " does not), then the fewest strings,
    then the longest shortest string."""
    return min(clauses, key=lambda c: (not _tells((c,)), len(c), -min(len(s) for s, _ in c)), default=None)


def _tells(clauses: tuple[_Clause, ...]) -> bool:
    """Whether some clauses are there and none of their strings is short (see :func:`_best`)."""
    return bool(clauses) and all(sum(ch.isalnum() for ch in s) * (2 if cased else 1) >= 4
                                 for clause in clauses for s, cased in clause)


def _country_names() -> dict[str, str]:
    """Country names (short, common and official, lower-cased) → ISO alpha-2, from pycountry."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_2
    return names


_alt = lexicons.alternation


def _words(entries: list[str]) -> _Gated:
    """Lexicon entries as whole words, case-insensitive: ``\\b(?:entry|...)\\b`` (see
    :func:`lexicons.alternation`), searched with the entries a text can match."""
    return _Gated([("", entry, "") for entry in entries], lambda kept: rf"\b(?:{_alt(kept)})\b",
                  context=(r"\b(?:", r")\b"))


def _titles(titles: list[str]) -> str:
    """Titles before a person's name, as a regex (one that never matches when there are none)."""
    return lexicons.literal_alternation(titles) if titles else "(?!)"


@lru_cache(maxsize=8)
def lexicon(language: str = "en") -> _ActorLexicon:
    """The compiled actor and reporting lexicons for a language (built once per process)."""
    actors = lexicons.load("actors", language)
    attr = lexicons.load("attribution", language)
    named = tuple(actors["named"])
    named_re = _Gated([(f"(?P<n{i}>\\b(?:", e["pattern"], ")\\b)") for i, e in enumerate(named)])
    countries = _country_names()
    places = {**countries, **{k.lower(): v for k, v in actors["places"].items()}}
    # how much a word says about where the article is: a city or region most, a country name
    # less, a demonym least (it often describes the attacker: "Russian drones")
    cues = {k: (v, 1.0 if k in countries else 0.5) for k, v in places.items()}
    cues.update({k.lower(): (v, 2.0) for k, v in actors.get("location_cues", {}).items()})
    for article in actors.get("elisions", ()):  # French "d'Odessa", "l'Ukraine": one token
        cues.update({article + k: v for k, v in list(cues.items()) if " " not in k})
    place_alt = lexicons.literal_alternation(places)
    order = actors["word_order"]
    organ_alt = _alt(list(actors["organs"]))
    place_organ = re.compile(
        rf"\b(?P<place>{place_alt})\s+{order['place_organ_gap']}(?P<organ>{organ_alt})\b", re.IGNORECASE
    )
    organ_place = re.compile(
        rf"\b(?P<organ>{organ_alt})\s+{order['organ_place_link']}(?P<place>{place_alt})\b",
        re.IGNORECASE,
    )
    # reporting verbs stay one pattern: most sentences hold several, so a gate would not pay
    verbs = _Folded(rf"\b(?:{_alt(attr['verbs'])})\b")
    g = attr["grammar"]
    stop = g["speaker_stop"]
    deny, dispute, neither = _words(attr["deny"]), _words(attr["dispute"]), _words(attr["neither"])
    return _ActorLexicon(
        named=named_re,
        named_entries=named,
        place_organ=place_organ,
        organ_place=organ_place,
        places=places,
        location_cues=cues,
        not_name=re.compile(rf"\b(?:{'|'.join(actors['not_names'])})\b"),
        org_words=tuple((kind, re.compile(rf"\b(?:{'|'.join(words)})\b"))
                        for kind, words in actors["org_words"].items()),
        # (?<![.!?]\s)\b(?!The\b|A\b|An\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+(?:military)\b, begun
        # with its first capital as _ORG_NAME is (the assertions read from after it)
        group_name=_WordGated(re.compile(
            r"[A-Z](?<!\w.)(?<![.!?]\s.)(?!(?<=T)he\b|(?<=A)\b|(?<=A)n\b)[\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+"
            rf"(?:{'|'.join(actors['org_words']['military'])})\b"
        )),
        role=re.compile(rf"\b(?:{'|'.join(actors['role_words'])})\b", re.IGNORECASE),
        organs=_Kinds(actors["organs"]),
        place_only=re.compile(rf"^(?:the\s+)?({place_alt})$", re.IGNORECASE),
        local=_Kinds(actors["local"], suffix=""),
        independent=_Kinds(actors["independent"]),
        armed_groups=_Kinds(actors.get("armed_groups", {"(?!)": "military"})),
        verbs=verbs,
        deny=deny,
        dispute=dispute,
        neither=neither,
        cue_words=_AnyWord(deny, dispute, neither),
        according=_Gated([("", rf"\b(?:{g['according']['pattern']})\s+(?P<who>[^{stop}]+)", "")]),
        citing=_Gated([("", rf"\b(?:{g['citing']['pattern']})\s+(?P<who>[^{stop}]+)", "")]),
        pronouns={k.lower(): v for k, v in attr["pronouns"].items()},
        name=re.compile(
            rf"\b(?:(?:{_titles(attr.get('person_titles', []))})\.?\s+)?"
            r"(?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+"
        ),
        place_any=re.compile(rf"\b({place_alt})\b", re.IGNORECASE),
        place_words=_PlaceWords(places),
        place_after_word_end=_ends_in_non_word(rf"\s+{order['organ_place_link']}"),
        according_label=g["according"]["label"],
        citing_label=g["citing"]["label"],
        verb_skip=frozenset(g["verb_skip"]),
        aux=_WordGated(re.compile(g["aux"], re.IGNORECASE)),
        subject_pronoun=_WordGated(re.compile(rf"\b({g['subject_pronouns']})\s*$", re.IGNORECASE)),
        after_verb=re.compile(
            rf"\s*((?:(?!(?:{g['not_after_verb']})\b)[^\s{stop}]+\s*){{1,8}})", re.IGNORECASE),
        pronoun_after_verb=re.compile(rf"(?:{g['pronouns_after_verb']})\b", re.IGNORECASE),
        listener_verbs=frozenset(g.get("listener_verbs", ())),
        possessive=re.compile(rf"(?:{g['possessive']})\s"),
        determiners=re.compile(rf"^(?:{g['determiners']})\s+"),
        determiner_key=g["determiner_key"],
        articles=re.compile(rf"^(?:{g['articles']})", re.IGNORECASE),
        clause_marks=g["clause_marks"],
        aside=re.compile(rf"\s*(?:{g.get('aside_opens', '(?!)')})\s", re.IGNORECASE),
        organ_first=bool(order.get("organ_first")),
    )


@dataclass
class Attributor:
    """Finds the claimant of each sentence of one document, remembering earlier actors."""

    default_side: str = "OTHER"
    language: str = "en"
    history: list[Claimant] = field(default_factory=list)
    surnames: dict[str, Claimant] = field(default_factory=dict)
    last_by_paragraph: dict[int, Attribution] = field(default_factory=dict)
    # actors read so far and sentences not yet read for actors, in text order
    timeline: list[Claimant | str | list[Claimant]] = field(default_factory=list)
    _cue_sentence: str | None = None
    _cand_key: tuple[str, int] | None = None
    _candidates: list[tuple[int, Attribution]] = field(default_factory=list)
    _cues: list[tuple[int, str]] = field(default_factory=list)

    @staticmethod
    def language_for(language: str | None) -> str:
        """The lexicon language for a document's language: its own when its lexicon folder has
        the category rules (``categories.json``), else English."""
        return _language_for(language) if language else lexicons.DEFAULT_LANGUAGE

    def skip(self, sentence: str) -> None:
        """Note a sentence that is not attributed (it states no figure); its actors are read
        only if a later description or pronoun needs them (see :meth:`_resolve`)."""
        self.timeline.append(sentence)

    def _mentions(self, sentence: str) -> list[Claimant]:
        """Named actors mentioned in a sentence, in order (no reporting verb needed)."""
        lex = lexicon(self.language)
        found: list[tuple[int, Claimant]] = []
        lowered = _lowered(sentence)  # for the gates here
        for m in lex.named.finditer(sentence, lowered):
            if sentence.startswith(("'s", "’s"), m.end()):
                continue  # a modifier ("the Islamic State's Sahel Province"), not the actor
            e = lex.named_entries[int(m.lastgroup[1:])]  # type: ignore[index]
            found.append((m.start(), Claimant(e["name"], e["side"], e["kind"])))
        # a place with an organ needs a place name and an organ's words
        place = lex.place_words.may_hold(sentence, lowered) and lex.organs.alternation.may_match(sentence, lowered)
        for m in lex.place_words.finditer(lex.place_organ, sentence) if place else ():
            organ = lex.organs.search(m.group("organ"))
            found.append((m.start(), Claimant(_tidy(m.group(0), self.language), lex.places[key_of(lex.places, m.group("place"))],
                                              organ[1] if organ else "government")))
        organ_place = lex.organ_first and (place or not lex.place_after_word_end)
        for m in lex.organ_place.finditer(sentence) if organ_place else ():  # "l'armée ukrainienne"
            organ = lex.organs.search(m.group("organ"))
            found.append((m.start(), Claimant(_tidy(m.group(0), self.language), lex.places[key_of(lex.places, m.group("place"))],
                                              organ[1] if organ else "government")))
        for m in _ORG_NAME.finditer(sentence):  # organisations named without a lexicon entry
            name = m.group(0)
            kind = _name_kind(name, self.language)
            if (kind != "person" or name.isupper()) and not lex.place_any.fullmatch(name):
                found.append((m.start(), Claimant(name, "OTHER", "organisation" if kind == "person" else kind)))
        return [c for _, c in sorted(found, key=lambda x: x[0])]

    # ----------------------------------------------------------------- actors
    def actor(self, phrase: str, names: bool = True, described: bool = False) -> Claimant | None:
        """Read a phrase as an actor, or None when it names nobody (``names``: accept bare names;
        ``described``: a description that refers back to nobody names the body it describes)."""
        lex = lexicon(self.language)
        phrase = phrase.strip(_PHRASE_EDGES)
        if not phrase:
            return None
        lowered = _lowered(phrase)  # for the gates here and in _lexicon_actor
        low = phrase.lower() if lowered is _ODD else lowered[0]
        known = _lexicon_actor(phrase, self.language, self.default_side)
        if known is not None:
            return self._remember(known, phrase)
        if lex.possessive.match(low):  # "Its spokesman, Ko Thura": the body named before
            body = self._resolve("organisation")
            if body is not None:
                return body
        described_as = _described_as(lex, low)
        if described_as is not None:
            earlier = self._resolve(described_as)
            # a description with no antecedent ("The army said ..." opening an article), when
            # the caller has nothing better (``described``), names the body it describes, read
            # as any other phrase below; a pronoun names nobody
            if earlier is not None or not described:
                return earlier
        hit = lex.local.search(phrase, lowered) or lex.organs.search(phrase, lowered)
        # most phrases hold no military word, and are not searched for a group's name
        group = lex.group_name.pattern.search(phrase) if lex.group_name.may_match(lowered) else None
        if group is not None and self._place_side(phrase) is None:
            # "the Arakan Army", "the Kani People's Defence Force": a named non-state group
            return self._remember(Claimant(group.group(0), "OTHER", "military"), phrase)
        if hit:
            side = self._place_side(phrase)
            held = lex.name.findall(phrase)  # its names: whether a person speaks, and kept
            person = bool(held) and not lex.not_name.search(phrase)
            if side is None:
                # "a military spokesperson" after "the Israeli military said": the same body;
                # but a person the phrase names is that person ("acting governor Jane Doe"
                # after another governor spoke), unless the earlier actor is them
                earlier = self._same_body(hit[0].group(0).lower(), hit[1], phrase)
                if earlier is not None and (not person or held[-1].split()[-1].lower() in earlier.name.lower()):
                    return earlier
            kind = "official" if person and hit[1] in ("government", "military") else hit[1]
            # a phrase of a name's length is the name ("Capt. Jane Doe with the Fire Department");
            # a longer one is a clause the speaker stands in: the body's own words name it
            name = phrase if len(phrase.split()) <= _NAME_WORDS else hit[0].group(0)
            return self._remember(Claimant(_tidy(name, self.language), side or self.default_side, kind), phrase, held)
        found = lex.name.findall(phrase) if names else []
        single = _SINGLE_NAME.fullmatch(phrase)
        if single and single.group(1).lower() in self.surnames:
            return self.surnames[single.group(1).lower()]  # "Fedorenko wrote", "PDMA figures"
        if not found:
            return None
        if found:
            name = found[-1].strip()
            surname = name.split()[-1].lower()
            if surname in self.surnames:
                return self.surnames[surname]
            if not lex.not_name.search(name):
                return self._remember(Claimant(name, "OTHER", _name_kind(name, self.language)), phrase, found)
        return None

    def _same_body(self, organ: str, kind: str, phrase: str = "") -> Claimant | None:
        """The last actor of the same kind whose name has the organ's head word, and every
        capitalised word of ``phrase`` but its first ("the Sumy regional administration" is
        not the Kharkiv one named before)."""
        head = organ.split()[-1]
        names = [w for w in phrase.split()[1:] if w[:1].isupper()]
        for c in reversed(self.history):
            # "the army" is a state's: an armed group the article named ("the RSF") is OTHER
            if c.kind == kind and (head in c.name.lower() or (kind == "military" and c.side != "OTHER")) \
                    and all(w in c.name for w in names):
                return c
        return None

    def _place_side(self, phrase: str) -> str | None:
        lex = lexicon(self.language)
        m = lex.place_words.search(lex.place_any, phrase)
        return lex.places[key_of(lex.places, m.group(1))] if m else None

    def _remember(self, claimant: Claimant, phrase: str, names: list[str] | None = None) -> Claimant:
        """Note an actor read from a phrase, and the surnames of the phrase's names (``names``:
        its ``name.findall``, when the caller has it) as theirs."""
        self.history.append(claimant)
        self.timeline.append(claimant)
        for name in lexicon(self.language).name.findall(phrase) if names is None else names:
            parts = name.split()
            if len(parts) >= 2:
                self.surnames[parts[-1].lower()] = claimant
        return claimant

    def _resolve(self, head: str) -> Claimant | None:
        """The last actor matching a description ("ministry", "person", "any"), latest first:
        actors read so far, and those named in the last few sentences read for no claim."""
        scanned = 0
        for index in range(len(self.timeline) - 1, -1, -1):
            item = self.timeline[index]
            if isinstance(item, str):
                scanned += 1
                if scanned > 8:
                    continue
                item = self.timeline[index] = self._mentions(item)  # read once, kept
            found = self._match(head, reversed(item) if isinstance(item, list) else (item,))
            if found is not None:
                return found
        return None

    @staticmethod
    def _match(head: str, candidates: Iterable[Claimant]) -> Claimant | None:
        for c in candidates:
            if head == "any" or head in c.name.lower():
                return c
            if head == "person" and (c.kind in ("person", "official") or _role(c.name)):
                return c
            if head == "organisation" and c.kind not in ("person",):
                return c
            if head in ("spokes", "official", "source", "agency") and c.kind != "person":
                return c
            if head == "group" and c.side == "OTHER" and c.kind in ("military", "ngo", "organisation"):
                return c  # "the group said": the armed or rights group named before
            if head in ("army", "military", "general staff") and c.kind == "military" and c.side != "OTHER":
                return c  # a state's forces: not an armed group the article named ("the RSF")
        return None

    # ------------------------------------------------------------ sentences
    def attribute(self, sentence: str, paragraph: int, at: int | None = None) -> Attribution:
        """The attribution of a sentence (explicit, carried from its paragraph, or the outlet).

        With several speakers in one sentence ("the ministry put the toll at 43, while activists
        said at least 60"), ``at`` (a figure's offset in the sentence) picks the nearest speaker
        before it, else the first after it."""
        if self._cand_key != (sentence, paragraph):
            self._cand_key = (sentence, paragraph)
            self._candidates = self._explicit_all(sentence)
            self._note(sentence, paragraph, self._candidates)
        candidates = self._candidates
        if candidates:
            if at is None:
                return self._sentence_source(candidates)
            before = [a for pos, a in candidates if pos < at]
            return before[-1] if before else candidates[0][1]
        carried = self.last_by_paragraph.get(paragraph)
        if carried is not None:
            return Attribution(carried.claimant, carried.verb, "asserts", False)
        return Attribution(OUTLET, None, "asserts", False)

    def _sentence_source(self, candidates: list[tuple[int, Attribution]]) -> Attribution:
        """The source of a whole sentence: whoever it cites, else "according to", else the first."""
        lex = lexicon(self.language)
        for wanted in (lex.citing_label, lex.according_label):
            for _, a in candidates:
                if a.verb == wanted:
                    return a
        return candidates[0][1]

    def _note(self, sentence: str, paragraph: int, candidates: list[tuple[int, Attribution]]) -> None:
        """Remember what a sentence tells later ones: acronyms, the paragraph's speaker."""
        found = self._sentence_source(candidates) if candidates else None
        acronyms = _ACRONYM.findall(sentence) if "(" in sentence else ()  # it needs a bracket
        for long_form, short in acronyms:  # "... Authority (PDMA)": PDMA later
            owner = found.claimant if found and long_form.lower() in sentence.lower() else self.actor(long_form)
            if owner is not None:
                self.surnames[short.lower()] = owner
        if found is not None:
            self.last_by_paragraph[paragraph] = found
            if not self.timeline or self.timeline[-1] is not found.claimant:
                # the latest speaker, however it was read (a description resolved to a body
                # named before is not read again): "it" after it is more likely it than a
                # body named earlier
                self.timeline.append(found.claimant)
        else:
            self.timeline.append(sentence)  # its actors may be named later: "JNIM gave another account."

    def stance(self, sentence: str, start: int = 0, end: int | None = None) -> str:
        """The stance towards the figure at ``[start, end)`` of a sentence: a denial or doubt
        before the figure, or after it with no other party named in between and in the same
        clause ("63? It is fabricated", but not "nine captured, claims Ukraine's military
        rejected", nor "17 rebels killed; rebels deny losses")."""
        lex = lexicon(self.language)
        end = len(sentence) if end is None else end
        if self._cue_sentence != sentence:  # cue positions are read once per sentence
            self._cue_sentence = sentence
            lowered = _lowered(sentence)
            self._cues = [(m.start(), name) for name, pattern in
                          (("neither", lex.neither), ("disputes", lex.dispute), ("denies", lex.deny))
                          for m in pattern.finditer(sentence, lowered)] if lex.cue_words.may_hold(sentence, lowered) else []
        for position, name in self._cues:
            if position < end:
                return name
            between = sentence[end:position][:300]
            if ";" in between:
                continue  # another clause ("17 killed; rebels deny losses"): not the figure's
            if not (lex.named.search(between) or lex.place_organ.search(between)
                    or (lex.organ_first and lex.organ_place.search(between))
                    or lex.independent.search(between)):
                return name
        return "asserts"

    def _explicit_all(self, s: str) -> list[tuple[int, Attribution]]:
        """Every explicit attribution of a sentence with its position, in order. "Citing" and
        "according to" come first when present: they name the source of the whole sentence."""
        lex = lexicon(self.language)
        stance = "asserts"
        lowered = _lowered(s)
        cite = lex.citing.search(s, lowered)
        if cite:
            speaker = self.actor(cite.group("who"))
            head = s[: cite.start()].rstrip(" ,")
            relay = self.actor(_clause_before(head, len(head), lex))
            if speaker is not None:
                if relay is not None and relay.name != speaker.name:
                    speaker = Claimant(speaker.name, speaker.side, speaker.kind, (relay.name,))
                return [(cite.start(), Attribution(speaker, lex.citing_label, stance, True))]
        found: list[tuple[int, Attribution]] = []
        acc = lex.according.search(s, lowered)
        if acc:
            who = self.actor(acc.group("who"))
            if who is not None:
                found.append((acc.start(), Attribution(who, lex.according_label, stance, True)))
        for verb in lex.verbs.finditer(s, lowered):
            if verb.group(0).lower() in lex.verb_skip:
                continue
            before = _clause_before(s, verb.start(), lex)
            # its words: it needs an auxiliary's or a pronoun's to hold one (most do not); and
            # read as the speaker, it is this phrase, whose words the gates then have
            words = _lowered(before.strip(_PHRASE_EDGES))
            if lex.aux.may_match(words):
                before = lex.aux.pattern.sub("", before)
            pronoun = lex.subject_pronoun.pattern.search(before) if lex.subject_pronoun.may_match(words) else None
            if pronoun and before.strip().lower() != pronoun.group(1).lower():
                before = pronoun.group(1)  # "In its daily report it said": the pronoun speaks
            who = self.actor(before) if before.strip() else None
            if who is None:
                after = None if verb.group(0).lower() in lex.listener_verbs else lex.after_verb.match(s, verb.end())
                if after and not lex.pronoun_after_verb.match(after.group(1)):
                    who = self.actor(after.group(1))
            if who is None and verb.start() < 200:
                head = s[: verb.start()]
                # a body the sentence names before its verb ("a Burkinabe army convoy ...,
                # the army said"), else the description itself ("the army said", opening an
                # article: no earlier body), else any actor of the words before the verb
                known = _lexicon_actor(head.strip(_PHRASE_EDGES), self.language, self.default_side)
                if known is not None:
                    who = self._remember(known, head)
                elif _described_as(lex, before.strip(_PHRASE_EDGES).lower()) is not None:
                    who = self.actor(before, described=True)
                if who is None:
                    who = self.actor(head, names=False)
            if who is not None:
                found.append((verb.start(), Attribution(who, verb.group(0).lower(), stance, True)))
        found.sort(key=lambda pa: pa[0])
        return found


@lru_cache(maxsize=64)
def _language_for(language: str) -> str:
    folder = resources.files(lexicons.__name__).joinpath(language)
    return language if folder.joinpath("categories.json").is_file() else lexicons.DEFAULT_LANGUAGE


# compiled once: re's own cache of patterns is small, and other stages fill it
_SINGLE_NAME = re.compile(r"([A-Z][\w'’-]+)(?:\s+(?:figures|data|statistics|estimates|count|records|tally))?")
_LAST_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
_PHRASE_EDGES = " \t\n,;:—–-“”\"'’"  # cut from the ends of a phrase read as an actor
_NAME_WORDS = 8  # the most words of a phrase read whole as a speaker's name
_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]+\s+){1,6}[A-Z][\w'’-]+)\s+\(([A-Z]{2,8})\)")
# \b(?:[A-Z]{3,6}\b|(?:[A-Z][\w'’-]+\s+){1,4}[A-Z][\w'’-]+), written to begin with the capital every
# match begins with: ``re`` then skips the other characters in a fast loop instead of trying the
# pattern at each position (several times faster on a sentence). After that capital,
# ``(?<!\w.)`` is the word boundary before it, and each alternative reads on from its second letter.
_ORG_NAME = re.compile(r"[A-Z](?<!\w.)(?:[A-Z]{2,5}\b|[\w'’-]+\s+(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)")


@lru_cache(maxsize=50_000)
def _lexicon_actor(phrase: str, language: str, default_side: str) -> Claimant | None:
    """The actor a phrase names through the lexicon alone (independent voices, named bodies,
    a place with an organ, a country, an armed group named by a common noun): pure, so cached
    across documents."""
    lex = lexicon(language)
    lowered = _lowered(phrase)
    hit = lex.independent.search(phrase, lowered)
    if hit:
        return Claimant(_tidy(hit[0].group(0), language), "OTHER", hit[1])
    m = lex.named.search(phrase, lowered)
    if m:
        entry = lex.named_entries[int(m.lastgroup[1:])]  # type: ignore[index]
        need = entry.get("requires_place")
        place = lex.place_words.search(lex.place_any, phrase, lowered)
        said = lex.places[key_of(lex.places, place.group(1))] if place else None
        if need is None or said == need or (said is None and default_side == need):
            return Claimant(entry["name"], entry["side"], entry["kind"])
    place = lex.place_words.may_hold(phrase, lowered)  # what follows needs a place name
    organ = lex.organs.alternation.may_match(phrase, lowered)  # and a place with an organ, an organ
    m = (lex.place_words.search(lex.place_organ, phrase, lowered) if place and organ else None) or (
        lex.organ_place.search(phrase) if organ and (place or not lex.place_after_word_end) else None)
    if m:
        found = lex.organs.search(m.group("organ"))
        kind = found[1] if found else "government"
        return Claimant(_tidy(m.group(0), language), lex.places[key_of(lex.places, m.group("place"))], kind)
    m = lex.place_only.match(phrase.lower() if lowered is _ODD else lowered[0]) if place else None
    if m:
        return Claimant(_tidy(phrase, language), lex.places[key_of(lex.places, m.group(1))], "government")
    hit = lex.armed_groups.search(phrase, lowered)
    if hit:
        return Claimant(_tidy(hit[0].group(0), language), "OTHER", hit[1])
    return None


def _role(name: str, language: str = "en") -> bool:
    """A description that names a person's role ("the head of the regional administration")."""
    return lexicon(language).role.search(name) is not None


def _name_kind(name: str, language: str = "en") -> str:
    """The kind of a capitalised name not in the lexicon: an organisation's by its words, else a person."""
    for kind, pattern in lexicon(language).org_words:
        if pattern.search(name):
            return kind
    return "person"


def _described_as(lex: _ActorLexicon, low: str) -> str | None:
    """What a pronoun or a description that refers back stands for ("the army" → "army", "he"
    → "person"), from its lower case; None for any other phrase."""
    return lex.pronouns.get(lex.determiners.sub(lex.determiner_key, low)) or lex.pronouns.get(low)


def _clause_before(s: str, pos: int, lex: _ActorLexicon) -> str:
    """The words before ``pos`` back to the last clause mark (comma, quote, colon)."""
    marks = lex.clause_marks
    head = s[:pos]
    if ")" in head and head.rstrip().endswith(")"):  # "the Authority (PDMA) said"
        head = _LAST_BRACKETS.sub(" ", head)
    cut = max(map(head.rfind, marks))
    if cut > 0 and head[cut] == "," and not head[cut + 1 :].strip():
        # "Jane Doe, an ally of the army, put the toll at 57": the speaker is before an aside
        # that describes them (a phrase with an article, or a relative clause), unless it
        # names their office ("a spokesman for the agency": whom they speak for)
        opening = head.rfind(",", 0, cut)
        if opening > 0 and lex.aside.match(head, opening + 1, cut) and not lex.role.search(head, opening, cut):
            inner = head[:opening]
            cut = max(map(inner.rfind, marks))
            return inner[cut + 1 :] if cut >= 0 else inner
    return head[cut + 1 :] if cut >= 0 else head


def _tidy(name: str, language: str = "en") -> str:
    # runs of white space made one space (str.split's white space is re's \s), in C
    name = " ".join(name.split()).strip(" ,;:—–-“”\"'’")
    name = lexicon(language).articles.sub("", name)
    return name[:1].upper() + name[1:] if name else name
