"""Finding trigger words in a parsed document and checking their lexicon conditions.

Candidates come from one vectorised pass over the document's lemma and lower-case columns
(numpy `isin` against the lexicon's hashes), so the cost per token is a C-level lookup;
only the few candidate tokens reach the Python code that reads their dependents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from chronicle.extractors.events.lexicon import ABSENT, ACTOR, ANY, POS_TAGS, Lexicon, Trigger
from chronicle.extractors.events.vocab import month_names, word_class
from chronicle.nlp.labels import (
    ACTOR_ENTITY_LABELS,
    CLAUSAL_COMPLEMENTS,
    DIRECT_OBJECTS,
    MODIFIERS,
    NOMINAL_SUBJECTS,
    PARTICLES,
    PREDICATES,
    VERBS,
)
from chronicle.nlp.parse import (
    expand,
    forms,
    governing_verb,
    hyphen_form,
    infinitival,
    prep_objects,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

IsActor = Callable[["Token"], bool]


@lru_cache(maxsize=4)
def _hashes(lex_id: int, lemmas: frozenset[str]) -> np.ndarray:
    from spacy.strings import get_string_id

    return np.array(sorted(get_string_id(w) for w in lemmas), dtype=np.uint64)


def candidates(doc: Doc, lex: Lexicon) -> Iterator[tuple[Token, str, list[Trigger]]]:
    """Tokens whose lemma (or lower-case form) and part of speech have lexicon entries."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return
    wanted = _hashes(id(lex), lex.lemmas())
    cols = doc.to_array([LEMMA, LOWER]).astype(np.uint64)
    hits = np.nonzero(np.isin(cols[:, 0], wanted) | np.isin(cols[:, 1], wanted))[0]
    dashes = np.nonzero(cols[:, 1] == _dash_hash())[0].tolist()
    joined: dict[int, tuple[Token, str, list[Trigger]]] = {}
    parts: set[int] = set()
    for i, found in _hyphenated(doc, dashes, lex):
        joined[i] = found
        parts |= {i - 2, i - 1, i + 1, i + 2}
    for i in sorted(set(hits.tolist()) - parts | set(joined)):
        if i in joined:
            yield joined[i]
            continue
        tok = doc[i]
        if _calendar_word(tok):
            continue
        for pos, tags in POS_TAGS.items():
            if tok.pos_ not in tags and not (pos == "v" and _verb_like(tok)):
                continue
            entries = lex.lookup(tok.lemma_.lower(), pos) or lex.lookup(tok.lower_, pos)
            if entries:
                yield tok, pos, entries
                break


def _calendar_word(tok: Token) -> bool:
    """'March 3', '3 March', 'in March 1998', 'March and April': a month, not a protest."""
    if not tok.is_title or tok.lower_ not in month_names():
        return False
    doc = tok.doc
    near = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
    return any(t.like_num for t in near) or (tok.i > 0 and doc[tok.i - 1].lower_ in
                                             word_class("month_lead")) or tok.ent_type_ == "DATE"


@lru_cache(maxsize=1)
def _dash_hash() -> np.uint64:
    from spacy.strings import get_string_id

    return np.uint64(get_string_id("-"))


def _hyphenated(doc: Doc, dashes: list[int], lex: Lexicon
                ) -> Iterator[tuple[int, tuple[Token, str, list[Trigger]]]]:
    """Triggers written with a hyphen: the token that heads the pair carries them."""
    for d in dashes:
        if d < 1 or d + 1 >= len(doc) or doc[d].whitespace_ or doc[d - 1].whitespace_:
            continue
        left, right = doc[d - 1], doc[d + 1]
        head = left if right.head.i == left.i else right
        written = (hyphen_form(right, lemma=True), hyphen_form(right))  # lemma first
        for form in dict.fromkeys(f for f in written if f is not None):
            pos = "v" if head.pos_ in VERBS else "n"
            entries = lex.lookup(form, pos) or lex.lookup(form, "n" if pos == "v" else "v")
            if entries:
                yield head.i, (head, "v" if entries[0].pos == "v" else "n", entries)
                break


def _verb_like(tok: Token) -> bool:
    """A word the tagger missed as a verb but the parser gave a subject ("now back X")."""
    return tok.pos_ in ("ADV", "ADP", "NOUN") and any(c.dep_ == "nsubj" for c in tok.children)


def words_of(tok: Token, depth: int = 2) -> set[str]:
    """Lemmas naming a noun phrase: the head, its compounds, its "of" object ("aid
    deliveries", "state of emergency"); adjectives are left out ("a national conference"
    is no national)."""
    out = {tok.lemma_.lower(), tok.lower_}
    joined = hyphen_form(tok)
    if joined:
        out.add(joined)
    for child in tok.children:
        if child.dep_ == "compound":
            out |= {child.lemma_.lower(), child.lower_}
        elif child.dep_ == "relcl" and tok.pos_ in ("PRON", "DET"):
            out |= forms(child)  # "all those who flee" are named by their fleeing
        elif depth and child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out |= words_of(pobj, depth - 1)
    return out


