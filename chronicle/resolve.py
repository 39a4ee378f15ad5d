"""Run-wide actors: the entities of many documents merged into one actor per referent.

Documents meet only through names that are unambiguous on their own: a person's full name
(two words or more, titles excluded, spelling variants folded by `names.name_key`), or any
name of an organisation, country, group or place. A bare surname or a title used as a name
("Al-Sharaa", "the Syrian president") never joins documents: it was resolved inside its own
document, where it is unambiguous, and namesakes stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from chronicle.extractors.actors.names import (
    fold,
    is_kunya,
    key_tokens,
    name_parts,
    vowels_agree,
)
from chronicle.extractors.actors.vocab import TITLE_WORDS
from chronicle.records import Actor, DocumentResult, Entity, Event, Role


def resolution_keys(names: Iterable[str], kind: str) -> dict[str, tuple[str, ...]]:
    """Keys under which an actor of this kind and these names meets other documents' actors."""
    from chronicle.extractors.actors.known import known_names

    keys: dict[str, tuple[str, ...]] = {}
    for name in names:
        tokens = key_tokens(name)
        if not tokens:
            continue
        if kind == "person":
            words = fold(name).replace("-", " ").split()
            if len(tokens) < 2 or any(w in TITLE_WORDS for w in words) or any(
                    (known_names().get(w.title()) or known_names().get(w)) for w in words):
                continue
        keys.setdefault(f"{kind}:{' '.join(tokens)}", name_parts(name))
    return keys


def _same_spelling(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(vowels_agree(x, y) for x, y in zip(a, b))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "actor"


def _fuller(current: str, candidate: str) -> bool:
    """Whether `candidate` is a fuller canonical name than `current` (kunyas rank lower)."""
    def rank(name: str) -> tuple[bool, int]:
        parts = name_parts(name)
        return (not is_kunya(parts), len(parts))

    return rank(candidate) > rank(current)


class Resolver:
    """Assigns each document entity to an actor, creating or extending actors.

    Start it empty (extract) or from stored actors (ingest); `add` returns the entity key ->
    actor id mapping, `rewrite` points a result's events and quotes at actor ids.
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._of_entity: dict[str, str] = {}
        for actor in actors:
            self._actors[actor.id] = actor
            self._index_keys(actor.id, resolution_keys([actor.name, *actor.aliases], actor.kind))

    def _index_keys(self, actor_id: str, keys: dict[str, tuple[str, ...]]) -> None:
        for key, parts in keys.items():
            self._index.setdefault(key, (actor_id, parts))

    def _match(self, keys: dict[str, tuple[str, ...]]) -> str | None:
        votes: dict[str, int] = {}
        for key, parts in keys.items():
            hit = self._index.get(key)
            if hit is not None and _same_spelling(hit[1], parts):
                votes[hit[0]] = votes.get(hit[0], 0) + 1
        if not votes:
            return None
        return max(votes, key=lambda a: votes[a])

    def add(self, entities: Iterable[Entity]) -> dict[str, str]:
        """Resolve one document's entities. Their name keys are made before any actor
        changes, so a name that cannot be keyed fails the document, not the actors."""
        # a described actor ("unidentified gunmen") is its document's alone
        keyed = [(ent, {} if ent.generic else resolution_keys([ent.name, *ent.names], ent.kind))
                 for ent in entities]
        mapping = {}
        for ent, keys in keyed:
            actor_id = self._match(keys)
            if actor_id is None:
                actor_id = self._new_id(ent.name)
                self._actors[actor_id] = Actor(id=actor_id, name=ent.name, kind=ent.kind,
                                               country=ent.country, sector=ent.sector)
            self._extend(self._actors[actor_id], ent)
            self._index_keys(actor_id, keys)
            mapping[ent.key] = actor_id
        self._of_entity.update(mapping)
        return mapping

    def _new_id(self, name: str) -> str:
        base = _slug(name)
        actor_id, n = base, 2
        while actor_id in self._actors:
            actor_id, n = f"{base}-{n}", n + 1
        return actor_id

    def _extend(self, actor: Actor, ent: Entity) -> None:
        if ent.kind == "person" and _fuller(actor.name, ent.name):
            actor.name = ent.name
        seen = {fold(a) for a in actor.aliases} | {fold(actor.name)}
        for name in [ent.name, *ent.names, *ent.titles]:
            if fold(name) not in seen:
                actor.aliases.append(name)
                seen.add(fold(name))
        if fold(actor.name) in {fold(a) for a in actor.aliases}:
            actor.aliases = [a for a in actor.aliases if fold(a) != fold(actor.name)]
        have = {(r.title.casefold(), r.of) for r in actor.roles}
        for role in ent.roles:
            if (role.title.casefold(), role.of) not in have:
                actor.roles.append(Role(role.title, role.of, role.start, role.end))
                have.add((role.title.casefold(), role.of))
        actor.mentions.extend(ent.mentions)
        actor.country = actor.country or ent.country  # the first document that says wins
        actor.sector = actor.sector or ent.sector

    def actor_id(self, entity_key: str) -> str | None:
        return self._of_entity.get(entity_key)

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def _side(self, ids: tuple[str, ...]) -> tuple[str | None, str | None]:
        actor = self._actors.get(ids[0]) if ids else None
        return (actor.country, actor.sector) if actor else (None, None)

    def _sided(self, event: Event) -> Event:
        """The event with its source's and target's country and sector (first actors); a
        side the extractor read from the mention ("Israeli troops": a country acting
        through its military) keeps what it says."""
        sc, ss = self._side(event.source)
        tc, ts = self._side(event.target)
        own = event.sides
        return replace(event, sides=(own[0] or sc, own[1] or ss, own[2] or tc, own[3] or ts))

    def rewrite(self, result: DocumentResult) -> DocumentResult:
        def ids(keys: Iterable[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(self._of_entity.get(k, k) for k in keys))

        events = [self._sided(replace(e, source=ids(e.source), target=ids(e.target)))
                  for e in result.events]
        quotes = [replace(q, speaker=self._of_entity.get(q.speaker, q.speaker)
                          if q.speaker else None) for q in result.quotes]
        return replace(result, events=events, quotes=quotes)
