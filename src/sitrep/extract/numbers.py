"""Extract stage: the quantity grammar (numbers in digits and words, qualifiers, vague words).

``find_quantities(text)`` returns every quantity in a sentence with its span, its value range as
DESIGN.md defines it ("nearly 400" → 360/400/400) and whether it reads as a *count* (a candidate
figure) or a *measure* (a year, a date, a distance, an age, a time, a phone line, money), which is
never a claim. Number words are read with text2num; the qualifier grammar and the partitive
("two of the six") are ours. Pure and linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import NamedTuple

from text_to_num import text2num

from .. import lexicons
from ..gates import key_of


class Quantity(NamedTuple):
    """A number found in a text: span, value range, qualifier, and count-or-measure. Immutable
    like a frozen dataclass, but made by ``tuple.__new__`` in C: a frozen dataclass sets each of
    its ten fields through ``object.__setattr__``, nearly four times the cost (~1.3 µs against
    ~0.35), where making them took a tenth of ``find_counts``."""

    start: int
    end: int
    low: int | None
    high: int | None
    central: int | None
    qualifier: str
    vague: str | None
    is_count: bool
    value: int | None  # the bare number as written (None for vague words)
    qualifier_start: int  # where the qualifier (or the number) begins


# Characters that case-insensitive matching equates with an ASCII letter but ``str.lower()`` does
# not turn into one (dotted and dotless i, long s): a text holding one is read as it is.
UNFOLDED = ("\u0130", "\u0131", "\u017f")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
_CODE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[xuUN0-7]")  # a character by its code ("\\x41" is "A")
_GROUP_NAMES = re.compile(r"\(\?P(?:<\w+>|=\w+\))")  # names, not text to match


def lower_text(text: str, low: str | None = None) -> str | None:
    """``text.lower()`` when a lower-case twin (:func:`lower_twin`) finds in it what the
    case-insensitive pattern finds in ``text``, at the same offsets: every character lowers to
    one, and none is one that ``re`` equates with an ASCII letter that ``lower()`` does not give.
    Else None. ``low``: ``text.lower()``, when the caller has it."""
    low = text.lower() if low is None else low
    if len(low) != len(text) or (not text.isascii() and any(c in text for c in UNFOLDED)):
        return None
    return low


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern whose letters are all lower-case ASCII (none upper-case outside
    an escape, no other letter with a case, no inline flags) as a case-sensitive one, to run on
    lower-cased text (see :func:`lower_text`); None for any other pattern. Python's ``re`` skips
    an alternative by its first letter only when matching is case-sensitive: the twin scans a
    text about twice as fast, with the same matches."""
    source = _GROUP_NAMES.sub("", re.sub(r"\\.", "", pattern.pattern))
    if (_INLINE_FLAGS.search(pattern.pattern) or _CODE_ESCAPE.search(pattern.pattern)
            or any(_cased(c) for c in source)):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _cased(c: str) -> bool:
    """An upper-case letter, or a letter with a case that is not ASCII ("é")."""
    return c.isupper() or (not c.isascii() and c.lower() != c.upper())


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The grammar's case-insensitive patterns, or their lower-case twins (see :func:`lower_twin`)."""

    numbers: re.Pattern[str]  # every number of the text read with a space before it (_scan)
    # the same for a text that holds no number word (see grammar), or None when it cannot tell
    digit_numbers: re.Pattern[str] | None
    qualifier_before: re.Pattern[str]  # matched on the text before a number read backwards
    # glued to a number in digits (_DIGITS_GLUED_AFTER), a unit or a month after it: one pass
    digits_after: re.Pattern[str]
    words_after: re.Pattern[str]  # the same after a number in words (_WORD_GLUED_AFTER)
    measure_before: re.Pattern[str]  # units_before or month_before, read backwards
    digits_before: re.Pattern[str]  # the same, or what is glued before digits (_DIGITS_GLUED_BEFORE)


