"""One document's failure costs that document only: stages, time budgets, failure records.

Three small tools that the analysis loop (chronicle.analysis), ingest and the Dask workers
share:

- `stage(name)` marks an exception with the step it escaped from (the first mark wins, so
  the innermost stage is named), and `failure()` turns any exception into a DocumentError
  naming the record (file and line, document id), that stage, the exception and its
  traceback.
- `time_budget(seconds)` turns a runaway into that document's error. A watchdog thread
  raises `BudgetExceeded` inside the analysing thread when the budget is spent (CPython's
  PyThreadState_SetAsyncExc: it works in any thread, such as a Dask worker's task thread,
  where SIGALRM cannot). The budget counts the CPU time of that thread (where the platform
  has per-thread clocks; wall time elsewhere), so a machine shared by many processes does
  not fail documents that merely wait for a core. The exception arrives at the next Python
  instruction, so a long call into C ends first; the text spaCy is given is shielded so
  that no such call is long (nlp/shield.py). It derives from BaseException: a library's
  `except Exception` cannot swallow it, and it is raised again each second until the
  budget is left.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from chronicle.errors import ConfigError, DocumentError, ModelError
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings

STAGES = ("read", "clean", "nlp", "actors", "dates", "quotes", "events", "resolve", "store")
REFIRE_S = 1.0  # a budget exception swallowed by some library is raised again this often
_STAGE_ATTR = "_chronicle_stage"


# What ends a run rather than a document: no model, bad settings, Ctrl-C.
RUN_ERRORS = (ModelError, ConfigError)
Analyser = Callable[[Iterable[Document], Settings], Iterator[DocumentResult]]


@dataclass(frozen=True, slots=True)
class Failed:
    """A document that could not be analysed, with why: the outcome streams carry these
    beside the DocumentResults, in input order, so that ingest can record the document."""

    document: Document
    error: DocumentError


Outcome = DocumentResult | Failed


class BudgetExceeded(BaseException):  # noqa: N818 - it is an interruption, like KeyboardInterrupt
    """Raised inside a thread whose document ran past its time budget."""


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Name the step of any exception that leaves this block (unless a deeper one did)."""
    try:
        yield
    except BaseException as exc:
        if getattr(exc, _STAGE_ATTR, None) is None:
            try:
                setattr(exc, _STAGE_ATTR, name)
            except (AttributeError, TypeError):  # an exception class without a __dict__
                pass
        raise


def stage_of(exc: BaseException, default: str = "nlp") -> str:
    return str(getattr(exc, _STAGE_ATTR, None) or default)


def where(doc: Document) -> str:
    """The record a document came from: `file:line` for JSON Lines, else its source."""
    return f"{doc.source}:{doc.line}" if doc.line else doc.source


def failure(doc: Document, exc: BaseException, stage_name: str | None = None,
            budget: float | None = None) -> DocumentError:
    """The DocumentError for `doc`, which raised `exc` (its traceback kept as text)."""
    if isinstance(exc, DocumentError):
        return exc
    if isinstance(exc, BudgetExceeded):
        error = f"TimeBudgetExceeded: analysis ran past the {budget or 0:g} s time budget"
    else:
        message = (str(exc).strip().splitlines() or [""])[0][:300]
        error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    trace = "".join(traceback.format_exception(exc))
    return DocumentError(where(doc), doc.id, stage_name or stage_of(exc), error, trace)


@dataclass(slots=True)
class _Alarm:
    budget: float
    thread: int
    clock: Callable[[], float]  # the time the budget counts: the thread's CPU time
    started: float
    fired: bool = False
    done: bool = False

    def left(self) -> float:
        """Seconds of budget left (a thread whose clock is gone has none)."""
        try:
            return self.budget - (self.clock() - self.started)
        except OSError:
            return 0.0


def _clock_of(thread: int) -> Callable[[], float]:
    """The CPU clock of `thread`, or the wall clock where there is none."""
    try:
        clock_id = time.pthread_getcpuclockid(thread)
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock_id)


class _Watchdog:
    """One thread per process that interrupts analysing threads past their budget.

    An alarm is checked again when its budget could be spent at the earliest (CPU time
    runs no faster than the wall clock), so the watchdog sleeps while nothing is due.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._alarms: dict[int, _Alarm] = {}
        self._queue: list[tuple[float, int]] = []
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        thread = threading.get_ident()
        clock = _clock_of(thread)
        with self._cond:
            token = next(self._tokens)
            self._alarms[token] = _Alarm(seconds, thread, clock, clock())
            heapq.heappush(self._queue, (time.monotonic() + seconds, token))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="chronicle-budget",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Forget an alarm; True when it fired (a pending interruption is then withdrawn)."""
        with self._cond:
            alarm = self._alarms.pop(token)
            alarm.done = True
            if alarm.fired:
                _interrupt(alarm.thread, None)
            return alarm.fired

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._queue and self._queue[0][0] <= now:
                    _, token = heapq.heappop(self._queue)
                    alarm = self._alarms.get(token)
                    if alarm is None or alarm.done:
                        continue
                    left = alarm.left()
                    if left > 0 and not alarm.fired:
                        heapq.heappush(self._queue, (now + left, token))
                        continue
                    alarm.fired = True
                    _interrupt(alarm.thread, BudgetExceeded)
                    heapq.heappush(self._queue, (now + REFIRE_S, token))
                wait = self._queue[0][0] - now if self._queue else None
                self._cond.wait(timeout=wait)


def _interrupt(thread: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                               ctypes.py_object(exc) if exc else None)


_WATCHDOG = _Watchdog()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded in this thread if the block runs longer than `seconds`.

    None or 0 means no budget. Budgets may nest; each is armed and disarmed on its own.
    """
    if not seconds or seconds <= 0:
        yield
        return
    token = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        _WATCHDOG.disarm(token)


def each(analyser: Analyser, docs: list[Document], settings: Settings) -> list[Outcome]:
    """Outcomes of a replacement analyser (tests, other pipelines), which knows nothing of
    isolation: the documents together, and one by one when that fails, to find the bad one."""
    try:
        return list(analyser(docs, settings))
    except RUN_ERRORS:
        raise
    except Exception:  # noqa: BLE001 - find the bad document; the others are kept
        pass
    out: list[Outcome] = []
    for doc in docs:
        try:
            out += list(analyser([doc], settings))
        except RUN_ERRORS:
            raise
        except Exception as exc:  # noqa: BLE001 - that document only
            out.append(Failed(doc, failure(doc, exc, "analysis")))
    return out
