"""Which events a query keeps: one record, built once where the user speaks.

The command line builds it from its flags, the web app from the query string, and
`Store.timeline(actor=...)` / `Store.search(...)` from their keyword arguments; every
function below them takes the record, so a new filter is added in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # any name, alias or id of an actor
    type: str | None = None  # a PLOVER event type, any case
    date_from: str | None = None  # YYYY[-MM[-DD]], inclusive
    date_to: str | None = None  # YYYY[-MM[-DD]], inclusive
    flagged: bool = False  # keep negated and hypothetical statements too
    country: str | None = None  # where the event happened: ISO alpha-3 code or country name
    outlet: str | None = None  # the publisher of the event's document
    place: str | None = None  # the name of the event's place, as stored

    @classmethod
    def from_form(cls, values: Mapping[str, str | None]) -> EventFilter:
        """From a web form or query string (`from`, `to`), where an empty field is "any"."""
        def get(name: str) -> str | None:
            return _clean(values.get(name))

        return cls(actor=get("actor"), type=get("type"), date_from=get("from"),
                   date_to=get("to"), country=get("country"), outlet=get("outlet"),
                   place=get("place"))

    @property
    def narrowed(self) -> bool:
        """Any filter is set (the flag for negated and hypothetical statements aside)."""
        return any((self.actor, self.type, self.date_from, self.date_to, self.country,
                    self.outlet, self.place))

    @property
    def dated(self) -> bool:
        """A date bound is set: undated events are left out."""
        return bool(self.date_from or self.date_to)

    def form(self) -> dict[str, Any]:
        """The values as the web form names them (`from`, `to`)."""
        return {"actor": self.actor, "type": self.type, "from": self.date_from,
                "to": self.date_to, "country": self.country, "outlet": self.outlet,
                "place": self.place}


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


ANY = EventFilter()
