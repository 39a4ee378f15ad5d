"""Who did it and to whom: source and target tokens of a trigger, and their entities.

The rules follow the dependency parse: active subject and object, passive agent and
patient, subjects inherited through control verbs, coordination, participles and relative
clauses, and for event nouns their possessor, modifiers, "by" phrase or the subject of the
verb that carries them ("claimed responsibility for an attack"). Tokens become entity keys
through `DocActors.refer`; first-person pronouns inside a quote become its speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.events.vocab import preps, word_class
from chronicle.nlp.labels import (
    ACTIVE_SUBJECTS,
    CLAUSES_ON_NOUNS,
    DIRECT_OBJECTS,
    NOUNS,
    OUTSIDE_NOUN_PHRASE,
    SUBJECTS_WITH_EXPLETIVE,
    VERBS,
)
from chronicle.nlp.parse import expand, forms, governing_verb, is_passive, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.document import DocActors
    from chronicle.extractors.events.lexicon import Lexicon
    from chronicle.records import Quote



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
    if rel.lower_ in ("who", "whom"):
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


def subjects(verb: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The doer of a verb (or adjective): its own subject, or the one it inherits."""
    if is_passive(verb):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        return expand(agents)
    own = [c for c in verb.children if c.dep_ in ACTIVE_SUBJECTS]
    if own:
        return expand(own)
    if verb.dep_ == "ROOT":
        loose = _loose_subject(verb)
        if loose is not None:
            return [loose]
    if verb.tag_ in ("VBD", "VBZ") and verb.dep_ in ("amod", "compound", "nmod"):
        # "North Korea test-fired missiles" parsed as a noun phrase: the name before it
        names = [c for c in verb.head.children if c.i < verb.i and c.pos_ == "PROPN"
                 and c.dep_ in ("compound", "nmod", "poss")]
        return names[-1:]
    if depth > 4 or verb.head.i == verb.i:
        return []
    head, dep = verb.head, verb.dep_
    if dep == "xcomp":
        if is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
            return expand([c for c in head.children if c.dep_ == "nsubjpass"])
        if forms(head) & lex.cls("object_control"):
            controlled = [c for c in head.children if c.dep_ in (*DIRECT_OBJECTS, "dative")]
            controlled = controlled or prep_objects(head, "on") or prep_objects(head, "upon")
            if controlled:
                return expand(controlled)
        return subjects(head, lex, depth + 1)
    if dep == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB":
        # "urged X to comply and offered ...": a finite verb is not the infinitive's pair
        while head.tag_ == "VB" and head.dep_ in ("xcomp", "ccomp", "advcl"):
            head = head.head
    if dep in ("conj", "advcl", "acomp", "pcomp") or (dep == "ccomp" and not own):
        if dep == "pcomp":
            head = head.head
            if head.pos_ == "VERB" and is_passive(head):  # "X was accused of spying",
                patient = [c for c in head.children if c.dep_ == "nsubjpass"]  # "men
                return expand(patient or ([head.head] if head.dep_ == "acl" else []))
        if head.pos_ in ("VERB", "AUX", "ADJ"):  # suspected of blowing up": X, the men
            return subjects(head, lex, depth + 1)
    if dep in CLAUSES_ON_NOUNS and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if dep == "acl" and forms(head) & lex.cls("speech_noun"):
            # "a declaration demanding ...": whoever issued the declaration
            return noun_sources(head, lex, depth + 1) or [head]
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "the only actor to oppose X", "a decision to reopen": the clause's doer
            return subjects(governing_verb(head), lex, depth + 1) if head.dep_ != "nsubj" \
                else [head]
        return [head] if verb.tag_ != "VBN" else []
    if verb.pos_ in NOUNS:
        return noun_sources(verb, lex, depth + 1)
    return []


def _loose_subject(verb: Token) -> Token | None:
    """A subject the parser left dangling before a root verb ("X - introduced as Y -
    launched ..."): a name attached as a modifier to the verb or to a clause before it."""
    for child in verb.lefts:
        if child.dep_ == "npadvmod" and child.pos_ == "PROPN":
            return child
        if child.dep_ == "advcl" and child.tag_ == "VBN":
            for grand in child.lefts:
                if grand.dep_ in ("npadvmod", "nsubjpass") and grand.pos_ == "PROPN":
                    return grand
    return None


def noun_sources(noun: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The doer of an event noun: possessor, "by" phrase, or the carrying verb's subject."""
    own = noun_own_sources(noun)
    if own and own[0].pos_ != "PRON":
        return own
    return carrier_subjects(noun, lex, depth) or own


def noun_own_sources(noun: Token, by_from: bool = True) -> list[Token]:
    """Inside the noun phrase: possessor, "by"/"from" phrase, "between X and Y"."""
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        return poss
    by = [g for p in preps("source")[:None if by_from else 1] for g in prep_objects(noun, p)]
    if by:
        return by
    return prep_objects(noun, "between") + prep_objects(noun, "among")


def carrier_subjects(noun: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The subject of the verb that carries an event noun ("launched an attack")."""
    verb, hops, aim = noun, 0, False
    while hops < 4 and verb.dep_ in ("pobj", "compound", "conj") and verb.head.i != verb.i:
        aim = aim or verb.dep_ == "pobj" and verb.head.lower_ == "for"
        up = governing_verb(verb) if verb.dep_ != "compound" else verb.head
        if up.pos_ in NOUNS and up.lemma_.lower() not in lex.cls("support_noun"):
            return []
        verb, hops = up, hops + 1
    verb = verb.head if verb.dep_ in ("dobj", "attr", "nsubjpass", "oprd") else verb
    if verb.i == noun.i or verb.pos_ not in VERBS:
        return []
    if forms(verb) & (lex.cls("light") | lex.cls("report")) or aim:
        return subjects(verb, lex, depth + 1)  # "came to X for (two days of) talks"
    return []


def np_mentions(tok: Token, actors: DocActors) -> list[str]:
    """Entities mentioned inside a noun phrase, modifiers first ("Syrian statement")."""
    keys: list[str] = []
    left = [c for c in tok.children if c.i < tok.i and c.dep_ not in OUTSIDE_NOUN_PHRASE]
    right = [c for c in tok.children if c.i > tok.i and c.dep_ == "prep"
             and c.lower_ in word_class("phrase_actor_prep")]
    for group in (left, right):
        for child in group:
            sub = list(child.subtree)
            for _, _, key in actors.mentions_between(sub[0].idx, sub[-1].idx + len(sub[-1])):
                if key not in keys:
                    keys.append(key)
        if keys:
            return keys
    return keys


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

    def country(self, key: str) -> str | None:
        """The country an official speaks for: from the actors layer, else a role's "of"."""
        found = self.actors.country_of(key)
        if found:
            return found
        try:
            ent = self.actors.entity(key)
        except (KeyError, StopIteration):
            return None
        for role in ent.roles:
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
        try:
            ent = self.actors.entity(key)
        except (KeyError, StopIteration):
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
        key = self.actors.refer(tok)
        if key is None and tok.pos_ in NOUNS:
            owner = self._owner(tok)  # "our aircraft" in a quote, "its foreign ministry"
            if owner:
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
        try:
            return self.actors.entity(key).kind
        except (KeyError, StopIteration):
            return None


def _unnamed(name: str, titles: list[str], roles: frozenset[str]) -> bool:
    """A person entity known only by a title ("the Iraqi minister", "Norwegian envoy")."""
    low = name.lower()
    words = low.split()
    return (name in titles or low.startswith(("the ", "a ", "an ")) or name == low
            or bool(words) and words[-1] in roles)
