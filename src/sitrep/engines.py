"""Engines: where the pure per-article stage (``extract``) runs during an ingest.

=========  ================================================================================
``single`` this process, one article after another (the default)
``pool``   a local process pool (``--workers N``)
``dask``   a Dask distributed cluster: a ``LocalCluster`` of ``--workers`` processes by
           default, or an existing scheduler (``--scheduler tcp://host:8786``)
=========  ================================================================================

Whatever the engine, reading the sources and writing the ledger stay in the calling process
(one writer, one transaction per article, so a killed run resumes by skipping what was
committed). Articles travel to the workers in batches, at most a few batches per worker in
flight, so memory does not grow with the input; results come back in input order, so every
engine writes the same ledger.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

from .errors import SitrepError
from .extract import extract
from .ingest.pages import PendingPage
from .models import Document, Extraction

ENGINES = ("single", "pool", "dask")
BATCH = 16  # articles per task: large enough to amortise the hop, small enough to keep workers busy
DASK_BATCH = 64


Item = Document | PendingPage  # a page is made into its Document where it is extracted


def process(item: Item) -> Extraction:
    """The per-article stage: a page made into a Document (or a rejection), then extracted."""
    if isinstance(item, PendingPage):
        try:
            item = item.document()
        except SitrepError as exc:
            return Extraction(document=None, rejected=exc.to_rejection(ref=item.ref, stage="ingest"))
    return extract(item)


def extract_batch(items: list[Item]) -> list[Extraction]:
    """The per-article stage over a batch (what a worker runs)."""
    return [process(x) for x in items]


class Engine(Protocol):
    workers: int

    def map(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions of ``documents``, in their order."""
        ...

    def close(self) -> None: ...


class Single:
    """In this process."""

    workers = 1

    def map(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        return (process(d) for d in documents)

    def close(self) -> None:
        pass


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _ordered(submit: Callable[[list[Document]], Any], result: Callable[[Any], list[Extraction]],
             documents: Iterable[Document], in_flight: int, size: int = BATCH) -> Iterator[Extraction]:
    """Submit batches of ``size`` with at most ``in_flight`` pending; yield results in order."""
    pending: deque[Any] = deque()
    for batch in _batches(documents, size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


class Pool:
    """A local process pool."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool = ProcessPoolExecutor(max_workers=self.workers)

    def map(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        def submit(batch: list[Document]) -> Future[list[Extraction]]:
            return self._pool.submit(extract_batch, batch)

        return _ordered(submit, lambda f: f.result(), documents, 3 * self.workers)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class Dask:
    """A Dask distributed cluster (a LocalCluster unless a scheduler address is given)."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or (workers or 1))

    def map(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        def submit(batch: list[Document]) -> Any:
            return self._client.submit(extract_batch, batch, pure=False)

        # larger batches than the pool: each Dask task costs a scheduler round trip
        return _ordered(submit, lambda f: f.result(), documents, 3 * self.workers, DASK_BATCH)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str = "single", workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (ValueError for an unknown one)."""
    if name == "single":
        return Single()
    if name in ENGINES:
        # build the gazetteer cache here once, so that workers only load it (not all build it)
        from .annotate.places import load_gazetteer

        load_gazetteer()
    if name == "pool":
        return Pool(workers)
    if name == "dask":
        return Dask(workers, scheduler)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
