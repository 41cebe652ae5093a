"""Web: article text as safe HTML, with evidence spans marked.

Article text is hostile (it may hold ``<script>``, ``onerror=`` and anything else a scraper
kept): every character of it is escaped, and only the ``<mark>`` elements written here are
markup. Spans are character offsets into the cleaned text, end exclusive, as everywhere in
sitrep; overlapping spans are merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from markupsafe import Markup


def merged(spans: Iterable[tuple[int, int, str]], length: int) -> list[tuple[int, int, list[str]]]:
    """Spans clipped to the text, sorted, overlaps merged; each keeps the ids of all it merged
    (two figures of one sentence share their evidence)."""
    out: list[tuple[int, int, list[str]]] = []
    for start, end, ident in sorted((max(0, a), min(length, b), i) for a, b, i in spans if b > a):
        if start >= end:
            continue
        if out and start < out[-1][1]:
            prev = out[-1]
            out[-1] = (prev[0], max(prev[1], end), prev[2] + [ident])
        else:
            out.append((start, end, [ident]))
    return out


def highlight(text: str, spans: Iterable[tuple[int, int, str]], focus: str | None = None) -> Markup:
    """``text`` escaped, each span ``(start, end, id)`` in ``<mark id="id">`` (ids of merged
    spans as empty anchors inside it, so every link finds its place); the mark holding ``focus``
    gets the class ``focus``. Paragraphs (blank lines) become ``<p>``."""
    parts: list[str] = []
    pos = 0
    for start, end, ids in merged(spans, len(text)):
        parts.append(escape(text[pos:start]))
        cls = ' class="focus"' if focus in ids else ""
        anchors = "".join(f'<span id="{escape(i)}"></span>' for i in dict.fromkeys(ids[1:]) if i != ids[0])
        parts.append(f'<mark id="{escape(ids[0])}"{cls}>{anchors}{escape(text[start:end])}</mark>')
        pos = end
    parts.append(escape(text[pos:]))
    body = "".join(parts)
    paragraphs = [p.strip() for p in body.replace("\r\n", "\n").split("\n\n")]
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p))


def excerpt(text: str, start: int, end: int, ident: str, context: int = 240) -> Markup:
    """The evidence span with up to ``context`` characters around it, the span marked."""
    a = max(0, start - context)
    b = min(len(text), end + context)
    a = text.rfind(" ", 0, a) + 1 if a > 0 else 0
    head = "… " if a > 0 else ""
    tail = " …" if b < len(text) else ""
    inner = (escape(text[a:start]) + f'<mark id="{escape(ident)}">{escape(text[start:end])}</mark>'
             + escape(text[end:b]))
    return Markup(escape(head) + " ".join(inner.split()) + escape(tail))
