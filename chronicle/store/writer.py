"""Writing one analysed document: everything it adds, in one transaction, or nothing.

Actors are resolved inside the write transaction, against the store as it is at that
moment: writers are serialised (see database.py), and when another process has committed
since our last write, the actors it changed are loaded before resolving. Two ingest runs
on one store therefore never hand out the same actor id twice, and a rerun after a crash
resolves exactly as an uninterrupted run would have. The document's events are grouped
into incidents in the same transaction (store/incidents.py), for the same reasons.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.records import Actor, DocumentResult, Entity, Event, Span
from chronicle.resolve import Resolver
from chronicle.store import schema as s
from chronicle.store.database import Database
from chronicle.store.incidents import group_document
from chronicle.store.keys import date_bounds, name_key_function, text_key
from chronicle.store.reader import load_actors


@dataclass(frozen=True, slots=True)
class _Written:
    seq: int
    actors: list[Actor]


def _copy(actor: Actor) -> Actor:
    """A detached copy: the resolver may mutate what it is given."""
    return Actor(id=actor.id, name=actor.name, kind=actor.kind, aliases=list(actor.aliases),
                 roles=list(actor.roles), mentions=[], country=actor.country,
                 sector=actor.sector)


class Writer:
    """Stores `DocumentResult`s, resolving their entities against the stored actors."""

    def __init__(self, db: Database):
        self.db = db
        self._cache: dict[str, Actor] = {}  # committed actors, without mentions
        self._cache_seq = 0  # highest documents.seq reflected in the cache
        self._resolver: Resolver | None = None

    def write(self, result: DocumentResult) -> bool:
        """Store one document; False when its text is already stored."""
        try:
            written = self.db.retrying(lambda conn: self._write(conn, result),
                                       on_retry=self._invalidate)
        except BaseException:
            self._invalidate()  # the resolver saw entities that were rolled back
            raise
        if written is None:
            return False
        for actor in written.actors:
            self._cache[actor.id] = _copy(actor)
            actor.mentions.clear()  # stored now; kept in memory they would grow without end
        self._cache_seq = written.seq
        return True

    def _invalidate(self) -> None:
        self._resolver = None

    def _sync(self, conn: Connection) -> Resolver:
        current = conn.execute(sa.select(sa.func.max(s.documents.c.seq))).scalar() or 0
        if self._resolver is not None and current == self._cache_seq:
            return self._resolver
        if current != self._cache_seq:
            changed = load_actors(conn, since_seq=self._cache_seq, mentions=False)
            self._cache.update({a.id: a for a in changed})
            self._cache_seq = current
        self._resolver = Resolver(_copy(a) for a in self._cache.values())
        return self._resolver

    def _write(self, conn: Connection, result: DocumentResult) -> _Written | None:
        doc = result.document
        key = text_key(doc.text)
        if conn.execute(sa.select(s.documents.c.seq).where(s.documents.c.text_key == key)
                        ).first():
            return None
        result = _scoped(result, _free_doc_id(conn, doc.id))
        resolver = self._sync(conn)
        mapping = resolver.add(result.entities)
        result = resolver.rewrite(result)
        seq = _insert_document(conn, result, key)
        touched = set(mapping.values())
        actors = [a for a in resolver.actors() if a.id in touched]
        _write_actors(conn, actors, seq)
        _insert(conn, s.mentions, _mention_rows(result.entities, mapping, seq))
        _write_events(conn, result.events, touched, seq)
        _insert(conn, s.quotes, [
            {"id": q.id, "doc_id": q.doc, "doc_seq": seq, "speaker_id": q.speaker
             if q.speaker in touched else None, "text": q.text, "start": q.start,
             "end": q.end, "cue": q.cue} for q in result.quotes])
        _insert(conn, s.timexes, [
            {"id": t.id, "doc_id": t.doc, "doc_seq": seq, "start": t.start, "end": t.end,
             "text": t.text, "value": t.value, "anchor": t.anchor, "role": t.role}
            for t in result.timexes])
        group_document(conn, result, mapping)
        return _Written(seq=seq, actors=actors)


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(sa.insert(table), rows)


def _free_doc_id(conn: Connection, wanted: str) -> str:
    """The document's own id, or id#2, id#3... when another text already has it."""
    candidate, n = wanted, 1
    while conn.execute(sa.select(s.documents.c.seq).where(s.documents.c.id == candidate)
                       ).first():
        n += 1
        candidate = f"{wanted}#{n}"
    return candidate


def _scoped(result: DocumentResult, doc_id: str) -> DocumentResult:
    """Ids made unique in the store: extract's ids are only unique within one run."""
    def sid(local: str) -> str:
        return local if local.startswith((doc_id + "#", doc_id + ":")) else f"{doc_id}:{local}"

    def span(m: Span) -> Span:
        return replace(m, doc=doc_id)

    entities = [Entity(key=e.key, doc=doc_id, name=e.name, kind=e.kind, names=list(e.names),
                       titles=list(e.titles), roles=list(e.roles),
                       mentions=[span(m) for m in e.mentions], country=e.country,
                       sector=e.sector, generic=e.generic, namesake=e.namesake)
                for e in result.entities]
    return DocumentResult(
        document=replace(result.document, id=doc_id), entities=entities,
        timexes=[replace(t, id=sid(t.id), doc=doc_id) for t in result.timexes],
        events=[replace(e, id=sid(e.id), doc=doc_id) for e in result.events],
        quotes=[replace(q, id=sid(q.id), doc=doc_id) for q in result.quotes])


