"""Which events a query keeps: one record, built once where the user speaks.

The command line builds it from its flags, the web app from the query string, and
`Store.timeline(actor=...)` / `Store.search(...)` from their keyword arguments; every
function below them takes the record, so a new filter is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # any name, alias or id of an actor
    type: str | None = None  # a PLOVER event type, any case
    date_from: str | None = None  # YYYY[-MM[-DD]], inclusive
    date_to: str | None = None  # YYYY[-MM[-DD]], inclusive
    flagged: bool = False  # keep negated and hypothetical statements too

    @classmethod
    def from_form(cls, actor: str | None = None, type: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> EventFilter:
        """From a web form, where an empty field means "any"."""
        return cls(actor=_clean(actor), type=_clean(type), date_from=_clean(date_from),
                   date_to=_clean(date_to))

    @property
    def dated(self) -> bool:
        """A date bound is set: undated events are left out."""
        return bool(self.date_from or self.date_to)

    def form(self) -> dict[str, Any]:
        """The values as the web form names them (`from`, `to`)."""
        return {"actor": self.actor, "type": self.type, "from": self.date_from,
                "to": self.date_to}


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


ANY = EventFilter()
