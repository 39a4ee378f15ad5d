"""Queries the web app needs beyond query.py: overview, lists, one document, the network.

Same rules as query.py: each function takes an open connection, builds its SQL with
SQLAlchemy Core and bound parameters, and returns typed rows whose `to_json()` is what the
API prints. Nothing here formats for a page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import QueryError
from chronicle.query import ActorCandidate, TimelineEvent, event_conditions, find_actors
from chronicle.query.filter import ANY, EventFilter
from chronicle.records import Document, Quote, Timex
from chronicle.store import schema as s
from chronicle.store.reader import (
    chunks,
    document_record,
    event_records,
    load_actors,
    quote_record,
    timex_record,
)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    date: str | None
    source: str
    outlet: str | None
    length: int
    events: int = 0
    quotes: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "date": self.date, "source": self.source,
                "outlet": self.outlet, "length": self.length, "events": self.events,
                "quotes": self.quotes}


@dataclass(slots=True)
class Overview:
    """What a store holds, for the front page: counts, date span, busiest actors."""

    counts: dict[str, int]
    first_document: str | None
    last_document: str | None
    first_event: str | None
    last_event: str | None
    event_types: dict[str, int]
    actor_kinds: dict[str, int]
    busiest: list[ActorCandidate] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts,
                "documents": {"first": self.first_document, "last": self.last_document},
                "events": {"first": self.first_event, "last": self.last_event},
                "event_types": self.event_types, "actor_kinds": self.actor_kinds,
                "busiest": [a.to_json() for a in self.busiest]}


@dataclass(frozen=True, slots=True)
class DocActor:
    """An actor as it appears in one document: where its mentions are."""

    id: str
    name: str
    kind: str
    mentions: list[tuple[int, int]]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind,
                "mentions": [{"start": a, "end": b} for a, b in self.mentions]}


@dataclass(frozen=True, slots=True)
class SpokenQuote:
    quote: Quote
    speaker_name: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.quote.to_json(), "speaker_name": self.speaker_name}


@dataclass(slots=True)
class DocumentView:
    """One document with every record that points into its text (offsets included)."""

    document: Document
    actors: list[DocActor]
    events: list[TimelineEvent]
    quotes: list[SpokenQuote]
    timexes: list[Timex]

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document.to_json(),
                "actors": [a.to_json() for a in self.actors],
                "events": [e.to_json() for e in self.events],
                "quotes": [q.to_json() for q in self.quotes],
                "timexes": [t.to_json() for t in self.timexes]}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    kind: str
    weight: int  # events on the node's edges in this graph

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "weight": self.weight}


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    weight: int  # events with `source` among the sources and `target` among the targets
    types: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "weight": self.weight,
                "types": self.types}


@dataclass(slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = False  # more actors matched than `max_nodes`

    def to_json(self) -> dict[str, Any]:
        return {"nodes": [n.to_json() for n in self.nodes],
                "edges": [e.to_json() for e in self.edges], "truncated": self.truncated}


def generation(conn: Connection) -> tuple[Any, ...]:
    """What changes whenever ingest adds to the store: the highest row numbers (one
    indexed lookup each), for caches of answers (serve/cache.py)."""
    top = [sa.select(sa.func.max(col)).scalar_subquery()
           for col in (s.documents.c.seq, s.events.c.seq, s.quotes.c.seq,
                       s.actors.c.updated_seq)]
    return tuple(conn.execute(sa.select(*top)).one())


def _first_last(conn: Connection, table: sa.Table) -> tuple[str | None, str | None]:
    """The earliest and latest date as written (partial dates stay partial)."""
    ends = []
    for order in (table.c.date_start.asc(), table.c.date_start.desc()):
        row = conn.execute(sa.select(table.c.date).where(table.c.date_start.is_not(None))
                           .order_by(order).limit(1)).first()
        ends.append(row.date if row else None)
    return ends[0], ends[1]


def _counts(conn: Connection, query: sa.Select[Any]) -> dict[str, int]:
    """(name, count) rows as a dict, in the query's order."""
    return {row[0]: row[1] for row in conn.execute(query)}


