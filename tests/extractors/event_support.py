"""Running the event extractor on a short text with its actors listed by hand, so that
event tests test the event rules, not the actor finder."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.events.find import EventContext, find_events
from chronicle.records import ActorKind, Document, Entity, Quote, Role
from chronicle.settings import Settings

# The rule layer alone: these tests say what the lexicon and the parse rules decide.
RULES = Settings(events="lexicon")

if TYPE_CHECKING:
    from spacy.tokens import Doc


def hand_actors(doc: Doc, names: dict[str, str], roles: dict[str, Role] | None = None
                ) -> DocActors:
    """The actors of a text listed by hand: an entity per name (keys "d#1", "d#2", ... in
    the order given), a mention at each occurrence of the name in the text."""
    entities, spans = [], []
    for n, (name, kind) in enumerate(names.items(), 1):
        key = f"d#{n}"
        role = (roles or {}).get(name)
        entities.append(Entity(key=key, doc="d", name=name, kind=cast(ActorKind, kind),
                               names=[name], roles=[role] if role else []))
        spans += [(m.start(), m.end(), key) for m in re.finditer(re.escape(name), doc.text)]
    return DocActors(doc_id="d", entities=tuple(entities), spans=tuple(sorted(spans)),
                     doc=doc)


def run(nlp, text: str, names: dict[str, str] | None = None,  # noqa: ANN001
        quotes: list[tuple[str, str]] | None = None) -> list[tuple]:
    """(type, mode, sources, targets, negated or hypothetical, trigger) of each event: an
    entity per name, a mention at each occurrence of it."""
    doc = nlp(text)
    actors = hand_actors(doc, names or {})
    by_key = {e.key: e.name for e in actors.entities}
    key = {e.name: e.key for e in actors.entities}
    records = [Quote(f"q{i}", "d", key[who], words, text.index(words),
                     text.index(words) + len(words), "said")
               for i, (words, who) in enumerate(quotes or [])]
    events = find_events(doc, Document(id="d", text=text, source="t"),
                         EventContext(actors, quotes=records, settings=RULES))
    return [(e.event_type, e.mode, [by_key.get(k, k) for k in e.source],
             [by_key.get(k, k) for k in e.target], e.negated or e.hypothetical, e.trigger)
            for e in events]


def real(found: list[tuple]) -> list[tuple]:
    """The events stated as facts: neither negated nor hypothetical."""
    return [f[:4] for f in found if not f[4]]
