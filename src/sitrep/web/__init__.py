"""Web: the ledger in a browser and as a JSON API (``sitrep serve``).

::

    web/
    ├── app.py        create_app(db): the FastAPI app, security headers, error pages
    ├── pages.py      HTML pages: events, map, event, article, brief
    ├── api.py        /api/...: events, claims, articles, briefs, exports (OpenAPI at /openapi.json)
    ├── filters.py    the event-list filters, shared by pages and API
    ├── highlight.py  article text escaped, evidence spans marked
    ├── charts.py     inline SVG: a claimant timeline, the event map
    ├── templates/    Jinja2 (autoescaped)
    └── static/       one stylesheet
"""

from .app import create_app

__all__ = ["create_app"]
