"""Sources and targets of a settled trigger, as entity keys, with the tokens they came from.

The token rules live in eventargs (subjects, event-noun doers, typed prepositions); this
module puts them together for one trigger: a demanded clause's subject for REQUESTs read
from "must", the first resolvable group of candidate targets, the parallel object of a
second verb ("denounced X and accused it"), both sides of a clash, and places dropped from
the targets. Each choice is written into the trigger's notes for the event's `reason`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extract.eventargs import (
    PRONOUN_OBJECTS,
    ArgumentResolver,
    carrier_subjects,
    noun_own_sources,
    patients,
    subjects,
)
from chronicle.extract.eventmatch import prep_objects
from chronicle.extract.places import fold, gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extract.eventframe import Cand
    from chronicle.extract.lexicon import Lexicon
    from chronicle.records import Quote

PRONOUNS = {"it", "they", "he", "she", "we", "i", "them", "him", "her"}
PLACE_PREPS = ("to", "in", "at", "into")
NOUN_TARGET_PREPS = ("for", "to", "against", "on", "toward", "towards")
# Events whose absorbed content is the source's own intended act, aimed at its target
AIMED = {"AGREE", "THREATEN", "REJECT", "CONSULT", "MOBILIZE"}
# Where these happen is a place, not a party: "shelled Dobrinja" is not "shelled Bosnia"
MATERIAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"}
OF_THEME = {"RETREAT", "COOPERATE", "COERCE", "SANCTION", "AID"}  # "the release of X to Y"
TWO_SIDED = ("clash", "fight", "battle", "skirmish", "exchange")


def arguments(cand: Cand, res: ArgumentResolver, lex: Lexicon, demanded: bool,
              quote: Quote | None) -> tuple[list[str], list[str]]:
    """Source and target entity keys of a settled trigger; notes say where they came from."""
    tok = cand.tok
    speaker = res.keys([cand.speaker]) if cand.speaker is not None else []
    if not speaker and quote is not None and quote.speaker:
        speaker = [quote.speaker]
    if demanded:
        subj = [c for c in cand.obligation.children if c.dep_ in ("nsubj", "nsubjpass")]
        target = res.keys(subj)
        _note(cand, "source", [cand.speaker] if cand.speaker is not None else [])
        _note(cand, "target", subj)
        return speaker, [k for k in target if k not in speaker]
    if cand.pos == "n":
        src_toks, source = _noun_source(cand, res, lex)
    else:
        src_toks = subjects(tok, lex)
        if not src_toks and cand.pos == "a":  # "Vietnam is committed to ..."
            src_toks = [c for c in tok.children if c.dep_ == "nsubjpass"]
        source = res.keys(src_toks)
    source = as_countries(source, res, True)
    if speaker and src_toks and all(_pronoun(t, PRONOUNS) for t in src_toks) and (
            not source or cand.reporter is not None and _fits_pronoun(src_toks, speaker, res)):
        source = list(speaker)  # "Kuwait said it would fund ...": the speaker
        cand.notes.append("speaker as source")
    target, tgt_toks = _target(cand, res, source)
    _note(cand, "source", src_toks if source else [])
    _note(cand, "target", tgt_toks if target else [])
    return source, target


def _fits_pronoun(pronouns: list[Token], speaker: list[str], res: ArgumentResolver) -> bool:
    """Whether "it"/"he"/"they" can be the speaker: "it" an organisation or state, "he"
    and "she" a person."""
    kinds = {res.kind(k) for k in speaker}
    low = pronouns[0].lower_
    if low in ("he", "she"):
        return "person" in kinds
    return low in ("it", "they") and bool(kinds & {"country", "organization", "group"})


def _target(cand: Cand, res: ArgumentResolver, source: list[str]) -> tuple[list[str], list[Token]]:
    """The other party: object, typed preposition, or what an absorbed event is aimed at
    ("agreed to ban Belarusian airlines", "flew to Pale for talks with Kostic")."""
    tok = cand.tok
    groups = patients(tok, cand.pos, cand.trig.type if cand.trig.origin != "modal"
                      else cand.type)  # "will stand by Mali": read as AGREE, found as SUPPORT
    if groups and all(_pronoun(t, PRONOUN_OBJECTS) for t in groups[0]) and \
            tok.dep_ in ("conj", "advcl") and tok.head.pos_ in ("VERB", "AUX"):
        # "denounced X and accused it of ...": the pronoun is the first verb's object
        parallel = patients(tok.head, "v", cand.type) + patients(
            _object_noun(tok.head), "n", cand.type)
        groups = [g for g in parallel if not all(_pronoun(t, PRONOUN_OBJECTS) for t in g)
                  ] + groups
    tgt_toks: list[Token] = []
    for group in groups:  # "Ghana recalled its ambassador from Abidjan": not Ghana
        if [k for k in res.keys(group) if k not in source]:
            tgt_toks = group
            break
    if cand.type == "ASSAULT" and cand.trig.lemma in TWO_SIDED:
        source += [k for k in res.keys(tgt_toks) if k not in source]
        tgt_toks = []
    if not res.keys(tgt_toks) and cand.type == "PROTEST":
        # "marched ..., demanding that X resign": whom the protest makes its demand of
        for inner in (i for i in cand.inner if i.type == "REQUEST"):
            tgt_toks = next((g for g in patients(inner.tok, inner.pos, "REQUEST")
                             if res.keys(g)), tgt_toks)
    cities = cand.type not in MATERIAL  # "recalled its ambassador from Abidjan"
    target = _drop_places([k for k in as_countries(res.keys(tgt_toks), res, cities)
                           if k not in source], res, tgt_toks, cand.type)
    if cand.type in AIMED and (not target or all(
            t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS for t in tgt_toks)):
        for inner in (i for i in cand.inner if i.role == "absorbed"):
            group = next((g for g in patients(inner.tok, inner.pos, inner.type)
                          if res.keys(g)), [])
            keys = [k for k in res.keys(group) if k not in source]
            if keys:
                return _drop_places(keys, res, group, inner.type), group
    if not target and cand.type == "CONSULT" and cand.mode == "visit":
        places = [g for p in PLACE_PREPS for g in prep_objects(tok, p)]
        target = [k for k in _hosts(res.keys(places), res) if k not in source]
        tgt_toks = places if target else tgt_toks
    return target, tgt_toks


def as_countries(keys: list[str], res: ArgumentResolver, cities: bool) -> list[str]:
    """Places that stand for a state act as that state: a country the actors layer typed as
    a place, a capital ("Tokyo urged"), and with `cities` any city ("a court in
    Rotterdam", for a source); only countries the document names are used."""
    out: list[str] = []
    for key in keys:
        found = key
        if res.kind(key) == "location":
            gaz = gazetteer()
            name = res.actors.entity(key).name
            code = gaz.country_code(name)
            if code is None:
                city = gaz.context_code(name)
                capital = gaz.countries.get(city or "", {}).get("capital") or ""
                code = city if cities or fold(capital) == fold(name) else None
            found = _country_key(code, res) or key if code else key
        if found not in out:
            out.append(found)
    return out


def _country_key(code: str, res: ArgumentResolver) -> str | None:
    gaz = gazetteer()
    for ent in res.actors.entities:
        if ent.kind == "country" and any(gaz.country_code(n) == code
                                         for n in (ent.name, *ent.names)):
            return ent.key
    return None


def _hosts(keys: list[str], res: ArgumentResolver) -> list[str]:
    """The countries of visited cities ("arrived in Hanoi for a visit": Vietnam), among
    the countries the document names."""
    places = [res.actors.entity(k).name for k in keys if res.kind(k) == "location"]
    if not places:
        return []
    gaz = gazetteer()
    codes = {gaz.context_code(name) for name in places} - {None}
    return [e.key for e in res.actors.entities
            if e.kind == "country" and gaz.country_code(e.name) in codes]


def _note(cand: Cand, role: str, toks: list[Token]) -> None:
    if toks:
        cand.notes.append(f"{role} " + ", ".join(f"'{t.text}' ({t.dep_})" for t in toks[:3]))


def _noun_source(cand: Cand, res: ArgumentResolver, lex: Lexicon) -> tuple[list[Token], list[str]]:
    """Inside the noun phrase first ("Israel's attack", "calls by X", "the support of the
    UN for Mali"), then the subject of the verb that carries it, then a modifier naming
    an actor ("US airlifts"); a possessive pronoun ("his opposition") comes last. A
    withdrawal "from" a place was not made by the place."""
    tok = cand.tok
    own = noun_own_sources(tok, by_from=cand.type != "RETREAT")
    if not own and (cand.mode in ("withdraw", "peacekeeping", "troops") or (
            cand.type not in OF_THEME and any(prep_objects(tok, p, after=True)
                                              for p in NOUN_TARGET_PREPS))):
        own = prep_objects(tok, "of", after=True)
    if own and own[0].pos_ != "PRON":
        keys = res.keys(own)
        if keys:
            return own, keys
    carrier = carrier_subjects(tok, lex)
    keys = res.keys(carrier)
    if keys:
        return carrier, keys
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod")]
    keys = [k for k in res.keys(mods) if res.kind(k) != "location"]
    if keys:
        return mods, keys
    if not own:
        return carrier, []
    return own, res.keys(own)


def _pronoun(tok: Token, words: set[str]) -> bool:
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
            t.dep_ == "pobj" and t.head.lower_ in (*PLACE_PREPS, "from") for t in toks)):
        return target
    kinds = {e.key: e.kind for e in res.actors.entities}
    return [k for k in target if kinds.get(k) != "location"]
