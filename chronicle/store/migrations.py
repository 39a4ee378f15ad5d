"""Schema versions: a `schema_version` table and an ordered list of migration functions.

A new store is created from the current `schema.py` in one go and stamped with the latest
version; an older store gets the missing migrations, in order, each in the same locked
transaction. Migration N upgrades a store from version N-1: append functions, never edit
one that shipped. (Alembic would add a dependency, a config folder and autogeneration that
cannot see the full-text DDL; a dozen lines do the job here.)

The full-text index is the one dialect-specific part: SQLite gets FTS5 external-content
tables kept in step by triggers (so edits made in Datasette are indexed too), PostgreSQL
a generated tsvector column with a GIN index.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import StoreError
from chronicle.store import schema
from chronicle.store.keys import name_key_function
from chronicle.store.rekey import SQLITE_FTS, v4_keys

# Constant DDL written out in full (the sql-injection lint reads every string). SQLite: one
# FTS5 table per searched text, external content, kept in step by triggers, as declared by
# migration 4 (rekey.py), in the form Datasette recognises.
# PostgreSQL: a generated tsvector column and a GIN index per searched text. left(): a
# tsvector holds at most 1 MB, so book-length documents are indexed in part.
_POSTGRES_FTS = [
    ("ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
     "(to_tsvector('english', left(text, 400000))) STORED"),
    "CREATE INDEX ix_documents_search ON documents USING gin (search_vector)",
    ("ALTER TABLE events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
     "(to_tsvector('english', left(sentence, 400000))) STORED"),
    "CREATE INDEX ix_events_search ON events USING gin (search_vector)",
    ("ALTER TABLE quotes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
     "(to_tsvector('english', left(text, 400000))) STORED"),
    "CREATE INDEX ix_quotes_search ON quotes USING gin (search_vector)",
]
FTS_DDL = {"sqlite": SQLITE_FTS, "postgresql": _POSTGRES_FTS}


def _v1_baseline(conn: Connection) -> None:
    """Version 1 is the first released schema: nothing to upgrade from."""


# Version 2 (second release): casualties, geography and date sources on events, country
# and sector on actors, the role of each date expression. TEXT and INTEGER are the same
# words in both dialects.
_V2_DDL = [
    "ALTER TABLE events ADD COLUMN date_source TEXT",
    "ALTER TABLE events ADD COLUMN country_code TEXT",
    "ALTER TABLE events ADD COLUMN admin1 TEXT",
    "ALTER TABLE events ADD COLUMN geo_precision TEXT",
    "ALTER TABLE events ADD COLUMN dead INTEGER",
    "ALTER TABLE events ADD COLUMN injured INTEGER",
    "ALTER TABLE events ADD COLUMN size INTEGER",
    "ALTER TABLE events ADD COLUMN magnitude_text TEXT",
    "ALTER TABLE events ADD COLUMN magnitudes TEXT",
    "ALTER TABLE actors ADD COLUMN country TEXT",
    "ALTER TABLE actors ADD COLUMN sector TEXT",
    "ALTER TABLE timexes ADD COLUMN role TEXT",
]


def _v2_fields(conn: Connection) -> None:
    for statement in _V2_DDL:
        conn.exec_driver_sql(statement)


def _v3_failures(conn: Connection) -> None:
    """Version 3: the `failures` table, so that ingest can retry only what failed."""
    schema.failures.create(conn, checkfirst=True)


def _v5_incidents(conn: Connection) -> None:
    """Version 5: incidents, and the stored events grouped into them."""
    from chronicle.store.incidents import regroup

    for table in schema.INCIDENT_TABLES:
        table.create(conn, checkfirst=True)
    regroup(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1_baseline, _v2_fields, _v3_failures,
                                                   v4_keys, _v5_incidents]
LATEST = len(MIGRATIONS)


def migrate(conn: Connection) -> int:
    """Bring the store behind `conn` (a locked write transaction) to the latest version."""
    if not sa.inspect(conn).has_table("schema_version"):
        _create(conn)
        return LATEST
    current = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    current = current or 0
    if current > LATEST:
        raise StoreError(f"the store has schema version {current} but this Chronicle knows "
                         f"only up to {LATEST}: upgrade Chronicle")
    for version in range(current + 1, LATEST + 1):
        MIGRATIONS[version - 1](conn)
        _stamp(conn, version)
    refresh_name_keys(conn)
    return LATEST


def _create(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    for statement in FTS_DDL[conn.dialect.name]:
        conn.exec_driver_sql(statement)
    for version in range(1, LATEST + 1):
        _stamp(conn, version)
    conn.execute(sa.insert(schema.store_meta).values(key="name_key",
                                                    value=name_key_function()[0]))


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(sa.insert(schema.schema_version).values(
        version=version, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))


def refresh_name_keys(conn: Connection) -> None:
    """Recompute stored name keys when the key function changed since they were written.

    The resolver may start exposing its own name key (transliteration-aware); lookups by
    name must then compare keys made by that same function.
    """
    meta = schema.store_meta
    ident, func = name_key_function()
    stored = conn.execute(sa.select(meta.c.value).where(meta.c.key == "name_key")).scalar()
    if stored == ident:
        return
    names = schema.actor_names
    rows = conn.execute(sa.select(names.c.actor_id, names.c.name)).all()
    update = (sa.update(names)
              .where(names.c.actor_id == sa.bindparam("a_id"),
                     names.c.name == sa.bindparam("a_name"))
              .values(name_key=sa.bindparam("a_key")))
    if rows:
        conn.execute(update, [{"a_id": r.actor_id, "a_name": r.name, "a_key": func(r.name)}
                              for r in rows])
    conn.execute(sa.delete(meta).where(meta.c.key == "name_key"))
    conn.execute(sa.insert(meta).values(key="name_key", value=ident))
