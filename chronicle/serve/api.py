"""The JSON API under /api: the rows of the CLI's `--format json`, plus what pages need.

Endpoints are plain `def`s: the store is blocking, and FastAPI runs them on its thread
pool. Each one calls the same library function as the CLI (chronicle.api.Store) or a
query of chronicle.query.web; errors raised there become the JSON error shape in app.py.
"""

from __future__ import annotations

import hmac
import io
import json
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator

from chronicle import query
from chronicle.api import Store
from chronicle.errors import InputError
from chronicle.query import listing
from chronicle.query import web as query_web
from chronicle.query.filter import EventFilter
from chronicle.read.jsonl import read_jsonl
from chronicle.serve.common import paged
from chronicle.serve.ids import requested_id
from chronicle.serve.limits import MAX_OFFSET

Rows = list[dict[str, Any]]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad parameter or search syntax: `{ok: false, error, status}`"},
    404: {"description": "No such record: `{ok: false, error, status}`"},
}

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)
write_router = APIRouter(prefix="/api", tags=["write"], responses=ERRORS)
bearer = HTTPBearer(auto_error=False, description="The token given to `chronicle serve`.")

ActorQ = Query(None, description="Any name, alias or id of an actor.")
TypeQ = Query(None, description="PLOVER event type, e.g. ACCUSE.")
FromQ = Query(None, alias="from", description="From this date (YYYY[-MM[-DD]]).")
ToQ = Query(None, description="Up to this date, inclusive.")


def _typed_period(type: str | None = TypeQ, date_from: str | None = FromQ,
                  to: str | None = ToQ) -> EventFilter:
    return EventFilter(type=type, date_from=date_from, date_to=to)


def _event_filter(period: Annotated[EventFilter, Depends(_typed_period)],
                  actor: str | None = ActorQ,
                  country: str | None = Query(None, description="ISO alpha-3 or name of "
                                              "the country where events happened."),
                  outlet: str | None = Query(None, description="Publisher of the document."),
                  place: str | None = Query(None, description="Name of the event's place.")
                  ) -> EventFilter:
    return replace(period, actor=actor, country=country or None, outlet=outlet or None,
                   place=place or None)


Period = Annotated[EventFilter, Depends(_typed_period)]  # ?type, ?from, ?to
Filter = Annotated[EventFilter, Depends(_event_filter)]  # ... and ?actor


