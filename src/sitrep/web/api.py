"""Web: the JSON API under ``/api/`` (read-only; OpenAPI schema at ``/openapi.json``).

Every list is paginated (``page``, ``per_page`` ≤ 200). Events are the resolved events; an
event's record is the ledger contract of ``sitrep export --format jsonl``.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from ..errors import SitrepError
from ..models import Extraction, to_json
from ..publish import FORMATS
from ..publish.export import render
from ..publish.ledger_json import claim_record, event_record
from ..workspace import Workspace
from .auth import api_writer
from .filters import event_query

router = APIRouter(prefix="/api", tags=["api"])

Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Items per page (at most 200).")]
MEDIA = {"jsonl": "application/x-ndjson", "acled": "text/csv", "ucdp": "text/csv",
         "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet",
         "csv": "text/csv", "claimreview": "application/ld+json"}
EXTENSIONS = {"jsonl": "jsonl", "acled": "csv", "ucdp": "csv", "geojson": "geojson",
              "parquet": "parquet", "csv": "csv", "claimreview": "jsonld"}


def _ws(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


@router.get("/events", summary="Resolved events, filtered, sorted and paginated")
def list_events(
    request: Request,
    date_from: Annotated[str | None, Query(description="Events ending on or after (YYYY-MM-DD).", max_length=10)] = None,
    date_to: Annotated[str | None, Query(description="Events starting on or before (YYYY-MM-DD).", max_length=10)] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-2 code.", max_length=2)] = None,
    type: Annotated[str | None, Query(description="ACLED event type.", max_length=60)] = None,
    q: Annotated[str | None, Query(description="Words found in one of the event's reports.", max_length=200)] = None,
    sort: Literal["date", "place", "type", "sources", "killed"] = "date",
    order: Literal["asc", "desc"] = "desc",
    page: Page = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    query = event_query(date_from=date_from, date_to=date_to, country=country, type=type, q=q,
                        sort=sort, order=order, page=page, per_page=per_page)
    rows, total = _ws(request).store.list_events(query)
    return {"items": [dataclasses.asdict(r) for r in rows], "total": total, "page": page, "per_page": per_page}


@router.get("/events/{event_id}", summary="One resolved event: the ledger contract record")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    ws = _ws(request)
    ledger = ws.ledger_of(event_id)
    return event_record(ws.view_of(ledger), ledger)


@router.get("/events/{event_id}/claims", summary="The claims of one resolved event, paginated")
def event_claims(request: Request, event_id: str, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    ws = _ws(request)
    ledger = ws.ledger_of(event_id)
    view = ws.view_of(ledger)
    items = [claim_record(view, h) for h in ledger.history]
    start = (page - 1) * per_page
    return {"items": items[start : start + per_page], "total": len(items), "page": page, "per_page": per_page}


@router.get("/events/{event_id}/brief", summary="The 'what we know' brief of one event",
            response_class=PlainTextResponse)
def event_brief(request: Request, event_id: str, format: Literal["md", "html"] = "md") -> Response:
    text = _ws(request).brief(event_id, format)
    media = "text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8"
    return Response(text, media_type=media)


@router.get("/articles/{document_id}", summary="One article: metadata, cleaned text, its events and claims")
def get_article(request: Request, document_id: str) -> dict[str, Any]:
    store = _ws(request).store
    doc = store.get_document(document_id)
    if doc is None:
        raise SitrepError(f"no article {document_id!r}")
    events = tuple(store.iter_events(document_id=document_id))
    claims = tuple(c for c, _ in store.iter_claims(document_id=document_id))
    record = to_json(Extraction(doc, events, claims))
    record["document"]["text"] = doc.text
    return record


@router.get("/claims", summary="Claims of every article (per-article, before resolution), paginated")
def list_claims(
    request: Request,
    category: Annotated[str | None, Query(max_length=40)] = None,
    page: Page = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    rows = _ws(request).store.iter_claims(category=category)
    start = (page - 1) * per_page
    items = []
    for claim, doc_id in islice(rows, start, start + per_page):
        items.append({"document": doc_id, **to_json(Extraction(None, claims=(claim,)))["claims"][0]})
    return {"items": items, "page": page, "per_page": per_page}


@router.get("/export", summary="The resolved ledger in an export format (see docs/exports.md)")
def export(request: Request, format: Literal[FORMATS] = "jsonl",  # type: ignore[valid-type]
           reviewed_only: bool = False) -> Response:
    data = render(_ws(request).view(), format, reviewed_only=reviewed_only)
    name = f"sitrep-{format}.{EXTENSIONS[format]}"
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


class ClaimReview(BaseModel):
    """A person's decision on one claim."""

    action: Literal["confirm", "reject", "correct"]
    changes: dict[str, int | str | None] = Field(default_factory=dict, max_length=8, description=(
        "For 'correct': any of low, high, central, qualifier, category, stance, claimant_name, claimant_side."))
    note: str | None = Field(default=None, max_length=2000)


