"""The pages an analyst explores with: timeline, search and map.

Each shows the filtered set three ways (counts by facet, counts over time or on a map, and
the rows themselves, a page at a time with the total), links every number to the filter
that narrows to it, and offers the whole set as CSV and JSON. A bad filter (an unknown
actor, a malformed date or query) keeps the form and says why, with status 404 or 400.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chronicle import query as q_lib
from chronicle.errors import QueryError
from chronicle.query import aggregate, listing
from chronicle.serve.api import store_of
from chronicle.serve.common import PAGE, FormFilter, PageNo, page
from chronicle.serve.counts import kept

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _failed(response: HTMLResponse, error: str | None) -> HTMLResponse:
    if error:
        response.status_code = 404 if error.startswith("no actor") else 400
    return response


@router.get("/timeline")
def timeline(request: Request, where: FormFilter, page_no: PageNo = 1) -> HTMLResponse:
    context: dict[str, Any] = {"events": None, "facets": None, "counts": None, "error": None}
    try:
        with store_of(request).database.read() as conn:
            context["events"] = listing.event_page(conn, where, limit=PAGE,
                                                   offset=(page_no - 1) * PAGE)
            cache = kept(request.app.state)
            context["facets"] = cache.get(conn, ("facets", where),
                                          lambda: aggregate.facets(conn, where))
            context["counts"] = cache.get(conn, ("counts", where),
                                          lambda: aggregate.counts_over_time(conn, where))
    except QueryError as exc:
        context["error"] = str(exc)
    return _failed(page("timeline.html", request, filters=where.form(), **context),
                   context["error"])


@router.get("/search")
def search(request: Request, where: FormFilter, q: str = "",
           page_no: PageNo = 1) -> HTMLResponse:
    context: dict[str, Any] = {"hits": None, "total": 0, "facets": None, "error": None}
    offset = (page_no - 1) * PAGE
    if q.strip():
        try:
            with store_of(request).database.read() as conn:
                hits = q_lib.search(conn, q, where, limit=PAGE, offset=offset)
                cache = kept(request.app.state)
                total = cache.get(conn, ("hits", q, where),
                                  lambda: listing.search_total(conn, q, where))
                context["hits"] = listing.Page(rows=list(hits), total=total, offset=offset,
                                               limit=PAGE)
                context["facets"] = cache.get(conn, ("search facets", q, where),
                                              lambda: aggregate.search_facets(conn, q, where))
        except QueryError as exc:  # the form stays filled in, with the reason above it
            context["error"] = str(exc)
    return _failed(page("search.html", request, q=q, filters=where.form(), **context),
                   context["error"])


@router.get("/map")
def map_page(request: Request, where: FormFilter) -> HTMLResponse:
    context: dict[str, Any] = {"places": None, "facets": None, "error": None}
    try:
        with store_of(request).database.read() as conn:
            cache = kept(request.app.state)
            context["places"] = cache.get(conn, ("places", where),
                                          lambda: aggregate.places(conn, where))
            context["facets"] = cache.get(conn, ("facets", where),
                                          lambda: aggregate.facets(conn, where))
    except QueryError as exc:
        context["error"] = str(exc)
    return _failed(page("map.html", request, filters=where.form(), **context),
                   context["error"])
