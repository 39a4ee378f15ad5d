"""Analysis on many cores or many machines with Dask; storing stays with one writer.

`outcomes_parallel()` is what `chronicle ingest --workers N` and `--scheduler ADDRESS`
call. It sends the documents to Dask workers in small batches and yields one outcome per
document (a `DocumentResult`, or a `Failed`), in input order, to the single writer of
chronicle.ingest; `analyse_parallel()` gives the results alone. Why this shape:

- Workers run `analysis.outcomes`, the same code as a serial run; `nlp.load_nlp` is
  cached per process, so each worker process loads the spaCy model once (at the start, or
  on its first batch when it joins later). Only `Document`s go out and `DocumentResult`s
  (plain dataclasses) come back: a spaCy `Doc` never crosses a process.
- At most `in_flight` batches (2 per worker thread by default) are out or waiting to be
  written, so memory stays flat however large the corpus is; the input is a stream and is
  never held whole.
- Results are put back into input order (a small reorder buffer) before the writer sees
  them: actor resolution then gives the same store as a serial run, whatever order the
  workers finish in.
- A document the extractors fail on comes back as a `Failed` outcome (its stage, error and
  traceback), as in a serial run; a missing model (ModelError) ends the run.
- A worker that dies (killed, out of memory) costs no document: Dask runs its batch again on
  another worker, and when a batch keeps killing workers (Dask gives up with KilledWorker)
  its documents are sent again one by one, so that only the document that kills a worker
  fails (stage "worker").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from chronicle.analysis import outcomes
from chronicle.errors import ChronicleError, ConfigError, DocumentError, InputError
from chronicle.isolation import Analyser, Failed, Outcome, each, where
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

BATCH = 16  # documents per task: enough to amortise a round trip, small enough to stream
WORKER_WAIT_S = 120.0  # how long to wait for a remote cluster to have a worker
CAPACITY_REFRESH_S = 5.0
log = logging.getLogger("chronicle.scale")
# For a local cluster, whose dashboard nobody sees: no MALLOC_TRIM_THRESHOLD_ in the
# workers (None unsets it; see tune_malloc); no statistical profiler sampling the task
# thread every 10 ms (about 4% of spaCy's speed); and the event-loop health tick (20 ms),
# system monitor (500 ms) and memory monitor (100 ms) slowed down: together they cost 4.5%
# of a core in the client and 2% in each idle worker, 0.8% and 0.4% once slowed.
LOCAL_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                "distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "1s",
                # one batch per worker at a time: a batch whose worker dies takes no other
                # batch with it, so only a document that kills workers is ever lost
                "distributed.scheduler.worker-saturation": 1.0}
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, MIB = -1, -3, 1024 * 1024  # glibc's malloc.h

ErrorHandler = Callable[[InputError], None]


def analyse_batch(docs: list[Document], settings: Settings,
                  analyser: Analyser | None = None) -> list[Outcome]:
    """Runs on a worker: an outcome per document, in order; a failure costs its document."""
    tuned_malloc()
    if analyser is None:
        return list(outcomes(docs, settings))
    return each(analyser, docs, settings)


def tune_malloc() -> bool:
    """Let glibc serve spaCy's large arrays from the heap again, in this process.

    Dask starts workers with MALLOC_TRIM_THRESHOLD_ set, which (set at all) freezes
    glibc's mmap threshold at 128 KiB: every large array is then a fresh mmap, and its
    page faults cost spaCy ~15% system time (measured here; 1% in a plain process).
    Fixed thresholds of 32 MiB (mmap) and 64 MiB (trim) undo that on any cluster, local or
    remote. A no-op where mallopt is missing (not glibc).
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, 32 * MIB)) and bool(mallopt(M_TRIM_THRESHOLD,
                                                                        64 * MIB))


@functools.cache
def tuned_malloc() -> bool:
    """`tune_malloc()` once per process."""
    return tune_malloc()


