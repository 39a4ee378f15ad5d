"""The JSON behind the timeline, search and map pages, for scripts of one's own.

    /api/facets    counts of matching events by type, actor, country, outlet and year
                   (with `q`: of a search's matching sentences and documents)
    /api/counts    matching events per day and type: [[day, type, n], ...] (per month,
                   as [first day, type, n], over spans of more than two years)
    /api/places    matching events per place: name, coordinates, admin1, country,
                   counts by type, deaths; and how many events have no place

Every route takes the filters of /api/events (actor, type, from, to, country, outlet,
place). Pages of rows with their totals are /api/events, /api/search, /api/documents and
/api/actors (`limit`, `offset`; the total in the X-Total-Count header).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request

from chronicle.query import aggregate
from chronicle.serve.api import ERRORS, Filter, read

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)


@router.get("/facets", summary="Counts of matching events by type, actor, country, outlet "
            "and year")
def facets(request: Request, where: Filter,
           q: str | None = Query(None, description="Facets of this search instead.")
           ) -> dict[str, Any]:
    if q and q.strip():
        return read(request, aggregate.search_facets, q, where).to_json()
    return read(request, aggregate.facets, where).to_json()


@router.get("/counts", summary="Matching events per day (or month) and type, for counts "
            "over time")
def counts(request: Request, where: Filter,
           unit: Literal["day", "month"] | None = Query(
               None, description="day or month; by default day, or month over two years.")
           ) -> dict[str, Any]:
    return read(request, aggregate.counts_over_time, where, unit=unit).to_json()


@router.get("/places", summary="Matching events per place, for a map")
def places(request: Request, where: Filter) -> dict[str, Any]:
    return read(request, aggregate.places, where).to_json()