def _twins(p: _Patterns) -> _Patterns | None:
    """The lower-case twins of all the patterns, or None unless each has one."""
    twins = {f.name: lower_twin(getattr(p, f.name)) if getattr(p, f.name) is not None else None
             for f in fields(_Patterns)}
    if any(t is None and getattr(p, name) is not None for name, t in twins.items()):
        return None
    return _Patterns(**twins)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Grammar:
    number: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifiers: dict[str, str]
    vague: dict[str, tuple[int, int]]
    phone_numbers: frozenset[int]
    units: tuple[str, ...]  # number words (for the casualty rules: "two soldiers and ...")
    tens: tuple[str, ...]
    word: str  # regex: one number word
    starters: frozenset[str]  # words a number can begin with
    plain: _Patterns  # the case-insensitive patterns above, for texts read as they are
    lower: _Patterns | None  # their twins, for lower-cased texts (None: some pattern has none)
    gate: frozenset[str]  # words that tell a sentence may hold a number
    text2num: str  # the language text_to_num reads number words in
    article_one: tuple[str, str] | None  # "a hundred" → "one hundred"
    group_marks: str  # thousands separators in digits
    decimal_mark: str
    scales: dict[str, int]  # "2 million"


@lru_cache(maxsize=8)
def grammar(language: str = "en") -> _Grammar:
    """The compiled quantity grammar for a language (built once per process)."""
    data = lexicons.load("numbers", language)
    words, digits = data["number_words"], data["digits"]
    units, tens = tuple(words["units"]), tuple(words["tens"])
    word = words["word"].replace("<tens>", "|".join(tens)).replace("<units>", "|".join(units))
    scaled = words["scaled"].replace("<word>", word)
    digit_re = digits["pattern"]
    scales = {k.lower(): int(v) for k, v in digits["scales"].items()}
    qualifiers = {p: name for name, phrases in data["qualifiers"].items() for p in phrases}
    vague = {k: (v[0], v[1]) for k, v in data["vague"].items()}
    vague_alt = "|".join(sorted(map(re.escape, vague), key=len, reverse=True))
    never = "(?!)"
    half = words.get("half_dozen") or never
    dozen_word, dozen_article = words.get("dozen"), words.get("dozen_article")
    dozen = (rf"\b(?:(?P<dn>{digit_re}|{word})\s+|{dozen_article}\s+){dozen_word}\b" if dozen_word
             else r"(?!)(?P<dn>)")
    digits_branch = rf"(?P<digits>(?<![\w.,-])(?:{digit_re})(?:\s+(?P<dscale>{'|'.join(digits['scales'])})\b)?)"
    number = re.compile(
        rf"(?P<vague>\b(?:{vague_alt})\b)"
        rf"|(?P<half>\b{half}\b)"
        rf"|(?P<dozen>{dozen})"
        rf"|{digits_branch}"
        rf"|(?P<words>\b(?:{scaled})\b)",
        re.IGNORECASE,
    )
    # the word lists are prefix trees (``lexicons.literal_alternation``): the same matches as a
    # longest-first alternation, several times faster on the windows around every number
    qual_alt = lexicons.literal_alternation(qualifiers)
    qualifier_before = re.compile(rf"(?:^|(?<=\W))({qual_alt})\s+$", re.IGNORECASE)
    # the same read backwards (see _backwards), the qualifier's first character after a
    # non-word one: the text is read with the character before it (a space at the start)
    qualifier_back = re.compile(rf"\s+({lexicons.literal_alternation(_reversed(qualifiers))})(?=\W)",
                                re.IGNORECASE)
    units_alt = lexicons.literal_alternation(data["units_after"])
    before_back = lexicons.literal_alternation(_reversed(data["units_before"]))
    months = lexicons.alternation(data["months"])  # only ever tested for a match: order is free
    if months != lexicons.literal_alternation(data["months"]):
        raise ValueError(f"{language}: months are words, read backwards too (measure_before)")
    # _is_measure only asks whether a unit or a month is after a number, or what is glued to it
    # (one alternation), or whether one is before it (another)
    # ... and the first number of a range of a unit ("between 19 and 33 years old")
    measure_after = (rf"\s*-?\s*(?:{units_alt})(?![a-z])|(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b"
                     rf"|\s*(?:-|–|to|and)\s*\d{{1,3}}\s*-?\s*(?:{units_alt})(?![a-z])")
    digits_after = re.compile(rf"^(?:{_DIGITS_GLUED_AFTER}|{measure_after})", re.IGNORECASE)
    words_after = re.compile(rf"^(?:{_WORD_GLUED_AFTER}|{measure_after})", re.IGNORECASE)
    # a unit or a month before a number, which ends the text before it: each begins at the
    # start of that text or after a non-word character (a unit word after a non-word
    # character; a month is a word, after ``\b``; "eht" is the "the" after it). Read backwards
    # (see _backwards)
    months_back = lexicons.literal_alternation(_reversed(data["months"]))
    measure_before = rf"(?:\s*(?:{before_back})|(?:\s+eht)?\s+,?\.?(?:{months_back}))(?:\W|\Z)"
    digits_before = re.compile(rf"{_DIGITS_GLUED_BEFORE}|{measure_before}", re.IGNORECASE)
    measure_before = re.compile(measure_before, re.IGNORECASE)
    starters = frozenset(units + tens + tuple(k.split()[0] for k in vague) + tuple(words["starters"]))
    # every number, tried only where one can begin (a digit, or a starter word, after a
    # character that is not a letter): the match opens with that character, a class, not a
    # look-behind, so that ``re`` skips the letters between in its fast first-character scan,
    # and reads the grammar there in the same pass (no loop in Python over candidates). A digit
    # after a letter or digit (``[^\W_]``, what str.isalnum is), ".", "," or "-" is inside a
    # token ("F-16", "3.5", "1,200": read from its start). A number ends in a letter or digit,
    # and each alternative of ``number`` opens with ``\b`` or the digits' look-behind: none
    # begins right where one ends, which the next match, after it, leaves out. A look-ahead for
    # the first characters of the candidates comes first: most characters after a non-letter
    # begin none, and fail it at once (a sixth faster than trying the candidates there)
    firsts = "".join(sorted({re.escape(w[0]) for w in starters}))
    numbers = re.compile(rf"[^A-Za-z](?=[\d{firsts}])(?=(?<![^\W_])(?<![.,\-])\d"
                         rf"|(?:{lexicons.literal_alternation(starters)})(?![A-Za-z]))(?:{number.pattern})",
                         re.IGNORECASE)
    digit_numbers = _digit_numbers(digits_branch, (word, scaled, vague_alt, half, dozen, *starters))
    plain = _Patterns(numbers, digit_numbers, qualifier_back, digits_after, words_after, measure_before,
                      digits_before)
    # the A-Za-z of ``numbers`` is upper-case: its twin reads a-z (the same on lower-cased text)
    numbers_az = re.compile(numbers.pattern.replace("A-Za-z", "a-z"), re.IGNORECASE)
    lower = _twins(_Patterns(numbers_az, digit_numbers, qualifier_back, digits_after, words_after, measure_before,
                             digits_before))
    return _Grammar(
        number, qualifier_before, qualifiers, vague, frozenset(data["phone_numbers"]),
        units, tens, word,
        starters,
        plain, lower,
        frozenset(units + tens + tuple(words["gate"])),
        words["text2num"], tuple(words["article_one"]) if words.get("article_one") else None,  # type: ignore[arg-type]
        digits["group_marks"], digits["decimal_mark"], scales,
    )


