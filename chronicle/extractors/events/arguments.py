"""Who did it: the tokens that are the doer of a trigger, by the dependency parse.

Active subject, passive agent, subjects inherited through control verbs ("urged X to
release": X), coordination, participles and relative clauses, and for event nouns their
possessor, "by" phrase or the subject of the verb that carries them ("claimed
responsibility for an attack"). These rules return tokens; resolver.py turns tokens into
entity keys, roles.py puts sources and targets together for one trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.vocab import FACILITY_NOUNS, PLACE_NOUNS
from chronicle.extractors.events.vocab import preps, word_class
from chronicle.nlp.labels import (
    ACTIVE_SUBJECTS,
    CLAUSES_ON_NOUNS,
    DIRECT_OBJECTS,
    NAMING_MODIFIERS,
    NOUNS,
    VERBS,
)
from chronicle.nlp.parse import (
    MAX_WALK,
    expand,
    forms,
    governing_verb,
    infinitival,
    is_passive,
    prep_objects,
)

_PLACE_NOUNS = PLACE_NOUNS | FACILITY_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.lexicon import Lexicon


def subjects(verb: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The doer of a verb (or adjective): its own subject, or the one it inherits."""
    if is_passive(verb):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        return expand(agents)
    own = [c for c in verb.children if c.dep_ in ACTIVE_SUBJECTS]
    if own:
        return expand(own)
    misparsed = _misparsed_subject(verb)
    if misparsed is not None:
        return misparsed
    if depth > 4 or verb.head.i == verb.i:
        return []
    return _inherited_subject(verb, lex, depth)


def _misparsed_subject(verb: Token) -> list[Token] | None:
    """A subject the parser attached elsewhere: dangling before a root verb, or a name
    before a verb read as a noun modifier; None when the parse is ordinary."""
    if verb.dep_ == "ROOT":
        loose = _loose_subject(verb)
        if loose is not None:
            return [loose]
    if misread_main_verb(verb):
        return expand([verb.head])
    if verb.tag_ in ("VBD", "VBZ") and verb.dep_ in NAMING_MODIFIERS:
        # "North Korea test-fired missiles" parsed as a noun phrase: the name before it
        names = [c for c in verb.head.children if c.i < verb.i and c.pos_ == "PROPN"
                 and c.dep_ in ("compound", "nmod", "poss")]
        return names[-1:]
    return None


def misread_main_verb(verb: Token) -> bool:
    """"US-led air strikes killed 20 fighters" parsed as strikes [that were] killed: a
    participle on the sentence's root noun with a direct object of its own is the main
    verb and the noun its subject, since a passive participle takes no object (save a
    verb of giving: "refugees granted asylum")."""
    head = _root_noun_of(verb.head)
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head is not None \
        and head.i < verb.i and any(c.dep_ == "dobj" for c in verb.children) \
        and verb.lemma_.lower() not in word_class("double_object_verb") \
        and not any(t.text == "," for t in verb.doc[head.i:verb.i])


def _root_noun_of(noun: Token) -> Token | None:
    """The sentence's root noun, when `noun` is it or the object of a preposition on it
    ("Rocket fire from Syrian rebels killed 14 people" parsed as rebels [who] killed)."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        noun = noun.head.head
    return noun if noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN") else None


def _inherited_subject(verb: Token, lex: Lexicon, depth: int) -> list[Token]:
    """The doer of a verb without a subject of its own, from the clause it depends on."""
    head, dep = verb.head, verb.dep_
    if dep == "xcomp":
        return _controller(head, lex, depth)
    if dep in ("conj", "advcl", "acomp", "pcomp", "ccomp"):
        shared = _shared_subject(verb, lex, depth)
        if shared is not None:
            return shared
    if dep in CLAUSES_ON_NOUNS and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if dep == "acl" and forms(head) & lex.cls("speech_noun"):
            # "a declaration demanding ...": whoever issued the declaration
            return noun_sources(head, lex, depth + 1) or [head]
        if infinitival(verb):
            # "the only actor to oppose X", "a decision to reopen": the clause's doer
            return subjects(governing_verb(head), lex, depth + 1) if head.dep_ != "nsubj" \
                else [head]
        if _at_a_place(verb):
            return subjects(_clause_verb(head), lex, depth + 1)
        if verb.tag_ == "VBG" and lex.lookup(head.lemma_.lower(), "n") and head.dep_ != "nsubj":
            # "committed a massacre ..., killing 25": the act's doer did what it did
            return noun_sources(head, lex, depth + 1) or subjects(_clause_verb(head), lex,
                                                                   depth + 1)
        return [head] if verb.tag_ != "VBN" else []
    if dep == "pobj" and verb.tag_ == "VBG" and any(
            _place(c) for c in verb.children if c.dep_ in ("nmod", "compound", "amod")):
        return subjects(_clause_verb(verb), lex, depth + 1)  # "in the town of X killing"
    if verb.pos_ in NOUNS:
        return noun_sources(verb, lex, depth + 1)
    return []


def _at_a_place(verb: Token) -> bool:
    """"shelled the district of X killing 20", "committed a massacre in the neighbourhood
    of X killing 25": an -ing clause the parser hung on the place named last says what
    the clause's doer did."""
    return verb.tag_ == "VBG" and _place(verb.head)


