"""How the words around a trigger change its event: absorption, scope and modality.

A trigger inside another trigger's object or complement ("vowed to escalate *attacks*",
"rejected the US *threats*") is absorbed: it is the content of the outer event, not an
event of its own, and it decides the outer event's type or mode (a vow of attacks is a
THREATEN, a vow of aid an AGREE). Above each remaining trigger, the clauses that scope over
it (complement edges up to the first reporting verb) give its modality: negation ("did not",
"refrained from"), possibility ("may", "could", "if ..."), future ("will", reported "would"),
obligation ("must", "should"), and a pending "until" clause. What that makes of the event
(future cooperation an AGREE, future hostility a THREATEN) is eventconvert's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import subjects
from chronicle.extractors.events.groups import VERBAL
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import (
    ALL_SUBJECTS,
    AUXILIARIES,
    CLAUSES_ON_NOUNS,
    GOVERNED,
    LOOSE_LINKS,
    NOMINAL_SUBJECTS,
    NOUNS,
    VERBS,
)
from chronicle.nlp.parse import MAX_WALK, first_subject, forms, kids

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.lexicon import Lexicon, Trigger



@dataclass
class Cand:
    """A trigger found in the text, and what the analysis learnt about it."""

    tok: Token
    pos: str
    trig: Trigger
    type: str = ""
    mode: str | None = None
    outer: Cand | None = None
    inner: list[Cand] = field(default_factory=list)
    role: str = "main"  # main, independent, absorbed, purpose
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    unless: bool = False
    conditional: bool = False  # its own clause has an "if" clause: "could respond if ..."
    attempt: bool = False
    obligation: Token | None = None  # the clause whose subject is asked to act
    speaker: Token | None = None  # subject of the reporting verb above the trigger
    reporter: Token | None = None  # that reporting verb
    would: Token | None = None  # the clause carrying a reported "would"
    reported: bool = False
    at_root: bool = False
    embedded: bool = False  # inside a clause that describes a noun ("a bill signed by X")
    background: bool = False  # inside a "since" clause: the setting, not the news
    released: bool = False  # no event itself, but its absorbed content is ("took steps to")
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.type = self.type or self.trig.type
        self.mode = self.mode or self.trig.mode


def _is_purpose(node: Token) -> bool:
    return node.dep_ in ("advcl", "acl") and any(
        (c.dep_ == "aux" and c.lower_ == "to") or (c.dep_ == "mark" and c.lower_ in
                                                   ("to", "order")) for c in node.children)


def _independent(node: Token) -> bool:
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




def attach(cands: list[Cand], lex: Lexicon) -> None:
    """Link each trigger to the nearest trigger above it and decide if it is absorbed.

    A light verb carrying an event noun stands for that noun ("staged demonstrations to
    demand reforms": the demand is the protest's aim)."""
    by_tok = {c.tok.i: c for c in cands}
    light = lex.cls("light")
    for cand in cands:
        node, path = cand.tok, []
        while node.head.i != node.i and len(path) < MAX_WALK:
            path.append(node)
            node = node.head
            outer = by_tok.get(node.i)
            if outer is None and forms(node) & light and path[-1].dep_ != "dobj":
                outer = next((by_tok[c.i] for c in node.children if c.dep_ == "dobj"
                              and c.i in by_tok and by_tok[c.i].pos == "n"), None)
            if outer is not None and outer is not cand:
                cand.role = _relation(path, outer.type, _own_preps(outer))
                if outer.type == "PROTEST" and cand.type == "REQUEST" and \
                        path[-1].dep_ == "advcl":
                    cand.role = "absorbed"  # "marched ..., demanding that X resign"
                if cand.role in ("absorbed", "purpose"):
                    cand.outer = outer
                    outer.inner.append(cand)
                break




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




def _relation(path: list[Token], outer_type: str, own: frozenset[str] | set[str] = frozenset()
              ) -> str:
    last = path[-1]
    if len(path) >= 2 and last.dep_ == "prep" and last.lower_ in ("in", "as") and \
            path[-2].lemma_.lower() in word_class("aim_noun"):
        return "purpose"  # "a strike in support of the marchers": the aim, not an act
    if last.dep_ == "prep" and last.lower_ in own:
        return "absorbed"  # "charging its neighbour with supporting dissidents"
    if outer_type == "CONSULT" and last.dep_ == "ccomp":
        return "independent"  # "informed me that X had expelled Y": news, not a topic
    if last.dep_ == "advcl" and _is_purpose(last) and outer_type in VERBAL:
        return "absorbed"  # "vowed to fight" parsed as an adverbial clause
    for node in path:
        if _independent(node) or node.dep_ in ("conj",) and node.pos_ in VERBS \
                and (node.i == last.i or not _shared_gerund(node)):
            return "independent"
        if node.dep_ == "acl" and node.i != last.i:
            if _is_purpose(node):
                return "purpose"  # "a step to restore ties": an aim, not an act
            if not _content_clause(node):
                return "independent"  # a clause describing a noun, not its content
        if node.dep_ == "advcl" and _is_purpose(node):
            return "purpose"
    if last.dep_ in ALL_SUBJECTS or last.dep_ in ("npadvmod", "advmod", "appos", "dep", "punct"):
        return "independent"
    if last.dep_ in ("prep", "agent") and last.lower_ in word_class("adjunct_prep"):
        return "independent"
    return "absorbed"


def modals(node: Token) -> set[str]:
    return _facts(node).modals


@dataclass(frozen=True, slots=True)
class _ClauseFacts:
    """What one clause head says of modality, computed once per token: a long flat sentence
    (a chronology of a thousand dates) puts every trigger under the same head."""

    modals: frozenset[str]
    marks: frozenset[str]
    denied: bool
    negated: bool
    unless: bool
    conditional: bool


def _facts(node: Token) -> _ClauseFacts:
    cache = node.doc.user_data.setdefault("chronicle_clause_facts", {})
    found = cache.get(node.i)
    if found is None:
        children = kids(node)
        aux = [c for c in children if c.dep_ == "aux" and c.tag_ == "MD"]
        negated = any(c.dep_ == "neg" for c in children) or (
            node.lemma_ == "have" and any(c.lower_ == "yet" for c in children)) or any(
            c.dep_ in NOMINAL_SUBJECTS and (c.lower_ in word_class("nobody") or any(
                (g.dep_ == "det" and g.lower_ == "no") or g.dep_ == "neg" for g in c.children))
            for c in children)
        unless = conditional = False
        for child in children:
            if child.dep_ != "advcl":
                continue
            marks = {m.lower_ for m in child.children if m.dep_ == "mark"}
            unless = unless or "unless" in marks
            conditional = conditional or bool(marks & {"if", "provided", "providing"})
        found = _ClauseFacts(
            frozenset({c.lower_ for c in aux} | {c.lemma_.lower() for c in aux}),
            frozenset(c.lower_ for c in children if c.dep_ == "mark"),
            node.lower_ in word_class("nobody") or any((c.dep_ == "det" and c.lower_ == "no")
                                         or c.dep_ == "neg" for c in children),
            negated, unless, conditional)
        cache[node.i] = found
    return found


def scope(cand: Cand, lex: Lexicon) -> None:
    """Walk the clauses above a trigger and record its modality."""
    node, prev = cand.tok, None
    _noun_modality(cand, lex)
    for _ in range(MAX_WALK):
        if node.i != cand.tok.i:
            words = forms(node)
            if words & lex.cls("avoid") and prev is not None and prev.dep_ not in LOOSE_LINKS:
                cand.negated = True  # "refrained from X", not "refrained from X but did Y"
                cand.notes.append(f"under '{node.text}'")
            elif words & lex.cls("deny") and prev is not None and prev.dep_ in GOVERNED:
                cand.negated = True  # "denied that its fighters broke the truce"
                cand.notes.append(f"under '{node.text}'")
            elif node.pos_ in NOUNS and _denied(node):
                cand.negated = True  # "had no intention of attacking"
                cand.notes.append(f"'no {node.text}'")
            elif node.lower_ == "without" and prev is not None and prev.dep_ in ("pcomp",
                                                                                  "pobj"):
                cand.negated = True  # "cleared the road without making arrests"
                cand.notes.append("'without'")
            elif words & lex.cls("attempt") and prev is not None and prev.dep_ == "xcomp":
                cand.attempt = True
            elif node.pos_ in VERBS and (words & lex.cls("report") or words & lex.cls(
                    "reply") and prev is not None and prev.dep_ == "ccomp"):
                cand.reported = True
                cand.speaker = first_subject(node) or next(iter(subjects(node, lex)), None)
                cand.reporter = node
                break
        if node.dep_ in CLAUSES_ON_NOUNS:
            cand.embedded = True
        if not cand.reported and not _own_modal(prev):
            _clause_modality(cand, node)
        marks = _facts(node).marks
        if node.dep_ == "advcl" and "since" in marks:
            cand.background = True  # "since fighting resumed in June": the setting
        if node.dep_ == "advcl" and (marks & word_class("condition_mark") or _pending(node)) or \
                node.dep_ == "ccomp" and marks & {"whether", "if"}:
            cand.hypothetical = True
            cand.notes.append("conditional clause")
            break
        if node.head.i == node.i or _independent(node):
            break
        if node.dep_ in ALL_SUBJECTS and not (node.i == cand.tok.i and cand.pos == "n"):
            clause = node.head  # "since fighting resumed": the subject's clause sets it
            cand.background |= clause.dep_ == "advcl" and "since" in _facts(clause).marks
            break  # an event noun as subject shares its clause's modality
        prev, node = node, node.head  # a verb coordinated without its own subject shares
        # the first verb's modality and speaker ("said it would lift X and free Y")
    cand.at_root = node.head.i == node.i
    if cand.tok.sent.text.rstrip().endswith("?"):
        cand.hypothetical = True
        cand.notes.append("question")


def _own_modal(conj: Token | None) -> bool:
    """"has never dealt with X and would challenge Y": a coordinated verb with a modal of
    its own does not take the first verb's negation or modality."""
    return conj is not None and conj.dep_ == "conj" and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in kids(conj))




