"""Incidents on the web: a page per incident (every report's sentence, with the quotes
around it, and where the reports disagree), the list with counts over time, and their JSON.

Routes of their own, added to the app by `create_app`; they call the same Store methods
as `chronicle timeline --incidents` and `chronicle incident ID`. Incident ids carry their
first event's id, which may hold `/` and `#`: routes take them as paths, links encode `#`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from chronicle.query.incidents import PERIODS
from chronicle.query.listing import Page
from chronicle.serve.api import ERRORS, Filter, store_of
from chronicle.serve.common import PageNo
from chronicle.serve.pages import FormFilter, page

api = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50  # incidents per list page
Period = Query("month", description="day, week, month or year", pattern="^(day|week|month|year)$")


def incident_url(incident_id: str) -> str:
    return "/incidents/" + quote(incident_id, safe="/")


@api.get("/incidents", summary="Incidents in date order (the rows of `timeline --incidents`)")
def list_incidents(request: Request, where: Filter, limit: int = Query(1000, ge=1, le=100_000),
                   offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    return store_of(request).incidents_where(where, limit=limit, offset=offset).to_json()


@api.get("/incidents/counts", summary="Incidents and their reports per day, week, month "
         "or year")
def incident_counts(request: Request, where: Filter, by: str = Period) -> list[dict[str, Any]]:
    return store_of(request).incident_counts(by, where).to_json()


@api.get("/incidents/{incident_id:path}",
         summary="One incident with every report (as `chronicle incident ID`)")
def one_incident(request: Request, incident_id: str) -> dict[str, Any]:
    view = store_of(request).incident(incident_id)
    if view is None:
        raise HTTPException(404, f"no incident has the id {incident_id!r}")
    return view.to_json()


@pages.get("/incidents")
def incidents_page(request: Request, where: FormFilter, by: str = Period,
                   page_no: PageNo = 1) -> HTMLResponse:
    store = store_of(request)
    offset = (page_no - 1) * PAGE
    rows = store.incidents_where(where, limit=PAGE + 1, offset=offset)
    counts = store.incident_counts(by, where)
    # the counts hold every dated incident; a page past them still shows it has more
    total = max(sum(c.incidents for c in counts), offset + len(rows))
    listed = Page(rows=rows[:PAGE], total=total, offset=offset, limit=PAGE)
    return page("incidents.html", request, rows=listed.rows, listed=listed,
                filters=where.form(), counts=counts, by=by, periods=PERIODS,
                top=max((c.incidents for c in counts), default=1), incident_url=incident_url)


@pages.get("/incidents/{incident_id:path}")
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    view = store_of(request).incident(incident_id)
    if view is None:
        raise HTTPException(404, f"no incident has the id {incident_id!r}")
    by_doc: dict[str, list[Any]] = {}
    for report in view.reports:
        by_doc.setdefault(report.event.doc, []).append(report)
    return page("incident.html", request, view=view, inc=view.incident, names=view.row.names,
                by_doc=by_doc, incident_url=incident_url)
