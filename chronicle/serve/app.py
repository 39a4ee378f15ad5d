"""The FastAPI app: one store, read-only unless a token was given, safe with hostile text.

Layers, outermost first: security headers and timing (every response, errors included),
the host check (DNS rebinding), the request size limit, the gate (admission, time budget,
cancellation, NUL check: limits.py), then the routes. Every failure under /api is the one
JSON shape `{"ok": false, "error": "...", "status": N}`; pages get the same message as
HTML. A store that is busy, damaged or stopping answers 503.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronicle.api import Store
from chronicle.errors import ChronicleError, QueryError, StoreBusy, StoreError
from chronicle.query import AmbiguousActor
from chronicle.serve.cache import Answers, CacheLayer
from chronicle.serve.head import HeadAsGet
from chronicle.serve.limits import Gate, Limits, Traffic
from chronicle.serve.render import render
from chronicle.serve.security import SECURITY_HEADERS
from chronicle.store import open_database

DEFAULT_MAX_BODY = 5 * 1024 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
STATIC = Path(__file__).parent / "static"


def create_app(db: str | Path | Store, *, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY,
               allowed_hosts: Sequence[str] | None = None,
               limits: Limits | None = None) -> FastAPI:
    """The web app over the store at `db` (a path, a URL, or an open `Store`).

    Without `token` the app has no write endpoint at all and opens the store read-only
    (it never writes a byte: read-only media work); with it, `POST /api/documents`
    ingests a JSON document for requests that send `Authorization: Bearer <token>`.
    `allowed_hosts` (e.g. LOOPBACK_HOSTS) refuses requests whose Host header names another
    machine, so a web page cannot reach a local server through a rebound domain name.
    `limits` bounds each request's store time and the requests at the store at once
    (`app.state.traffic.close()` stops them all, as `chronicle serve` does on SIGTERM).
    """
    from chronicle.serve import api, data, downloads, explore, incidents, pages

    limits = limits or Limits()
    owned = not isinstance(db, Store)
    store = db if isinstance(db, Store) else Store(open_database(
        db, create=False, readonly=not token, pool=limits.pool()))
    traffic = Traffic(limits)
    answers = Answers(lambda: _generation(store), limits.cache_mb * 1024 * 1024)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        traffic.close()
        if owned:
            store.close()

    app = FastAPI(title="Chronicle", summary="Actors, events, quotes and dates from news, "
                  "with provenance.", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan)
    app.state.store = store
    app.state.traffic = traffic
    app.state.answers = answers
    app.state.token = token or None
    app.state.write_lock = threading.Lock()
    app.include_router(api.router)
    app.include_router(incidents.api)
    if token:
        app.include_router(api.write_router)
    app.include_router(pages.router)
    for extra in (explore.router, downloads.router, data.router):  # maps, facets, files
        app.include_router(extra)
    app.include_router(incidents.pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handle_errors(app)
    app.add_middleware(Gate, traffic=traffic, refuse=_send_error)
    app.add_middleware(CacheLayer, answers=answers)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)  # outermost: HEAD is GET without the body
    return app


def _generation(store: Store) -> tuple[Any, ...]:
    from chronicle.query import web as query_web

    with store.database.read() as conn:
        return query_web.generation(conn)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chronicle")
    except PackageNotFoundError:
        return "0"


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


def error_response(request: Request | None, status: int, message: str,
                   **extra: Any) -> Response:
    """The one error shape for the API; an HTML page with the same message elsewhere."""
    headers = extra.pop("headers", None)
    if request is None or wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status, **extra},
                            status_code=status, headers=headers)
    html = render("error.html", status=status, message=message, path=request.url.path,
                  q=request.query_params.get("q", ""), candidates=extra.get("candidates", []))
    return HTMLResponse(html, status_code=status, headers=headers)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(exc))

    @app.exception_handler(AmbiguousActor)
    async def ambiguous(request: Request, exc: AmbiguousActor) -> Response:
        return error_response(request, 409, str(exc),
                              candidates=[c.to_json() for c in exc.candidates])

    @app.exception_handler(ChronicleError)
    async def chronicle_error(request: Request, exc: ChronicleError) -> Response:
        if isinstance(exc, StoreBusy):
            retry = request.app.state.traffic.limits.retry_after
            return error_response(request, 503, str(exc),
                                  headers={"retry-after": str(retry)})
        if isinstance(exc, StoreError):
            return error_response(request, 503, str(exc))
        status = 404 if isinstance(exc, QueryError) and str(exc).startswith("no actor") else 400
        return error_response(request, status, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, "internal error: the server log has the details")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(where) or "request"
        parts.append(f"bad parameter {name}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "bad request"


async def _send_error(scope: Scope, receive: Receive, send: Send, status: int,
                      message: str) -> None:
    """An error answered before the routes (JSON under /api, an HTML page elsewhere); a
    503 says when to ask again."""
    headers = None
    app = scope.get("app")
    if status == 503 and app is not None:
        headers = {"retry-after": str(app.state.traffic.limits.retry_after)}
    await error_response(Request(scope), status, message, headers=headers)(scope, receive,
                                                                          send)


class Guard:
    """Security headers and Server-Timing on every response; the Host header check."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str] | None = None):
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                spent = (time.perf_counter() - started) * 1000
                headers["server-timing"] = f"app;dur={spent:.1f}"
            await send(message)

        if self.allowed is not None and _host(scope) not in self.allowed:
            await _send_error(scope, receive, send_with_headers, 400,
                              "this server answers to its local address only "
                              "(start it with --host to serve another name)")
            return
        await self.app(scope, receive, send_with_headers)


def _host(scope: Scope) -> str:
    value = ""
    for key, raw in scope.get("headers", []):
        if key == b"host":
            value = raw.decode("latin-1").lower()
            break
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if ":" in value else value


class BodyLimit:
    """Refuses request bodies over `max_body` bytes with 413, declared or streamed.

    A body sent without Content-Length (chunked) is read here first, up to the limit, and
    handed on from memory: the app never sees a byte past the limit.
    """

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = f"request body larger than the {self.max_body:,} byte limit"
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _send_error(scope, receive, send, 400, "bad Content-Length header")
            elif int(declared) > self.max_body:
                await _send_error(scope, receive, send, 413, limit)
            else:
                await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                await _send_error(scope, receive, send, 413, limit)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
