"""Web: the event-list filters from query parameters, shared by the page and the API."""

from __future__ import annotations

from datetime import date

from ..store import EventQuery
from ..store.listing import MAX_LIMIT, SORTS

SORT_NAMES = (*SORTS, "killed")


def _iso(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value[:40]!r}") from None


def event_query(*, date_from: str | None = None, date_to: str | None = None,
                country: str | None = None, type: str | None = None, q: str | None = None,
                sort: str = "date", order: str = "desc", page: int = 1,
                per_page: int = 50) -> EventQuery:
    """An :class:`EventQuery` from user input; ValueError (a 400) on anything out of bounds."""
    if sort not in SORT_NAMES:
        raise ValueError(f"sort must be one of {', '.join(SORT_NAMES)}")
    if order not in ("asc", "desc"):
        raise ValueError("order must be asc or desc")
    if page < 1 or page > 1_000_000:
        raise ValueError("page must be a positive number")
    if not 1 <= per_page <= MAX_LIMIT:
        raise ValueError(f"per_page must be between 1 and {MAX_LIMIT}")
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValueError("country must be an ISO 3166 alpha-2 code")
    if q is not None and len(q) > 200:
        raise ValueError("q must be at most 200 characters")
    return EventQuery(
        date_from=_iso(date_from, "date_from"), date_to=_iso(date_to, "date_to"),
        country=country.upper() if country else None, type=type or None, text=(q or "").strip() or None,
        sort=sort, descending=order == "desc", offset=(page - 1) * per_page, limit=per_page,
    ).checked()
