"""Counts over filtered events: facets, counts over time, places for the map.

Each is one GROUP BY in the database, whatever the number of events, so a page over a
store of millions of events stays as fast as one over a hundred. A facet counts with every
filter but its own applied, so the page can offer the other values of that field too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.query.filter import ANY, EventFilter
from chronicle.query.listing import conditions
from chronicle.store import schema as s
from chronicle.store.fts import matches, run_checked
from chronicle.store.keys import query_date

FACET_SIZE = 12  # values shown per facet


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # what the filter takes (an actor id, an ISO code, an outlet, a type)
    label: str  # what the page shows
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass(slots=True)
class Facets:
    type: list[FacetValue] = field(default_factory=list)
    actor: list[FacetValue] = field(default_factory=list)
    country: list[FacetValue] = field(default_factory=list)
    outlet: list[FacetValue] = field(default_factory=list)
    year: list[FacetValue] = field(default_factory=list)

    def items(self) -> list[tuple[str, list[FacetValue]]]:
        return [("type", self.type), ("actor", self.actor), ("country", self.country),
                ("outlet", self.outlet), ("year", self.year)]

    def to_json(self) -> dict[str, Any]:
        return {name: [v.to_json() for v in values] for name, values in self.items()}


@dataclass(frozen=True, slots=True)
class _Facet:
    """What a facet groups by: a key (the filter's value), a label, the joins it needs."""

    key: Any
    label: Any
    joins: tuple[tuple[Any, Any], ...] = ()
    size: int = FACET_SIZE


def _facet_kinds() -> dict[str, _Facet]:
    ev, d, ea, a = s.events, s.documents, s.event_actors, s.actors
    year = sa.func.substr(ev.c.date_start, 1, 4)
    return {
        "type": _Facet(ev.c.event_type, ev.c.event_type, size=16),
        "actor": _Facet(a.c.id, a.c.name, ((ea, ea.c.event_id == ev.c.id),
                                           (a, a.c.id == ea.c.actor_id))),
        "country": _Facet(sa.func.coalesce(ev.c.country_code, ev.c.country), ev.c.country),
        "outlet": _Facet(d.c.outlet, d.c.outlet, ((d, d.c.id == ev.c.doc_id),)),
        "year": _Facet(year, year, size=200),
    }


# The fields a facet's own filter sets: a facet counts with that filter cleared.
_CLEARED: dict[str, Callable[[EventFilter], EventFilter]] = {
    "type": lambda w: replace(w, type=None), "actor": lambda w: replace(w, actor=None),
    "country": lambda w: replace(w, country=None),
    "outlet": lambda w: replace(w, outlet=None),
    "year": lambda w: replace(w, date_from=None, date_to=None)}


def _grouped(conn: Connection, where: EventFilter, facet: _Facet,
             extra: tuple[Any, ...] = ()) -> list[FacetValue]:
    ev = s.events
    # an actor on both sides of one event is counted once; without a join, rows are events
    n = (sa.func.count(sa.distinct(ev.c.seq)) if facet.joins else sa.func.count()).label("n")
    query = sa.select(facet.key.label("k"), sa.func.max(facet.label).label("l"), n
                      ).select_from(ev)
    for table, on in facet.joins:
        query = query.join(table, on)
    query = (query.where(*conditions(conn, where), *extra, facet.key.is_not(None))
             .group_by(facet.key).order_by(n.desc(), facet.key).limit(facet.size))
    return [FacetValue(value=str(r.k), label=str(r.l or r.k), count=r.n)
            for r in run_checked(conn, query)]


def facets(conn: Connection, where: EventFilter = ANY, *,
           extra: tuple[Any, ...] = ()) -> Facets:
    """The most frequent types, actors, countries, outlets and years of matching events
    (`extra`: more conditions on `events`, e.g. that the sentence matches a search)."""
    found = {name: _grouped(conn, _CLEARED[name](where), facet, extra)
             for name, facet in _facet_kinds().items()}
    found["year"].sort(key=lambda v: v.value)
    return Facets(**found)


def search_facets(conn: Connection, query: str, where: EventFilter = ANY) -> Facets:
    """Facets of a search: the events whose sentence matches `query`, by type, actor and
    country; the documents that match it, by outlet and year."""
    sentences = replace(where, flagged=True)  # as the search: every sentence that matches
    found = facets(conn, sentences, extra=(matches(conn.dialect.name, "event", query),))
    d = s.documents
    doc_match = matches(conn.dialect.name, "document", query)
    year = sa.func.substr(d.c.date_start, 1, 4)
    for name, key in (("outlet", d.c.outlet), ("year", year)):
        bounds = _document_bounds(_CLEARED[name](where))
        n = sa.func.count().label("n")
        rows = run_checked(conn, sa.select(key.label("k"), n).where(
            doc_match, key.is_not(None), *bounds).group_by(key)
            .order_by(n.desc(), key).limit(200 if name == "year" else FACET_SIZE))
        setattr(found, name, [FacetValue(str(r.k), str(r.k), r.n) for r in rows])
    found.year.sort(key=lambda v: v.value)
    return found


def _document_bounds(where: EventFilter) -> list[Any]:
    d = s.documents
    bounds: list[Any] = []
    if first := query_date(where.date_from, end=False):
        bounds.append(d.c.date_start >= first)
    if last := query_date(where.date_to, end=True):
        bounds.append(d.c.date_start <= last)
    if where.outlet:
        bounds.append(d.c.outlet == where.outlet)
    return bounds


DAILY_SPAN = 731  # days: longer spans are counted by month (a day's bar would be a hair)


@dataclass(slots=True)
class Counts:
    """Events per period and type: `rows` are [first day of the period, type, n]."""

    unit: str  # "day" or "month"
    rows: list[list[Any]]

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "columns": ["day", "type", "count"], "days": self.rows}


