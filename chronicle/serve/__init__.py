"""`chronicle serve`: a web page and a JSON API over one store, for analysts.

    app.py        create_app(): error shape, security headers, size limit, static files
    api.py        /api/...: the rows of the CLI's --format json, plus documents and network
    pages.py      the HTML pages (Jinja2 templates in templates/, scripts in static/)
    render.py     template environment, URLs, safe JSON for scripts
    highlight.py  a document's text with actors, events, quotes and dates marked
    limits.py     admission, time budgets, cancellation, NUL check: a server that stays up
    cache.py      answers and summaries kept while the store stays the same
    ids.py        document ids in URL paths that no browser rewrites

Read-only unless started with a token; no file is fetched from another host (the charts
and the map are drawn by the page's own scripts, the basemap is a file in static/).
"""

from __future__ import annotations

from chronicle.serve.app import DEFAULT_MAX_BODY, LOOPBACK_HOSTS, create_app

__all__ = ["DEFAULT_MAX_BODY", "LOOPBACK_HOSTS", "create_app"]
