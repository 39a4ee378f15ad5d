"""PLOVER events: who did what to whom, when and where, one sentence at a time.

Triggers come from the lexicon (lang/en/triggers.tsv) matched by lemma and checked against
the parse (match.py; all-caps headlines are parsed again in ordinary case by
headlines.py); triggers inside other triggers' content are absorbed (frame.py) and
modality is read from the clauses above (scope.py), which settles the type (convert.py);
states, hazards and habits are dropped (filter.py); sources and targets follow the
dependency parse to entity keys (arguments.py, resolver.py, roles.py), and parties named
beside the clause or earlier in the document (joint acts, replies, "a promise from X")
come from links.py; places go through the offline gazetteer (where.py). The drafts of a
sentence are merged and pruned (drafts.py). Every event says in `reason` which trigger and
rules decided it. See docs/events.md for the ontology and how to extend the lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.unnamed import MACHINES
from chronicle.extractors.dates.find import Dating
from chronicle.extractors.events.candidate import Cand
from chronicle.extractors.events.convert import convert, resolve, threat_mode
from chronicle.extractors.events.detect import Detection, detect, detector_of
from chronicle.extractors.events.drafts import Draft, combine, grade, reason
from chronicle.extractors.events.filter import no_event
from chronicle.extractors.events.frame import attach, release
from chronicle.extractors.events.groups import HOSTILE
from chronicle.extractors.events.headlines import reparse, without_restated
from chronicle.extractors.events.lexicon import Lexicon, load_lexicon
from chronicle.extractors.events.links import reply_targets, visit_ok
from chronicle.extractors.events.match import looks_like_actor
from chronicle.extractors.events.modes import (
    claimed_attackers,
    set_mode,
    story_attackers,
    story_means,
)
from chronicle.extractors.events.resolver import ArgumentResolver, Speakers
from chronicle.extractors.events.roles import Parties, arguments
from chronicle.extractors.events.scope import scope
from chronicle.extractors.events.vocab import word_class
from chronicle.extractors.events.where import Places
from chronicle.extractors.magnitudes import attach_magnitudes
from chronicle.nlp.parse import governing_verb
from chronicle.records import Document, Event, Quote
from chronicle.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronicle.extractors.actors.document import DocActors

DEFAULTS = Settings()


@dataclass(frozen=True)
class EventContext:
    """What the earlier stages found in the document, and the run's settings."""

    actors: DocActors
    dating: Dating = Dating()
    quotes: Sequence[Quote] = ()
    settings: Settings = DEFAULTS


@dataclass
class _Analysis:
    """One document under analysis: its lexicon, argument resolver and places."""

    lex: Lexicon
    actors: DocActors
    resolver: ArgumentResolver
    places: Places
    mode: str = "both"  # Settings.events: which detectors decide
    ranked: bool = True  # Settings.arguments: the learned ranker fills empty roles

    @property
    def detection(self) -> Detection:
        return Detection(self.lex, self.mode, self.is_actor,
                         lambda at: self.resolver.speakers.at(at) is not None)

    def is_actor(self, tok: Token) -> bool:
        return (self.actors.refer(tok) is not None or looks_like_actor(tok)
                or tok.lemma_.lower() in self.lex.cls("human"))


def _ownerless_machines(actors: DocActors) -> frozenset[str]:
    """The unnamed doers that are only weapons or craft ("rockets", "fighter jets")."""
    return frozenset(e.key for e in actors.entities if e.generic and e.name
                     and fold(e.name).split()[-1] in MACHINES)


def find_events(doc: Doc, document: Document, context: EventContext) -> list[Event]:
    """The PLOVER events of one document, in text order."""
    settings, actors = context.settings, context.actors
    lex = load_lexicon(settings.triggers, settings.lang)
    run = _Analysis(lex, actors, ArgumentResolver(actors, Speakers(list(context.quotes)),
                                                  lex.cls("human")), Places(doc, actors),
                    settings.events, settings.arguments == "ranked")
    drafts: list[Draft] = []
    copies = reparse(doc, actors, settings.model)
    for sentence, group in _by_sentence(doc, run, copies):
        attach(group, lex)
        sent_drafts = _drafts(group, run)
        if sentence is not None:
            for d in sent_drafts:
                d.sent = sentence
        drafts += combine(sent_drafts, actors.generic)
    reply_targets(drafts, run.resolver.country)
    run.places.settle(drafts)
    story_means(drafts)
    story_attackers(drafts, _ownerless_machines(actors))
    claimed_attackers(drafts, actors.generic)
    drafts = without_restated(doc, drafts)  # after it lent the story its weapon
    events = [_event(d, document, i, context.dating.date_of(d.sent.start_char, d.sent.end_char))
              for i, d in enumerate(drafts, 1)]
    return attach_magnitudes(doc, drafts, events, {s.start: c for s, c in copies})


def _by_sentence(doc: Doc, run: _Analysis, copies: list[tuple[Span, Span]]
                 ) -> list[tuple[Span | None, list[Cand]]]:
    """The triggers of each sentence, in text order; a headline's come from its copy
    parsed in ordinary case (`copies`), with the original sentence to quote."""
    found = _cands(doc, run)
    originals: dict[tuple[int, int], Span] = {}
    for sent, copy in copies:
        found = [c for c in found if not sent.start <= c.tok.i < sent.end]
        found += [c for c in _cands(copy.doc, run) if copy.start <= c.tok.i < copy.end]
        originals[(id(copy.doc), copy.sent.start)] = sent  # the pad opens the sentence
    by_sent: dict[tuple[int, int], list[Cand]] = {}
    for cand in found:
        by_sent.setdefault((id(cand.tok.doc), cand.tok.sent.start), []).append(cand)
    return [(originals.get(key), group)
            for key, group in sorted(by_sent.items(), key=lambda kv: kv[1][0].tok.idx)]


