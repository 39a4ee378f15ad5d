"""What every page module shares: the page renderer, the filter of a form, page numbers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response
from fastapi.responses import HTMLResponse

from chronicle.query.filter import EventFilter
from chronicle.query.listing import Page
from chronicle.serve.limits import MAX_PAGE
from chronicle.serve.render import render, with_query

PAGE = 50  # rows per list page


def page(name: str, request: Request, **context: Any) -> HTMLResponse:
    context.setdefault("q", "")
    return HTMLResponse(render(name, path=request.url.path, **context))


def form_filter(request: Request) -> EventFilter:
    """The filter of a page's form (?actor, ?type, ?from, ?to, ?country, ?outlet, ?place);
    an empty field is "any"."""
    return EventFilter.from_form(request.query_params)


FormFilter = Annotated[EventFilter, Depends(form_filter)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)]


def paged(request: Request, response: Response, listed: Page[Any]) -> None:
    """The total of a page in X-Total-Count, the next and previous pages in Link."""
    response.headers["x-total-count"] = str(listed.total)
    links = []
    params = dict(request.query_params)
    if listed.more:
        params["offset"] = str(listed.offset + len(listed.rows))
        links.append(f'<{with_query(request.url.path, **params)}>; rel="next"')
    if listed.offset > 0:
        params["offset"] = str(max(0, listed.offset - listed.limit))
        links.append(f'<{with_query(request.url.path, **params)}>; rel="prev"')
    if links:
        response.headers["link"] = ", ".join(links)
