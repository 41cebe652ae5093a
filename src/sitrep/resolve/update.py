"""Resolve stage: bring a stored ledger up to date (what ``sitrep resolve`` runs).

Articles resolved by an earlier run are loaded with their signatures, memberships and wire-copy
links, and are not compared again; only the new ones are signed, compared (through the block
indexes) and attached. Only the resolved events they touch are rewritten, so a second run with
nothing new writes nothing. Changing the policy rewrites every event's estimates.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..extract.events import document_of
from .blocking import day
from .resolver import Resolver, ResolveSettings
from .review import apply_to_article, apply_to_ledger

if TYPE_CHECKING:
    from ..store import Store
    from ..store.resolved import ResolveState


@dataclass(frozen=True, slots=True)
class ResolveSummary:
    """What one resolve run did."""

    documents: int  # documents in the ledger
    new_documents: int  # resolved for the first time now
    events: int  # resolved events in the ledger after the run
    written: int  # resolved events (re)written now
    copies: int  # wire-copy links found now (pairs of documents)
    wire_copies: int  # new documents that copy an earlier one (the first of their group counts)
    policy: str
    seconds: float


def _window(dates: dict[str, str | None], new_ids: set[str], state: ResolveState,
            gap_days: int, seeds: Collection[str] = ()) -> set[str] | None:
    """The documents a run must read to attach ``new_ids``, or None for all of them.

    New articles can only link to articles published at most ``gap_days`` from them (the
    clustering and wire-copy rules), so the run reads: the new articles; the resolved ones
    published in that window, and the undated ones (an undated copy may match anything); and,
    until nothing changes, every member of the resolved events those belong to (a ledger is
    rewritten whole) and every wire copy of them (copy groups are named as a full run names
    them). ``seeds`` (documents of events to recompute after a review) are read the same way.
    An undated new article can be a copy of anything: then everything is read."""
    days = [day(dates[d]) for d in new_ids]
    if any(d is None for d in days):
        return None
    members: dict[str, list[str]] = {}
    for event_id, root in state.groups.items():
        members.setdefault(root, []).append(event_id)
    wanted = set(new_ids) | set(seeds)
    if days:
        lo, hi = min(days) - gap_days, max(days) + gap_days  # type: ignore[type-var,operator]
        for doc_id, published in dates.items():
            d = day(published)
            if doc_id not in new_ids and (d is None or lo <= d <= hi):
                wanted.add(doc_id)
    # close over "same resolved event" and "wire copy of": every event a loaded document
    # belongs to is loaded whole, and every copy of a loaded document is loaded
    neighbours: dict[str, set[str]] = {}
    for events in members.values():
        docs = {document_of(e) for e in events}
        for d in docs:
            neighbours.setdefault(d, set()).update(docs)
    for a, b in state.copies:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    todo = list(wanted)
    while todo:
        for other in neighbours.get(todo.pop(), ()):
            if other not in wanted:
                wanted.add(other)
                todo.append(other)
    if not wanted <= dates.keys():
        return None  # ids that do not follow the "<document>-e<n>" form: read everything
    return wanted


def update_ledger(store: Store, settings: ResolveSettings | None = None,
                  refresh: Collection[str] = ()) -> ResolveSummary:
    """Resolve the articles the ledger has not resolved yet and store what changed. People's
    review decisions are applied to every article read (:mod:`.review`).

    Args:
        store: The ledger.
        settings: Thresholds and estimate policy.
        refresh: Resolved events to recompute even if no new article touches them (after a
            review action on them or their claims).

    Returns:
        Counts of what was read and written.

    Runs take turns on a ledger (:meth:`Store.resolving`): a run that started from an older
    state would otherwise write events that miss what another run resolved meanwhile. A ledger
    already up to date is answered without waiting for the turn.
    """
    started = time.perf_counter()
    settings = settings or ResolveSettings()
    summary = _up_to_date(store, settings, refresh, started)
    if summary is not None:
        return summary
    with store.resolving():
        return _update(store, settings, refresh, started)


def _up_to_date(store: Store, settings: ResolveSettings, refresh: Collection[str],
                started: float) -> ResolveSummary | None:
    """The summary of a run with nothing to do (nothing ingested since the last run, the same
    policy, nothing to refresh), or None when there is work."""
    policy, resolved = store.resolve_status()
    counts = store.counts()
    if refresh or policy != settings.policy or resolved < counts["documents"]:
        return None
    return ResolveSummary(documents=counts["documents"], new_documents=0,
                          events=counts["resolved_events"], written=0, copies=0, wire_copies=0,
                          policy=settings.policy, seconds=time.perf_counter() - started)


def _update(store: Store, settings: ResolveSettings, refresh: Collection[str],
            started: float) -> ResolveSummary:
    """:func:`update_ledger`'s run, in the ledger's resolution turn."""
    summary = _up_to_date(store, settings, refresh, started)  # another run may have done it
    if summary is not None:
        return summary
    resolver = Resolver(settings)
    state = store.resolve_state()
    dates = store.document_dates()
    new_ids = {d for d in dates if d not in state.signatures}
    wanted = None  # the documents to read: all, unless a window of them suffices
    roots = set(state.groups.values())
    refresh = [r for r in refresh if r in state.groups or r in roots]
    overrides = store.review_overrides()
    if state.policy == settings.policy:
        groups = {state.groups.get(r, r) for r in refresh}
        seeds = {document_of(e) for e, root in state.groups.items() if root in groups}
        wanted = _window(dates, new_ids, state, settings.cluster.max_gap_days, seeds)
    new = []
    documents = len(dates)
    for stored in store.iter_articles(wanted):
        article = apply_to_article(stored, overrides)
        sig = state.signatures.get(article.document_id)
        if sig is None:
            new.append(article)
        else:
            resolver.load(replace(article, signature=sig))
    resolver.detach(overrides.detached)
    resolver.link_loaded(state.groups, state.copies)
    touched = resolver.add(new)
    for a, b in overrides.merges:  # a person's merges hold whatever the machine links
        joined = resolver.merge(a, b)
        if joined is not None and (a in refresh or b in refresh):
            touched.append(joined)
    if state.policy is not None and state.policy != settings.policy:
        touched = resolver.roots()
    # a refreshed event is rewritten whole, with every group its old members are in now (a
    # split makes two of one)
    old_groups = {state.groups.get(r, r) for r in refresh}
    members = [e for e, root in state.groups.items() if root in old_groups] + list(refresh)
    touched = sorted(set(touched) | {resolver.group_of(e) for e in members if e in resolver.clusters.nodes})
    ledgers = (apply_to_ledger(resolver.ledger(root), overrides) for root in touched)
    written = store.save_resolution(
        ledgers, resolver.new_links, resolver.new_signatures, settings.policy
    )
    return ResolveSummary(
        documents=documents,
        new_documents=len(new),
        events=store.counts()["resolved_events"],
        written=written,
        copies=len(resolver.new_links),
        wire_copies=sum(1 for a in new if resolver.copy_group(a.document_id) != a.document_id),
        policy=settings.policy,
        seconds=time.perf_counter() - started,
    )
