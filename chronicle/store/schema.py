"""The store's tables, one SQLAlchemy Core definition for SQLite and PostgreSQL.

Names are plain English so the SQLite file reads well in Datasette or any SQL client.
Documents, events and quotes carry an integer `seq` beside their text `id`: full-text
indexes (FTS5 external content in SQLite) need a stable integer row id, and the highest
`documents.seq` doubles as the store's generation counter during ingest (every ingest
transaction adds exactly one document). The full-text parts themselves are dialect-specific
DDL in `migrations.py`; nothing else is.

Foreign keys point at primary keys (migration 4): rows of `mentions`, `events`, `quotes`
and `timexes` name their document by `doc_seq` (documents.seq), `event_actors` its event by
`event_seq`, so Datasette and other SQL browsers draw links that open. The text ids
(`doc_id`, `event_id`) stay beside them: they are what the library and its users query.
"""

from __future__ import annotations

import sqlalchemy as sa

# BIGINT in PostgreSQL; INTEGER in SQLite, where only "INTEGER PRIMARY KEY" aliases the rowid.
SeqType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

metadata = sa.MetaData()

# Columns added to `events` by migration 2 (CONTRACT fields of the second release).
EVENT_COLUMNS_V2 = (
    ("date_source", sa.Text()),  # text, narrative, dateline, publication
    ("country_code", sa.Text()),  # ISO alpha-3 of the event's place
    ("admin1", sa.Text()),  # its province or governorate
    ("geo_precision", sa.Text()),  # point, admin1, country
    ("dead", sa.Integer()),
    ("injured", sa.Integer()),
    ("size", sa.Integer()),
    ("magnitude_text", sa.Text()),
    ("magnitudes", sa.Text()),  # JSON list of the Magnitude records, qualifiers and parts
)

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

store_meta = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("seq", SeqType, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.Text),  # publication date as given, ISO, possibly partial
    sa.Column("date_start", sa.Text),  # first day of `date`, for sorting and ranges
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_key", sa.Text, nullable=False, unique=True),  # sha256 of normalised text
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.Index("ix_documents_date_start", "date_start"),
    sqlite_autoincrement=True,  # never reuse a seq: it is the generation counter
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("updated_seq", SeqType, nullable=False),  # documents.seq of the last change
    sa.Column("country", sa.Text),  # ISO alpha-3 of the state it belongs to or acts for
    sa.Column("sector", sa.Text),  # PLOVER sector code
    sa.Index("ix_actors_updated_seq", "updated_seq"),
)

