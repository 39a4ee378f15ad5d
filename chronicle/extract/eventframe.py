"""How the words around a trigger change its event: scope, modality and type conversions.

A trigger inside another trigger's object or complement ("vowed to escalate *attacks*",
"rejected the US *threats*") is absorbed: it is the content of the outer event, not an
event of its own, and it decides the outer event's type or mode (a vow of attacks is a
THREATEN, a vow of aid an AGREE). Above each remaining trigger, the clauses that scope over
it (complement edges up to the first reporting verb) give its modality: negation ("did not",
"refrained from"), possibility ("may", "could", "if ..."), future ("will", reported "would"),
obligation ("must", "should"). PLOVER codes future cooperation as AGREE, future or
conditional hostility as THREATEN, and "X says Y must ..." as X's REQUEST of Y.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extract.eventmatch import PERSONAL, forms

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extract.lexicon import Lexicon, Trigger

COOP = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"}
SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
ADJUNCT_PREPS = {"in", "at", "during", "after", "before", "amid", "amidst", "following",
                 "despite", "since", "near", "throughout", "across", "while", "upon", "until",
                 "as", "like", "besides", "beside", "around", "under", "with",
                 "without", "by", "within", "outside", "inside", "through", "via", "along"}
HYPO_MODALS = {"may", "might", "could", "can", "would"}
OBLIGE_MODALS = {"must", "should", "ought", "shall"}
FUTURE_MODALS = {"will", "'ll", "wo", "shall"}
HYPO_MODS = {"possible", "potential", "hypothetical", "future", "prospective", "proposed",
             "likely", "imminent", "any", "planned", "expected", "feared"}
CONDITIONS = {"if", "unless", "whether", "provided", "providing", "lest"}
NEEDS_EVENT = {"plan", "intend", "want", "wish", "hope", "aim", "prepare", "ready",
               "prepared", "determined", "eager", "keen", "fail", "seek"}
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "restrict",
               "SANCTION": "relations"}
DEMAND_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet",
               "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist"}


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
    attempt: bool = False
    obligation: Token | None = None  # the clause whose subject is asked to act
    speaker: Token | None = None  # subject of the reporting verb above the trigger
    reporter: Token | None = None  # that reporting verb
    would: Token | None = None  # the clause carrying a reported "would"
    reported: bool = False
    at_root: bool = False
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
    return dep == "conj" and node.pos_ in ("VERB", "AUX") and any(
        c.dep_ in SUBJ for c in node.children)


VERBAL = {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


def attach(cands: list[Cand], lex: Lexicon) -> None:
    """Link each trigger to the nearest trigger above it and decide if it is absorbed.

    A light verb carrying an event noun stands for that noun ("staged demonstrations to
    demand reforms": the demand is the protest's aim)."""
    by_tok = {c.tok.i: c for c in cands}
    light = lex.cls("light")
    for cand in cands:
        node, path = cand.tok, []
        while node.head.i != node.i:
            path.append(node)
            node = node.head
            outer = by_tok.get(node.i)
            if outer is None and forms(node) & light and path[-1].dep_ != "dobj":
                outer = next((by_tok[c.i] for c in node.children if c.dep_ == "dobj"
                              and c.i in by_tok and by_tok[c.i].pos == "n"), None)
            if outer is not None and outer is not cand:
                cand.role = _relation(path, outer.type)
                if outer.type == "PROTEST" and cand.type == "REQUEST" and \
                        path[-1].dep_ == "advcl":
                    cand.role = "absorbed"  # "marched ..., demanding that X resign"
                if cand.role in ("absorbed", "purpose"):
                    cand.outer = outer
                    outer.inner.append(cand)
                break


SPEECH_NOUNS = {"statement", "communique", "communiqué", "message", "declaration", "letter",
                "decree", "announcement", "proposal", "plan", "initiative", "resolution"}


def _content_clause(node: Token) -> bool:
    """"a statement declaring X": the clause is what the statement says."""
    return node.head.lemma_.lower() in SPEECH_NOUNS


def _relation(path: list[Token], outer_type: str) -> str:
    last = path[-1]
    if last.dep_ == "advcl" and _is_purpose(last) and outer_type in VERBAL:
        return "absorbed"  # "vowed to fight" parsed as an adverbial clause
    for node in path:
        if _independent(node) or node.dep_ in ("conj",) and node.pos_ in ("VERB", "AUX"):
            return "independent"
        if node.dep_ == "acl" and node.i != last.i:
            if _is_purpose(node):
                return "purpose"  # "a step to restore ties": an aim, not an act
            if not _content_clause(node):
                return "independent"  # a clause describing a noun, not its content
        if node.dep_ == "advcl" and _is_purpose(node):
            return "purpose"
    if last.dep_ in SUBJ or last.dep_ in ("npadvmod", "advmod", "appos", "dep", "punct"):
        return "independent"
    if last.dep_ in ("prep", "agent") and last.lower_ in ADJUNCT_PREPS:
        return "independent"
    return "absorbed"


def _modals(node: Token) -> set[str]:
    return {c.lower_ for c in node.children if c.dep_ == "aux" and c.tag_ == "MD"} | {
        c.lemma_.lower() for c in node.children if c.dep_ == "aux" and c.tag_ == "MD"}


def scope(cand: Cand, lex: Lexicon) -> None:
    """Walk the clauses above a trigger and record its modality."""
    node, prev = cand.tok, None
    _noun_modality(cand, lex)
    while True:
        if node.i != cand.tok.i:
            words = forms(node)
            if words & lex.cls("avoid"):
                cand.negated = True
                cand.notes.append(f"under '{node.text}'")
            elif words & lex.cls("attempt") and prev is not None and prev.dep_ == "xcomp":
                cand.attempt = True
            elif words & lex.cls("report") and node.pos_ in ("VERB", "AUX"):
                cand.reported = True
                cand.speaker = _first_subject(node)
                cand.reporter = node
                break
        if not cand.reported:
            _clause_modality(cand, node)
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children) \
                and node.dep_ == "advcl":
            cand.hypothetical = True
            cand.notes.append("conditional clause")
            break
        if node.head.i == node.i or _independent(node):
            break
        if node.dep_ in SUBJ and not (node.i == cand.tok.i and cand.pos == "n"):
            break  # an event noun as subject shares its clause's modality
        prev, node = node, node.head  # a verb coordinated without its own subject shares
        # the first verb's modality and speaker ("said it would lift X and free Y")
    cand.at_root = node.head.i == node.i
    if cand.tok.sent.text.rstrip().endswith("?"):
        cand.hypothetical = True
        cand.notes.append("question")


