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
"""

from __future__ import annotations

import re
from functools import lru_cache

import ftfy

from . import lexicons

_FUSED = re.compile(r"\b([a-z]{6,})\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"‘(]|\s*$)")


@lru_cache(maxsize=4)
def _boilerplate(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicons.load("boilerplate", language)
    whole = re.compile(r"(?:" + "|".join(data["line"]) + r")", re.IGNORECASE)
    contains = re.compile(r"(?:" + "|".join(data["contains"]) + r")", re.IGNORECASE)
    return whole, contains


def is_boilerplate(line: str, language: str = "en") -> bool:
    """A whole line that is page furniture (cookie banner, share buttons, "Leave a comment")."""
    whole, contains = _boilerplate(language)
    core = line.strip().strip(" \t|•·-–—:>»«")
    if not core:
        return False
    if len(core) <= 80 and whole.fullmatch(core):
        return True
    return len(core.split()) < 40 and contains.search(core) is not None


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
    """Fix quote direction, fused closing quotes and unclosed quotations in one paragraph."""
    if "“" not in paragraph and "”" not in paragraph:
        return paragraph
    out: list[str] = []
    open_at: int | None = None  # index in ``out`` text where the open quotation started
    pos = 0
    text = paragraph
    while pos < len(text):
        ch = text[pos]
        opening_glyph = ch == "”" and open_at is None and pos + 1 < len(text) and text[pos + 1].isalnum()
        if ch == "“" or opening_glyph:
            if open_at is None:
                ch = "“"
                open_at = sum(len(s) for s in out)
                out.append(ch)
            else:
                out.append("”")  # a curly opening quote that closes the quotation
                open_at = None
            pos += 1
            continue
        if ch == "”":
            open_at = None
            out.append(ch)
            pos += 1
            continue
        if open_at is not None and ch.isalpha() and (pos == 0 or not text[pos - 1].isalpha()):
            m = _FUSED.match(text, pos)
            if m:
                parts = split_fused(m.group(1))
                if parts:
                    out.append(f"{parts[0]}” {parts[1]}")
                    open_at = None
                    pos = m.end()
                    continue
        out.append(ch)
        pos += 1
    result = "".join(out)
    if open_at is not None:
        end = _SENTENCE_END.search(result, open_at)
        cut = end.end() if end else len(result.rstrip())
        result = result[:cut] + "”" + result[cut:]
    return result


def clean_text(raw: str, language: str = "en") -> str:
    """The cleaned text of an article (see the module docstring)."""
    text = raw if raw.isascii() else ftfy.fix_text(raw, uncurl_quotes=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"[ \u2000-\u200b\u202f\u205f\u3000]+", " ", line).strip()
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        if is_boilerplate(line, language):
            continue
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(_repair_quotes(p) for p in paragraphs)
