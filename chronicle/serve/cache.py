"""Answers kept while the store stays the same: pages that cost the most are asked again.

A timeline page draws up to 5,000 events (two megabytes of HTML); the front page counts
every table. Analysts reload them, open them in several tabs, and share their links. So
the server keeps finished GET answers (status 200) of the store-reading routes, by path
and query string, and drops them all as soon as the store changes.

The store's *generation* says whether it changed: the highest `seq` of documents, events
and quotes and the highest `updated_seq` of actors (ingest only ever adds, each document
in one transaction). It is read at most once a `GENERATION_SECONDS`, so a page can be
that much older than an ingest running beside the server; a write through the app itself
(`POST /api/documents`) empties the cache at once. Memory is bounded (least recently used
answers go first); `Limits.cache_mb = 0` keeps no answers (the store-wide summaries,
a few kilobytes, are still kept).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronicle.errors import ChronicleError
from chronicle.serve.limits import FREE_PATHS
from chronicle.store import budget as budgets

GENERATION_SECONDS = 1.0
MEMO_ENTRIES = 256
GENERATION_BUDGET = 0.5  # seconds the generation query may take (a locked table waits)
Generation = Callable[[], Hashable]


class Answers:
    """Finished answers and computed summaries, valid for one store generation."""

    def __init__(self, generation: Generation, max_bytes: int):
        self._generation = generation
        self.max_bytes = max_bytes
        self._current: Hashable = None  # None: not known, nothing is kept
        self._checked = float("-inf")
        self._lock = threading.Lock()
        self._reading = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._bytes = 0
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()  # summaries, kept even
        # when answers are not (a few kilobytes each, at most MEMO_ENTRIES)

    def fresh(self) -> None:
        """Read the generation when it is older than GENERATION_SECONDS; a new one
        empties the cache (blocking: call it from a worker thread).

        One thread reads it at a time, within GENERATION_BUDGET; the others go on with
        what is known. When it cannot be read (a locked or damaged store), nothing is
        kept or served until it can."""
        if not self.stale() or not self._reading.acquire(blocking=False):
            return
        try:
            with budgets.applied(budgets.Budget(GENERATION_BUDGET)):
                generation = self._generation()
        except ChronicleError:
            generation = None
        finally:
            self._reading.release()
        with self._lock:
            self._checked = time.monotonic()
            if generation is None or generation != self._current:
                self._current = generation
                self._drop()

    def stale(self) -> bool:
        """The generation is due to be read again."""
        return time.monotonic() - self._checked >= GENERATION_SECONDS

    def clear(self) -> None:
        with self._lock:
            self._checked = float("-inf")
            self._drop()

    def _drop(self) -> None:
        self._items.clear()
        self._bytes = 0
        self._memo.clear()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._items.get(key) if self._current is not None else None
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        if size > self.max_bytes // 4 or self._current is None:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += size - (old[0] if old else 0)
            self._items[key] = (size, value)
            while self._bytes > self.max_bytes and self._items:
                self._bytes -= self._items.popitem(last=False)[1][0]

    def remember(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """`compute()`'s value, computed once per generation (store-wide summaries)."""
        self.fresh()
        with self._lock:
            known = self._current is not None
            if known and key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        if known:
            with self._lock:
                self._memo[key] = value
                while len(self._memo) > MEMO_ENTRIES:
                    self._memo.popitem(last=False)
        return value


class CacheLayer:
    """The ASGI layer: a GET answered from the cache, or run and kept when it is a 200."""

    def __init__(self, app: ASGIApp, answers: Answers):
        self.app = app
        self.answers = answers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(FREE_PATHS):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):  # maybe a write: nothing kept outlives it
            self.answers.clear()
            try:
                await self.app(scope, receive, send)
            finally:
                self.answers.clear()
            return
        if self.answers.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        if self.answers.stale():  # a query: not on the event loop
            await anyio.to_thread.run_sync(self.answers.fresh)
        key = (scope["method"], scope.get("raw_path") or scope["path"].encode(),
               scope.get("query_string", b""))
        kept = self.answers.get(key)
        if kept is not None:
            start, body = kept
            await send({**start, "headers": list(start["headers"])})  # outer layers add
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        await self._run_and_keep(scope, receive, send, key)

    async def _run_and_keep(self, scope: Scope, receive: Receive, send: Send,
                            key: Hashable) -> None:
        start: Message | None = None
        parts: list[bytes] = []
        keep = True

        async def keeping(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = {**message, "headers": list(message.get("headers", []))}
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and start is not None:
                    body = b"".join(parts)
                    self.answers.put(key, (start, body), len(body) + 512)
            await send(message)

        await self.app(scope, receive, keeping)
