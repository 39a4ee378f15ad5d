"""CSV export: one event a row, with POLECAT-like column names for event-data tools.

Several actors on one side are joined with "; " (names) and ";" (ids). Negated and
hypothetical statements are left out: they are not events.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.records import Event
from chronicle.store import reader
from chronicle.store import schema as s

COLUMNS = ("event_id", "story_date", "event_date", "event_type", "mode", "source_actor",
           "source_id", "target_actor", "target_id", "location", "latitude", "longitude",
           "country", "trigger", "sentence", "doc_id", "doc_title", "confidence", "incident_id")


def event_row(event: Event, names: dict[str, str], doc_title: str | None,
              story_date: str | None) -> dict[str, Any]:
    loc = event.location
    return {
        "event_id": event.id, "story_date": story_date, "event_date": event.date,
        "event_type": event.event_type, "mode": event.mode,
        "source_actor": "; ".join(names.get(a, a) for a in event.source),
        "source_id": ";".join(event.source),
        "target_actor": "; ".join(names.get(a, a) for a in event.target),
        "target_id": ";".join(event.target),
        "location": loc.name if loc else None, "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None, "country": loc.country if loc else None,
        "trigger": event.trigger, "sentence": event.sentence, "doc_id": event.doc,
        "doc_title": doc_title, "confidence": round(event.confidence, 3),
        "incident_id": event.incident}


def write_csv(conn: Connection, out: TextIO) -> int:
    names = dict(conn.execute(sa.select(s.actors.c.id, s.actors.c.name)).all())
    docs = {r.id: (r.title, r.date) for r in conn.execute(
        sa.select(s.documents.c.id, s.documents.c.title, s.documents.c.date))}
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event, _ in reader.iter_events(conn):
        if event.negated or event.hypothetical:
            continue
        title, date = docs.get(event.doc, (None, None))
        writer.writerow(event_row(event, names, title, date))
        n += 1
    return n
