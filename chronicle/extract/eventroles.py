"""Sources and targets of a settled trigger, as entity keys, with the tokens they came from.

The token rules live in eventargs (subjects, event-noun doers, typed prepositions); this
module puts them together for one trigger: a demanded clause's subject for REQUESTs read
from "must", the first resolvable group of candidate targets, the parallel object of a
second verb ("denounced X and accused it"), both sides of a clash, and places dropped from
the targets. Each choice is written into the trigger's notes for the event's `reason`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extract.eventargs import (
    PRONOUN_OBJECTS,
    Resolver,
    carrier_subjects,
    noun_own_sources,
    patients,
    subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extract.eventframe import Cand
    from chronicle.extract.lexicon import Lexicon
    from chronicle.records import Quote

PRONOUNS = {"it", "they", "he", "she", "we", "i", "them", "him", "her"}
TWO_SIDED = ("clash", "fight", "battle", "skirmish", "exchange")


def arguments(cand: Cand, res: Resolver, lex: Lexicon, demanded: bool,
              quote: Quote | None) -> tuple[list[str], list[str]]:
    """Source and target entity keys of a settled trigger; notes say where they came from."""
    tok = cand.tok
    speaker = res.keys([cand.speaker]) if cand.speaker is not None else []
    if not speaker and quote is not None and quote.speaker:
        speaker = [quote.speaker]
    if demanded:
        subj = [c for c in cand.obligation.children if c.dep_ in ("nsubj", "nsubjpass")]
        target = res.keys(subj)
        _note(cand, "source", [cand.speaker] if cand.speaker is not None else [])
        _note(cand, "target", subj)
        return speaker, [k for k in target if k not in speaker]
    if cand.pos == "n":
        src_toks, source = _noun_source(tok, res, lex)
    else:
        src_toks = subjects(tok, lex)
        if not src_toks and cand.pos == "a":  # "Vietnam is committed to ..."
            src_toks = [c for c in tok.children if c.dep_ == "nsubjpass"]
        source = res.keys(src_toks)
    if not source and speaker and src_toks and all(_pronoun(t, PRONOUNS) for t in src_toks):
        source = list(speaker)
        cand.notes.append("speaker as source")
    groups = patients(tok, cand.pos, cand.type)
    if groups and all(_pronoun(t, PRONOUN_OBJECTS) for t in groups[0]) and \
            tok.dep_ in ("conj", "advcl") and tok.head.pos_ in ("VERB", "AUX"):
        # "denounced X and accused it of ...": the pronoun is the first verb's object
        parallel = patients(tok.head, "v", cand.type) + patients(
            _object_noun(tok.head), "n", cand.type)
        groups = [g for g in parallel if not all(_pronoun(t, PRONOUN_OBJECTS) for t in g)
                  ] + groups
    tgt_toks: list[Token] = []
    for group in groups:
        if res.keys(group):
            tgt_toks = group
            break
    if cand.type == "ASSAULT" and cand.trig.lemma in TWO_SIDED:
        source += [k for k in res.keys(tgt_toks) if k not in source]
        tgt_toks = []
    if not res.keys(tgt_toks) and cand.type == "PROTEST":
        # "marched ..., demanding that X resign": whom the protest makes its demand of
        for inner in (i for i in cand.inner if i.type == "REQUEST"):
            tgt_toks = next((g for g in patients(inner.tok, inner.pos, "REQUEST")
                             if res.keys(g)), tgt_toks)
    target = [k for k in res.keys(tgt_toks) if k not in source]
    _note(cand, "source", src_toks if source else [])
    _note(cand, "target", tgt_toks if target else [])
    return source, _drop_places(target, res, tgt_toks, cand.type)


def _note(cand: Cand, role: str, toks: list[Token]) -> None:
    if toks:
        cand.notes.append(f"{role} " + ", ".join(f"'{t.text}' ({t.dep_})" for t in toks[:3]))


def _noun_source(tok: Token, res: Resolver, lex: Lexicon) -> tuple[list[Token], list[str]]:
    """Inside the noun phrase first ("Israel's attack", "calls by X"), then the subject of
    the verb that carries it; a possessive pronoun ("his opposition") comes last."""
    own = noun_own_sources(tok)
    if own and own[0].pos_ != "PRON":
        keys = res.keys(own)
        if keys:
            return own, keys
    carrier = carrier_subjects(tok, lex)
    keys = res.keys(carrier)
    if keys or not own:
        return carrier, keys
    return own, res.keys(own)


def _pronoun(tok: Token, words: set[str]) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in words


def _object_noun(verb: Token) -> Token:
    """The event noun a light verb carries ("launched an attack on X"), else the verb."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ == "NOUN":
            return c
    return verb


def _drop_places(target: list[str], res: Resolver, toks: list[Token],
                 event_type: str) -> list[str]:
    """Places are where, not whom: a city visited, or reached through "to", "in", "at"."""
    if event_type != "CONSULT" and (not toks or not all(
            t.dep_ == "pobj" and t.head.lower_ in ("to", "in", "at") for t in toks)):
        return target
    kinds = {e.key: e.kind for e in res.actors.entities}
    return [k for k in target if kinds.get(k) != "location"]