def _drafts(group: list[Cand], run: _Analysis) -> list[Draft]:
    """Drafts of a sentence's top-level triggers; the content of a trigger that turns out
    to be no event ("had taken tentative steps", a past "take steps") stands on its own."""
    todo = [c for c in group if c.frame.role not in ("absorbed", "purpose")]
    out: list[Draft] = []
    while todo:
        cand = todo.pop(0)
        draft = _draft(cand, run)
        if draft is not None:
            out.append(draft)
        elif cand.reading.released:
            todo += release(cand)
    return out


def _cands(doc: Doc, run: _Analysis) -> list[Cand]:
    return detect(doc, run.detection)


def _context_words(tok: Token) -> set[str]:
    words: set[str] = set()
    sub = list(tok.subtree)
    if len(sub) > 40:
        sub = [t for t in sub if abs(t.i - tok.i) <= 12]
    for t in [*sub, tok.head]:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words


def _draft(cand: Cand, run: _Analysis) -> Draft | None:
    """The event a top-level trigger reports, or None when it reports none."""
    quote = run.resolver.speakers.at(cand.tok.idx)
    scope(cand, run.lex, quoted=quote is not None)
    words = _context_words(cand.tok)
    if not resolve(cand, run.lex, words):
        return None
    convert(cand, run.lex)
    if cand.modality.would is not None and cand.modality.reporter is None:
        cand.reading.hypothetical = True  # direct "would" is conditional; reported, future
    if cand.trig.origin == "modal" and not cand.reading.demanded:
        return None
    if no_event(cand, run.lex, run.is_actor):
        return None
    set_mode(cand, run.lex, words)
    parties = arguments(cand, run.resolver, run.lex, quote, run.ranked)
    if not visit_ok(cand, run.resolver, parties.source, parties.target):
        return None
    notes = parties.notes + _reread(cand, parties, run, quote)
    draft = Draft(cand, cand.tok.sent, parties.source, parties.target, cand.mode,
                  notes=notes)
    grade(draft, run.lex)
    draft.location = run.places.locate(cand)
    return draft


def _reread(cand: Cand, parties: Parties, run: _Analysis, quote: Quote | None) -> list[str]:
    """What the parties change of the reading: a conditional hostility by the speaker is
    a threat, an exercise of two forces a joint one."""
    reading, notes = cand.reading, []
    if _conditional_threat(cand, parties.source, run, quote):
        reading.type, reading.mode = "THREATEN", threat_mode(cand)
        reading.hypothetical = False
        notes.append("conditional threat")
    if cand.type == "MOBILIZE" and len(parties.source) > 1 and \
            cand.trig.lemma in word_class("joint_exercise"):
        reading.type, reading.mode = "COOPERATE", "military"
        notes.append("several sources")
    return notes


def _conditional_threat(cand: Cand, source: list[str], run: _Analysis, quote: Quote | None
                        ) -> bool:
    """"X said it could respond with force if Y ...": a hostile act made conditional by
    the one who would do it is a threat (an analyst's "could" is not)."""
    mod = cand.modality
    if not (cand.reading.hypothetical and mod.conditional
            and cand.type in HOSTILE - {"THREATEN"}):
        return False
    voices = set(run.resolver.keys([mod.speaker])) if mod.speaker is not None else set()
    if quote is not None and quote.speaker:
        voices.add(quote.speaker)
    voices |= {c for c in (run.resolver.country(k) for k in voices) if c is not None}
    return bool(voices & set(source))


def _trigger_span(cand: Cand) -> tuple[int, int]:
    """Characters of the trigger words: a light verb with its noun, a verb with its
    particle, a hyphenated word whole ("sit-in")."""
    tok = cand.tok
    extras = [c for c in tok.children if c.dep_ == "prt" or (
        c.dep_ == "prep" and any(k == "prep" for k, _ in cand.trig.when))]
    ends = [tok.i] + [c.i for c in extras if abs(c.i - tok.i) <= 3]
    if cand.pos == "n":
        head = governing_verb(tok)
        if tok.dep_ == "dobj" and 0 < tok.i - head.i <= 4:
            ends.append(head.i)
    doc = tok.doc
    while min(ends) >= 2 and doc[min(ends) - 1].text == "-" and not doc[min(ends) - 2].whitespace_:
        ends.append(min(ends) - 2)
    while max(ends) + 2 < len(doc) and doc[max(ends) + 1].text == "-" and \
            not doc[max(ends)].whitespace_:
        ends.append(max(ends) + 2)
    span = doc[min(ends):max(ends) + 1]
    return span.start_char, span.end_char


def _event(d: Draft, document: Document, n: int, dated: tuple[str | None, str | None]
           ) -> Event:
    cand, sent, reading = d.cand, d.sent, d.cand.reading
    start, end = _trigger_span(cand)
    return Event(id=f"{document.id}#ev{n}", doc=document.id, event_type=cand.type,
                 source=tuple(d.source), target=tuple(d.target), start=sent.start_char,
                 end=sent.end_char, sentence=document.text[sent.start_char:sent.end_char],
                 trigger=document.text[start:end],
                 mode=d.mode, date=dated[0], date_source=dated[1], location=d.location,
                 negated=reading.negated,
                 hypothetical=reading.hypothetical, confidence=round(d.confidence, 3),
                 reason=reason(d), detector=detector_of(cand.trig))
