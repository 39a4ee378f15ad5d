"""A filter's bounds as SQL conditions on `events`: one definition for every query.

The timeline, the network, the map, the counts over time, the facets and the exports all
narrow events the same way; each adds the conditions this module makes to its own select.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from chronicle.errors import QueryError
from chronicle.query.filter import EventFilter
from chronicle.records import PLOVER_TYPES
from chronicle.store import schema as s
from chronicle.store.keys import query_date


def event_type(value: str | None) -> str | None:
    if not value:
        return None
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise QueryError(f"unknown event type {value!r}: use one of {', '.join(PLOVER_TYPES)}")
    return upper


def event_conditions(where: EventFilter, dated: Any) -> list[Any]:
    """Type, date bounds, place, country and outlet as SQL conditions (`dated`: the date
    column).

    A country is matched on the ISO code or on the name, case ignored; an outlet on the
    publisher of the event's document.
    """
    ev = s.events
    conditions = []
    if kind := event_type(where.type):
        conditions.append(ev.c.event_type == kind)
    if first := query_date(where.date_from, end=False):
        conditions.append(dated >= first)
    if last := query_date(where.date_to, end=True):
        conditions.append(dated <= last)
    if where.country:
        wanted = where.country.strip()
        conditions.append(sa.or_(ev.c.country_code == wanted.upper(),
                                 sa.func.lower(ev.c.country) == wanted.lower()))
    if where.place:
        conditions.append(ev.c.location_name == where.place)
    if where.outlet:
        published = sa.select(s.documents.c.id).where(s.documents.c.outlet == where.outlet)
        conditions.append(ev.c.doc_id.in_(published))
    return conditions