def _first_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def _clause_modality(cand: Cand, node: Token) -> None:
    modals = _modals(node)
    if any(c.dep_ == "neg" for c in node.children) or (
            node.lemma_ == "have" and any(c.lower_ == "yet" for c in node.children)):
        cand.negated = True
    if modals & FUTURE_MODALS:
        cand.future = True
    if "would" in modals:
        cand.future = True
        cand.would = cand.would or node
        cand.notes.append("would")
    if modals & (HYPO_MODALS - {"would", "can"}):
        cand.hypothetical = True
        cand.notes.append("modal " + "/".join(sorted(modals & HYPO_MODALS)))
    if modals & OBLIGE_MODALS - {"shall"} and cand.obligation is None:
        cand.obligation = node
    elif _subjunctive(node) and cand.obligation is None:
        cand.obligation = node  # "demanded that Israel ease restrictions"
    if node.lemma_ == "go" and node.tag_ == "VBG" and any(
            c.dep_ == "xcomp" for c in node.children):
        cand.future = True
    for child in node.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in child.children):
            cand.unless = True


def _subjunctive(node: Token) -> bool:
    """A "that" clause with a bare verb and its own subject: a mandate, not a fact."""
    return node.dep_ == "ccomp" and node.tag_ == "VB" and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in node.children) and not any(
        c.dep_ in ("aux", "auxpass") for c in node.children)


def _noun_modality(cand: Cand, lex: Lexicon) -> None:
    if cand.pos != "n":
        return
    tok = cand.tok
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "det" and low == "no":
            cand.negated = True
        elif child.dep_ in ("amod", "det") and low in HYPO_MODS:
            cand.hypothetical = True
            cand.notes.append(f"'{child.text}' {tok.text}")
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        cand.negated = True


def speaker_is_subject(cand: Cand, clause: Token | None) -> bool:
    """Whether the clause's subject is the reporting speaker (pronouns count as the same)."""
    subj = _first_subject(clause) if clause is not None else None
    if subj is None:
        return True
    if subj.pos_ == "PRON" and subj.lower_ in PERSONAL:
        return True
    speaker = cand.speaker
    return speaker is not None and speaker.lemma_.lower() == subj.lemma_.lower()


