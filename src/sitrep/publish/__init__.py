"""Publish stage: what the ledger shows people (briefs now; exports, web and API later)."""

from .brief import render_brief

__all__ = ["render_brief"]
