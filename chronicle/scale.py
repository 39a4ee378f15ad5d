"""Analysis on many cores or many machines with Dask; storing stays with one writer.

`analyse_parallel()` is what `chronicle ingest --workers N` and `--scheduler ADDRESS`
call. It sends the documents to Dask workers in small batches and yields one
`DocumentResult` per document, in input order, to the single writer of chronicle.ingest.
Why this shape:

- Workers run `pipeline.analyse`, the same code as a serial run; `annotate.load_nlp` is
  cached per process, so each worker process loads the spaCy model once (at the start, or
  on its first batch when it joins later). Only `Document`s go out and `DocumentResult`s
  (plain dataclasses) come back: a spaCy `Doc` never crosses a process.
- At most `in_flight` batches (2 per worker thread by default) are out or waiting to be
  written, so memory stays flat however large the corpus is; the input is a stream and is
  never held whole.
- Results are put back into input order (a small reorder buffer) before the writer sees
  them: actor resolution then gives the same store as a serial run, whatever order the
  workers finish in.
- A document the extractors fail on is reported through `on_error` and skipped, like in a
  serial run; a missing model (ModelError) ends the run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from chronicle.errors import ChronicleError, ConfigError, InputError, ModelError
from chronicle.pipeline import analyse
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
                "distributed.worker.memory.monitor-interval": "1s"}
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, MIB = -1, -3, 1024 * 1024  # glibc's malloc.h

ErrorHandler = Callable[[InputError], None]
Analyser = Callable[[Iterable[Document], Settings], Iterator[DocumentResult]]


@dataclass(slots=True)
class BatchOutcome:
    """What a worker sends back for one batch: results, and (source, reason) per failure.

    Failures travel as plain tuples: InputError's constructor does not survive pickling.
    """

    results: list[DocumentResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def analyse_batch(docs: list[Document], settings: Settings,
                  analyser: Analyser | None = None) -> BatchOutcome:
    """Runs on a worker: the batch together, or one by one when one document fails."""
    analyse_docs = analyser or analyse
    tuned_malloc()
    try:
        return BatchOutcome(results=list(analyse_docs(docs, settings)))
    except ModelError:
        raise
    except Exception:  # find the bad document; the others are kept
        outcome = BatchOutcome()
        for doc in docs:
            try:
                outcome.results += list(analyse_docs([doc], settings))
            except ModelError:
                raise
            except Exception as exc:  # reported by the client, and the run goes on
                reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
                outcome.failures.append((doc.source, f"analysis failed: {reason}"))
        return outcome


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
    return len(list((analyser or analyse)([doc], settings)))


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where a parallel run analyses, and how it feeds the workers.

    Without `scheduler`, a LocalCluster of `workers` processes (one thread each) is started
    and stopped at the end; with `scheduler` ("tcp://host:8786"), that cluster is used as
    it is. `analyser` replaces `pipeline.analyse` on the workers (it must be picklable).
    """

    workers: int = 2
    scheduler: str | None = None
    batch_size: int = BATCH  # documents per task
    in_flight: int | None = None  # batches out at once; None: two per worker thread
    analyser: Analyser | None = None


@dataclass(frozen=True, slots=True)
class _Feed:
    """What `_stream` sends with every batch, and how much it keeps out."""

    args: tuple[Settings, Analyser | None]
    batch_size: int
    limit: Callable[[], int]
    report: ErrorHandler


def analyse_parallel(docs: Iterable[Document], settings: Settings | None = None,
                     cluster: Cluster | None = None,
                     on_error: ErrorHandler | None = None) -> Iterator[DocumentResult]:
    """Analyse `docs` on a Dask cluster; one result per document, in input order.

    Documents that fail go to `on_error` (or the log) and are left out.
    """
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
        feed = _Feed((settings, cluster.analyser), cluster.batch_size or BATCH, limit,
                     on_error or _log_failure)
        yield from _stream(client, docs, feed)


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


def _stream(client: Client, docs: Iterable[Document], feed: _Feed) -> Iterator[DocumentResult]:
    """Keep `feed.limit()` batches out; hand results over in batch order."""
    from distributed import as_completed

    source = iter(docs)
    pending = as_completed()
    numbers: dict[Any, int] = {}  # future key -> batch number
    sources: dict[int, list[str]] = {}  # batch number -> its documents' sources
    done: dict[int, BatchOutcome] = {}  # finished early, waiting for earlier batches
    submitted = delivered = 0

    def fill() -> None:
        nonlocal submitted
        while submitted - delivered < feed.limit():
            batch = list(islice(source, feed.batch_size))
            if not batch:
                return
            future = client.submit(analyse_batch, batch, *feed.args, pure=False)
            numbers[future.key] = submitted
            sources[submitted] = [d.source for d in batch]
            pending.add(future)
            submitted += 1

    fill()
    for future in pending:
        number = numbers.pop(future.key)
        done[number] = _outcome(future, sources[number])
        future.release()
        while delivered in done:
            outcome = done.pop(delivered)
            del sources[delivered]
            delivered += 1
            for where, reason in outcome.failures:
                feed.report(InputError(where, reason))
            yield from outcome.results
        fill()


def _outcome(future: Any, sources: list[str]) -> BatchOutcome:
    """The batch's outcome; a batch lost with its worker fails its documents, not the run."""
    try:
        return future.result()
    except ChronicleError:
        raise
    except Exception as exc:  # a worker died (KilledWorker), a connection broke, ...
        reason = f"analysis failed on the cluster: {type(exc).__name__}: {exc}".splitlines()[0]
        return BatchOutcome(failures=[(s, reason) for s in sources])


def _warm_all(client: Client, settings: Settings, analyser: Analyser | None) -> None:
    """Warm every worker; a worker that cannot run Chronicle stops the run with a hint."""
    try:
        client.run(warm, settings, analyser)
    except ChronicleError:
        raise
    except Exception as exc:  # e.g. chronicle not installed on a remote worker
        raise ConfigError(f"the Dask workers cannot run Chronicle ({type(exc).__name__}: "
                          f"{exc}); install the same chronicle version, in the same Python "
                          "version, on every worker") from exc


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