def resolve(cand: Cand, lex: Lexicon, words: set[str]) -> bool:
    """Settle the final type and mode of a top-level trigger; False when it is no event."""
    lemma = cand.trig.lemma
    inner = {i.type for i in cand.inner if i.role == "absorbed"}
    if cand.type == "AGREE" and lemma in lex.cls("intent") | {"vow", "pledge", "promise",
                                                              "swear"}:
        if inner & HOSTILE or (not inner and lex.mode_for("THREATEN", words) == "violence"
                               and lemma in {"vow", "swear", "pledge"}):
            mobilize = lemma in lex.cls("intent_mobilize") and cand.tok.pos_ == "VERB"
            cand.type = "MOBILIZE" if mobilize else "THREATEN"
            cand.notes.append("hostile complement")
    negated = _negated_complement(cand.tok)
    if cand.type == "AGREE" and negated is not None and not inner & HOSTILE and \
            lex.mode_for("THREATEN", {t.lemma_.lower() for t in negated.subtree}) is None:
        cand.type = "REJECT"  # "vowed not to return the land"; "not to use force" is a promise
        cand.notes.append("negated complement")
    if lemma in NEEDS_EVENT and not inner and any(k == "comp" for k, _ in cand.trig.when):
        return False  # "plans to ..." is an event only when what is planned is one
    if lemma == "fail" and not inner & COOP:
        return False
    if lemma == "warn" and not _real_warning(cand):
        return False
    if cand.type in ("THREATEN", "REQUEST", "REJECT"):
        cand.mode = cand.mode or _inner_mode(cand, lex, words)
    return True


def _negated_complement(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "advcl") and any(g.dep_ == "neg" for g in c.children):
            return c
    return None


def _inner_mode(cand: Cand, lex: Lexicon, words: set[str]) -> str | None:
    table = THREAT_MODE if cand.type == "THREATEN" else DEMAND_MODE
    for i in cand.inner:
        if i.type == "COERCE" and cand.type == "THREATEN":
            return {"arrest": "arrest", "ban": "ban", "deport": "expel"}.get(i.mode or "",
                                                                           "restrict")
        if i.type == "SANCTION" and cand.type == "THREATEN" and i.mode == "expel":
            return "expel"
        if i.type in table:
            return table[i.type]
    return lex.mode_for(cand.type, words)


def _real_warning(cand: Cand) -> bool:
    """A warning is a threat when aimed at someone or about the warner's own action."""
    kids = list(cand.tok.children)
    if any(c.dep_ in ("dobj", "dative") for c in kids) or any(
            c.dep_ == "prep" and c.lower_ in ("against", "of") for c in kids):
        return True
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if not comps:
        return True
    subj = _first_subject(comps[0])
    if subj is None or subj.pos_ != "PRON":
        return False  # "warned that the currency could fall": an analysis
    if subj.lower_ in ("we", "i"):
        return True
    return not _modals(comps[0]) & (HYPO_MODALS - {"would"})


def convert(cand: Cand, lex: Lexicon) -> None:
    """PLOVER's reading of modality: future, conditional and obligation."""
    if cand.hypothetical or cand.type in ("THREATEN",):
        return
    if cand.would is not None and cand.obligation is None and cand.reporter is not None \
            and forms(cand.reporter) & lex.cls("belief"):
        cand.obligation = cand.would  # "believes the best move would be to meet": a proposal
    if cand.obligation is not None and (cand.reported or cand.speaker is not None):
        if not speaker_is_subject(cand, cand.obligation):
            cand.notes.append(f"'{cand.type}' demanded")
            cand.type, cand.mode = "REQUEST", DEMAND_MODE.get(cand.type)
            return
        cand.future = True
    elif cand.obligation is not None:
        cand.hypothetical = True
        return
    if cand.unless and (cand.future or cand.type in HOSTILE):
        cand.notes.append("'unless'")
        cand.type, cand.mode = "THREATEN", THREAT_MODE.get(cand.type, cand.mode)
        return
    if not cand.future or cand.type in ("REQUEST", "ACCUSE", "REJECT"):
        return
    if cand.negated:
        if cand.type in COOP:
            cand.notes.append("refusal")
            cand.type, cand.mode, cand.negated = "REJECT", None, False
        return
    if cand.type in COOP and cand.type != "AGREE":
        cand.notes.append(f"future {cand.type}")
        cand.type, cand.mode = "AGREE", None
    elif cand.type in HOSTILE:
        cand.notes.append(f"future {cand.type}")
        cand.type, cand.mode = "THREATEN", THREAT_MODE.get(cand.type, cand.mode)
