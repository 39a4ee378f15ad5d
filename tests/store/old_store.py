"""A store as version 2 of the schema made it, for the migration tests.

The tables are the version-2 definitions, frozen here (schema.py moves on); the rows are
written straight into them, the way that release's writer laid them out.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from chronicle.store import migrations
from chronicle.store.database import Database
from chronicle.store.keys import name_key_function

Seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
V2 = sa.MetaData()
sa.Table("schema_version", V2, sa.Column("version", sa.Integer, primary_key=True,
                                         autoincrement=False),
         sa.Column("applied_at", sa.Text, nullable=False))
sa.Table("store_meta", V2, sa.Column("key", sa.Text, primary_key=True),
         sa.Column("value", sa.Text, nullable=False))
sa.Table("documents", V2, sa.Column("seq", Seq, primary_key=True, autoincrement=True),
         sa.Column("id", sa.Text, nullable=False, unique=True), sa.Column("title", sa.Text),
         sa.Column("date", sa.Text), sa.Column("date_start", sa.Text),
         sa.Column("source", sa.Text, nullable=False), sa.Column("url", sa.Text),
         sa.Column("outlet", sa.Text), sa.Column("text", sa.Text, nullable=False),
         sa.Column("text_key", sa.Text, nullable=False, unique=True),
         sa.Column("ingested_at", sa.Text, nullable=False),
         sa.Index("ix_documents_date_start", "date_start"), sqlite_autoincrement=True)
sa.Table("actors", V2, sa.Column("id", sa.Text, primary_key=True),
         sa.Column("name", sa.Text, nullable=False), sa.Column("kind", sa.Text, nullable=False),
         sa.Column("updated_seq", Seq, nullable=False), sa.Column("country", sa.Text),
         sa.Column("sector", sa.Text), sa.Index("ix_actors_updated_seq", "updated_seq"))
sa.Table("actor_names", V2,
         sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), primary_key=True),
         sa.Column("name", sa.Text, primary_key=True),
         sa.Column("name_key", sa.Text, nullable=False),
         sa.Column("canonical", sa.Boolean, nullable=False, default=False),
         sa.Index("ix_actor_names_name_key", "name_key"))
sa.Table("roles", V2, sa.Column("id", Seq, primary_key=True, autoincrement=True),
         sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), nullable=False),
         sa.Column("title", sa.Text, nullable=False), sa.Column("of", sa.Text),
         sa.Column("start", sa.Text), sa.Column("end", sa.Text),
         sa.Index("ix_roles_actor_id", "actor_id"))
sa.Table("mentions", V2, sa.Column("id", Seq, primary_key=True, autoincrement=True),
         sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), nullable=False),
         sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
         sa.Column("start", sa.Integer, nullable=False),
         sa.Column("end", sa.Integer, nullable=False),
         sa.Index("ix_mentions_actor_doc", "actor_id", "doc_id"),
         sa.Index("ix_mentions_doc_id", "doc_id"))
sa.Table("events", V2, sa.Column("seq", Seq, primary_key=True, autoincrement=True),
         sa.Column("id", sa.Text, nullable=False, unique=True),
         sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
         sa.Column("event_type", sa.Text, nullable=False), sa.Column("mode", sa.Text),
         sa.Column("date", sa.Text), sa.Column("date_start", sa.Text),
         sa.Column("date_end", sa.Text), sa.Column("location_name", sa.Text),
         sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float),
         sa.Column("country", sa.Text), sa.Column("start", sa.Integer, nullable=False),
         sa.Column("end", sa.Integer, nullable=False),
         sa.Column("sentence", sa.Text, nullable=False), sa.Column("date_source", sa.Text),
         sa.Column("country_code", sa.Text), sa.Column("admin1", sa.Text),
         sa.Column("geo_precision", sa.Text), sa.Column("dead", sa.Integer),
         sa.Column("injured", sa.Integer), sa.Column("size", sa.Integer),
         sa.Column("magnitude_text", sa.Text), sa.Column("magnitudes", sa.Text),
         sa.Column("trigger", sa.Text, nullable=False),
         sa.Column("negated", sa.Boolean, nullable=False, default=False),
         sa.Column("hypothetical", sa.Boolean, nullable=False, default=False),
         sa.Column("confidence", sa.Float, nullable=False),
         sa.Column("reason", sa.Text, nullable=False, default=""),
         sa.Index("ix_events_date_start", "date_start", "seq"),
         sa.Index("ix_events_type_date", "event_type", "date_start"),
         sa.Index("ix_events_doc_id", "doc_id"), sqlite_autoincrement=True)
sa.Table("event_actors", V2,
         sa.Column("event_id", sa.Text, sa.ForeignKey("events.id"), primary_key=True),
         sa.Column("role", sa.Text, primary_key=True),
         sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), primary_key=True),
         sa.Column("position", sa.Integer, nullable=False), sa.Column("date_start", sa.Text),
         sa.Index("ix_event_actors_actor_date", "actor_id", "date_start"))
sa.Table("quotes", V2, sa.Column("seq", Seq, primary_key=True, autoincrement=True),
         sa.Column("id", sa.Text, nullable=False, unique=True),
         sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
         sa.Column("speaker_id", sa.Text, sa.ForeignKey("actors.id")),
         sa.Column("text", sa.Text, nullable=False),
         sa.Column("start", sa.Integer, nullable=False),
         sa.Column("end", sa.Integer, nullable=False), sa.Column("cue", sa.Text),
         sa.Index("ix_quotes_speaker", "speaker_id"), sa.Index("ix_quotes_doc_id", "doc_id"),
         sqlite_autoincrement=True)
sa.Table("timexes", V2, sa.Column("id", sa.Text, primary_key=True),
         sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
         sa.Column("start", sa.Integer, nullable=False),
         sa.Column("end", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
         sa.Column("value", sa.Text, nullable=False), sa.Column("anchor", sa.Text, nullable=False),
         sa.Column("role", sa.Text), sa.Index("ix_timexes_doc_id", "doc_id"))

TEXT = ("Gunmen shelled Arbat on Monday. \"We will rebuild,\" Mayor Lina Sade said.")
# Version 2 declared its full-text tables with content='...' in single quotes.
OLD_SQLITE_FTS = [statement.replace('"', "'") for statement in migrations.FTS_DDL["sqlite"]]


def make_v2_store(url: str) -> None:
    """An empty version-2 store at `url`, then one document with each kind of row."""
    database = Database(url)
    try:
        with database.write() as conn:
            V2.create_all(conn)
            fts = (OLD_SQLITE_FTS if conn.dialect.name == "sqlite"
                   else migrations.FTS_DDL["postgresql"])
            for statement in fts:
                conn.exec_driver_sql(statement)
            t = V2.tables
            now = datetime.now(UTC).isoformat()
            conn.execute(sa.insert(t["schema_version"]), [
                {"version": 1, "applied_at": now}, {"version": 2, "applied_at": now}])
            conn.execute(sa.insert(t["store_meta"]).values(key="name_key",
                                                          value=name_key_function()[0]))
            _rows(conn, t)
    finally:
        database.close()


def _rows(conn: sa.Connection, t: dict[str, sa.Table]) -> None:
    conn.execute(sa.insert(t["documents"]).values(
        id="old-1", title="Arbat shelled", date="2013-03-04", date_start="2013-03-04",
        source="old-1.txt", text=TEXT, text_key="k1", ingested_at="2013-03-05"))
    for actor, kind in (("gunmen", "group"), ("lina-sade", "person")):
        conn.execute(sa.insert(t["actors"]).values(id=actor, name=actor, kind=kind,
                                                  updated_seq=1))
        conn.execute(sa.insert(t["actor_names"]).values(actor_id=actor, name=actor,
                                                       name_key=actor, canonical=True))
    conn.execute(sa.insert(t["mentions"]).values(actor_id="gunmen", doc_id="old-1", start=0,
                                                end=6))
    conn.execute(sa.insert(t["events"]).values(
        id="old-1:e1", doc_id="old-1", event_type="ASSAULT", date="2013-03-04",
        date_start="2013-03-04", start=0, end=31, sentence=TEXT[:31], trigger="shelled",
        negated=False, hypothetical=False, confidence=0.8, reason="test", dead=3))
    conn.execute(sa.insert(t["event_actors"]).values(event_id="old-1:e1", role="source",
                                                    actor_id="gunmen", position=0,
                                                    date_start="2013-03-04"))
    conn.execute(sa.insert(t["quotes"]).values(id="old-1:q1", doc_id="old-1",
                                              speaker_id="lina-sade", text="We will rebuild,",
                                              start=33, end=49, cue="said"))
    conn.execute(sa.insert(t["timexes"]).values(id="old-1:t1", doc_id="old-1", start=24,
                                                end=30, text="Monday", value="2013-03-04",
                                                anchor="publication"))
