"""A trigger under analysis: what each stage learnt of it, each in a record of its own.

Detection finds the trigger word and its lexicon line (`Match`); `frame.attach` places it
among the other triggers of its sentence (`Frame`); `scope.scope` reads the clauses above
it (`Modality`); the conversions of `convert` and `find` settle what it reports
(`Reading`). Each stage writes only its own record, so a rule reading
`cand.modality.negated` knows what the words said, and one reading `cand.reading.negated`
knows what the event finally is ("will not attack", negated in the words, is read as a
promise of restraint, which is not negated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.lexicon import Trigger


@dataclass(frozen=True, slots=True)
class Match:
    """The trigger word as detection found it; written once."""

    tok: Token
    pos: str  # the lexicon's part of speech: v, n or a
    trig: Trigger
    note: str | None = None  # what detection saw ("'must leave'" for a demand by modal)


@dataclass(slots=True)
class Frame:
    """Where the trigger sits among the others of its sentence; written by frame.py."""

    role: str = "main"  # main, independent, absorbed, purpose
    outer: Cand | None = None  # the trigger whose content this one is
    inner: list[Cand] = field(default_factory=list)  # the triggers that are its content


@dataclass(slots=True)
class Modality:
    """What the clauses above the trigger say of it; written by scope.py."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    unless: bool = False
    conditional: bool = False  # its own clause has an "if" clause: "could respond if ..."
    attempt: bool = False
    obligation: Token | None = None  # the clause whose subject is asked to act
    speaker: Token | None = None  # subject of the reporting verb above the trigger
    reporter: Token | None = None  # that reporting verb
    would: Token | None = None  # the clause carrying a "would"
    reported: bool = False  # under a reporting verb or inside a quote
    at_root: bool = False
    embedded: bool = False  # inside a clause that describes a noun ("a bill signed by X")
    background: bool = False  # inside a "since" clause: the setting, not the news
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    """What the trigger finally reports; written by convert.py and find.py.

    Starts as the lexicon line says; `convert.settle` takes the modality's verdicts over
    before the conversions change them (a future hostility becomes a THREATEN that is no
    longer hypothetical, a refused cooperation a REJECT that is no longer negated)."""

    type: str
    mode: str | None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    obligation: Token | None = None
    demanded: bool = False  # another's act the speaker demands: a REQUEST
    released: bool = False  # no event itself, but its absorbed content is ("took steps to")
    notes: list[str] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Cand:
    """A trigger found in the text, with the record of every stage."""

    match: Match
    frame: Frame
    modality: Modality
    reading: Reading

    @classmethod
    def found(cls, tok: Token, pos: str, trig: Trigger, note: str | None = None) -> Cand:
        return cls(Match(tok, pos, trig, note), Frame(), Modality(),
                   Reading(trig.type, trig.mode))

    @property
    def tok(self) -> Token:
        return self.match.tok

    @property
    def pos(self) -> str:
        return self.match.pos

    @property
    def trig(self) -> Trigger:
        return self.match.trig

    @property
    def type(self) -> str:
        return self.reading.type

    @property
    def mode(self) -> str | None:
        return self.reading.mode

    @property
    def notes(self) -> list[str]:
        """What detection, scope and the conversions noted, in that order."""
        first = [self.match.note] if self.match.note else []
        return first + self.modality.notes + self.reading.notes
