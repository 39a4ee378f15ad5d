"""What analysts ask of incidents: the list in date order, one incident with every report,
and counts of happenings over time. Rows out, never formatting (as query/__init__.py).

An incident row is the `incident` record of `extract` plus the names of its actors; one
incident's view adds each report's sentence, its document (title, outlet, date), why it
joined, and the quotes around it in its document.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.errors import QueryError
from chronicle.query import Results, _actor_ids, _names, event_type
from chronicle.query.filter import ANY, EventFilter
from chronicle.records import Event, Incident, Link, Quote
from chronicle.store import schema as s
from chronicle.store.incidents import incident_record
from chronicle.store.keys import query_date
from chronicle.store.reader import event_records, quote_record

QUOTE_REACH = 400  # characters either side of a report's sentence searched for quotes
QUOTES_PER_REPORT = 4
PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class IncidentRow:
    incident: Incident
    names: dict[str, str]  # actor id -> name, for its sources and targets

    def to_json(self) -> dict[str, Any]:
        inc = self.incident
        return {**inc.to_json(), "source_names": [self.names.get(a, a) for a in inc.source],
                "target_names": [self.names.get(a, a) for a in inc.target]}


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report of an incident: the event, its document, why it joined, quotes near it."""

    event: Event
    doc_title: str | None
    doc_date: str | None
    outlet: str | None
    link: Link | None
    quotes: list[tuple[Quote, str | None]] = field(default_factory=list)  # with speaker

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event.to_json(), "doc_title": self.doc_title,
                "doc_date": self.doc_date, "outlet": self.outlet,
                "link": self.link.to_json() if self.link else None,
                "quotes": [{**q.to_json(), "speaker_name": name} for q, name in self.quotes]}


@dataclass(frozen=True, slots=True)
class IncidentView:
    row: IncidentRow
    reports: list[ReportView]

    @property
    def incident(self) -> Incident:
        return self.row.incident

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "report_details": [r.to_json() for r in self.reports]}


@dataclass(frozen=True, slots=True)
class PeriodCount:
    period: str  # "2019-03", "2019-W11", "2019-03-05" or "2019"
    incidents: int
    reports: int  # events in those incidents

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "incidents": self.incidents, "reports": self.reports}


def _where(conn: Connection, where: EventFilter) -> list[Any]:
    inc = s.incidents
    conditions: list[Any] = []
    if kind := event_type(where.type):
        conditions.append(inc.c.event_type == kind)
    if first := query_date(where.date_from, end=False):
        conditions.append(inc.c.date_start >= first)
    if last := query_date(where.date_to, end=True):
        conditions.append(inc.c.date_start <= last)
    ids = _actor_ids(conn, where.actor)
    if ids is not None:
        involved = (sa.select(s.incident_events.c.incident_id)
                    .join(s.event_actors, s.event_actors.c.event_id
                          == s.incident_events.c.event_id)
                    .where(s.event_actors.c.actor_id.in_(ids)))
        conditions.append(inc.c.id.in_(involved))
    return conditions


def _rows(conn: Connection, records: list[Incident]) -> list[IncidentRow]:
    names = _names(conn, {a for i in records for a in (*i.source, *i.target)})
    return [IncidentRow(i, {a: names[a] for a in (*i.source, *i.target) if a in names})
            for i in records]


def incidents(conn: Connection, where: EventFilter = ANY, *, limit: int | None = None,
              offset: int = 0) -> Results[IncidentRow]:
    """Incidents in date order (partial dates at their first day), undated last."""
    inc = s.incidents
    base = sa.select(inc.c.record).where(*_where(conn, where))
    if where.dated:
        base = base.where(inc.c.date_start.is_not(None))
    query = (base.order_by(inc.c.date_start.is_(None), inc.c.date_start, inc.c.seq)
             .limit(limit).offset(offset))
    records = [incident_record(json.loads(r)) for r in conn.execute(query).scalars()]
    return Results(_rows(conn, records))


def incident(conn: Connection, incident_id: str) -> IncidentView | None:
    """One incident with every report, or None when no incident has that id."""
    raw = conn.execute(sa.select(s.incidents.c.record)
                       .where(s.incidents.c.id == incident_id)).scalar()
    if raw is None:
        return None
    record = incident_record(json.loads(raw))
    rows = list(conn.execute(sa.select(s.events).where(s.events.c.id.in_(record.events))))
    by_id = {e.id: e for e in event_records(conn, rows)}
    docs = {r.id: r for r in conn.execute(
        sa.select(s.documents.c.id, s.documents.c.title, s.documents.c.date,
                  s.documents.c.outlet).where(s.documents.c.id.in_(record.documents)))}
    links = {link.event: link for link in record.links}
    quotes = _quotes_near(conn, [by_id[e] for e in record.events if e in by_id])
    reports = []
    for event_id in record.events:
        event = by_id.get(event_id)
        if event is None:
            continue
        doc = docs.get(event.doc)
        reports.append(ReportView(event=event, doc_title=doc.title if doc else None,
                                  doc_date=doc.date if doc else None,
                                  outlet=doc.outlet if doc else None,
                                  link=links.get(event_id), quotes=quotes.get(event_id, [])))
    wanted = {a for r in reports for a in (*r.event.source, *r.event.target)}
    row = _rows(conn, [record])[0]
    names = {**_names(conn, wanted), **row.names}
    return IncidentView(row=IncidentRow(record, names), reports=reports)


def _quotes_near(conn: Connection, events: list[Event]
                 ) -> dict[str, list[tuple[Quote, str | None]]]:
    """Per event, the quotes of its document within reach of its sentence, nearest first."""
    q = s.quotes
    out: dict[str, list[tuple[Quote, str | None]]] = {}
    speakers: set[str] = set()
    for e in events:
        rows = conn.execute(sa.select(q).where(
            q.c.doc_id == e.doc, q.c.end >= e.start - QUOTE_REACH,
            q.c.start <= e.end + QUOTE_REACH))
        found = sorted((quote_record(r) for r in rows),
                       key=lambda x: (max(0, x.start - e.end, e.start - x.end), x.start))
        out[e.id] = [(x, x.speaker) for x in found[:QUOTES_PER_REPORT]]
        speakers |= {x.speaker for x in found if x.speaker}
    names = _names(conn, speakers)
    return {k: [(x, names.get(x.speaker) if x.speaker else None) for x, _ in v]
            for k, v in out.items()}


def _period(day: str, by: str) -> str:
    if by == "day":
        return day[:10]
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    year, week, _ = date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def incident_counts(conn: Connection, where: EventFilter = ANY, *, by: str = "month"
                    ) -> Results[PeriodCount]:
    """How many incidents (happenings) and reports fall in each period, dated ones only."""
    if by not in PERIODS:
        raise QueryError(f"bad period {by!r}: use one of {', '.join(PERIODS)}")
    inc = s.incidents
    query = (sa.select(inc.c.date_start, inc.c.reports)
             .where(inc.c.date_start.is_not(None), *_where(conn, where)))
    n_incidents: Counter[str] = Counter()
    n_reports: Counter[str] = Counter()
    for day, reports in conn.execute(query):
        period = _period(day, by)
        n_incidents[period] += 1
        n_reports[period] += int(reports)
    return Results(PeriodCount(p, n_incidents[p], n_reports[p]) for p in sorted(n_incidents))
