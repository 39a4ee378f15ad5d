"""Questions every rule asks of a dependency parse, answered once for all extractors.

The event, place and quote rules walk the same trees: a token's children, its coordinated
conjuncts, the objects of one of its prepositions, the verb a noun hangs from. Written once
here, they behave the same everywhere, and the costly ones (spaCy's `children` scans the
whole subtree span) are made cheap for long flat sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from chronicle.nlp.labels import NOMINAL_SUBJECTS, PARTICLES, PASSIVE_MARKS, PREP_OBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far up the parse a walk from a token goes: clauses nest a few levels deep, and a
# flattened chronology can chain a thousand dates, which must not make a walk quadratic.
MAX_WALK = 24


def kids(tok: Token) -> list[Token]:
    """A token's children, listed once per document: spaCy's `children` scans the whole
    subtree span, which makes repeated calls on a sentence's head quadratic."""
    doc = tok.doc
    table = doc.user_data.get("chronicle_children")
    if table is None:
        table = [[] for _ in range(len(doc))]
        for i, head in enumerate(_heads(doc)):
            if head != i:
                table[head].append(i)
        doc.user_data["chronicle_children"] = table
    return [doc[i] for i in table[tok.i]]


def _heads(doc: Doc) -> list[int]:
    """Each token's head index, read from the parse's array (making a Token per word to
    ask its head costs more than the rest of the table)."""
    from spacy.attrs import HEAD

    offsets = doc.to_array([HEAD]).astype(np.int64).reshape(-1)
    return (offsets + np.arange(len(doc), dtype=np.int64)).tolist()


def forms(tok: Token) -> set[str]:
    """A word's lemma and its lower-case form, so a word class may list either (the small
    model lemmatizes "staged" as "stag")."""
    return {tok.lemma_.lower(), tok.lower_}


def expand(tokens: list[Token]) -> list[Token]:
    """Tokens with their coordinated conjuncts ("arrests and eliminations")."""
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


def governing_verb(tok: Token) -> Token:
    """The word a noun hangs from, looking through a preposition ("state of emergency")."""
    for _ in range(MAX_WALK):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.head.i != head.i:
        head = head.head
    return head


def prep_objects(tok: Token, prep: str, after: bool = False) -> list[Token]:
    """Objects of a preposition child ("withdraw from talks"), one nested level deep;
    with `after`, only prepositions that follow the word ("With the signing, X agreed")."""
    out = []
    for child in tok.children:
        if child.dep_ in PARTICLES and child.lower_ == prep and (not after or
                                                                 child.i > tok.i):
            for g in child.children:
                if g.dep_ in PREP_OBJECTS:
                    out.append(g)
                elif g.dep_ == "prep":
                    out += [x for x in g.children if x.dep_ in PREP_OBJECTS]
    return expand(out)


def infinitival(tok: Token) -> bool:
    """A verb with its own "to": an infinitive clause ("agreed to *withdraw*")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def first_subject(verb: Token) -> Token | None:
    """The verb's own nominal subject, active or passive."""
    for c in verb.children:
        if c.dep_ in NOMINAL_SUBJECTS:
            return c
    return None


def is_passive(verb: Token) -> bool:
    """A passive clause, or a participle with its "by" agent ("a bill signed by X")."""
    return any(c.dep_ in PASSIVE_MARKS for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl" and any(c.dep_ == "agent"
                                                         for c in verb.children))


def hyphen_form(tok: Token, lemma: bool = False) -> str | None:
    """The whole hyphenated word a token is part of ("sit-in", "test-fired"), which the
    tokenizer splits in three; None for a word standing alone."""
    doc, i = tok.doc, tok.i
    start = end = i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ \
            and not doc[end + 1].whitespace_:
        end += 2
    if start == end:
        return None
    parts = [t.lower_ for t in doc[start:end + 1]]
    if lemma:
        parts[-1] = doc[end].lemma_.lower()
    return "".join(parts)


def tokens_tagged(doc: Doc, tag: str) -> Iterator[Token]:
    """Tokens with one fine-grained tag, found without a Python loop over the document."""
    from spacy.attrs import TAG
    from spacy.strings import get_string_id

    if not len(doc):
        return
    tags = doc.to_array([TAG]).astype(np.uint64).reshape(-1)
    for i in np.nonzero(tags == np.uint64(get_string_id(tag)))[0].tolist():
        yield doc[i]


def after_anti(tok: Token) -> bool:
    """Whether a word follows "anti-": "anti-IS strikes" are against IS, so a name there
    is never the doer."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "anti"
