"""Actors the text describes instead of naming: "unidentified gunmen", "regime jets",
"riot police", "protesters".

War and protest reports name many doers only by what they are. An event needs an actor
(PLOVER codes "Syrian government aircraft" as the Syrian military, POLECAT gives such an
agent a sector), so a noun phrase headed by a noun of lang/en/agents.txt, in a position
where it can act or be acted on, becomes an actor when nothing named stands in it:
"Syrian government aircraft" is left to the country it names, "the rebels" to the group in
focus when coreference finds one, "the army" to the country of the story. The actor is
named by the phrase without its article or count ("16 soldiers" -> "soldiers"); the same
name within a document is the same actor, and it is *generic*: it never joins the actor
of another document, where "the rebels" are other people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.actors.names import fold
from chronicle.records import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from chronicle.extractors.actors.document import DocActors

_AGENTS = lang.classes("agents.txt")
AGENT_HEADS = frozenset().union(*_AGENTS.values())
MACHINES = _AGENTS["machine"]  # a doer only as a subject: "jets struck", not "fired rockets"
ARMED = _AGENTS["armed"] | MACHINES  # who or what can only be doing violence
DOER_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "agent"})
SKIPPED = frozenset({"det", "predet", "nummod", "quantmod", "punct", "cc", "prep", "relcl",
                     "acl", "appos", "conj", "advmod", "poss"})


@dataclass(frozen=True)
class Description:
    start: int  # characters of the phrase
    end: int
    name: str


def describe(doc: Doc, actors: DocActors) -> list[Description]:
    """The descriptions of unnamed actors in the document, in text order."""
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.dep_ not in ARGUMENT_DEPS:
            continue
        words = {tok.lower_, tok.lemma_.lower()}
        if not words & AGENT_HEADS or words & MACHINES and not _doer(tok):
            continue
        found = _description(tok, actors)
        if found is not None:
            out.append(found)
    return out


def _appositions(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "appos"] + (
        [tok.head] if tok.dep_ == "appos" else [])


def _named(tok: Token, actors: DocActors) -> bool:
    return bool(actors.mentions_between(tok.left_edge.idx, tok.right_edge.idx
                                        + len(tok.right_edge)))


def _doer(tok: Token) -> bool:
    """The subject of its clause, or the object of a passive's "by"."""
    return tok.dep_ in DOER_DEPS or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def _description(tok: Token, actors: DocActors) -> Description | None:
    left = [c for c in tok.children if c.i < tok.i and c.dep_ not in SKIPPED]
    words = sorted([t for c in left for t in c.subtree] + [tok], key=lambda t: t.i)
    start, end = words[0].idx, tok.idx + len(tok)
    if actors.mentions_between(start, end) or actors.refer(tok) is not None:
        return None  # something named stands in it, or coreference knows who it is
    if any(_named(t, actors) for t in _appositions(tok)):
        return None  # "a new militia, Kataib al-Huda": the name says who
    if any(not (t.is_alpha or t.text == "-") for t in words):
        return None
    name = tok.doc[words[0].i:tok.i + 1].text
    return Description(start, end, name)


def described_entities(doc: Doc, actors: DocActors, first_number: int) -> list[Entity]:
    """One generic entity per distinct description (folded name), numbered from
    `first_number`, with every mention of it."""
    by_name: dict[str, Entity] = {}
    for found in describe(doc, actors):
        key = fold(found.name)
        ent = by_name.get(key)
        if ent is None:
            ent = Entity(key=f"{actors.doc_id}#{first_number + len(by_name)}",
                         doc=actors.doc_id, name=found.name, kind="group", names=[],
                         generic=True)
            by_name[key] = ent
        if found.name not in ent.names:
            ent.names.append(found.name)
        ent.mentions.append(Span(actors.doc_id, found.start, found.end))
    return list(by_name.values())
