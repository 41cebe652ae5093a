"""Resolve stage: people's decisions applied to the machine's output, every run.

A rejected claim leaves the ledger (no history entry, estimate or contradiction counts it); a
corrected claim takes the corrected fields; a confirmed one is marked so. A reviewed event keeps
its status whatever the machine recomputes. Pure: the store supplies the decisions
(:class:`sitrep.store.review.Overrides`), which resolve applies to each article it reads.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..models import Claim, Claimant
from .ledger import Article, EventLedger

if TYPE_CHECKING:
    from ..store.review import Overrides


def corrected(claim: Claim, review: str, changes: dict[str, Any]) -> Claim:
    """The claim with a person's corrections and review status."""
    fields: dict[str, Any] = {k: v for k, v in changes.items()
                              if k in ("low", "high", "central", "qualifier", "category", "stance")}
    if "central" in changes and "low" not in changes and "high" not in changes:
        # a corrected figure replaces the range the qualifier gave the old one
        fields.update(low=changes["central"], high=changes["central"], qualifier=changes.get("qualifier", "exact"))
    if "claimant_name" in changes or "claimant_side" in changes:
        c = claim.claimant
        fields["claimant"] = Claimant(changes.get("claimant_name", c.name), changes.get("claimant_side", c.side),
                                      c.kind, c.via)
    return replace(claim, review=review, **fields)


def apply_to_article(article: Article, overrides: Overrides) -> Article:
    """The article's claims as people left them (rejected ones out)."""
    if not overrides.claims:
        return article
    claims = []
    changed = False
    for c in article.claims:
        decision = overrides.claims.get(c.id)
        if decision is None:
            claims.append(c)
            continue
        changed = True
        review, changes = decision
        if review != "rejected":
            claims.append(corrected(c, review, changes))
    return replace(article, claims=tuple(claims)) if changed else article


def apply_to_ledger(ledger: EventLedger, overrides: Overrides) -> EventLedger:
    """The ledger with the event's review status as people set it."""
    status = overrides.events.get(ledger.event.id)
    if status is None or status == ledger.event.review:
        return ledger
    return replace(ledger, event=replace(ledger.event, review=status))
