"""`DocActors`: the index of a document's actors, and who its pronouns and role nouns mean.

`refer(token)` is the one entry point for "who is this token about": a token inside a
mention gives that mention's entity; a pronoun ("he", "it", "they") or a role noun ("the
group", "the Iraqi minister", "the diplomat") gives the entity it refers back to (coref).
The answers that need a pass over the whole document (the organisation in focus, the
parties of a letter, genders) are computed on first use and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chronicle.extractors.actors import coref
from chronicle.extractors.actors.focus import resolve_focus
from chronicle.extractors.actors.genders import genders
from chronicle.extractors.actors.index import ActorIndex, Ledger
from chronicle.extractors.actors.letters import LetterParties, letter_parties
from chronicle.records import Entity

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class DocActors(ActorIndex):
    ledger: Ledger | None = None
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.ledger is None:
            object.__setattr__(self, "ledger", Ledger(self.doc_id, len(self.entities) + 1))

    def all_entities(self) -> list[Entity]:
        """The document's entities and the countries stages pointed at."""
        assert self.ledger is not None
        return [*self.entities, *self.ledger.entities]

    def entity(self, key: str) -> Entity:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def _find(self, key: str) -> Entity | None:
        found = self._by_key.get(key)
        if found is None and self.ledger is not None:
            found = next((e for e in self.ledger.entities if e.key == key), None)
        return found

    def refer(self, token: Token) -> str | None:
        """The entity a token denotes, through pronouns and role nouns."""
        key = self.at(token.idx, token.idx + len(token))
        if key is not None:
            return key
        return coref.antecedent(self, token)

    def focus(self) -> dict[int, str]:
        """Token index -> the organisation that 'it', 'they' or 'the group' points at."""
        if "focus" not in self._cache:
            self._cache["focus"] = resolve_focus(self, self.doc) if self.doc is not None else {}
        return self._cache["focus"]

    def letters(self) -> LetterParties:
        """Signatures and addresses, for "I" and "Your Excellency" in correspondence."""
        if "letters" not in self._cache:
            self._cache["letters"] = letter_parties(self)
        return self._cache["letters"]

    def gender(self, key: str) -> str | None:
        """"f", "m" or None: from a known first name, or "Mr"/"Ms" before a mention."""
        if "genders" not in self._cache:
            self._cache["genders"] = genders(self)
        return self._cache["genders"].get(key)

    def country_of(self, key: str) -> str | None:
        """The key of the country an entity acts for: itself for a country, the country of
        its role for a person (named or not); None when the text does not say."""
        ent = self._find(key)
        if ent is None:
            return None
        if ent.kind == "country":
            return key
        for role in ent.roles:
            if role.of:
                found = self.country_named(role.of)
                if found:
                    return found
        return None

    def country_named(self, name: str) -> str | None:
        """The key of the country entity called `name`; one the text never names comes
        from the ledger."""
        for ent in self.entities:
            if ent.kind == "country" and ent.name == name:
                return ent.key
        assert self.ledger is not None
        added = self.ledger.country(name)
        return added.key if added is not None else None
