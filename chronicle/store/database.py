"""Opening a store: one SQLAlchemy engine, SQLite or PostgreSQL, set up for concurrent use.

SQLite gets WAL (readers never wait for the writer), a busy timeout, and write
transactions that start with BEGIN IMMEDIATE, so a second ingest process waits for the
write lock instead of failing half-way with "database is locked". PostgreSQL writers take
one transaction-scoped advisory lock for the same effect: ingest transactions run one at a
time, which keeps actor resolution consistent between processes.

A store opened `readonly` (the query commands, the web app without a token) never writes:
SQLite is opened with `mode=ro` and keeps its journal mode (on read-only media, where the
WAL's shared-memory file cannot be made, it is read as immutable); PostgreSQL
transactions are READ ONLY. Reads follow the current time budget (budget.py), and
failures of damaged or foreign files become one-line StoreErrors.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from chronicle.errors import QueryError, StoreBusy, StoreError
from chronicle.store import budget as budgets

T = TypeVar("T")
BUSY_TIMEOUT_MS = 30_000
WRITE_LOCK_KEY = 0x43_68_72_6F  # "Chro": the PostgreSQL advisory lock of ingest writers
_BEGIN = {"deferred": "BEGIN", "immediate": "BEGIN IMMEDIATE"}
# What SQLite and PostgreSQL say of a file or page that is not what it should be.
_DAMAGE = ("malformed", "not a database", "disk i/o error", "could not decode",
           "database corrupt", "file is encrypted", "unsupported file format")


@dataclass(frozen=True, slots=True)
class Pool:
    """Connections kept open, extra ones allowed under load, and how long a caller waits
    for one before the store answers "busy" (a server wants this short)."""

    size: int = 5
    overflow: int = 10
    wait: float = 30.0


def store_url(db: str | Path) -> str:
    """A `--db` value as an SQLAlchemy URL: a path is SQLite, postgres URLs use psycopg 3."""
    text = str(db)
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def _setup_sqlite(engine: Engine, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by pysqlite
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if readonly:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("chronicle_begin", "deferred")
        conn.exec_driver_sql(_BEGIN[mode])


def _setup_postgres_readonly(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def _sqlite_readonly(path: str) -> Callable[[], sqlite3.Connection]:
    """Connections that cannot write: `mode=ro`, else (read-only media, where a WAL store's
    shared-memory file cannot be created) `immutable=1`, which needs no file beside it."""
    uri = "file:" + quote(path, safe="/") + "?mode=ro"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
        return conn

    return connect


def is_busy(exc: BaseException) -> bool:
    """Errors that mean "another writer got there first": retrying the transaction helps."""
    text = str(getattr(exc, "orig", exc)).lower()
    return any(s in text for s in ("database is locked", "database is busy", "deadlock",
                                   "could not serialize", "lock timeout"))


def is_damage(exc: BaseException) -> bool:
    """The file or a page of it is not what the store wrote (or not a store at all)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return any(word in text for word in _DAMAGE)


