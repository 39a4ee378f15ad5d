"""Who carried out an attack the clause does not name as its subject.

Conflict reports name the victims first and the attacker inside the means: "29 rebels
were killed in clashes with regime troops", "civilians were killed in regime airstrikes",
"killed by barrel bombs dropped by government helicopters", "killed in air raids by
Syrian warplanes", "killed when rebels set off a bomb". For an attack with no subject of
its own (a passive without agent, or an agent that is only the weapon), the doer is read
from the means phrase (its modifiers, its "by" phrase, the agent of a participle on it,
the other side of a clash) or from a clause of attack beside the trigger ("as regime
forces attacked the village"). The means nouns are lang/en/events-words.txt @means_noun.
A name right before an attack noun is its attacker ("regime airstrikes"); an unnamed doer
acts for the group of its "from" phrase ("a bomber from the Nusra Front"); a news agency
or a country written before a group ("Syria rebel rocket") is never the attacker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.unnamed import MACHINES
from chronicle.extractors.events.vocab import word_class
from chronicle.nlp.labels import NAMING_MODIFIERS
from chronicle.nlp.parse import after_anti, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon
    from chronicle.extractors.events.resolver import ArgumentResolver

_OWNERS = NAMING_MODIFIERS | {"poss"}
_BESIDE = frozenset({"advcl", "conj"})
_PREMODIFIER_TAGS = frozenset({"ADJ", "PROPN", "NOUN"})
_STATE_MODES = frozenset({"aerial", "heavy-weapons"})  # force that states wield


def named_before(trigger: Token) -> list[Token]:
    """The words right before an attack noun, read whatever the parse made of them: a
    name there is the attacker ("Syrian government shelling", "regime airstrikes",
    "Russian and Syrian strikes", "IS attack"). The parser often cuts such a phrase in
    two ("in Syrian government" + a clause "shelling"), so the words count by position,
    up to a determiner, a number, a preposition or a hyphenated "-held"."""
    if trigger.lemma_.lower() not in word_class("means_noun"):
        return []
    out: list[Token] = []
    i = trigger.i - 1
    while i >= trigger.sent.start:
        tok = trigger.doc[i]
        if tok.pos_ not in _PREMODIFIER_TAGS and tok.lower_ != "and" or not tok.is_alpha:
            break
        out.append(tok)
        i -= 1
    if i >= trigger.sent.start and trigger.doc[i].text == "-":
        return []  # "anti-IS strikes", "Kurdish-led" is read from its own parse
    return out


def perpetrator_tokens(trigger: Token, lex: Lexicon) -> list[list[Token]]:
    """Groups of tokens that may name the attacker, the likeliest first."""
    out: list[list[Token]] = []
    for means in _means(trigger):
        owners = [c for c in means.children
                  if c.dep_ in _OWNERS and c.i < means.i and not after_anti(c)]
        before = means.doc[means.i - 1] if means.i > 0 else None
        if not owners and before is not None and before.pos_ in ("NOUN", "PROPN", "ADJ") and (
                before.head.i == means.head.i or before.dep_ == "pobj"):
            owners = [before]  # "in rebel shelling" parsed as two objects of "in"
        if owners:
            out.append(owners)
        out += [_objects(c) for c in means.children if c.dep_ == "prep"
                and c.lower_ in word_class("means_by_prep")]
        for acl in (c for c in means.children if c.dep_ == "acl"):
            out += [_objects(a) for v in _reported(acl) for a in v.children
                    if a.dep_ == "agent"]
    for clause in (c for c in trigger.children if c.dep_ in _BESIDE and c.pos_ == "VERB"):
        lemma = clause.lemma_.lower()
        if lemma in word_class("means_verb") or any(
                t.type == "ASSAULT" for t in lex.lookup(lemma, "v")):
            doers = [c for c in clause.children if c.dep_ == "nsubj"]  # "when rebels fired"
            doers += [g for a in clause.children if a.dep_ == "agent" for g in _objects(a)]
            out.append(doers)  # "when barrel bombs were dropped by regime forces"
    return [g for g in out if g]


def _reported(participle: Token) -> list[Token]:
    """A participle and the verbs its report hangs on it: "airstrikes carried out by X",
    "airstrikes believed to be carried out by X", "shelling said to have been launched by
    X": the doer is the agent of the last."""
    out = [participle]
    while (nxt := next((c for c in out[-1].children if c.dep_ == "xcomp"), None)) is not None \
            and len(out) < 3:
        out.append(nxt)
    return out


