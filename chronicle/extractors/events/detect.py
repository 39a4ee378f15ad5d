"""Which words of a document name events: the trigger lexicon, the learned model, or both.

The lexicon (lang/en/triggers.tsv, checked against the parse by match.py) is precise and
explainable but knows only the wording it was written from; the learned sense model
(senses.py) reads a word in its context, so it knows "shot" in a market report is no
attack and "pounded" in a war report is one, whether or not a line says so. The run's
`Settings.events` says how they combine:

- "lexicon": the lexicon alone;
- "model": the model alone: every verb and noun it gives an event type with p >= ADD;
- "both" (the default): the lexicon proposes and the model disposes. A lexicon trigger the
  model reads as no event (p(NONE) >= VETO) is dropped, unless it reads the event in a
  word beside it (p >= BESIDE: "rocket fire killed five") or its doer can only be armed
  ("warplanes struck a market"); one it reads with confidence as
  another type (p >= RETYPE while the lexicon's type has p < KEEP) takes the model's type;
  a word the lexicon does not know comes in when the model gives it p >= ADD.

Each trigger's origin says which decided ("triggers.tsv:1046, model agrees 0.97",
"model 0.81", "triggers.tsv:88, model reads ACCUSE 0.91"), and the event's `detector`
field says it in one word. The thresholds were chosen on held-out folds of the training
sentences (docs/events.md), never on a test set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from chronicle.extractors.actors.unnamed import ARMED, MACHINES
from chronicle.extractors.events.candidate import Cand
from chronicle.extractors.events.lexicon import Lexicon, Trigger
from chronicle.extractors.events.match import candidates, choose
from chronicle.extractors.events.senses import MODEL, Sense, read_senses
from chronicle.extractors.events.vocab import word_class
from chronicle.models import load_model
from chronicle.nlp.labels import VERBS
from chronicle.nlp.parse import forms, tokens_tagged

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

VETO = 0.9  # p(NONE) at which the model drops a lexicon trigger
RETYPE = 0.9  # p(another type) at which the model retypes a lexicon trigger ...
KEEP = 0.1  # ... provided the lexicon's type is this unlikely
ADD = 0.6  # p(type) at which the model adds a word the lexicon does not know
# ... and at which it gives a sentence that has no other candidate its best reading: chosen
# on predicates the model never saw (eval/unseen-predicates), see docs/events.md.
FALLBACK = 0.45
BESIDE = 0.5  # p(type) of a neighbour that keeps a lexicon trigger the model would drop
CONSTRAINED_KEEP = True  # a lexicon line with conditions is never dropped by the model
DETECTORS = ("lexicon", "model", "both")


@dataclass(frozen=True)
class Detection:
    """What detection needs from the rest of the analysis."""

    lex: Lexicon
    mode: str  # one of DETECTORS
    is_actor: Callable[[Token], bool]
    speaks_at: Callable[[int], bool]  # inside a quote at this character


def detect(doc: Doc, how: Detection) -> list[Cand]:
    """The trigger candidates of a document, in text order."""
    senses = read_senses(doc, how.lex, load_model(MODEL)) if how.mode != "lexicon" else {}
    out: list[Cand] = []
    if how.mode != "model":
        out += _from_lexicon(doc, how, senses)
    seen = {c.tok.i for c in out}
    if senses:  # the words the model may not add, looked for only when it reads
        barred = seen | _reporting(doc, how) | _carriers(doc, how.lex)
        out += _from_model(doc, senses, barred)
        if any(s.probability >= FALLBACK for i, s in senses.items() if i not in barred):
            out += _fallbacks(doc, senses, barred, {c.tok.sent.start for c in out})
    seen |= {c.tok.i for c in out}
    out += _modal_cands(doc, how, seen)
    out.sort(key=lambda c: c.tok.i)
    return out


def _from_lexicon(doc: Doc, how: Detection, senses: dict[int, Sense]) -> list[Cand]:
    out = []
    for tok, pos, entries in candidates(doc, how.lex):
        trig = choose(entries, tok, pos, how.is_actor)
        if trig is None:
            continue
        sense = senses.get(tok.i)
        if sense is not None:
            judged = _judged(trig, sense, _told_beside(tok, trig.type, senses)
                             or _armed_doer(tok, trig.type))
            if judged is None:
                continue
            trig = judged
        out.append(Cand.found(tok, pos, trig))
    return out


def _judged(trig: Trigger, sense: Sense, beside: bool = False) -> Trigger | None:
    """The lexicon's trigger as the model reads it: kept, retyped, or dropped (None).

    A line with conditions ("lifted" with a curfew as object) already says which sense it
    means: the model may retype it but not drop it. Nor does it drop a word whose event
    it reads in a word beside it (`beside`)."""
    if sense.none >= VETO and (not trig.when or not CONSTRAINED_KEEP) and not beside:
        return None
    if sense.label != trig.type and sense.probability >= RETYPE and sense.of(trig.type) < KEEP:
        return replace(trig, type=sense.label, mode=None,
                       origin=f"{trig.origin}, model reads {sense.label} "
                              f"{sense.probability:.2f}")
    return replace(trig, origin=f"{trig.origin}, model agrees {sense.of(trig.type):.2f}")


def _told_beside(tok: Token, event_type: str, senses: dict[int, Sense]) -> bool:
    """The model was taught one word per event, the head of its phrase: in "rocket fire
    killed five" it reads the attack in "fire" and "killed" as no event of its own. A
    word whose head, subject, object or means the model reads as the same type is part of
    an event the model sees, whatever it says of the word itself."""
    near = [tok.head, *tok.children]
    near += [g for c in tok.children if c.dep_ in ("prep", "agent") for g in c.children]
    return any((sense := senses.get(t.i)) is not None and t.i != tok.i
               and sense.of(event_type) >= BESIDE for t in near)


def _armed_doer(tok: Token, event_type: str) -> bool:
    """"Warplanes struck a market", "gunmen opened fire", "a helicopter that was shot
    down": an attack verb whose doer can only be armed men or their machines, or whose
    object is a war machine (lang/en/agents.txt), is an attack, whatever the model makes
    of the market or the fire."""
    if event_type != "ASSAULT":
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children]
    hit = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    hit = [tok.head if t.lower_ in ("that", "which") and tok.dep_ == "relcl" else t
           for t in hit]
    return any(forms(d) & ARMED for d in doers) or any(forms(t) & MACHINES for t in hit)


def _from_model(doc: Doc, senses: dict[int, Sense], seen: set[int], least: float = ADD
                ) -> list[Cand]:
    """Words the lexicon does not know (or did not choose) that the model reads as events."""
    out = []
    for i, sense in senses.items():
        if i in seen or sense.probability < least:
            continue
        tok = doc[i]
        pos = "v" if tok.pos_ in VERBS else "n"
        trig = Trigger(sense.label, None, tok.lemma_.lower(), pos, (), sense.probability,
                       f"model {sense.probability:.2f}")
        out.append(Cand.found(tok, pos, trig))
    return out


def _fallbacks(doc: Doc, senses: dict[int, Sense], barred: set[int], told: set[int]
               ) -> list[Cand]:
    """A sentence no trigger was found in gets the model's best reading of it, if that is
    likely enough: a sentence told with a predicate nobody listed, where the model's
    confidence in a word it has never met is lower."""
    best: dict[int, int] = {}
    for i, sense in senses.items():
        if i in barred or sense.probability < FALLBACK:
            continue
        start = doc[i].sent.start
        if start in told:
            continue
        if start not in best or sense.probability > senses[best[start]].probability:
            best[start] = i
    return _from_model(doc, {i: senses[i] for i in best.values()}, set(), FALLBACK)


def _reporting(doc: Doc, how: Detection) -> set[int]:
    """Verbs that report a clause ("Syria says it will not accept ..."): what they report
    is the event, in the clause, never the saying (PLOVER codes the content of a statement,
    and a saying alone is no event); the model may not add one there."""
    report = how.lex.cls("report")
    words = (tok for tok in doc if tok.lemma_.lower() in report)  # the rare words first
    return {tok.i for tok in words if tok.dep_ == "parataxis" or tok.pos_ in VERBS
            and any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)}


def _carriers(doc: Doc, lex: Lexicon) -> set[int]:
    """Light verbs that carry an event noun as their object ("claimed responsibility for
    an attack", "launched an offensive", "took a decision to reopen"): the noun is the
    event, with the verb's subject as its doer; the model may not make the verb an event
    of its own, which would take the noun in as its content."""
    light = lex.cls("light")
    out = set()
    for tok in doc:
        if tok.lemma_.lower() not in light or tok.pos_ not in VERBS:
            continue
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        preps = [g for o in objects for g in o.children if g.dep_ == "prep"]
        near = objects + [g for p in preps for g in p.children if g.dep_ == "pobj"]
        if any(lex.lookup(t.lemma_.lower(), "n") for t in near):
            out.add(tok.i)
    return out


def _modal_cands(doc: Doc, how: Detection, seen: set[int]) -> list[Cand]:
    """"X said Y must/should do Z" is X's demand even when Z names no event."""
    out = []
    report = how.lex.cls("report")
    for tok in tokens_tagged(doc, "MD"):
        if tok.lower_ not in word_class("demand_modal"):
            continue
        verb = tok.head
        if verb.i in seen or verb.pos_ not in VERBS:
            continue
        said = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in report
        if said or how.speaks_at(verb.idx):
            trig = Trigger("REQUEST", None, verb.lemma_.lower(), "v", (), 0.8, "modal")
            out.append(Cand.found(verb, "v", trig, note=f"'{tok.text} {verb.text}'"))
            seen.add(verb.i)
    return out


def detector_of(trig: Trigger) -> str:
    """One word for the event record: which detector decided."""
    if trig.origin.startswith("model"):
        return "model"
    if ", model " in trig.origin:
        return "both"
    return "lexicon"
