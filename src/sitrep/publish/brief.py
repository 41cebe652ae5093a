"""Publish stage: the "what we know" brief of one resolved event, every figure cited.

:func:`brief` reads a resolved event (:class:`~sitrep.resolve.ledger.EventLedger`) from a
:class:`~.view.LedgerView` and writes, in Markdown or self-contained HTML:

1. what happened, where, when and who against whom;
2. the estimates (low / best / high) with the rule behind each;
3. the standing figure of every claimant, with its stance, the sentence that states it (quoted
   from the cleaned text) and a numbered citation of the article (outlet, date, link);
4. how figures changed (a claimant's earlier figures, superseded by later ones);
5. the contradictions between sources;
6. the numbered list of sources.

It states what sources claim; it never verifies them. Both formats come from one structure
(:class:`Brief`), so they always say the same. HTML escapes every text it did not write itself
(article text is hostile) and loads nothing from the network.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Claim
from ..resolve.ledger import EventLedger, HistoryEntry
from .view import CATEGORY_WORDS, STANCE_WORDS, LedgerView, current, figure_text, outlet, speaker

FORMATS = ("md", "html")


@dataclass
class Source:
    number: int
    outlet: str
    published: str | None
    title: str | None
    url: str | None


@dataclass
class Brief:
    """The content of a brief, before it is written as Markdown or HTML."""

    title: str
    facts: list[tuple[str, str]]
    estimates: list[tuple[str, str, str, str, str]]  # category, low, best, high, why
    figures: list[tuple[str, str, str, str, str, str, list[int]]]  # category, claimant, side, figure, stance, quote, sources
    changes: list[str]
    contradictions: list[str]
    sources: list[Source] = field(default_factory=list)
    footer: str = ""


def _cell(value: int | None) -> str:
    return "–" if value is None else str(value)


def _quote(view: LedgerView, entry: HistoryEntry) -> str:
    claim: Claim | None = view.claims.get(entry.claim_id)
    doc = view.document(entry.document_id)
    if claim is None or doc is None or not claim.evidence or not doc.text:
        return ""
    span = claim.evidence[0]
    return " ".join(doc.text[span.start : span.end].split())


def build(view: LedgerView, ledger: EventLedger) -> Brief:
    """The brief's content for one resolved event."""
    ev = ledger.event
    numbers: dict[str, int] = {}
    sources: list[Source] = []

    def cite(document_id: str) -> int:
        if document_id not in numbers:
            doc = view.document(document_id)
            numbers[document_id] = len(numbers) + 1
            sources.append(Source(numbers[document_id], outlet(doc), doc.published if doc else None,
                                  doc.title if doc else None, doc.url if doc else None))
        return numbers[document_id]

    # sources numbered in publication order: every report of the event, cited or not
    def published(doc_id: str) -> str:
        doc = view.document(doc_id)
        return (doc.published or "") if doc is not None else ""

    for doc_id in sorted(set(ev.documents) | {h.document_id for h in ledger.history},
                         key=lambda d: (published(d), d)):
        cite(doc_id)

    what = ev.sub_type or ev.type or "Incident"
    place = ev.location.name or "an unknown place"
    title = f"What we know: {what} in {place}"
    facts = [("What", " / ".join(x for x in (ev.type, ev.sub_type) if x) or "unknown")]
    if ev.weapons:
        facts.append(("Weapons mentioned", ", ".join(ev.weapons)))
    where = ", ".join(x for x in (ev.location.name, ev.location.admin1, ev.location.country) if x)
    facts.append(("Where", f"{where} (UCDP where_prec {ev.location.precision})" if where else "not stated"))
    if ev.date.earliest:
        when = ev.date.earliest + (f" to {ev.date.latest}" if ev.date.latest and ev.date.latest != ev.date.earliest else "")
        facts.append(("When", f"{when} (UCDP date_prec {ev.date.precision})"))
    else:
        facts.append(("When", "not stated"))
    if ev.actor1 or ev.actor2:
        a1 = f"{ev.actor1.name} ({ev.actor1.side})" if ev.actor1 else "unknown"
        a2 = f"{ev.actor2.name} ({ev.actor2.side})" if ev.actor2 else "unknown"
        facts.append(("Who", f"{a1} against {a2}"))
    facts.append(("Reports", f"{len(ev.documents)} article(s), {ev.sources} independent "
                             "(wire copies count once). Figures are what sources claim; sitrep verifies none."))

    estimates = [(CATEGORY_WORDS.get(e.category, e.category), _cell(e.low), _cell(e.best), _cell(e.high),
                  f"low: {e.low_rule}; best: {e.best_rule}; high: {e.high_rule}")
                 for e in ledger.estimates]

    # one row per claimant and figure, citing every report that carries it (quoting the first)
    rows: dict[tuple, list[HistoryEntry]] = {}
    for h in sorted(current(ledger.history), key=lambda h: (h.published or "", h.document_id, h.claim_id)):
        rows.setdefault((h.category, h.claimant_key, h.low, h.high, h.central, h.qualifier, h.stance), []).append(h)
    figures = []
    for entries in sorted(rows.values(), key=lambda es: (es[0].category, es[0].claimant.side, es[0].claimant.name)):
        h = entries[0]
        cited = sorted({cite(e.document_id) for e in entries})
        figures.append((CATEGORY_WORDS.get(h.category, h.category), speaker(view, h), h.claimant.side,
                        figure_text(h.low, h.high, h.central, h.qualifier, h.vague),
                        STANCE_WORDS.get(h.stance, h.stance), _quote(view, h), cited))

    # a change is a claimant asserting another figure in a later report (not two figures of one
    # article, which are two claims): one step per report, its largest figure
    by_claimant: dict[tuple[str, str], dict[str, HistoryEntry]] = defaultdict(dict)
    for h in ledger.history:
        if h.appearance_of is None and h.stance == "asserts":
            steps_of = by_claimant[(h.category, h.claimant_key)]
            kept = steps_of.get(h.document_id)
            if kept is None or (h.figure or 0) > (kept.figure or 0):
                steps_of[h.document_id] = h
    changes = []
    for (category, _), per_doc in sorted(by_claimant.items()):
        values = sorted(per_doc.values(), key=lambda e: (e.published or "", e.document_id))
        if len({(e.low, e.high, e.central) for e in values}) < 2:
            continue
        runs: list[tuple[HistoryEntry, list[int]]] = []  # consecutive reports of one figure
        for e in values:
            if runs and (runs[-1][0].low, runs[-1][0].high, runs[-1][0].central) == (e.low, e.high, e.central):
                runs[-1][1].append(cite(e.document_id))
            else:
                runs.append((e, [cite(e.document_id)]))
        steps = " → ".join(
            f"{figure_text(e.low, e.high, e.central, e.qualifier, e.vague)} ({e.published or 'undated'} "
            f"{' '.join(f'[{n}]' for n in ns)})" for e, ns in runs)
        changes.append(f"{speaker(view, values[-1])}, {CATEGORY_WORDS.get(category, category)}: {steps}")

    contradictions = [f"{CATEGORY_WORDS.get(c.category, c.category)} ({c.kind}): {c.note}"
                      for c in ledger.contradictions]
    footer = f"Event {ev.id}; review status: {ev.review}; rules {ev.rules}. Generated by sitrep."
    return Brief(title, facts, estimates, figures, changes, contradictions, sources, footer)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(b: Brief) -> str:
    lines = [f"# {b.title}", ""]
    lines += [f"- **{k}:** {v}" for k, v in b.facts] + [""]
    if b.estimates:
        lines += ["## Estimates", "", "| figure | low | best | high | why |", "|---|---|---|---|---|"]
        lines += [f"| {c} | {lo} | {best} | {hi} | {_md(why)} |" for c, lo, best, hi, why in b.estimates]
        lines.append("")
    lines += ["## Figures by source", ""]
    if not b.figures:
        lines.append("No figures have been reported for this event.")
    else:
        lines += ["| figure | who says | side | stance | evidence | source |", "|---|---|---|---|---|---|"]
        for cat, who, side, fig, stance, quote, ns in b.figures:
            lines.append(f"| {fig} {cat} | {_md(who)} | {side} | {stance} | “{_md(quote)}” | {' '.join(f'[{n}]' for n in ns)} |")
    lines.append("")
    if b.changes:
        lines += ["## How the figures changed", ""] + [f"- {_md(c)}" for c in b.changes] + [""]
    if b.contradictions:
        lines += ["## Contradictions", ""] + [f"- {_md(c)}" for c in b.contradictions] + [""]
    lines += ["## Sources", ""]
    for s in b.sources:
        label = ", ".join(x for x in (s.outlet, s.published) if x)
        head = f" “{_md(s.title)}”" if s.title else ""
        lines.append(f"{s.number}. [{_md(label)}]({s.url}){head}" if s.url else f"{s.number}. {_md(label)}{head}")
    lines += ["", f"_{b.footer}_", ""]
    return "\n".join(lines)


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.45;color:#222}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
        "th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}"
        "th{background:#f3f3f3}q{font-style:italic}.meta{color:#666;font-size:.9em}")