def _digit_numbers(digits: str, word_patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The numbers of a text that holds no number word: ``digits``, the digits' alternative of
    the grammar, opened by a digit, which ``re`` skips to in its fast first-character scan (the
    full pattern stops at every character that is not a letter, and tries the starter words
    there). A match spans that one digit: the number is its group ``digits``, read in a
    look-ahead (inside a look-behind of one character). A digit inside a number follows a
    digit, "," or ".", which the alternative's look-behind refuses: the matches are those of
    the full pattern in such a text, and its groups. Which texts hold a number word is told
    by their runs of ASCII letters (``find_figures``: the lexicon's ``gate``, units and tens,
    the words every number in words holds one of); None when a pattern of number words holds
    a character that is not ASCII ("zéro"), which those runs do not show."""
    if not all(p.isascii() for p in word_patterns):
        return None
    return re.compile(rf"\d(?<=(?={digits})\d)", re.IGNORECASE)


def _reversed(words: Iterable[str]) -> list[str]:
    """Each of the literal ``words`` read backwards, for the patterns matched on a text read
    backwards (see _backwards)."""
    return [w[::-1] for w in words]


def _backwards(read: str, start: int) -> str:
    """The 24 characters before ``start`` in ``read`` and the one before them (a space at the
    start of the text), backwards. A qualifier or a measure before a number ends the text
    before it: the patterns that find one there (``qualifier_before``, ``measure_before``) are
    matched at the start of this text, one place, where their forward twins, which end in
    ``$``, were searched for at each of the 24 (a third of ``_is_measure`` and the qualifier's
    search). Their literals are reversed, their groups' offsets counted back from ``start``."""
    return (read[start - 25 : start] if start >= 25 else " " + read[:start])[::-1]


# what glued to a number makes it a measure (case-insensitive): times, dates, "9mm", "AR-15"
# after digits; "two-shot", "three-bedroom", "ten-year" after words
_DIGITS_GLUED_AFTER = r"[:/.]\d|-\w|[a-z]"
_WORD_GLUED_AFTER = r"-[a-z]"
# what glued before digits makes them a measure: "F-16", "I-95", "24/7", "#5", "10:30"; read
# backwards (see _backwards), before a last newline or not, as "(?:\w-|[:/#])$" read forwards
_DIGITS_GLUED_BEFORE = r"\n?(?:-\w|[:/#])"
_WORD_GAPS = re.compile(r"[-\s]+")


def _word_value(text: str, g: _Grammar) -> int | None:
    """The value of number words as matched ("Twenty-five", "a hundred"), or None."""
    return _words_value(text, g.text2num, g.article_one)


@lru_cache(maxsize=4096)
def _words_value(text: str, language: str, article_one: tuple[str, str] | None) -> int | None:
    """text2num's value of number words in ``language`` (``article_one``: "a hundred" read as
    "one hundred"), or None; cached by the words as matched, as the same few recur ("two",
    "three"): their gaps made single spaces and text2num's parse cost more than the look-up."""
    words = _WORD_GAPS.sub(" ", text.lower()).strip()
    if article_one and words.startswith(article_one[0]):
        words = article_one[1] + words[len(article_one[0]) :]
    try:
        return int(text2num(words, language))
    except ValueError:
        return None


def _digit_value(text: str, scale: str | None, g: _Grammar) -> int | None:
    if not scale and len(text) < 16 and text.isdecimal():
        return int(text)  # plain digits (most numbers): what float() reads, exactly (< 2**53)
    for mark in g.group_marks:
        text = text.replace(mark, "")
    if g.decimal_mark != ".":
        text = text.replace(g.decimal_mark, ".")
    try:
        value = float(text)
    except ValueError:
        return None
    if scale:
        value *= g.scales[key_of(g.scales, scale)]
    elif not value.is_integer():
        return None
    return int(value)


def _range(value: int, qualifier: str) -> tuple[int | None, int | None, int | None, str]:
    """(low, high, central, qualifier name) for a number and its qualifier (DESIGN.md). The
    qualifiers are told apart one by one: "exact", most numbers' (no qualifier), first."""
    if qualifier == "exact":
        return value, value, value, "exact"
    if qualifier == "at_least":
        return value, None, value, "at_least"
    if qualifier == "more_than":
        return value + 1, None, value, "more_than"
    if qualifier == "nearly":
        return round(value * 0.9), value, value, "approximately"
    if qualifier == "up_to":
        return 0, value, value, "up_to"
    if qualifier == "at_most":
        return None, value, value, "at_most"
    if qualifier == "approximately":
        return round(value * 0.9), round(value * 1.1), value, "approximately"
    return value, value, value, "exact"


# a name or a word for the person ("Jane Doe, 26,", "his former girlfriend, 38,"), a comma
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]+|\b(?!(?:people|children|men|women|others|them|those)\b)"
                         r"[a-z][a-z'’-]{2,}(?<!s)),\s*$")  # one person: no plural ("142 people, 23 of whom")
