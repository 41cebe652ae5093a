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
``ftfy.fix_text`` would return the text unchanged, and only the other texts go through it.
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
_QUOTE_OR_FUSED = re.compile(r"[“”]|" + _FUSED.pattern)  # where _repair_quotes may change text
_LINE_SPACE = re.compile(r"[ \u2000-\u200b\u202f\u205f\u3000]+")  # runs of spaces become one " "
_ODD_SPACE = re.compile(r"[\u2000-\u200b\u202f\u205f\u3000]")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"‘(]|\s*$)")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1)
def _ftfy_touches() -> re.Pattern[str]:
    """Characters some ftfy fixer other than the mojibake one changes: control characters,
    Latin ligatures, full-width forms, line breaks other than \\n, C1 controls, surrogates."""
    codes = {*CONTROL_CHARS, *LIGATURES, *WIDTH_MAP, 0x0D, 0x2028, 0x2029, *range(0x80, 0xA0),
             *range(0xD800, 0xE000)}
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(codes)) + "]")


def _only_non_ascii(item: tuple[object, object], state: _parser.State) -> bool:
    """Whether a one-character item of a parsed regex matches no ASCII character."""
    code = _compiler.compile(_parser.SubPattern(state, [item]))
    return not any(code.fullmatch(chr(c)) for c in range(128))


@lru_cache(maxsize=1)
def _badness_reach() -> int | None:
    """The widest match of ftfy's mojibake regex, when every match holds a non-ASCII character
    (then a match lies within that many characters of one); None when that is not so."""
    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    if len(parsed) != 1 or parsed[0][0] is not _sre.BRANCH:
        return None
    for alternative in parsed[0][1][1]:
        if not any(op in (_sre.LITERAL, _sre.IN) and _only_non_ascii((op, av), parsed.state)
                   for op, av in alternative):
            return None
    return parsed.getwidth()[1]


def _looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad`` of some line of ``text`` (ftfy fixes a text line by line): its
    regex is searched only around the non-ASCII characters, where every match lies."""
    reach = _badness_reach()
    line_start, line_end, line = -1, -1, ""
    for m in _NON_ASCII.finditer(text):
        if reach is None:
            return any(BADNESS_RE.search(seg) for seg in text.splitlines(keepends=True))
        if m.start() >= line_end:  # the line with its "\n", as ftfy cuts it
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end()) + 1 or len(text)
            line = text[line_start:line_end]
        start, end = m.start() - line_start, m.end() - line_start
        if BADNESS_RE.search(line, max(0, start - reach), min(len(line), end + reach)):
            return True
    return False


def _ftfy_keeps(text: str) -> bool:
    """Whether ``ftfy.fix_text(text, uncurl_quotes=False)`` returns ``text`` as it is: no HTML
    entity, no character another fixer changes, NFC already, and no line that looks like
    mojibake."""
    return (
        len(text) < ftfy.TextFixerConfig().max_decode_length
        and HTML_ENTITY_RE.search(text) is None
        and _ftfy_touches().search(text) is None
        and unicodedata.is_normalized("NFC", text)
        and not _looks_bad(text)
    )


@lru_cache(maxsize=4)
def _boilerplate(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicons.load("boilerplate", language)
    whole = re.compile(r"(?:" + "|".join(data["line"]) + r")", re.IGNORECASE)
    contains = re.compile(r"(?:" + "|".join(data["contains"]) + r")", re.IGNORECASE)
    return whole, contains


@lru_cache(maxsize=4)
def _contains_needs(language: str = "en") -> Needs:
    """The literals of the 'contains' patterns: an article holding none of them (most do not
    mention cookies) skips the search on each of its short lines."""
    return Needs([_boilerplate(language)[1]])


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


def split_fused(token: str) -> tuple[str, str] | None:
    """``centerof`` → (``center``, ``of``): a non-word that is two common words run together."""
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
    so the paragraph is read from one of them to the next, and copied in between."""
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

    for m in _QUOTE_OR_FUSED.finditer(text):
        pos = m.start()
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
        elif open_at is not None:
            parts = split_fused(m.group())
            if parts:
                emit(pos, f"{parts[0]}” {parts[1]}")
                open_at = None
                copied = m.end()
    out.append(text[copied:])
    result = "".join(out)
    if open_at is not None:
        end = _SENTENCE_END.search(result, open_at)
        cut = end.end() if end else len(result.rstrip())
        result = result[:cut] + "”" + result[cut:]
    return result


def clean_text(raw: str, language: str = "en") -> str:
    """The cleaned text of an article (see the module docstring)."""
    text = raw if raw.isascii() or _ftfy_keeps(raw) else ftfy.fix_text(raw, uncurl_quotes=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    if "  " in text or _ODD_SPACE.search(text):  # else every run is one " " already
        text = _LINE_SPACE.sub(" ", text)  # no run of these spaces holds a line break
    contains = not _contains_needs(language).absent(text)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        if is_boilerplate(line, language, contains):
            continue
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(_repair_quotes(p) for p in paragraphs)
