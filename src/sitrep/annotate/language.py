"""Annotate stage: the language of an article body (CLD2, Chromium's compact language detector,
through pycld2).

CLD2 was built to label web pages (Common Crawl labels its pages with it): a C++ table lookup
over quadgrams and words, loaded with the module, no model to fetch. It reads the first
``SAMPLE`` characters: 1,000 take ~0.04 ms (lingua in low-accuracy mode over a short list, the
former detector, took ~0.27 ms for 300) and give lingua's answer on every article and page we
hold (the examples in English and French, the GVA set, the 109 real pages of
``shared/data/html``) but one, a page of Chinese song lyrics in pinyin that lingua, held to its
list, called French. Texts under ``MIN_CHARS`` get None: every detector misreads a headline.

The answer is an ISO 639-1 code where the language has one (CLD2's older codes renamed: "iw"
is "he"), else CLD2's own ("haw", "zh-hant" read as "zh"); None when CLD2 finds no language.
"""

from __future__ import annotations

import re

import pycld2

MIN_CHARS = 40
SAMPLE = 1000
_RENAMED = {"iw": "he", "jw": "jv", "zh-hant": "zh"}
# CLD2 reads only interchange-valid UTF-8 (RFC 5198) and raises on anything else: controls but
# tab, newline and carriage return, C1 controls, lone surrogates and the noncharacters. They
# carry no language; they are read as spaces. Those of the Basic Multilingual Plane make one
# class that ``re`` tests from a bitmap; the noncharacters beyond it are 32 code points that it
# would test one by one on every character (ten times slower), so they are looked for only in
# a text that holds a character beyond the BMP at all, which most never do.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_REFUSED_ASTRAL = re.compile(
    "[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)) + "]"
)


def _readable(text: str) -> str:
    """``text`` with every character CLD2 refuses read as a space."""
    text = _REFUSED.sub(" ", text)
    if not text.isascii() and _ASTRAL.search(text):
        text = _REFUSED_ASTRAL.sub(" ", text)
    return text


def detect_language(text: str, sample: int = SAMPLE) -> str | None:
    """ISO 639-1 code (lowercase) of the text's language, or None when too short or unknown."""
    body = text[:sample]
    if len(body.strip()) < MIN_CHARS:
        return None
    try:
        _, _, found = pycld2.detect(_readable(body), isPlainText=True)
    except pycld2.error:  # not expected after _REFUSED; a page's language is never worth a crash
        return None
    code = found[0][1].lower()
    return None if code == "un" else _RENAMED.get(code, code)