def counts_over_time(conn: Connection, where: EventFilter = ANY, *,
                     unit: str | None = None) -> Counts:
    """Dated events per day (or, over more than two years, per month) and type; partial
    dates count on their first day. The page sums them by week, month or year as asked."""
    ev = s.events
    where_sql = [*conditions(conn, where), ev.c.date_start.is_not(None)]
    if unit is None:
        first, last = conn.execute(sa.select(sa.func.min(ev.c.date_start),
                                             sa.func.max(ev.c.date_start))
                                   .where(*where_sql)).one()
        span = (date.fromisoformat(last) - date.fromisoformat(first)).days if first else 0
        unit = "day" if span <= DAILY_SPAN else "month"
    day = ev.c.date_start if unit == "day" else sa.func.substr(ev.c.date_start, 1, 7)
    query = (sa.select(day.label("day"), ev.c.event_type, sa.func.count())
             .where(*where_sql).group_by(day, ev.c.event_type).order_by(day, ev.c.event_type))
    suffix = "" if unit == "day" else "-01"
    return Counts(unit=unit, rows=[[d + suffix, kind, n] for d, kind, n in conn.execute(query)])


@dataclass(slots=True)
class Place:
    """Matching events at one point: how many of each type, and the deaths they report."""

    name: str
    lat: float
    lon: float
    country: str | None
    country_code: str | None
    admin1: str | None
    precision: str | None
    types: dict[str, int] = field(default_factory=dict)
    dead: int = 0

    @property
    def count(self) -> int:
        return sum(self.types.values())

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "lat": self.lat, "lon": self.lon, "country": self.country,
                "country_code": self.country_code, "admin1": self.admin1,
                "precision": self.precision, "count": self.count, "dead": self.dead,
                "types": self.types}


@dataclass(slots=True)
class PlaceMap:
    places: list[Place]
    unplaced: int  # matching events without coordinates

    @property
    def countries(self) -> list[str]:
        return sorted({p.country_code for p in self.places if p.country_code})

    def to_json(self) -> dict[str, Any]:
        return {"places": [p.to_json() for p in self.places], "unplaced": self.unplaced,
                "countries": self.countries}


def places(conn: Connection, where: EventFilter = ANY) -> PlaceMap:
    """Matching events grouped by place (name and coordinates), busiest first."""
    ev = s.events
    where_sql = conditions(conn, where)
    placed = sa.and_(ev.c.latitude.is_not(None), ev.c.longitude.is_not(None))
    keys = (ev.c.location_name, ev.c.latitude, ev.c.longitude)
    query = (sa.select(*keys, sa.func.max(ev.c.country).label("country"),
                       sa.func.max(ev.c.country_code).label("code"),
                       sa.func.max(ev.c.admin1).label("admin1"),
                       sa.func.max(ev.c.geo_precision).label("precision"), ev.c.event_type,
                       sa.func.count().label("n"),
                       sa.func.coalesce(sa.func.sum(ev.c.dead), 0).label("dead"))
             .where(*where_sql, placed).group_by(*keys, ev.c.event_type))
    found: dict[tuple[Any, ...], Place] = {}
    dead: dict[tuple[Any, ...], int] = defaultdict(int)
    for r in conn.execute(query):
        key = (r.location_name, r.latitude, r.longitude)
        place = found.get(key)
        if place is None:
            place = found[key] = Place(name=r.location_name or "", lat=float(r.latitude),
                                       lon=float(r.longitude), country=r.country,
                                       country_code=r.code, admin1=r.admin1,
                                       precision=r.precision)
        place.types[r.event_type] = r.n
        dead[key] += int(r.dead)
    for key, place in found.items():
        place.dead = dead[key]
    unplaced = conn.execute(sa.select(sa.func.count()).select_from(ev)
                            .where(*where_sql, sa.not_(placed))).scalar_one()
    return PlaceMap(places=sorted(found.values(), key=lambda p: (-p.count, p.name)),
                    unplaced=int(unplaced))
