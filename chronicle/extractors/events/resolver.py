"""Tokens to entity keys: which actor a subject, an object or a pronoun stands for.

`DocActors.refer` knows the mentions; the event rules add what a trigger's parse says of
them: a relative pronoun stands for its noun ("the group, which ..."), "I" and "we" inside
a quote for its speaker or the speaker's country, "its" on an object for the clause's
subject, a role noun for the person named after it, an unnamed official for the state.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.actors.vocab import OFFICIAL_NOUNS
from chronicle.extractors.events.vocab import word_class
from chronicle.extractors.places.gazetteer import fold, gazetteer
from chronicle.nlp.labels import (
    CLAUSES_ON_NOUNS,
    DIRECT_OBJECTS,
    NOUNS,
    OUTSIDE_NOUN_PHRASE,
    SUBJECTS_WITH_EXPLETIVE,
)
from chronicle.nlp.parse import after_anti, governing_verb, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.document import DocActors
    from chronicle.records import Entity, Quote


@dataclass
class Speakers:
    """Quotes, indexed by start offset, so a token inside one finds its speaker."""

    quotes: list[Quote] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.quotes = sorted((q for q in self.quotes if q.speaker), key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]

    def at(self, char: int) -> Quote | None:
        i = bisect_right(self._starts, char) - 1
        if i >= 0 and self.quotes[i].start <= char < self.quotes[i].end:
            return self.quotes[i]
        return None


def antecedent(rel: Token, actors: DocActors) -> Token:
    """The noun a relative pronoun stands for; "a figure in X, who ..." means the figure."""
    clause = rel.head
    noun = clause.head if clause.dep_ in CLAUSES_ON_NOUNS else clause
    if rel.lower_ in word_class("personal_relative"):
        for _ in range(3):
            key = actors.refer(noun)
            kind = actors.entity(key).kind if key else None
            if kind == "person":
                break
            if noun.dep_ == "pobj" and noun.head.head.pos_ in NOUNS:
                noun = noun.head.head
            elif noun.dep_ == "appos":
                noun = noun.head
            else:
                break
    while noun.dep_ == "appos":
        noun = noun.head
    return noun


def np_mentions(tok: Token, actors: DocActors) -> list[str]:
    """Entities mentioned inside a noun phrase, modifiers first ("Syrian statement"). The
    modifiers are read as one stretch of text, since a name may span several of them
    ("Syrian government aircraft": "Syrian" and "government" both modify "aircraft")."""
    keys: list[str] = []
    left = [c for c in tok.children if c.i < tok.i and c.dep_ not in OUTSIDE_NOUN_PHRASE]
    right = [c for c in tok.children if c.i > tok.i and c.dep_ == "prep"
             and c.lower_ in word_class("phrase_actor_prep")]
    for group in (left, right):
        if not group:
            continue
        words = [t for child in group for t in child.subtree]
        first, last = min(words, key=lambda t: t.i), max(words, key=lambda t: t.i)
        # a place under the "in" of an attack is where it struck ("a blast in Homs"); under
        # that of people or a body, whose they are ("authorities in Tehran")
        where = group is right and tok.lemma_.lower() in word_class("means_noun")
        at = {t.idx: t for t in words}
        for start, _, key in actors.mentions_between(first.idx, last.idx + len(last)):
            if key in keys or start in at and after_anti(at[start]):
                continue
            if not (where and _placed_in(key, group, actors)):
                keys.append(key)
        if keys:
            return keys
    return keys


def _placed_in(key: str, preps: list[Token], actors: DocActors) -> bool:
    """A place under the noun's "in", or the country that owns it ("a bomb in Syria's
    Idlib"): where it happened, not who did it."""
    return actors.kind(key) in ("location", "country") and any(
        p.lower_ == "in" and any(actors.refer(t) == key for o in p.children for t in o.subtree)
        for p in preps)


