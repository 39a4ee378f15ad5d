"""What analysts ask the store: search, timeline, actor profile. Rows out, never formatting.

Each function takes an open connection and returns typed rows whose `to_json()` is what
`--format json` and the web API print. Names given by users are matched on the same name
key the store indexes (case, accents, and spelling variants when the resolver exposes a
key), so `--actor "ahmed al-sharaa"` finds "Ahmad al-Sharaa".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import ConfigError, QueryError
from chronicle.query.conditions import event_conditions, event_type
from chronicle.query.filter import ANY, EventFilter
from chronicle.records import Actor, Event, Quote
from chronicle.store import schema as s
from chronicle.store.fts import MARK_END, MARK_START, Filters, Match, match
from chronicle.store.keys import name_key, query_date
from chronicle.store.reader import event_records, load_actors, quote_record

T = TypeVar("T")
SNIPPET_BEFORE, SNIPPET_AFTER = 80, 160  # characters of context around the first hit
HIT_OPEN, HIT_CLOSE = "«", "»"  # marks around hits in JSON snippets


class Results(list[T], Generic[T]):
    """A list of rows that also converts to JSON and to a pandas DataFrame."""

    def to_json(self) -> list[dict[str, Any]]:
        return [row.to_json() for row in self]  # type: ignore[attr-defined]

    def to_pandas(self) -> Any:
        try:
            import pandas
        except ImportError as exc:
            raise ConfigError("to_pandas() needs pandas: pip install chronicle[pandas]"
                              ) from exc
        return pandas.DataFrame(self.to_json())


class AmbiguousActor(QueryError):
    """Several actors answer to one name: the caller shows `candidates` and asks again."""

    def __init__(self, name: str, candidates: list[ActorCandidate]):
        super().__init__(f"{name!r} names {len(candidates)} actors: "
                         + "; ".join(f"{c.name} ({c.id})" for c in candidates))
        self.name = name
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    id: str
    name: str
    kind: str
    aliases: list[str]
    events: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "aliases": self.aliases,
                "events": self.events}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One hit: `start`/`end` index the document text; `parts` is the snippet, hits flagged."""

    kind: str  # where the words were found: "document", "event" (sentence) or "quote"
    ref: str  # id of that document, event or quote
    doc: str
    start: int
    end: int
    parts: tuple[tuple[str, bool], ...]
    doc_title: str | None = None
    doc_date: str | None = None
    score: float = 0.0

    @property
    def snippet(self) -> str:
        return "".join(f"{HIT_OPEN}{t}{HIT_CLOSE}" if hit else t for t, hit in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "snippet": self.snippet,
                "kind": self.kind, "ref": self.ref, "doc_title": self.doc_title,
                "doc_date": self.doc_date, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    event: Event
    doc_title: str | None
    doc_date: str | None
    source_names: list[str]
    target_names: list[str]

    def to_json(self) -> dict[str, Any]:
        return {**self.event.to_json(), "doc_title": self.doc_title, "doc_date": self.doc_date,
                "source_names": self.source_names, "target_names": self.target_names}


@dataclass(frozen=True, slots=True)
class Counterpart:
    id: str
    name: str
    kind: str
    count: int  # events with this actor on the other side

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "count": self.count}


@dataclass(slots=True)
class ActorProfile:
    actor: Actor
    events: dict[str, dict[str, int]]  # {"source": {type: n}, "target": {type: n}}
    counterparts: list[Counterpart] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    documents: int = 0
    # {"source": {type: [names of its targets]}, "target": {type: [names of its sources]}}
    partners_by_type: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**self.actor.to_json(), "events": self.events,
                "counterparts": [c.to_json() for c in self.counterparts],
                "partners_by_type": self.partners_by_type,
                "quotes": [q.to_json() for q in self.quotes], "first_seen": self.first_seen,
                "last_seen": self.last_seen, "documents": self.documents}


