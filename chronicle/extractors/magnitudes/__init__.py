"""PLOVER's magnitudes: how many died, were wounded, took part, for the event they belong to.

numbers.py reads the amounts of a sentence ("at least 16", "dozens", "two hundred"),
roles.py what each counts (the dead, the injured, the people taking part) and the word it
hangs on; this module gives each count to the event of its clause: the event whose
trigger is nearest that word in the parse, among the events of the sentence that can have
such a figure (an attack's dead, a protest's size). A count in a sentence with no such
event ("The death toll rose to 31.") goes to the last such event of the two sentences
before it; a revised toll replaces the earlier figure, otherwise the largest figure of an
event stands (a part, "including seven children", is never larger than its whole). An
attack of a story's opening with no toll takes the first toll the opening gives.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chronicle.extractors.events.vocab import word_class
from chronicle.extractors.magnitudes.numbers import amounts
from chronicle.extractors.magnitudes.roles import Count, count_of
from chronicle.records import Magnitude

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Doc, Span, Token

    from chronicle.extractors.events.drafts import Draft
    from chronicle.records import Event

__all__ = ["attach_magnitudes", "counts"]

# the event types that carry each kind of figure, in the order they are preferred
CARRIERS = {"dead": ("ASSAULT", "COERCE", "PROTEST"), "injured": ("ASSAULT", "COERCE", "PROTEST"),
            "size": ("PROTEST", "MOBILIZE")}
CARRY = 2  # sentences after an event in which an orphan figure still belongs to it
LEAD = 3  # sentences of a story's opening (headline, dateline, lead) that count one attack
_FAR = 99


def counts(doc: Doc, copies: Mapping[int, Span] | None = None) -> list[tuple[int, Count]]:
    """(sentence index, count) of every figure of dead, injured or size in a document; a
    headline is read in its copy parsed in ordinary case (`copies`, by sentence start)."""
    starts = _clause_starts(doc)
    out = []
    for sent in doc.sents:
        n = _index(starts, sent.start_char)
        read = (copies or {}).get(sent.start, sent)
        out += [(n, c) for a in amounts(read) if (c := count_of(a)) is not None]
    return out


def _clause_starts(doc: Doc) -> list[int]:
    """Where the sentences that count begin: a page's date or a stray word the parser
    cut off ("Date of publication 4 April 2017", "Four") is no sentence of the story and
    joins the one before it, so the opening and the carrying of a toll count real ones."""
    sents = list(doc.sents)
    return [s.start_char for k, s in enumerate(sents)
            if k == 0 or any(t.pos_ in ("VERB", "AUX") or t.is_alpha and t.is_lower for t in s)]


def attach_magnitudes(doc: Doc, drafts: list[Draft], events: list[Event],
                      copies: Mapping[int, Span] | None = None) -> list[Event]:
    """The events with the figures of their clauses (drafts and events in the same order;
    `copies`: headlines parsed in ordinary case, by the start of their sentence)."""
    starts = _clause_starts(doc)
    where = {i: _index(starts, d.sent.start_char) for i, d in enumerate(drafts)
             if not d.flagged}
    found: dict[int, list[Count]] = {}
    headline: list[tuple[int, Count]] = []  # tolls of the opening that no event carries
    for n, count in counts(doc, copies):
        here = [i for i, s in where.items() if s == n]
        owner = _owner(count, here, drafts)
        if owner is None:
            owner = _earlier(count, n, where, drafts)
        if owner is not None:
            for i in [owner, *_same_happening(owner, here, drafts)]:
                found.setdefault(i, []).append(count)
        elif n <= LEAD and not here and count.kind == "dead" and count.value is not None:
            headline.append((n, count))
    _lead(found, where, drafts, headline)
    return [replace(e, magnitudes=_magnitudes(found[i])) if i in found else e
            for i, e in enumerate(events)]


def _lead(found: dict[int, list[Count]], where: dict[int, int], drafts: list[Draft],
          headline: list[tuple[int, Count]]) -> None:
    """A headline or lead attack with no toll ("Syria attack symptoms point to nerve
    agent"), or only a vague one ("scores of civilians were killed"), is the attack the
    opening sentences count: it takes the first toll they give for an attack, or a toll
    of a headline no event was read in ("Syrian Army Kills over 60 Terrorists")."""
    opening = sorted((i for i, n in where.items() if n <= LEAD), key=lambda i: where[i])
    attacks = [i for i in opening if drafts[i].cand.type == "ASSAULT"]
    for i in attacks:
        if any(c.kind == "dead" and c.value is not None for c in found.get(i, [])):
            continue
        tolls = [(where[j], c) for j in attacks if where[j] >= where[i] and j != i
                 for c in found.get(j, []) if c.kind == "dead" and c.value is not None]
        first = min(tolls + headline, key=lambda t: t[0], default=None)
        if first is not None:
            found.setdefault(i, []).append(first[1])


def _index(starts: list[int], char: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, char) - 1)


def _owner(count: Count, here: list[int], drafts: list[Draft]) -> int | None:
    carriers = CARRIERS[count.kind]
    able = [i for i in here if drafts[i].cand.type in carriers
            and not _earlier_time(count.predicate, drafts[i].cand.tok)]
    if not able:
        return None
    return min(able, key=lambda i: (_distance(count.predicate, drafts[i].cand.tok),
                                    carriers.index(drafts[i].cand.type), i))


def _same_happening(owner: int, here: list[int], drafts: list[Draft]) -> list[int]:
    """Events of the sentence that name the owner's happening again: "twin explosions
    killed 18", "air raids kill 11" are one attack named by its noun and its verb, joined
    by one edge of the parse; the figure is each one's."""
    tok = drafts[owner].cand.tok
    return [i for i in here if i != owner and drafts[i].cand.type == drafts[owner].cand.type
            and _distance(tok, drafts[i].cand.tok) <= 1]


def _earlier(count: Count, n: int, where: dict[int, int], drafts: list[Draft]) -> int | None:
    """An orphan figure ("The toll rose to 31.") belongs to the last event that can carry
    it in the sentences just before."""
    before = [i for i, s in where.items() if n - CARRY <= s < n
              and drafts[i].cand.type in CARRIERS[count.kind][:1]]
    return max(before) if before else None


def _earlier_time(predicate: Token, trigger: Token) -> bool:
    """"shelled Morek two days after 40 people were killed in Homs": a figure in a clause
    of another time ("after", "since", "before" ...) is not the event's."""
    if predicate.doc is not trigger.doc:
        return False
    above = {t.i for t in trigger.ancestors} | {trigger.i}
    for tok in [predicate, *predicate.ancestors]:
        if tok.i in above:
            return False
        if any(c.lower_ in word_class("other_time") and c.dep_ in ("mark", "prep", "advmod")
               for c in tok.children) or tok.lower_ in word_class("other_time"):
            return True
    return False


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse (far apart when in two parses)."""
    if a.doc is not b.doc:
        return _FAR
    up = {t.i: k for k, t in enumerate([a, *a.ancestors])}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return k + up[t.i]
    return _FAR


def _magnitudes(found: list[Count]) -> tuple[Magnitude, ...]:
    """One figure per kind: the last revised toll, else the largest value."""
    out = []
    for kind in ("dead", "injured", "size"):
        mine = [c for c in found if c.kind == kind]
        if not mine:
            continue
        revised = [c for c in mine if c.revised and c.value is not None]
        best = revised[-1] if revised else max(mine, key=lambda c: (c.value is not None,
                                                                    c.value or 0))
        parts = tuple(a.value for a in best.parts if a.value is not None)
        out.append(Magnitude(kind, best.value, best.text, best.amount.qualifier, parts))
    return tuple(out)