@dataclass
class ArgumentResolver:
    """Turns tokens into entity keys for one document."""

    actors: DocActors
    speakers: Speakers
    roles: frozenset[str] = frozenset()  # role nouns ("minister", "envoy") from the lexicon

    def speaker_for(self, tok: Token) -> list[str]:
        """"I" in a quote is its speaker; "we" is the country an official speaker speaks
        for, with the speaker (a minister's "we" is the state, said by the minister)."""
        low = tok.lower_
        first_plural = low in word_class("first_plural")
        if tok.pos_ != "PRON" or (low not in word_class("first_singular") and not first_plural):
            return []
        quote = self.speakers.at(tok.idx)
        if quote is None or not quote.speaker:
            return []
        speaker = quote.speaker
        if self.kind(speaker) != "person":
            return [self.actor(speaker)]
        country = self.country(speaker) if first_plural else None
        return [country, speaker] if country else [speaker]

    def _parties_of(self, tok: Token) -> list[str]:
        """The parties a noun stands for: the bodies its officials serve ("negotiators
        from the United States and China"), or those a counted party noun points back to
        ("the two sides agreed", "both countries pledged")."""
        served = self._served(tok)
        return served if len(served) > 1 else self._sides(tok)

    def _sides(self, tok: Token) -> list[str]:
        """The parties a counted party noun stands for: the last ones of its kind named
        before its sentence, as many as it counts (persons for "the two leaders")."""
        if tok.pos_ not in NOUNS or tok.lemma_.lower() not in word_class("party_noun"):
            return []
        count = next((2 if c.lower_ in word_class("two_parties") else 3 for c in tok.children
                      if c.lower_ in word_class("two_parties") | word_class("three_parties")),
                     None)
        if count is None:
            return []
        kinds = ("person",) if tok.lemma_.lower() in word_class("person_party_noun") else (
            "country", "organization", "group")
        found: list[str] = []
        for _, _, key in reversed(self.actors.mentions_between(0, tok.sent.start_char)):
            party = self.actor(key)
            if party not in found and self.kind(party) in kinds:
                found.append(party)
            if len(found) == count:
                return found[::-1]
        return []

    def country(self, key: str) -> str | None:
        """The country an official speaks for: from the actors layer, else a role's "of"."""
        found = self.actors.country_of(key)
        if found:
            return found
        ent = self._entity(key)
        for role in ent.roles if ent is not None else ():
            if role.of:
                for other in self.actors.all_entities():
                    if other.kind == "country" and role.of in (other.name, *other.names):
                        return other.key
        return None

    def keys(self, tokens: list[Token]) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            for key in self.of_token(tok):
                if key not in out:
                    out.append(key)
        return out

    def actor(self, key: str) -> str:
        """An entity as an actor: unnamed officials and governments act as their country."""
        ent = self._entity(key)
        if ent is None:
            return key
        if ent.kind == "person" and not _unnamed(ent.name, ent.titles, self.roles):
            return key
        return self.actors.country_of(key) or key

    def of_token(self, tok: Token) -> list[str]:
        relative = tok.lower_ in word_class("relative") and tok.head.dep_ in CLAUSES_ON_NOUNS
        if relative:
            tok = antecedent(tok, self.actors)
        speaker = self.speaker_for(tok)
        if speaker:
            return speaker
        bound = self._bound(tok)  # "Ghana recalled its ambassador": Ghana's
        if bound:
            return bound
        named = self._named_in(tok)  # "the captain of the tanker X, Oleksandr H."
        if named:
            return named
        parties = self._parties_of(tok)  # "negotiators from X and Y", "the two sides"
        if parties:
            return parties
        key = self.actors.refer(tok)
        if (key is None or key in self.actors.generic) and tok.pos_ in NOUNS:
            owner = self._owner(tok)  # "our aircraft" in a quote, "its foreign ministry",
            if owner:  # "the coalition said its jets struck": the coalition's, not "jets"
                return owner
        if key:
            if relative and self.kind(key) == "location":
                return []  # "an attack in the village of X, which killed ...": the attack
            return [self.actor(key)]
        for other in [c for c in tok.children if c.dep_ == "appos"] + (
                [tok.head] if tok.dep_ == "appos" else []):
            key = self.actors.refer(other) or next(
                (k for c in other.children if c.dep_ == "compound"  # "the firm X Lines"
                 for k in [self.actors.refer(c)] if k and self.kind(k) != "location"), None)
            if key:
                return [self.actor(key)]
        if tok.pos_ == "NUM" or tok.lower_ in word_class("quantifier"):  # "two of its ambulances"
            keys = self.keys(prep_objects(tok, "of"))
            if keys:
                return keys
        if tok.pos_ in NOUNS:
            return [self.actor(k) for k in np_mentions(tok, self.actors)]
        return []

    def _served(self, tok: Token) -> list[str]:
        """The bodies officials speak for, every one of a coordinated list ("officials from
        Ghana and Togo met", "negotiators from the United States and China")."""
        if tok.pos_ not in NOUNS or tok.lemma_.lower() not in OFFICIAL_NOUNS \
                or self.actors.at(tok.idx, tok.idx + len(tok)) is not None:
            return []
        served = [o for prep in ("from", "of") for o in prep_objects(tok, prep)]
        bodies = [c for o in served for c in (o, *o.conjuncts)]
        keys = [self.actor(k) for t in bodies for k in [self.actors.refer(t)]
                if k and self.kind(k) != "location"]
        return list(dict.fromkeys(keys))

    def _named_in(self, tok: Token) -> list[str]:
        """A role noun whose phrase ends in a person's name: that person, not the
        nationality before the noun or the body he serves ("the Ukrainian captain of the
        tanker, O. H.", "its commander, X, was placed under sanctions")."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.roles:
            return []
        found = [key for t in tok.subtree if t.dep_ == "appos" and t.i > tok.i
                 for key in [self.actors.refer(t)] if key and self.kind(key) == "person"]
        return found[-1:]  # the name that closes the phrase, not a ship named inside it

    def _owner(self, tok: Token) -> list[str]:
        """Whose "our X" or "its X" is: in a quote "our" is the speaker's; else what the
        pronoun refers to."""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                found = self.speaker_for(c)
                if found:
                    return found
                key = self.actors.refer(c)
                return [self.actor(key)] if key and self.kind(key) != "location" else []
        return []

    def _bound(self, noun: Token) -> list[str]:
        """"its"/"their" on an object belongs to the clause's subject when that is a state,
        an organisation or a group."""
        pron = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"
                     and c.lower_ in word_class("bound_possessive")), None)
        if pron is None or noun.dep_ in SUBJECTS_WITH_EXPLETIVE:
            return []
        verb = noun.head if noun.dep_ in DIRECT_OBJECTS else governing_verb(noun)
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head  # "Ghana denied X and recalled its ambassador"
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < noun.i]
        keys = [self.actor(k) for k in filter(None, (self.actors.refer(t) for t in subj))]
        return keys if {self.kind(k) for k in keys} & {"country", "organization",
                                                         "group"} else []

    def kind(self, key: str) -> str | None:
        ent = self._entity(key)
        return ent.kind if ent is not None else None

    def sector(self, key: str) -> str | None:
        ent = self._entity(key)
        return ent.sector if ent is not None else None

    def _entity(self, key: str) -> Entity | None:
        try:
            return self.actors.entity(key)
        except (KeyError, StopIteration):
            return None


def _unnamed(name: str, titles: list[str], roles: frozenset[str]) -> bool:
    """A person entity known only by a title ("the Iraqi minister", "Norwegian envoy")."""
    low = name.lower()
    words = low.split()
    articles = tuple(w + " " for w in word_class("article"))
    return (name in titles or low.startswith(articles) or name == low
            or bool(words) and words[-1] in roles)


def as_countries(keys: list[str], res: ArgumentResolver, cities: bool) -> list[str]:
    """Places that stand for a state act as that state: a country the actors layer typed as
    a place, a capital ("Tokyo urged"), and with `cities` any city ("a court in
    Rotterdam", for a source); only countries the document names are used."""
    out: list[str] = []
    for key in keys:
        found = key
        if res.kind(key) == "location":
            gaz = gazetteer()
            name = res.actors.entity(key).name
            code = gaz.country_code(name)
            if code is None:
                city = gaz.context_code(name)
                capital = gaz.countries.get(city or "", {}).get("capital") or ""
                code = city if cities or fold(capital) == fold(name) else None
            found = _country_key(code, res) or key if code else key
        if found not in out:
            out.append(found)
    return out


def _country_key(code: str, res: ArgumentResolver) -> str | None:
    gaz = gazetteer()
    for ent in res.actors.all_entities():
        if ent.kind == "country" and any(gaz.country_code(n) == code
                                         for n in (ent.name, *ent.names)):
            return ent.key
    return None


def hosts(keys: list[str], res: ArgumentResolver) -> list[str]:
    """The countries of visited cities ("arrived in Hanoi for a visit": Vietnam), among
    the countries the document names."""
    places = [res.actors.entity(k).name for k in keys if res.kind(k) == "location"]
    if not places:
        return []
    gaz = gazetteer()
    codes = {gaz.context_code(name) for name in places} - {None}
    return [e.key for e in res.actors.all_entities()
            if e.kind == "country" and gaz.country_code(e.name) in codes]