_AGE_AFTER = re.compile(r"^\s*(?:,|—|–|;|\)|\.|$|and\b|of\b|who\b|all\b|both\b|y/o|yo\b)")


_ADDRESS = re.compile(
    r"^\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+[A-Z0-9]|(?:[A-Z][a-z]+\s+){1,2}"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy)\b)"
)


_AGE_CLAUSE = re.compile(r"\b(?:who|which)\s+(?:was|were|is|are)\s+$")
_AGE_CLAUSE_ENDS = ("was", "were", "is", "are")  # what each match of _AGE_CLAUSE ends in
_AFTER_NUMBER = re.compile(r"\d\s*(?:,|to|-|–|and)\s*$")
_AFTER_NUMBER_ENDS = (",", "to", "-", "–", "and")  # what each match of _AFTER_NUMBER ends in
_AGE_RANGE = re.compile(
    r"(?:aged?|ages|age from|between|ranging from)\s+\d+(?:\s*(?:,|and|to|-|–)\s*\d+)*\s*(?:,\s*and|,|to|-|–|and)\s*$"
)
# "\b[A-Z]{2,}\s?$" written to open with a class (the word boundary, after its first capital, a
# look-behind): ``re`` skips to the capitals in its fast first-character scan
_CODE_BEFORE = re.compile(r"[A-Z](?<!\w.)[A-Z]+\s?$")


