"""The documents ingest could not analyse or store, kept so that a rerun retries only them.

`record()` keeps the whole document with its stage, error and traceback (one row per text,
its attempts counted); `clear()` forgets texts that are stored now; `failed_documents()`
gives the documents back, one row at a time, for `chronicle ingest --retry-failed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import DocumentError
from chronicle.records import Document
from chronicle.store import schema as s
from chronicle.store.database import Database
from chronicle.store.keys import text_key


def record(db: Database, doc: Document, error: DocumentError) -> None:
    """Remember that `doc` failed (once more, if it failed before)."""
    key = text_key(doc.text)
    table = s.failures

    def write(conn: Connection) -> None:
        before = conn.execute(sa.select(table.c.attempts).where(table.c.text_key == key)
                              ).scalar()
        conn.execute(sa.delete(table).where(table.c.text_key == key))
        conn.execute(sa.insert(table).values(
            text_key=key, doc_id=doc.id, source=doc.source, line=doc.line, title=doc.title,
            date=doc.date, url=doc.url, outlet=doc.outlet, text=doc.text, stage=error.stage,
            error=error.error, traceback=error.trace or None, attempts=(before or 0) + 1,
            failed_at=datetime.now(UTC).isoformat(timespec="seconds")))

    db.retrying(write)


def failed_keys(db: Database) -> set[str]:
    """The text keys of every recorded failure (small: failures are few)."""
    with db.read() as conn:
        return set(conn.execute(sa.select(s.failures.c.text_key)).scalars())


def clear(db: Database, keys: Iterable[str]) -> None:
    """Forget the failures of these texts (they are stored now)."""
    wanted = list(keys)
    if not wanted:
        return

    def write(conn: Connection) -> None:
        conn.execute(sa.delete(s.failures).where(s.failures.c.text_key.in_(wanted)))

    db.retrying(write)


def failed_documents(db: Database) -> Iterator[Document]:
    """The recorded documents, oldest failure first, read one at a time."""
    table = s.failures
    with db.read() as conn:
        keys = list(conn.execute(sa.select(table.c.text_key)
                                 .order_by(table.c.failed_at, table.c.text_key)).scalars())
    for key in keys:
        with db.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.text_key == key)).first()
        if row is not None:
            yield Document(id=row.doc_id, text=row.text, source=row.source, title=row.title,
                           date=row.date, url=row.url, outlet=row.outlet, line=row.line)


def failure_rows(db: Database) -> list[dict[str, object]]:
    """The recorded failures without their texts: what `ingest` reports as still failing."""
    table = s.failures
    with db.read() as conn:
        rows = conn.execute(sa.select(table.c.doc_id, table.c.source, table.c.line,
                                      table.c.stage, table.c.error, table.c.attempts)
                            .order_by(table.c.failed_at, table.c.text_key)).all()
    return [dict(r._mapping) for r in rows]


__all__ = ["clear", "failed_documents", "failed_keys", "failure_rows", "record"]
