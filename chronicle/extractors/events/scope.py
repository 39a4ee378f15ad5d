"""What the clauses above a trigger say of it: negation, possibility, future, obligation.

Above each trigger, the clauses that scope over it (complement edges up to the first
reporting verb) give its modality: negation ("did not", "refrained from", "no intention
of"), possibility ("may", "could", "if ..."), future ("will", reported "would"), obligation
("must", "should", a subjunctive "that" clause), a pending "until" clause, and the speaker
who reports it. What that makes of the event (future cooperation an AGREE, future
hostility a THREATEN) is convert.py's business. This module writes each trigger's
`Modality` and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import subjects
from chronicle.extractors.events.frame import independent
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import (
    ALL_SUBJECTS,
    AUXILIARIES,
    CLAUSES_ON_NOUNS,
    GOVERNED,
    LOOSE_LINKS,
    NOMINAL_SUBJECTS,
    NOUNS,
    PREP_OBJECTS,
    VERBS,
)
from chronicle.nlp.parse import MAX_WALK, first_subject, forms, kids

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand, Modality
    from chronicle.extractors.events.lexicon import Lexicon


def scope(cand: Cand, lex: Lexicon, quoted: bool = False) -> None:
    """Walk the clauses above a trigger and record its modality; a trigger `quoted` in
    someone's words is reported whatever the clauses say."""
    mod = cand.modality
    node, prev = cand.tok, None
    _noun_modality(cand)
    for _ in range(MAX_WALK):
        if node.i != cand.tok.i and _governing_word(mod, node, prev, lex):
            break  # a reporting verb: what it reports has its own modality
        if _closes_scope(cand, node, prev):
            break
        prev, node = node, node.head  # a verb coordinated without its own subject shares
        # the first verb's modality and speaker ("said it would lift X and free Y")
    mod.at_root = node.head.i == node.i
    if cand.tok.sent.text.rstrip().endswith("?"):
        mod.hypothetical = True
        mod.notes.append("question")
    mod.reported = mod.reported or quoted


def _governing_word(mod: Modality, node: Token, prev: Token | None, lex: Lexicon) -> bool:
    """What a word above the trigger does to it: deny it, make it an attempt, report it;
    True at the reporting verb, where the walk stops."""
    words = forms(node)
    if words & lex.cls("avoid") and prev is not None and prev.dep_ not in LOOSE_LINKS:
        mod.negated = True  # "refrained from X", not "refrained from X but did Y"
        mod.notes.append(f"under '{node.text}'")
    elif words & lex.cls("deny") and prev is not None and prev.dep_ in GOVERNED:
        mod.negated = True  # "denied that its fighters broke the truce"
        mod.notes.append(f"under '{node.text}'")
    elif node.pos_ in NOUNS and _facts(node).denied:
        mod.negated = True  # "had no intention of attacking"
        mod.notes.append(f"'no {node.text}'")
    elif node.lower_ == "without" and prev is not None and prev.dep_ in PREP_OBJECTS:
        mod.negated = True  # "cleared the road without making arrests"
        mod.notes.append("'without'")
    elif words & lex.cls("attempt") and prev is not None and prev.dep_ == "xcomp":
        mod.attempt = True
    elif node.pos_ in VERBS and (words & lex.cls("report") or words & lex.cls(
            "reply") and prev is not None and prev.dep_ == "ccomp"):
        mod.reported = True
        mod.speaker = first_subject(node) or next(iter(subjects(node, lex)), None)
        mod.reporter = node
        return True
    return False


def _closes_scope(cand: Cand, node: Token, prev: Token | None) -> bool:
    """Take the modality of the clause at `node`; True when the clauses above it no
    longer scope over the trigger (a condition, an independent clause, the root)."""
    mod = cand.modality
    if node.dep_ in CLAUSES_ON_NOUNS:
        mod.embedded = True
    if not _own_modal(prev):
        _clause_modality(mod, node)
    marks = _facts(node).marks
    if node.dep_ == "advcl" and "since" in marks:
        mod.background = True  # "since fighting resumed in June": the setting
    if node.dep_ == "advcl" and (marks & word_class("condition_mark") or _pending(node)) or \
            node.dep_ == "ccomp" and marks & word_class("whether_mark"):
        mod.hypothetical = True
        mod.notes.append("conditional clause")
        return True
    if node.head.i == node.i or independent(node):
        return True
    if node.dep_ in ALL_SUBJECTS and not (node.i == cand.tok.i and cand.pos == "n"):
        clause = node.head  # "since fighting resumed": the subject's clause sets it
        mod.background |= clause.dep_ == "advcl" and "since" in _facts(clause).marks
        return True  # an event noun as subject shares its clause's modality
    return False


