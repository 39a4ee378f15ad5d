"""A candidate mention: a span of the document that may name an actor, before grouping.

Candidates come from several sources (known names, the model's entities repaired, names the
model missed, titles used as names); `label` says which, and grouping trusts them in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.actors.known import Known
from chronicle.extractors.actors.names import clean_surface, key_tokens, name_parts, strip_titles
from chronicle.records import Role

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(slots=True)
class Candidate:
    start: int  # token indices [start, end)
    end: int
    start_char: int
    end_char: int
    surface: str  # the name as shown, cleaned
    label: str  # spaCy label, or the source: "KNOWN", "ROLE", "PARTICLE", "SURNAME", ...
    known: Known | None = None
    heading: bool = False  # inside a headline-like paragraph
    office: str | None = None  # for ROLE candidates: "president", "envoy", ...
    country: str | None = None  # for ROLE candidates: the ISO code of the adjective
    possessor: int | None = None  # for "Saddam's envoy": token index of the possessor
    keys: tuple[str, ...] = field(default=())
    words: tuple[str, ...] = field(default=())
    roles: list[Role] = field(default_factory=list)
    place_cue: bool = False  # "the village of X", "in the city of X"
    agent: bool = False  # the clause makes it a person ("Obama criticized"), not a town
    aged: bool = False  # the text gives it an age ("Janice Coombs, 54,"): a person
    written: str | None = None  # the words as written where the surface is rewritten

    def __post_init__(self) -> None:
        if self.label in {"PERSON", "PARTICLE"}:
            self.surface = strip_titles(self.surface)
        if not self.keys:
            self.keys = key_tokens(self.surface)
            self.words = name_parts(self.surface)


def candidate(span: Span, label: str, known: Known | None = None,
              surface: str | None = None) -> Candidate:
    """The candidate of a span; its surface is the span's text, cleaned, unless given."""
    return Candidate(span.start, span.end, span.start_char, span.end_char,
                     clean_surface(span.text if surface is None else surface), label, known)
