"""Events of one sentence before they get ids: grading, merging and pruning drafts.

A sentence often names one act twice ("launched an attack ..., accusing him"); drafts of
one type with compatible actors merge. PLOVER codes events with actors, so an event noun
with none ("the talks", "criticism followed") is dropped, and a background noun ("after
the meeting") stands only when nothing else in the sentence does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.events.filter import descriptive
from chronicle.extractors.events.groups import OUTBREAKS
from chronicle.extractors.events.links import described, own_clause
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.parse import forms, governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Span

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon
    from chronicle.records import Location


@dataclass
class Draft:
    """An event before ids are given: one trigger, its arguments and its flags."""

    cand: Cand
    sent: Span
    source: list[str]
    target: list[str]
    mode: str | None  # the reading's mode, completed by the drafts merged into this one
    confidence: float = 0.0
    bare: bool = False
    carried: bool = False  # an event noun a light verb carries: "staged a walkout"
    background: bool = False
    location: Location | None = None
    notes: list[str] = field(default_factory=list)  # where the parties came from, in order
    merged: list[str] = field(default_factory=list)  # the drafts merged into this one

    @property
    def flagged(self) -> bool:
        return self.cand.reading.negated or self.cand.reading.hypothetical


def grade(draft: Draft, lex: Lexicon) -> None:
    """Confidence, and whether the draft is background or a bare noun with no actor."""
    cand, mod = draft.cand, draft.cand.modality
    conf = 0.55 + (0.2 if mod.at_root else 0.08)
    conf += 0.1 if cand.pos != "n" else 0.0
    conf += 0.07 if draft.source else 0.0
    conf += 0.03 if draft.target else 0.0
    conf -= 0.1 if mod.attempt else 0.0
    conf -= 0.1 if mod.embedded else 0.0
    draft.background = mod.background
    if cand.pos == "n":
        anchor = governing_verb(cand.tok)
        draft.background = draft.background or cand.tok.dep_ == "pobj" and (
            cand.tok.head.lower_ in word_class("background_prep")) and not (
            draft.source and described(cand.tok))  # "after talks mediated by X": news
        draft.carried = bool(forms(anchor) & lex.cls("light")) and cand.tok.dep_ == "dobj"
        draft.bare = not draft.source and not draft.target and not draft.carried and not (
            cand.type in OUTBREAKS and cand.tok.dep_ == "nsubj"
            and forms(anchor) & lex.cls("occur"))  # "riots broke out"
        conf -= 0.2 if draft.bare else (0.1 if draft.background else 0.0)
    conf *= 0.6 + 0.4 * min(cand.trig.weight, 1.0)
    draft.confidence = max(0.05, min(0.99, conf))


def combine(drafts: list[Draft], generic: frozenset[str] = frozenset()) -> list[Draft]:
    """The events of one sentence: defiance folded into its protest, one event per type
    and actors, events with no actor dropped; `generic` are the keys of unnamed groups
    ("rebels (Syria)"), which do not keep an event the text names no actor of."""
    _lend_attackers(drafts)
    return _prune(_merge(_fold_defiance(drafts)), generic)


def _lend_attackers(drafts: list[Draft]) -> None:
    """"23 civilians were killed in renewed regime airstrikes on Aleppo": when the parse
    keeps the killing and the airstrikes apart, the killing names no doer; the attack
    noun of the same sentence is its means, and its doer is the killing's."""
    means = word_class("means_noun")
    donors = [d for d in drafts if d.cand.type == "ASSAULT" and d.source and not d.flagged
              and d.cand.tok.lemma_.lower() in means]
    for d in drafts:
        if d.cand.type == "ASSAULT" and not d.source and not d.flagged:
            donor = min(donors, key=lambda e: abs(e.cand.tok.i - d.cand.tok.i), default=None)
            if donor is not None:
                d.source = list(donor.source)
                d.notes.append(f"source from the attack '{donor.cand.tok.text}' it was done in")


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One event per type and actors in a sentence: "launched an attack ..., accusing him"."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda d: -d.confidence):
        for kept in out:
            if kept.cand.type == d.cand.type and kept.flagged == d.flagged and not (
                    own_clause(kept.cand.tok, d.cand.tok)) and (
                    _compatible(kept.source, d.source) and _compatible(kept.target, d.target)
                    or kept.cand.type == "CONSULT" and _same_meeting(kept, d)):
                kept.source += [k for k in d.source if k not in kept.source]
                kept.target += [k for k in d.target if k not in kept.target + kept.source]
                kept.mode = kept.mode or d.mode
                kept.location = kept.location or d.location
                kept.merged.append(f"merged '{d.cand.tok.text}'")
                break
        else:
            out.append(d)
    return sorted(out, key=lambda d: d.cand.tok.i)


def _fold_defiance(drafts: list[Draft]) -> list[Draft]:
    """"Thousands defied a ban and marched": defying the ban is part of the protest."""
    protests = [d for d in drafts if d.cand.type == "PROTEST" and not d.flagged]
    return [d for d in drafts if not (
        d.cand.type == "REJECT" and d.cand.trig.lemma in word_class("defiance") and any(
            _compatible(p.source, d.source) for p in protests))]


def _same_meeting(a: Draft, b: Draft) -> bool:
    """Meetings are reciprocal: "X received Y, who conveyed ..." is one consultation."""
    return bool(set(a.source + a.target) & set(b.source + b.target))


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _prune(drafts: list[Draft], generic: frozenset[str] = frozenset()) -> list[Draft]:
    """PLOVER codes events with actors: an event noun with none ("the talks", "criticism
    followed") is dropped, and so is a clause-internal verb with none ("fighters who once
    resisted"); an unnamed group counts as none there ("aid workers abducted in May"),
    unless a light verb carries the noun, which then tells the clause's event as a verb
    would ("doctors staged a walkout" as "nurses went on strike"); background nouns
    ("after the meeting") stand only when nothing else does."""
    def named(d: Draft) -> bool:
        return any(k not in generic for k in d.source + d.target)

    def unnamed_only(d: Draft) -> bool:
        return bool(d.source or d.target) and not named(d)

    kept = [d for d in drafts if named(d) or (
        (d.cand.pos != "n" or d.carried or not (d.bare or unnamed_only(d)))
        and not descriptive(d.cand.tok))]
    solid = [d for d in kept if not d.flagged and not d.background]
    if not solid:
        return kept
    return [d for d in kept if d.flagged or not d.background]


def reason(draft: Draft) -> str:
    """Which trigger and which rules decided the event, for its `reason`."""
    cand = draft.cand
    out = (f"trigger '{cand.tok.text}' ({cand.trig.type}"
           f"{', ' + cand.trig.mode if cand.trig.mode else ''}) {cand.trig.origin}")
    notes = cand.notes + draft.notes + draft.merged
    if notes:
        out += "; " + "; ".join(notes)
    if cand.type != cand.trig.type:
        out += f"; read as {cand.type}"
    return out
