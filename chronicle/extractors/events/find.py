"""PLOVER events: who did what to whom, when and where, one sentence at a time.

Triggers come from the lexicon (chronicle/data/triggers.tsv) matched by lemma and checked
against the parse (eventmatch; all-caps headlines are parsed again in ordinary case by
eventcaps); triggers inside other triggers' content are absorbed and modality is read from
the clauses above (eventframe), which settles the type (eventconvert); states, hazards and
habits are dropped (eventfilter); sources and targets follow the dependency parse to entity
keys (eventargs, eventroles), and parties named beside the clause or earlier in the
document (joint acts, replies, "a promise from X") come from eventlinks; places go through
the offline gazetteer (places). Every event says in `reason` which trigger and rules
decided it. See docs/events.md for the ontology and how to extend the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import ArgumentResolver, Speakers
from chronicle.extractors.events.convert import convert, resolve
from chronicle.extractors.events.filter import descriptive, no_event
from chronicle.extractors.events.frame import Cand, attach, scope
from chronicle.extractors.events.groups import HOSTILE, MODE_BY_CUE_ORDER
from chronicle.extractors.events.headlines import reparse
from chronicle.extractors.events.lexicon import Lexicon, Trigger, load_lexicon
from chronicle.extractors.events.links import described, own_clause, reply_targets, visit_ok
from chronicle.extractors.events.match import candidates, choose, looks_like_actor
from chronicle.extractors.events.roles import arguments
from chronicle.extractors.events.vocab import content_modes, preps, word_class
from chronicle.extractors.places.gazetteer import gazetteer, place_phrase, place_tokens
from chronicle.nlp.labels import VERBS
from chronicle.nlp.parse import forms, governing_verb, tokens_tagged
from chronicle.records import Document, Event, Location, Quote, Timex
from chronicle.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronicle.extractors.actors.document import DocActors

DEFAULTS = Settings()


@dataclass
class Draft:
    """An event before ids are given: one trigger, its arguments and its flags."""

    cand: Cand
    sent: Span
    source: list[str]
    target: list[str]
    confidence: float
    bare: bool = False
    background: bool = False
    location: Location | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.cand.negated or self.cand.hypothetical


@dataclass
class _Ctx:
    doc: Doc
    actors: DocActors
    lex: Lexicon
    resolver: ArgumentResolver
    doc_countries: tuple[str, ...] | None = None

    def is_actor(self, tok: Token) -> bool:
        return (self.actors.refer(tok) is not None or looks_like_actor(tok)
                or tok.lemma_.lower() in self.lex.cls("human"))


def find_events(doc: Doc, document: Document, actors: DocActors, timexes: list[Timex],
                quotes: list[Quote], settings: Settings = DEFAULTS) -> list[Event]:
    """The PLOVER events of one document, in text order."""
    lex = load_lexicon(settings.triggers, settings.lang)
    ctx = _Ctx(doc, actors, lex, ArgumentResolver(actors, Speakers(list(quotes)), lex.cls("human")))
    found = _cands(doc, ctx)
    originals: dict[tuple[int, int], Span] = {}
    # all-caps headlines, parsed again in ordinary case
    for sent, copy in reparse(doc, actors, settings.model):
        found = [c for c in found if not sent.start <= c.tok.i < sent.end]
        found += [c for c in _cands(copy.doc, ctx) if copy.start <= c.tok.i < copy.end]
        originals[(id(copy.doc), copy.start)] = sent
    by_sent: dict[tuple[int, int], list[Cand]] = {}
    for cand in found:
        by_sent.setdefault((id(cand.tok.doc), cand.tok.sent.start), []).append(cand)
    drafts: list[Draft] = []
    for key, group in sorted(by_sent.items(), key=lambda kv: kv[1][0].tok.idx):
        attach(group, ctx.lex)
        sent_drafts = _drafts(group, ctx)
        for d in sent_drafts:
            d.sent = originals.get(key, d.sent)
        drafts += _prune(_merge(_fold_defiance(sent_drafts)))
    reply_targets(drafts, ctx.resolver.country)
    date_of = _date_function()
    return [_event(d, document, i, date_of(timexes, d.sent.start_char, d.sent.end_char)
                   if date_of else None) for i, d in enumerate(drafts, 1)]


def _drafts(group: list[Cand], ctx: _Ctx) -> list[Draft]:
    """Drafts of a sentence's top-level triggers; the content of a trigger that turns out
    to be no event ("had taken tentative steps", a past "take steps") stands on its own."""
    todo = [c for c in group if c.role not in ("absorbed", "purpose")]
    out: list[Draft] = []
    while todo:
        cand = todo.pop(0)
        draft = _draft(cand, ctx)
        if draft is not None:
            out.append(draft)
        elif cand.released:
            for inner in cand.inner:
                if inner.role == "absorbed":
                    inner.role, inner.outer = "main", None
                    todo.append(inner)
    return out


def _date_function():
    try:
        from chronicle.extractors.dates import find as dates
    except ImportError:  # pragma: no cover - the dates module always exists in a release
        return None
    return getattr(dates, "date_for_sentence", None)


def _cands(doc: Doc, ctx: _Ctx) -> list[Cand]:
    out: list[Cand] = []
    seen: set[int] = set()
    for tok, pos, entries in candidates(doc, ctx.lex):
        trig = choose(entries, tok, pos, ctx.is_actor)
        if trig is not None:
            out.append(Cand(tok, pos, trig))
            seen.add(tok.i)
    out += _modal_cands(doc, ctx, seen)
    out.sort(key=lambda c: c.tok.i)
    return out


def _modal_cands(doc: Doc, ctx: _Ctx, seen: set[int]) -> list[Cand]:
    """"X said Y must/should do Z" is X's demand even when Z names no event."""
    out = []
    report = ctx.lex.cls("report")
    for tok in tokens_tagged(doc, "MD"):
        if tok.lower_ not in word_class("demand_modal"):
            continue
        verb = tok.head
        if verb.i in seen or verb.pos_ not in VERBS:
            continue
        said = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in report
        if said or ctx.resolver.speakers.at(verb.idx) is not None:
            trig = Trigger("REQUEST", None, verb.lemma_.lower(), "v", (), 0.8, "modal")
            cand = Cand(verb, "v", trig)
            cand.notes.append(f"'{tok.text} {verb.text}'")
            out.append(cand)
            seen.add(verb.i)
    return out


