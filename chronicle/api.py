"""The Python API: `chronicle.open(db)` gives a `Store` with every command as a method.

    >>> import chronicle
    >>> with chronicle.open("chronicle.db") as store:
    ...     store.ingest(["news/"])
    ...     df = store.timeline(actor="Nasser").to_pandas()

Results are typed rows (query.py); the CLI and the web app call these same methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypedDict, Unpack

if TYPE_CHECKING:
    from chronicle.errors import InputError
    from chronicle.export import ExportOptions
    from chronicle.ingest import IngestSummary
    from chronicle.pipeline import Input
    from chronicle.query import ActorCandidate, ActorProfile, Results, SearchHit, TimelineEvent
    from chronicle.query.filter import EventFilter
    from chronicle.query.incidents import IncidentRow, IncidentView, PeriodCount
    from chronicle.records import Document, DocumentResult, Record
    from chronicle.settings import Settings
    from chronicle.store import Database

DEFAULT_DB = "chronicle.db"


class FilterArgs(TypedDict, total=False):
    """The keyword filters of `Store.search` and `Store.timeline` (query.filter.EventFilter)."""

    actor: str | None
    type: str | None
    date_from: str | None
    date_to: str | None
    flagged: bool


class IngestArgs(TypedDict, total=False):
    """The keywords of `Store.ingest` (chronicle.ingest.IngestOptions)."""

    workers: int
    scheduler: str | None
    analyser: Any
    on_error: Callable[[InputError], None]
    on_progress: Callable[[IngestSummary], None]
    on_note: Callable[[str], None]
    retry_failed: bool


def extract(inputs: Iterable[Any], settings: Settings | None = None,
            on_error: Callable[[InputError], None] | None = None) -> Iterator[Record]:
    """The records of `chronicle extract` for files, folders, `-` or `Document`s.

    Without `settings`, they are read as the command line reads them (chronicle.toml, then
    the CHRONICLE_* environment variables). A bad input or a document whose analysis fails
    is left out and the rest goes on: it is passed to `on_error` (an InputError; a
    DocumentError, with stage and traceback, for a failed document), by default printed as
    one line on stderr with the traceback appended to `settings.errors_log`.
    """
    from chronicle import pipeline
    from chronicle.settings import Settings

    settings = settings or Settings.load()
    return pipeline.extract(inputs, settings, on_error=on_error or _stderr_report(settings))


def _stderr_report(settings: Settings) -> Callable[[InputError], None]:
    """The default `on_error` of the API: what the command line prints, on stderr."""
    import sys

    from chronicle.failures import FailureReport

    return FailureReport(settings.errors_log, lambda line: print(line, file=sys.stderr))


def open(db: str | Path = DEFAULT_DB, *, create: bool = True, readonly: bool = False
         ) -> Store:
    """Open the store at `db` (a SQLite path or a postgresql:// URL).

    A new SQLite file is created unless `create` is false; a store of an older schema is
    upgraded. With `readonly`, nothing is ever written (no file created, no upgrade, no
    journal switch; stores on read-only media can be read) and writing methods fail.
    Raises StoreError when the store cannot be opened.
    """
    from chronicle.store import open_database

    return Store(open_database(db, create=create, readonly=readonly))


class Store:
    """An open store. Close it (or use `with`) to release its connections."""

    def __init__(self, database: Database):
        self.database = database
        self._writer: Any = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.database.close()

    def search(self, query: str, *, limit: int = 50,
               **filters: Unpack[FilterArgs]) -> Results[SearchHit]:
        """Hits of `query` (see `chronicle search`); the keywords (actor, type, date_from,
        date_to) filter as its flags do."""
        from chronicle.query.filter import EventFilter

        return self.search_where(query, EventFilter(**filters), limit=limit)

    def search_where(self, query: str, where: EventFilter, *,
                     limit: int = 50) -> Results[SearchHit]:
        """`search` with a filter built by the caller (the command line, the web app)."""
        from chronicle import query as q

        with self.database.read() as conn:
            return q.search(conn, query, where, limit=limit)

    def timeline(self, *, limit: int | None = None,
                 **filters: Unpack[FilterArgs]) -> Results[TimelineEvent]:
        """Events in date order (see `chronicle timeline`); the keywords (actor, type,
        date_from, date_to, flagged) filter them."""
        from chronicle.query.filter import EventFilter

        return self.events(EventFilter(**filters), limit=limit)

    def events(self, where: EventFilter, *, limit: int | None = None
               ) -> Results[TimelineEvent]:
        """`timeline` with a filter built by the caller (the command line, the web app)."""
        from chronicle import query as q

        with self.database.read() as conn:
            return q.timeline(conn, where, limit=limit)

    def incidents(self, *, limit: int | None = None, offset: int = 0,
                  **filters: Unpack[FilterArgs]) -> Results[IncidentRow]:
        """Incidents (events that report one happening, grouped) in date order, as
        `chronicle timeline --incidents`; the keywords filter as `timeline`'s do."""
        from chronicle.query.filter import EventFilter

        return self.incidents_where(EventFilter(**filters), limit=limit, offset=offset)

    def incidents_where(self, where: EventFilter, *, limit: int | None = None,
                        offset: int = 0) -> Results[IncidentRow]:
        """`incidents` with a filter built by the caller (the command line, the web app)."""
        from chronicle.query import incidents as qi

        with self.database.read() as conn:
            return qi.incidents(conn, where, limit=limit, offset=offset)

    def incident(self, incident_id: str) -> IncidentView | None:
        """One incident with every report's sentence, document and nearby quotes (as
        `chronicle incident ID`); None when no incident has that id."""
        from chronicle.query import incidents as qi

        with self.database.read() as conn:
            return qi.incident(conn, incident_id)

    def incident_counts(self, by: str = "month", where: EventFilter | None = None
                        ) -> Results[PeriodCount]:
        """Incidents and their reports per day, week, month or year: happenings over time,
        where the timeline counts sentences."""
        from chronicle.query import incidents as qi
        from chronicle.query.filter import ANY

        with self.database.read() as conn:
            return qi.incident_counts(conn, where or ANY, by=by)

    def actor(self, name: str) -> ActorProfile:
        """The profile of the one actor called `name`; AmbiguousActor lists candidates."""
        from chronicle import query as q

        with self.database.read() as conn:
            return q.actor_profile(conn, name)

    def find_actors(self, name: str) -> list[ActorCandidate]:
        from chronicle import query as q

        with self.database.read() as conn:
            return q.find_actors(conn, name)

    def document(self, doc_id: str) -> Document | None:
        import sqlalchemy as sa

        from chronicle.store import schema
        from chronicle.store.reader import document_record

        with self.database.read() as conn:
            row = conn.execute(sa.select(schema.documents)
                               .where(schema.documents.c.id == doc_id)).first()
        return document_record(row) if row else None

    def counts(self) -> dict[str, int]:
        """Rows per data table: a quick picture of the store (and of what a run changed)."""
        import sqlalchemy as sa

        from chronicle.store.schema import DATA_TABLES

        with self.database.read() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in DATA_TABLES}

    def export(self, format: str, output: TextIO, options: ExportOptions | None = None) -> int:
        """Write the store (or the events `options.where` keeps) as jsonl, csv, graphml,
        gexf or ftm; returns records written."""
        from chronicle.export import export

        with self.database.read() as conn:
            return export(conn, format, output, options)

    def export_events(self, where: EventFilter, output: TextIO, *,
                      limit: int | None = None) -> int:
        """The events `where` keeps, in timeline order, as rows of the one event CSV."""
        from itertools import islice

        from chronicle.export import csv as event_csv
        from chronicle.query.listing import iter_events

        with self.database.read() as conn:
            writer = event_csv.writer(output)
            n = 0
            for row in event_csv.rows(conn, islice(iter_events(conn, where), limit)):
                writer.writerow(row)
                n += 1
            return n

    def write(self, result: DocumentResult) -> bool:
        """Store one analysed document (resolving its entities); False if already stored."""
        from chronicle.store.writer import Writer

        if self._writer is None:
            self._writer = Writer(self.database)
        return bool(self._writer.write(result))

    def ingest(self, inputs: Iterable[Input], settings: Settings | None = None,
               **options: Unpack[IngestArgs]) -> IngestSummary:
        """Read, analyse and store `inputs` (files, folders, `-`, documents); the keywords
        are the other fields of chronicle.ingest.IngestOptions (workers, scheduler,
        analyser, on_error, on_progress, on_note, retry_failed). Without settings, they are
        read as the command line reads them.

        A document that fails costs only itself: it is counted in the summary (`failed`),
        kept in the store for `retry_failed=True`, and reported to `on_error` as a
        DocumentError (by default one line on stderr, its traceback appended to
        `settings.errors_log`)."""
        from chronicle.ingest import IngestOptions, ingest
        from chronicle.settings import Settings

        settings = settings or Settings.load()
        options.setdefault("on_error", _stderr_report(settings))
        return ingest(self.database, inputs, IngestOptions(settings=settings, **options))


__all__ = ["DEFAULT_DB", "Store", "extract", "open"]
