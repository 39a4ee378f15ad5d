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
# The PLOVER manual's primary sector codes (CONTRACT.md, actor `sector`).
SECTORS = ("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
           "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL",
           "SOC")
DATE_SOURCES = ("text", "narrative", "dateline", "publication")
GEO_PRECISIONS = ("point", "admin1", "country")
MAGNITUDE_KINDS = ("dead", "injured", "size")
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
    line: int | None = None  # its line in a JSON Lines file, for error messages


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    line: int | None = None  # its line in a JSON Lines file: error lines name the record

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
    country: str | None = None  # ISO 3166-1 alpha-3 of the state it belongs to or acts for
    sector: str | None = None  # one of SECTORS; None for a country or a whole IGO
    # described, not named ("unidentified gunmen"): never the same actor as another
    # document's entity of the same words
    generic: bool = False
    # a place only because a town bears its one word ("Obama"): no place word, no place
    # label; a person of that surname elsewhere in the run makes it a person (resolve.py)
    namesake: bool = False


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": "actor", "id": self.id, "name": self.name, "kind": self.kind,
                "aliases": list(self.aliases), "roles": [r.to_json() for r in self.roles],
                "mentions": [m.to_json() for m in self.mentions], "country": self.country,
                "sector": self.sector}


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
    """Where an event happened: `country` is the country's name, `country_code` its ISO
    alpha-3, `admin1` the province or governorate, `precision` how specific the place is
    (GEO_PRECISIONS: a town or district is a point)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Magnitude:
    """A number the text states for an event: PLOVER's dead, injured or size (people
    taking part). `value` is None for a vague amount ("dozens"), whose words are kept;
    `qualifier` says how the text bounds it ("at least", "about", "more than", "up to");
    `parts` are the figures summed into it ("six civilians and 16 fighters": 6, 16)."""

    kind: str
    value: int | None
    text: str
    qualifier: str | None = None
    parts: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "text": self.text,
                "qualifier": self.qualifier, "parts": list(self.parts)}


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
    date_source: str | None = None  # DATE_SOURCES: where `date` came from
    magnitudes: tuple[Magnitude, ...] = ()
    # the country and sector of the first source and target actor (filled at resolution)
    sides: tuple[str | None, str | None, str | None, str | None] = (None, None, None, None)
    detector: str | None = None  # what found the trigger: lexicon, model, or both agreeing
    incident: str | None = None  # the incident it reports (chronicle.incidents)

    def magnitude(self, kind: str) -> Magnitude | None:
        return next((m for m in self.magnitudes if m.kind == kind), None)

    def to_json(self) -> dict[str, Any]:
        values = {k: (m.value if (m := self.magnitude(k)) else None) for k in MAGNITUDE_KINDS}
        words = "; ".join(m.text for m in self.magnitudes) or None
        return {"type": "event", "id": self.id, "doc": self.doc, "event_type": self.event_type,
                "mode": self.mode, "source": list(self.source), "target": list(self.target),
                "date": self.date, "date_source": self.date_source,
                "location": self.location.to_json() if self.location else None,
                **values, "magnitude_text": words,
                "magnitudes": [m.to_json() for m in self.magnitudes],
                "source_country": self.sides[0], "source_sector": self.sides[1],
                "target_country": self.sides[2], "target_sector": self.sides[3],
                "start": self.start, "end": self.end, "sentence": self.sentence,
                "trigger": self.trigger, "negated": self.negated,
                "hypothetical": self.hypothetical, "confidence": round(self.confidence, 3),
                "reason": self.reason, "detector": self.detector, "incident": self.incident}


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    doc: str
    speaker: str | None
    text: str
    start: int
    end: int
    cue: str | None = None
    how: str | None = None  # what decided the speaker: "tail", "colon", "turn", "context" ...
    closed: bool = True  # False: the opening mark is never closed (ended at its paragraph)

    def to_json(self) -> dict[str, Any]:
        return {"type": "quote", **asdict(self)}


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A field on which the reports of one incident differ: each value, with the documents
    that give it and their outlets ("dead": 12 in two reports, 15 in one); `low` and `high`
    bound a number's values (dead, injured)."""

    field: str
    values: tuple[tuple[Any, tuple[str, ...]], ...]
    outlets: tuple[tuple[str, ...], ...] = ()  # per value, the outlets of its documents
    low: Any = None
    high: Any = None

    def to_json(self) -> dict[str, Any]:
        outlets = self.outlets or tuple(() for _ in self.values)
        data: dict[str, Any] = {
            "field": self.field,
            "values": [{"value": v, "documents": list(d), "outlets": list(o)}
                       for (v, d), o in zip(self.values, outlets, strict=True)]}
        if self.low is not None:
            data.update(min=self.low, max=self.high)
        return data


@dataclass(frozen=True, slots=True)
class Link:
    """Why one event joined its incident: the score and the fields that agreed and not
    (`score` None for the event that started the incident)."""

    event: str
    score: float | None
    agreed: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "score": self.score, "agreed": list(self.agreed),
                "conflicts": list(self.conflicts)}


@dataclass(frozen=True, slots=True)
class Incident:
    """Events that report the same happening, within and across documents."""

    id: str
    event_type: str
    events: tuple[str, ...]
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    date: str | None
    location: Location | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    confidence: float
    disagreements: tuple[Disagreement, ...] = ()
    first_report: str | None = None  # earliest publication date among its documents
    last_report: str | None = None
    agreed: tuple[str, ...] = ()  # the fields that tied its reports together
    independent: int = 0  # independent sources: outlets, and documents of no known outlet
    types: tuple[tuple[str, int], ...] = ()  # event types of its reports, with counts
    links: tuple[Link, ...] = ()  # per event, why it joined

    @property
    def single_outlet(self) -> bool:
        return self.independent <= 1

    def to_json(self) -> dict[str, Any]:
        return {"type": "incident", "id": self.id, "event_type": self.event_type,
                "events": list(self.events), "documents": list(self.documents),
                "outlets": list(self.outlets), "reports": len(self.events),
                "independent": self.independent, "single_outlet": self.single_outlet,
                "date": self.date,
                "location": self.location.to_json() if self.location else None,
                "source": list(self.source), "target": list(self.target),
                "confidence": round(self.confidence, 3),
                "disagreements": [d.to_json() for d in self.disagreements],
                "first_report": self.first_report, "last_report": self.last_report,
                "agreed": list(self.agreed), "types": dict(self.types),
                "links": [link.to_json() for link in self.links]}


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


Record = Document | Actor | Event | Quote | Timex | Incident