def to_html(b: Brief) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(b.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{e(b.title)}</h1>", "<ul>"]
    out += [f"<li><strong>{e(k)}:</strong> {e(v)}</li>" for k, v in b.facts] + ["</ul>"]
    if b.estimates:
        out += ["<h2>Estimates</h2><table><tr><th>figure</th><th>low</th><th>best</th><th>high</th><th>why</th></tr>"]
        out += [f"<tr><td>{e(c)}</td><td>{e(lo)}</td><td>{e(best)}</td><td>{e(hi)}</td><td>{e(why)}</td></tr>"
                for c, lo, best, hi, why in b.estimates] + ["</table>"]
    out.append("<h2>Figures by source</h2>")
    if not b.figures:
        out.append("<p>No figures have been reported for this event.</p>")
    else:
        out.append("<table><tr><th>figure</th><th>who says</th><th>side</th><th>stance</th><th>evidence</th><th>source</th></tr>")
        for cat, who, side, fig, stance, quote, ns in b.figures:
            links = " ".join(f'<a href="#s{n}">[{n}]</a>' for n in ns)
            out.append(f"<tr><td>{e(fig)} {e(cat)}</td><td>{e(who)}</td><td>{e(side)}</td><td>{e(stance)}</td>"
                       f"<td><q>{e(quote)}</q></td><td>{links}</td></tr>")
        out.append("</table>")
    if b.changes:
        out += ["<h2>How the figures changed</h2><ul>"] + [f"<li>{e(c)}</li>" for c in b.changes] + ["</ul>"]
    if b.contradictions:
        out += ["<h2>Contradictions</h2><ul>"] + [f"<li>{e(c)}</li>" for c in b.contradictions] + ["</ul>"]
    out.append("<h2>Sources</h2><ol>")
    for s in b.sources:
        label = e(", ".join(x for x in (s.outlet, s.published) if x))
        link = (f'<a href="{e(s.url)}" rel="noopener noreferrer">{label}</a>'
                if s.url and s.url.lower().startswith(("http://", "https://")) else label)
        title = f" “{e(s.title)}”" if s.title else ""
        out.append(f'<li id="s{s.number}">{link}{title}</li>')
    out += ["</ol>", f'<p class="meta">{e(b.footer)}</p>', "</body></html>", ""]
    return "\n".join(out)


def brief(view: LedgerView, ledger: EventLedger, fmt: str = "md") -> str:
    """The brief of one resolved event as Markdown (``md``) or self-contained HTML (``html``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown brief format {fmt!r}; choose md or html")
    content = build(view, ledger)
    return markdown(content) if fmt == "md" else to_html(content)