class EventReview(BaseModel):
    """A person's decision on one resolved event: confirm or reject it, merge another event into
    it (``with_event``), or split one of its article events out (``member``)."""

    action: Literal["confirm", "reject", "merge", "split"]
    with_event: str | None = Field(default=None, max_length=200, description="For 'merge': the other event's id.")
    member: str | None = Field(default=None, max_length=200, description="For 'split': the article event to take out.")
    note: str | None = Field(default=None, max_length=2000)


@router.post("/claims/{claim_id}/review", summary="Confirm, correct or reject a claim (needs a token)")
def review_claim(request: Request, claim_id: str, body: ClaimReview,
                 who: Annotated[str, Depends(api_writer)]) -> dict[str, Any]:
    ws = _ws(request)
    ledger = ws.review(who, "claim", claim_id, body.action, dict(body.changes), body.note)
    return event_record(ws.view_of(ledger), ledger)


@router.post("/events/{event_id}/review", summary="Confirm, reject, merge or split a resolved event (needs a token)")
def review_event(request: Request, event_id: str, body: EventReview,
                 who: Annotated[str, Depends(api_writer)]) -> dict[str, Any]:
    ws = _ws(request)
    changes = ({"with": body.with_event or ""} if body.action == "merge"
               else {"member": body.member or ""} if body.action == "split" else None)
    ledger = ws.review(who, "event", event_id, body.action, changes, body.note)
    return event_record(ws.view_of(ledger), ledger)


@router.get("/reviews", summary="The audit trail of review actions, newest first")
def reviews(request: Request,
            target: Literal["claim", "event"] | None = None,
            target_id: Annotated[str | None, Query(max_length=200)] = None,
            page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    rows = _ws(request).store.reviews(target, target_id, (page - 1) * per_page, per_page)
    return {"items": [dataclasses.asdict(r) for r in rows], "page": page, "per_page": per_page}


UPLOAD_TYPES = (".txt", ".html", ".htm", ".jsonl")
MAX_FILES = 20


@router.post("/ingest", summary="Upload articles (.txt, .html, .jsonl) to ingest and resolve (needs a token)")
async def ingest(request: Request, files: Annotated[list[UploadFile], File(description="Up to 20 files.")],
                 who: Annotated[str, Depends(api_writer)]) -> dict[str, Any]:
    ws = _ws(request)
    if not 1 <= len(files) <= MAX_FILES:
        raise HTTPException(status_code=400, detail=f"send 1 to {MAX_FILES} files")
    folder = Path(tempfile.mkdtemp(prefix="sitrep-upload-"))
    refused: list[dict[str, str]] = []
    try:
        for k, upload in enumerate(files):
            name = Path(upload.filename or f"upload-{k}.txt").name[:120]  # never a path from the client
            if not name.lower().endswith(UPLOAD_TYPES):
                refused.append({"ref": name, "code": "type", "message": f"not one of {', '.join(UPLOAD_TYPES)}"})
                continue
            data = await upload.read(ws.settings.max_bytes + 1)
            if len(data) > ws.settings.max_bytes:
                refused.append({"ref": name, "code": "too_large", "message": f"larger than {ws.settings.max_bytes} bytes"})
                continue
            (folder / f"{k:02d}-{name}").write_bytes(data)
        summary = ws.ingest([folder])
        resolved = ws.resolve()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rejected = refused + [{"ref": Path(r.ref).name, "code": r.code, "message": r.message} for r in summary.rejected]
    return {"by": who, "read": summary.read, "new": summary.new, "known": summary.known,
            "rejected": rejected, "events": summary.events, "claims": summary.claims,
            "resolved_events": resolved.events}
