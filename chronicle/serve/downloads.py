"""Every list of the pages as a file: CSV and JSON, filters applied, nothing capped.

    /download/events.csv|json     the events of the timeline, map and actor pages: every
                                  match, streamed in timeline order, negated and
                                  hypothetical statements kept and flagged; the CSV is
                                  the one event CSV of `chronicle export --format csv`
    /download/search.csv|json     the hits of a search (the best 10,000)
    /download/places.csv|json     the places of the map, with counts by type and deaths
    /download/documents.csv|json  every document, newest first
    /download/actors.csv|json     actors, busiest first (?q, ?kind as on /actors)

Files are streamed from one read transaction, so a download of a million events holds
one page of them in memory at a time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse

from chronicle import query as q_lib
from chronicle.export import csv as event_csv
from chronicle.query import aggregate, listing
from chronicle.query import web as query_web
from chronicle.records import ACTOR_KINDS
from chronicle.serve.api import store_of
from chronicle.serve.common import FormFilter

router = APIRouter(prefix="/download", include_in_schema=False)
SEARCH_MAX = 10_000
SEARCH_COLUMNS = ("doc", "start", "end", "kind", "ref", "doc_title", "doc_date", "score",
                  "snippet")
PLACE_COLUMNS = ("name", "admin1", "country", "country_code", "lat", "lon", "precision",
                 "count", "dead", "types")
DOCUMENT_COLUMNS = ("id", "title", "date", "source", "outlet", "length", "events", "quotes")
ACTOR_COLUMNS = ("id", "name", "kind", "events", "aliases")
Rows = Callable[[Any], Iterable[dict[str, Any]]]


def _stream(request: Request, rows: Rows, name: str, fmt: str,
            columns: tuple[str, ...]) -> StreamingResponse:
    """`rows(conn)` as a CSV or JSON file, read inside one transaction while it is sent."""
    if fmt not in ("csv", "json"):
        raise HTTPException(404, f"no download as .{fmt}: use .csv or .json")
    database = store_of(request).database

    def body() -> Iterator[str]:
        with database.read() as conn:
            yield from (_csv(rows(conn), columns) if fmt == "csv" else _json(rows(conn)))

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return StreamingResponse(body(), media_type=media, headers={
        "content-disposition": f'attachment; filename="chronicle-{name}.{fmt}"'})


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow({k: event_csv.one_line(v) if isinstance(v, str) else v
                         for k, v in row.items()})
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


@router.get("/events.{fmt}")
def events(request: Request, fmt: str, where: FormFilter) -> StreamingResponse:
    kept = replace(where, flagged=True)

    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        found = listing.iter_events(conn, kept)
        if fmt == "csv":
            return event_csv.rows(conn, found)
        return (row.to_json() for row in found)

    return _stream(request, rows, "events", fmt, event_csv.COLUMNS)


@router.get("/search.{fmt}")
def search(request: Request, fmt: str, where: FormFilter, q: str = "") -> StreamingResponse:
    if not q.strip():
        raise HTTPException(400, "bad parameter q: give the words to search for")

    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        return (hit.to_json() for hit in q_lib.search(conn, q, where, limit=SEARCH_MAX))

    return _stream(request, rows, "search", fmt, SEARCH_COLUMNS)


@router.get("/places.{fmt}")
def places(request: Request, fmt: str, where: FormFilter) -> StreamingResponse:
    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        for place in aggregate.places(conn, where).places:
            row = place.to_json()
            if fmt == "csv":
                row["types"] = "; ".join(f"{t} {n}" for t, n in row["types"].items())
            yield row

    return _stream(request, rows, "places", fmt, PLACE_COLUMNS)


@router.get("/documents.{fmt}")
def documents(request: Request, fmt: str) -> StreamingResponse:
    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        offset = 0
        while batch := query_web.list_documents(conn, limit=500, offset=offset):
            yield from (d.to_json() for d in batch)
            offset += len(batch)

    return _stream(request, rows, "documents", fmt, DOCUMENT_COLUMNS)


@router.get("/actors.{fmt}")
def actors(request: Request, fmt: str, q: str = "", kind: str | None = None
           ) -> StreamingResponse:
    kind = kind if kind in ACTOR_KINDS else None

    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        if q.strip():
            found = q_lib.find_actors(conn, q)
            yield from (_actor(c.to_json(), fmt) for c in found if not kind or c.kind == kind)
            return
        offset = 0
        while batch := query_web.busiest_actors(conn, limit=500, offset=offset, kind=kind):
            yield from (_actor(c.to_json(), fmt) for c in batch)
            offset += len(batch)

    return _stream(request, rows, "actors", fmt, ACTOR_COLUMNS)


def _actor(row: dict[str, Any], fmt: str) -> dict[str, Any]:
    if fmt == "csv":
        row["aliases"] = "; ".join(row["aliases"])
    return row
