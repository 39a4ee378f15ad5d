"""Opening a store: one SQLAlchemy engine, SQLite or PostgreSQL, set up for concurrent use.

SQLite gets WAL (readers never wait for the writer), a busy timeout, and write
transactions that start with BEGIN IMMEDIATE, so a second ingest process waits for the
write lock instead of failing half-way with "database is locked". PostgreSQL writers take
one transaction-scoped advisory lock for the same effect: ingest transactions run one at a
time, which keeps actor resolution consistent between processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from chronicle.errors import StoreError

T = TypeVar("T")
BUSY_TIMEOUT_MS = 30_000
WRITE_LOCK_KEY = 0x43_68_72_6F  # "Chro": the PostgreSQL advisory lock of ingest writers
_BEGIN = {"deferred": "BEGIN", "immediate": "BEGIN IMMEDIATE"}


def store_url(db: str | Path) -> str:
    """A `--db` value as an SQLAlchemy URL: a path is SQLite, postgres URLs use psycopg 3."""
    text = str(db)
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by pysqlite
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("chronicle_begin", "deferred")
        conn.exec_driver_sql(_BEGIN[mode])


def is_busy(exc: BaseException) -> bool:
    """Errors that mean "another writer got there first": retrying the transaction helps."""
    text = str(getattr(exc, "orig", exc)).lower()
    return any(s in text for s in ("database is locked", "database is busy", "deadlock",
                                   "could not serialize", "lock timeout"))


class Database:
    """An open store: the engine plus read and write transactions."""

    def __init__(self, db: str | Path, *, create: bool = True):
        self.url = store_url(db)
        self.label = _label(db)
        try:
            sa_url = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"cannot open store {self.label}: not a database URL") from exc
        self.dialect = sa_url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"cannot open store {self.label}: only SQLite files and "
                             "postgresql:// URLs are supported")
        if self.dialect == "sqlite" and not create:
            path = sa_url.database or ""
            if path in ("", ":memory:") or not Path(path).exists():
                raise StoreError(f"no store at {self.label}: run `chronicle ingest` first "
                                 "or pass --db")
        try:
            self.engine = sa.create_engine(self.url, pool_pre_ping=self.dialect != "sqlite")
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open store {self.label}: {exc}") from exc
        if self.dialect == "sqlite":
            _setup_sqlite(self.engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for one query."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot read store {self.label}: {_reason(exc)}") from exc

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
                    raise StoreError(f"cannot write store {self.label}: {_reason(exc)}"
                                     ) from exc
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


def _reason(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