actor_names = sa.Table(
    "actor_names", metadata,
    sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("name_key", sa.Text, nullable=False),  # case-, accent- and spelling-folded
    sa.Column("canonical", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_actor_names_name_key", "name_key"),
)

roles = sa.Table(
    "roles", metadata,
    sa.Column("id", SeqType, primary_key=True, autoincrement=True),
    sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("of", sa.Text),
    sa.Column("start", sa.Text),
    sa.Column("end", sa.Text),
    sa.Index("ix_roles_actor_id", "actor_id"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", SeqType, primary_key=True, autoincrement=True),
    sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("doc_seq", SeqType, sa.ForeignKey("documents.seq"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Index("ix_mentions_actor_doc", "actor_id", "doc_id"),
    sa.Index("ix_mentions_doc_id", "doc_id"),
    sa.Index("ix_mentions_doc_seq", "doc_seq"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("seq", SeqType, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("doc_seq", SeqType, sa.ForeignKey("documents.seq"), nullable=False),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("mode", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("date_start", sa.Text),
    sa.Column("date_end", sa.Text),
    sa.Column("location_name", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("country", sa.Text),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    *(sa.Column(name, type_) for name, type_ in EVENT_COLUMNS_V2),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False, default=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False, default=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Index("ix_events_date_start", "date_start", "seq"),
    sa.Index("ix_events_type_date", "event_type", "date_start"),
    sa.Index("ix_events_doc_id", "doc_id"),
    sa.Index("ix_events_doc_seq", "doc_seq"),
    sqlite_autoincrement=True,
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, primary_key=True),  # "source" or "target"
    sa.Column("actor_id", sa.Text, sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),  # order inside the record's list
    # A copy of events.date_start: an actor's timeline then reads in date order from one
    # index and stops at the page size, even for an actor with 100,000 events.
    sa.Column("date_start", sa.Text),
    sa.Column("event_seq", SeqType, sa.ForeignKey("events.seq"), nullable=False),
    sa.Index("ix_event_actors_actor_date", "actor_id", "date_start"),
    sa.Index("ix_event_actors_event_seq", "event_seq"),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("seq", SeqType, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("doc_seq", SeqType, sa.ForeignKey("documents.seq"), nullable=False),
    sa.Column("speaker_id", sa.Text, sa.ForeignKey("actors.id")),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text),
    sa.Index("ix_quotes_speaker", "speaker_id"),
    sa.Index("ix_quotes_doc_id", "doc_id"),
    sa.Index("ix_quotes_doc_seq", "doc_seq"),
    sqlite_autoincrement=True,
)

timexes = sa.Table(
    "timexes", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("doc_seq", SeqType, sa.ForeignKey("documents.seq"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("anchor", sa.Text, nullable=False),
    sa.Column("role", sa.Text),  # narrative, flashback, aside, background (migration 2)
    sa.Index("ix_timexes_doc_id", "doc_id"),
    sa.Index("ix_timexes_doc_seq", "doc_seq"),
)

# Incidents (migration 5): events that report one happening, grouped at ingest
# (chronicle.incidents). `record` is the incident record as `extract` prints it, kept up to
# date as reports join; the columns beside it are what lists sort and filter on.
incidents = sa.Table(
    "incidents", metadata,
    sa.Column("seq", SeqType, primary_key=True, autoincrement=True),  # creation order
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("date_start", sa.Text),
    sa.Column("date_end", sa.Text),
    sa.Column("location_name", sa.Text),
    sa.Column("reports", sa.Integer, nullable=False),  # events
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("independent", sa.Integer, nullable=False),  # outlets (or outlet-less docs)
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("first_report", sa.Text),
    sa.Column("last_report", sa.Text),
    sa.Column("record", sa.Text, nullable=False),  # JSON: the `incident` record
    sa.Index("ix_incidents_date_start", "date_start", "seq"),
    sa.Index("ix_incidents_type_date", "event_type", "date_start"),
    sqlite_autoincrement=True,
)

incident_events = sa.Table(
    "incident_events", metadata,
    # text ids, as records name them; no foreign keys: `events.id` and `incidents.id` are
    # not those tables' primary keys, and Datasette draws a foreign key as a link to one
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("incident_id", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),  # the order reports joined in
    sa.Column("score", sa.Float),  # null for the report that started the incident
    sa.Column("agreed", sa.Text),  # JSON list: the fields that agreed when it joined
    sa.Column("conflicts", sa.Text),  # JSON list: the fields that did not
    sa.Column("report", sa.Text, nullable=False),  # JSON: what the grouping compared
    sa.Index("ix_incident_events_incident", "incident_id", "position"),
)

# Blocking keys (type family | actor, place or document | date bucket) -> incidents, in
# the order they were filed: a new report is compared with the newest few per key.
incident_keys = sa.Table(
    "incident_keys", metadata,
    sa.Column("seq", SeqType, primary_key=True, autoincrement=True),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("incident_id", sa.Text, nullable=False),  # incidents.id (see incident_events)
    sa.UniqueConstraint("key", "incident_id", name="uq_incident_keys_key_incident"),
    sa.Index("ix_incident_keys_key_seq", "key", "seq"),
    sqlite_autoincrement=True,
)

# Documents that ingest read but could not analyse or store (migration 3): the whole
# document, so `ingest --retry-failed` needs no input, and why it failed. Bookkeeping, not
# data: one row per text (text_key as in `documents`), gone once the text is stored.
failures = sa.Table(
    "failures", metadata,
    sa.Column("text_key", sa.Text, primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("line", sa.Integer),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("stage", sa.Text, nullable=False),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("traceback", sa.Text),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("failed_at", sa.Text, nullable=False),
)

# The data tables, in an order that respects foreign keys when inserting.
DATA_TABLES = (documents, actors, actor_names, roles, mentions, events, event_actors,
               quotes, timexes, incidents, incident_events)
INCIDENT_TABLES = (incidents, incident_events, incident_keys)
