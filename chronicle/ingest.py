"""The ingest loop: read, skip what is stored, analyse, write one document at a time.

Each document is written in its own transaction (store/writer.py), so an interrupted run
(Ctrl-C, kill -9, a full disk) leaves whole documents only, and running the same command
again skips them by their text and finishes the job.

A document that fails, in analysis (any stage, or past its time budget) or in storing, is
reported through `on_error` as a DocumentError naming its record, counted in the summary as
failed, and kept in the store's `failures` table with its text and traceback; the run goes
on. `retry_failed` (`chronicle ingest --retry-failed`) reads those documents again from the
table, with or without new inputs; a text that gets stored leaves the table.

The reader streams: documents are read as the analysis asks for them and duplicates are
recognised by a digest of their text (pipeline.documents), so memory does not grow with the
size of the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chronicle import lang, pipeline
from chronicle.analysis import outcomes
from chronicle.errors import DocumentError, InputError
from chronicle.isolation import Analyser, Failed, Outcome, each, failure, stage
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings
from chronicle.store import Database
from chronicle.store import failures as failure_table
from chronicle.store import schema as s
from chronicle.store.keys import text_key
from chronicle.store.writer import Writer

if TYPE_CHECKING:
    from chronicle.pipeline import Input

CHUNK = 8  # documents analysed together: small, so commits follow analysis closely

__all__ = ["Analyser", "IngestOptions", "IngestSummary", "ingest", "quiet"]


def quiet(_: Any) -> None:
    """A callback that ignores what it is told."""
    return None


@dataclass(slots=True)
class IngestSummary:
    read: int = 0  # documents read from the inputs (after splitting and in-run dedup)
    stored: int = 0
    duplicates: int = 0  # already in the store (same normalised text)
    failed: int = 0  # documents read that could not be analysed or written; one line each
    unreadable: int = 0  # inputs (files, records) nothing could be read from; one line each
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Documents handled per second."""
        done = self.stored + self.duplicates + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    @property
    def complete(self) -> bool:
        """Every input read and every document stored (or already there)."""
        return self.failed == 0 and self.unreadable == 0

    def to_json(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "unreadable": self.unreadable,
                "seconds": round(self.seconds, 2)}


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How one ingest run analyses, and whom it tells what happens.

    `workers` > 1 or a Dask `scheduler` address analyses in parallel through
    chronicle.scale when it is available. `analyser` replaces the spaCy analysis (tests,
    other pipelines); it gets the documents and the settings. `retry_failed` analyses the
    documents of earlier runs' `failures` table again, before the inputs.
    """

    settings: Settings = field(default_factory=Settings)
    workers: int = 1
    scheduler: str | None = None
    analyser: Analyser | None = None
    on_error: Callable[[InputError], None] = quiet  # an input or document skipped, and why
    on_progress: Callable[[IngestSummary], None] = quiet  # after every document
    on_note: Callable[[str], None] = quiet  # a remark about the run itself
    retry_failed: bool = False


@dataclass(slots=True)
class _Run:
    db: Database
    summary: IngestSummary
    options: IngestOptions
    failing: set[str] = field(default_factory=set)  # text keys in the failures table
    unrecorded: bool = False  # a failure could not be recorded (noted once)

    def input_error(self, error: InputError) -> None:
        """An error of the reader: a bad input, or a text the cleaner failed on."""
        if isinstance(error, DocumentError):
            self.summary.failed += 1
        else:
            self.summary.unreadable += 1
        self.options.on_error(error)

    def failed(self, outcome: Failed) -> None:
        self.summary.failed += 1
        self.options.on_error(outcome.error)
        try:
            failure_table.record(self.db, outcome.document, outcome.error)
            self.failing.add(text_key(outcome.document.text))
        except Exception as exc:  # noqa: BLE001 - a full disk must not end the run either
            if not self.unrecorded:
                self.unrecorded = True
                self.options.on_note(f"chronicle: failures cannot be recorded for "
                                     f"--retry-failed ({type(exc).__name__}: {exc})")
        self.progress()

    def stored(self, doc: Document) -> None:
        """A text is in the store now: it fails no longer."""
        key = text_key(doc.text)
        if key in self.failing:
            self.failing.discard(key)
            failure_table.clear(self.db, [key])

    def progress(self) -> None:
        self.options.on_progress(self.summary)


def ingest(db: Database, inputs: Iterable[Input],
           options: IngestOptions | None = None) -> IngestSummary:
    """Store what `extract` would print for `inputs`; returns the counts."""
    run = _Run(db, IngestSummary(), options or IngestOptions())
    lang.use(run.options.settings.lang)
    run.failing = failure_table.failed_keys(db)
    writer = Writer(db)
    retried: Iterable[Input] = failure_table.failed_documents(db) \
        if run.options.retry_failed else ()
    docs = pipeline.documents(chain(retried, inputs), run.input_error)
    for outcome in _outcomes(run, _fresh(run, docs)):
        if isinstance(outcome, Failed):
            run.failed(outcome)
        else:
            _write(run, writer, outcome)
    return run.summary


def _write(run: _Run, writer: Writer, result: DocumentResult) -> None:
    try:
        with stage("store"):
            stored = writer.write(result)
    except Exception as exc:  # noqa: BLE001 - StoreError (a full disk), or a bug: that document
        run.failed(Failed(result.document, failure(result.document, exc, "store")))
        return
    if stored:
        run.summary.stored += 1
    else:
        run.summary.duplicates += 1
    run.stored(result.document)
    run.progress()


def _fresh(run: _Run, docs: Iterable[Document]) -> Iterator[Document]:
    """Documents whose text the store lacks; the others are counted, not analysed."""
    for doc in docs:
        run.summary.read += 1
        with run.db.read() as conn:
            known = conn.execute(sa.select(s.documents.c.seq)
                                 .where(s.documents.c.text_key == text_key(doc.text))).first()
        if known:
            run.summary.duplicates += 1
            run.stored(doc)
            run.progress()
            continue
        yield doc


def _outcomes(run: _Run, docs: Iterator[Document]) -> Iterator[Outcome]:
    opts = run.options
    if opts.workers > 1 or opts.scheduler:
        parallel = _parallel(opts.on_note)
        if parallel is not None and opts.analyser is None:
            from chronicle.scale import Cluster

            yield from parallel(docs, opts.settings,
                                Cluster(workers=opts.workers, scheduler=opts.scheduler))
            return
        if parallel is not None:
            opts.on_note("chronicle: a custom analyser runs serially")
    if opts.analyser is None:
        settings = replace(opts.settings, batch_size=min(opts.settings.batch_size, CHUNK))
        yield from outcomes(docs, settings)
        return
    while chunk := list(islice(docs, CHUNK)):
        yield from each(opts.analyser, chunk, opts.settings)


def _parallel(note: Callable[[str], None]) -> Callable[..., Iterator[Outcome]] | None:
    try:
        from chronicle.scale import outcomes_parallel
    except ImportError as exc:
        note(f"chronicle: parallel analysis is not available ({exc}); analysing serially")
        return None
    return outcomes_parallel
