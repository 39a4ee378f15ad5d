"""What keeps the server up: admission, time budgets, cancellation, a prompt shutdown.

Every request that reads the store passes the `Gate`:

- it waits for one of `Limits.slots` places (the connection pool holds as many
  connections, so a request that got in never waits for one). When every place is held
  by a request running for over `Limits.stuck_seconds` (runaway queries, a locked
  table), or the queue is full, it is answered 503 with Retry-After at once; otherwise
  it waits in line, up to `Limits.wait_seconds`. Before, such a request tied up a worker
  thread for 30 s and got a 500;
- it gets a `Budget` of `Limits.query_seconds` for all its queries (store/budget.py);
- the client going away, or the server stopping (`Traffic.close`), cancels that budget, so
  a runaway query ends within milliseconds and never holds up a shutdown;
- text parameters with NUL characters are refused with 400 before any query (PostgreSQL
  cannot store or compare them).

Static files pass untouched: they never reach the store.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronicle.store import budget as budgets
from chronicle.store.database import Pool

MAX_OFFSET = 1_000_000_000  # rows skipped by ?offset: far past any store, well inside int64
MAX_PAGE = 10_000_000  # ?page of the list pages (50 rows each)
FREE_PATHS = ("/static/", "/favicon")
Refuse = Callable[..., Awaitable[None]]  # (scope, receive, send, status, message)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of the store one server gives its requests."""

    query_seconds: float = 10.0  # store time one request may take
    slots: int = 8  # requests at the store at once
    queue: int = 200  # requests waiting for a slot; one more is refused at once
    wait_seconds: float = 5.0  # longest wait for a slot
    stuck_seconds: float = 1.0  # every slot held this long: refuse at once
    retry_after: int = 2  # seconds a refused client is asked to wait
    cache_mb: int = 64  # answers kept while the store stays the same (cache.py); 0: none

    def pool(self) -> Pool:
        """Connections enough for every slot plus the token's ingest; a short wait after."""
        return Pool(size=self.slots + 1, overflow=2, wait=2.0)


class Traffic:
    """The requests in the store now: admission, their budgets, and the way to stop them."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.closing: str | None = None
        self.waiting = 0
        self._budgets: set[budgets.Budget] = set()
        self._lock = threading.Lock()
        # One semaphore per event loop: test clients may each run their own loop.
        self._slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop,
                                               asyncio.Semaphore] = weakref.WeakKeyDictionary()

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if loop not in self._slots:
            self._slots[loop] = asyncio.Semaphore(self.limits.slots)
        return self._slots[loop]

    async def enter(self) -> bool:
        """Take a slot; False when the queue is full, every slot is stuck, or the wait
        ran out."""
        semaphore = self._semaphore()
        if semaphore.locked() and (self.waiting >= self.limits.queue or self._stuck()):
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(semaphore.acquire(), self.limits.wait_seconds)
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1
        return True

    def _stuck(self) -> bool:
        """Every running request has held its slot for over `stuck_seconds`."""
        since = time.monotonic() - self.limits.stuck_seconds
        with self._lock:
            return bool(self._budgets) and all(b.started < since for b in self._budgets)

    def leave(self) -> None:
        self._semaphore().release()

    def start(self) -> budgets.Budget:
        budget = budgets.Budget(self.limits.query_seconds)
        with self._lock:
            self._budgets.add(budget)
        if self.closing:
            budget.cancel(self.closing)
        return budget

    def finish(self, budget: budgets.Budget) -> None:
        with self._lock:
            self._budgets.discard(budget)

    def close(self, reason: str = "the server is stopping") -> None:
        """Refuse new requests and stop the running ones' queries (from any thread, even a
        signal handler: the cancel requests go out from a thread of their own)."""
        self.closing = reason
        with self._lock:
            running = list(self._budgets)
        def cancel_all() -> None:
            for budget in running:
                budget.cancel(reason)

        if running:
            threading.Thread(target=cancel_all, name="chronicle-cancel", daemon=True).start()


class Gate:
    """The ASGI layer that applies a `Traffic` to every request that reads the store."""

    def __init__(self, app: ASGIApp, traffic: Traffic, refuse: Refuse):
        self.app = app
        self.traffic = traffic
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(FREE_PATHS):
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            await self.refuse(scope, receive, send, 400, "bad parameter: NUL characters "
                              "(%00) are not allowed in paths or parameters")
            return
        traffic = self.traffic
        if traffic.closing:
            await self.refuse(scope, receive, send, 503, traffic.closing)
            return
        if not await traffic.enter():
            await self.refuse(scope, receive, send, 503, "the server is busy: every "
                              "connection to the store is in use; try again in a moment")
            return
        budget = traffic.start()
        try:
            with budgets.applied(budget):
                await self._watched(scope, receive, send, budget)
        finally:
            traffic.finish(budget)
            traffic.leave()

    async def _watched(self, scope: Scope, receive: Receive, send: Send,
                       budget: budgets.Budget) -> None:
        """Run the app while listening for the client to hang up (as Starlette's streaming
        responses do): messages go to the app through a queue, a disconnect cancels."""
        messages: asyncio.Queue[Message] = asyncio.Queue()

        async def listen() -> None:
            while True:
                message = await receive()
                messages.put_nowait(message)
                if message["type"] == "http.disconnect":
                    budget.cancel("the client went away")
                    return

        listener = asyncio.create_task(listen())
        try:
            await self.app(scope, messages.get, send)
        finally:
            listener.cancel()


def _has_nul(scope: Scope) -> bool:
    query = scope.get("query_string", b"").lower()
    return "\x00" in scope["path"] or b"%00" in query or b"\x00" in query