def objects(tok: Token, pos: str) -> list[Token]:
    """The theme of a trigger: the direct object, the passive subject, or a noun's "of"."""
    kids = list(tok.children)
    if pos == "n":
        found = [g for c in kids if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        found += [c for c in kids if c.dep_ == "compound"]
        return expand(found)
    found = [c for c in kids if c.dep_ in DIRECT_OBJECTS]
    if not found:
        found = [c for c in kids if c.dep_ == "nsubjpass"]
    if not found:  # "said yes": the answer is the object
        found = [c for c in kids if c.dep_ == "intj" and c.i > tok.i]
    if not found:  # "allowed inspectors to return": the small clause's subject
        found = [g for c in kids if c.dep_ in CLAUSAL_COMPLEMENTS and infinitival(c)
                 for g in c.children if g.dep_ == "nsubj"]
    if not found and tok.dep_ == "acl" and tok.tag_ == "VBN":
        found = [tok.head]  # "prisoners released by ..." : the noun is the theme
    return expand(found)


def predicates(tok: Token) -> list[Token]:
    """What a verb calls its object: "as" objects, second objects, predicative complements."""
    out = [g for c in tok.children if c.dep_ in PARTICLES and c.lower_ == "as"
           for g in c.children]
    out += [c for c in tok.children if c.dep_ in PREDICATES]
    out += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN")]
    if any(c.dep_ == "dative" for c in tok.children):
        out += [c for c in tok.children if c.dep_ in DIRECT_OBJECTS]
    return expand(out)


def has_complement(tok: Token) -> bool:
    """A clause as complement ("plans to ...", "said that ..."), for `comp=` lines."""
    for child in tok.children:
        if child.dep_ in CLAUSAL_COMPLEMENTS or (child.dep_ == "advcl" and infinitival(child)):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                g.dep_ == "pcomp" or g.pos_ == "VERB" for g in child.children):
            return True
    return False


def _slot(tok: Token, pos: str, key: str) -> list[Token] | None:
    """Tokens filling a constraint's slot; None for slots that are not token lists."""
    if key == "obj":
        return objects(tok, pos)
    if key == "mod":
        return [c for c in tok.children if c.dep_ in MODIFIERS]
    if key == "as":
        return predicates(tok)
    if key == "subj":
        return [c for c in tok.children if c.dep_ in NOMINAL_SUBJECTS]
    if key in ("prep", "head", "comp"):
        return None
    return prep_objects(tok, key)


def _fits(found: list[Token], values: frozenset[str], is_actor: IsActor,
          compounds: bool = True) -> bool:
    if ABSENT in values:
        return not found
    if not found:
        return False
    if ANY in values:
        return True
    reflexive = any(t.lower_.endswith(tuple(word_class("reflexive_ending"))) for t in found)
    for t in found:
        if ACTOR in values and not reflexive and is_actor(t):
            return True  # "a faction calling itself X" acts on no one
        words = words_of(t) if compounds else {t.lemma_.lower(), t.lower_,
                                                 hyphen_form(t) or ""}
        if words & values:
            return True
    return False


def holds(trig: Trigger, tok: Token, pos: str, is_actor: IsActor) -> bool:
    """Whether every condition of a lexicon line holds at this token."""
    for key, values in trig.when:
        if key == "prep":
            found = {c.lower_ for c in tok.children if c.dep_ in PARTICLES or (
                c.dep_ == "advmod" and c.lower_ in word_class("adverb_particle"))}
            ok = (not found) if ABSENT in values else bool(found & values or
                                                            (ANY in values and found))
        elif key == "head":
            head = governing_verb(tok)
            ok = head.i != tok.i and head.lemma_.lower() in values
        elif key == "comp":
            present = has_complement(tok)
            ok = not present if ABSENT in values else present and (ANY in values or any(
                c.lemma_.lower() in values for c in tok.children if c.dep_ in CLAUSAL_COMPLEMENTS))
        else:
            slot = _slot(tok, pos, key)
            ok = _fits(slot or [], values, is_actor, compounds=key in ("obj", "as"))
        if not ok:
            return False
    return True


def _specificity(trig: Trigger) -> tuple[int, int]:
    """More conditions win; among as many, narrower word lists win ("*", anything, is the
    widest)."""
    return len(trig.when), -sum(_WIDEST if ANY in v else len(v) for _, v in trig.when)


_WIDEST = 10_000  # how wide "*" counts when word lists are compared


def choose(entries: list[Trigger], tok: Token, pos: str, is_actor: IsActor
           ) -> Trigger | None:
    """The most specific entry whose conditions hold (first line on ties); None if a
    blocking entry wins or nothing holds."""
    best: Trigger | None = None
    for trig in entries:
        if holds(trig, tok, pos, is_actor) and (
                best is None or _specificity(trig) > _specificity(best)):
            best = trig
    if best is None or best.blocks:
        return None
    return best


def looks_like_actor(tok: Token) -> bool:
    """A cheap test used when the actors layer knows nothing of a token."""
    return (tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in word_class("personal"))
            or tok.ent_type_ in ACTOR_ENTITY_LABELS)
