"""Extract stage: one Document in, its events and attributed claims out (pure, linear time).

::

    sentences ─▶ casualties.find_figures ─▶ attribution.Attributor ─▶ events.Segmenter ─▶ merge
    (offsets)     (category, value range)    (claimant, verb, stance)  (incident or       (one claim per
                                                                        running total)     claimant-figure-event)

Lexicons are per language (English and French; other languages fall back to English).

``extract(document)`` is the only entry point the pipeline needs; ``extract_many(documents)``
gives the same extractions of several documents, one step at a time (faster, see there).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from ..gates import Needs, lowered
from ..models import Claim, Claimant, Document, Extraction, Span
from . import events as _events
from .attribution import Attributor, _whole_word_offsets, lexicon
from .casualties import RULES, Figure, find_figures, headline_figures, is_running_total, rules
from .sentences import paragraphs, split_sentences

__all__ = ["extract", "extract_many", "RULES"]


class _Found(NamedTuple):  # a tuple: made for every figure, faster than a dataclass
    figure: Figure
    claimant: Claimant
    verb: str | None
    stance: str
    explicit: bool
    event: int | None  # index of the article's incident, None for a running total
    span: Span  # the sentence
    headline: bool = False


_TOKEN_SPLIT = re.compile(r"([\w'’.]+)")  # tokens (odd items) and what lies between them
_TOKEN_CHAR = re.compile(r"[\w'’.]")
_TOKEN_MARKS = "_'’."  # the token characters that are not letters or digits (as _TOKEN_CHAR)
_NEXT_TOKEN = re.compile(r"([^\w'’.]*)([\w'’.]+)")  # the gap to the next token, and it
# bytes of the UTF-8 text: an ASCII token character stays, any other byte is a space
_ASCII_TOKENS = bytes(c if _TOKEN_CHAR.match(chr(c)) and c < 128 else 32 for c in range(256))


_LOCATIVE = frozenset("in at near across of southern northern eastern western central outside".split())


class _Starts(NamedTuple):
    """The words that can begin a place cue (see :func:`_cue_starts`)."""

    all: frozenset[str]
    ascii: frozenset[bytes]  # those that are tokens in ASCII (of token characters only)
    others: tuple[tuple[str, frozenset[bytes]], ...]  # the other tokens, with their ASCII pieces
    looked_for: frozenset[bytes]  # the ASCII ones and the pieces of the others


@lru_cache(maxsize=8)
def _cue_starts(language: str) -> _Starts:
    """Lower-cased tokens that can begin a place cue: a one-word cue, or the first word of a
    two-word one (a cue of more words never matches: a cue is a token or two). Only tokens in
    this set need a closer look. Also the same words split for :meth:`_SideCues._fast`:
    those that are tokens (of token characters only) in ASCII, as bytes, and the others, each
    with its ASCII pieces as ``_fast`` cuts them ("côte": "c", "te")."""
    cues = lexicon(language).location_cues
    starts = frozenset(key.split(" ", 1)[0] for key in cues if key.count(" ") <= 1)
    tokens = [w for w in starts if _TOKEN_SPLIT.fullmatch(w)]
    ascii_starts = frozenset(w.encode() for w in tokens if w.isascii())
    others = tuple(sorted((w, _ascii_pieces(w)) for w in tokens if not w.isascii()))
    return _Starts(starts, ascii_starts, others, ascii_starts.union(*(pieces for _, pieces in others)))


def _ascii_pieces(low: str) -> frozenset[bytes]:
    """The ASCII tokens :meth:`_SideCues._fast` cuts a lower-cased text into."""
    return frozenset(low.encode("utf-8", "surrogatepass").translate(_ASCII_TOKENS).split())


@lru_cache(maxsize=8)
def _pair_starts(language: str) -> frozenset[str]:
    """The first words of the two-word place cues: only a token among them needs the next
    token read (most candidates, "russian", "kyiv", are no such word)."""
    return frozenset(key.split(" ", 1)[0] for key in lexicon(language).location_cues if key.count(" ") == 1)


def _cue_key(cues: dict[str, tuple[str, float]], word: str, after: str | None, gap_after: str) -> str | None:
    """The cue a token begins: the two-word one it makes with the next token, else itself, else
    none. A blank line in the gap is a paragraph break: no phrase across it."""
    pair = f"{word} {after}" if after is not None and gap_after.count("\n") < 2 else ""
    return pair if pair in cues else (word if word in cues else None)


# a place cue found: its offset and its key in the lexicon's cues, the previous token and the
# gap from it (None and "" at the start of the text)
_Hit = tuple[int, str, str | None, str]


class _SideCues:
    """Where an article's place cues are (a country name or a known city, weighted more after
    "in", "near", ...), found in one pass; ``side(start, end)`` is the country most weighted
    between two offsets: the side local authorities named without a country speak for.

    The text's tokens are runs of word characters, apostrophes and dots; a cue is one token
    or two (lower-cased), and Python looks only at the few tokens that can begin one."""

    def __init__(self, text: str, language: str) -> None:
        cues = lexicon(language).location_cues
        self.hits: list[tuple[int, str, float]] = []  # (offset, side, weight)
        low = lowered(text)  # kept: the place and date stages read the article lower-cased too
        # the lower-cased text is every token lower-cased, at the same offsets, unless lower()
        # changes a length ("İ") or reads a letter's context (a capital sigma)
        fast = len(low) == len(text) and "Σ" not in text
        for offset, key, before, gap_before in (
                self._fast(low, language) if fast else self._split(text, language)):
            side, weight = cues[key]
            locative = before in _LOCATIVE and gap_before.count("\n") < 2
            self.hits.append((offset, side, weight * (3 if locative else 1)))
        self.offsets = [offset for offset, _, _ in self.hits]

    @staticmethod
    def _fast(low: str, language: str) -> list[_Hit]:
        """The cues of the lower-cased text, without cutting all of it into tokens (most of an
        article's ~1000 are no cue's): the starts it may hold are found first, and then their
        occurrences that are whole tokens. The tokens around one are read only when needed:
        the next for a word that begins a two-word cue, the previous (on the text reversed,
        made for the first cue) for a cue.

        An ASCII token is a word of the text's UTF-8 bytes with every byte but an ASCII token
        character made a space, a split done in C; a word there may also be a piece of a
        longer token ("kyiv" of "kyiv’s"), which the test of the characters around an
        occurrence turns away. ``str.lower`` keeps every character a token character or not."""
        starts = _cue_starts(language)
        cues, pair_starts = lexicon(language).location_cues, _pair_starts(language)
        words = low.encode("utf-8", "surrogatepass").translate(_ASCII_TOKENS).split()
        present = starts.looked_for.intersection(words)
        held = [w.decode() for w in present if w in starts.ascii]
        # a start beyond ASCII stands as a token only where its ASCII pieces are tokens too
        # (a character beyond ASCII is cut like a space): most texts lack them, and are not
        # searched for it
        held += [w for w, pieces in starts.others if pieces <= present and w in low]
        found = sorted([(i, word) for word in held for i in _whole_word_offsets(low, word, _TOKEN_MARKS)])
        rev, n = "", len(low)
        out: list[_Hit] = []
        for i, word in found:
            if word in pair_starts:
                after = _NEXT_TOKEN.match(low, i + len(word))
                key = _cue_key(cues, word, after[2] if after else None, after[1] if after else "")
            else:  # most: a cue of one word, or none (as _cue_key tells, without a call)
                key = word if word in cues else None
            if key is None:
                continue
            rev = rev or low[::-1]
            before = _NEXT_TOKEN.match(rev, n - i)  # read backwards
            out.append((i, key, before[2][::-1] if before else None, before[1][::-1] if before else ""))
        return out

    @staticmethod
    def _split(text: str, language: str) -> list[_Hit]:
        """The cues of the text cut into tokens and gaps (any text)."""
        starts = _cue_starts(language).all
        cues = lexicon(language).location_cues
        parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, ..., gap
        words = "\x00".join(parts[1::2]).lower().split("\x00")  # no token holds a NUL
        n = len(words)
        out: list[_Hit] = []
        offset, counted = 0, 0  # the length of parts[:counted]
        # the tokens that may begin a cue, picked out in C (by compress); the offset of each is
        # the length of the parts before it, added up from the last one's
        for k in compress(count(), map(starts.__contains__, words)):
            offset += sum(map(len, parts[counted : 2 * k + 1]))
            counted = 2 * k + 1
            last, first = k + 1 == n, k == 0
            key = _cue_key(cues, words[k], None if last else words[k + 1], "" if last else parts[2 * k + 2])
            if key is not None:
                out.append((offset, key, None if first else words[k - 1], "" if first else parts[2 * k]))
        return out

    def side(self, start: int, end: int, default: str = "OTHER") -> str:
        counts: dict[str, float] = {}
        for _, side, weight in self.hits[bisect_left(self.offsets, start) : bisect_left(self.offsets, end)]:
            counts[side] = counts.get(side, 0.0) + weight
        return max(counts, key=counts.__getitem__) if counts else default


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
    return _events_of(_claims_of(document))


def extract_many(documents: Sequence[Document]) -> list[Extraction]:
    """``extract`` of each document, in order, one step at a time: the claims of every
    document, then the events of every one. Each step's own data (the figure and attribution
    patterns; the gazetteer, date and event lexicons) then stays in the processor's caches from
    one article to the next, where one article after another has each step evict the other's:
    ~4% less time on batches of 16 (``bench/bench_extract.py``), the same output."""
    return [_events_of(read) for read in [_claims_of(d) for d in documents]]


class _Read(NamedTuple):
    """A document's claims and incidents, before its events are made of them."""

    document: Document
    claims: list[Claim]
    incidents: _events.Segmenter
    sentences: list[tuple[int, int]]  # every sentence's offsets