def _matching_ids(conn: Connection, name: str) -> list[str]:
    """An id, else every actor with that name or alias, else with that word in a name."""
    names = s.actor_names
    key = name_key(name)
    ids = list(conn.execute(sa.select(s.actors.c.id).where(s.actors.c.id == name)).scalars())
    if not ids and key:
        ids = list(conn.execute(sa.select(names.c.actor_id).distinct()
                                .where(names.c.name_key == key)).scalars())
    if not ids and key:
        col = names.c.name_key
        words = sa.or_(col.startswith(key + " ", autoescape=True),
                       col.endswith(" " + key, autoescape=True),
                       col.contains(" " + key + " ", autoescape=True))
        ids = list(conn.execute(sa.select(names.c.actor_id).distinct().where(words)).scalars())
    return sorted(ids)


def find_actors(conn: Connection, name: str) -> list[ActorCandidate]:
    """Actors answering to `name`, most active first, with their event counts."""
    ids = _matching_ids(conn, name)
    link = s.event_actors
    counts: dict[str, int] = {}
    if ids:
        counts.update((r[0], r[1]) for r in conn.execute(
            sa.select(link.c.actor_id, sa.func.count(sa.distinct(link.c.event_id)))
            .where(link.c.actor_id.in_(ids)).group_by(link.c.actor_id)))
    found = [ActorCandidate(id=a.id, name=a.name, kind=a.kind, aliases=a.aliases,
                            events=counts.get(a.id, 0))
             for a in load_actors(conn, ids, mentions=False)]
    return sorted(found, key=lambda c: (-c.events, c.name, c.id))


def _actor_ids(conn: Connection, name: str | None) -> tuple[str, ...] | None:
    if not name:
        return None
    ids = _matching_ids(conn, name)
    if not ids:
        raise QueryError(f"no actor is named {name!r}")
    return tuple(ids)


def search_scope(conn: Connection, where: EventFilter) -> tuple[Filters, list[str]]:
    """The filters as the full-text index takes them, and which texts they search."""
    filters = Filters(date_from=query_date(where.date_from, end=False),
                      date_to=query_date(where.date_to, end=True),
                      actor_ids=_actor_ids(conn, where.actor), event_type=event_type(where.type),
                      country=where.country, outlet=where.outlet, place=where.place)
    if filters.event_type or filters.country or filters.place:
        return filters, ["event"]
    if filters.actor_ids is not None:
        return filters, ["event", "quote"]
    return filters, ["document"]


def search(conn: Connection, query: str, where: EventFilter = ANY, *,
           limit: int = 50, offset: int = 0) -> Results[SearchHit]:
    """Hits of `query`: in document texts, or with an actor, type or country in event
    sentences (and the actor's quotes), best first; `offset` hits skipped."""
    if not query.strip():
        raise QueryError("bad search query: it is empty")
    filters, kinds = search_scope(conn, where)
    wanted = offset + limit
    matches = [m for kind in kinds for m in match(conn, kind, query, filters, wanted)]
    matches.sort(key=lambda m: -m.score)
    page = matches[offset:wanted]
    docs = _doc_info(conn, {m.doc for m in page})
    return Results(_hit(m, *docs.get(m.doc, (None, None))) for m in page)


