"""Publish stage: what the ledger shows people: the brief and the exports (web and API later).

Every publisher reads one :class:`~.view.LedgerView` (resolved events, their claims and
documents) and is a pure function of it.
"""

from .brief import brief
from .export import FORMATS, export
from .view import LedgerView

__all__ = ["FORMATS", "LedgerView", "brief", "export"]