def is_interrupt(exc: BaseException) -> bool:
    """A query stopped by its budget (SQLite's progress handler, PostgreSQL's cancel)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return text.startswith("interrupted") or "canceling statement" in text


class Database:
    """An open store: the engine plus read and write transactions."""

    def __init__(self, db: str | Path, *, create: bool = True, readonly: bool = False,
                 pool: Pool | None = None):
        self.url = store_url(db)
        self.label = _label(db)
        self.readonly = readonly
        try:
            sa_url = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"cannot open store {self.label}: not a database URL") from exc
        self.dialect = sa_url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"cannot open store {self.label}: only SQLite files and "
                             "postgresql:// URLs are supported")
        path = sa_url.database or ""
        if self.dialect == "sqlite" and (readonly or not create):
            if path in ("", ":memory:") or not Path(path).is_file():
                raise StoreError(f"no store at {self.label}: run `chronicle ingest` first "
                                 "or pass --db")
        pool = pool or Pool()
        options: dict[str, Any] = {"pool_size": pool.size, "max_overflow": pool.overflow,
                                   "pool_timeout": pool.wait,
                                   "pool_pre_ping": self.dialect != "sqlite"}
        if self.dialect == "sqlite" and readonly:
            options.update(creator=_sqlite_readonly(path), poolclass=sa.pool.QueuePool)
        try:
            self.engine = sa.create_engine(self.url, **options)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open store {self.label}: {exc}") from exc
        if self.dialect == "sqlite":
            _setup_sqlite(self.engine, readonly)
        elif readonly:
            _setup_postgres_readonly(self.engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for one query, within the current budget (budget.py)."""
        budget = budgets.current()
        try:
            conn = self.engine.connect()
        except sa.exc.TimeoutError as exc:
            raise StoreBusy(f"the store {self.label} is busy: every connection is in use; "
                            "try again in a moment") from exc
        except sa.exc.DBAPIError as exc:
            raise self.failure(exc, "read") from exc
        try:
            with conn.begin(), self._limited(conn, budget):
                yield conn
        except (OverflowError, sa.exc.DataError) as exc:  # a value the store cannot hold
            raise QueryError(f"bad parameter: {_reason(exc)}") from exc
        except sa.exc.DBAPIError as exc:
            if budget is not None and budget.spent() and self.dialect == "postgresql":
                conn.invalidate()  # a late cancel request must not reach the next user
            raise self.failure(exc, "read", budget) from exc
        finally:
            conn.close()

    @contextmanager
    def _limited(self, conn: Connection, budget: budgets.Budget | None) -> Iterator[None]:
        """Apply `budget` to the queries run on `conn` while inside."""
        if budget is None:
            yield
            return
        raw: Any = conn.connection.dbapi_connection
        if budget.spent():
            raise StoreBusy(budget.describe())
        if self.dialect == "sqlite":
            raw.set_progress_handler(budget.progress, budgets.SQLITE_STEPS)
            try:
                yield
            finally:
                raw.set_progress_handler(None, 0)
            return
        remaining = budget.remaining()
        if remaining is not None:
            conn.execute(sa.select(sa.func.set_config("statement_timeout",
                                                      str(int(remaining * 1000) + 1), True)))
        cancel = getattr(raw, "cancel_safe", None) or raw.cancel
        with budget.watching(cancel):
            yield

    def failure(self, exc: sa.exc.DBAPIError, doing: str,
                budget: budgets.Budget | None = None) -> StoreError:
        """The one-line error for a driver failure: busy, stopped, damaged, or other."""
        reason = _reason(exc)
        if budget is not None and (budget.spent() or is_interrupt(exc)):
            return StoreBusy(budget.describe())
        if is_damage(exc):
            return StoreError(f"the store {self.label} is damaged or not a Chronicle store "
                              f"({reason}): restore it from a copy, or ingest again into a "
                              "new one")
        return StoreError(f"cannot {doing} store {self.label}: {reason}")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, serialised with every other Chronicle writer."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(chronicle_begin="immediate")
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
                yield conn

    def retrying(self, work: Callable[[Connection], T], attempts: int = 8,
                 on_retry: Callable[[], None] | None = None) -> T:
        """Run `work` in a write transaction, again from scratch if the store was busy."""
        for attempt in range(attempts):
            try:
                with self.write() as conn:
                    return work(conn)
            except sa.exc.DBAPIError as exc:
                if not is_busy(exc) or attempt == attempts - 1:
                    raise self.failure(exc, "write") from exc
                if on_retry is not None:
                    on_retry()
                time.sleep(min(0.05 * 2 ** attempt, 2.0))
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        self.engine.dispose()


def _label(db: str | Path) -> str:
    """The store as shown in messages: never the password of a URL."""
    text = str(db)
    if "://" in text:
        try:
            return sa.engine.make_url(text).render_as_string(hide_password=True)
        except sa.exc.ArgumentError:
            return text.split("://", 1)[0] + "://..."
    return text


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