def _doc_info(conn: Connection, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    if not ids:
        return {}
    rows = conn.execute(sa.select(s.documents.c.id, s.documents.c.title, s.documents.c.date)
                        .where(s.documents.c.id.in_(sorted(ids))))
    return {r.id: (r.title, r.date) for r in rows}


def _hit(m: Match, title: str | None, date: str | None) -> SearchHit:
    plain, marks = _unmark(m.marked)
    first = marks[0] if marks else (0, 0)
    lo = max(0, first[0] - SNIPPET_BEFORE)
    hi = min(len(plain), first[1] + SNIPPET_AFTER)
    if lo > 0:  # start and end the snippet on whole words
        lo = plain.find(" ", lo, first[0]) + 1 or lo
    if hi < len(plain):
        cut = plain.rfind(" ", first[1], hi)
        hi = cut if cut > 0 else hi
    parts: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    pos = lo
    for a, b in marks:
        if b <= lo or a >= hi:
            continue
        parts += [(plain[pos:max(a, lo)], False), (plain[max(a, lo):min(b, hi)], True)]
        pos = min(b, hi)
    parts.append((plain[pos:hi], False))
    if hi < len(plain):
        parts.append(("…", False))
    tidy = tuple((_SPACE.sub(" ", t), hit) for t, hit in parts if t)
    return SearchHit(kind=m.kind, ref=m.ref, doc=m.doc, start=m.base + first[0],
                     end=m.base + first[1], parts=tidy, doc_title=title, doc_date=date,
                     score=m.score)


_SPACE = re.compile(r"\s+")
_MARK = re.compile(f"[{MARK_START}{MARK_END}]")


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without hit marks, and where each hit lies in it (hits apart by spaces merged)."""
    plain = _MARK.sub("", marked)
    marks: list[tuple[int, int]] = []
    opened = None
    for removed, found in enumerate(_MARK.finditer(marked)):
        at = found.start() - removed
        if found.group() == MARK_START:
            opened = at
        elif opened is not None:
            if marks and not plain[marks[-1][1]:opened].strip():
                opened = marks.pop()[0]
            marks.append((opened, at))
            opened = None
    return plain, marks


def timeline(conn: Connection, where: EventFilter = ANY, *,
             limit: int | None = None) -> Results[TimelineEvent]:
    """Events in date order (partial dates at their first day), undated last.

    Negated and hypothetical statements are left out unless the filter keeps `flagged`.
    """
    ev, ea = s.events, s.event_actors
    ids = _actor_ids(conn, where.actor)
    columns = (ev, s.documents.c.title.label("doc_title"), s.documents.c.date.label("doc_date"))
    if ids is None:
        base, dated = sa.select(*columns).select_from(ev), ev.c.date_start
    else:  # from the actor's index, already in date order
        base = (sa.select(*columns).select_from(ea.join(ev, ev.c.id == ea.c.event_id))
                .where(ea.c.actor_id.in_(ids)))
        dated = ea.c.date_start
    base = base.join(s.documents, s.documents.c.id == ev.c.doc_id)
    base = base.where(*event_conditions(where, dated))
    if not where.flagged:
        base = base.where(*_stated())
    # Dated and undated apart: each half reads in index order, no sort of all events.
    rows = list(conn.execute(base.where(dated.is_not(None)).order_by(dated, ev.c.seq)
                             .limit(limit)))
    if not where.dated and (limit is None or len(rows) < limit):
        rest = None if limit is None else limit - len(rows)
        rows += conn.execute(base.where(dated.is_(None)).order_by(ev.c.seq).limit(rest))
    unique = list({r.id: r for r in reversed(rows)}.values())[::-1]  # source and target
    return Results(_timeline_rows(conn, unique))


def _timeline_rows(conn: Connection, rows: list[sa.Row]) -> list[TimelineEvent]:
    events = event_records(conn, rows)
    wanted = {a for e in events for a in (*e.source, *e.target)}
    names = _names(conn, wanted)
    return [TimelineEvent(event=e, doc_title=r.doc_title, doc_date=r.doc_date,
                          source_names=[names.get(a, a) for a in e.source],
                          target_names=[names.get(a, a) for a in e.target])
            for e, r in zip(events, rows, strict=True)]


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ordered = sorted(ids)
    for i in range(0, len(ordered), 500):
        rows = conn.execute(sa.select(s.actors.c.id, s.actors.c.name)
                            .where(s.actors.c.id.in_(ordered[i:i + 500])))
        found.update({r.id: r.name for r in rows})
    return found


def actor_profile(conn: Connection, name: str, *, top: int = 10) -> ActorProfile:
    """Everything about one actor; AmbiguousActor when the name fits several."""
    found = find_actors(conn, name)
    if not found:
        raise QueryError(f"no actor is named {name!r}")
    if len(found) > 1:
        raise AmbiguousActor(name, found)
    actor = load_actors(conn, [found[0].id])[0]
    me, other = s.event_actors.alias("me"), s.event_actors.alias("other")
    counts: dict[str, dict[str, int]] = {"source": {}, "target": {}}
    rows = conn.execute(sa.select(me.c.role, s.events.c.event_type, sa.func.count())
                        .join(s.events, s.events.c.id == me.c.event_id)
                        .where(me.c.actor_id == actor.id, *_stated())
                        .group_by(me.c.role, s.events.c.event_type))
    for role, kind, n in rows:
        counts.setdefault(role, {})[kind] = n
    n_events = sa.func.count(sa.distinct(me.c.event_id))
    pairs = conn.execute(
        sa.select(other.c.actor_id, n_events.label("n"))
        .join(other, sa.and_(other.c.event_id == me.c.event_id, other.c.role != me.c.role))
        .join(s.events, s.events.c.id == me.c.event_id)
        .where(me.c.actor_id == actor.id, other.c.actor_id != actor.id, *_stated())
        .group_by(other.c.actor_id).order_by(sa.desc("n"), other.c.actor_id).limit(top)).all()
    partners = {a.id: a for a in load_actors(conn, [p.actor_id for p in pairs], mentions=False)}
    quotes = conn.execute(sa.select(s.quotes).where(s.quotes.c.speaker_id == actor.id)
                          .order_by(s.quotes.c.seq))
    first, last, n_docs = _seen(conn, actor.id)
    by_type = _partners_by_type(conn, actor.id, me, other)
    return ActorProfile(
        actor=actor, events=counts,
        counterparts=[Counterpart(id=p.actor_id, name=partners[p.actor_id].name,
                                  kind=partners[p.actor_id].kind, count=p.n)
                      for p in pairs if p.actor_id in partners],
        quotes=[quote_record(q) for q in quotes], first_seen=first, last_seen=last,
        documents=n_docs, partners_by_type=by_type)


def _stated() -> tuple[Any, ...]:
    """Events as stated: negated and hypothetical statements are no events (as in timeline)."""
    return (s.events.c.negated.is_(False), s.events.c.hypothetical.is_(False))


def _partners_by_type(conn: Connection, actor_id: str, me: Any, other: Any
                      ) -> dict[str, dict[str, list[str]]]:
    """Who was on the other side, by event type: who accused this actor, whom it met."""
    rows = conn.execute(
        sa.select(me.c.role, s.events.c.event_type, s.actors.c.name, sa.func.count())
        .join(s.events, s.events.c.id == me.c.event_id)
        .join(other, sa.and_(other.c.event_id == me.c.event_id, other.c.role != me.c.role))
        .join(s.actors, s.actors.c.id == other.c.actor_id)
        .where(me.c.actor_id == actor_id, other.c.actor_id != actor_id, *_stated())
        .group_by(me.c.role, s.events.c.event_type, s.actors.c.name)
        .order_by(sa.desc(sa.func.count()), s.actors.c.name))
    out: dict[str, dict[str, list[str]]] = {"source": {}, "target": {}}
    for role, kind, name, _n in rows:
        out.setdefault(role, {}).setdefault(kind, []).append(name)
    return out


def _seen(conn: Connection, actor_id: str) -> tuple[str | None, str | None, int]:
    """Earliest and latest dates (as written) of the actor's documents and events."""
    ea, ev, docs = s.event_actors, s.events, s.documents
    doc_ids = (sa.select(s.mentions.c.doc_id).where(s.mentions.c.actor_id == actor_id)
               .union(sa.select(ev.c.doc_id).join(ea, ea.c.event_id == ev.c.id)
                      .where(ea.c.actor_id == actor_id))).subquery()
    in_docs = conn.execute(sa.select(docs.c.date_start, docs.c.date)
                           .where(docs.c.id.in_(sa.select(doc_ids.c.doc_id)))).all()
    ends = [(r.date_start, r.date) for r in in_docs if r.date_start]
    in_events = (sa.select(ea.c.date_start, ev.c.date).join(ev, ev.c.id == ea.c.event_id)
                 .where(ea.c.actor_id == actor_id, ea.c.date_start.is_not(None)))
    for order in (ea.c.date_start.asc(), ea.c.date_start.desc()):  # index order: 2 rows read
        row = conn.execute(in_events.order_by(order).limit(1)).first()
        if row is not None:
            ends.append((row.date_start, row.date))
    if not ends:
        return None, None, len(in_docs)
    return min(ends)[1], max(ends)[1], len(in_docs)
