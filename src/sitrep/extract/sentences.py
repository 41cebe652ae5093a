"""Extract stage: paragraphs and sentences with character offsets into the cleaned text.

A regex splitter (pysbd, the reference, is about five times too slow for the speed target): a
sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by space and
an upper-case letter, digit or opening quote, except after a known abbreviation or an initial, and
never inside an open quotation. Every line break inside a paragraph also ends a sentence (scraped
headlines and captions sit on lines of their own). Pure and linear.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st mt capt lt sgt col gen maj gov sen rep det cpl pvt jr sr inc co corp ltd no
    vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m ind calif colo ky
    ill fla ga ala ariz ark conn del kan la md mass mich minn miss mo mont neb nev n.h n.j n.m n.y
    n.c n.d okla ore pa r.i s.c s.d tenn tex va vt wash wis w.va wyo mm lt.gen maj.gen brig adm
    cmdr supt insp prof rev hon ft approx dept est fig vol e.g i.e""".split()
)
# a boundary: ``[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n``, written to begin with one
# character class: ``re`` then skips every other character in a fast loop, where a pattern that
# begins with a repeat or an alternation is tried at each position (2-3 times slower). After
# the first character, ``(?<=\n)`` ends a line break's match; a mark goes on as ``[.!?]+`` would.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)|[.!?]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_CLOSE = "”"  # the closing quote
_new_tuple = tuple.__new__


class Sentence(NamedTuple):  # a tuple: an article makes dozens, made faster than a dataclass
    """A sentence: its span, the paragraph it belongs to, and whether it is a heading."""

    start: int
    end: int
    paragraph: int
    heading: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text``."""
    spans = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _is_heading(body: str) -> bool:
    """A short line with no sentence punctuation at its end: a title, subhead or caption
    (``body``: a sentence, stripped and not empty)."""
    # the last character first: most sentences end in a full stop, and need no word count
    if body[-1] in ".:;,\"”’'" and not body.endswith("..."):
        return False
    return len(body.split()) <= 16


def split_sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of ``text`` in order, trimmed of surrounding white space. ``spans``: the
    text's :func:`paragraphs`, when the caller has them."""
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text) if spans is None else spans):
        # the paragraph is read in place (offsets into the text, searches bounded by its end,
        # which a pattern sees as the end of the string): no copy of it is made
        quotes = text.find("“", p_start, p_end) >= 0  # none: no quotation is open, depth stays 0
        depth = 0
        seg_start = last = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            start = m.start()
            closing = m.group()
            if quotes:
                # track quotation depth over the stretch since the last boundary candidate
                depth = max(0, depth + text.count("“", last, start) - text.count("”", last, start))
                depth = max(0, depth - closing.count(_CLOSE))
                last = m.end()
            if closing == "\n":
                depth = 0
            else:
                if depth:
                    continue
                if closing.startswith("."):
                    word = _WORD_BEFORE.search(text, max(p_start, start - 12), start)
                    if word:
                        w = word.group(1).lower().rstrip(".")
                        if w in _ABBREVIATIONS or (len(w) == 1 and word.group(1)[0].isupper()):
                            continue
            _emit(out, text, seg_start, m.end(), p_index)
            seg_start = m.end()
        _emit(out, text, seg_start, p_end, p_index)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    # str.strip takes what str.isspace calls white space, in C
    segment = text[start:end]
    body = segment.lstrip()
    if body:
        start += len(segment) - len(body)
        body = body.rstrip()
        # made by tuple.__new__: the NamedTuple's own __new__ is a Python function
        out.append(_new_tuple(Sentence, (start, start + len(body), paragraph, _is_heading(body))))
