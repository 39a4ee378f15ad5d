"""Run-wide actors: the entities of many documents merged into one actor per referent.

(Interface first; the implementation is being written.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from chronicle.records import Actor, DocumentResult, Entity


class Resolver:
    """Assigns each document entity to an actor, creating or extending actors.

    Start it empty (extract) or from stored actors (ingest); `add` returns the entity key ->
    actor id mapping, `rewrite` points a result's events and quotes at actor ids.
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self._actors: dict[str, Actor] = {a.id: a for a in actors}
        self._of_entity: dict[str, str] = {}

    def add(self, entities: Iterable[Entity]) -> dict[str, str]:
        mapping = {}
        for ent in entities:
            actor_id = f"a{len(self._actors) + 1}"
            self._actors[actor_id] = Actor(id=actor_id, name=ent.name, kind=ent.kind,
                                           aliases=[n for n in ent.names if n != ent.name],
                                           roles=list(ent.roles), mentions=list(ent.mentions))
            mapping[ent.key] = actor_id
        self._of_entity.update(mapping)
        return mapping

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def rewrite(self, result: DocumentResult) -> DocumentResult:
        def ids(keys: Iterable[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(self._of_entity.get(k, k) for k in keys))

        events = [replace(e, source=ids(e.source), target=ids(e.target)) for e in result.events]
        quotes = [replace(q, speaker=self._of_entity.get(q.speaker, q.speaker)
                          if q.speaker else None) for q in result.quotes]
        return replace(result, events=events, quotes=quotes)
