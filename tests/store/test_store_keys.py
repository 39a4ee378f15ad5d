"""Migration 4: foreign keys that point at primary keys; full-text tables Datasette finds.

A store made by version 2 (tests/store/old_store.py) is opened by this Chronicle: its rows
must come through with the new key columns filled, its constraints must match those of a
store made new, and search must still find its text.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from old_store import make_v2_store
from store_support import border_dispute, stored

from chronicle.api import open as open_store
from chronicle.store import schema

CHILDREN = ("mentions", "events", "event_actors", "quotes", "timexes")


def _shape(url: str) -> dict[str, tuple[set[str], set[tuple[str, str, str]], set[str]]]:
    """Per data table: column names, foreign keys (column, table, column), index names."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            out = {}
            for table in schema.DATA_TABLES:
                columns = {c["name"] for c in inspector.get_columns(table.name)}
                keys = {(fk["constrained_columns"][0], fk["referred_table"],
                         fk["referred_columns"][0])
                        for fk in inspector.get_foreign_keys(table.name)}
                indexes = {i["name"] for i in inspector.get_indexes(table.name)
                           if i["name"] and i["name"].startswith("ix_")}
                out[table.name] = (columns, keys, indexes)
            return out
    finally:
        engine.dispose()


def _url(store_url: str) -> str:
    from chronicle.store.database import store_url as to_url

    return to_url(store_url)


def test_every_foreign_key_points_at_a_primary_key(db_url: str) -> None:
    open_store(db_url).close()
    shape = _shape(_url(db_url))
    primary = {t.name: {c.name for c in t.primary_key.columns} for t in schema.DATA_TABLES}
    keys = {(table, *fk) for table, (_, fks, _) in shape.items() for fk in fks}
    assert keys and all(column in primary[parent] for _, _, parent, column in keys)
    assert ("events", "doc_seq", "documents", "seq") in keys
    assert ("event_actors", "event_seq", "events", "seq") in keys


def test_a_version_2_store_is_rekeyed_and_keeps_its_rows(new_db: Callable[[], str]) -> None:
    old, fresh = new_db(), new_db()
    make_v2_store(old)
    with open_store(old) as opened:
        with opened.database.read() as conn:
            doc_seq = conn.execute(sa.select(schema.documents.c.seq)).scalar_one()
            seqs = {t: set(conn.execute(sa.select(schema.DATA_TABLES[i].c.doc_seq)).scalars())
                    for i, t in ((4, "mentions"), (5, "events"), (7, "quotes"),
                                 (8, "timexes"))}
            link = conn.execute(sa.select(schema.event_actors.c.event_seq,
                                          schema.events.c.seq, schema.events.c.dead)
                                .join(schema.events,
                                      schema.events.c.id == schema.event_actors.c.event_id)
                                ).one()
        assert [h.doc for h in opened.search("shelled")] == ["old-1"]
        assert [h.ref for h in opened.search("shelled", type="ASSAULT")] == ["old-1:e1"]
        assert opened.timeline()[0].source_names == ["gunmen"]
    assert all(found == {doc_seq} for found in seqs.values()), seqs
    assert link.event_seq == link.seq and link.dead == 3
    open_store(fresh).close()
    assert _shape(_url(old)) == _shape(_url(fresh))


def test_a_rekeyed_sqlite_store_passes_the_foreign_key_check(tmp_path) -> None:
    path = str(tmp_path / "old.db")
    make_v2_store(path)
    with open_store(path) as opened:
        stored(opened, border_dispute())
        with opened.database.read() as conn:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            fts = dict(conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts'").all())
            left = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE '%before_v4%'").all()
        assert [h.doc for h in opened.search("Geneva")] == ["dispatch-2"]
    assert problems == [] and left == []
    assert 'content="documents"' in fts["documents_fts"]
    assert 'content="events"' in fts["events_fts"] and 'content="quotes"' in fts["quotes_fts"]
