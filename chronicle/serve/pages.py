"""The HTML pages: overview, search, documents, actors, timeline, network.

Pages are rendered on the server (they work without JavaScript, except the two charts and
the graph); scripts get their data from a JSON element in the page, never from inline code.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from chronicle.errors import QueryError
from chronicle.query import TimelineEvent
from chronicle.query import web as query_web
from chronicle.query.filter import EventFilter
from chronicle.records import ACTOR_KINDS
from chronicle.serve.api import read, store_of
from chronicle.serve.highlight import highlighted
from chronicle.serve.ids import requested_id
from chronicle.serve.limits import MAX_PAGE
from chronicle.serve.render import anchor, doc_url, render, tone
from chronicle.serve.security import CHART_CSP

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50  # rows per list page
CHART_EVENTS = 5000  # events drawn on a timeline chart
TABLE_EVENTS = 200  # events listed under it
_RANGE = re.compile(r"^(\d+)-(\d+)$")


def page(name: str, request: Request, *, charts: bool = False, **context: Any) -> HTMLResponse:
    context.setdefault("q", "")
    headers = {"content-security-policy": CHART_CSP} if charts else None
    return HTMLResponse(render(name, path=request.url.path, **context), headers=headers)


def _form_filter(actor: str | None = None, type: str | None = None,
                 date_from: str | None = Query(None, alias="from"),
                 to: str | None = None) -> EventFilter:
    """The filter of a page's form (?actor, ?type, ?from, ?to); an empty field is "any"."""
    return EventFilter.from_form(actor, type, date_from, to)


FormFilter = Annotated[EventFilter, Depends(_form_filter)]


@router.get("/")
def index(request: Request) -> HTMLResponse:
    overview = read(request, query_web.overview, top=12)
    recent = read(request, query_web.list_documents, limit=8)
    return page("index.html", request, overview=overview, recent=recent,
                top_type=max(overview.event_types.values(), default=1))


@router.get("/search")
def search(request: Request, where: FormFilter, q: str = "") -> HTMLResponse:
    hits, error = None, None
    if q.strip():
        try:
            hits = store_of(request).search_where(q, where, limit=100)
        except QueryError as exc:  # the form stays filled in, with the reason above it
            error = str(exc)
    response = page("search.html", request, q=q, hits=hits, filters=where.form(), error=error)
    if error:
        response.status_code = 404 if error.startswith("no actor") else 400
    return response


@router.get("/documents")
def documents(request: Request,
              page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)) -> HTMLResponse:
    rows = read(request, query_web.list_documents, limit=PAGE + 1, offset=(page_no - 1) * PAGE)
    return page("documents.html", request, rows=rows[:PAGE], page_no=page_no,
                more=len(rows) > PAGE)


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
           page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)) -> HTMLResponse:
    kind = kind if kind in ACTOR_KINDS else None
    if q.strip():
        found = [c for c in store_of(request).find_actors(q) if not kind or c.kind == kind]
        rows, more = found[(page_no - 1) * PAGE:page_no * PAGE], len(found) > page_no * PAGE
    else:
        rows = read(request, query_web.busiest_actors, limit=PAGE + 1,
                    offset=(page_no - 1) * PAGE, kind=kind)
        rows, more = rows[:PAGE], len(rows) > PAGE
    return page("actors.html", request, rows=rows, actor_q=q, kind=kind, kinds=ACTOR_KINDS,
                page_no=page_no, more=more)


@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: str) -> HTMLResponse:
    store = store_of(request)
    profile = store.actor(actor_id)
    rows = store.timeline(actor=profile.actor.id, limit=CHART_EVENTS)
    docs = read(request, query_web.actor_documents, profile.actor.id)
    titles = {d.id: d.title for d in docs}
    by_type = sorted({*profile.events.get("source", {}), *profile.events.get("target", {})})
    return page("actor.html", request, charts=True, profile=profile, a=profile.actor, docs=docs,
                titles=titles, by_type=by_type, chart=chart_rows(rows),
                events=rows[:TABLE_EVENTS], total_events=len(rows))


@router.get("/timeline")
def timeline(request: Request, where: FormFilter) -> HTMLResponse:
    rows = store_of(request).events(where, limit=CHART_EVENTS)
    busiest = read(request, query_web.busiest_actors, limit=40)
    return page("timeline.html", request, charts=True, filters=where.form(),
                chart=chart_rows(rows),
                events=rows[:TABLE_EVENTS], total_events=len(rows), busiest=busiest,
                capped=len(rows) >= CHART_EVENTS)


@router.get("/network")
def network(request: Request, where: FormFilter,
            min_weight: int = Query(1, ge=1, le=MAX_PAGE)) -> HTMLResponse:
    graph = read(request, query_web.network, where, min_weight=min_weight)
    busiest = read(request, query_web.busiest_actors, limit=40)
    return page("network.html", request, filters=where.form(), graph=graph,
                min_weight=min_weight, busiest=busiest)


def chart_rows(rows: list[TimelineEvent]) -> list[dict[str, Any]]:
    """What the chart script needs of each event, links made here (dated events only)."""
    out = []
    for row in rows:
        e = row.event
        if not e.date:
            continue
        out.append({"date": _full_date(e.date), "shown": e.date, "type": e.event_type,
                    "tone": tone(e.event_type), "trigger": e.trigger,
                    "sentence": e.sentence[:400], "title": row.doc_title or e.doc,
                    "href": doc_url(e.doc) + "#" + anchor("ev", e.id, e.doc),
                    "source": [[a, n] for a, n in zip(e.source, row.source_names,
                                                      strict=False)],
                    "target": [[a, n] for a, n in zip(e.target, row.target_names,
                                                      strict=False)]})
    return out


def _full_date(value: str) -> str:
    """Partial ISO dates at their first day, as the timeline sorts them."""
    parts = value[:10].split("-")
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts[:3])
