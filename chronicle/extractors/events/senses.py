"""The learned event layer: which words of a sentence name an event, and of which type.

A word's sense depends on its context, not on the word: "shot" is an attack with a victim
and a gun, a rally of a stock index with "shares"; "killed" is an assault by a militia and
no event at all by cholera. A multinomial logistic regression (chronicle.models, model
"event_senses") reads, for each verb and noun of a sentence, its lemma and tags, its
syntactic neighbours (subject, object, the prepositions it governs and their objects, with
their entity types), what the trigger lexicon says of the word, the other content words of
the sentence, and the parser's own context vector for the word and its head. It gives a
probability for each of the 16 PLOVER types and for NONE.

`features()` is the one definition of those features: training (chronicle.models.train)
and extraction call the same function, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from chronicle.extractors.events.match import choose, looks_like_actor
from chronicle.models import LinearModel

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronicle.extractors.events.lexicon import Lexicon

MODEL = "event_senses"
NONE = "NONE"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
LEXICON_POS = frozenset({"ADJ", "PROPN", "AUX", "ADP", "ADV"})
CHILD_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "prt", "agent", "xcomp", "ccomp", "attr",
                        "amod", "compound", "neg", "aux", "auxpass", "advmod", "poss", "acomp",
                        "dative", "oprd", "npadvmod", "nummod"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
WINDOW = (-2, -1, 1, 2)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def lexicon_types(tok: Token, lex: Lexicon) -> set[str]:
    """The types the lexicon gives the word (as verb or noun), whatever its conditions."""
    out: set[str] = set()
    for pos in ("v", "n"):
        for entry in lex.lookup(_lemma(tok), pos) or lex.lookup(tok.lower_, pos):
            out.add(f"{entry.type}|{pos}")
    return out


def lexicon_choice(tok: Token, lex: Lexicon) -> str | None:
    """The type of the lexicon line whose conditions hold for the word, judged on the parse
    alone (actors as the parse suggests them), so training and extraction agree."""
    for pos in ("v", "n"):
        entries = lex.lookup(_lemma(tok), pos) or lex.lookup(tok.lower_, pos)
        if entries:
            chosen = choose(entries, tok, pos, looks_like_actor)
            if chosen is not None:
                return chosen.type
    return None


def candidate_tokens(sent: Span, lex: Lexicon) -> list[Token]:
    """Verbs and nouns, and the other words the lexicon knows (a tagger's "ADJ" for "shot")."""
    out = []
    for tok in sent:
        if not (tok.is_alpha or "-" in tok.text):
            continue
        if tok.pos_ in CANDIDATE_POS or (tok.pos_ in LEXICON_POS and lexicon_types(tok, lex)):
            out.append(tok)
    return out


def _children(tok: Token) -> Iterator[str]:
    lemma = _lemma(tok)
    for child in tok.children:
        dep = child.dep_
        if dep in CHILD_DEPS:
            yield from (f"c={dep}", f"c={dep}|{_lemma(child)}", f"wc={lemma}|{dep}|{_lemma(child)}")
            if child.ent_type_:
                yield f"ce={dep}|{child.ent_type_}"
        elif dep == "prep":
            prep = _lemma(child)
            yield from (f"cp={prep}", f"wcp={lemma}|{prep}")
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from (f"cpo={prep}|{_lemma(obj)}", f"wcpo={lemma}|{prep}|{_lemma(obj)}")
                    if obj.ent_type_:
                        yield f"cpe={prep}|{obj.ent_type_}"


def features(tok: Token, lex: Lexicon, context: list[str]) -> list[str]:
    """The named features of one candidate word; `context` holds the sentence's content
    lemmas (`sentence_context`), computed once per sentence."""
    lemma, head = _lemma(tok), tok.head
    out = ["bias", f"w={lemma}", f"lw={tok.lower_}", f"p={tok.pos_}", f"t={tok.tag_}",
           f"d={tok.dep_}", f"wp={lemma}|{tok.pos_}", f"wd={lemma}|{tok.dep_}",
           f"h={_lemma(head)}", f"hp={head.pos_}", f"hd={tok.dep_}|{_lemma(head)}",
           f"hw={lemma}|{_lemma(head)}" if head.i != tok.i else "root"]
    out += _children(tok)
    for entry in lexicon_types(tok, lex):
        out += (f"lex={entry}", f"lext={entry.split('|')[0]}")
    chosen = lexicon_choice(tok, lex)
    if chosen:
        out.append(f"lexc={chosen}")
    out += [f"s={w}" for w in context if w != lemma]
    sent = tok.sent
    for k in WINDOW:
        if sent.start <= tok.i + k < sent.end:
            out.append(f"n{k}={_lemma(tok.doc[tok.i + k])}")
    if tok.is_title and tok.i == sent.start:
        out.append("first")
    return out


UNKNOWN = "<unk>"
# The features that say which word it is ("w=balk", "wd=balk|ROOT"): a word the model has
# not learnt has them all with UNKNOWN in its place.
IDENTITY = frozenset({"w", "lw", "wp", "wd", "hw", "wc", "wcp", "wcpo"})


def as_unknown(row: list[str]) -> list[str]:
    """The features of a word as the model sees a word it never learnt: how its sentence,
    its arguments and its place in the parse tell an event, and what the lexicon says.
    Training gives the words it saw once this form, so the model learns what an event told
    by a new predicate ("balked at", "shuttered") looks like, rather than reading every
    new word as NONE, as most words are (the unknown-word class of taggers)."""
    out = []
    for f in row:
        name, _, value = f.partition("=")
        if name in IDENTITY:
            rest = value.split("|", 1)
            f = f"{name}={UNKNOWN}" + (f"|{rest[1]}" if len(rest) > 1 else "")
        out.append(f)
    return out


def known_word(row: list[str], model: LinearModel) -> bool:
    return row[1] in model.index  # "w=<lemma>", features()'s second


def sentence_context(sent: Span) -> list[str]:
    return [_lemma(t) for t in sent if t.pos_ in CONTENT_POS and not t.is_stop]


def dense(tokens: list[Token]) -> np.ndarray | None:
    """The parser's context vectors of each word and of its head (None without them)."""
    if not tokens:
        return None
    tensor = tokens[0].doc.tensor
    if tensor is None or not getattr(tensor, "shape", (0,))[0]:
        return None
    rows = [np.concatenate([tensor[t.i], tensor[t.head.i]]) for t in tokens]
    return np.asarray(rows, dtype=np.float32)


@dataclass(frozen=True)
class Sense:
    """What the model says of one word: its best event type, and p(that type), p(NONE)."""

    label: str
    probability: float
    none: float
    probabilities: dict[str, float]

    def of(self, event_type: str) -> float:
        return self.probabilities.get(event_type, 0.0)


def read_senses(doc: Doc, lex: Lexicon, model: LinearModel) -> dict[int, Sense]:
    """Token index -> Sense, for every candidate word of the document."""
    tokens: list[Token] = []
    rows: list[list[str]] = []
    for sent in doc.sents:
        words = candidate_tokens(sent, lex)
        if not words:
            continue
        context = sentence_context(sent)
        tokens += words
        rows += [row if known_word(row, model) else as_unknown(row)
                 for row in (features(t, lex, context) for t in words)]
    if not tokens:
        return {}
    probs = model.scores(rows, dense(tokens) if model.n_dense else None)
    none = model.classes.index(NONE)
    out = {}
    for tok, row in zip(tokens, probs):
        masked = row.copy()
        masked[none] = -1.0
        best = int(masked.argmax())
        out[tok.i] = Sense(model.classes[best], float(row[best]), float(row[none]),
                           {c: float(p) for c, p in zip(model.classes, row)})
    return out
