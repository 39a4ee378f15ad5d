"""Which triggers are events of their own and which are another's content: absorption.

A trigger inside another trigger's object or complement ("vowed to escalate *attacks*",
"rejected the US *threats*") is absorbed: it is the content of the outer event, not an
event of its own, and it decides the outer event's type or mode (a vow of attacks is a
THREATEN, a vow of aid an AGREE; see convert.py). A trigger in a clause of purpose ("a step
to restore ties") is the outer event's aim; one in a clause beside it ("X met Y, who
expelled Z") is independent. This module writes each trigger's `Frame` and nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import misread_main_verb
from chronicle.extractors.events.groups import VERBAL
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import ALL_SUBJECTS, VERBS
from chronicle.nlp.parse import MAX_WALK, forms

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon

def attach(cands: list[Cand], lex: Lexicon) -> None:
    """Link each trigger to the nearest trigger above it and decide if it is absorbed.

    A light verb carrying an event noun stands for that noun ("staged demonstrations to
    demand reforms": the demand is the protest's aim)."""
    by_tok = {c.tok.i: c for c in cands}
    light = lex.cls("light")
    for cand in cands:
        node = cand.tok
        path: list[Token] = []
        while node.head.i != node.i and len(path) < MAX_WALK:
            path.append(node)
            node = node.head
            outer = by_tok.get(node.i)
            if outer is None and forms(node) & light and path[-1].dep_ != "dobj":
                outer = next((by_tok[c.i] for c in node.children if c.dep_ == "dobj"
                              and c.i in by_tok and by_tok[c.i].pos == "n"), None)
            if outer is not None and outer is not cand:
                _link(cand, outer, path)
                break


def _link(cand: Cand, outer: Cand, path: list[Token]) -> None:
    frame = cand.frame
    frame.role = _relation(path, outer.type, _own_preps(outer))
    if outer.type == "PROTEST" and cand.type == "REQUEST" and path[-1].dep_ == "advcl":
        frame.role = "absorbed"  # "marched ..., demanding that X resign"
    if frame.role in ("absorbed", "purpose"):
        frame.outer = outer
        outer.frame.inner.append(cand)


def release(cand: Cand) -> list[Cand]:
    """A trigger that turns out to be no event ("had taken tentative steps") lets its
    absorbed content stand on its own: those triggers, now main ones."""
    out = []
    for inner in cand.frame.inner:
        if inner.frame.role == "absorbed":
            inner.frame.role, inner.frame.outer = "main", None
            out.append(inner)
    return out


def _is_purpose(node: Token) -> bool:
    return node.dep_ in ("advcl", "acl") and any(
        (c.dep_ == "aux" and c.lower_ == "to") or (
            c.dep_ == "mark" and c.lower_ in word_class("purpose_mark"))
        for c in node.children)


def independent(node: Token) -> bool:
    """A clause beside the one above it (relative, parataxis, a coordinated verb with its
    own subject): its trigger is an act of its own and has its own modality."""
    dep = node.dep_
    if dep in ("relcl", "parataxis", "advcl") and not _is_purpose(node):
        return True
    return dep == "conj" and node.pos_ in VERBS and any(
        c.dep_ in ALL_SUBJECTS for c in node.children)


def _shared_gerund(node: Token) -> bool:
    """"thanked X for hosting and guaranteeing the talks", "agreed to set up a commission
    and to exchange envoys": a second gerund or infinitive without its own subject is part
    of the same complement as the first, not an act of its own."""
    if node.dep_ != "conj" or any(c.dep_ in ALL_SUBJECTS for c in node.children):
        return False
    pair = {node.tag_, node.head.tag_}
    return pair == {"VBG"} or pair == {"VB"} and node.head.dep_ in ("xcomp", "ccomp", "conj")


def _content_clause(node: Token) -> bool:
    """"a statement declaring X": the clause is what the statement says."""
    return node.head.lemma_.lower() in word_class("content_noun")


def _own_preps(cand: Cand) -> set[str]:
    """Prepositions a trigger's lexicon line asks for ("charge X with", "withdraw from"):
    what they introduce is the event's content, never a circumstance."""
    out: set[str] = set()
    for key, values in cand.trig.when:
        out |= set(values) if key == "prep" else {key}
    return out


def _relation(path: list[Token], outer_type: str, own: set[str]) -> str:
    """The role of a trigger reached from the one above it through `path`."""
    last = path[-1]
    if len(path) >= 2 and last.dep_ == "prep" and last.lower_ in word_class("aim_prep") and \
            path[-2].lemma_.lower() in word_class("aim_noun"):
        return "purpose"  # "a strike in support of the marchers": the aim, not an act
    if last.dep_ == "prep" and last.lower_ in own:
        return "absorbed"  # "charging its neighbour with supporting dissidents"
    if outer_type == "CONSULT" and last.dep_ == "ccomp":
        return "independent"  # "informed me that X had expelled Y": news, not a topic
    if last.dep_ == "advcl" and _is_purpose(last) and outer_type in VERBAL:
        return "absorbed"  # "vowed to fight" parsed as an adverbial clause
    on_path = _path_relation(path)
    if on_path is not None:
        return on_path
    if last.dep_ in ALL_SUBJECTS or last.dep_ in ("npadvmod", "advmod", "appos", "dep", "punct"):
        return "independent"
    if last.dep_ in ("prep", "agent") and last.lower_ in word_class("adjunct_prep"):
        return "independent"
    return "absorbed"


def _path_relation(path: list[Token]) -> str | None:
    """A clause on the way up that makes the trigger independent or a purpose."""
    last = path[-1]
    for node in path:
        if misread_main_verb(node):
            return "independent"  # "air strikes killed 20": the verb is the main one
        if independent(node) or node.dep_ == "conj" and node.pos_ in VERBS \
                and (node.i == last.i or not _shared_gerund(node)):
            return "independent"
        if node.dep_ == "acl" and node.i != last.i:
            if _is_purpose(node):
                return "purpose"  # "a step to restore ties": an aim, not an act
            if not _content_clause(node):
                return "independent"  # a clause describing a noun, not its content
        if node.dep_ == "advcl" and _is_purpose(node):
            return "purpose"
    return None
