"""JSON Lines export: what `extract` printed, read back from the store.

Same record types and fields, in extract's order (documents, actors, events, quotes,
timexes, incidents); ids are the store's (unique across every ingest run).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from sqlalchemy.engine import Connection

from chronicle.records import Record
from chronicle.store import reader


def records(conn: Connection) -> Iterator[Record]:
    from chronicle.store.incidents import incident_record

    yield from reader.iter_documents(conn)
    yield from reader.iter_actors(conn)
    yield from (event for event, _ in reader.iter_events(conn))
    yield from reader.iter_quotes(conn)
    yield from reader.iter_timexes(conn)
    yield from (incident_record(data) for data in reader.iter_incident_records(conn))


def write_jsonl(conn: Connection, out: TextIO) -> int:
    n = 0
    for record in records(conn):
        out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n