def warm(settings: Settings, analyser: Analyser | None = None) -> int:
    """Runs on each worker at start: pays the one-time costs (model, lexicons, gazetteer)
    on every worker at once, and fails the run early when the model is missing."""
    tuned_malloc()
    doc = Document(id="warm-up", source="warm-up",
                   text="The minister met the envoy in Geneva on Monday and said talks went well.")
    found = analyse_batch([doc], settings, analyser)
    failed = [o for o in found if isinstance(o, Failed)]
    if failed:
        raise ConfigError(f"the warm-up document failed on a worker: {failed[0].error}")
    return len(found)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where a parallel run analyses, and how it feeds the workers.

    Without `scheduler`, a LocalCluster of `workers` processes (one thread each) is started
    and stopped at the end; with `scheduler` ("tcp://host:8786"), that cluster is used as
    it is. `analyser` replaces the analysis on the workers (it must be picklable).
    """

    workers: int = 2
    scheduler: str | None = None
    batch_size: int = BATCH  # documents per task
    in_flight: int | None = None  # batches out at once; None: two per worker thread
    analyser: Analyser | None = None


@dataclass(frozen=True, slots=True)
class _Feed:
    """What `_Stream` sends with every batch, and how much it keeps out."""

    args: tuple[Settings, Analyser | None]
    batch_size: int
    limit: Callable[[], int]


def outcomes_parallel(docs: Iterable[Document], settings: Settings | None = None,
                      cluster: Cluster | None = None) -> Iterator[Outcome]:
    """Analyse `docs` on a Dask cluster: one DocumentResult or Failed per document, in
    input order."""
    settings = settings or Settings()
    cluster = cluster or Cluster()
    source = iter(docs)
    first = next(source, None)
    if first is None:  # a rerun with everything stored: no cluster to start
        return
    docs = chain([first], source)
    with _client(cluster.workers, cluster.scheduler) as client:
        _warm_all(client, settings, cluster.analyser)
        fixed = max(1, cluster.in_flight or 0)
        limit = _capacity(client) if cluster.in_flight is None else (lambda: fixed)
        feed = _Feed((settings, cluster.analyser), cluster.batch_size or BATCH, limit)
        yield from _Stream(client, docs, feed).run()


def analyse_parallel(docs: Iterable[Document], settings: Settings | None = None,
                     cluster: Cluster | None = None,
                     on_error: ErrorHandler | None = None) -> Iterator[DocumentResult]:
    """The results of `outcomes_parallel`; failures go to `on_error` (or the log)."""
    report = on_error or _log_failure
    for outcome in outcomes_parallel(docs, settings, cluster):
        if isinstance(outcome, Failed):
            report(outcome.error)
        else:
            yield outcome


def _capacity(client: Client) -> Callable[[], int]:
    """Batches to keep out: two per worker thread, rechecked every few seconds, so that
    workers joining a remote cluster during the run get work too."""
    state = {"limit": 2, "checked": float("-inf")}

    def limit() -> int:
        now = time.monotonic()
        if now - state["checked"] >= CAPACITY_REFRESH_S:
            threads = sum(client.nthreads().values()) or 1
            state.update(limit=max(2, 2 * threads), checked=now)
        return int(state["limit"])
    return limit


class _Stream:
    """Keeps `feed.limit()` batches out and hands their outcomes over in batch order.

    A batch whose task fails as a whole (its worker died each time Dask ran it, or the
    connection broke) is split: each document goes out again alone, so that only a
    document that kills workers is lost, as a Failed of stage "worker".
    """

    def __init__(self, client: Client, docs: Iterable[Document], feed: _Feed):
        from distributed import as_completed

        self.client, self.source, self.feed = client, iter(docs), feed
        self.pending = as_completed()
        self.jobs: dict[Any, tuple[int, int | None]] = {}  # key -> batch, document if split
        self.batches: dict[int, list[Document]] = {}  # out or waiting to be handed over
        self.split: dict[int, dict[int, list[Outcome]]] = {}  # a split batch's documents
        self.done: dict[int, list[Outcome]] = {}  # finished early, waiting for earlier ones
        self.submitted = self.delivered = 0

    def run(self) -> Iterator[Outcome]:
        self.fill()
        for future in self.pending:
            number, index = self.jobs.pop(future.key)
            self.settle(future, number, index)
            future.release()
            while self.delivered in self.done:
                yield from self.done.pop(self.delivered)
                del self.batches[self.delivered]
                self.delivered += 1
            self.fill()

    def fill(self) -> None:
        while self.submitted - self.delivered < self.feed.limit():
            batch = list(islice(self.source, self.feed.batch_size))
            if not batch:
                return
            self.batches[self.submitted] = batch
            self.submit(batch, self.submitted, None)
            self.submitted += 1

    def submit(self, docs: list[Document], number: int, index: int | None) -> None:
        future = self.client.submit(analyse_batch, docs, *self.feed.args, pure=False)
        self.jobs[future.key] = (number, index)
        self.pending.add(future)

    def settle(self, future: Any, number: int, index: int | None) -> None:
        batch = self.batches[number]
        try:
            found: list[Outcome] = future.result()
        except ChronicleError:
            raise
        except Exception as exc:  # noqa: BLE001 - a worker died (KilledWorker), a link broke
            if index is None and len(batch) > 1:
                self.split[number] = {}
                for i, doc in enumerate(batch):
                    self.submit([doc], number, i)
                return
            found = [Failed(d, _lost(d, exc)) for d in (batch if index is None
                                                         else [batch[index]])]
        if index is None:
            self.done[number] = found
            return
        parts = self.split[number]
        parts[index] = found
        if len(parts) == len(batch):
            self.done[number] = [o for i in range(len(batch)) for o in parts[i]]
            del self.split[number]


def _lost(doc: Document, exc: BaseException) -> DocumentError:
    message = (str(exc).strip().splitlines() or [""])[0][:300]
    return DocumentError(where(doc), doc.id, "worker",
                         f"{type(exc).__name__}: {message} (the worker analysing it died "
                         "each time it was tried)")


def _warm_all(client: Client, settings: Settings, analyser: Analyser | None) -> None:
    """Warm every worker; workers that cannot run Chronicle stop the run with a hint.

    A worker that dies while warming (killed, out of memory) is no reason to stop: the
    others go on, and its nanny starts a new one. Only when no worker could warm up, or one
    raised a Chronicle error (no model, bad settings), does the run end.
    """
    try:
        found = client.run(warm, settings, analyser, on_error="return")
    except Exception as exc:  # noqa: BLE001 - the scheduler itself went away
        found = {"scheduler": exc}
    failed = [r for r in found.values() if isinstance(r, BaseException)]
    for error in failed:
        if isinstance(error, ChronicleError):
            raise error
    if failed and len(failed) == len(found):
        first = failed[0]
        raise ConfigError(f"the Dask workers cannot run Chronicle ({type(first).__name__}: "
                          f"{first}); install the same chronicle version, in the same Python "
                          "version, on every worker") from first


def _log_failure(error: InputError) -> None:
    log.warning("chronicle: skipped %s", error)


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the given cluster, or of a local one that lives as long as the run."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({} if scheduler else LOCAL_CONFIG):
        if scheduler:
            client = _connect(Client, scheduler)
            try:
                yield client
            finally:
                client.close()
            return
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()


def _connect(client_class: type[Client], address: str) -> Client:
    try:
        client = client_class(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}; start it "
                          "with `dask scheduler` or check the address") from exc
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise ConfigError(f"the Dask scheduler at {address} has no worker after "
                          f"{WORKER_WAIT_S:.0f} s: start some with `dask worker {address} "
                          "--nthreads 1`") from exc
    return client