def overview(conn: Connection, *, top: int = 10) -> Overview:
    counts = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
              for t in s.DATA_TABLES}
    ev = s.events
    types = _counts(conn, sa.select(ev.c.event_type, sa.func.count())
                    .where(ev.c.negated.is_(False), ev.c.hypothetical.is_(False))
                    .group_by(ev.c.event_type)
                    .order_by(sa.func.count().desc(), ev.c.event_type))
    kinds = _counts(conn, sa.select(s.actors.c.kind, sa.func.count())
                    .group_by(s.actors.c.kind)
                    .order_by(sa.func.count().desc(), s.actors.c.kind))
    first_doc, last_doc = _first_last(conn, s.documents)
    first_ev, last_ev = _first_last(conn, ev)
    return Overview(counts=counts, first_document=first_doc, last_document=last_doc,
                    first_event=first_ev, last_event=last_ev, event_types=types,
                    actor_kinds=kinds, busiest=busiest_actors(conn, limit=top))


def busiest_actors(conn: Connection, *, limit: int = 50, offset: int = 0,
                   kind: str | None = None) -> list[ActorCandidate]:
    """Actors with the most events first (actors without events last, by name)."""
    a, ea = s.actors, s.event_actors
    n = sa.func.count(sa.distinct(ea.c.event_id)).label("n")
    query = (sa.select(a.c.id, n).select_from(a.outerjoin(ea, ea.c.actor_id == a.c.id))
             .group_by(a.c.id, a.c.name).order_by(n.desc(), a.c.name, a.c.id)
             .limit(limit).offset(offset))
    if kind:
        query = query.where(a.c.kind == kind)
    rows = conn.execute(query).all()
    loaded = {x.id: x for x in load_actors(conn, [r.id for r in rows], mentions=False)}
    return [ActorCandidate(id=r.id, name=loaded[r.id].name, kind=loaded[r.id].kind,
                           aliases=loaded[r.id].aliases, events=r.n)
            for r in rows if r.id in loaded]


def _summaries(conn: Connection, query: sa.Select) -> list[DocumentSummary]:
    d = s.documents
    n_events = (sa.select(sa.func.count()).where(s.events.c.doc_id == d.c.id)
                .scalar_subquery())
    n_quotes = (sa.select(sa.func.count()).where(s.quotes.c.doc_id == d.c.id)
                .scalar_subquery())
    query = query.add_columns(d.c.id, d.c.title, d.c.date, d.c.source, d.c.outlet,
                              sa.func.length(d.c.text).label("length"),
                              n_events.label("n_events"), n_quotes.label("n_quotes"))
    return [DocumentSummary(id=r.id, title=r.title, date=r.date, source=r.source,
                            outlet=r.outlet, length=r.length or 0, events=r.n_events,
                            quotes=r.n_quotes) for r in conn.execute(query)]


def count_documents(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(s.documents)).scalar_one())


