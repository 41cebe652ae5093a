"""Resolve stage: bring a stored ledger up to date (what ``sitrep resolve`` runs).

Articles resolved by an earlier run are loaded with their signatures, memberships and wire-copy
links, and are not compared again; only the new ones are signed, compared (through the block
indexes) and attached. Only the resolved events they touch are rewritten, so a second run with
nothing new writes nothing. Changing the policy rewrites every event's estimates.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .resolver import Resolver, ResolveSettings

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True, slots=True)
class ResolveSummary:
    """What one resolve run did."""

    documents: int  # documents in the ledger
    new_documents: int  # resolved for the first time now
    events: int  # resolved events in the ledger after the run
    written: int  # resolved events (re)written now
    copies: int  # wire-copy links found now
    policy: str
    seconds: float


def update_ledger(store: Store, settings: ResolveSettings | None = None) -> ResolveSummary:
    """Resolve the articles the ledger has not resolved yet and store what changed.

    Args:
        store: The ledger.
        settings: Thresholds and estimate policy.

    Returns:
        Counts of what was read and written.
    """
    started = time.perf_counter()
    settings = settings or ResolveSettings()
    resolver = Resolver(settings)
    state = store.resolve_state()
    counts = store.counts()
    if state.policy == settings.policy and len(state.signatures) >= counts["documents"]:
        # nothing ingested since the last run: the stored ledger is up to date (no article read)
        return ResolveSummary(counts["documents"], 0, counts["resolved_events"], 0, 0,
                              settings.policy, time.perf_counter() - started)
    new = []
    documents = 0
    for article in store.iter_articles():
        documents += 1
        sig = state.signatures.get(article.document_id)
        if sig is None:
            new.append(article)
        else:
            resolver.load(replace(article, signature=sig))
    resolver.link_loaded(state.groups, state.copies)
    touched = resolver.add(new)
    if state.policy is not None and state.policy != settings.policy:
        touched = resolver.roots()
    ledgers = (resolver.ledger(root) for root in touched)
    written = store.save_resolution(
        ledgers, resolver.new_links, resolver.new_signatures, settings.policy
    )
    return ResolveSummary(
        documents=documents,
        new_documents=len(new),
        events=len(resolver.roots()),
        written=written,
        copies=len(resolver.new_links),
        policy=settings.policy,
        seconds=time.perf_counter() - started,
    )
