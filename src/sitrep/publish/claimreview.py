"""Publish stage: claims as schema.org ClaimReview-shaped JSON-LD, for fact-checkers.

Each standing claim becomes a ``ClaimReview`` whose ``claimReviewed`` is the figure in words
with its claimant, and whose ``itemReviewed`` is the ``Claim`` with its ``author`` (the claimant)
and its ``appearance`` (the article it appeared in). sitrep does not check claims: the
``reviewRating`` says the claim is *not reviewed* and carries the ledger's review status, so
nobody publishes an automated row as a verdict.
"""

from __future__ import annotations

from typing import Any

from .view import CATEGORY_WORDS, STANCE_WORDS, LedgerView, current, figure_text

_PERSON_KINDS = frozenset({"person", "official"})


def graph(view: LedgerView) -> dict[str, Any]:
    reviews = []
    for led in view:
        for h in current(led.history):
            doc = view.document(h.document_id)
            claim = view.claims.get(h.claim_id)
            review = claim.review if claim is not None else "proposed"
            figure = figure_text(h.low, h.high, h.central, h.qualifier, h.vague)
            said = f"{h.claimant.name} {STANCE_WORDS.get(h.stance, h.stance)} {figure} " \
                   f"{CATEGORY_WORDS.get(h.category, h.category)}"
            appearance: dict[str, Any] = {"@type": "CreativeWork"}
            if doc is not None:
                appearance.update({k: v for k, v in (("url", doc.url), ("headline", doc.title),
                                                    ("datePublished", doc.published)) if v})
            reviews.append({
                "@type": "ClaimReview",
                "identifier": h.claim_id,
                "claimReviewed": said,
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person" if h.claimant.kind in _PERSON_KINDS else "Organization",
                               "name": h.claimant.name},
                    "datePublished": h.published,
                    "appearance": appearance,
                },
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": f"Not reviewed (sitrep review status: {review})",
                },
                "author": {"@type": "Organization", "name": "sitrep (automated extraction)"},
                "about": led.event.id,
            })
    return {"@context": "https://schema.org", "@graph": reviews}
