"""The typed records that pass between stages and leave as JSON Lines.

Every stage takes and returns these small dataclasses, never spaCy objects or dicts, so a
stage can be tested alone and a record can cross a process boundary (Dask) as it is.
`to_json()` gives the field names of ../shared/CONTRACT.md; extra fields may be added,
contract fields are never renamed or dropped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ACTOR_KINDS = ("person", "organization", "country", "group", "location", "other")
ActorKind = Literal["person", "organization", "country", "group", "location", "other"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found, before cleaning: one article or a scraped file of several."""

    source: str
    text: str
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None  # the publisher, from a JSON Lines "source" field
    scraped: bool = False  # plain text that may hold several articles and debris


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": "document", "id": self.id, "title": self.title, "date": self.date,
                "source": self.source, "url": self.url, "outlet": self.outlet,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of one document's text."""

    doc: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    of: str | None = None
    start: str | None = None
    end: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "of": self.of, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    """One referent inside one document: every mention of it there, and its names.

    `key` is unique in the run ("<doc>#<n>"); events and quotes point at it until
    `resolve` maps entities of many documents onto run-wide actors.
    """

    key: str
    doc: str
    name: str
    kind: ActorKind
    names: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # title phrases used as its name
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"type": "actor", "id": self.id, "name": self.name, "kind": self.kind,
                "aliases": list(self.aliases), "roles": [r.to_json() for r in self.roles],
                "mentions": [m.to_json() for m in self.mentions]}


@dataclass(frozen=True, slots=True)
class Timex:
    id: str
    doc: str
    start: int
    end: int
    text: str
    value: str
    anchor: Literal["explicit", "previous", "publication"]
    # "narrative" dates its sentence and anchors later dates; "flashback" and "aside"
    # (captions, datelines) date their own sentence only; "background" dates no event.
    role: str = "narrative"

    def to_json(self) -> dict[str, Any]:
        return {"type": "timex", **asdict(self)}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    doc: str
    event_type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    start: int
    end: int
    sentence: str
    trigger: str
    mode: str | None = None
    date: str | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"type": "event", "id": self.id, "doc": self.doc, "event_type": self.event_type,
                "mode": self.mode, "source": list(self.source), "target": list(self.target),
                "date": self.date,
                "location": self.location.to_json() if self.location else None,
                "start": self.start, "end": self.end, "sentence": self.sentence,
                "trigger": self.trigger, "negated": self.negated,
                "hypothetical": self.hypothetical, "confidence": round(self.confidence, 3),
                "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    doc: str
    speaker: str | None
    text: str
    start: int
    end: int
    cue: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": "quote", **asdict(self)}


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one document, before run-wide actor resolution.

    Events and quotes name entities by `Entity.key`; `resolve` rewrites them to actor ids.
    """

    document: Document
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


Record = Document | Actor | Event | Quote | Timex
