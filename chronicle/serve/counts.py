"""Counts that stay until the store changes: facets, counts over time, places.

A store only grows between ingests, so the counts of one filter are the same on every
visit until a document or an event is added. Each is kept under the filter and the store's
generation (the highest `documents.seq` and `events.seq`, read from their primary keys at
no cost), and for at most `TTL` seconds, so a row edited by hand (in Datasette, say) shows
within minutes. The page rows themselves are always read fresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.store import schema as s

T = TypeVar("T")
SIZE = 512  # entries kept
TTL = 300.0  # seconds


def generation(conn: Connection) -> tuple[int, int]:
    docs = conn.execute(sa.select(sa.func.max(s.documents.c.seq))).scalar() or 0
    events = conn.execute(sa.select(sa.func.max(s.events.c.seq))).scalar() or 0
    return int(docs), int(events)


class Kept:
    """A small LRU of computed counts, safe to share between the server's threads."""

    def __init__(self, size: int = SIZE, ttl: float = TTL):
        self.size, self.ttl = size, ttl
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conn: Connection, key: Hashable, compute: Callable[[], T]) -> T:
        full = (key, generation(conn))
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(full)
            if found is not None and now - found[0] < self.ttl:
                self._entries.move_to_end(full)
                return found[1]
        value = compute()
        with self._lock:
            self._entries[full] = (now, value)
            self._entries.move_to_end(full)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value


def kept(state: Any) -> Kept:
    """The cache of one app (kept on its state, made on first use)."""
    found = getattr(state, "kept_counts", None)
    if found is None:
        found = state.kept_counts = Kept()
    return found