def _events_of(read: _Read) -> Extraction:
    events = _events.build(read.document, read.claims, read.incidents, read.sentences)
    return Extraction(document=read.document, events=tuple(events), claims=tuple(read.claims))


def _claims_of(document: Document) -> _Read:
    """The claims of a document, each linked to an incident of its Segmenter."""
    text = document.text
    language = Attributor.language_for(document.language)
    cues = _SideCues(text, language)
    document_side = cues.side(0, 4000)  # the lede says where; the rest adds little
    attributor = Attributor(default_side=document_side, language=language)
    paragraph_spans = paragraphs(text)
    sided = -1  # the paragraph the attributor's default side is that of
    year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
    incidents = _events.Segmenter(language, year=year)
    found: list[_Found] = []
    sentence_spans: list[tuple[int, int]] = []
    # sentences of the current paragraph with no figure, not yet stepped nor attributed
    waiting: list[tuple[str, int, tuple[int, int]]] = []
    sentences = split_sentences(text, paragraph_spans)
    # a text of headlines alone (a feed's titles, a dataset's source headlines): each is read as
    # the outlet's headline, where beside a body a short unpunctuated line is a subhead
    headlines_only = all(sent.heading for sent in sentences)
    for sent in sentences:
        s_text = text[sent.start : sent.end]
        sentence_spans.append((sent.start, sent.end))
        headline = headlines_only or (sent.paragraph == 0 and _is_title(s_text, document.title))
        if waiting and waiting[0][1] != sent.paragraph:
            for skipped, _, _ in waiting:
                attributor.skip(skipped)
            waiting.clear()
        if sent.heading and not headline:
            attributor.skip(s_text)  # subheads state no claims
            continue
        figures = find_figures(s_text, language)
        if headline:
            figures += headline_figures(s_text, language)
        if not figures:
            waiting.append((s_text, sent.paragraph, (sent.start, sent.end)))
            continue
        if sided != sent.paragraph:
            # local authorities speak for the place this paragraph is about, else the article's
            # (set for a paragraph with a figure: only attribution reads it)
            sided = sent.paragraph
            start, end = paragraph_spans[sent.paragraph]
            attributor.default_side = cues.side(start, end, document_side)
        # incidents and attribution are read lazily: this sentence, and the earlier ones of its
        # paragraph (in order) that it may turn from or a claim may be carried from. Each is
        # stepped, then attributed: its words, cut for the test of a turn to another incident,
        # are then still at hand for its attribution (see attribution._lowered)
        for earlier, paragraph, span in waiting:
            incidents.incident_of(earlier, paragraph, span=span)
            attributor.attribute(earlier, paragraph)
        waiting.clear()
        incident = incidents.incident_of(s_text, sent.paragraph, span=(sent.start, sent.end))
        totals = not _running_total_needs(language).absent(s_text)
        evidence = Span(sent.start, sent.end)  # one for the sentence's figures
        for fig in figures:
            attribution = attributor.attribute(s_text, sent.paragraph, at=fig.start)
            stance = attributor.stance(s_text, fig.start, fig.end)
            event = None if totals and is_running_total(s_text, fig, language) else incident
            found.append(
                _Found(fig, attribution.claimant, attribution.verb, stance,
                       attribution.explicit, event, evidence, headline)
            )
    return _Read(document, _merge(document.id, _derive_injured(found)), incidents, sentence_spans)


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