def _means(trigger: Token) -> list[Token]:
    """The nouns of the weapon or the attack the trigger was done with or in: its agent
    ("killed by barrel bombs"), its subject when that is a weapon, the objects of its
    "in", "by", "during" ... phrases ("killed in regime airstrikes") and the craft it
    came from ("dropped from government helicopters")."""
    out = []
    nouns = word_class("means_noun")
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in nouns:
            out.append(child)
        if child.dep_ == "agent":  # "killed by barrel bombs", "by Syrian war planes"
            out += _objects(child)
        elif child.dep_ == "prep" and child.lower_ in word_class("means_prep"):
            out += [g for g in _objects(child) if g.lemma_.lower() in nouns
                    or child.lower_ == "from" and g.lower_ in MACHINES]  # "from helicopters"
        if child.dep_ == "advcl" and child.lemma_.lower() in nouns and not any(
                c.dep_ == "nsubj" for c in child.children):
            out.append(child)  # "killed in regime shelling" parsed as a clause "shelling"
    if trigger.lemma_.lower() in nouns:
        out.append(trigger)
    return out


def _objects(prep: Token) -> list[Token]:
    return [g for c in prep.children if c.dep_ == "pobj" for g in (c, *c.conjuncts)]


def plausible_attackers(keys: list[str], res: ArgumentResolver, cand: Cand) -> list[str]:
    """Who can have attacked: never a news agency named in a byline or a credit ("Monitor
    AFP Sunday"), and not a country written right before a group ("Syria rebel rocket":
    the rebels, not the state they are in)."""
    out = [k for k in keys if res.sector(k) != "JRN"]
    sent = cand.tok.sent
    spans = [(s, e, k) for s, e, k in res.actors.mentions_between(sent.start_char,
                                                                 sent.end_char) if k in out]
    before_group = {k for s, e, k in spans for s2, _, k2 in spans
                    if res.kind(k) == "country" and k2 != k and res.kind(k2) == "group"
                    and 0 <= s2 - e <= 1}
    return [k for k in out if k not in before_group and k not in _place_names(cand, res)]


def _place_names(cand: Cand, res: ArgumentResolver) -> set[str]:
    """"a Syria car bomb", "the Syria chemical attack": a country's name (not its
    adjective) right before an attack that is no state's own kind of force (air strikes,
    shelling) says where it happened, not who did it ("Syrian air strikes" are Syria's,
    and so are "Syria air strikes")."""
    if cand.mode in _STATE_MODES:
        return set()
    return {k for t in cand.tok.sent if t.pos_ == "PROPN" and _names_a_means(t)
            for k in res.keys([t]) if res.kind(k) == "country"}


def _names_a_means(tok: Token) -> bool:
    """A name in the compound before an attack noun ("Syria aid convoy attack")."""
    means = word_class("means_noun")
    while tok.dep_ in ("compound", "nmod") and tok.head.i > tok.i:
        tok = tok.head
        if tok.lemma_.lower() in means:
            return True
    return False


def affiliation(doers: list[Token], res: ArgumentResolver) -> tuple[list[Token], list[str]] | None:
    """"A suicide bomber from the Nusra Front", "militants of the group ISIL": an unnamed
    doer acts for the organisation its "from"/"of" phrase names."""
    for tok in doers:
        for prep in word_class("affiliation_prep"):
            groups = prep_objects(tok, prep)
            groups += [c for g in groups for c in g.children if c.dep_ == "appos"]
            keys = [k for k in res.keys(groups)
                    if res.kind(k) in ("organization", "group") and k not in res.actors.generic]
            if keys:
                return groups, keys
    return None
