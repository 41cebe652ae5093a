"""sitrep: a source-attributed ledger of events and casualty claims from war and crisis news.

The library surface::

    from sitrep import Workspace, extract, Document

    with Workspace.open("sitrep.db") as ws:
        ws.ingest(["examples"])
        for claim, document_id in ws.claims(category="killed"):
            ...

Stages (``sitrep.ingest``, ``sitrep.extract``, ``sitrep.store``, ``sitrep.publish``) are
importable on their own; the names below are the stable public API.
"""

from .errors import SitrepError
from .extract import extract
from .ingest import Overrides, read_sources
from .models import (
    CATEGORIES,
    Actor,
    Claim,
    Claimant,
    Document,
    Event,
    EventDate,
    Extraction,
    Location,
    Rejection,
    Span,
    to_json,
)
from .settings import Settings, load_settings
from .workspace import IngestSummary, Workspace

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Actor",
    "Claim",
    "Claimant",
    "Document",
    "Event",
    "EventDate",
    "Extraction",
    "IngestSummary",
    "Location",
    "Overrides",
    "Rejection",
    "Settings",
    "SitrepError",
    "Span",
    "Workspace",
    "__version__",
    "extract",
    "load_settings",
    "read_sources",
    "to_json",
]
