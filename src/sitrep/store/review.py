"""Store stage: write tokens and people's review of claims and events (the audit trail).

Tokens are random secrets shown once at creation; the ledger keeps only their SHA-256, so a
copied ledger file grants nobody write access. Every review action is one ``reviews`` row (who,
when, what, the corrected fields), never updated or deleted: the latest action on a target is in
force, the earlier ones are its history. :func:`overrides` folds them for resolve, which applies
them to the machine's output every time it runs, so a person's decision is never overwritten.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from . import schema

TARGETS = ("claim", "event")
ACTIONS = ("confirm", "reject", "correct", "merge", "split")
#: Fields of a claim a person may correct, with the type each must have.
CLAIM_FIELDS: dict[str, type | tuple[type, ...]] = {
    "low": (int, type(None)), "high": (int, type(None)), "central": (int, type(None)),
    "qualifier": str, "category": str, "stance": str, "claimant_name": str, "claimant_side": str,
}


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One review action as the audit trail keeps it."""

    id: int
    at: str
    who: str
    target: str
    target_id: str
    action: str
    changes: dict[str, Any]
    note: str | None


@dataclass(frozen=True)
class Overrides:
    """What people decided, latest action per target: claim corrections and statuses, event
    statuses. Read by resolve each run."""

    claims: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # id -> (review, changes)
    events: dict[str, str] = field(default_factory=dict)  # resolved event id -> review
    merges: list[tuple[str, str]] = field(default_factory=list)  # (event id, event id) joined
    detached: set[str] = field(default_factory=set)  # article event ids split out of their event

    def __bool__(self) -> bool:
        return bool(self.claims or self.events or self.merges or self.detached)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(conn: sa.Connection, name: str) -> str:
    """A new secret for ``name`` (replacing an earlier one); only its hash is stored."""
    if not name or len(name) > 80 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ValueError("a token name is 1-80 letters, digits, '-', '_' or '.'")
    secret = "sr_" + secrets.token_urlsafe(32)
    t = schema.tokens
    conn.execute(sa.delete(t).where(t.c.name == name))
    conn.execute(sa.insert(t).values(name=name, hash=_hash(secret), created_at=_now(), revoked_at=None))
    return secret


def token_owner(conn: sa.Connection, secret: str) -> str | None:
    """The name a valid, unrevoked token belongs to, or None."""
    if not secret or len(secret) > 200:
        return None
    t = schema.tokens
    row = conn.execute(sa.select(t.c.name).where(t.c.hash == _hash(secret), t.c.revoked_at.is_(None))).first()
    return row.name if row else None


def revoke_token(conn: sa.Connection, name: str) -> bool:
    t = schema.tokens
    done = conn.execute(sa.update(t).where(t.c.name == name, t.c.revoked_at.is_(None)).values(revoked_at=_now()))
    return bool(done.rowcount)


def list_tokens(conn: sa.Connection) -> list[tuple[str, str, str | None]]:
    t = schema.tokens
    return [(r.name, r.created_at, r.revoked_at) for r in conn.execute(sa.select(t).order_by(t.c.name))]


def check_review(target: str, action: str, changes: dict[str, Any]) -> None:
    """ValueError unless the action is one a person may take on that target."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}")
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}")
    if action in ("merge", "split"):
        if target != "event":
            raise ValueError("only events can be merged or split")
        key = "with" if action == "merge" else "member"
        if set(changes) != {key} or not isinstance(changes[key], str) or not 0 < len(changes[key]) <= 200:
            raise ValueError(f"{action} names one event id as {key!r}")
        return
    if action != "correct":
        if changes:
            raise ValueError(f"{action} takes no changes")
        return
    if target != "claim":
        raise ValueError("only a claim can be corrected (an event is confirmed or rejected)")
    if not changes:
        raise ValueError("a correction names at least one field")
    for key, value in changes.items():
        if key not in CLAIM_FIELDS:
            raise ValueError(f"{key!r} cannot be corrected; fields: {', '.join(CLAIM_FIELDS)}")
        if isinstance(value, bool) or not isinstance(value, CLAIM_FIELDS[key]):
            raise ValueError(f"{key} has the wrong type")
        if isinstance(value, int) and not 0 <= value <= 10_000_000:
            raise ValueError(f"{key} must be between 0 and 10,000,000")
        if isinstance(value, str) and not 0 < len(value) <= 200:
            raise ValueError(f"{key} must be 1-200 characters")


def record(conn: sa.Connection, who: str, target: str, target_id: str, action: str,
           changes: dict[str, Any], note: str | None) -> int:
    """Append one review action; its id."""
    check_review(target, action, changes)
    if note is not None and len(note) > 2000:
        raise ValueError("a note is at most 2,000 characters")
    r = schema.reviews
    result = conn.execute(sa.insert(r).values(at=_now(), who=who, target=target, target_id=target_id,
                                              action=action, changes=changes, note=note))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def history(conn: sa.Connection, target: str | None = None, target_id: str | None = None,
            offset: int = 0, limit: int = 100) -> list[ReviewRecord]:
    """Review actions, newest first, optionally of one target."""
    r = schema.reviews
    q = sa.select(r)
    if target is not None:
        q = q.where(r.c.target == target)
    if target_id is not None:
        q = q.where(r.c.target_id == target_id)
    rows = conn.execute(q.order_by(r.c.id.desc()).offset(offset).limit(limit))
    return [ReviewRecord(x.id, x.at, x.who, x.target, x.target_id, x.action, dict(x.changes or {}), x.note)
            for x in rows]


def overrides(conn: sa.Connection) -> Overrides:
    """The decisions in force, from the whole trail in order: a correction confirms a claim with
    the corrected fields (later corrections add to them); a confirm keeps the corrections; a
    reject takes the claim out of the ledger; an event's latest confirm or reject stands; merges
    join two events for good; a split takes an article's event out of its group for good."""
    r = schema.reviews
    claims: dict[str, tuple[str, dict[str, Any]]] = {}
    events: dict[str, str] = {}
    merges: list[tuple[str, str]] = []
    detached: set[str] = set()
    for x in conn.execute(sa.select(r).order_by(r.c.id)):
        if x.target == "claim":
            _, fields = claims.get(x.target_id, ("proposed", {}))
            if x.action == "correct":
                claims[x.target_id] = ("confirmed", {**fields, **dict(x.changes or {})})
            else:
                claims[x.target_id] = ("confirmed" if x.action == "confirm" else "rejected", fields)
        elif x.action == "merge":
            merges.append((x.target_id, str(x.changes["with"])))
        elif x.action == "split":
            detached.add(str(x.changes["member"]))
        elif x.target == "event":
            events[x.target_id] = "confirmed" if x.action == "confirm" else "rejected"
    return Overrides(claims, events, merges, detached)