def _insert_document(conn: Connection, result: DocumentResult, key: str) -> int:
    doc = result.document
    row = conn.execute(sa.insert(s.documents).values(
        id=doc.id, title=doc.title, date=doc.date, date_start=date_bounds(doc.date)[0],
        source=doc.source, url=doc.url, outlet=doc.outlet, text=doc.text, text_key=key,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    ).returning(s.documents.c.seq)).scalar_one()
    return int(row)


def _write_actors(conn: Connection, actors: list[Actor], seq: int) -> None:
    if not actors:
        return
    ids = [a.id for a in actors]
    existing = set(conn.execute(sa.select(s.actors.c.id).where(s.actors.c.id.in_(ids))
                                ).scalars())
    _insert(conn, s.actors, [{"id": a.id, "name": a.name, "kind": a.kind, "updated_seq": seq,
                              "country": a.country, "sector": a.sector}
                             for a in actors if a.id not in existing])
    update = (sa.update(s.actors).where(s.actors.c.id == sa.bindparam("a_id"))
              .values(name=sa.bindparam("a_name"), kind=sa.bindparam("a_kind"),
                      country=sa.bindparam("a_country"), sector=sa.bindparam("a_sector"),
                      updated_seq=seq))
    changed = [{"a_id": a.id, "a_name": a.name, "a_kind": a.kind, "a_country": a.country,
                "a_sector": a.sector} for a in actors if a.id in existing]
    if changed:
        conn.execute(update, changed)
    conn.execute(sa.delete(s.actor_names).where(s.actor_names.c.actor_id.in_(ids)))
    conn.execute(sa.delete(s.roles).where(s.roles.c.actor_id.in_(ids)))
    key = name_key_function()[1]
    names, roles = [], []
    for actor in actors:
        for i, name in enumerate(dict.fromkeys([actor.name, *actor.aliases])):
            names.append({"actor_id": actor.id, "name": name, "name_key": key(name),
                          "canonical": i == 0})
        for role in dict.fromkeys(actor.roles):
            roles.append({"actor_id": actor.id, "title": role.title, "of": role.of,
                          "start": role.start, "end": role.end})
    _insert(conn, s.actor_names, names)
    _insert(conn, s.roles, roles)


def _mention_rows(entities: Iterable[Entity], mapping: dict[str, str],
                  doc_seq: int) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str, int, int], dict[str, Any]] = {}
    for ent in entities:
        actor_id = mapping.get(ent.key)
        if actor_id is None:
            continue
        for m in ent.mentions:
            rows[(actor_id, m.doc, m.start, m.end)] = {
                "actor_id": actor_id, "doc_id": m.doc, "doc_seq": doc_seq, "start": m.start,
                "end": m.end}
    return list(rows.values())


def _v2_values(e: Event) -> dict[str, Any]:
    """The columns of migration 2: date source, place codes, magnitudes."""
    loc = e.location
    values: dict[str, Any] = {k: (m.value if (m := e.magnitude(k)) else None)
                              for k in ("dead", "injured", "size")}
    return {"date_source": e.date_source, "country_code": loc.country_code if loc else None,
            "admin1": loc.admin1 if loc else None,
            "geo_precision": loc.precision if loc else None, **values,
            "magnitude_text": "; ".join(m.text for m in e.magnitudes) or None,
            "magnitudes": json.dumps([m.to_json() for m in e.magnitudes], ensure_ascii=False)
            if e.magnitudes else None}


def _write_events(conn: Connection, events: list[Event], known: set[str], doc_seq: int) -> None:
    rows, links = [], []
    for e in events:
        first, last = date_bounds(e.date)
        loc = e.location
        rows.append({
            "id": e.id, "doc_id": e.doc, "doc_seq": doc_seq, "event_type": e.event_type,
            "mode": e.mode,
            "date": e.date, "date_start": first, "date_end": last,
            "location_name": loc.name if loc else None, "latitude": loc.lat if loc else None,
            "longitude": loc.lon if loc else None, "country": loc.country if loc else None,
            "start": e.start, "end": e.end, "sentence": e.sentence, "trigger": e.trigger,
            "negated": e.negated, "hypothetical": e.hypothetical,
            "confidence": float(e.confidence), "reason": e.reason or "", **_v2_values(e)})
        for role, ids in (("source", e.source), ("target", e.target)):
            for pos, actor_id in enumerate(a for a in dict.fromkeys(ids) if a in known):
                links.append({"event_id": e.id, "role": role, "actor_id": actor_id,
                              "position": pos, "date_start": first})
    _insert(conn, s.events, rows)
    if links:  # the links name their event by its seq too (a key Datasette can follow)
        seqs = dict(conn.execute(sa.select(s.events.c.id, s.events.c.seq)
                                 .where(s.events.c.doc_seq == doc_seq)).all())
        _insert(conn, s.event_actors, [{**link, "event_seq": seqs[link["event_id"]]}
                                       for link in links])

