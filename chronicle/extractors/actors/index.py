"""Where each entity of one document is mentioned: the read-only index later stages query.

Events and quotes ask "who is mentioned at these characters?", "who was the last person
named before here?", "what entity is this key?"; none of them may change the answer. The
one thing they may need that the text never names is a country ("a spokesman in Beijing"
speaks for China; a minister's role names his country): such countries go to a `Ledger`
kept beside the index, and leave the document with its entities.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.actors.known import known_names
from chronicle.records import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


Mention = tuple[int, int, str]  # (start char, end char, entity key), sorted by start


@dataclass
class Ledger:
    """Countries that stages point at without the text naming them, numbered after the
    document's own entities so their keys stay unique."""

    doc_id: str
    first_number: int
    entities: list[Entity] = field(default_factory=list)

    def country(self, name: str) -> Entity | None:
        for ent in self.entities:
            if ent.name == name:
                return ent
        known = known_names().get(name)
        if known is None or known.kind != "country":
            return None
        number = self.first_number + len(self.entities)
        ent = Entity(key=f"{self.doc_id}#{number}", doc=self.doc_id, name=known.canonical,
                     kind="country", names=[known.canonical])
        self.entities.append(ent)
        return ent


@dataclass(frozen=True)
class ActorIndex:
    """The entities of one document and their mentions, in text order."""

    doc_id: str
    entities: tuple[Entity, ...] = ()
    spans: tuple[Mention, ...] = ()
    doc: Doc | None = None
    # unnamed groups ("rebels (Syria)", actors/sectors.py): never what "it" or "they" means
    generic: frozenset[str] = frozenset()
    # mentions of a country through its forces ("Israeli troops"): (start, end, sector)
    mention_sectors: tuple[tuple[int, int, str], ...] = ()
    _by_key: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entities", tuple(self.entities))
        object.__setattr__(self, "spans", tuple(self.spans))
        self._by_key.update({e.key: e for e in self.entities})

    def entity(self, key: str) -> Entity:
        return self._by_key[key]

    def kind(self, key: str) -> str | None:
        ent = self._by_key.get(key)
        return ent.kind if ent is not None else None

    def at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping characters [start, end), if any."""
        i = bisect_right(self.spans, (start, float("inf"), "")) - 1
        for j in range(max(0, i - 3), min(len(self.spans), i + 4)):
            s, e, key = self.spans[j]
            if s < end and start < e:
                return key
        return None

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect_right(self.spans, (start, -1, ""))
        out = []
        for s, e, key in self.spans[i:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, key))
        return out

    def last_mentioned(self, before: int, kinds: tuple[str, ...] = ("person",)) -> str | None:
        """The entity of those kinds mentioned last before character `before`."""
        i = bisect_right(self.spans, (before, -1, ""))
        for _s, e, key in reversed(self.spans[:i]):
            if e <= before and self._by_key[key].kind in kinds:
                return key
        return None