def _confidence(explicit: bool, named: bool, vague: bool) -> float:
    """A claim's confidence: an explicit attribution most, then a named party's carried one,
    then the outlet's own; a vague figure less."""
    confidence = 0.8 if explicit else (0.6 if named else 0.5)
    return round(confidence - 0.1 if vague else confidence, 2)


# every confidence, by (explicit, named, vague): a look-up per claim, where round() costs more
_CONFIDENCE = {(e, n, v): _confidence(e, n, v) for e in (False, True) for n in (False, True) for v in (False, True)}


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
    # most groups hold one figure: its sentence is where the group starts
    groups = sorted(merged.values(), key=lambda g: g[0].span.start if len(g) == 1 else min(f.span.start for f in g))
    event_ids: dict[int, str] = {}  # most claims of an article share one event or two
    for n, group in enumerate(groups, start=1):
        first = group[0]
        fig = first.figure
        spans = (first.span,) if len(group) == 1 else tuple(sorted({g.span for g in group}, key=lambda s: s.start))
        event = first.event
        if event is not None and event not in event_ids:
            event_ids[event] = _events.event_id(doc_id, event)
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
            event=None if event is None else event_ids[event],
            confidence=_CONFIDENCE[first.explicit, first.claimant.side != "SELF", bool(fig.vague)],
            rules=RULES,
        ))
    return claims
