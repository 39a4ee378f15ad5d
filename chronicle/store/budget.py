"""Time budgets and cancellation for reads: no query may hold a connection for long.

A server shares a few connections among many requests. One query that runs for minutes
(a search with hundreds of prefix terms, a store far larger than expected) would hold its
connection, then the pool, then every request. So the web app gives each request a
`Budget` (its time limit and a cancel switch) and makes it current while the request
runs; `Database.read()` applies the current budget to every query of that request:

- SQLite: a progress handler, called every few thousand virtual-machine steps, aborts the
  query once the budget is spent or cancelled;
- PostgreSQL: `statement_timeout` for the transaction, and the driver's cancel request
  sent from the thread that cancels (the client went away, the server is stopping).

The current budget is a context variable: it follows the request into the worker thread
that runs the query, and the command line, which sets none, reads without limits.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SQLITE_STEPS = 2000  # virtual-machine steps between two looks at the budget (~0.1 ms)


class Budget:
    """The time one request may spend in the store, and a switch that ends it early."""

    def __init__(self, seconds: float | None = None):
        self.seconds = seconds
        self.started = time.monotonic()
        self.deadline = self.started + seconds if seconds else None
        self.reason: str | None = None  # why it was cancelled, when it was
        self._lock = threading.Lock()
        self._hooks: list[Callable[[], object]] = []

    def spent(self) -> bool:
        """True once the query must stop: cancelled, or past the deadline."""
        return self.reason is not None or (
            self.deadline is not None and time.monotonic() > self.deadline)

    def remaining(self) -> float | None:
        """Seconds left (at least a millisecond), or None without a limit."""
        if self.deadline is None:
            return None
        return max(0.001, self.deadline - time.monotonic())

    def progress(self) -> int:
        """SQLite's progress handler: a non-zero answer interrupts the running statement."""
        return 1 if self.spent() else 0

    def cancel(self, reason: str) -> None:
        """Stop the request's queries now, from any thread (the first reason is kept)."""
        with self._lock:
            if self.reason is None:
                self.reason = reason
            hooks = list(self._hooks)
        for hook in hooks:
            try:
                hook()
            except Exception:  # noqa: S110 - the connection may be gone already: fine
                pass

    @contextmanager
    def watching(self, hook: Callable[[], object]) -> Iterator[None]:
        """While inside, `cancel()` also calls `hook` (e.g. a PostgreSQL cancel request)."""
        with self._lock:
            self._hooks.append(hook)
        try:
            yield
        finally:
            with self._lock:
                self._hooks.remove(hook)

    def describe(self) -> str:
        """Why the store stopped answering, for the one-line error."""
        if self.reason:
            return f"the query was stopped: {self.reason}"
        return (f"the query needed more than the {self.seconds:g} s a request may take: "
                "narrow it (fewer or longer search words, a date range, an actor)")


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "chronicle_budget", default=None)


def current() -> Budget | None:
    """The budget of the request being served in this context, if any."""
    return _CURRENT.get()


@contextmanager
def applied(budget: Budget) -> Iterator[Budget]:
    """Make `budget` the current one for the reads made inside (and in threads started
    from here with this context, as FastAPI's thread pool does)."""
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)
