"""Rows back into records: the same dataclasses `extract` prints, rebuilt from the store.

Queries and exports go through here so a stored event always reads back as the record that
was written (ids scoped to the store, see writer.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from chronicle.records import (
    Actor,
    Document,
    Event,
    Location,
    Magnitude,
    Quote,
    Role,
    Span,
    Timex,
)
from chronicle.store import schema as s

BATCH = 500  # ids per IN (...) list: well under every backend's parameter limit


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def load_actors(conn: Connection, ids: Iterable[str] | None = None, *,
                since_seq: int | None = None, mentions: bool = True) -> list[Actor]:
    """Actors with their names and roles (and mentions when asked), by id or by change."""
    query = sa.select(s.actors).order_by(s.actors.c.id)
    if since_seq:
        query = query.where(s.actors.c.updated_seq > since_seq)
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        rows = [r for part in chunks(wanted)
                for r in conn.execute(query.where(s.actors.c.id.in_(part)))]
    else:
        rows = list(conn.execute(query))
    return _complete_actors(conn, rows, mentions)


def _complete_actors(conn: Connection, rows: list[Row], with_mentions: bool) -> list[Actor]:
    aliases: dict[str, list[str]] = defaultdict(list)
    roles: dict[str, list[Role]] = defaultdict(list)
    spans: dict[str, list[Span]] = defaultdict(list)
    ids = [r.id for r in rows]
    for part in chunks(ids):
        names = conn.execute(sa.select(s.actor_names).where(s.actor_names.c.actor_id.in_(part))
                             .order_by(s.actor_names.c.actor_id, s.actor_names.c.name))
        for n in names:
            if not n.canonical:
                aliases[n.actor_id].append(n.name)
        for r in conn.execute(sa.select(s.roles).where(s.roles.c.actor_id.in_(part))
                              .order_by(s.roles.c.id)):
            roles[r.actor_id].append(Role(title=r.title, of=r.of, start=r.start, end=r.end))
        if with_mentions:
            query = (sa.select(s.mentions).where(s.mentions.c.actor_id.in_(part))
                     .order_by(s.mentions.c.id))
            for m in conn.execute(query):
                spans[m.actor_id].append(Span(doc=m.doc_id, start=m.start, end=m.end))
    return [Actor(id=r.id, name=r.name, kind=r.kind, aliases=aliases[r.id], roles=roles[r.id],
                  mentions=spans[r.id], country=r.country, sector=r.sector) for r in rows]


def event_records(conn: Connection, rows: Sequence[Row]) -> list[Event]:
    """Events from `events` rows, with source and target read from `event_actors` and
    each side's country and sector from its first actor (records built once: a timeline
    page builds thousands)."""
    links: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for part in chunks([r.id for r in rows]):
        for link in conn.execute(sa.select(s.event_actors)
                                 .where(s.event_actors.c.event_id.in_(part))):
            links[(link.event_id, link.role)].append((link.position, link.actor_id))

    def ids(event_id: str, role: str) -> tuple[str, ...]:
        return tuple(a for _, a in sorted(links.get((event_id, role), [])))

    ends = [(r, ids(r.id, "source"), ids(r.id, "target")) for r in rows]
    known = _actor_sides(conn, {side[0] for _, *both in ends for side in both if side})
    none = (None, None)

    def side(actor_ids: tuple[str, ...]) -> tuple[str | None, str | None]:
        return known.get(actor_ids[0], none) if actor_ids else none

    incident_of = incidents_of_events(conn, [r.id for r in rows])
    return [_event(r, source, target, (*side(source), *side(target)), incident_of.get(r.id))
            for r, source, target in ends]


def incidents_of_events(conn: Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """Event id -> the incident it reports (chronicle.incidents), for events in one."""
    out: dict[str, str] = {}
    link = s.incident_events
    for part in chunks(sorted(set(event_ids))):
        rows = conn.execute(sa.select(link.c.event_id, link.c.incident_id)
                            .where(link.c.event_id.in_(part)))
        out.update({r.event_id: r.incident_id for r in rows})
    return out


def _actor_sides(conn: Connection, wanted: set[str]
                 ) -> dict[str, tuple[str | None, str | None]]:
    """The country and sector of each actor in `wanted`."""
    sides: dict[str, tuple[str | None, str | None]] = {}
    for part in chunks(sorted(wanted)):
        for a in conn.execute(sa.select(s.actors.c.id, s.actors.c.country, s.actors.c.sector)
                              .where(s.actors.c.id.in_(part))):
            sides[a.id] = (a.country, a.sector)
    return sides


def _location(r: Row) -> Location | None:
    values = (r.location_name, r.latitude, r.longitude, r.country, r.country_code, r.admin1)
    if all(v is None for v in values):
        return None
    return Location(name=r.location_name or "", lat=r.latitude, lon=r.longitude,
                    country=r.country, country_code=r.country_code, admin1=r.admin1,
                    precision=r.geo_precision)


def _magnitudes(raw: str | None) -> tuple[Magnitude, ...]:
    if not raw:
        return ()
    return tuple(Magnitude(kind=m["kind"], value=m["value"], text=m["text"],
                           qualifier=m.get("qualifier"), parts=tuple(m.get("parts", ())))
                 for m in json.loads(raw))


def _event(r: Row, source: tuple[str, ...], target: tuple[str, ...],
           sides: tuple[str | None, str | None, str | None, str | None],
           incident: str | None = None) -> Event:
    return Event(id=r.id, doc=r.doc_id, event_type=r.event_type, source=source, target=target,
                 start=r.start, end=r.end, sentence=r.sentence, trigger=r.trigger,
                 mode=r.mode, date=r.date, location=_location(r), negated=bool(r.negated),
                 hypothetical=bool(r.hypothetical), confidence=float(r.confidence),
                 reason=r.reason or "", date_source=r.date_source,
                 magnitudes=_magnitudes(r.magnitudes), sides=sides, incident=incident)


def document_record(r: Row) -> Document:
    return Document(id=r.id, text=r.text, source=r.source, title=r.title, date=r.date,
                    url=r.url, outlet=r.outlet)


def quote_record(r: Row) -> Quote:
    return Quote(id=r.id, doc=r.doc_id, speaker=r.speaker_id, text=r.text, start=r.start,
                 end=r.end, cue=r.cue)


def timex_record(r: Row) -> Timex:
    return Timex(id=r.id, doc=r.doc_id, start=r.start, end=r.end, text=r.text, value=r.value,
                 anchor=r.anchor, role=r.role or "narrative")


def _pages(conn: Connection, table: sa.Table, key: sa.Column, size: int) -> Iterator[list[Row]]:
    """Keyset pagination: constant memory over millions of rows, on any backend."""
    last = None
    while True:
        query = sa.select(table).order_by(key).limit(size)
        if last is not None:
            query = query.where(key > last)
        rows = list(conn.execute(query))
        if not rows:
            return
        yield rows
        last = getattr(rows[-1], key.name)


def iter_documents(conn: Connection, size: int = 200) -> Iterator[Document]:
    for page in _pages(conn, s.documents, s.documents.c.seq, size):
        yield from (document_record(r) for r in page)


def iter_actors(conn: Connection, size: int = BATCH) -> Iterator[Actor]:
    for page in _pages(conn, s.actors, s.actors.c.id, size):
        yield from _complete_actors(conn, page, with_mentions=True)


def iter_events(conn: Connection, size: int = 2000) -> Iterator[tuple[Event, Row]]:
    for page in _pages(conn, s.events, s.events.c.seq, size):
        yield from zip(event_records(conn, page), page, strict=True)


def iter_quotes(conn: Connection, size: int = 2000) -> Iterator[Quote]:
    for page in _pages(conn, s.quotes, s.quotes.c.seq, size):
        yield from (quote_record(r) for r in page)


def iter_timexes(conn: Connection, size: int = 2000) -> Iterator[Timex]:
    for page in _pages(conn, s.timexes, s.timexes.c.id, size):
        yield from (timex_record(r) for r in page)


def iter_incident_records(conn: Connection, size: int = 500) -> Iterator[dict[str, Any]]:
    """The stored incident records (JSON), in the order the incidents were made."""
    for page in _pages(conn, s.incidents, s.incidents.c.seq, size):
        yield from (json.loads(r.record) for r in page)
