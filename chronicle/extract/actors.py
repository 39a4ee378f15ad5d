"""Actors inside one document: mentions, grouped into entities, with names and roles.

(Interface first; the implementation is being written. Events and quotes use only the
methods of `DocActors`.)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.records import Document, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class DocActors:
    """The entities of one document and where each is mentioned.

    `refer(token)` is the one entry point for "who is this token about": a token inside a
    mention gives that mention's entity; a pronoun ("he", "it", "they") or a role noun
    ("the group", "the Iraqi minister", "the diplomat") gives the entity it refers back to.
    """

    doc_id: str
    entities: list[Entity] = field(default_factory=list)
    # (start_char, end_char, entity key), sorted by start
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        return next(e for e in self.entities if e.key == key)

    def at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping characters [start, end), if any."""
        i = bisect_right(self.spans, (start, float("inf"), "")) - 1
        for j in range(max(0, i - 3), min(len(self.spans), i + 4)):
            s, e, key = self.spans[j]
            if s < end and start < e:
                return key
        return None

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect_right(self.spans, (start, -1, ""))
        out = []
        for s, e, key in self.spans[i:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, key))
        return out

    def refer(self, token: Token) -> str | None:
        """The entity a token denotes, through pronouns and role nouns."""
        return self.at(token.idx, token.idx + len(token))

    def last_mentioned(self, before: int, kinds: tuple[str, ...] = ("person",)) -> str | None:
        """The entity of those kinds mentioned last before character `before`."""
        i = bisect_right(self.spans, (before, -1, ""))
        kind_of = {e.key: e.kind for e in self.entities}
        for s, e, key in reversed(self.spans[:i]):
            if e <= before and kind_of.get(key) in kinds:
                return key
        return None

    def country_of(self, key: str) -> str | None:
        """For an unnamed official or a government: the key of its country entity."""
        return None


def find_actors(doc: Doc, document: Document) -> DocActors:
    return DocActors(doc_id=document.id)
