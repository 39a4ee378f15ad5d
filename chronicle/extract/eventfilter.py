"""Readings of a trigger that are no event: states, hazards, generic acts, habits.

A participle naming a state ("the besieged city", "factions opposed to X"), a hazard as
the doer ("the storm killed twelve"), an act named in general ("firing on a crowd is
unacceptable"), a habit described in the present ("Hamas, which advocates ..."), or what a
law or a sanction does ("the measures bar them") is not something an actor did then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extract.eventargs import subjects
from chronicle.extract.eventmatch import MAX_WALK, IsActor, forms

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extract.eventframe import Cand
    from chronicle.extract.lexicon import Lexicon


def no_event(cand: Cand, lex: Lexicon, is_actor: IsActor) -> bool:
    """Whether the trigger names a state, a hazard, a generic act or an instrument's work."""
    return (_stative(cand) or _natural(cand, lex) or _generic(cand) or _habitual(cand)
            or _instrumental(cand, lex, is_actor))


STATIVE_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "ACCUSE", "REJECT"}


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
    return cand.trig.type in STATIVE_TYPES and tok.dep_ == "acl"


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
    subj = [c for c in cand.tok.children if c.dep_ in ("nsubj", "csubj")]
    subj = [t.head.head if t.lower_ in ("that", "which") and t.head.dep_ == "relcl" else t
            for t in subj]  # "a resolution that aims to tighten sanctions"
    return bool(subj) and all(forms(t) & lex.cls("instrument") and not is_actor(t)
                              for t in subj)


def _habitual(cand: Cand) -> bool:
    """"Hamas, which advocates Israel's destruction": a relative clause in the simple
    present describes what someone is, not something that happened."""
    tok = cand.tok
    return tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in tok.children)


def _armed(tok: Token, lex: Lexicon) -> bool:
    """"sniper fire", "mortar fire": a weapon, not a hazard."""
    words = {w for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
             for w in forms(c)}
    return lex.mode_for("ASSAULT", words) is not None


def descriptive(tok: Token) -> bool:
    """Inside a clause that describes a noun ("fighters who once resisted integration")."""
    for _ in range(MAX_WALK):
        if tok.head.i == tok.i:
            break
        if tok.dep_ in ("relcl", "acl") and not _headline_passive(tok):
            return True
        tok = tok.head
    return False


def _headline_passive(tok: Token) -> bool:
    """"TWO AID WORKERS KIDNAPPED IN MALI": a sentence without a verb but a participle
    after its root noun is a passive clause, as headlines write them."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "ROOT" and \
        tok.head.pos_ in ("NOUN", "PROPN") and tok.i > tok.head.i
