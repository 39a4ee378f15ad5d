"""The store: SQLAlchemy Core over SQLite (default, one file) or PostgreSQL (teams).

    schema.py      the tables (one definition for both backends)
    migrations.py  schema_version + ordered migrations; full-text DDL per backend
    database.py    engines, read/write transactions, write lock and retry
    writer.py      one analysed document -> one transaction (actors resolved inside)
    reader.py      rows -> records (Document, Actor, Event, Quote, Timex)
    fts.py         full-text matching (FTS5 / tsvector), the only dialect-specific query
    keys.py        text hashes, name keys, partial-date bounds
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from chronicle.errors import StoreError
from chronicle.store import migrations, schema
from chronicle.store.database import Database, store_url
from chronicle.store.keys import name_key_function

__all__ = ["Database", "open_database", "store_url"]


def open_database(db: str | Path, *, create: bool = True) -> Database:
    """Open (and create or upgrade) a store; StoreError with the reason when it cannot."""
    database = Database(db, create=create)
    try:
        if not _is_current(database):
            with database.write() as conn:
                migrations.migrate(conn)
    except sa.exc.SQLAlchemyError as exc:
        database.close()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot open store {database.label}: {reason}") from exc
    except BaseException:
        database.close()
        raise
    return database


def _is_current(database: Database) -> bool:
    """True when no migration is due, checked without taking the write lock."""
    with database.engine.connect() as conn, conn.begin():
        if not sa.inspect(conn).has_table("schema_version"):
            return False
        version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))
                               ).scalar()
        meta = schema.store_meta
        key = conn.execute(sa.select(meta.c.value).where(meta.c.key == "name_key")).scalar()
    return version == migrations.LATEST and key == name_key_function()[0]
