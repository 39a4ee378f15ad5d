"""Incidents in the store: the grouping's Index on SQL tables, run inside each ingest write.

`group_document()` runs in the write transaction of one document, after its events are
stored: its reports meet the stored incidents through `incident_keys` (blocking keys, one
indexed lookup per report), join or start incidents, and the touched incidents' records
are rewritten once at the end. Writers are serialised (database.py) and Dask hands them
documents in input order, so a parallel ingest groups exactly as a serial one, and as
`extract` does over the same documents. A document already stored is never analysed again,
so re-ingesting changes no incident.

`regroup()` groups the events of a store written before incidents existed (migration 5).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.incidents import Grouper, Member, Report, reports_of, summarise
from chronicle.incidents.compare import Match
from chronicle.incidents.grouper import best_candidates
from chronicle.records import (
    Disagreement,
    DocumentResult,
    Entity,
    Incident,
    Link,
    Location,
    Span,
)
from chronicle.store import schema as s
from chronicle.store.keys import date_bounds
from chronicle.store.reader import chunks, document_record, event_records, timex_record


def _member(row: Any) -> Member:
    report = Report.from_json(json.loads(row.report))
    if row.score is None:
        return Member(report)
    match = Match(score=float(row.score), agreed=tuple(json.loads(row.agreed or "[]")),
                  conflicts=tuple(json.loads(row.conflicts or "[]")))
    return Member(report, match)


def _statements() -> dict[str, Any]:
    """The grouping's statements, built once: a report runs a few of them, and building
    SQLAlchemy statements costs more than running these on an index."""
    k, ie, inc = s.incident_keys, s.incident_events, s.incidents
    rank = sa.func.row_number().over(partition_by=k.c.key, order_by=k.c.seq.desc())
    ranked = (sa.select(k.c.incident_id, rank.label("rank"))
              .where(k.c.key.in_(sa.bindparam("keys", expanding=True))).subquery())
    ids: Any = sa.bindparam("ids", expanding=True)
    record: dict[str, Any] = {c.name: sa.bindparam("v_" + c.name) for c in inc.columns
                              if c.name not in ("seq", "id")}
    return {
        "candidates": sa.select(ranked.c.incident_id)
        .where(ranked.c.rank <= sa.bindparam("limit")),
        "order": sa.select(inc.c.id, inc.c.seq).where(inc.c.id.in_(ids)),
        "members": sa.select(ie).where(ie.c.incident_id.in_(ids)).order_by(ie.c.position),
        "keys": sa.select(k.c.key).where(k.c.incident_id == sa.bindparam("incident")),
        "create": sa.insert(inc).returning(inc.c.seq),
        "join": sa.insert(ie),
        "file": sa.insert(k),
        "update": sa.update(inc).where(inc.c.id == sa.bindparam("v_incident")).values(record),
    }


_SQL = _statements()


@dataclass(slots=True)
class StoreIndex:
    """The grouping's Index over one write transaction (members cached for its length)."""

    conn: Connection
    _members: dict[str, list[Member]] = field(default_factory=dict)
    _order: dict[str, int] = field(default_factory=dict)
    _keys: dict[str, set[str]] = field(default_factory=dict)  # filed keys, once asked
    _dirty: dict[str, None] = field(default_factory=dict)  # touched, in order

    def candidates(self, keys: list[str], limit: int) -> list[str]:
        hits = Counter(self.conn.execute(_SQL["candidates"], {
            "keys": sorted(set(keys)), "limit": limit}).scalars())
        self._load(set(hits))
        return best_candidates(hits, self._order, limit)

    def _load(self, ids: set[str]) -> None:
        wanted = sorted(i for i in ids if i not in self._members)
        for part in chunks(wanted):
            for row in self.conn.execute(_SQL["order"], {"ids": list(part)}):
                self._order[row.id] = int(row.seq)
                self._members[row.id] = []
            for row in self.conn.execute(_SQL["members"], {"ids": list(part)}):
                self._members[row.incident_id].append(_member(row))

    def members(self, incident: str) -> list[Member]:
        return self._members[incident]

    def create(self, incident: str, member: Member, keys: list[str]) -> None:
        columns = _columns(summarise(incident, [member]))
        seq = self.conn.execute(_SQL["create"], columns).scalar_one()
        self._order[incident] = int(seq)
        self._members[incident] = []
        self._keys[incident] = set()
        self.join(incident, member, keys)

    def join(self, incident: str, member: Member, keys: list[str]) -> None:
        members = self._members[incident]
        match = member.match
        self.conn.execute(_SQL["join"], {
            "event_id": member.report.event, "incident_id": incident,
            "position": len(members), "score": match.score if match else None,
            "agreed": json.dumps(list(match.agreed)) if match else None,
            "conflicts": json.dumps(list(match.conflicts)) if match else None,
            "report": json.dumps(member.report.to_json(), ensure_ascii=False)})
        members.append(member)
        self._dirty.setdefault(incident, None)
        if incident not in self._keys:
            self._keys[incident] = set(self.conn.execute(_SQL["keys"], {
                "incident": incident}).scalars())
        filed = self._keys[incident]
        new = [key for key in dict.fromkeys(keys) if key not in filed]
        if new:
            self.conn.execute(_SQL["file"], [{"key": key, "incident_id": incident}
                                             for key in new])
            filed.update(new)

    def flush(self) -> None:
        """Rewrite the record of every incident this transaction touched."""
        for incident in self._dirty:
            columns = _columns(summarise(incident, self._members[incident]))
            values = {"v_" + name: value for name, value in columns.items() if name != "id"}
            self.conn.execute(_SQL["update"], {"v_incident": incident, **values})
        self._dirty.clear()