def _context_words(tok: Token) -> set[str]:
    words: set[str] = set()
    sub = list(tok.subtree)
    if len(sub) > 40:
        sub = [t for t in sub if abs(t.i - tok.i) <= 12]
    for t in [*sub, tok.head]:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words


def _draft(cand: Cand, ctx: _Ctx) -> Draft | None:
    scope(cand, ctx.lex)
    quote = ctx.resolver.speakers.at(cand.tok.idx)
    if quote is not None and not cand.reported:
        cand.reported = True
    words = _context_words(cand.tok)
    if not resolve(cand, ctx.lex, words):
        return None
    convert(cand, ctx.lex)
    if "would" in cand.notes and cand.reporter is None:
        cand.hypothetical = True  # direct "would" is conditional; reported "would" is future
    demanded = any(n.endswith("demanded") for n in cand.notes)
    if cand.trig.origin == "modal" and not demanded:
        return None
    if no_event(cand, ctx.lex, ctx.is_actor):
        return None
    _set_mode(cand, ctx.lex, words)
    source, target = arguments(cand, ctx.resolver, ctx.lex, demanded, quote)
    if not visit_ok(cand, ctx.resolver, source, target):
        return None
    if _conditional_threat(cand, source, ctx, quote):
        cand.type, cand.mode = "THREATEN", content_modes("threat").get(cand.type, cand.mode)
        cand.hypothetical = False
        cand.notes.append("conditional threat")
    if cand.type == "MOBILIZE" and len(source) > 1 and \
            cand.trig.lemma in word_class("joint_exercise"):
        cand.type, cand.mode = "COOPERATE", "military"  # exercises of two forces: joint
        cand.notes.append("several sources")
    draft = Draft(cand, cand.tok.sent, source, target, 0.0)
    _grade(draft, ctx)
    draft.location = _location(draft, ctx)
    return draft


def _conditional_threat(cand: Cand, source: list[str], ctx: _Ctx, quote: Quote | None
                        ) -> bool:
    """"X said it could respond with force if Y ...": a hostile act made conditional by
    the one who would do it is a threat (an analyst's "could" is not)."""
    if not (cand.hypothetical and cand.conditional and cand.type in HOSTILE - {"THREATEN"}):
        return False
    voices = set(ctx.resolver.keys([cand.speaker])) if cand.speaker is not None else set()
    if quote is not None and quote.speaker:
        voices.add(quote.speaker)
    voices |= {ctx.resolver.country(k) for k in voices} - {None}
    return bool(voices & set(source))


def _set_mode(cand: Cand, lex: Lexicon, words: set[str]) -> None:
    if cand.type != cand.trig.type:
        cand.mode = cand.mode or lex.mode_for(cand.type, words)
        return
    cued = lex.mode_for(cand.type, words)
    if cand.mode is None:
        cand.mode = cued
    elif cued and cand.type in MODE_BY_CUE_ORDER:
        order = [m for m, _ in lex.mode_cues.get(cand.type, [])]
        if cand.mode not in order or order.index(cued) < order.index(cand.mode):
            cand.mode = cued


