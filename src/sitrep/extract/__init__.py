"""Extract stage: one Document in, its events and attributed claims out (pure, linear time).

::

    sentences ─▶ casualties.find_figures ─▶ attribution.Attributor ─▶ events.Segmenter ─▶ merge
    (offsets)     (category, value range)    (claimant, verb, stance)  (incident or       (one claim per
                                                                        running total)     claimant-figure-event)

Lexicons are English only for now (other languages fall back to them).

``extract(document)`` is the only entry point the pipeline needs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from ..gates import Needs
from ..models import Claim, Claimant, Document, Extraction, Span
from . import events as _events
from .attribution import Attributor, lexicon
from .casualties import RULES, Figure, find_figures, headline_figures, is_running_total, rules
from .sentences import paragraphs, split_sentences

__all__ = ["extract", "RULES"]


@dataclass(frozen=True, slots=True)
class _Found:
    figure: Figure
    claimant: Claimant
    verb: str | None
    stance: str
    explicit: bool
    event: int | None  # index of the article's incident, None for a running total
    span: Span  # the sentence
    headline: bool = False


_TOKEN_SPLIT = re.compile(r"([\w'’.]+)")  # tokens (odd items) and what lies between them


_LOCATIVE = frozenset("in at near across of southern northern eastern western central outside".split())


@lru_cache(maxsize=8)
def _cue_starts(language: str) -> frozenset[str]:
    """Lower-cased words that can begin a place cue: a one-word cue, or the first word of a
    two-word one. Only tokens in this set need a closer look."""
    return frozenset(key.split(" ", 1)[0] for key in lexicon(language).location_cues)


class _SideCues:
    """Where an article's place cues are (a country name or a known city, weighted more after
    "in", "near", ...), found in one pass; ``side(start, end)`` is the country most weighted
    between two offsets: the side local authorities named without a country speak for.

    The text is split once into tokens and the gaps between them; Python looks only at the few
    tokens that can begin a cue, not at every word (they are picked out in C, by ``compress``),
    and adds up the lengths before each of those only (an offset is the parts' running length)."""

    def __init__(self, text: str, language: str) -> None:
        cues = lexicon(language).location_cues
        parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, ..., gap
        words = "\x00".join(parts[1::2]).lower().split("\x00")  # no token holds a NUL
        starts = _cue_starts(language)
        n = len(words)
        self.hits: list[tuple[int, str, float]] = []  # (offset, side, weight)
        offset, counted = 0, 0  # the length of parts[:counted]
        for k in compress(count(), map(starts.__contains__, words)):
            word = words[k]
            # a blank line in the gap after a token: a paragraph break, no phrase across it
            pair = f"{word} {words[k + 1]}" if k + 1 < n and parts[2 * k + 2].count("\n") < 2 else ""
            key = pair if pair in cues else (word if word in cues else None)
            if key is None:
                continue
            side, weight = cues[key]
            locative = k > 0 and words[k - 1] in _LOCATIVE and parts[2 * k].count("\n") < 2
            offset += sum(map(len, parts[counted : 2 * k + 1]))  # token k starts here
            counted = 2 * k + 1
            self.hits.append((offset, side, weight * (3 if locative else 1)))
        self.offsets = [offset for offset, _, _ in self.hits]

    def side(self, start: int, end: int, default: str = "OTHER") -> str:
        counts: dict[str, float] = {}
        for _, side, weight in self.hits[bisect_left(self.offsets, start) : bisect_left(self.offsets, end)]:
            counts[side] = counts.get(side, 0.0) + weight
        return max(counts, key=lambda k: counts[k]) if counts else default


@lru_cache(maxsize=8)
def _running_total_needs(language: str) -> Needs:
    """The literals of the running-total patterns ("since", "so far this year"): most sentences
    hold none, and then no figure of theirs is a running total; the search is skipped."""
    return Needs([rules(language).running_total])


def _is_title(sentence: str, title: str | None) -> bool:
    """The article's own headline (the first line, when it is the title) is the outlet's voice."""
    return bool(title) and sentence.strip().lower() == (title or "").strip().lower()


def extract(document: Document) -> Extraction:
    """Events and claims of one document."""
    text = document.text
    language = Attributor.language_for(document.language)
    cues = _SideCues(text, language)
    document_side = cues.side(0, 4000)  # the lede says where; the rest adds little
    attributor = Attributor(default_side=document_side, language=language)
    paragraph_spans = paragraphs(text)
    current_paragraph = -1
    year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
    incidents = _events.Segmenter(language, year=year)
    found: list[_Found] = []
    sentence_spans: list[tuple[int, int]] = []
    waiting: list[tuple[str, int]] = []  # sentences of the current paragraph not yet attributed
    for sent in split_sentences(text, paragraph_spans):
        s_text = text[sent.start : sent.end]
        sentence_spans.append((sent.start, sent.end))
        if sent.paragraph != current_paragraph:
            # local authorities speak for the place this paragraph is about, else the article's
            current_paragraph = sent.paragraph
            start, end = paragraph_spans[sent.paragraph]
            attributor.default_side = cues.side(start, end, document_side)
        headline = sent.paragraph == 0 and _is_title(s_text, document.title)
        if waiting and waiting[0][1] != sent.paragraph:
            for skipped, _ in waiting:
                attributor.skip(skipped)
            waiting.clear()
        if sent.heading and not headline:
            attributor.skip(s_text)  # subheads state no claims
            continue
        figures = find_figures(s_text, language)
        if headline:
            figures += headline_figures(s_text, language)
        incident = incidents.incident_of(s_text, sent.paragraph, needed=bool(figures),
                                        span=(sent.start, sent.end))
        if not figures:
            waiting.append((s_text, sent.paragraph))
            continue
        # attribution is read lazily: this sentence, and the earlier ones of its paragraph
        # (in order) that a claim may be carried from
        for earlier, paragraph in waiting:
            attributor.attribute(earlier, paragraph)
        waiting.clear()
        totals = not _running_total_needs(language).absent(s_text)
        for fig in figures:
            attribution = attributor.attribute(s_text, sent.paragraph, at=fig.start)
            stance = attributor.stance(s_text, fig.start, fig.end)
            event = None if totals and is_running_total(s_text, fig, language) else incident
            found.append(
                _Found(fig, attribution.claimant, attribution.verb, stance,
                       attribution.explicit, event, Span(sent.start, sent.end), headline)
            )
    claims = _merge(document.id, _derive_injured(found))
    events = _events.build(document, claims, incidents, sentence_spans)
    return Extraction(document=document, events=tuple(events), claims=tuple(claims))


def _derive_injured(found: list[_Found]) -> list[_Found]:
    """People shot count as injured unless they died: injured = shot − killed, per event."""
    out = [f for f in found if f.figure.category != "shot"]
    by_event: dict[int | None, list[_Found]] = {}
    for f in found:
        by_event.setdefault(f.event, []).append(f)
    for event, items in by_event.items():
        shot = [f for f in items if f.figure.category == "shot" and f.figure.central is not None]
        if not shot:
            continue
        top = max(shot, key=lambda f: (f.figure.central or 0, not f.headline))
        killed = max((f.figure.central or 0 for f in items if f.figure.category == "killed"
                      and f.stance == "asserts"), default=0)
        injured = max((f.figure.high or f.figure.central or 0 for f in items
                       if f.figure.category == "injured" and not f.headline), default=0)
        shot_total = top.figure.central or 0
        # fewer shot than dead, or "three others were shot": other people than the dead
        others = re.match(r"(?:other|others|more)\b", top.figure.subject or "", re.I)
        derived = shot_total - killed if shot_total >= killed and not others else shot_total
        if derived > 0 and derived > injured:
            fig = top.figure
            out.append(_Found(
                Figure("injured", derived, derived, derived, fig.qualifier, None, fig.subject,
                       fig.start, fig.end),
                top.claimant, top.verb, top.stance, top.explicit, event, top.span,
            ))
    return out


def _merge(doc_id: str, found: list[_Found]) -> list[Claim]:
    """One claim per claimant, figure, stance and event, with every sentence as evidence. A
    headline restating a figure the body attributes is more evidence for that claim, not a
    claim of the outlet's own."""
    merged: dict[tuple[object, ...], list[_Found]] = {}
    named: dict[tuple[object, ...], tuple[object, ...]] = {}  # figure → key of a named claim
    for f in sorted(found, key=lambda f: (f.headline, f.claimant.side == "SELF")):  # named first
        fig = f.figure
        key: tuple[object, ...] = (f.event, fig.category, f.claimant.name, f.claimant.side,
                                   fig.low, fig.high, fig.vague, f.stance)
        same_figure = (f.event, fig.category, fig.central, fig.vague, f.stance)
        if f.headline or f.claimant.side == "SELF":
            # the outlet restating a figure a named party gave: more evidence for that claim
            key = named.get(same_figure, key)
        elif same_figure not in named:
            named[same_figure] = key
        merged.setdefault(key, []).append(f)
    claims: list[Claim] = []
    groups = sorted(merged.values(), key=lambda g: min(f.span.start for f in g))
    for n, group in enumerate(groups, start=1):
        first = group[0]
        fig = first.figure
        spans = tuple(sorted({g.span for g in group}, key=lambda s: s.start))
        confidence = 0.8 if first.explicit else (0.6 if first.claimant.side != "SELF" else 0.5)
        if fig.vague:
            confidence -= 0.1
        claims.append(Claim(
            id=f"{doc_id}-c{n}",
            category=fig.category,
            low=fig.low,
            high=fig.high,
            central=fig.central,
            qualifier=fig.qualifier,
            claimant=first.claimant,
            stance=first.stance,
            evidence=spans,
            vague=fig.vague,
            subject=fig.subject,
            verb=first.verb,
            event=None if first.event is None else _events.event_id(doc_id, first.event),
            confidence=round(confidence, 2),
            rules=RULES,
        ))
    return claims