def _columns(incident: Incident) -> dict[str, Any]:
    first, last = date_bounds(incident.date)
    return {"id": incident.id, "event_type": incident.event_type, "date": incident.date,
            "date_start": first, "date_end": last,
            "location_name": incident.location.name if incident.location else None,
            "reports": len(incident.events), "documents": len(incident.documents),
            "independent": incident.independent, "confidence": incident.confidence,
            "first_report": incident.first_report, "last_report": incident.last_report,
            "record": json.dumps(incident.to_json(), ensure_ascii=False)}


def group_document(conn: Connection, result: DocumentResult, actor_of: dict[str, str]) -> int:
    """Group one stored document's events into the store's incidents; returns how many
    reports were grouped. `result` names actors by id; `actor_of` maps entity keys."""
    index = StoreIndex(conn)
    grouper = Grouper(index)
    n = 0
    for report in reports_of(result, actor_of):
        grouper.add(report)
        n += 1
    index.flush()
    return n


def _stored_result(conn: Connection, doc_row: Any) -> DocumentResult:
    """A stored document as the grouping needs it: events, dates, actors by mention."""
    doc = document_record(doc_row)
    events = event_records(conn, list(conn.execute(
        sa.select(s.events).where(s.events.c.doc_id == doc.id).order_by(s.events.c.seq))))
    timexes = [timex_record(t) for t in conn.execute(
        sa.select(s.timexes).where(s.timexes.c.doc_id == doc.id))]
    spans: dict[str, list[Span]] = defaultdict(list)
    for m in conn.execute(sa.select(s.mentions).where(s.mentions.c.doc_id == doc.id)
                          .order_by(s.mentions.c.start)):
        spans[m.actor_id].append(Span(doc.id, m.start, m.end))
    wanted = sorted(set(spans) | {a for e in events for a in (*e.source, *e.target)})
    entities = []
    for part in chunks(wanted):
        for a in conn.execute(sa.select(s.actors).where(s.actors.c.id.in_(part))):
            entities.append(Entity(key=a.id, doc=doc.id, name=a.name, kind=a.kind,
                                   mentions=spans.get(a.id, []), country=a.country,
                                   sector=a.sector))
    return DocumentResult(document=doc, entities=entities, timexes=timexes, events=events)


def regroup(conn: Connection) -> int:
    """Group every stored event not yet in an incident, document by document in the
    order they were stored; returns how many reports were grouped."""
    grouped = sa.select(s.incident_events.c.event_id)
    pending = (sa.select(s.events.c.doc_id).where(s.events.c.id.not_in(grouped))
               .distinct().subquery())
    docs = list(conn.execute(sa.select(s.documents)
                             .where(s.documents.c.id.in_(sa.select(pending.c.doc_id)))
                             .order_by(s.documents.c.seq)))
    total = 0
    for row in docs:
        total += group_document(conn, _stored_result(conn, row), {})
    return total


def incident_record(data: dict[str, Any]) -> Incident:
    """An incident record back from the JSON the store keeps."""
    loc = data.get("location")
    return Incident(
        id=data["id"], event_type=data["event_type"], events=tuple(data["events"]),
        documents=tuple(data["documents"]), outlets=tuple(data["outlets"]),
        date=data.get("date"), location=Location(**loc) if loc else None,
        source=tuple(data["source"]), target=tuple(data["target"]),
        confidence=float(data["confidence"]),
        disagreements=tuple(_disagreement(d) for d in data.get("disagreements", [])),
        first_report=data.get("first_report"), last_report=data.get("last_report"),
        agreed=tuple(data.get("agreed", [])), independent=int(data.get("independent", 0)),
        types=tuple((k, int(v)) for k, v in data.get("types", {}).items()),
        links=tuple(Link(event=x["event"], score=x.get("score"),
                         agreed=tuple(x.get("agreed", [])),
                         conflicts=tuple(x.get("conflicts", [])))
                    for x in data.get("links", [])))


def _disagreement(data: dict[str, Any]) -> Disagreement:
    values = tuple((v["value"], tuple(v["documents"])) for v in data["values"])
    outlets = tuple(tuple(v.get("outlets", [])) for v in data["values"])
    return Disagreement(field=data["field"], values=values, outlets=outlets,
                        low=data.get("min"), high=data.get("max"))
