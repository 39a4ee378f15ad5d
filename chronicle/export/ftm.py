"""FollowTheMoney export: actors, documents and events as FtM entities, one JSON a line.

Schemas: person -> Person, organization and group -> Organization, country -> PublicBody
(FtM has no country entity that can take part in an Event: `Event.involved` ranges over
LegalEntity, and Territory is reference data; the ISO code goes into `country`), location
and other -> LegalEntity. Documents are Articles; each Event names every actor in
`involved`, points at its Article in `proof`, and carries the sentence as `summary`.
Every entity is built with `model.make_entity` and checked by `schema.validate`.
Negated and hypothetical statements are left out. Incidents follow the events
(export/ftm_incidents.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy.engine import Connection

from chronicle.errors import ConfigError
from chronicle.export.ftm_incidents import ftm_id, incident_entities
from chronicle.records import Actor, Document, Event
from chronicle.store import reader

SCHEMA_OF_KIND = {"person": "Person", "organization": "Organization", "group": "Organization",
                  "country": "PublicBody", "location": "LegalEntity", "other": "LegalEntity"}
PREFIX = "chronicle"


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
    if actor.kind == "country":
        entity.add("country", actor.name, quiet=True, fuzzy=True)
    if actor.kind == "person":
        entity.add("position", sorted({" of ".join(p for p in (r.title, r.of) if p)
                                       for r in actor.roles}))
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


def event_entity(model: Any, event: Event, names: dict[str, str]) -> Any:
    entity = model.make_entity("Event")
    entity.id = _entity_id("event", event.id)
    source = ", ".join(names.get(a, a) for a in event.source) or "?"
    target = ", ".join(names.get(a, a) for a in event.target)
    entity.add("name", f"{source} {event.event_type} {target}".strip())
    entity.add("summary", event.sentence)
    entity.add("keywords", [k for k in (event.event_type, event.mode) if k])
    entity.add("date", event.date, quiet=True)
    entity.add("involved", [_entity_id("actor", a) for a in (*event.source, *event.target)])
    entity.add("proof", _entity_id("doc", event.doc))
    if event.location:
        entity.add("location", event.location.name)
        entity.add("country", event.location.country, quiet=True, fuzzy=True)
    return entity


def entities(conn: Connection) -> Iterator[Any]:
    model = _model()
    names: dict[str, str] = {}
    for actor in reader.iter_actors(conn):
        names[actor.id] = actor.name
        yield actor_entity(model, actor)
    for doc in reader.iter_documents(conn):
        yield document_entity(model, doc)
    for event, _ in reader.iter_events(conn):
        if not (event.negated or event.hypothetical):
            yield event_entity(model, event, names)
    yield from incident_entities(model, conn, names)


def write_ftm(conn: Connection, out: TextIO) -> int:
    n = 0
    for entity in entities(conn):
        data = entity.to_dict()
        entity.schema.validate(data)  # raises InvalidData on a value FtM would reject
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n
