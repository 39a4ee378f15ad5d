"""Running the event extractor on a short text with its actors listed by hand, so that
event tests test the event rules, not the actor finder."""

from __future__ import annotations

import re

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.events.find import EventContext, find_events
from chronicle.records import Document, Entity, Quote


def run(nlp, text: str, names: dict[str, str] | None = None,  # noqa: ANN001
        quotes: list[tuple[str, str]] | None = None) -> list[tuple]:
    """(type, mode, sources, targets, negated or hypothetical, trigger) of each event: an
    entity per name, a mention at each occurrence of it."""
    doc = nlp(text)
    entities, spans = [], []
    for n, (name, kind) in enumerate((names or {}).items(), 1):
        entities.append(Entity(key=f"d#{n}", doc="d", name=name, kind=kind, names=[name]))
        spans += [(m.start(), m.end(), f"d#{n}") for m in re.finditer(re.escape(name), text)]
    actors = DocActors(doc_id="d", entities=entities, spans=sorted(spans), doc=doc)
    by_key = {e.key: e.name for e in entities}
    key = {e.name: e.key for e in entities}
    records = [Quote(f"q{i}", "d", key[who], words, text.index(words),
                     text.index(words) + len(words), "said")
               for i, (words, who) in enumerate(quotes or [])]
    events = find_events(doc, Document(id="d", text=text, source="t"),
                         EventContext(actors, quotes=records))
    return [(e.event_type, e.mode, [by_key.get(k, k) for k in e.source],
             [by_key.get(k, k) for k in e.target], e.negated or e.hypothetical, e.trigger)
            for e in events]


def real(found: list[tuple]) -> list[tuple]:
    """The events stated as facts: neither negated nor hypothetical."""
    return [f[:4] for f in found if not f[4]]
