"""Migration 4: foreign keys that point at primary keys, full-text tables Datasette sees.

Up to version 3, `events.doc_id` (and the same column of mentions, quotes and timexes)
referenced `documents.id`, and `event_actors.event_id` referenced `events.id`: unique
columns, but not the primary keys (`seq`). SQL browsers link a foreign key to the row with
that primary key, so every link Datasette drew led nowhere. Version 4 adds `doc_seq` and
`event_seq` columns that reference the `seq` keys, filled from the text ids, and drops the
old constraints. The FTS5 tables are declared again with `content="..."` in double quotes,
the form Datasette recognises (its search box and `_search` need it).

SQLite cannot drop a constraint, so each of the five tables is rebuilt: renamed aside,
created anew, copied, dropped, in an order where no drop leaves a row pointing nowhere.
PostgreSQL drops the constraints and adds the columns in place. Every statement below is
frozen text: later schema changes get migrations of their own.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

# -- SQLite ---------------------------------------------------------------------------

_SQLITE_DROP_FTS = [
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS events_fts_insert",
    "DROP TRIGGER IF EXISTS events_fts_delete",
    "DROP TRIGGER IF EXISTS events_fts_update",
    "DROP TRIGGER IF EXISTS quotes_fts_insert",
    "DROP TRIGGER IF EXISTS quotes_fts_delete",
    "DROP TRIGGER IF EXISTS quotes_fts_update",
    "DROP TABLE IF EXISTS documents_fts",
    "DROP TABLE IF EXISTS events_fts",
    "DROP TABLE IF EXISTS quotes_fts",
]

# Each table: set aside (with the indexes whose names the new table takes), created anew,
# filled, and the old one dropped. `events` is set aside before `event_actors` is rebuilt
# and dropped after it, so its rows never lose the event they name.
_SQLITE_REBUILD = [
    "ALTER TABLE events RENAME TO events_before_v4",
    "DROP INDEX IF EXISTS ix_events_date_start",
    "DROP INDEX IF EXISTS ix_events_type_date",
    "DROP INDEX IF EXISTS ix_events_doc_id",
    """CREATE TABLE events (
        seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
        doc_id TEXT NOT NULL, doc_seq INTEGER NOT NULL, event_type TEXT NOT NULL, mode TEXT,
        date TEXT, date_start TEXT, date_end TEXT, location_name TEXT, latitude FLOAT,
        longitude FLOAT, country TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        sentence TEXT NOT NULL, date_source TEXT, country_code TEXT, admin1 TEXT,
        geo_precision TEXT, dead INTEGER, injured INTEGER, size INTEGER,
        magnitude_text TEXT, magnitudes TEXT, "trigger" TEXT NOT NULL,
        negated BOOLEAN NOT NULL, hypothetical BOOLEAN NOT NULL, confidence FLOAT NOT NULL,
        reason TEXT NOT NULL, UNIQUE (id),
        FOREIGN KEY(doc_seq) REFERENCES documents (seq))""",
    """INSERT INTO events (seq, id, doc_id, doc_seq, event_type, mode, date, date_start,
        date_end, location_name, latitude, longitude, country, start, "end", sentence,
        date_source, country_code, admin1, geo_precision, dead, injured, size,
        magnitude_text, magnitudes, "trigger", negated, hypothetical, confidence, reason)
       SELECT e.seq, e.id, e.doc_id, d.seq, e.event_type, e.mode, e.date, e.date_start,
        e.date_end, e.location_name, e.latitude, e.longitude, e.country, e.start, e."end",
        e.sentence, e.date_source, e.country_code, e.admin1, e.geo_precision, e.dead,
        e.injured, e.size, e.magnitude_text, e.magnitudes, e."trigger", e.negated,
        e.hypothetical, e.confidence, e.reason
       FROM events_before_v4 AS e JOIN documents AS d ON d.id = e.doc_id""",
    "CREATE INDEX ix_events_date_start ON events (date_start, seq)",
    "CREATE INDEX ix_events_type_date ON events (event_type, date_start)",
    "CREATE INDEX ix_events_doc_id ON events (doc_id)",
    "CREATE INDEX ix_events_doc_seq ON events (doc_seq)",

    "ALTER TABLE event_actors RENAME TO event_actors_before_v4",
    "DROP INDEX IF EXISTS ix_event_actors_actor_date",
    """CREATE TABLE event_actors (
        event_id TEXT NOT NULL, role TEXT NOT NULL, actor_id TEXT NOT NULL,
        position INTEGER NOT NULL, date_start TEXT, event_seq INTEGER NOT NULL,
        PRIMARY KEY (event_id, role, actor_id),
        FOREIGN KEY(actor_id) REFERENCES actors (id),
        FOREIGN KEY(event_seq) REFERENCES events (seq))""",
    """INSERT INTO event_actors (event_id, role, actor_id, position, date_start, event_seq)
       SELECT l.event_id, l.role, l.actor_id, l.position, l.date_start, e.seq
       FROM event_actors_before_v4 AS l JOIN events AS e ON e.id = l.event_id""",
    "CREATE INDEX ix_event_actors_actor_date ON event_actors (actor_id, date_start)",
    "CREATE INDEX ix_event_actors_event_seq ON event_actors (event_seq)",
    "DROP TABLE event_actors_before_v4",
    "DROP TABLE events_before_v4",

    "ALTER TABLE mentions RENAME TO mentions_before_v4",
    "DROP INDEX IF EXISTS ix_mentions_actor_doc",
    "DROP INDEX IF EXISTS ix_mentions_doc_id",
    """CREATE TABLE mentions (
        id INTEGER NOT NULL, actor_id TEXT NOT NULL, doc_id TEXT NOT NULL,
        doc_seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(actor_id) REFERENCES actors (id),
        FOREIGN KEY(doc_seq) REFERENCES documents (seq))""",
    """INSERT INTO mentions (id, actor_id, doc_id, doc_seq, start, "end")
       SELECT m.id, m.actor_id, m.doc_id, d.seq, m.start, m."end"
       FROM mentions_before_v4 AS m JOIN documents AS d ON d.id = m.doc_id""",
    "CREATE INDEX ix_mentions_actor_doc ON mentions (actor_id, doc_id)",
    "CREATE INDEX ix_mentions_doc_id ON mentions (doc_id)",
    "CREATE INDEX ix_mentions_doc_seq ON mentions (doc_seq)",
    "DROP TABLE mentions_before_v4",

    "ALTER TABLE quotes RENAME TO quotes_before_v4",
    "DROP INDEX IF EXISTS ix_quotes_speaker",
    "DROP INDEX IF EXISTS ix_quotes_doc_id",
    """CREATE TABLE quotes (
        seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
        doc_id TEXT NOT NULL, doc_seq INTEGER NOT NULL, speaker_id TEXT, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, cue TEXT, UNIQUE (id),
        FOREIGN KEY(doc_seq) REFERENCES documents (seq),
        FOREIGN KEY(speaker_id) REFERENCES actors (id))""",
    """INSERT INTO quotes (seq, id, doc_id, doc_seq, speaker_id, text, start, "end", cue)
       SELECT q.seq, q.id, q.doc_id, d.seq, q.speaker_id, q.text, q.start, q."end", q.cue
       FROM quotes_before_v4 AS q JOIN documents AS d ON d.id = q.doc_id""",
    "CREATE INDEX ix_quotes_speaker ON quotes (speaker_id)",
    "CREATE INDEX ix_quotes_doc_id ON quotes (doc_id)",
    "CREATE INDEX ix_quotes_doc_seq ON quotes (doc_seq)",
    "DROP TABLE quotes_before_v4",

    "ALTER TABLE timexes RENAME TO timexes_before_v4",
    "DROP INDEX IF EXISTS ix_timexes_doc_id",
    """CREATE TABLE timexes (
        id TEXT NOT NULL, doc_id TEXT NOT NULL, doc_seq INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        value TEXT NOT NULL, anchor TEXT NOT NULL, role TEXT, PRIMARY KEY (id),
        FOREIGN KEY(doc_seq) REFERENCES documents (seq))""",
    """INSERT INTO timexes (id, doc_id, doc_seq, start, "end", text, value, anchor, role)
       SELECT t.id, t.doc_id, d.seq, t.start, t."end", t.text, t.value, t.anchor, t.role
       FROM timexes_before_v4 AS t JOIN documents AS d ON d.id = t.doc_id""",
    "CREATE INDEX ix_timexes_doc_id ON timexes (doc_id)",
    "CREATE INDEX ix_timexes_doc_seq ON timexes (doc_seq)",
    "DROP TABLE timexes_before_v4",
]

# The full-text index of version 4: FTS5 external content with `content="table"` (double
# quotes: how Datasette finds a table's full-text index), kept in step by triggers.
SQLITE_FTS = [
    ('CREATE VIRTUAL TABLE documents_fts USING fts5(text, content="documents", '
     "content_rowid=\"seq\", tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT "
     "INTO documents_fts(rowid, text) VALUES (new.seq, new.text); END"),
    ("CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT "
     "INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.seq, "
     "old.text); END"),
    ("CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN "
     "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', "
     "old.seq, old.text); INSERT INTO documents_fts(rowid, text) VALUES (new.seq, "
     "new.text); END"),
    ('CREATE VIRTUAL TABLE events_fts USING fts5(sentence, content="events", '
     "content_rowid=\"seq\", tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN INSERT INTO "
     "events_fts(rowid, sentence) VALUES (new.seq, new.sentence); END"),
    ("CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN INSERT INTO "
     "events_fts(events_fts, rowid, sentence) VALUES ('delete', old.seq, "
     "old.sentence); END"),
    ("CREATE TRIGGER events_fts_update AFTER UPDATE OF sentence ON events BEGIN "
     "INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.seq, "
     "old.sentence); INSERT INTO events_fts(rowid, sentence) VALUES (new.seq, "
     "new.sentence); END"),
    ('CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content="quotes", '
     "content_rowid=\"seq\", tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN INSERT INTO "
     "quotes_fts(rowid, text) VALUES (new.seq, new.text); END"),
    ("CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN INSERT INTO "
     "quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text); END"),
    ("CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN INSERT "
     "INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text); "
     "INSERT INTO quotes_fts(rowid, text) VALUES (new.seq, new.text); END"),
]

_SQLITE_REINDEX = [
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]

# -- PostgreSQL -----------------------------------------------------------------------
# Constraint names are PostgreSQL's own for unnamed constraints: <table>_<column>_fkey.

_POSTGRES = [
    "ALTER TABLE events DROP CONSTRAINT IF EXISTS events_doc_id_fkey",
    "ALTER TABLE events ADD COLUMN doc_seq BIGINT REFERENCES documents (seq)",
    "UPDATE events SET doc_seq = d.seq FROM documents AS d WHERE d.id = events.doc_id",
    "ALTER TABLE events ALTER COLUMN doc_seq SET NOT NULL",
    "CREATE INDEX ix_events_doc_seq ON events (doc_seq)",
    "ALTER TABLE event_actors DROP CONSTRAINT IF EXISTS event_actors_event_id_fkey",
    "ALTER TABLE event_actors ADD COLUMN event_seq BIGINT REFERENCES events (seq)",
    ("UPDATE event_actors SET event_seq = e.seq FROM events AS e "
     "WHERE e.id = event_actors.event_id"),
    "ALTER TABLE event_actors ALTER COLUMN event_seq SET NOT NULL",
    "CREATE INDEX ix_event_actors_event_seq ON event_actors (event_seq)",
    "ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_doc_id_fkey",
    "ALTER TABLE mentions ADD COLUMN doc_seq BIGINT REFERENCES documents (seq)",
    "UPDATE mentions SET doc_seq = d.seq FROM documents AS d WHERE d.id = mentions.doc_id",
    "ALTER TABLE mentions ALTER COLUMN doc_seq SET NOT NULL",
    "CREATE INDEX ix_mentions_doc_seq ON mentions (doc_seq)",
    "ALTER TABLE quotes DROP CONSTRAINT IF EXISTS quotes_doc_id_fkey",
    "ALTER TABLE quotes ADD COLUMN doc_seq BIGINT REFERENCES documents (seq)",
    "UPDATE quotes SET doc_seq = d.seq FROM documents AS d WHERE d.id = quotes.doc_id",
    "ALTER TABLE quotes ALTER COLUMN doc_seq SET NOT NULL",
    "CREATE INDEX ix_quotes_doc_seq ON quotes (doc_seq)",
    "ALTER TABLE timexes DROP CONSTRAINT IF EXISTS timexes_doc_id_fkey",
    "ALTER TABLE timexes ADD COLUMN doc_seq BIGINT REFERENCES documents (seq)",
    "UPDATE timexes SET doc_seq = d.seq FROM documents AS d WHERE d.id = timexes.doc_id",
    "ALTER TABLE timexes ALTER COLUMN doc_seq SET NOT NULL",
    "CREATE INDEX ix_timexes_doc_seq ON timexes (doc_seq)",
]


def v4_keys(conn: Connection) -> None:
    """Upgrade a version-3 store (see the module docstring)."""
    if conn.dialect.name == "sqlite":
        statements = _SQLITE_DROP_FTS + _SQLITE_REBUILD + SQLITE_FTS + _SQLITE_REINDEX
    else:
        statements = _POSTGRES
    for statement in statements:
        conn.exec_driver_sql(statement)
