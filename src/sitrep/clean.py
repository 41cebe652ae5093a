"""Clean stage: raw article text → the cleaned text that every offset refers to.

``clean_text`` is pure and line-preserving: it fixes mojibake (ftfy, quotes kept curly: they
matter for attribution), normalises white space (paragraphs separated by one blank line), drops
whole lines that are page furniture (patterns in ``lexicons/<lang>/boilerplate.json``), and
repairs scraping damage to quotations:

* a curly opening quote used to close a quotation (``specified“, indicated``) becomes ``”``,
  and a closing glyph that opens one (``2023.”In the near future``) becomes ``“``;
* a closing quote lost and its word fused to the next one inside an open quotation
  (``centerof``, ``damagedsaid``) is split back: ``center” of``. A token counts as fused when it
  is no English word but splits into two common ones (wordfreq, loaded only when needed);
* a quotation still open at the end of its paragraph is closed at the end of the sentence
  it opened in.

It never drops a line that is not boilerplate, and never invents a sentence.

ftfy is the costly part (~1 ms an article, mostly its mojibake regex run line by line), and most
texts need none of it: ``_ftfy_keeps`` proves, from ftfy's own tables and regexes, that
``ftfy.fix_text`` would return the text unchanged, and only the other texts go through it. The
proof works from the set of the text's characters beyond ASCII: from it, most texts are seen to
hold no character every match of some alternative of ftfy's mojibake regex needs, and the regex
is not run at all.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from re import _compiler, _parser
from re import _constants as _sre

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES, WIDTH_MAP

from . import lexicons
from .gates import Needs

_FUSED = re.compile(r"\b([a-z]{6,})\b")
_QUOTE = re.compile("[“”]")
_ODD_SPACES = frozenset([*map(chr, range(0x2000, 0x200C)), "\u202f", "\u205f", "\u3000"])
_LINE_SPACE = re.compile("[ " + "".join(sorted(_ODD_SPACES)) + "]+")  # runs of spaces become one " "
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"‘(]|\s*$)")


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")  # deleted, it leaves the characters beyond ASCII


def _beyond_ascii(text: str) -> frozenset[str]:
    """The characters of ``text`` beyond ASCII. Deleting the runs of ASCII is ~5x faster in
    ``re`` than finding the other characters (a tight loop over one range)."""
    return frozenset(_ASCII_RUN.sub("", text)) if not text.isascii() else frozenset()


@lru_cache(maxsize=1)
def _ftfy_touches() -> tuple[frozenset[str], bytes]:
    """Characters some ftfy fixer other than the mojibake one changes (control characters,
    Latin ligatures, full-width forms, line breaks other than \\n, C1 controls, surrogates):
    those beyond ASCII, and the ASCII characters *not* among them (to delete from the text's
    ASCII bytes: anything left is touched)."""
    codes = {*CONTROL_CHARS, *LIGATURES, *WIDTH_MAP, 0x0D, 0x2028, 0x2029, *range(0x80, 0xA0),
             *range(0xD800, 0xE000)}
    return frozenset(chr(c) for c in codes if c >= 128), bytes(c for c in range(128) if c not in codes)


def _ftfy_touched(text: str, beyond: frozenset[str]) -> bool:
    """Whether ``text`` (whose characters beyond ASCII are ``beyond``) holds a character of
    ``_ftfy_touches``; its ASCII part is tested as bytes (``translate`` deletes in C)."""
    touched, untouched_ascii = _ftfy_touches()
    return not beyond.isdisjoint(touched) or bool(
        text.encode("ascii", "ignore").translate(None, untouched_ascii))


def _only_non_ascii(item: tuple[object, object], state: _parser.State) -> re.Pattern[str] | None:
    """A one-character item of a parsed regex, compiled alone, when it matches no ASCII
    character (else None)."""
    code = _compiler.compile(_parser.SubPattern(state, [item]))
    return None if any(code.fullmatch(chr(c)) for c in range(128)) else code


@lru_cache(maxsize=1)
def _badness_parts() -> tuple[int, tuple[tuple[re.Pattern[str], ...], ...]] | None:
    """The widest match of ftfy's mojibake regex, and for each of its alternatives the
    one-character items that match no ASCII character (each match of the alternative holds a
    character of each of them); None when some alternative has none."""
    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    if len(parsed) != 1 or parsed[0][0] is not _sre.BRANCH:
        return None
    alternatives = []
    for alternative in parsed[0][1][1]:
        items = [_only_non_ascii((op, av), parsed.state) for op, av in alternative
                 if op in (_sre.LITERAL, _sre.IN)]
        if not any(items):
            return None
        alternatives.append(tuple(item for item in items if item))
    return parsed.getwidth()[1], tuple(alternatives)


@lru_cache(maxsize=4096)
def _items_matching(char: str) -> frozenset[tuple[int, int]]:
    """The (alternative, item) of ``_badness_parts`` that match ``char``."""
    parts = _badness_parts()
    assert parts is not None
    return frozenset((a, i) for a, items in enumerate(parts[1]) for i, item in enumerate(items)
                     if item.fullmatch(char))


@lru_cache(maxsize=1024)
def _bad_anchors(beyond: frozenset[str]) -> re.Pattern[str] | None:
    """Where ftfy's mojibake regex can match in a text whose characters beyond ASCII are
    ``beyond``: a regex of some of these characters, every match lying within the regex's
    reach of one of them; None when no match is possible.

    An alternative can match only if each of its non-ASCII items matches a character of the
    text; of those that can, the item that matches fewest characters is the anchor (curly
    quotes and dashes, frequent in clean text, are seldom the only choice)."""
    parts = _badness_parts()
    assert parts is not None
    hits: dict[tuple[int, int], set[str]] = {}
    for char in beyond:
        for key in _items_matching(char):
            hits.setdefault(key, set()).add(char)
    anchors: set[str] = set()
    for a, items in enumerate(parts[1]):
        found = [hits.get((a, i), set()) for i in range(len(items))]
        if all(found):
            anchors |= min(found, key=len)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(anchors)) + "]") if anchors else None


def _looks_bad(text: str, beyond: frozenset[str]) -> bool:
    """``ftfy.badness.is_bad`` of some line of ``text`` (ftfy fixes a text line by line), whose
    characters beyond ASCII are ``beyond``: its regex is searched only around the few
    characters every match must be near (``_bad_anchors``), mostly none."""
    parts = _badness_parts()
    if parts is None:
        return any(BADNESS_RE.search(seg) for seg in text.splitlines(keepends=True))
    anchors = _bad_anchors(beyond)
    if anchors is None:
        return False
    reach = parts[0]
    line_start, line_end, line = -1, -1, ""
    for m in anchors.finditer(text):
        if m.start() >= line_end:  # the line with its "\n", as ftfy cuts it
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end()) + 1 or len(text)
            line = text[line_start:line_end]
        start = m.start() - line_start
        if BADNESS_RE.search(line, max(0, start - reach), min(len(line), start + 1 + reach)):
            return True
    return False


def _ftfy_keeps(text: str, beyond: frozenset[str]) -> bool:
    """Whether ``ftfy.fix_text(text, uncurl_quotes=False)`` returns ``text`` (whose characters
    beyond ASCII are ``beyond``) as it is: no HTML entity, no character another fixer changes,
    NFC already, and no line that looks like mojibake."""
    return (
        len(text) < ftfy.TextFixerConfig().max_decode_length
        and HTML_ENTITY_RE.search(text) is None
        and not _ftfy_touched(text, beyond)
        and unicodedata.is_normalized("NFC", text)
        and not _looks_bad(text, beyond)
    )


@lru_cache(maxsize=4)
def _boilerplate(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicons.load("boilerplate", language)
    whole = re.compile(r"(?:" + "|".join(data["line"]) + r")", re.IGNORECASE)
    contains = re.compile(r"(?:" + "|".join(data["contains"]) + r")", re.IGNORECASE)
    return whole, contains


@lru_cache(maxsize=4)
def _contains_needs(language: str = "en") -> Needs:
    """The literals one of which every match of a 'contains' pattern holds, found by ``in``."""
    return Needs([_boilerplate(language)[1]], find=True)


def _may_contain(text: str, language: str = "en") -> bool:
    """Whether a 'contains' pattern may match in ``text``: an article holding none of their
    literals (most do not mention cookies) skips the search on each of its short lines. The
    literals are found by ``in``: a prefix-tree regex would try every space (' site',
    ' or email' open with one) and take about twice as long."""
    return not _contains_needs(language).absent(text)


def is_boilerplate(line: str, language: str = "en", contains: bool = True) -> bool:
    """A whole line that is page furniture (cookie banner, share buttons, "Leave a comment").
    ``contains=False``: the caller knows no 'contains' pattern occurs in the line."""
    whole, contains_re = _boilerplate(language)
    core = line.strip().strip(" \t|•·-–—:>»«")
    if not core:
        return False
    if len(core) <= 80 and whole.fullmatch(core):
        return True
    return contains and len(core.split()) < 40 and contains_re.search(core) is not None


@lru_cache(maxsize=1)
def _zipf():  # type: ignore[no-untyped-def]
    from wordfreq import zipf_frequency

    return zipf_frequency


@lru_cache(maxsize=1)
def _known() -> dict[str, float]:
    """wordfreq's English list, as a dict: a word in it has a frequency (and a Zipf value of
    at least 1), so it is no fused pair; looking it up costs a tenth of ``zipf_frequency``."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def split_fused(token: str) -> tuple[str, str] | None:
    """``centerof`` → (``center``, ``of``): a non-word that is two common words run together."""
    if token in _known():  # most words inside a quotation: known, no pair
        return None
    zipf = _zipf()
    if zipf(token, "en") > 0:
        return None
    best: tuple[float, str, str] | None = None
    for i in range(3, len(token) - 1):
        head, tail = token[:i], token[i:]
        score = min(zipf(head, "en"), zipf(tail, "en"))
        if score >= 3.0 and (best is None or score > best[0]):
            best = (score, head, tail)
    return None if best is None else (best[1], best[2])