def count_actors(conn: Connection, kind: str | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(s.actors)
    if kind:
        query = query.where(s.actors.c.kind == kind)
    return int(conn.execute(query).scalar_one())


def list_documents(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[DocumentSummary]:
    """Documents, newest publication date first, undated last.

    The page is chosen on (date, seq) alone: lengths and counts are then computed for
    its rows only, not for every document the sort reads."""
    d = s.documents
    order = (d.c.date_start.desc().nulls_last(), d.c.seq)
    page = sa.select(d.c.seq).order_by(*order).limit(limit).offset(offset).subquery()
    query = (sa.select().select_from(d.join(page, page.c.seq == d.c.seq)).order_by(*order))
    return _summaries(conn, query)


def actor_documents(conn: Connection, actor_id: str, *, limit: int = 100
                    ) -> list[DocumentSummary]:
    """The documents that mention an actor, newest first."""
    d = s.documents
    mentioned = sa.select(s.mentions.c.doc_id).where(s.mentions.c.actor_id == actor_id)
    query = (sa.select().select_from(d).where(d.c.id.in_(mentioned))
             .order_by(d.c.date_start.desc().nulls_last(), d.c.seq).limit(limit))
    return _summaries(conn, query)


def _names(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for part in chunks(sorted(ids)):
        rows = conn.execute(sa.select(s.actors.c.id, s.actors.c.name, s.actors.c.kind)
                            .where(s.actors.c.id.in_(part)))
        found.update({r.id: (r.name, r.kind) for r in rows})
    return found


def document_view(conn: Connection, doc_id: str) -> DocumentView | None:
    """A document and its actors, events (flagged ones too), quotes and dates, by offset."""
    row = conn.execute(sa.select(s.documents).where(s.documents.c.id == doc_id)).first()
    if row is None:
        return None
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in conn.execute(sa.select(s.mentions.c.actor_id, s.mentions.c.start, s.mentions.c.end)
                          .where(s.mentions.c.doc_id == doc_id).order_by(s.mentions.c.start)):
        spans[m.actor_id].append((m.start, m.end))
    event_rows = list(conn.execute(sa.select(s.events).where(s.events.c.doc_id == doc_id)
                                   .order_by(s.events.c.start, s.events.c.seq)))
    events = event_records(conn, event_rows)
    quotes = [quote_record(q) for q in conn.execute(
        sa.select(s.quotes).where(s.quotes.c.doc_id == doc_id).order_by(s.quotes.c.start))]
    timexes = [timex_record(t) for t in conn.execute(
        sa.select(s.timexes).where(s.timexes.c.doc_id == doc_id).order_by(s.timexes.c.start))]
    wanted = set(spans) | {a for e in events for a in (*e.source, *e.target)}
    wanted |= {q.speaker for q in quotes if q.speaker}
    names = _names(conn, wanted)
    actors = [DocActor(id=a, name=names[a][0], kind=names[a][1], mentions=spans.get(a, []))
              for a in sorted(wanted, key=lambda a: (-len(spans.get(a, [])), a)) if a in names]

    def named(ids: tuple[str, ...]) -> list[str]:
        return [names.get(a, (a, ""))[0] for a in ids]

    return DocumentView(
        document=document_record(row), actors=actors,
        events=[TimelineEvent(event=e, doc_title=row.title, doc_date=row.date,
                              source_names=named(e.source), target_names=named(e.target))
                for e in events],
        quotes=[SpokenQuote(q, names[q.speaker][0] if q.speaker in names else None)
                for q in quotes],
        timexes=timexes)


def network(conn: Connection, where: EventFilter = ANY, *, min_weight: int = 1,
            max_nodes: int = 150) -> Network:
    """Who acts on whom: a node per actor, an edge per (source, target) pair with counts.

    With an actor, the graph is that actor, its counterparts and the edges among them. The
    `max_nodes` actors with the heaviest edges are kept, so a large store stays drawable.
    Negated and hypothetical statements are never edges (`where.flagged` is not read).
    """
    src, tgt, ev = s.event_actors.alias("src"), s.event_actors.alias("tgt"), s.events
    query = (sa.select(src.c.actor_id.label("a"), tgt.c.actor_id.label("b"), ev.c.event_type,
                       sa.func.count(sa.distinct(ev.c.id)).label("n"))
             .select_from(src.join(tgt, tgt.c.event_id == src.c.event_id)
                          .join(ev, ev.c.id == src.c.event_id))
             .where(src.c.role == "source", tgt.c.role == "target",
                    src.c.actor_id != tgt.c.actor_id,
                    ev.c.negated.is_(False), ev.c.hypothetical.is_(False))
             .group_by(src.c.actor_id, tgt.c.actor_id, ev.c.event_type)
             .where(*event_conditions(where, ev.c.date_start)))
    pairs: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in conn.execute(query):
        pairs[(r.a, r.b)][r.event_type] = r.n
    if where.actor:
        pairs = _ego(conn, where.actor, pairs)
    edges = [Edge(a, b, sum(t.values()), dict(sorted(t.items(), key=lambda kv: -kv[1])))
             for (a, b), t in pairs.items() if sum(t.values()) >= min_weight]
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        weight[e.source] += e.weight
        weight[e.target] += e.weight
    kept = sorted(weight, key=lambda a: (-weight[a], a))[:max_nodes]
    keep = set(kept)
    names = _names(conn, keep)
    nodes = [Node(a, names[a][0], names[a][1], weight[a]) for a in kept if a in names]
    edges = sorted((e for e in edges if e.source in keep and e.target in keep),
                   key=lambda e: (-e.weight, e.source, e.target))
    return Network(nodes=nodes, edges=edges, truncated=len(weight) > max_nodes)


def _ego(conn: Connection, actor: str, pairs: dict[tuple[str, str], dict[str, int]]
         ) -> dict[tuple[str, str], dict[str, int]]:
    ids = {c.id for c in find_actors(conn, actor)}
    if not ids:
        raise QueryError(f"no actor is named {actor!r}")
    near = ids | {x for pair in pairs for x in pair if ids & set(pair)}
    return {pair: t for pair, t in pairs.items() if pair[0] in near and pair[1] in near}
