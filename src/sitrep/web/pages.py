"""Web: the HTML pages (server-rendered; no JavaScript needed to read anything)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ..errors import SitrepError
from ..publish import brief
from ..publish.view import CATEGORY_WORDS, STANCE_WORDS, current, figure_text, outlet, speaker
from ..workspace import Workspace
from . import charts
from .filters import event_query
from .highlight import excerpt, highlight

router = APIRouter(include_in_schema=False)


def _ws(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


def _render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


@router.get("/", response_class=HTMLResponse)
def events_page(
    request: Request,
    date_from: str | None = None, date_to: str | None = None, country: str | None = None,
    type: str | None = None, q: Annotated[str | None, Query(max_length=200)] = None,
    sort: str = "date", order: str = "desc", page: int = 1,
) -> HTMLResponse:
    query = event_query(date_from=date_from, date_to=date_to, country=country, type=type, q=q,
                        sort=sort, order=order, page=page, per_page=50)
    ws = _ws(request)
    rows, total = ws.store.list_events(query)
    params = {k: v for k, v in dict(date_from=date_from, date_to=date_to, country=country, type=type,
                                     q=q, sort=sort, order=order).items() if v}
    return _render(request, "events.html", {
        "rows": rows, "total": total, "page": page, "pages": max(1, -(-total // 50)),
        "params": params, "facets": ws.store.event_facets(),
    })


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, country: str | None = None, type: str | None = None) -> HTMLResponse:
    query = event_query(country=country, type=type, per_page=200)
    rows, total = _ws(request).store.list_events(query)
    return _render(request, "map.html", {"svg": charts.event_map(rows), "shown": len(rows), "total": total})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    ws = _ws(request)
    ledger = ws.ledger_of(event_id)
    view = ws.view([ledger.event.id])
    claims = []
    for h in sorted(ledger.history, key=lambda h: (h.category, h.published or "", h.claim_id)):
        claim = view.claims.get(h.claim_id)
        doc = view.document(h.document_id)
        quote = Markup("")
        if claim is not None and claim.evidence and doc is not None:
            span = claim.evidence[0]
            quote = excerpt(doc.text, span.start, span.end, f"c-{h.claim_id}")
        claims.append({
            "entry": h, "who": speaker(view, h), "figure": figure_text(h.low, h.high, h.central, h.qualifier, h.vague),
            "category": CATEGORY_WORDS.get(h.category, h.category), "stance": STANCE_WORDS.get(h.stance, h.stance),
            "quote": quote, "outlet": outlet(doc), "document": doc,
            "standing": h.superseded_by is None and h.appearance_of is None,
        })
    categories = sorted({h.category for h in current(ledger.history) if h.stance == "asserts"})
    timelines = [(CATEGORY_WORDS.get(c, c), charts.timeline(ledger.history, c)) for c in categories]
    documents = [view.document(d) for d in ledger.event.documents]
    return _render(request, "event.html", {
        "ledger": ledger, "ev": ledger.event, "claims": claims, "timelines": timelines,
        "documents": [d for d in documents if d is not None], "outlet": outlet,
        "category_words": CATEGORY_WORDS,
    })


@router.get("/articles/{document_id}", response_class=HTMLResponse)
def article_page(request: Request, document_id: str, claim: str | None = None) -> HTMLResponse:
    store = _ws(request).store
    doc = store.get_document(document_id)
    if doc is None:
        raise SitrepError(f"no article {document_id!r}")
    claims = [c for c, _ in store.iter_claims(document_id=document_id)]
    spans = [(s.start, s.end, f"c-{c.id}") for c in claims for s in c.evidence[:1]]
    return _render(request, "article.html", {
        "doc": doc, "body": highlight(doc.text, spans, focus=f"c-{claim}" if claim else None),
        "claims": claims, "outlet": outlet(doc), "figure_text": figure_text,
        "category_words": CATEGORY_WORDS, "stance_words": STANCE_WORDS,
        "events": list(store.iter_events(document_id=document_id)),
    })


@router.get("/events/{event_id}/brief")
def brief_page(request: Request, event_id: str, format: str = "html", download: bool = False) -> Response:
    if format not in ("md", "html"):
        raise ValueError("format must be md or html")
    ws = _ws(request)
    ledger = ws.ledger_of(event_id)
    text = brief(ws.view([ledger.event.id]), ledger, format)
    headers = {"Content-Disposition": f'attachment; filename="brief-{ledger.event.id}.{format}"'} if download else {}
    # the HTML brief is one self-contained page with its own inline style (and no script)
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    media = "text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media, headers=headers)
