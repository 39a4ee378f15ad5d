"""The HTML pages: overview, documents, one document, actors, one actor, network.

The timeline, search and map pages are in explore.py, downloads in downloads.py, what
they share in common.py. Pages are rendered on
the server and work without JavaScript (the charts, the map and the graph each come with
a table or list of the same numbers); scripts get their data from a JSON element in the
page, never from inline code.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from chronicle.query import actor_profile, aggregate, listing
from chronicle.query import web as query_web
from chronicle.query.filter import EventFilter
from chronicle.query.listing import Page
from chronicle.records import ACTOR_KINDS
from chronicle.serve.api import read, store_of
from chronicle.serve.common import PAGE, FormFilter, PageNo, page
from chronicle.serve.counts import kept
from chronicle.serve.highlight import highlighted
from chronicle.serve.ids import requested_id
from chronicle.serve.limits import MAX_PAGE

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
_RANGE = re.compile(r"^(\d+)-(\d+)$")


@router.get("/")
def index(request: Request) -> HTMLResponse:
    overview = read(request, query_web.overview, top=12)
    recent = read(request, query_web.list_documents, limit=8)
    return page("index.html", request, overview=overview, recent=recent,
                top_type=max(overview.event_types.values(), default=1))


@router.get("/documents")
def documents(request: Request, page_no: PageNo = 1) -> HTMLResponse:
    offset = (page_no - 1) * PAGE
    rows = read(request, query_web.list_documents, limit=PAGE, offset=offset)
    total = read(request, query_web.count_documents)
    return page("documents.html", request,
                listed=Page(rows=rows, total=total, offset=offset, limit=PAGE))


@router.get("/documents/{doc_id:path}")
def document(request: Request, doc_id: str, at: str | None = None) -> HTMLResponse:
    doc_id = requested_id(request, "/documents/", doc_id)
    view = read(request, query_web.document_view, doc_id)
    if view is None:
        raise HTTPException(404, f"no document has the id {doc_id!r}")
    hit = None
    if at and (found := _RANGE.match(at)):
        hit = (int(found.group(1)), int(found.group(2)))
    counts = {"actors": len(view.actors), "events": len(view.events),
              "quotes": len(view.quotes), "dates": len(view.timexes)}
    return page("document.html", request, view=view, doc=view.document,
                text=highlighted(view, hit), counts=counts)


@router.get("/actors")
def actors(request: Request, q: str = "", kind: str | None = None,
           page_no: PageNo = 1) -> HTMLResponse:
    kind = kind if kind in ACTOR_KINDS else None
    offset = (page_no - 1) * PAGE
    if q.strip():
        found = [c for c in store_of(request).find_actors(q) if not kind or c.kind == kind]
        rows, total = found[offset:offset + PAGE], len(found)
    else:
        rows = read(request, query_web.busiest_actors, limit=PAGE, offset=offset, kind=kind)
        total = read(request, query_web.count_actors, kind)
    return page("actors.html", request, listed=Page(rows=rows, total=total, offset=offset,
                                                   limit=PAGE),
                actor_q=q, kind=kind, kinds=ACTOR_KINDS)


@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: str, page_no: PageNo = 1) -> HTMLResponse:
    store = store_of(request)
    cache = kept(request.app.state)
    with store.database.read() as conn:  # the profile: many queries, the same until ingest
        profile = cache.get(conn, ("profile", actor_id), lambda: actor_profile(conn, actor_id))
    where = EventFilter(actor=profile.actor.id)
    offset = (page_no - 1) * PAGE
    with store.database.read() as conn:
        events = listing.event_page(conn, where, limit=PAGE, offset=offset)
        counts = cache.get(conn, ("counts", where),
                           lambda: aggregate.counts_over_time(conn, where))
        places = cache.get(conn, ("places", where), lambda: aggregate.places(conn, where))
        docs = cache.get(conn, ("documents of", profile.actor.id),
                         lambda: query_web.actor_documents(conn, profile.actor.id))
    by_type = sorted({*profile.events.get("source", {}), *profile.events.get("target", {})})
    return page("actor.html", request, profile=profile, a=profile.actor, docs=docs,
                titles={d.id: d.title for d in docs}, by_type=by_type, events=events,
                counts=counts, places=places,
                filters=where.form())


@router.get("/network")
def network(request: Request, where: FormFilter,
            min_weight: int = Query(1, ge=1, le=MAX_PAGE)) -> HTMLResponse:
    graph = read(request, query_web.network, where, min_weight=min_weight)
    busiest = read(request, query_web.busiest_actors, limit=40)
    return page("network.html", request, filters=where.form(), graph=graph,
                min_weight=min_weight, busiest=busiest)
