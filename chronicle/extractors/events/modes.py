"""How an event was carried out: the mode its trigger or the words around it cue.

Mode cues are the `%TYPE mode cue ...` lines of lang/en/triggers.tsv. For most types the
first cue line whose word occurs near the trigger gives the mode its lexicon line left
open. An attack's means are read closer: the noun phrases around the trigger are taken
as units ("barrel bombs", "a suicide car bomb attack", "sniper fire"), the nearest unit
that cues a mode decides, and inside one unit the cue line that comes first wins (a
barrel bomb is aerial, not an explosive; a chemical shell is a chemical attack). The
trigger's own mode counts as a cue of its own unit, so "bombing" is explosives unless
"aerial bombing" says otherwise, and a cue far off in another clause ("... where a
suicide bomber struck last year") does not override the means near the trigger.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from chronicle.extractors.events.groups import MODE_BY_CUE_ORDER
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import NAMING_MODIFIERS
from chronicle.nlp.parse import governing_verb

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.drafts import Draft
    from chronicle.extractors.events.lexicon import Lexicon

STORY = 2  # sentences around an attack within which the story's means count for it
REACH = 4  # edges from the trigger within which a means is looked for
DECISIVE = 15  # tokens from the trigger within which a decisive means is looked for
AERIAL, EXPLOSIVES = "aerial", "explosives"
# clauses of their own: a cue inside them tells of another act
_OTHER_CLAUSES = frozenset({"relcl", "ccomp", "parataxis", "csubj"})
_UNIT = NAMING_MODIFIERS | {"poss", "nummod"}
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})  # the doer and the thing used or hit


def set_mode(cand: Cand, lex: Lexicon, words: set[str]) -> None:
    """The mode cued by the words around the trigger, where its reading has none (or, for
    the types of MODE_BY_CUE_ORDER, where a nearer or earlier cue says otherwise)."""
    reading = cand.reading
    if cand.type in MODE_BY_CUE_ORDER:
        own = reading.mode if cand.type == cand.trig.type else None
        reading.mode = means(cand.tok, lex, cand.type, own) or reading.mode
        return
    if cand.type != cand.trig.type:
        reading.mode = reading.mode or lex.mode_for(cand.type, words)
        return
    reading.mode = reading.mode or lex.mode_for(cand.type, words)


def means(trigger: Token, lex: Lexicon, event_type: str, own: str | None) -> str | None:
    """The mode of the nearest unit that cues one; `own` is the trigger's own mode."""
    cues = lex.mode_cues.get(event_type, [])
    order = [m for m, _ in cues]
    clause = governing_verb(trigger)
    near = [t for t in (*trigger.subtree, *clause.subtree) if abs(t.i - trigger.i) <= DECISIVE]
    for mode, words in cues:
        if mode in word_class("decisive_mode") and any(_forms(t) & words for t in near):
            return mode
    for unit in _units(trigger):
        found = {m for tok in unit for m, words in cues if _forms(tok) & words}
        if unit[0].i == trigger.i and own is not None:
            found.add(own)
        if found:
            best = min(found, key=lambda m: order.index(m) if m in order else len(order))
            bombs = [t for t in unit if _forms(t) & dict(cues).get(EXPLOSIVES, frozenset())]
            return AERIAL if best == EXPLOSIVES and _state_bombing(bombs) else best
    return None


def _state_bombing(bombs: list[Token]) -> bool:
    """"Syrian regime and Russian bombing", "government bombs": an army's bombs fall from
    the air; a bombing whose own words name a state (its adjective, its forces) is aerial."""
    from chronicle.extractors.places.gazetteer import gazetteer

    gaz = gazetteer()
    return any(t.lower_ in word_class("state_doer") or t.pos_ == "ADJ" and gaz.country_code(t.text)
               for b in bombs for t in _modifiers(b))


