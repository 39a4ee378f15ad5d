"""Sources and targets of a settled trigger, as entity keys, with the tokens they came from.

The token rules live in arguments.py (subjects, event-noun doers) and here (the typed
prepositions of `patients`); this module puts them together for one trigger: a demanded
clause's subject for REQUESTs read from "must", the first resolvable group of candidate
targets, the parallel object of a second verb ("denounced X and accused it"), both sides
of a clash, and places dropped from the targets; links.py adds the parties named beside
the clause, ranking.py a party the rules miss. Each choice is noted for `reason`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import carrier_subjects, noun_own_sources, subjects
from chronicle.extractors.events.groups import AIMED, GIVEN, MATERIAL, NOUN_OF_TARGET, OF_THEME
from chronicle.extractors.events.links import (
    condition_subjects,
    joint,
    obtained_from,
    placed_under,
    received_from,
    reporting_authority,
)
from chronicle.extractors.events.perpetrators import (
    affiliation,
    named_before,
    perpetrator_tokens,
    plausible_attackers,
)
from chronicle.extractors.events.ranking import complete
from chronicle.extractors.events.resolver import ArgumentResolver, as_countries, hosts
from chronicle.extractors.events.vocab import preps, word_class
from chronicle.nlp.labels import (
    CLAUSES_ON_NOUNS,
    DIRECT_OBJECTS,
    NAMING_MODIFIERS,
    NOMINAL_SUBJECTS,
    NOUNS,
    SUBJECTS_WITH_EXPLETIVE,
    VERBS,
)
from chronicle.nlp.parse import after_anti, expand, is_passive, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon
    from chronicle.records import Quote


@dataclass
class Parties:
    """Source and target entity keys of one trigger, and notes on where they came from."""

    source: list[str]
    target: list[str]
    notes: list[str] = field(default_factory=list)


def arguments(cand: Cand, res: ArgumentResolver, lex: Lexicon, quote: Quote | None,
              ranked: bool = True) -> Parties:
    """Source and target entity keys of a settled trigger; `quote`: the quote it sits in
    (its speaker may be the doer); `ranked`: ranking.py fills a role the rules leave empty."""
    mod = cand.modality
    speaker = res.keys([mod.speaker]) if mod.speaker is not None else []
    if not speaker and quote is not None and quote.speaker:
        speaker = [quote.speaker]
    if cand.reading.demanded and cand.reading.obligation is not None:
        return _demand(cand, res, speaker)
    found = Parties([], [])
    givers, takers = _received(cand)
    src_toks = _sources(cand, res, lex, found, givers)
    pronouns = word_class("subject_pronoun")
    if speaker and src_toks and all(_pronoun(t, pronouns) for t in src_toks) and (
            not found.source and not _others(src_toks, speaker, res) or
            mod.reporter is not None and _fits_pronoun(src_toks, speaker, res)):
        found.source = list(speaker)  # "Kuwait said it would fund ...": the speaker
        found.notes.append("speaker as source")
    if not found.source and cand.type == "THREATEN" and quote is not None and quote.speaker:
        found.source = [res.actor(quote.speaker)]  # "Any attack will receive a decisive
        found.notes.append("speaker as source")  # response"
    if not found.source and (authority := reporting_authority(cand, res)):
        found.source = authority
        found.notes.append("reporting authority as source")
    found.target, tgt_toks = _target(cand, res, found.source,
                                     takers if res.keys(givers) else None)
    _note(found.notes, "source", src_toks if found.source else [])
    _note(found.notes, "target", tgt_toks if found.target else [])
    if joint(cand, found.source, found.target):
        found.notes.append("joint act")
        found.target = list(found.source)
    found.notes += complete(cand, res, found.source, found.target, ranked)
    return found


def _demand(cand: Cand, res: ArgumentResolver, speaker: list[str]) -> Parties:
    """"X said Y must withdraw": X demands, of the subject of the demanded clause."""
    clause = cand.reading.obligation
    subj = [c for c in clause.children if c.dep_ in NOMINAL_SUBJECTS] if clause else []
    found = Parties(speaker, [k for k in res.keys(subj) if k not in speaker])
    speaker_tok = cand.modality.speaker
    _note(found.notes, "source", [speaker_tok] if speaker_tok is not None else [])
    _note(found.notes, "target", subj)
    return found


def _sources(cand: Cand, res: ArgumentResolver, lex: Lexicon, found: Parties,
             givers: list[Token]) -> list[Token]:
    """The doer's tokens; their keys (places standing for their state) go to `found`;
    `givers`: who gave what a verb of receiving tells."""
    premodifiers = named_before(cand.tok) if cand.type == "ASSAULT" else []
    named = [k for k in res.keys(premodifiers) if res.kind(k) != "location"]
    if named:
        src_toks, source = premodifiers, named
    elif cand.pos == "n":
        src_toks, source = _noun_source(cand, res, lex)
    elif res.keys(givers):
        src_toks, source = givers, res.keys(givers)
    else:
        src_toks = subjects(cand.tok, lex)
        if not src_toks and cand.pos == "a":  # "Vietnam is committed to ..."
            src_toks = [c for c in cand.tok.children if c.dep_ == "nsubjpass"]
        source = res.keys(src_toks)
    if not source and cand.type == "ASSAULT":  # "killed in regime airstrikes"
        # a town before the means is where it struck ("a Damascus blast"), not who
        src_toks, source = next(((g, k) for g in perpetrator_tokens(cand.tok, lex)
                                 for k in [[key for key in res.keys(g)
                                            if res.kind(key) != "location"]] if k),
                                (src_toks, source))
    if source and all(k in res.actors.generic for k in source):
        src_toks, source = affiliation(src_toks, res) or (src_toks, source)
    if cand.type == "ASSAULT":
        source = plausible_attackers(source, res, cand)
    found.source = as_countries(source, res, True)
    return src_toks


def _received(cand: Cand) -> tuple[list[Token], list[Token]]:
    """(who gave, who received) what a verb of receiving tells (links.received_from), for
    the types that are given; not asylum, which the receiving country gives ("Jordan
    received 5,000 refugees from Syria")."""
    if cand.pos != "v" or cand.type not in GIVEN or cand.mode == "asylum":
        return [], []
    return received_from(cand.tok)


def _parties(group: list[Token], res: ArgumentResolver, cities: bool, source: list[str]
             ) -> list[str]:
    """The actors among a candidate group of targets: not the source, and for force and
    protest not a place named inside the object's phrase ("shelled a garrison in the X
    valley" is not aimed at the valley; "shelled Dobrinja" is aimed at the town)."""
    named = {k for t in group for k in [res.actors.refer(t)] if k}
    return [k for k in as_countries(res.keys(group), res, cities) if k not in source and (
        cities or k in named or res.kind(k) != "location")]


def _others(pronouns: list[Token], speaker: list[str], res: ArgumentResolver) -> bool:
    """"They signed the truce," the minister said: "they" is never a person speaking."""
    return pronouns[0].lower_ in word_class("plural_pronoun") and all(
        res.kind(k) == "person" for k in speaker)


def _fits_pronoun(pronouns: list[Token], speaker: list[str], res: ArgumentResolver) -> bool:
    """Whether "it"/"he"/"they" can be the speaker: "it" an organisation or state, "he"
    and "she" a person."""
    kinds = {res.kind(k) for k in speaker}
    low = pronouns[0].lower_
    if low in word_class("person_pronoun"):
        return "person" in kinds
    return low in word_class("collective_pronoun") and bool(
        kinds & {"country", "organization", "group"})


def _target(cand: Cand, res: ArgumentResolver, source: list[str],
            takers: list[Token] | None) -> tuple[list[str], list[Token]]:
    """The other party: object, typed preposition, or what an absorbed event is aimed at
    ("agreed to ban Belarusian airlines", "flew to Pale for talks with Kostic"); both
    sides of a clash become sources (`source` grows); `takers`: who received from a giver
    the sentence names ("received a call from X"), else None."""
    tok = cand.tok
    cities = cand.type not in MATERIAL  # "recalled its ambassador from Abidjan"
    tgt_toks = takers if takers is not None else _first_party(cand, res, source, cities)
    if cand.type == "ASSAULT" and cand.trig.lemma in word_class("two_sided"):
        source += [k for k in res.keys(tgt_toks) if k not in source]
        tgt_toks = []
    if not res.keys(tgt_toks) and cand.type == "PROTEST":
        # "marched ..., demanding that X resign": whom the protest makes its demand of
        for inner in (i for i in cand.frame.inner if i.type == "REQUEST"):
            tgt_toks = next((g for g in patients(inner.tok, inner.pos, "REQUEST")
                             if res.keys(g)), tgt_toks)
    if not res.keys(tgt_toks) and cand.pos == "n":  # "secured a promise from X",
        tgt_toks = placed_under(tok) or obtained_from(tok)[1]  # "placed under sanctions"
    target = _drop_places([k for k in as_countries(res.keys(tgt_toks), res, cities)
                           if k not in source], res, tgt_toks, cand.type)
    if cand.type in AIMED and (not target or all(
            t.dep_ == "pobj" and t.head.lower_ in preps("place") for t in tgt_toks)):
        aimed = _aimed_at(cand, res, source)
        if aimed is not None:
            return aimed
    if not target and cand.pos == "v":  # "threatened to outlaw X", "refused to free X"
        target, tgt_toks = _complement_party(cand, res, source, cities) or (target, tgt_toks)
    if not target and cand.type == "THREATEN":  # "would resume attacks if the army struck"
        tgt_toks = condition_subjects(tok if cand.pos != "n" else tok.head)
        target = [k for k in as_countries(res.keys(tgt_toks), res, True) if k not in source]
    if not target and cand.type == "CONSULT" and cand.mode == "visit" and len(source) < 2:
        places = [g for p in preps("place") for g in prep_objects(tok, p)]
        target = [k for k in hosts(res.keys(places), res) if k not in source]
        tgt_toks = places if target else tgt_toks
    return target, tgt_toks


def _complement_party(cand: Cand, res: ArgumentResolver, source: list[str], cities: bool
                      ) -> tuple[list[str], list[Token]] | None:
    """The party of the verb the trigger takes as its complement, when the trigger has
    none of its own: what one threatens, refuses or agrees to do is done to someone."""
    for comp in (c for c in cand.tok.children if c.dep_ == "xcomp" and c.pos_ in VERBS):
        for group in patients(comp, "v", cand.type):
            keys = _parties(group, res, cities, source)
            if keys:
                return _drop_places(keys, res, group, cand.type), group
    return None


def _first_party(cand: Cand, res: ArgumentResolver, source: list[str], cities: bool
                 ) -> list[Token]:
    """The first group of candidate targets that names a party other than the source."""
    tok = cand.tok
    groups = patients(tok, cand.pos, cand.trig.type if cand.trig.origin != "modal"
                      else cand.type)  # "will stand by Mali": read as AGREE, found as SUPPORT
    pointing = word_class("object_pronoun")
    if groups and _pronoun(groups[0][0], pointing) and \
            tok.dep_ in ("conj", "advcl") and tok.head.pos_ in VERBS:
        # "denounced X and accused it of ...": the pronoun is the first verb's object
        parallel = patients(tok.head, "v", cand.type) + patients(
            _object_noun(tok.head), "n", cand.type)
        named = [g for g in parallel if not all(_pronoun(t, pointing) for t in g)]
        groups = named or groups  # "convicted the firm X and fined it": the firm, even unknown
    for group in groups:  # "Ghana recalled its ambassador from Abidjan": not Ghana
        if _parties(group, res, cities, source):
            return group
    return []


def _aimed_at(cand: Cand, res: ArgumentResolver, source: list[str]
              ) -> tuple[list[str], list[Token]] | None:
    """Whom the absorbed content of a vow, refusal or visit is aimed at ("came to urge X")."""
    for inner in (i for i in cand.frame.inner if i.frame.role == "absorbed" or
                  cand.type == "CONSULT" and i.frame.role == "purpose"):
        group = next((g for g in patients(inner.tok, inner.pos, inner.type)
                      if res.keys(g)), [])
        keys = [k for k in res.keys(group) if k not in source]
        if keys:
            return _drop_places(keys, res, group, inner.type), group
    return None


def patients(tok: Token, pos: str, event_type: str) -> list[list[Token]]:
    """Candidates for the other party of an event, best first: indirect or direct object
    (passive subject), then the typed prepositions of the trigger or of its object ("shared
    intelligence with X"), then the subject of a demanded clause."""
    groups: list[list[Token]] = []
    objs = _objects(tok) if pos == "v" else []
    if objs:
        groups.append(expand(objs))
    heads = [tok, *objs[:1]]  # "spoke by telephone with X": the telephone's "with"
    heads += [g for p in preps("contact", event_type) for g in prep_objects(tok, p)]
    for head in heads:
        found = _typed_prep_objects(tok, head, event_type)
        if found:
            groups.append(found)
    if pos == "v":
        groups += _demanded_of(tok, event_type)
    return [g for g in groups if g]


def _objects(verb: Token) -> list[Token]:
    """A verb's object: passive subject, indirect object, direct object."""
    kids = list(verb.children)
    objs: list[Token] = []
    if is_passive(verb):
        objs = [c for c in kids if c.dep_ == "nsubjpass"]
        if not objs and verb.dep_ in CLAUSES_ON_NOUNS:
            objs = [verb.head]
    objs = objs or [c for c in kids if c.dep_ == "dative"] or [
        c for c in kids if c.dep_ in DIRECT_OBJECTS]
    if not objs and verb.pos_ not in VERBS:  # "now back X", "back" read as an adverb
        objs = [c for c in kids if c.dep_ == "npadvmod" and c.i > verb.i]
    if not objs and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs = [verb.head]
    return objs


def _typed_prep_objects(tok: Token, head: Token, event_type: str) -> list[Token]:
    """The objects of the first preposition of the event's type that `head` has."""
    clash = ("with",) if head.lemma_.lower() in word_class("two_sided") else ()
    for prep in (*preps("target", event_type), *preps("target"), *clash):
        if head.pos_ in NOUNS and prep == "of" and (
                event_type not in NOUN_OF_TARGET or head.i != tok.i):
            continue
        if prep == "by" and any(c.dep_ == "agent" for c in head.children):
            continue  # a passive's "by" is its doer
        if prep == "at" and head.i != tok.i:
            continue  # "raided a checkpoint at Qatrun": where the object is
        found = [g for g in prep_objects(head, prep, after=True) if not _set_off(g)]
        if found:
            return found
    return []


def _demanded_of(verb: Token, event_type: str) -> list[list[Token]]:
    """"demanded that the US cancel ...": the subject of the demanded clause; "called for
    X's resignation": X."""
    groups = []
    if event_type in ("REQUEST", "ACCUSE"):
        for c in verb.children:
            if c.dep_ == "ccomp":
                groups.append(expand([g for g in c.children
                                      if g.dep_ in SUBJECTS_WITH_EXPLETIVE]))
    if event_type == "REQUEST":
        groups.append([c for g in prep_objects(verb, "for") for c in g.children
                       if c.dep_ == "poss"])
    return groups


def _set_off(pobj: Token) -> bool:
    """"met in Almaty, with Z at the table": a "with" after a comma is a circumstance."""
    prep = pobj.head
    return prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].text == ","


