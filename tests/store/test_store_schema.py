"""The schema: readable tables, versioned migrations, full-text index, concurrent writers."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa
from old_store import make_v2_store
from store_support import Doc, busy_writer

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.errors import StoreError
from chronicle.store import migrations, schema
from chronicle.store.database import Database

TABLES = {"documents", "actors", "actor_names", "roles", "mentions", "events", "event_actors",
          "quotes", "timexes", "schema_version"}


def test_tables_have_the_names_analysts_read(store: Store) -> None:
    with store.database.read() as conn:
        names = set(sa.inspect(conn).get_table_names())
        columns = {c["name"] for c in sa.inspect(conn).get_columns("event_actors")}
        version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    assert TABLES <= names
    assert {"event_id", "actor_id", "role"} <= columns
    assert version == migrations.LATEST


def test_sqlite_store_uses_wal_and_fts5(tmp_path) -> None:
    with open_store(tmp_path / "c.db") as opened, opened.database.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        fts = set(conn.execute(sa.text("SELECT name FROM sqlite_master WHERE name LIKE :p"),
                               {"p": "%_fts"}).scalars())
    assert fts == {"documents_fts", "events_fts", "quotes_fts"}


def test_reading_a_missing_sqlite_store_says_how_to_make_one(tmp_path) -> None:
    with pytest.raises(StoreError, match="chronicle ingest"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_store_from_a_newer_chronicle_is_refused(db_url: str) -> None:
    with open_store(db_url) as opened, opened.database.write() as conn:
        conn.execute(sa.insert(schema.schema_version).values(version=migrations.LATEST + 1,
                                                             applied_at="later"))
    with pytest.raises(StoreError, match="upgrade Chronicle"):
        open_store(db_url)


def test_pending_migrations_run_in_order_once(db_url: str, monkeypatch) -> None:
    open_store(db_url).close()
    applied = []

    def add_note_column(conn: sa.Connection) -> None:
        applied.append("v2")
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN note TEXT"))

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_note_column])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    for _ in range(2):
        with open_store(db_url) as opened, opened.database.read() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
            versions = list(conn.execute(sa.select(schema.schema_version.c.version)
                                         .order_by(schema.schema_version.c.version)).scalars())
    assert "note" in columns
    assert versions == list(range(1, migrations.LATEST + 1))
    assert applied == ["v2"]


def test_a_first_release_store_gains_the_second_release_fields(db_url: str) -> None:
    from chronicle.records import Event, Magnitude

    make_v2_store(db_url)
    database = Database(db_url)
    with database.write() as conn:  # back to version 1
        for statement in migrations._V2_DDL:
            table, column = statement.split()[2], statement.split()[5]
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))  # noqa: S608
        conn.execute(sa.delete(schema.schema_version).where(
            schema.schema_version.c.version >= 2))
    database.close()
    with open_store(db_url) as opened:
        doc = Doc("d", "Gunmen killed at least 16 people in Arbat.")
        doc.entity("Gunmen")
        result = doc.result()
        killed = Magnitude("dead", 16, "at least 16 people", "at least")
        result.events.append(Event("d#ev1", "d", "ASSAULT", ("d#1",), (), 0, 42,
                                   result.document.text, "killed", magnitudes=(killed,),
                                   date_source="publication"))
        opened.write(result)
        with opened.database.read() as conn:
            row = conn.execute(sa.select(schema.events)
                               .where(schema.events.c.doc_id == "d")).one()
    assert (row.dead, row.date_source, row.magnitude_text) == (16, "publication",
                                                               "at least 16 people")


def test_name_keys_are_recomputed_when_the_key_function_changes(db_url: str) -> None:
    with open_store(db_url) as opened:
        doc = Doc("d", "Lena Varga arrived.")
        doc.entity("Lena Varga")
        opened.write(doc.result())
        with opened.database.write() as conn:
            conn.execute(sa.update(schema.actor_names).values(name_key="stale"))
            conn.execute(sa.update(schema.store_meta).where(schema.store_meta.c.key == "name_key")
                         .values(value="an older key function"))
    with open_store(db_url) as opened:
        assert [c.id for c in opened.find_actors("LENA VARGA")] == ["lena-varga"]


def test_two_writers_at_once_lose_nothing_and_share_actors(db_url: str) -> None:
    open_store(db_url).close()
    n = 25
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        done = pool.starmap(busy_writer, [(db_url, 1, n), (db_url, 2, n)])
    assert done == [n, n]
    with open_store(db_url) as opened:
        counts = opened.counts()
        haddad = opened.find_actors("Karim Haddad")
        harbour = opened.find_actors("Eastport Harbour Authority")
    assert counts["documents"] == 2 * n and counts["events"] == 2 * n
    assert len(haddad) == 1 and haddad[0].events == 2 * n
    assert len(harbour) == 1 and counts["actors"] == 2