def _paging(default: int, most: int) -> Any:
    """`?limit` (1 to `most`) and `?offset` (rows skipped) as one (limit, offset) value."""
    def paging(limit: int = Query(default, ge=1, le=most),
               offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> tuple[int, int]:
        return limit, offset

    return Depends(paging)


Paging = tuple[int, int]  # (limit, offset)


def store_of(request: Request) -> Store:
    return request.app.state.store


# Store-wide summaries that several pages show: computed once per store generation.
SUMMARIES = (query_web.overview, query_web.busiest_actors)


def read(request: Request, func: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one query_web function in a read transaction of the app's store."""
    def run() -> Any:
        with store_of(request).database.read() as conn:
            return func(conn, *args, **kwargs)

    if func in SUMMARIES:
        key = (func.__name__, args, tuple(sorted(kwargs.items())))
        return request.app.state.answers.remember(key, run)
    return run()


@router.get("/search", summary="Full-text search (the rows of `chronicle search`)")
def search(request: Request, response: Response, where: Filter,
           q: str = Query(..., description="Search words; FTS5 syntax."),
           paging: Annotated[Paging, _paging(50, 1000)] = (50, 0)) -> Rows:
    limit, offset = paging
    hits = read(request, query.search, q, where, limit=limit, offset=offset)
    total = read(request, listing.search_total, q, where)
    paged(request, response, listing.Page(rows=hits, total=total, offset=offset, limit=limit))
    return hits.to_json()


@router.get("/events", summary="Events in date order (the rows of `chronicle timeline`)")
def events(request: Request, response: Response, where: Filter,
           paging: Annotated[Paging, _paging(1000, 100_000)] = (1000, 0),
           flagged: bool = Query(False, description="Include negated and hypothetical.")
           ) -> Rows:
    limit, offset = paging
    listed = read(request, listing.event_page, replace(where, flagged=flagged), limit=limit,
                  offset=offset)
    paged(request, response, listed)
    return [row.to_json() for row in listed.rows]


@router.get("/actors", summary="Actors: matching `q`, or the busiest first")
def actors(request: Request, response: Response,
           q: str | None = Query(None, description="A name or alias."),
           kind: str | None = Query(None, description="person, organization, country, ..."),
           paging: Annotated[Paging, _paging(50, 1000)] = (50, 0)) -> Rows:
    limit, offset = paging
    if q:
        found = [c for c in store_of(request).find_actors(q) if not kind or c.kind == kind]
        rows, total = found[offset:offset + limit], len(found)
    else:
        rows = read(request, query_web.busiest_actors, limit=limit, offset=offset, kind=kind)
        total = read(request, query_web.count_actors, kind)
    paged(request, response, listing.Page(rows=rows, total=total, offset=offset, limit=limit))
    return [c.to_json() for c in rows]


@router.get("/actors/{actor_id}", summary="One actor's profile (as `chronicle actor`)")
def actor(request: Request, actor_id: str) -> dict[str, Any]:
    return store_of(request).actor(actor_id).to_json()


@router.get("/actors/{actor_id}/events", summary="One actor's events in date order")
def actor_events(request: Request, actor_id: str, period: Period,
                 limit: int = Query(1000, ge=1, le=100_000)) -> Rows:
    return store_of(request).events(replace(period, actor=actor_id), limit=limit).to_json()


@router.get("/documents", summary="Documents, newest first")
def documents(request: Request, response: Response, limit: int = Query(50, ge=1, le=1000),
              offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Rows:
    rows = read(request, query_web.list_documents, limit=limit, offset=offset)
    total = read(request, query_web.count_documents)
    paged(request, response, listing.Page(rows=rows, total=total, offset=offset, limit=limit))
    return [d.to_json() for d in rows]


@router.get("/documents/{doc_id:path}",
            summary="One document with its actors, events, quotes and dates (offsets)")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    doc_id = requested_id(request, "/api/documents/", doc_id)
    view = read(request, query_web.document_view, doc_id)
    if view is None:
        raise HTTPException(404, f"no document has the id {doc_id!r}")
    return view.to_json()


@router.get("/network", summary="Actors as nodes, source -> target event counts as edges")
def network(request: Request, where: Filter,
            min_weight: int = Query(1, ge=1, le=MAX_OFFSET),
            max_nodes: int = Query(150, ge=1, le=2000)) -> dict[str, Any]:
    return read(request, query_web.network, where, min_weight=min_weight,
                max_nodes=max_nodes).to_json()


@router.get("/overview", summary="Counts, date span, event types and the busiest actors")
def overview(request: Request) -> dict[str, Any]:
    return read(request, query_web.overview).to_json()


class DocumentIn(BaseModel):
    """One document, as a line of JSON Lines input."""

    id: str | None = Field(None, description="Kept as the document id when free.")
    text: str = Field(..., min_length=1)
    title: str | None = None
    date: str | None = Field(None, description="Publication date, ISO 8601, maybe partial.")
    url: str | None = None
    source: str | None = Field(None, description="The publisher.")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:  # PostgreSQL cannot store them
            raise ValueError("NUL characters are not allowed")
        return value


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def require_token(request: Request, credentials: Credentials) -> None:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "this endpoint needs the header Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    expected = request.app.state.token or ""
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


@write_router.post("/documents", status_code=201, dependencies=[Depends(require_token)],
                   summary="Analyse and store one document (needs the token)")
def add_document(request: Request, body: DocumentIn) -> dict[str, Any]:
    problems: list[str] = []

    def report(error: InputError) -> None:
        problems.append(error.reason)

    line = json.dumps(body.model_dump(exclude_none=True), ensure_ascii=False)
    raws = list(read_jsonl(io.StringIO(line + "\n"), "api", report))
    if not raws:
        raise HTTPException(400, f"document not read: {'; '.join(problems) or 'empty'}")
    with request.app.state.write_lock:
        summary = store_of(request).ingest(raws, on_error=report)
    if summary.failed:
        raise HTTPException(422, f"document not stored: {'; '.join(problems)}")
    return {"ok": True, **summary.to_json()}