def _grade(draft: Draft, ctx: _Ctx) -> None:
    cand = draft.cand
    conf = 0.55 + (0.2 if cand.at_root else 0.08)
    conf += 0.1 if cand.pos != "n" else 0.0
    conf += 0.07 if draft.source else 0.0
    conf += 0.03 if draft.target else 0.0
    conf -= 0.1 if cand.attempt else 0.0
    conf -= 0.1 if cand.embedded else 0.0
    draft.background = cand.background
    if cand.pos == "n":
        anchor = governing_verb(cand.tok)
        draft.background = draft.background or cand.tok.dep_ == "pobj" and (
            cand.tok.head.lower_ in word_class("background_prep")) and not (
            draft.source and described(cand.tok))  # "after talks mediated by X": news
        draft.bare = not draft.source and not draft.target and not (
            forms(anchor) & ctx.lex.cls("light") and cand.tok.dep_ == "dobj") and not (
            cand.type in ("PROTEST", "ASSAULT") and cand.tok.dep_ == "nsubj"
            and forms(anchor) & ctx.lex.cls("occur"))  # "riots broke out"
        conf -= 0.2 if draft.bare else (0.1 if draft.background else 0.0)
    conf *= 0.6 + 0.4 * min(cand.trig.weight, 1.0)
    draft.confidence = max(0.05, min(0.99, conf))


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
                kept.cand.mode = kept.cand.mode or d.cand.mode
                kept.location = kept.location or d.location
                kept.reasons.append(f"merged '{d.cand.tok.text}'")
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


def _prune(drafts: list[Draft]) -> list[Draft]:
    """PLOVER codes events with actors: an event noun with none ("the talks", "criticism
    followed") is dropped, and so is a clause-internal verb with none ("fighters who once
    resisted"); background nouns ("after the meeting") stand only when nothing else does."""
    kept = [d for d in drafts if d.source or d.target or (
        (d.cand.pos != "n" or not d.bare) and not descriptive(d.cand.tok))]
    solid = [d for d in kept if not d.flagged and not d.background]
    if not solid:
        return kept
    return [d for d in kept if d.flagged or not d.background]


def _location(draft: Draft, ctx: _Ctx) -> Location | None:
    """The first place phrase near the trigger; the others, and the countries named around
    it, choose between namesakes ("a village in Hama province": the Syrian Hama)."""
    tok = draft.cand.tok
    anchor = governing_verb(tok) if draft.cand.pos == "n" else None
    extra = preps("location", draft.cand.type)
    gaz, found = None, []
    inner = tuple(i.tok for i in draft.cand.inner if i.role == "absorbed") \
        if draft.cand.type in ("AGREE", "THREATEN", "MOBILIZE") else ()
    objects = draft.cand.type in ("ASSAULT", "COERCE", "CONSULT")
    for pobj in place_tokens(tok, anchor, extra, inner, objects):
        key = ctx.actors.refer(pobj)
        if key and ctx.actors.entity(key).kind not in ("location", "country"):
            continue
        gaz = gaz or gazetteer()
        phrase = place_phrase(pobj, gaz.knows)
        if phrase is not None:
            found.append(phrase)
    if not found or gaz is None:
        return None
    (name, around), others = found[0], found[1:]
    words = [t.text for t in around] + [n for n, _ in others]
    hints = [c for c in (gaz.context_code(w) for w in words) if c]
    return gaz.locate(name, tuple(hints), _doc_countries(ctx))


def _doc_countries(ctx: _Ctx) -> tuple[str, ...]:
    if ctx.doc_countries is None:
        gaz, counts = gazetteer(), {}
        for ent in ctx.doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                code = gaz.country_code(ent.text)
                if code:
                    counts[code] = counts.get(code, 0) + 1
        ctx.doc_countries = tuple(sorted(counts, key=lambda c: -counts[c])[:3])
    return ctx.doc_countries


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


def _event(d: Draft, document: Document, n: int, date: str | None) -> Event:
    cand, sent = d.cand, d.sent
    reason = (f"trigger '{cand.tok.text}' ({cand.trig.type}"
              f"{', ' + cand.trig.mode if cand.trig.mode else ''}) {cand.trig.origin}")
    notes = cand.notes + d.reasons
    if notes:
        reason += "; " + "; ".join(notes)
    if cand.type != cand.trig.type:
        reason += f"; read as {cand.type}"
    start, end = _trigger_span(cand)
    return Event(id=f"{document.id}#ev{n}", doc=document.id, event_type=cand.type,
                 source=tuple(d.source), target=tuple(d.target), start=sent.start_char,
                 end=sent.end_char, sentence=document.text[sent.start_char:sent.end_char],
                 trigger=document.text[start:end],
                 mode=cand.mode, date=date, location=d.location, negated=cand.negated,
                 hypothetical=cand.hypothetical, confidence=round(d.confidence, 3),
                 reason=reason)