def _age_before(before: str) -> bool:
    """Whether the text before a number names whom an age is of: a name or a person and a comma
    (``_AGE_BEFORE``), or a clause ("who were", ``_AGE_CLAUSE``). Each match ends the text, in
    a comma or one of those verbs, and white space: a text whose end is neither (most: "and",
    "of" after a count) is not searched, a search that tries each of its 24 positions."""
    tail = before.rstrip()  # str.isspace is re's \s: both read Py_UNICODE_ISSPACE
    return ((tail.endswith(",") and _AGE_BEFORE.search(before) is not None)
            or (tail.endswith(_AGE_CLAUSE_ENDS) and _AGE_CLAUSE.search(before) is not None))


def _is_measure(
    text: str, start: int, end: int, value: int, g: _Grammar, digits: bool, read: str, p: _Patterns,
    back: str,
) -> bool:
    """Whether a number is a measure (a unit, a date, an age, an address, a code), not a count.
    The grammar's patterns ``p`` read ``read`` (the text, or its lower-cased form for the twins)
    and ``back``, what :func:`_backwards` reads before the number in it; the others read the
    text. Each test is pure, so their order only decides how soon the answer comes: the anchored
    and arithmetic ones first."""
    before = text[max(0, start - 24) : start]
    after = text[end : end + 24]
    read_after = read[end : end + 24]
    if digits:
        if value in g.phone_numbers:
            return True
        if 1800 <= value <= 2100 and "," not in text[start:end]:  # a year
            return True
        # "450 S. 1st St.", "2850 Brewer Avenue": a capital after white space, never a lower-case
        # letter (most numbers: "5 people")
        if not after[1:2].islower() and _ADDRESS.match(after):
            return True
    # glued to the number (9mm, AR-15, "two-shot"), or a unit or a month after it
    if (p.digits_after if digits else p.words_after).match(read_after):
        return True
    if _AGE_AFTER.match(after) and _age_before(before):
        return True  # "Jane Doe, 26, died"; "three who were 17, to the hospital"
    # a unit or a month before the number, or what is glued before digits (F-16, I-95, 24/7,
    # #5), in the 24 characters before it: the one before them is not read (a unit at the start
    # of those is a measure, whatever is before it)
    if (p.digits_before if digits else p.measure_before).match(back, 0, min(start, 24)):
        return True
    # the end of an age range ("aged 5, 7 and 9"): the text before ends in what _AFTER_NUMBER's
    # matches end in, and white space (most do not: they are not searched)
    if (before.rstrip().endswith(_AFTER_NUMBER_ENDS) and _AFTER_NUMBER.search(before)
            and _AGE_RANGE.search(text[max(0, start - 40) : start])):
        return True
    # a channel or code: "(CBS 11)", "KCTV5", its last capital in the last three characters
    # (a white space and a last newline after it at most): none there, no search
    if not before[-3:].islower() and _CODE_BEFORE.search(before):
        return True
    return False


