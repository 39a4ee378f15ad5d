"""FollowTheMoney export: actors, places, documents and events as FtM entities, one a line.

Schemas: person -> Person, organization and group -> Organization, country -> PublicBody
(FtM has no country entity that can take part in an Event: `Event.involved` ranges over
LegalEntity, and Territory is reference data; the ISO code goes into `country`), other ->
LegalEntity; a location actor, and the place of each event, is an Address (with its
coordinates and region when known), never a legal entity. Documents are Articles. Each
Event keeps the parties by role (sources in `organizer`, targets in `involved`), points
at its place (`addressEntity`) and its Article (`proof`), and a Documentation entity links
the two so Aleph lists the event on the article's page. Every entity is built with
`model.make_entity` and checked by `schema.validate`. Negated and hypothetical statements
are left out; with a filter, only the matching events and what they point at are written.
Incidents follow the events (export/ftm_incidents.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import ConfigError
from chronicle.export import ExportOptions
from chronicle.export.ftm_incidents import ftm_id, incident_entities
from chronicle.query.filter import EventFilter
from chronicle.query.listing import iter_events
from chronicle.records import Actor, Document, Event, Location
from chronicle.store import reader
from chronicle.store import schema as s

SCHEMA_OF_KIND = {"person": "Person", "organization": "Organization", "group": "Organization",
                  "country": "PublicBody", "location": "Address", "other": "LegalEntity"}
PREFIX = "chronicle"
_UNSAFE = re.compile(r"[^0-9A-Za-z.-]+")


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:
        raise ConfigError("the ftm export needs FollowTheMoney: pip install chronicle[ftm]"
                          ) from exc
    return model


def _entity_id(kind: str, local: str) -> str:
    return ftm_id(kind, local)  # ids FtM accepts as references (incidents point at events)


def actor_entity(model: Any, actor: Actor) -> Any:
    entity = model.make_entity(SCHEMA_OF_KIND.get(actor.kind, "LegalEntity"))
    entity.id = _entity_id("actor", actor.id)
    entity.add("name", actor.name)
    entity.add("alias", [a for a in actor.aliases if a != actor.name])
    if actor.kind == "location":
        entity.add("full", actor.name)
    if actor.kind == "country":
        entity.add("country", actor.name, quiet=True, fuzzy=True)
    elif actor.country:
        entity.add("country", actor.country, quiet=True, fuzzy=True)
    if actor.kind == "person":
        entity.add("position", sorted({" of ".join(p for p in (r.title, r.of) if p)
                                       for r in actor.roles}))
    return entity


def place_entity(model: Any, place: Location) -> Any:
    """An event's place as an Address, one entity per name and coordinates."""
    key = json.dumps([place.name, place.lat, place.lon], ensure_ascii=False)
    entity = model.make_entity("Address")
    entity.id = _entity_id("place", hashlib.sha1(key.encode()).hexdigest()[:16])
    entity.add("name", place.name or "unnamed place")
    entity.add("full", ", ".join(p for p in (place.name, place.admin1, place.country) if p))
    entity.add("region", place.admin1)
    entity.add("country", [c for c in (place.country_code, place.country) if c], quiet=True,
               fuzzy=True)
    if place.lat is not None and place.lon is not None:
        entity.add("latitude", place.lat)
        entity.add("longitude", place.lon)
    return entity


def document_entity(model: Any, doc: Document) -> Any:
    entity = model.make_entity("Article")
    entity.id = _entity_id("doc", doc.id)
    entity.add("title", doc.title or doc.id)
    entity.add("publishedAt", doc.date, quiet=True)
    entity.add("bodyText", doc.text)
    entity.add("sourceUrl", doc.url, quiet=True)
    entity.add("publisher", doc.outlet)
    return entity


def event_entity(model: Any, event: Event, names: dict[str, str],
                 places: set[str]) -> Any:
    """The Event; `places` holds the actors that are places (addresses, not parties)."""
    entity = model.make_entity("Event")
    entity.id = _entity_id("event", event.id)
    source = ", ".join(names.get(a, a) for a in event.source) or "?"
    target = ", ".join(names.get(a, a) for a in event.target)
    entity.add("name", f"{source} {event.event_type} {target}".strip())
    entity.add("summary", event.sentence)
    entity.add("keywords", [k for k in (event.event_type, event.mode) if k])
    entity.add("date", event.date, quiet=True)
    entity.add("organizer", [_entity_id("actor", a) for a in event.source if a not in places])
    entity.add("involved", [_entity_id("actor", a) for a in event.target if a not in places])
    entity.add("addressEntity", [_entity_id("actor", a) for a in (*event.source, *event.target)
                                 if a in places])
    entity.add("proof", _entity_id("doc", event.doc))
    if event.location:
        entity.add("location", event.location.name)
        entity.add("addressEntity", place_entity(model, event.location).id)
        entity.add("country", [c for c in (event.location.country_code,
                                           event.location.country) if c],
                   quiet=True, fuzzy=True)
    return entity


def documentation(model: Any, event_id: str, doc_id: str) -> Any:
    """The link Aleph shows on an article's page: this event is reported here."""
    entity = model.make_entity("Documentation")
    entity.id = _entity_id("reported", event_id)
    entity.add("document", _entity_id("doc", doc_id))
    entity.add("entity", _entity_id("event", event_id))
    entity.add("role", "reported in")
    return entity


def _scope(conn: Connection, where: EventFilter | None
           ) -> tuple[Iterable[Event], Iterator[Actor], Iterator[Document]]:
    """The events to write, and the actors and documents that go with them (read lazily,
    in that order: actors, documents, events)."""
    if where is None:
        stated = (e for e, _ in reader.iter_events(conn) if not (e.negated or e.hypothetical))
        return stated, reader.iter_actors(conn), reader.iter_documents(conn)
    events = [row.event for row in iter_events(conn, replace(where, flagged=False))]
    actors = reader.load_actors(conn, sorted({a for e in events
                                              for a in (*e.source, *e.target)}))
    docs = sorted({e.doc for e in events})
    documents = (reader.document_record(r) for part in reader.chunks(docs)
                 for r in conn.execute(sa.select(s.documents).where(s.documents.c.id.in_(part))))
    return events, iter(actors), documents


def entities(conn: Connection, where: EventFilter | None = None) -> Iterator[Any]:
    model = _model()
    events, actors, documents = _scope(conn, where)
    names: dict[str, str] = {}
    places: set[str] = set()
    for actor in actors:
        names[actor.id] = actor.name
        if actor.kind == "location":
            places.add(actor.id)
        yield actor_entity(model, actor)
    yield from (document_entity(model, doc) for doc in documents)
    written: set[str] = set()
    for event in events:
        if event.location:
            place = place_entity(model, event.location)
            if place.id not in written:
                written.add(place.id)
                yield place
        yield event_entity(model, event, names, places)
        yield documentation(model, event.id, event.doc)
    if where is None:  # a filtered export leaves out incidents, whose reports it may not hold
        yield from incident_entities(model, conn, names)


def write_ftm(conn: Connection, out: TextIO, options: ExportOptions) -> int:
    n = 0
    for entity in entities(conn, options.where):
        data = entity.to_dict()
        entity.schema.validate(data)  # raises InvalidData on a value FtM would reject
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n
