"""Engines: where the pure per-article stage (``extract``) runs during an ingest.

=========  ================================================================================
``single`` this process, one article after another (the default)
``pool``   a local process pool (``--workers N``)
``dask``   a Dask distributed cluster: by default a local one (a scheduler process and
           ``--workers`` worker processes), or an existing one (``--scheduler tcp://host:8786``)
=========  ================================================================================

Whatever the engine, reading the sources and writing the ledger stay in the calling process
(one writer, one transaction per article, so a killed run resumes by skipping what was
committed). Articles travel to the workers in batches, at most a few batches per worker in
flight, so memory does not grow with the input; results come back in input order, so every
engine writes the same ledger.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from itertools import islice
from typing import Any, Protocol

from .errors import InternalError, SitrepError
from .extract import extract, extract_many
from .ingest.document import make_document
from .ingest.pages import PendingPage
from .models import Document, Extraction, Rejection
from .settings import Settings

ENGINES = ("single", "pool", "dask")
BATCH = 16  # articles per task: large enough to amortise the hop, small enough to keep workers busy
DASK_BATCH = 64


Item = Document | PendingPage  # a page is made into its Document where it is extracted


# a raw text of our own that takes every per-article path that loads something: cleaning (a
# quotation left open, so the fused-word check loads its word list), language detection, extract
_WARM_TEXT = (
    "KYIV, 2 March - At least 12 people were killed and 30 injured when a missile struck a "
    "school in Kharkiv on Monday, the regional governor said. \u201cNothing will remain unanswered."
)


@cache
def prepare() -> None:
    """Ready this process for a run of articles: one short raw text of our own, made into a
    Document (cleaning, language detection) and through :func:`extract`, loads the word lists
    and lexicons, compiles the patterns and opens the gazetteer before the first article; then
    everything alive is moved out of the garbage collector's sight (``gc.freeze``). Those
    objects live as long as the process, and the gazetteer's name index alone is a dict of
    millions of entries that every full collection would walk again (~60 ms, about once every
    few hundred articles). Runs once per process; the engines call it before their first article."""
    extract(make_document("warm-up", _WARM_TEXT, settings=Settings(), published="2024-03-06"))
    gc.collect()  # what the warm-up left behind goes now, not into the frozen generation
    gc.freeze()


def _made(item: Item | Rejection) -> Document | Extraction:
    """A page made into its Document (or the Extraction of its rejection); a Document as is; a
    rejection (of a source the reader could not read) as the Extraction that carries it."""
    if isinstance(item, Rejection):
        return Extraction(document=None, rejected=item)
    if isinstance(item, PendingPage):
        try:
            return item.document()
        except SitrepError as exc:
            return Extraction(document=None, rejected=exc.to_rejection(ref=item.ref, stage="ingest"))
        except Exception as exc:  # a bug met on one page: that page is rejected, the batch goes on
            return _failed(item.ref, "ingest", exc)
    return item


def _failed(ref: str, stage: str, exc: Exception) -> Extraction:
    """The rejection of an article on which sitrep itself failed, naming the exception."""
    error = InternalError(f"sitrep failed on this article ({type(exc).__name__}: {exc})", ref=ref, stage=stage)
    return Extraction(document=None, rejected=error.to_rejection())


def _extracted(documents: list[Document]) -> list[Extraction]:
    """:func:`~sitrep.extract.extract_many` over a batch; should it raise (a bug met on one
    article, never the input's fault), the batch is extracted again one article at a time, and
    only the article that raises is rejected."""
    try:
        return extract_many(documents)
    except Exception:
        out = []
        for document in documents:
            try:
                out.append(extract(document))
            except Exception as exc:
                out.append(_failed(document.ref, "extract", exc))
        return out


def process_batch(items: Iterable[Item | Rejection]) -> list[Extraction]:
    """The per-article stage over a batch, in order, one step at a time: every page of the
    batch made into its Document first, then the Documents extracted by
    :func:`~sitrep.extract.extract_many`. Each step's own data (the HTML parser's, the language
    models', the lexicons and the gazetteer) then stays in the processor's caches from one
    article to the next, where one article after another has each step evict the others' (see
    :func:`batches`)."""
    made = [_made(x) for x in items]
    extracted = iter(_extracted([m for m in made if not isinstance(m, Extraction)]))
    return [m if isinstance(m, Extraction) else next(extracted) for m in made]


def extract_batch(items: list[Item]) -> list[Extraction]:
    """The per-article stage over a batch (what a worker runs)."""
    prepare()
    return process_batch(items)


def batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last may be shorter), read one list at a time.

    Reading a text source detects each article's language as it is read; in batches, the
    language models serve a batch of articles and then extraction does, each with its data in
    the processor's caches: the text path (``bench/bench_extract.py``) runs ~10% faster than
    reading and extracting one article after the other."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Engine(Protocol):
    workers: int

    def map(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions of ``documents``, in their order."""
        ...

    def close(self) -> None: ...


class Single:
    """In this process."""

    workers = 1

    def map(self, documents: Iterable[Item | Rejection]) -> Iterator[Extraction]:
        prepare()
        return (x for batch in batches(documents) for x in process_batch(batch))

    def close(self) -> None:
        pass


def _ordered(submit: Callable[[list[Document]], Any], result: Callable[[Any], list[Extraction]],
             documents: Iterable[Document], in_flight: int, size: int = BATCH) -> Iterator[Extraction]:
    """Submit batches of ``size`` with at most ``in_flight`` pending; yield results in order."""
    pending: deque[Any] = deque()
    for batch in batches(documents, size):
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
    """A Dask distributed cluster: an existing scheduler's (``scheduler`` address), or a local
    one started here as separate processes (``dask scheduler`` and ``dask worker``), so that
    neither the scheduler nor the workers share a Python interpreter (and its lock) with the
    process reading the sources and writing the ledger."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from dask.distributed import Client

        self._procs: list[subprocess.Popen[bytes]] = []
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="sitrep-dask-")
            info = os.path.join(self._tmp.name, "scheduler.json")
            n = workers or os.cpu_count() or 1
            run = [sys.executable, "-m"]
            quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            self._procs.append(subprocess.Popen(
                [*run, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                 "--no-dashboard", "--scheduler-file", info], **quiet))
            self._procs.append(subprocess.Popen(
                [*run, "distributed.cli.dask_worker", "--scheduler-file", info, "--nworkers", str(n),
                 "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"], **quiet))
            try:
                # results come straight from the workers, not relayed through the scheduler
                self._client = Client(scheduler_file=info, timeout=60, direct_to_workers=True)
                self._client.wait_for_workers(n, timeout=120)
            except Exception:
                self.close()
                raise
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or (workers or 1))

    def worker_pids(self) -> list[int]:
        return list(self._client.run(os.getpid).values())

    def map(self, documents: Iterable[Item]) -> Iterator[Extraction]:
        def submit(batch: list[Item]) -> Any:
            return self._client.submit(extract_batch, batch, pure=False)

        # larger batches than the pool: each Dask task costs a scheduler round trip
        return _ordered(submit, lambda f: f.result(), documents, 3 * self.workers, DASK_BATCH)

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


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
