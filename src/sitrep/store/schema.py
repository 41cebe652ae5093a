"""Store stage: the ledger's tables, declared once with SQLAlchemy Core.

::

    documents ◀── events ◀── claims ◀── evidence          (one article's extraction)
        ▲           ▲  ▲        ▲
        │           │  └─ event_evidence
        └─ event_documents (events seen in other articles, filled by resolve)
    claim_history (how a claimant's figure moved; filled by resolve)
    rejected        (inputs that never became a Document)
    schema_migrations

    resolved_events ◀── resolved_members (article event -> resolved event)   (version 3,
        ▲   ▲           estimates, contradictions                             filled by resolve)
    duplicates (wire copies), signatures (MinHash of each resolved document)

Column names are the ones users see when they open the ledger in Datasette, pandas or psql,
so they follow the field names of :mod:`sitrep.models` (``location_name``, ``claimant_side``).
Ordering columns (``seq``) keep the order of the extractor's tuples, so a saved extraction reads
back exactly as it was written.

Migration 1 creates these tables. When a later migration changes one, freeze the version-1
shape in :mod:`sitrep.store.migrations` first, so migration 1 keeps creating what it always did
(``claim_history`` is frozen there: migration 3 added two columns to it).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_JSON = sa.JSON(none_as_null=True)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Text),  # ISO date as given, or NULL when unknown
    sa.Column("language", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Index("ix_documents_ref", "ref"),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_ingested_at", "ingested_at", "id"),
)

rejected = sa.Table(
    "rejected",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("stage", sa.Text, nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.Column("times_seen", sa.Integer, nullable=False, server_default="1"),
    sa.UniqueConstraint("ref", "code", name="uq_rejected_ref_code"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # position in Extraction.events
    sa.Column("type", sa.Text),
    sa.Column("sub_type", sa.Text),
    sa.Column("date_earliest", sa.Text),
    sa.Column("date_latest", sa.Text),
    sa.Column("date_precision", sa.Integer),
    sa.Column("location_name", sa.Text),
    sa.Column("location_admin1", sa.Text),
    sa.Column("location_country", sa.Text),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("location_geonameid", sa.Integer),
    sa.Column("location_precision", sa.Integer),
    sa.Column("actor1_name", sa.Text),
    sa.Column("actor1_side", sa.Text),
    sa.Column("actor2_name", sa.Text),
    sa.Column("actor2_side", sa.Text),
    sa.Column("weapons", _JSON, nullable=False),  # JSON list of normalised names
    sa.Column("review", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Index("ix_events_document", "document_id", "seq"),
    sa.Index("ix_events_date", "date_earliest", "date_latest"),
    sa.Index("ix_events_country_admin1", "location_country", "location_admin1"),
)

event_evidence = sa.Table(
    "event_evidence",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),  # position in Event.evidence
    sa.Column("sentence", sa.Text, nullable=False),  # copy of Document.text[start:end]
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.id")),  # NULL: a running total
    sa.Column("seq", sa.Integer, nullable=False),  # position in Extraction.claims
    sa.Column("event_seq", sa.Integer),  # position in Event.claims
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("central", sa.Integer),
    sa.Column("vague", sa.Text),
    sa.Column("qualifier", sa.Text, nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("claimant_name", sa.Text, nullable=False),
    sa.Column("claimant_side", sa.Text, nullable=False),
    sa.Column("claimant_kind", sa.Text, nullable=False),
    sa.Column("claimant_via", _JSON, nullable=False),  # JSON list, outermost relay first
    sa.Column("stance", sa.Text, nullable=False),
    sa.Column("verb", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("review", sa.Text, nullable=False),
    sa.Column("rules", sa.Text, nullable=False),
    sa.Index("ix_claims_document", "document_id", "seq"),
    sa.Index("ix_claims_event", "event_id", "event_seq"),
    sa.Index("ix_claims_category", "category"),
    sa.Index("ix_claims_claimant", "claimant_side", "claimant_name"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id"), primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),  # position in Claim.evidence
    sa.Column("sentence", sa.Text, nullable=False),  # copy of Document.text[start:end]
)

event_documents = sa.Table(
    "event_documents",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Index("ix_event_documents_document", "document_id"),
)

claim_history = sa.Table(
    "claim_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("claimant_name", sa.Text, nullable=False),
    sa.Column("claimant_side", sa.Text, nullable=False),
    sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id"), nullable=False),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id")),
    sa.Column("published", sa.Text),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("central", sa.Integer),
    sa.Column("qualifier", sa.Text),
    sa.Column("stance", sa.Text),
    sa.Column("superseded_by", sa.Text, sa.ForeignKey("claims.id")),
    # version 3: the claimant group the entry belongs to, and, for the same figure in a wire
    # copy, the claim of its first appearance (one piece of evidence, several appearances)
    sa.Column("claimant_key", sa.Text),
    sa.Column("appearance_of", sa.Text, sa.ForeignKey("claims.id")),
    sa.Index("ix_claim_history_key", "event_id", "category", "claimant_side", "claimant_name"),
)

# -- version 3: the resolved ledger (filled by ``sitrep resolve``) ------------------------------
# A resolved event is named by its first-reported member event, so ``resolved_events.id`` (and
# ``claim_history.event_id``, ``event_documents.event_id``) are ids of ``events``.

resolved_events = sa.Table(
    "resolved_events",
    metadata,
    sa.Column("id", sa.Text, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("type", sa.Text),
    sa.Column("sub_type", sa.Text),
    sa.Column("date_earliest", sa.Text),
    sa.Column("date_latest", sa.Text),
    sa.Column("date_precision", sa.Integer),
    sa.Column("location_name", sa.Text),
    sa.Column("location_admin1", sa.Text),
    sa.Column("location_country", sa.Text),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("location_geonameid", sa.Integer),
    sa.Column("location_precision", sa.Integer),
    sa.Column("actor1_name", sa.Text),
    sa.Column("actor1_side", sa.Text),
    sa.Column("actor2_name", sa.Text),
    sa.Column("actor2_side", sa.Text),
    sa.Column("weapons", _JSON, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),  # articles reporting it
    sa.Column("sources", sa.Integer, nullable=False),  # the same, a wire-copy group counted once
    sa.Column("review", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("rules", sa.Text, nullable=False),
    sa.Column("policy", sa.Text, nullable=False),
    sa.Index("ix_resolved_events_date", "date_earliest", "date_latest"),
    sa.Index("ix_resolved_events_country_admin1", "location_country", "location_admin1"),
)

resolved_members = sa.Table(
    "resolved_members",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("resolved_id", sa.Text, sa.ForeignKey("resolved_events.id"), nullable=False),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # position in ResolvedEvent.members
    sa.Index("ix_resolved_members_resolved", "resolved_id", "seq"),
)

estimates = sa.Table(
    "estimates",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("resolved_events.id"), primary_key=True),
    sa.Column("category", sa.Text, primary_key=True),
    sa.Column("policy", sa.Text, nullable=False),
    sa.Column("low", sa.Integer),
    sa.Column("best", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("low_rule", sa.Text, nullable=False),
    sa.Column("best_rule", sa.Text, nullable=False),
    sa.Column("high_rule", sa.Text, nullable=False),
)

contradictions = sa.Table(
    "contradictions",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("resolved_events.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # figures | denial | dispute
    sa.Column("claims", _JSON, nullable=False),  # claim ids, the denying/disputing one first
    sa.Column("claimants", _JSON, nullable=False),  # their claimant groups, same order
    sa.Column("note", sa.Text, nullable=False),
)

duplicates = sa.Table(
    "duplicates",
    metadata,
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("copy_of", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("similarity", sa.Float, nullable=False),  # estimated Jaccard of word 3-grams
    sa.Index("ix_duplicates_copy_of", "copy_of"),
)

signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("minhash", sa.LargeBinary, nullable=False),  # little-endian uint32 values
)

#: Tables created by migration 3, in dependency order.
V3_TABLES: tuple[sa.Table, ...] = (
    resolved_events,
    resolved_members,
    estimates,
    contradictions,
    duplicates,
    signatures,
)

# -- version 4: people's review of the machine's output, and who may write --------------------

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),  # who: shown in the audit trail
    sa.Column("hash", sa.Text, nullable=False, unique=True),  # sha256 of the secret, never the secret
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("revoked_at", sa.Text),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Text, nullable=False),  # ISO timestamp, UTC
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("target", sa.Text, nullable=False),  # claim | event
    sa.Column("target_id", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),  # confirm | reject | correct
    sa.Column("changes", _JSON, nullable=False),  # corrected fields ({} for confirm / reject)
    sa.Column("note", sa.Text),
    sa.Index("ix_reviews_target", "target", "target_id", "id"),
)

#: Tables created by migration 4.
V4_TABLES: tuple[sa.Table, ...] = (tokens, reviews)

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

#: Tables created by migration 1, in dependency order.
V1_TABLES: tuple[sa.Table, ...] = (
    documents,
    rejected,
    events,
    event_evidence,
    claims,
    evidence,
    event_documents,
    claim_history,
)

#: The FTS5 index over documents(title, text), created by migration 2 on SQLite only. Declared
#: here (outside ``metadata``, so ``create_all`` never tries to make it) for Core queries.
documents_fts = sa.table(
    "documents_fts",
    sa.column("rowid", sa.Integer),
    sa.column("documents_fts", sa.Text),  # the hidden column that MATCH takes for all columns
    sa.column("rank", sa.Float),
)

#: ``documents`` seen through SQLite's implicit rowid, which the FTS5 index is keyed on.
documents_rowid = sa.table("documents", sa.column("rowid", sa.Integer), sa.column("id", sa.Text))
