"""Web: the HTML pages (server-rendered; no JavaScript needed to read anything)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from ..errors import SitrepError
from ..extract.events import document_of
from ..publish.view import CATEGORY_WORDS, STANCE_WORDS, current, figure_text, outlet, speaker
from ..workspace import Workspace
from . import charts
from .auth import COOKIE, SESSION_SECONDS, page_user, same_origin
from .filters import event_query
from .highlight import excerpt, highlight

router = APIRouter(include_in_schema=False)


def _ws(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


def _render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    user = page_user(request)
    cookie = request.cookies.get(COOKIE)
    context = {"user": user, "csrf": request.app.state.sessions.csrf(cookie) if user and cookie else "", **context}
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)  # type: ignore[no-any-return]


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
    view = ws.view_of(ledger)
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
    overrides = ws.store.review_overrides()
    for c in claims:
        c["review"] = overrides.claims.get(c["entry"].claim_id, ("proposed", {}))[0]
    ids = {ledger.event.id} | {h.claim_id for h in ledger.history}
    audit = [r for r in ws.store.reviews(limit=500) if r.target_id in ids]
    reports = set(ledger.event.documents)
    rejected = [(cid, status) for cid, (status, _) in overrides.claims.items()
                if status == "rejected" and cid.rsplit("-c", 1)[0] in reports]
    categories = sorted({h.category for h in current(ledger.history) if h.stance == "asserts"})
    timelines = [(CATEGORY_WORDS.get(c, c), charts.timeline(ledger.history, c)) for c in categories]
    documents = [view.document(d) for d in ledger.event.documents]
    members = [(m, view.document(document_of(m))) for m in ledger.event.members]
    return _render(request, "event.html", {
        "ledger": ledger, "ev": ledger.event, "claims": claims, "timelines": timelines,
        "documents": [d for d in documents if d is not None], "outlet": outlet,
        "category_words": CATEGORY_WORDS, "audit": audit, "rejected": rejected, "members": members,
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
    text = _ws(request).brief(event_id, format)
    headers = {"Content-Disposition": f'attachment; filename="brief-{event_id}.{format}"'} if download else {}
    # the HTML brief is one self-contained page with its own inline style (and no script)
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    media = "text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media, headers=headers)


# ------------------------------------------------------------------ review (writes)
def _form_writer(request: Request, form: Any) -> str:
    """The logged-in person of a form post with a valid CSRF token from this site, or 403."""
    user = page_user(request)
    if user is None:
        raise HTTPException(status_code=403, detail="log in with your token to review")
    if not same_origin(request) or not request.app.state.sessions.check_csrf(
            request.cookies.get(COOKIE), str(form.get("csrf", ""))):
        raise HTTPException(status_code=403, detail="the form is stale or from another site; reload the page")
    return user


def _local(path: str) -> str:
    """A redirect target on this site only (no scheme, no host, no '//')."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", {"next": _local(next), "error": None})


@router.post("/login")
async def login(request: Request) -> Response:
    if not same_origin(request):
        raise HTTPException(status_code=403, detail="login from another site refused")
    form = await request.form()
    token = str(form.get("token", ""))[:200]
    nxt = _local(str(form.get("next", "/")))
    who = request.app.state.workspace.store.token_owner(token.strip())
    if who is None:
        return _render(request, "login.html", {"next": nxt, "error": "That token is not valid."}, status_code=401)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(COOKIE, request.app.state.sessions.cookie(who), max_age=SESSION_SECONDS,
                        httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    _form_writer(request, form)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.post("/claims/{claim_id}/review")
async def review_claim(request: Request, claim_id: str) -> Response:
    form = await request.form()
    who = _form_writer(request, form)
    action = str(form.get("action", ""))
    changes: dict[str, Any] = {}
    if action == "correct":
        raw = str(form.get("central", "")).strip().replace(",", "")
        if not raw.isdigit():
            raise ValueError("the corrected figure must be a whole number")
        changes["central"] = int(raw)
    note = str(form.get("note", "")).strip()[:2000] or None
    ledger = _ws(request).review(who, "claim", claim_id, action, changes, note)
    return RedirectResponse(f"/events/{ledger.event.id}#c-{claim_id}", status_code=303)


@router.post("/events/{event_id}/review")
async def review_event(request: Request, event_id: str) -> Response:
    form = await request.form()
    who = _form_writer(request, form)
    action = str(form.get("action", ""))
    changes = ({"with": str(form.get("with", "")).strip()[:200]} if action == "merge"
               else {"member": str(form.get("member", ""))[:200]} if action == "split" else None)
    ledger = _ws(request).review(who, "event", event_id, action, changes,
                                 str(form.get("note", "")).strip()[:2000] or None)
    return RedirectResponse(f"/events/{ledger.event.id}", status_code=303)
