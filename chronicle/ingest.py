"""The ingest loop: read, skip what is stored, analyse, write one document at a time.

Each document is written in its own transaction (store/writer.py), so an interrupted run
(Ctrl-C, kill -9, a full disk) leaves whole documents only, and running the same command
again skips them by their text and finishes the job.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chronicle import lang, pipeline
from chronicle.errors import InputError, ModelError, StoreError
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings
from chronicle.store import Database
from chronicle.store import schema as s
from chronicle.store.keys import text_key
from chronicle.store.writer import Writer

if TYPE_CHECKING:
    from chronicle.pipeline import Input

Analyser = Callable[[Iterable[Document], Settings], Iterator[DocumentResult]]
CHUNK = 8  # documents analysed together: small, so commits follow analysis closely


def quiet(_: Any) -> None:
    """A callback that ignores what it is told."""
    return None


@dataclass(slots=True)
class IngestSummary:
    read: int = 0  # documents read from the inputs (after splitting and in-run dedup)
    stored: int = 0
    duplicates: int = 0  # already in the store (same normalised text)
    failed: int = 0  # could not be analysed or written; reported one line each
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Documents handled per second."""
        done = self.stored + self.duplicates + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "seconds": round(self.seconds, 2)}


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How one ingest run analyses, and whom it tells what happens.

    `workers` > 1 or a Dask `scheduler` address analyses in parallel through
    chronicle.scale when it is available. `analyser` replaces the spaCy analysis (tests,
    other pipelines); it gets the documents and the settings.
    """

    settings: Settings = field(default_factory=Settings)
    workers: int = 1
    scheduler: str | None = None
    analyser: Analyser | None = None
    on_error: Callable[[InputError], None] = quiet  # a document skipped, and why
    on_progress: Callable[[IngestSummary], None] = quiet  # after every document
    on_note: Callable[[str], None] = quiet  # a remark about the run itself


@dataclass(slots=True)
class _Run:
    db: Database
    summary: IngestSummary
    options: IngestOptions

    def error(self, error: InputError) -> None:
        self.options.on_error(error)

    def progress(self) -> None:
        self.options.on_progress(self.summary)


def ingest(db: Database, inputs: Iterable[Input],
           options: IngestOptions | None = None) -> IngestSummary:
    """Store what `extract` would print for `inputs`; returns the counts."""
    run = _Run(db, IngestSummary(), options or IngestOptions())
    lang.use(run.options.settings.lang)
    writer = Writer(db)
    fresh = _fresh(run, pipeline.documents(inputs, run.options.on_error))
    for result in _analysed(run, fresh):
        try:
            stored = writer.write(result)
        except StoreError as exc:
            run.summary.failed += 1
            run.error(InputError(result.document.source, f"not stored: {exc}"))
        else:
            if stored:
                run.summary.stored += 1
            else:
                run.summary.duplicates += 1
        run.progress()
    return run.summary


def _fresh(run: _Run, docs: Iterable[Document]) -> Iterator[Document]:
    """Documents whose text the store lacks; the others are counted, not analysed."""
    for doc in docs:
        run.summary.read += 1
        with run.db.read() as conn:
            known = conn.execute(sa.select(s.documents.c.seq)
                                 .where(s.documents.c.text_key == text_key(doc.text))).first()
        if known:
            run.summary.duplicates += 1
            run.progress()
            continue
        yield doc


def _analysed(run: _Run, docs: Iterator[Document]) -> Iterator[DocumentResult]:
    opts = run.options
    if opts.workers > 1 or opts.scheduler:
        parallel = _parallel(opts.on_note)
        if parallel is not None and opts.analyser is None:
            from chronicle.scale import Cluster

            cluster = Cluster(workers=opts.workers, scheduler=opts.scheduler)
            yield from parallel(docs, opts.settings, cluster,
                                on_error=lambda error: _failed(run, error))
            return
        if parallel is not None:
            opts.on_note("chronicle: a custom analyser runs serially")
    analyse = opts.analyser or pipeline.analyse
    while chunk := [doc for _, doc in zip(range(CHUNK), docs, strict=False)]:
        yield from _analyse_chunk(run, chunk, analyse)


def _failed(run: _Run, error: InputError) -> None:
    run.summary.failed += 1
    run.error(error)
    run.progress()


def _parallel(note: Callable[[str], None]) -> Callable[..., Iterator[DocumentResult]] | None:
    try:
        from chronicle.scale import analyse_parallel
    except ImportError as exc:
        note(f"chronicle: parallel analysis is not available ({exc}); analysing serially")
        return None
    return analyse_parallel


def _analyse_chunk(run: _Run, chunk: list[Document], analyse: Analyser
                   ) -> Iterator[DocumentResult]:
    """Analyse a few documents together; when that fails, one by one to find the bad one."""
    settings = run.options.settings
    try:
        results = list(analyse(chunk, settings))
    except ModelError:
        raise
    except Exception:  # one bad document must not end the run
        results = []
        for doc in chunk:
            try:
                results += list(analyse([doc], settings))
            except ModelError:
                raise
            except Exception as exc:  # reported, and the run goes on
                reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
                _failed(run, InputError(doc.source, f"analysis failed: {reason}"))
    yield from results
