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
    given_and_surname,
    is_kunya,
    key_tokens,
    middles_agree,
    name_parts,
    vowels_agree,
)
from chronicle.extractors.actors.vocab import LEADING_ARTICLES, ROLE_NOUNS, TITLE_WORDS
from chronicle.records import Actor, DocumentResult, Entity, Event, Role


def resolution_keys(names: Iterable[str], kind: str) -> dict[str, tuple[str, ...]]:
    """Keys under which an actor of this kind and these names meets other documents' actors."""
    from chronicle.extractors.actors.known import known_names

    keys: dict[str, tuple[str, ...]] = {}
    names = list(names)
    tails = _tails(names) if kind in ("organization", "group") else set()
    for name in names:
        tokens = key_tokens(name)
        if not tokens or bare_title(name) or (tokens in tails and name != names[0]
                                              and known_names().get(name) is None):
            continue
        if kind == "person":
            words = fold(name).replace("-", " ").split()
            if len(tokens) < 2 or any(w in TITLE_WORDS for w in words) or any(
                    (known_names().get(w.title()) or known_names().get(w)) for w in words):
                continue
        keys.setdefault(f"{kind}:{' '.join(tokens)}", name_parts(name))
    return keys


def _tails(names: list[str]) -> set[tuple[str, ...]]:
    """Keys of one-word short forms that end a longer name of the same organisation ("the
    Post" of "the Washington Post"): like a surname, they name it in their document only,
    and two newspapers called "... Post" stay apart. The canonical name and known names
    keep their keys ("Hezbollah" beside "Lebanese Hezbollah")."""
    out = set()
    for name in names:
        tokens = key_tokens(name)
        if len(tokens) >= 2 and not tokens[-1].startswith("="):
            out.add(tokens[-1:])
    return out


Cores = dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]


def core_keys(names: Iterable[str], kind: str) -> Cores:
    """A person's given name, surname and generation, under which the same person with and
    without a middle name or initial meets ("Donald J. Trump", "Donald Trump"); each value
    lists the parts of that core (for the spelling check) and the middle keys of a name."""
    out: Cores = {}
    if kind != "person":
        return out
    for name, parts in resolution_keys(names, kind).items():
        tokens = tuple(name.split(":", 1)[1].split())
        core, middles = given_and_surname(tokens)
        if len(core) < 2 or len(parts) != len(tokens):
            continue
        picked = [0, len(tokens) - 1 - (len(core) - 2)] + ([len(tokens) - 1] if len(core) > 2
                                                          else [])
        out.setdefault(" ".join(core), []).append((tuple(parts[i] for i in picked), middles))
    return out


def bare_title(name: str) -> bool:
    """A title with nothing that says whose ("the president", "Minister"): it names someone
    only inside its document, so it is neither a key nor an alias of a run-wide actor."""
    words = [w for w in fold(name).replace("-", " ").split() if w not in LEADING_ARTICLES]
    return bool(words) and all(w in TITLE_WORDS or w in ROLE_NOUNS for w in words)


def _same_spelling(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(vowels_agree(x, y) for x, y in zip(a, b))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "actor"


def _fuller(current: str, candidate: str) -> bool:
    """Whether `candidate` is a fuller canonical name than `current` (kunyas rank lower, a
    middle initial below the middle name it stands for)."""
    def rank(name: str) -> tuple[bool, int, int]:
        parts = name_parts(name)
        return (not is_kunya(parts), len(parts), -sum(len(p) == 1 for p in parts))

    return rank(candidate) > rank(current)


def _keys(ent: Entity) -> tuple[dict[str, tuple[str, ...]], Cores]:
    """An entity's full-name keys and person cores; a described actor ("unidentified
    gunmen") has none: it is its document's alone."""
    if ent.generic:
        return {}, {}
    names = [ent.name, *ent.names]
    return resolution_keys(names, ent.kind), core_keys(names, ent.kind)


class Resolver:
    """Assigns each document entity to an actor, creating or extending actors.

    Start it empty (extract) or from stored actors (ingest); `add` returns the entity key ->
    actor id mapping, `rewrite` points a result's events and quotes at actor ids.
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._cores: dict[str, dict[str, Cores]] = {}  # core key -> actor id -> its forms
        self._surnames: set[str] = set()  # keys of the surnames of the run's people
        self._namesakes: set[str] = set()  # places only because a town bears the name
        self._of_entity: dict[str, str] = {}
        for actor in actors:
            self._actors[actor.id] = actor
            names = [actor.name, *actor.aliases]
            self._index_keys(actor.id, resolution_keys(names, actor.kind),
                             core_keys(names, actor.kind))

    def _index_keys(self, actor_id: str, keys: dict[str, tuple[str, ...]], cores: Cores
                    ) -> None:
        for key, parts in keys.items():
            self._index.setdefault(key, (actor_id, parts))
        for key, forms in cores.items():
            self._cores.setdefault(key, {}).setdefault(actor_id, {}).setdefault(
                key, []).extend(forms)
            self._surnames.add(key.split()[1])

    def _match(self, keys: dict[str, tuple[str, ...]], cores: Cores) -> str | None:
        votes: dict[str, int] = {}
        for key, parts in keys.items():
            hit = self._index.get(key)
            if hit is not None and _same_spelling(hit[1], parts):
                votes[hit[0]] = votes.get(hit[0], 0) + 1
        if votes:
            return max(votes, key=lambda a: votes[a])
        return self._match_core(cores)

    def _match_core(self, cores: Cores) -> str | None:
        """The one actor whose given name, surname and generation agree and whose middle
        names do not clash; two such actors ("George W." and "George H. W.") leave a bare
        "George Bush" apart from both."""
        fits: set[str] = set()
        for key, forms in cores.items():
            for actor_id, held in self._cores.get(key, {}).items():
                theirs = held[key]
                if all(_same_spelling(p, q) and middles_agree(m, n)
                       for p, m in forms for q, n in theirs):
                    fits.add(actor_id)
        return fits.pop() if len(fits) == 1 else None

    def add(self, entities: Iterable[Entity]) -> dict[str, str]:
        """Resolve one document's entities. Their name keys are made before any actor
        changes, so a name that cannot be keyed fails the document, not the actors."""
        keyed = [(ent, *_keys(ent)) for ent in entities]
        mapping = {}
        for ent, keys, cores in keyed:
            actor_id = self._match(keys, cores)
            if actor_id is None:
                actor_id = self._new_id(ent.name)
                self._actors[actor_id] = Actor(id=actor_id, name=ent.name, kind=ent.kind,
                                               country=ent.country, sector=ent.sector)
            if ent.namesake and ent.kind == "location":
                self._namesakes.add(actor_id)
            self._extend(self._actors[actor_id], ent)
            self._index_keys(actor_id, keys, cores)
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
        former = []
        if ent.kind == "person" and _fuller(actor.name, ent.name):
            actor.name, former = ent.name, [actor.name]  # the shorter form stays an alias
        seen = {fold(a) for a in actor.aliases} | {fold(actor.name)}
        for name in [*former, ent.name, *ent.names, *ent.titles]:
            if fold(name) not in seen and not bare_title(name):
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
        """The run's actors; a place that is one only because a town bears the name becomes
        a person when the run names a person of that surname ("Obama criticized ..." beside
        "Barack Obama" in another article). Bare surnames still join no document."""
        for actor_id in self._namesakes:
            actor = self._actors[actor_id]
            keys = key_tokens(actor.name)
            if actor.kind == "location" and len(keys) == 1 and keys[0] in self._surnames:
                actor.kind, actor.country = "person", None
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