def _denied(noun: Token) -> bool:
    """A noun phrase that says no one or nothing: "no group", "not everyone", "none"."""
    return _facts(noun).denied


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


def _clause_modality(cand: Cand, node: Token) -> None:
    facts = _facts(node)
    found = facts.modals
    if facts.negated:
        cand.negated = True
        if found & word_class("ability_modal"):
            cand.future = True  # "cannot support": a refusal, read like "will not"
    if found & word_class("future_modal"):
        cand.future = True
    if "would" in found:
        cand.future = True
        cand.would = cand.would or node
        cand.notes.append("would")
    possible = found & (word_class("possible_modal") - {"would", "can"})
    if "can" in found and not facts.negated:
        possible = possible | {"can"}  # "they can arrest me": an ability, not an act
    if possible:
        cand.hypothetical = True
        cand.notes.append("modal " + "/".join(sorted(possible)))
    if found & word_class("demand_modal") and cand.obligation is None:
        cand.obligation = node
    elif _subjunctive(node) and cand.obligation is None:
        cand.obligation = node  # "demanded that Israel ease restrictions"
    if node.lemma_ == "go" and node.tag_ == "VBG" and any(
            c.dep_ == "xcomp" for c in node.children):
        cand.future = True
    if facts.unless:
        cand.unless = True
    elif facts.conditional:
        cand.conditional = True


def _subjunctive(node: Token) -> bool:
    """A "that" clause with a bare verb and its own subject: a mandate, not a fact."""
    return node.dep_ == "ccomp" and node.tag_ == "VB" and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in node.children) and not any(
        c.dep_ in AUXILIARIES for c in node.children)


def _noun_modality(cand: Cand, lex: Lexicon) -> None:
    if cand.pos != "n":
        return
    tok = cand.tok
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "det" and low == "no":
            cand.negated = True
        elif child.dep_ in ("amod", "det") and low in word_class("possible_modifier"):
            cand.hypothetical = True
            cand.notes.append(f"'{child.text}' {tok.text}")
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        cand.negated = True
