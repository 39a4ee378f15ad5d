"""Readings of a trigger that are no event: states, hazards, generic acts, habits.

A participle naming a state ("the besieged city", "factions opposed to X"), a hazard as
the doer ("the storm killed twelve"), an act named in general ("firing on a crowd is
unacceptable"), a habit described in the present ("Hamas, which advocates ...", "our coast
guard patrols only in our waters", "has spent years talking to them"), what a law or a
sanction does ("the measures bar them"), the reporter's own exchange with a source ("in a
telephone call, he said", "she said when we met", "asked about X, he ...") or a courtesy
("please accept the assurances of ...") is not something an actor did then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import misread_main_verb, subjects
from chronicle.extractors.events.groups import STATIVE
from chronicle.extractors.events.match import IsActor
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import (
    ACTIVE_SUBJECTS,
    AUXILIARIES,
    CLAUSES_ON_NOUNS,
    NAMING_MODIFIERS,
    NOUNS,
)
from chronicle.nlp.parse import MAX_WALK, forms

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon


def no_event(cand: Cand, lex: Lexicon, is_actor: IsActor) -> bool:
    """Whether the trigger names a state, a hazard, a generic act or an instrument's work."""
    return (_stative(cand) or _natural(cand, lex) or _generic(cand) or _habitual(cand)
            or _instrumental(cand, lex, is_actor) or _interview(cand, lex) or _courtesy(cand)
            or _pastime(cand) or _figure(cand))




def _stative(cand: Cand) -> bool:
    """"factions opposed to X", "groups aligned with Y": a participle naming a state."""
    tok = cand.tok
    for _ in range(MAX_WALK):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    if cand.tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in cand.tok.children):
        return False
    if tok.dep_ == "amod":
        return True  # "the besieged city", "the occupied territories": a state
    return cand.trig.type in STATIVE and tok.dep_ == "acl"


def _generic(cand: Cand) -> bool:
    """"Firing tear gas into a crowd is unacceptable": an act named in general, as the
    subject of a judgement, with no one doing it."""
    tok = cand.tok
    return tok.dep_ in ("csubj", "csubjpass") and tok.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "poss") for c in tok.children)


def _natural(cand: Cand, lex: Lexicon) -> bool:
    """"The storm killed 12 people": a hazard, not an actor, did it."""
    if cand.type != "ASSAULT" or cand.pos == "n":
        return False
    subj = subjects(cand.tok, lex)
    return bool(subj) and all(forms(t) & lex.cls("hazard") and not _armed(t, lex)
                              for t in subj)


def _instrumental(cand: Cand, lex: Lexicon, is_actor: IsActor) -> bool:
    """"The measures bar them from entering": what a law or a sanction does restates the
    act of whoever adopted it."""
    if cand.pos == "n":
        return False
    subj = [c for c in cand.tok.children if c.dep_ in ACTIVE_SUBJECTS]
    subj = [t.head.head if t.lower_ in ("that", "which") and t.head.dep_ == "relcl" else t
            for t in subj]  # "a resolution that aims to tighten sanctions"
    return bool(subj) and all(forms(t) & lex.cls("instrument") and not is_actor(t)
                              for t in subj)




def _habitual(cand: Cand) -> bool:
    """"Hamas, which advocates Israel's destruction": a relative clause in the simple
    present describes what someone is, not something that happened; so does a simple
    present with an adverb of habit ("our boats patrol only in our waters")."""
    tok = cand.tok
    if tok.tag_ not in ("VBZ", "VBP") or any(c.dep_ in AUXILIARIES
                                             for c in tok.children):
        return False
    adverbs = {g.lower_ for c in tok.children for g in (c, *c.children)
               if g.dep_ == "advmod"}
    return tok.dep_ == "relcl" or bool(adverbs & word_class("habit_adverb"))


def _interview(cand: Cand, lex: Lexicon) -> bool:
    """The reporter's exchange with a source frames a quote, it is no political event:
    "In a telephone call, he said ...", "she said when we met", "asked about X, he was
    brief", "when asked whether ...", "she asked questions"."""
    tok = cand.tok
    report = lex.cls("report")
    if cand.type == "CONSULT" and cand.pos == "n" and tok.dep_ == "pobj" and \
            tok.head.lower_ in word_class("interview_prep") and \
            forms(tok.head.head) & report:
        return True
    we = word_class("first_person_subject")
    if cand.type == "CONSULT" and tok.dep_ == "advcl" and forms(tok.head) & report and \
            any(c.dep_ == "nsubj" and c.lower_ in we for c in tok.children) and \
            not any(c.dep_ in ("dobj", "prep") and c.lower_ not in word_class("interview_place")
                    for c in tok.children):
        return True  # "she said when we met in X": the journalist and her source
    return cand.trig.lemma == "ask" and tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(
        c.dep_ in ("nsubjpass", "agent") for c in tok.children)


def _courtesy(cand: Cand) -> bool:
    """"Please accept the assurances of my highest consideration", "I have the honour to
    inform you that ...": a letter's formula (what it informs of may be news)."""
    tok = cand.tok
    formula = word_class("courtesy_noun")
    if tok.dep_ in ("xcomp", "acl", "relcl") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in formula
            for c in (tok.head, *tok.head.children)):
        return True
    return tok.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in tok.children) \
        and any(c.lower_ == "please" for c in tok.children)




def _pastime(cand: Cand) -> bool:
    """"has spent three years talking to men with guns": a long occupation, not one act."""
    tok = cand.tok
    head = tok.head
    return tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "advcl", "ccomp") and \
        head.lemma_.lower() == "spend" and any(
            c.dep_ in ("dobj", "npadvmod") and c.lower_ in word_class("duration")
            for c in head.children)


def _figure(cand: Cand) -> bool:
    """"signed the truce with one hand and loaded their mortars with the other": a
    figure of speech for duplicity, neither a signing nor an arming."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.lemma_.lower() == "hand" and any(n.lower_ == "one" for n in g.children)
        or g.lower_ == "other" and any(n.lower_ == "the" for n in g.children)
        for g in c.children) for c in cand.tok.children)


def _armed(tok: Token, lex: Lexicon) -> bool:
    """"sniper fire", "mortar fire": a weapon, not a hazard."""
    words = {w for c in tok.children if c.dep_ in NAMING_MODIFIERS
             for w in forms(c)}
    return lex.mode_for("ASSAULT", words) is not None


def descriptive(tok: Token) -> bool:
    """Inside a clause that describes a noun ("fighters who once resisted integration")."""
    for _ in range(MAX_WALK):
        if tok.head.i == tok.i:
            break
        if tok.dep_ in CLAUSES_ON_NOUNS and not _headline_passive(tok) and \
                not misread_main_verb(tok):
            return True
        tok = tok.head
    return False


def _headline_passive(tok: Token) -> bool:
    """"TWO AID WORKERS KIDNAPPED IN MALI": a sentence without a verb but a participle
    after its root noun is a passive clause, as headlines write them."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "ROOT" and \
        tok.head.pos_ in NOUNS and tok.i > tok.head.i
