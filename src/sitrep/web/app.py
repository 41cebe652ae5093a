"""Web: the app factory. Pages and the JSON API call the same Workspace the CLI calls.

``create_app(db)`` opens the ledger once, brings the resolved ledger up to date, and serves:

* pages (server-rendered, readable without JavaScript): the event list with filters, sorting
  and pages; the map; an event page (what/where/when/who, estimates and their rules, a timeline
  of each claimant's figures, contradictions, every claim with its evidence marked in the
  article text); an article page; the brief (Markdown or HTML, to read or download);
* the JSON API under ``/api/`` with its OpenAPI schema at ``/openapi.json``.

Everything from articles is escaped (Jinja2 autoescape; :mod:`.highlight` for article text);
responses carry a strict Content-Security-Policy (no inline script, nothing from elsewhere).
Reads are open (``private=True``, ``sitrep serve --private``: they need a token too); writes
(review, upload) need a token: a Bearer header for the API, a login and CSRF-
checked forms in the browser (:mod:`.auth`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from ..errors import SitrepError
from ..workspace import Workspace
from . import api, pages
from .auth import Sessions, bearer_owner, page_user

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
MAX_REQUEST_BYTES = 1_000_000  # forms and JSON bodies
UPLOAD_BYTES = 50 * 1024 * 1024  # one upload request (each file is also held to max_bytes)


class _Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        upload = request.url.path == "/api/ingest"
        limit = UPLOAD_BYTES if upload else MAX_REQUEST_BYTES
        if upload and request.method == "POST" and length is None:
            return JSONResponse({"detail": "an upload needs a Content-Length"}, status_code=411)
        if length is not None and (not length.isdigit() or int(length) > limit):
            return JSONResponse({"detail": "request body too large"}, status_code=413)
        state = request.app.state
        if state.private and not _public(request.url.path) and not _reader(request):
            if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
                return JSONResponse({"detail": "this ledger is private: send 'Authorization: Bearer <token>'"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form
        # posts, and the origin check of writes needs the real one
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def _public(path: str) -> bool:
    return path in ("/login", "/favicon.ico") or path.startswith("/static/")


def _reader(request: Request) -> bool:
    """Whether a request may read a private ledger: a valid token or a logged-in session."""
    return bearer_owner(request) is not None or page_user(request) is not None


def create_app(db: str | Path, *, resolve: bool = True, private: bool = False) -> FastAPI:
    """The web app and API on the ledger ``db`` (resolving newly ingested articles first).
    ``private``: reads need a token too (a Bearer header or a logged-in session)."""
    ws = Workspace.open(db)
    if resolve:
        ws.resolve()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        ws.close()

    app = FastAPI(
        lifespan=lifespan,
        title="sitrep",
        summary="A source-attributed ledger of events and casualty claims from war and crisis news.",
        version=_version(),
        docs_url=None,  # Swagger UI loads its script from a CDN: the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.workspace = ws
    app.state.sessions = Sessions()
    app.state.private = private
    folder = resources.files(__package__)
    app.state.templates = Jinja2Templates(directory=str(folder / "templates"))
    app.add_middleware(_Headers)
    app.mount("/static", StaticFiles(directory=str(folder / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        """JSON for the API, the error page for people."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"message": message}, status_code=status)

    @app.exception_handler(SitrepError)
    async def _not_found(request: Request, exc: SitrepError) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(ValueError)
    async def _bad_request(request: Request, exc: ValueError) -> Response:
        return error(request, 400, str(exc))

    return app


def _version() -> str:
    from .. import __version__

    return __version__
