"""Incidents as FollowTheMoney entities, written after the events of the ftm export.

Each incident is an `Event` entity (`chronicle-incident-<id>`): its actors in `involved`,
the articles that report it in `proof`, its date and place, and in `summary` how many
reports and independent outlets carry it and where they disagree. Each report (an event
entity of the export) is tied to its incident by an `UnknownLink` with the role
"reports", the FtM way to say "this record is about that one" when no schema has a
property for it; Aleph shows it on both entities.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import Connection

from chronicle.store import reader

PREFIX = "chronicle"
_FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")  # what FtM accepts


def ftm_id(kind: str, local: str) -> str:
    """An entity id FtM accepts as a reference: a local id with `#`, `:` or `/` (event and
    document ids) becomes a slug plus a short hash, so it stays unique and stable."""
    plain = f"{PREFIX}-{kind}-{local}"
    if _FTM_ID.match(plain):
        return plain
    slug = re.sub(r"[^0-9a-zA-Z]+", "-", local).strip("-")
    digest = hashlib.sha1(local.encode("utf-8")).hexdigest()[:10]
    return f"{PREFIX}-{kind}-{slug}-{digest}"


_id = ftm_id


def _summary(data: dict[str, Any]) -> str:
    outlets = ", ".join(data["outlets"]) or "no named outlet"
    parts = [f"{len(data['events'])} reports in {len(data['documents'])} documents from "
             f"{data['independent']} independent sources ({outlets})"]
    for d in data["disagreements"]:
        values = "; ".join(f"{v['value']} ({', '.join(v.get('outlets') or v['documents'])})"
                           for v in d["values"])
        parts.append(f"{d['field']} disagrees: {values}")
    return ". ".join(parts) + "."


def incident_entity(model: Any, data: dict[str, Any], names: dict[str, str]) -> Any:
    entity = model.make_entity("Event")
    entity.id = _id("incident", data["id"])
    source = ", ".join(names.get(a, a) for a in data["source"]) or "?"
    target = ", ".join(names.get(a, a) for a in data["target"])
    entity.add("name", f"{source} {data['event_type']} {target} (incident)".replace("  ", " "))
    entity.add("summary", _summary(data))
    entity.add("keywords", [data["event_type"], "incident"])
    entity.add("date", data.get("date"), quiet=True)
    entity.add("startDate", data.get("first_report"), quiet=True)
    entity.add("endDate", data.get("last_report"), quiet=True)
    entity.add("involved", [_id("actor", a) for a in (*data["source"], *data["target"])])
    entity.add("proof", [_id("doc", d) for d in data["documents"]])
    entity.add("publisher", data["outlets"])
    location = data.get("location")
    if location:
        entity.add("location", location.get("name"))
        entity.add("country", location.get("country"), quiet=True, fuzzy=True)
    return entity


def report_link(model: Any, event_id: str, data: dict[str, Any]) -> Any:
    link = model.make_entity("UnknownLink")
    link.id = _id("report", event_id)
    link.add("subject", _id("event", event_id))
    link.add("object", _id("incident", data["id"]))
    link.add("role", "reports")
    return link


def incident_entities(model: Any, conn: Connection, names: dict[str, str]) -> Iterator[Any]:
    for data in reader.iter_incident_records(conn):
        yield incident_entity(model, data, names)
        for event_id in data["events"]:
            yield report_link(model, event_id, data)
