"""The one CSV of events: `export --format csv`, `timeline --format csv`, every download.

One event a row, with the columns event-data users know from POLECAT and ACLED: the date
and how precise it is, type and mode, each side's names, ids, country and sector, the
place (name, admin1, country, coordinates, precision), the magnitudes (dead, injured,
size), the document (id, title, outlet, URL) and the sentence. Several actors on one side
are joined with "; " (names) and ";" (ids). Negated and hypothetical statements are kept
and flagged (`negated`, `hypothetical`), so nothing is dropped without a trace. Text cells
never hold a line break: spreadsheets and line-based tools read one row a line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, TextIO

from sqlalchemy.engine import Connection

from chronicle.export import ExportOptions
from chronicle.query import TimelineEvent
from chronicle.query.filter import EventFilter
from chronicle.query.listing import STREAM_PAGE, documents_of, iter_events

COLUMNS = ("event_id", "event_date", "date_precision", "date_source", "story_date",
           "event_type", "mode", "source_actor", "source_id", "source_country",
           "source_sector", "target_actor", "target_id", "target_country", "target_sector",
           "location", "admin1", "country", "country_code", "latitude", "longitude",
           "geo_precision", "dead", "injured", "size", "magnitude_text", "doc_id",
           "doc_title", "outlet", "url", "trigger", "sentence", "start", "end", "negated",
           "hypothetical", "confidence", "incident_id")
EVERYTHING = EventFilter(flagged=True)  # what `export` writes without filters
_PRECISION = {4: "year", 7: "month", 10: "day"}


def one_line(text: str | None) -> str | None:
    """Text with every run of white space (line breaks included) made one space."""
    return " ".join(text.split()) if text else text


def date_precision(value: str | None) -> str | None:
    """How precise an ISO date is: year, month or day (None when undated)."""
    return _PRECISION.get(len(value.strip())) if value else None


def event_row(row: TimelineEvent, doc: Any = None) -> dict[str, Any]:
    """One CSV row; `doc` adds the outlet and URL (a row with `outlet` and `url`)."""
    e, loc = row.event, row.event.location
    values = e.to_json()
    return {
        "event_id": e.id, "event_date": e.date, "date_precision": date_precision(e.date),
        "date_source": e.date_source, "story_date": row.doc_date, "event_type": e.event_type,
        "mode": e.mode, "source_actor": one_line("; ".join(row.source_names)),
        "source_id": ";".join(e.source), "source_country": e.sides[0],
        "source_sector": e.sides[1], "target_actor": one_line("; ".join(row.target_names)),
        "target_id": ";".join(e.target), "target_country": e.sides[2],
        "target_sector": e.sides[3], "location": one_line(loc.name) if loc else None,
        "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None,
        "country_code": loc.country_code if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None, "dead": values["dead"],
        "injured": values["injured"], "size": values["size"],
        "magnitude_text": one_line(values["magnitude_text"]), "doc_id": e.doc,
        "doc_title": one_line(row.doc_title), "outlet": getattr(doc, "outlet", None),
        "url": getattr(doc, "url", None), "trigger": one_line(e.trigger),
        "sentence": one_line(e.sentence), "start": e.start, "end": e.end,
        "negated": e.negated, "hypothetical": e.hypothetical,
        "confidence": round(e.confidence, 3), "incident_id": e.incident}


def rows(conn: Connection, events: Iterable[TimelineEvent]) -> Iterator[dict[str, Any]]:
    """CSV rows of timeline rows, the documents' outlets and URLs read a page at a time."""
    batch: list[TimelineEvent] = []
    for event in events:
        batch.append(event)
        if len(batch) == STREAM_PAGE:
            yield from _with_documents(conn, batch)
            batch = []
    yield from _with_documents(conn, batch)


def _with_documents(conn: Connection, batch: list[TimelineEvent]) -> Iterator[dict[str, Any]]:
    docs = documents_of(conn, {r.event.doc for r in batch}) if batch else {}
    for event in batch:
        yield event_row(event, docs.get(event.event.doc))


def writer(out: TextIO) -> csv.DictWriter:
    """The CSV writer of every event CSV: header first, "\\n" line ends."""
    dict_writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    dict_writer.writeheader()
    return dict_writer


def write_csv(conn: Connection, out: TextIO, options: ExportOptions) -> int:
    """Every event the options' filter keeps (all of them, flagged ones too, by default)."""
    csv_writer = writer(out)
    n = 0
    where = replace(options.where, flagged=True) if options.where else EVERYTHING
    for row in rows(conn, iter_events(conn, where)):
        csv_writer.writerow(row)
        n += 1
    return n