def _repair_quotes(paragraph: str) -> str:
    """Fix quote direction, fused closing quotes and unclosed quotations in one paragraph.

    Only quote glyphs and, inside a quotation, long lower-case words (``_FUSED``) can change,
    so the paragraph is read from one quote glyph to the next (its words only while a
    quotation is open), and copied in between."""
    if "“" not in paragraph and "”" not in paragraph:
        return paragraph
    text = paragraph
    out: list[str] = []
    size = 0  # characters in ``out``
    open_at: int | None = None  # offset in the result where the open quotation started
    copied = 0  # text[:copied] is in ``out``

    def emit(upto: int, replacement: str) -> None:
        nonlocal size
        out.append(text[copied:upto])
        out.append(replacement)
        size += upto - copied + len(replacement)

    quotes = [m.start() for m in _QUOTE.finditer(text)]
    for k, pos in enumerate(quotes):
        ch = text[pos]
        if ch == "“" or (ch == "”" and open_at is None and pos + 1 < len(text) and text[pos + 1].isalnum()):
            if open_at is None:
                open_at = size + pos - copied
                emit(pos, "“")
            else:
                emit(pos, "”")  # a curly opening quote that closes the quotation
                open_at = None
            copied = pos + 1
        elif ch == "”":
            open_at = None
        if open_at is None:
            continue
        # a quotation open up to the next quote glyph: a closing quote fused into a word?
        for m in _FUSED.finditer(text, pos + 1, quotes[k + 1] if k + 1 < len(quotes) else len(text)):
            parts = split_fused(m.group())
            if parts:
                emit(m.start(), f"{parts[0]}” {parts[1]}")
                open_at = None
                copied = m.end()
                break
    out.append(text[copied:])
    result = "".join(out)
    if open_at is not None:
        end = _SENTENCE_END.search(result, open_at)
        cut = end.end() if end else len(result.rstrip())
        result = result[:cut] + "”" + result[cut:]
    return result


def clean_text(raw: str, language: str = "en") -> str:
    """The cleaned text of an article (see the module docstring)."""
    beyond = _beyond_ascii(raw)
    if raw.isascii() or _ftfy_keeps(raw, beyond):
        text = raw
    else:
        text = ftfy.fix_text(raw, uncurl_quotes=False)
        beyond = _beyond_ascii(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    if "  " in text or not beyond.isdisjoint(_ODD_SPACES):  # else every run is one " " already
        text = _LINE_SPACE.sub(" ", text)  # no run of these spaces holds a line break
    # the 'contains' literals of the text; a line holds only these (None: any line may match)
    held = _contains_needs(language).held(text)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        # a 'contains' search costs ~9 µs a line: only lines holding a literal get one
        if held is None:
            contains = _may_contain(line, language)
        else:
            low = line.lower() if held else ""
            contains = any(literal in low for literal in held)
        if is_boilerplate(line, language, contains):
            continue
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(_repair_quotes(p) for p in paragraphs)