def modals(node: Token) -> frozenset[str]:
    """The modal verbs of a clause, as written and as lemmas ("wo", "will")."""
    return _facts(node).modals


@dataclass(frozen=True, slots=True)
class _ClauseFacts:
    """What one clause head says of modality, computed once per token: a long flat sentence
    (a chronology of a thousand dates) puts every trigger under the same head."""

    modals: frozenset[str]
    marks: frozenset[str]
    denied: bool  # a noun phrase that says no one or nothing: "no group", "none"
    negated: bool
    unless: bool
    conditional: bool


def _facts(node: Token) -> _ClauseFacts:
    cache = node.doc.user_data.setdefault("chronicle_clause_facts", {})
    found = cache.get(node.i)
    if found is None:
        found = _read_facts(node)
        cache[node.i] = found
    return found


def _read_facts(node: Token) -> _ClauseFacts:
    children = kids(node)
    nobody = word_class("nobody")
    aux = [c for c in children if c.dep_ == "aux" and c.tag_ == "MD"]
    negated = any(c.dep_ == "neg" for c in children) or (
        node.lemma_ == "have" and any(c.lower_ == "yet" for c in children)) or any(
        c.dep_ in NOMINAL_SUBJECTS and (c.lower_ in nobody or any(
            (g.dep_ == "det" and g.lower_ == "no") or g.dep_ == "neg" for g in c.children))
        for c in children)
    unless = conditional = False
    for child in children:
        if child.dep_ != "advcl":
            continue
        marks = {m.lower_ for m in child.children if m.dep_ == "mark"}
        unless = unless or "unless" in marks
        conditional = conditional or bool(marks & word_class("if_mark"))
    return _ClauseFacts(
        frozenset({c.lower_ for c in aux} | {c.lemma_.lower() for c in aux}),
        frozenset(c.lower_ for c in children if c.dep_ == "mark"),
        node.lower_ in nobody or any((c.dep_ == "det" and c.lower_ == "no")
                                     or c.dep_ == "neg" for c in children),
        negated, unless, conditional)


def _own_modal(conj: Token | None) -> bool:
    """"has never dealt with X and would challenge Y": a coordinated verb with a modal of
    its own does not take the first verb's negation or modality."""
    return conj is not None and conj.dep_ == "conj" and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in kids(conj))


def _pending(clause: Token) -> bool:
    """"We will march until this reform is withdrawn", "would not attend until the
    shelling stopped": an "until" clause under a future or in the present has not
    happened."""
    if not any(c.dep_ == "mark" and c.lower_ in word_class("pending_mark")
               for c in clause.children):
        return False
    tenses = {clause.tag_} | {c.tag_ for c in clause.children if c.dep_ in AUXILIARIES}
    return bool(tenses & {"VBZ", "VBP"}) or bool(modals(clause.head) & (
        word_class("future_modal") | word_class("possible_modal") | word_class("obliging_modal")))


def _clause_modality(mod: Modality, node: Token) -> None:
    facts = _facts(node)
    found = facts.modals
    if facts.negated:
        mod.negated = True
        if found & word_class("ability_modal"):
            mod.future = True  # "cannot support": a refusal, read like "will not"
    if found & word_class("future_modal"):
        mod.future = True
    if "would" in found:
        mod.future = True
        mod.would = mod.would or node
        mod.notes.append("would")
    possible = found & (word_class("possible_modal") - {"would", "can"})
    if "can" in found and not facts.negated:
        possible = possible | {"can"}  # "they can arrest me": an ability, not an act
    if possible:
        mod.hypothetical = True
        mod.notes.append("modal " + "/".join(sorted(possible)))
    if mod.obligation is None and (found & word_class("demand_modal") or _subjunctive(node)):
        mod.obligation = node  # "must", or "demanded that Israel ease restrictions"
    if node.lemma_ == "go" and node.tag_ == "VBG" and any(
            c.dep_ == "xcomp" for c in node.children):
        mod.future = True  # "is going to"
    if facts.unless:
        mod.unless = True
    elif facts.conditional:
        mod.conditional = True


def _subjunctive(node: Token) -> bool:
    """A "that" clause with a bare verb and its own subject: a mandate, not a fact."""
    return node.dep_ == "ccomp" and node.tag_ == "VB" and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in node.children) and not any(
        c.dep_ in AUXILIARIES for c in node.children)


def _noun_modality(cand: Cand) -> None:
    """"no attack", "a possible strike", "without talks": the noun phrase's own modality."""
    if cand.pos != "n":
        return
    mod, tok = cand.modality, cand.tok
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "det" and low == "no":
            mod.negated = True
        elif child.dep_ in ("amod", "det") and low in word_class("possible_modifier"):
            mod.hypothetical = True
            mod.notes.append(f"'{child.text}' {tok.text}")
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        mod.negated = True
