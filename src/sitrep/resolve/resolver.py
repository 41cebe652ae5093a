"""Resolve stage: the incremental resolver that ties the parts together.

::

    Article ─▶ signature ─▶ DuplicateIndex ──copies──▶ UnionFind(documents)
           └─▶ features ──▶ Clusterer ─────links───▶ UnionFind(events) ─▶ ledger(root)
                                                     history ─▶ estimates, contradictions

:meth:`Resolver.add` takes new articles and returns the resolved events they touched; only
those need their ledger (re)computed. :meth:`Resolver.load` takes articles resolved in an earlier
run, with their groups, without comparing them again. :func:`resolve` is the one-shot form and
:func:`resolve_stream` the flat-memory form for a corpus read in date order: it writes out an
event once no later article can join it and forgets it.

Every link rule looks at one pair, and group names are their smallest member, so the same
articles in any order (or split over several runs) give the same ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..models import Claim, Event
from .blocking import day
from .cluster import Clusterer, ClusterSettings, pair_copies
from .contradictions import find_contradictions
from .duplicates import THRESHOLD as DUPLICATE_THRESHOLD
from .duplicates import DuplicateIndex, DuplicateLink, signature
from .estimates import check_policy, estimates
from .history import Source, build_history
from .ledger import Article, EventLedger
from .merge import merge_events
from .similarity import EventFeatures, features
from .unionfind import UnionFind


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    """Thresholds of resolution (clustering and wire copies) and the estimate policy."""

    policy: str = "conservative"
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    duplicate_threshold: float = DUPLICATE_THRESHOLD


@dataclass(slots=True)
class _Doc:
    """What the resolver keeps of one article once its text is read."""

    id: str
    published: str | None
    source: str | None
    events: dict[str, Event]
    claims: dict[str, list[Claim]]
    features: list[EventFeatures]
    open_events: int = 0
    evicted: bool = False


def article_order(article: Article) -> tuple[str, str]:
    """The order :func:`resolve_stream` needs: undated first, then by date and id."""
    return (article.published or "", article.document_id)


class Resolver:
    """Resolved events over a growing set of articles.

    Args:
        settings: Thresholds and policy; defaults to :class:`ResolveSettings`.
        record: Keep the wire-copy links and signatures found (:attr:`new_links`,
            :attr:`new_signatures`) for a caller that stores them; a stream does not.
    """

    def __init__(self, settings: ResolveSettings | None = None, *, record: bool = True) -> None:
        self.settings = settings or ResolveSettings()
        self.record = record
        check_policy(self.settings.policy)
        gap = self.settings.cluster.max_gap_days
        self.duplicates = DuplicateIndex(self.settings.duplicate_threshold, gap)
        self.copies: UnionFind[str] = UnionFind()
        self.clusters = Clusterer(self.settings.cluster)
        self._docs: dict[str, _Doc] = {}
        self._event_doc: dict[str, str] = {}
        self._copy_of: dict[str, str] = {}  # copy group of documents already forgotten by copies
        #: wire-copy links found by :meth:`add` (to persist), and signatures computed
        self.new_links: list[DuplicateLink] = []
        self.new_signatures: dict[str, tuple[int, ...]] = {}

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._docs

    # ------------------------------------------------------------------ intake
    def _intake(self, article: Article) -> tuple[_Doc, tuple[int, ...]]:
        sig = article.signature
        if sig is None:
            sig = signature(article.text)
            if self.record:
                self.new_signatures[article.document_id] = sig
        by_event: dict[str, list[Claim]] = {e.id: [] for e in article.events}
        for c in article.claims:
            if c.event in by_event:
                by_event[c.event].append(c)
        feats = [
            features(
                e,
                by_event[e.id],
                article.document_id,
                article.published,
                article.text,
                article.source,
            )
            for e in sorted(article.events, key=lambda e: e.id)
        ]
        doc = _Doc(
            article.document_id,
            article.published,
            article.source,
            {e.id: e for e in article.events},
            by_event,
            feats,
            open_events=len(article.events),
        )
        self._docs[doc.id] = doc
        self.copies.add(doc.id, (article.published or "9999-99-99", doc.id))
        for e in article.events:
            self._event_doc[e.id] = doc.id
        return doc, sig

    def load(self, article: Article) -> None:
        """Take an article resolved before without comparing it again (see :meth:`link_loaded`).

        Args:
            article: The article, with its ``signature`` (its text is then not needed).
        """
        if article.document_id in self._docs:
            return
        doc, sig = self._intake(article)
        self.duplicates.insert(doc.id, day(doc.published), sig)
        for f in doc.features:
            self.clusters.insert(f, doc.events[f.event_id].location)

    def link_loaded(self, groups: dict[str, str], copies: Iterable[tuple[str, str]]) -> None:
        """Restore earlier groups and wire-copy links once every article of them is loaded.

        Args:
            groups: ``{event id: resolved event id}`` from the earlier run (a resolved id is
                itself the id of its first member event).
            copies: Pairs of document ids found to be wire copies.
        """
        detached = self.clusters.detached
        anchor: dict[str, str] = {}  # group -> the member its others join (not a detached one)
        for event_id, root in sorted(groups.items()):
            if event_id in self.clusters.nodes and event_id not in detached:
                anchor.setdefault(root, event_id)
        for event_id, root in sorted(groups.items()):
            if event_id in self.clusters.nodes and root in anchor:
                self.clusters.link(event_id, anchor[root])
        for a, b in sorted(copies):
            if a in self.copies and b in self.copies:
                self.copies.union(a, b)

    def detach(self, event_ids: Iterable[str]) -> None:
        """Article events people split out of their resolved events: before :meth:`link_loaded`."""
        self.clusters.detached.update(event_ids)

    def merge(self, a: str, b: str) -> str | None:
        """Join the resolved events of two article events (a person's merge); the joined group,
        or None when either is not held."""
        if a not in self.clusters.nodes or b not in self.clusters.nodes:
            return None
        if a in self.clusters.detached or b in self.clusters.detached:
            return None  # split out later: the split stands
        self.clusters.groups.union(a, b)
        return self.clusters.groups.find(a)

    def add(self, articles: Iterable[Article]) -> list[str]:
        """Resolve new articles against everything held.

        Returns:
            The resolved events (root ids) whose ledger changed, sorted.
        """
        touched: set[str] = set()
        for article in sorted(articles, key=article_order):
            if article.document_id in self._docs:
                continue
            doc, sig = self._intake(article)
            for f in doc.features:
                self.clusters.add(f, doc.events[f.event_id].location)
                touched.add(f.event_id)
            for link in self.duplicates.add(doc.id, day(doc.published), sig):
                if self.record:
                    self.new_links.append(link)
                self.copies.union(link.a, link.b)
                a, b = self._docs.get(link.a), self._docs.get(link.b)
                if a is None or b is None:
                    continue
                for x, y in pair_copies(a.features, b.features):
                    self.clusters.link(x, y)
                for d in (a, b):
                    touched.update(d.events)
            for other in self.copies.members(doc.id):
                if other in self._docs:
                    touched.update(self._docs[other].events)
        return sorted({self.clusters.groups.find(e) for e in touched if e in self.clusters.nodes})

    # ------------------------------------------------------------------ output
    def copy_group(self, document_id: str) -> str:
        """The wire-copy group of a document (its first copy; itself when it has none)."""
        if document_id in self.copies:
            return self.copies.find(document_id)
        return self._copy_of.get(document_id, document_id)

    def roots(self) -> list[str]:
        """Every resolved event id, sorted."""
        return sorted(self.clusters.groups.roots())

    def group_of(self, event_id: str) -> str:
        """The resolved event an article event belongs to."""
        return self.clusters.groups.find(event_id)

    def ledger(self, root: str) -> EventLedger:
        """Everything resolve says about one resolved event."""
        members = self.clusters.groups.members(root)
        pairs = []
        claims: list[tuple[Claim, Source]] = []
        for event_id in members:
            doc = self._docs[self._event_doc[event_id]]
            pairs.append((doc.events[event_id], doc.id))
            source = Source(doc.id, doc.published, doc.source)
            claims.extend((c, source) for c in doc.claims[event_id])
        event = merge_events(root, pairs, self.copy_group)
        history = build_history(root, claims, self.copy_group)
        return EventLedger(
            event=event,
            history=history,
            estimates=estimates(root, history, event.actor2, self.settings.policy),
            contradictions=find_contradictions(root, history),
        )

    # ------------------------------------------------------------------ streaming
    def flush(self, before: int | None) -> Iterator[EventLedger]:
        """Write out events no later article can join, and forget them.

        Args:
            before: Articles published before this day (proleptic ordinal) can get no new
                links; None means the input has ended (everything is written out).
        """
        if before is None:
            for root in self.roots():
                yield self.ledger(root)
            return
        gone = self.duplicates.evict_before(before)
        done_roots: set[str] = set()
        for doc_id in gone:
            doc = self._docs.get(doc_id)
            if doc is None:
                continue
            doc.evicted = True
            self.clusters.unfile(doc.events)
            done_roots.update(self.clusters.groups.find(e) for e in doc.events)
        for doc_id in gone:  # copy groups whose every document is out of the window are final
            if doc_id in self.copies:
                group = self.copies.members(doc_id)
                if all(self._docs[d].evicted for d in group if d in self._docs):
                    root = self.copies.find(doc_id)
                    for d in group:
                        self._copy_of[d] = root
                    self.copies.forget(root)
        for root in sorted(done_roots):
            members = self.clusters.groups.members(root)
            if not all(self._docs[self._event_doc[e]].evicted for e in members):
                continue
            yield self.ledger(root)
            docs = {self._event_doc[e] for e in members}
            self.clusters.forget(root)
            for e in members:
                del self._event_doc[e]
            for d in docs:
                doc = self._docs[d]
                doc.open_events -= sum(1 for e in members if e in doc.events)
                if doc.open_events <= 0:
                    del self._docs[d]
                    self._copy_of.pop(d, None)
        for doc_id in gone:  # articles with no events
            doc = self._docs.get(doc_id)
            if doc is not None and not doc.events:
                del self._docs[doc_id]
                self._copy_of.pop(doc_id, None)


def resolve(
    articles: Iterable[Article], settings: ResolveSettings | None = None
) -> list[EventLedger]:
    """Resolve a set of articles at once: every resolved event's ledger, sorted by id."""
    resolver = Resolver(settings)
    resolver.add(articles)
    return [resolver.ledger(root) for root in resolver.roots()]


def resolve_stream(
    articles: Iterable[Article], settings: ResolveSettings | None = None
) -> Iterator[EventLedger]:
    """Resolve a corpus read in :func:`article_order`, in memory bounded by the report window.

    Yields each resolved event once no later article can join it (its reports are all more than
    ``max_gap_days`` older than the newest article read). Gives the same events as
    :func:`resolve` (in another order).

    Raises:
        ValueError: The articles are not in :func:`article_order`.
    """
    resolver = Resolver(settings, record=False)
    gap = resolver.settings.cluster.max_gap_days
    last: tuple[str, str] | None = None
    current: int | None = None
    for article in articles:
        key = article_order(article)
        if last is not None and key < last:
            raise ValueError(f"{article.ref}: articles out of order for resolve_stream")
        last = key
        d = day(article.published)
        if d is not None and (current is None or d > current):
            current = d
            yield from resolver.flush(d - gap)
        resolver.add([article])
    yield from resolver.flush(None)
