"""Events as lists that can be paged, counted and downloaded whole.

The timeline of query/__init__.py answers "the first N events"; analysts also need the
rest: a page at any offset with the total beside it, every matching event streamed in
date order for a download (constant memory: keyset pages, never an offset), and the
total of a search. Same filter record, same rows (`TimelineEvent`), same order: dated
events by their first day, then the undated ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import QueryError
from chronicle.query import TimelineEvent, find_actors, search_scope
from chronicle.query.conditions import event_conditions
from chronicle.query.filter import ANY, EventFilter
from chronicle.store import schema as s
from chronicle.store.fts import count as count_matches
from chronicle.store.reader import chunks, event_records

T = TypeVar("T")
STREAM_PAGE = 1000  # events read per query when a download streams every match


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer list: its rows, where it starts, and how many there are."""

    rows: list[T]
    total: int
    offset: int
    limit: int

    @property
    def more(self) -> bool:
        return self.offset + len(self.rows) < self.total

    @property
    def number(self) -> int:
        return self.offset // self.limit + 1 if self.limit else 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1


def actor_ids(conn: Connection, name: str) -> list[str]:
    ids = [c.id for c in find_actors(conn, name)]
    if not ids:
        raise QueryError(f"no actor is named {name!r}")
    return ids


def conditions(conn: Connection, where: EventFilter) -> list[Any]:
    """Every bound of `where` on `events`, the actor and the flag included."""
    ev = s.events
    found = event_conditions(where, ev.c.date_start)
    if where.actor:
        involved = (sa.select(s.event_actors.c.event_id)
                    .where(s.event_actors.c.actor_id.in_(actor_ids(conn, where.actor))))
        found.append(ev.c.id.in_(involved))
    if not where.flagged:
        found += [ev.c.negated.is_(False), ev.c.hypothetical.is_(False)]
    return found


def _select(where_sql: list[Any]) -> sa.Select[Any]:
    d = s.documents
    return (sa.select(s.events, d.c.title.label("doc_title"), d.c.date.label("doc_date"))
            .join(d, d.c.id == s.events.c.doc_id).where(*where_sql))


def count_events(conn: Connection, where: EventFilter = ANY) -> int:
    query = sa.select(sa.func.count()).select_from(s.events).where(*conditions(conn, where))
    return int(conn.execute(query).scalar_one())


def event_page(conn: Connection, where: EventFilter = ANY, *, limit: int = 50,
               offset: int = 0) -> Page[TimelineEvent]:
    """Events `offset` to `offset + limit` in timeline order, and how many match.

    Dated and undated events are read apart, each in the order of an index, so a page
    never sorts every match; the undated ones are read only when the page reaches them.
    """
    where_sql = conditions(conn, where)
    ev = s.events
    dated = ev.c.date_start.is_not(None)
    rows = list(conn.execute(_select([*where_sql, dated]).order_by(ev.c.date_start, ev.c.seq)
                             .limit(limit).offset(offset)))
    if len(rows) < limit:
        skip = 0
        if not rows:  # the page starts past the dated events: how many were there?
            n_dated = conn.execute(sa.select(sa.func.count()).select_from(ev)
                                   .where(*where_sql, dated)).scalar_one()
            skip = max(0, offset - int(n_dated))
        rows += conn.execute(_select([*where_sql, ev.c.date_start.is_(None)])
                             .order_by(ev.c.seq).limit(limit - len(rows)).offset(skip))
    total = conn.execute(sa.select(sa.func.count()).select_from(ev).where(*where_sql))
    return Page(rows=timeline_rows(conn, rows), total=int(total.scalar_one()), offset=offset,
                limit=limit)


def iter_events(conn: Connection, where: EventFilter = ANY, *,
                size: int = STREAM_PAGE) -> Iterator[TimelineEvent]:
    """Every matching event in timeline order, read `size` at a time (keyset pages)."""
    where_sql = conditions(conn, where)
    ev = s.events
    key: Any = sa.tuple_(ev.c.date_start, ev.c.seq)
    last: tuple[Any, ...] | None = None
    while True:
        query = _select(where_sql).where(ev.c.date_start.is_not(None))
        if last is not None:
            query = query.where(key > sa.tuple_(*last))
        rows = list(conn.execute(query.order_by(ev.c.date_start, ev.c.seq).limit(size)))
        yield from timeline_rows(conn, rows)
        if len(rows) < size:
            break
        last = (rows[-1].date_start, rows[-1].seq)
    seq = 0
    while True:
        rows = list(conn.execute(_select(where_sql).where(ev.c.date_start.is_(None),
                                                          ev.c.seq > seq)
                                 .order_by(ev.c.seq).limit(size)))
        yield from timeline_rows(conn, rows)
        if len(rows) < size:
            return
        seq = rows[-1].seq


def timeline_rows(conn: Connection, rows: list[sa.Row]) -> list[TimelineEvent]:
    """Rows of `events` (with doc_title and doc_date) as timeline rows, names read once."""
    events = event_records(conn, rows)
    wanted = sorted({a for e in events for a in (*e.source, *e.target)})
    names: dict[str, str] = {}
    for part in chunks(wanted):
        names.update({r.id: r.name for r in conn.execute(
            sa.select(s.actors.c.id, s.actors.c.name).where(s.actors.c.id.in_(part)))})
    return [TimelineEvent(event=e, doc_title=r.doc_title, doc_date=r.doc_date,
                          source_names=[names.get(a, a) for a in e.source],
                          target_names=[names.get(a, a) for a in e.target])
            for e, r in zip(events, rows, strict=True)]


def search_total(conn: Connection, query: str, where: EventFilter = ANY) -> int:
    """How many texts `search` would find with no limit (the total beside its pages)."""
    filters, kinds = search_scope(conn, where)
    return sum(count_matches(conn, kind, query, filters) for kind in kinds)


def documents_of(conn: Connection, ids: set[str]) -> dict[str, sa.Row]:
    """The outlet, URL, title and date of each document, for the columns of a download."""
    d = s.documents
    found: dict[str, sa.Row] = {}
    for part in chunks(sorted(ids)):
        for row in conn.execute(sa.select(d.c.id, d.c.title, d.c.date, d.c.outlet, d.c.url)
                                .where(d.c.id.in_(part))):
            found[row.id] = row
    return found