def _note(notes: list[str], role: str, toks: list[Token]) -> None:
    if toks:
        notes.append(f"{role} " + ", ".join(f"'{t.text}' ({t.dep_})" for t in toks[:3]))


def _noun_source(cand: Cand, res: ArgumentResolver, lex: Lexicon) -> tuple[list[Token], list[str]]:
    """Inside the noun phrase first ("Israel's attack", "calls by X", "the support of the
    UN for Mali"), then the subject of the verb that carries it, then a modifier naming
    an actor ("US airlifts"); a possessive pronoun ("his opposition") comes last. A
    withdrawal "from" a place was not made by the place."""
    tok = cand.tok
    givers = obtained_from(tok)[0]  # "secured a promise from X"
    if givers and res.keys(givers):
        return givers, res.keys(givers)
    own = noun_own_sources(tok, by_from=cand.type != "RETREAT")
    if not own and (cand.mode in ("withdraw", "peacekeeping", "troops") or (
            cand.type not in OF_THEME and any(prep_objects(tok, p, after=True)
                                              for p in preps("noun_target")))):
        own = prep_objects(tok, "of", after=True)
    if own and own[0].pos_ != "PRON":
        keys = res.keys(own)
        if keys:
            return own, keys
    carrier = carrier_subjects(tok, lex) + expand(_agents(tok))
    keys = res.keys(carrier)
    if keys:
        return carrier, keys
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in NAMING_MODIFIERS
            and not after_anti(c)]
    keys = [k for k in res.keys(mods) if res.kind(k) != "location"]
    if keys:
        return mods, keys
    if placed_under(tok):  # "was put under investigation in Italy": the state there
        where = prep_objects(tok, "in") + prep_objects(tok.head.head, "in")
        keys = [k for k in as_countries(res.keys(where), res, True) if res.kind(k) == "country"]
        if keys:
            return where, keys
    if not own:
        return carrier, []
    return own, res.keys(own)


def _agents(noun: Token) -> list[Token]:
    """"talks hosted by Kazakhstan", "talks mediated by X and Y": the participle's doers."""
    return [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


def _pronoun(tok: Token, words: frozenset[str]) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in words


def _object_noun(verb: Token) -> Token:
    """The event noun a light verb carries ("launched an attack on X"), else the verb."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ == "NOUN":
            return c
    return verb


def _drop_places(target: list[str], res: ArgumentResolver, toks: list[Token],
                 event_type: str) -> list[str]:
    """Places are where, not whom: a city visited, or reached through "to", "in", "at"."""
    if event_type != "CONSULT" and (not toks or not all(
            t.dep_ == "pobj" and t.head.lower_ in (*preps("place"), "from") for t in toks)):
        return target
    kinds = {e.key: e.kind for e in res.actors.all_entities()}
    return [k for k in target if kinds.get(k) != "location"]
