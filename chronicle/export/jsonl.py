"""JSON Lines export: what `extract` printed, read back from the store.

Same record types and fields, in extract's order (documents, actors, events, quotes,
timexes, incidents); ids are the store's (unique across every ingest run). With a filter, the
matching events come with the documents and actors they point at, and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.export import ExportOptions
from chronicle.query.filter import EventFilter
from chronicle.query.listing import iter_events
from chronicle.records import Record
from chronicle.store import reader
from chronicle.store import schema as s


def records(conn: Connection) -> Iterator[Record]:
    from chronicle.store.incidents import incident_record

    yield from reader.iter_documents(conn)
    yield from reader.iter_actors(conn)
    yield from (event for event, _ in reader.iter_events(conn))
    yield from reader.iter_quotes(conn)
    yield from reader.iter_timexes(conn)
    yield from (incident_record(data) for data in reader.iter_incident_records(conn))


def matching(conn: Connection, where: EventFilter) -> Iterator[Record]:
    """The events `where` keeps, after the documents and actors they name."""
    docs: set[str] = set()
    actors: set[str] = set()
    for row in iter_events(conn, where):
        docs.add(row.event.doc)
        actors.update(row.event.source, row.event.target)
    for part in reader.chunks(sorted(docs)):
        query = sa.select(s.documents).where(s.documents.c.id.in_(part)).order_by(
            s.documents.c.seq)
        yield from (reader.document_record(r) for r in conn.execute(query))
    yield from reader.load_actors(conn, sorted(actors))
    yield from (row.event for row in iter_events(conn, where))


def write_jsonl(conn: Connection, out: TextIO, options: ExportOptions) -> int:
    n = 0
    found = (records(conn) if options.where is None
             else matching(conn, replace(options.where, flagged=True)))
    for record in found:
        out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n