def _place(noun: Token) -> bool:
    return noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.lemma_.lower() in _PLACE_NOUNS


def _clause_verb(noun: Token) -> Token:
    """The verb whose clause a noun inside nested phrases belongs to."""
    for _ in range(MAX_WALK):
        if noun.head.i == noun.i:
            break
        noun = noun.head
        if noun.pos_ in ("VERB", "AUX"):
            break
    return noun


def _controller(head: Token, lex: Lexicon, depth: int) -> list[Token]:
    """Who is to do what an infinitive says: the passive subject ("was asked to leave"),
    the object of a verb of control ("urged X to release"), else the head's doer."""
    if is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
        return expand([c for c in head.children if c.dep_ == "nsubjpass"])
    if forms(head) & lex.cls("object_control"):
        controlled = [c for c in head.children if c.dep_ in DIRECT_OBJECTS or c.dep_ == "dative"]
        for prep in preps("controlled"):
            controlled = controlled or prep_objects(head, prep)
        if controlled:
            return expand(controlled)
    return subjects(head, lex, depth + 1)


def _shared_subject(verb: Token, lex: Lexicon, depth: int) -> list[Token] | None:
    """The doer shared with the verb a clause is coordinated with or depends on; None when
    that head is no verb or adjective."""
    head, dep = verb.head, verb.dep_
    if dep == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB":
        # "urged X to comply and offered ...": a finite verb is not the infinitive's pair
        while head.tag_ == "VB" and head.dep_ in ("xcomp", "ccomp", "advcl"):
            head = head.head
    done_by = _gerund_object(verb)
    if done_by:
        return done_by
    if dep == "pcomp":
        head = head.head
        if head.pos_ == "VERB" and is_passive(head):  # "X was accused of spying", "men
            patient = [c for c in head.children if c.dep_ == "nsubjpass"]  # suspected of
            return expand(patient or ([head.head] if head.dep_ == "acl" else []))  # blowing
    if head.pos_ in ("VERB", "AUX", "ADJ"):  # up": X, the men
        return subjects(head, lex, depth + 1)
    return None


def _gerund_object(verb: Token) -> list[Token]:
    """"accused government forces of launching attacks (, killing ...)": the object of
    such a verb does what its "of" / "for" / "from" gerund says, and so what the other
    gerunds and participles on the verb say ("by firing rockets", "killing hundreds")."""
    head = verb.head
    if verb.dep_ == "pcomp":
        head = head.head
    if head.dep_ in DIRECT_OBJECTS:
        head = head.head  # "of" on the object: "accused [forces of launching]"
    if head.pos_ != "VERB" or head.lemma_.lower() not in word_class("gerund_object_verb") \
            or is_passive(head):
        return []
    objects = [c for c in head.children if c.dep_ in DIRECT_OBJECTS]
    acts = [g for o in [head, *objects] for p in o.children if p.dep_ == "prep"
            and p.lower_ in word_class("gerund_object_prep")
            for g in p.children if g.dep_ == "pcomp"]
    return expand(objects) if acts and verb.tag_ == "VBG" else []


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
    by = preps("source") if by_from else preps("source")[:1]
    found = [g for p in by for g in prep_objects(noun, p)]
    if found:
        return found
    return [g for p in preps("joint") for g in prep_objects(noun, p)]


def _manner(noun: Token, lex: Lexicon) -> bool:
    """"stayed away in protest at ...": a bare manner noun right under "in"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.tag_ == "NN" \
        and noun.lemma_.lower() in lex.cls("manner_noun") \
        and not any(c.dep_ in ("det", "poss") for c in noun.children)


def carrier_subjects(noun: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """The subject of the verb that carries an event noun ("launched an attack"), or of
    the clause a bare "in protest" or "in retaliation" says the reason of (wherever the
    parse hangs it: "stayed away from the vote in protest")."""
    if _manner(noun, lex):
        verb = next((a for a in noun.ancestors if a.pos_ in VERBS), None)
        return subjects(verb, lex, depth + 1) if verb is not None else []
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
