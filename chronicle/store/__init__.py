"""The store: SQLAlchemy Core over SQLite (default, one file) or PostgreSQL (teams).

    schema.py      the tables (one definition for both backends)
    migrations.py  schema_version + ordered migrations; full-text DDL per backend
    database.py    engines, read/write transactions, write lock and retry
    writer.py      one analysed document -> one transaction (actors resolved inside)
    reader.py      rows -> records (Document, Actor, Event, Quote, Timex)
    fts.py         full-text matching (FTS5 / tsvector), the only dialect-specific query
    budget.py      time limits and cancellation of reads (the web app sets them)
    keys.py        text hashes, name keys, partial-date bounds
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from chronicle.errors import StoreError
from chronicle.store import migrations, schema
from chronicle.store.database import Database, Pool, store_url
from chronicle.store.keys import name_key_function

__all__ = ["Database", "Pool", "open_database", "store_url"]


def open_database(db: str | Path, *, create: bool = True, readonly: bool = False,
                  pool: Pool | None = None) -> Database:
    """Open (and create or upgrade) a store; StoreError with the reason when it cannot.

    `readonly` opens an existing store without writing a byte (no creation, no upgrade,
    no journal switch): what the query commands and the read-only web app need, and what
    works on read-only media. A store that needs an upgrade is refused with the command
    that upgrades it.
    """
    database = Database(db, create=create, readonly=readonly, pool=pool)
    try:
        version, key = _state(database)
        if readonly:
            _check_readable(database, version)
        elif version != migrations.LATEST or key != name_key_function()[0]:
            with database.write() as conn:
                migrations.migrate(conn)
    except sa.exc.DBAPIError as exc:
        database.close()
        raise database.failure(exc, "open") from exc
    except sa.exc.SQLAlchemyError as exc:
        database.close()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot open store {database.label}: {reason}") from exc
    except BaseException:
        database.close()
        raise
    return database


def _state(database: Database) -> tuple[int | None, str | None]:
    """The schema version and name-key stamp, read without taking the write lock
    (None, None: no Chronicle tables at all)."""
    with database.engine.connect() as conn, conn.begin():
        if not sa.inspect(conn).has_table("schema_version"):
            return None, None
        version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))
                               ).scalar()
        meta = schema.store_meta
        key = conn.execute(sa.select(meta.c.value).where(meta.c.key == "name_key")).scalar()
    return version, key


def _check_readable(database: Database, version: int | None) -> None:
    """A read-only open cannot create or upgrade: say what would."""
    if version is None:
        raise StoreError(f"{database.label} is not a Chronicle store (it has no "
                         "schema_version table): pass the --db of a store made by "
                         "`chronicle ingest`")
    if version > migrations.LATEST:
        raise StoreError(f"the store {database.label} has schema version {version} but this "
                         f"Chronicle knows only up to {migrations.LATEST}: upgrade Chronicle")
    if version < migrations.LATEST:
        raise StoreError(f"the store {database.label} has schema version {version}; this "
                         f"Chronicle reads version {migrations.LATEST}: run `chronicle "
                         "ingest` on it once (any input) to upgrade it, then ask again")