_OR_MORE = re.compile(r"^\s+or\s+(?:more|so)\b", re.IGNORECASE)


def find_quantities(text: str, language: str = "en") -> list[Quantity]:
    """Every quantity in ``text`` with its value range and qualifier, in order."""
    g = grammar(language)
    return _scan(text, g, lower_text(text) if g.lower is not None else None, False)


def find_counts(text: str, low: str | None, language: str = "en", words: bool = True) -> list[Quantity]:
    """The quantities of :func:`find_quantities` that are counts, for a caller that has
    ``low = lower_text(text)`` at hand: measures are never figures, so their qualifier is not
    read nor their Quantity made. ``words``: False when ``low`` is not None and none of its runs
    of ASCII letters is a number word of the grammar's gate (its units, tens and ``gate``):
    only digits are looked for (see _digit_numbers)."""
    return _scan(text, grammar(language), low, True, words)


def _scan(text: str, g: _Grammar, low: str | None, counts_only: bool, words: bool = True) -> list[Quantity]:
    """The quantities in ``text`` (``low`` is ``lower_text(text)``), or only its counts
    (``words``: see find_counts)."""
    # the lower-case twins read the lower-cased text when it reads alike (see lower_text)
    read, p = (low, g.lower) if low is not None and g.lower is not None else (text, g.plain)
    numbers = p.numbers if words or low is None or p.digit_numbers is None else p.digit_numbers
    out: list[Quantity] = []
    # the number of each match is its group named after the alternative that matched
    # (``lastgroup``), one on in what is read from its offset in the text: what is read has a
    # space before it (each match of ``numbers`` holds the character before the number)
    for m in numbers.finditer(" " + read):
        branch = m.lastgroup
        start, end = m.span(branch)
        start, end = start - 1, end - 1
        value: int | None
        if branch == "vague":
            vague_word = key_of(g.vague, m.group("vague"))  # its lower case, nearly always
            lo, hi = g.vague[vague_word]
            # "hundreds" only counts when it counts something: "hundreds of", "hundreds dead"
            out.append(
                Quantity(start, end, lo, hi, None, "vague", vague_word, True, None, start)
            )
            continue
        if branch == "half":
            value = 6
        elif branch == "dozen":
            dn = m.group("dn")
            base = 1 if dn is None else (_digit_value(dn, None, g) if dn[0].isdigit() else _word_value(dn, g))
            value = None if base is None else base * 12
        elif branch == "digits":
            scale = m.group("dscale")
            digits = m.group("digits") if scale is None else text[m.start("digits") - 1 : m.start("dscale") - 1]
            if scale is None and len(digits) < 16 and digits.isdecimal():
                value = int(digits)  # plain digits, most numbers (see _digit_value), read here
            else:
                value = _digit_value(digits.strip(), scale, g)
        else:
            value = _word_value(m.group("words"), g)
        if value is None:
            continue
        back = _backwards(read, start)
        is_count = not _is_measure(text, start, end, value, g, branch == "digits", read, p, back)
        if counts_only and not is_count:
            continue
        qual_start, qualifier = start, "exact"
        q = p.qualifier_before.match(back)
        if q:
            qualifier = g.qualifiers[key_of(g.qualifiers, q.group(1)[::-1])]
            qual_start = start - q.end(1)
        elif _OR_MORE.match(text[end : end + 10]):
            qualifier = "at_least" if "more" in text[end : end + 10].lower() else "approximately"
        # most numbers have no qualifier: their range is read here
        lo2, hi2, ce2, qname = (value, value, value, "exact") if qualifier == "exact" else _range(value, qualifier)
        out.append(Quantity(start, end, lo2, hi2, ce2, qname, None, is_count, value, qual_start))
    return out