def _forms(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _units(trigger: Token) -> list[list[Token]]:
    """Noun phrases (a head with its modifiers) and single words around the trigger,
    nearest first: the trigger with its subject and object ("jets pounded", "fired
    rockets"), then outward along the parse."""
    first = [trigger, *_modifiers(trigger)]
    for arg in (c for c in trigger.children if c.dep_ in _ARGUMENTS):
        first += [arg, *_modifiers(arg)]  # "regime jets pounded", "fired rockets at"
    seen = {t.i for t in first}
    frontier = [c for t in first for c in [*t.children, t.head] if c.i not in seen
                and c.dep_ not in _OTHER_CLAUSES]
    seen.update(t.i for t in frontier)
    out = [first]
    for _ in range(REACH):
        nxt = []
        for tok in frontier:
            unit = [tok, *_modifiers(tok)]
            seen.update(t.i for t in unit)
            out.append(unit)
            for near in [*tok.children, tok.head]:
                if near.i not in seen and near.dep_ not in _OTHER_CLAUSES and not (
                        near.i == tok.head.i and tok.dep_ in _OTHER_CLAUSES):
                    seen.add(near.i)
                    nxt.append(near)
        frontier = nxt
    return out


def _modifiers(tok: Token) -> list[Token]:
    """The words that name what a noun is ("barrel" in "barrel bombs", "car bomb" in
    "car bomb attack"), through nested compounds."""
    out, todo = [], [c for c in tok.children if c.dep_ in _UNIT]
    while todo:
        c = todo.pop()
        out.append(c)
        todo += [g for g in c.children if g.dep_ in _UNIT]
    return out


def story_means(drafts: list[Draft]) -> None:
    """An attack whose sentence names no means takes those of the nearest attack the
    story tells within STORY sentences: a lead gives the toll ("22 dead in Raqqa"), the
    next sentence the weapon ("... when air strikes hit a market"). A nearer sentence wins,
    then a later one (the lead's follow-up); the event's reason says so."""
    found = _story_lenders(drafts, lambda d: bool(d.mode), lambda d: d.mode or "")
    for draft, other in found:  # decided on the modes the sentences give, not on lent ones
        draft.mode = other.mode
        draft.notes.append(f"mode {other.mode} from the story's attack nearby")


def story_attackers(drafts: list[Draft], machines: frozenset[str] = frozenset()) -> None:
    """An attack whose sentence names no doer takes the doer of the nearest attack the
    story tells within STORY sentences, as `story_means` does for the weapon: "22 dead
    in Raqqa" is followed by "... when coalition jets struck a market". So does an attack
    done only by weapons or craft nobody is said to own (`machines`: "Rockets kill 19",
    "fighter jets pounded ...") when the story names whose they were nearby."""
    def named(d: Draft) -> bool:
        return any(k not in machines for k in d.source)

    for draft, other in _story_lenders(drafts, named):
        draft.source = list(other.source)
        draft.notes.append(f"source from the story's attack '{other.cand.tok.text}' nearby")


def claimed_attackers(drafts: list[Draft], generic: frozenset[str]) -> None:
    """"Suicide bombers struck a shrine ... in an attack claimed by the Islamic State":
    an attack done by unnamed men ("bombers", "gunmen") is also the attack of whoever
    claimed it, in its sentence or within STORY sentences (the nearest claim)."""
    starts = [s.start_char for s in drafts[0].sent.doc.sents] if drafts else []
    claims = [(bisect_right(starts, d.sent.start_char), d) for d in drafts
              if d.cand.type == "ASSAULT" and d.source and _claimed(d.cand.tok)]
    for draft in drafts:
        if draft.cand.type != "ASSAULT" or draft.flagged or not draft.source or \
                not all(k in generic for k in draft.source):
            continue
        n = bisect_right(starts, draft.sent.start_char)
        near = [(abs(m - n), other.cand.tok.i, other) for m, other in claims
                if abs(m - n) <= STORY and other is not draft]
        if near:
            other = min(near, key=lambda found: found[:2])[2]
            draft.source += [k for k in other.source if k not in draft.source]
            draft.notes.append(f"source also who claimed the attack '{other.cand.tok.text}'")


def _claimed(tok: Token) -> bool:
    """An attack noun someone claims: "claimed responsibility for the attack", "the
    attack claimed by X", "claimed the bombing"."""
    verbs = word_class("claim_verb")
    if any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in tok.children):
        return True
    head = governing_verb(tok)
    if head.lemma_.lower() in word_class("claim_noun"):
        head = head.head
    return head.lemma_.lower() in verbs


def _story_lenders(drafts: list[Draft], has: Callable[[Draft], bool],
                   tie: Callable[[Draft], str] | None = None) -> list[tuple[Draft, Draft]]:
    """(attack without it, the nearest attack with it) for what `has` tests: within STORY
    sentences, the nearer sentence first, then the later one, then `tie` (else text
    order). Decided on what the sentences give, before anything is lent."""
    if not drafts:
        return []
    starts = [s.start_char for s in drafts[0].sent.doc.sents]
    attacks = [(bisect_right(starts, d.sent.start_char), d) for d in drafts
               if d.cand.type == "ASSAULT" and not d.flagged]
    found = []
    for n, draft in attacks:
        if has(draft):
            continue
        near = [(abs(m - n), -m, tie(other) if tie else "", i)
                for i, (m, other) in enumerate(attacks) if has(other) and 0 < abs(m - n) <= STORY]
        if near:
            found.append((draft, attacks[min(near)[3]][1]))
    return found
