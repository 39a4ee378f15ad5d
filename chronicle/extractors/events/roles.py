"""Sources and targets of a settled trigger, as entity keys, with the tokens they came from.

The token rules live in eventargs (subjects, event-noun doers) and here (the typed
prepositions of `patients`); this module puts them together for one trigger: a demanded
clause's subject for REQUESTs read from "must", the first resolvable group of candidate
targets, the parallel object of a second verb ("denounced X and accused it"), both sides
of a clash, and places dropped from the targets; eventlinks adds the parties named beside
the clause. Each choice is written into the trigger's notes for the event's `reason`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.events.arguments import (
    ArgumentResolver,
    carrier_subjects,
    noun_own_sources,
    subjects,
)
from chronicle.extractors.events.groups import AIMED, MATERIAL, NOUN_OF_TARGET, OF_THEME
from chronicle.extractors.events.links import (
    condition_subjects,
    joint_target,
    obtained_from,
    placed_under,
)
from chronicle.extractors.events.vocab import preps, word_class
from chronicle.extractors.places.gazetteer import fold, gazetteer
from chronicle.nlp.labels import (
    ATTRIBUTIVE,
    CLAUSES_ON_NOUNS,
    DIRECT_OBJECTS,
    NOMINAL_SUBJECTS,
    NOUNS,
    SUBJECTS_WITH_EXPLETIVE,
    VERBS,
)
from chronicle.nlp.parse import expand, is_passive, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.frame import Cand
    from chronicle.extractors.events.lexicon import Lexicon
    from chronicle.records import Quote


def arguments(cand: Cand, res: ArgumentResolver, lex: Lexicon, demanded: bool,
              quote: Quote | None) -> tuple[list[str], list[str]]:
    """Source and target entity keys of a settled trigger; notes say where they came from."""
    tok = cand.tok
    speaker = res.keys([cand.speaker]) if cand.speaker is not None else []
    if not speaker and quote is not None and quote.speaker:
        speaker = [quote.speaker]
    if demanded:
        subj = [c for c in cand.obligation.children if c.dep_ in NOMINAL_SUBJECTS]
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
    pronouns = word_class("subject_pronoun")
    if speaker and src_toks and all(_pronoun(t, pronouns) for t in src_toks) and (
            not source and not _others(src_toks, speaker, res) or cand.reporter is not None
            and _fits_pronoun(src_toks, speaker, res)):
        source = list(speaker)  # "Kuwait said it would fund ...": the speaker
        cand.notes.append("speaker as source")
    if not source and cand.type == "THREATEN" and quote is not None and quote.speaker:
        source = [res.actor(quote.speaker)]  # "Any attack will receive a decisive response"
        cand.notes.append("speaker as source")
    target, tgt_toks = _target(cand, res, source)
    _note(cand, "source", src_toks if source else [])
    _note(cand, "target", tgt_toks if target else [])
    return source, joint_target(cand, source, target)


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
    return pronouns[0].lower_ in ("they", "them") and all(
        res.kind(k) == "person" for k in speaker)


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
    if groups and _pronoun(groups[0][0], word_class("object_pronoun")) and \
            tok.dep_ in ("conj", "advcl") and tok.head.pos_ in VERBS:
        # "denounced X and accused it of ...": the pronoun is the first verb's object
        parallel = patients(tok.head, "v", cand.type) + patients(
            _object_noun(tok.head), "n", cand.type)
        pointing = word_class("object_pronoun")
        named = [g for g in parallel if not all(_pronoun(t, pointing) for t in g)]
        groups = named or groups  # "convicted the firm X and fined it": the firm, even unknown
    tgt_toks: list[Token] = []
    cities = cand.type not in MATERIAL  # "recalled its ambassador from Abidjan"
    for group in groups:  # "Ghana recalled its ambassador from Abidjan": not Ghana;
        if _parties(group, res, cities, source):
            tgt_toks = group
            break
    if cand.type == "ASSAULT" and cand.trig.lemma in word_class("two_sided"):
        source += [k for k in res.keys(tgt_toks) if k not in source]
        tgt_toks = []
    if not res.keys(tgt_toks) and cand.type == "PROTEST":
        # "marched ..., demanding that X resign": whom the protest makes its demand of
        for inner in (i for i in cand.inner if i.type == "REQUEST"):
            tgt_toks = next((g for g in patients(inner.tok, inner.pos, "REQUEST")
                             if res.keys(g)), tgt_toks)
    if not res.keys(tgt_toks) and cand.pos == "n":  # "secured a promise from X",
        tgt_toks = placed_under(tok) or obtained_from(tok)[1]  # "placed under sanctions"
    target = _drop_places([k for k in as_countries(res.keys(tgt_toks), res, cities)
                           if k not in source], res, tgt_toks, cand.type)
    if cand.type in AIMED and (not target or all(
            t.dep_ == "pobj" and t.head.lower_ in preps("place") for t in tgt_toks)):
        for inner in (i for i in cand.inner if i.role == "absorbed" or
                      cand.type == "CONSULT" and i.role == "purpose"):  # "came to urge X"
            group = next((g for g in patients(inner.tok, inner.pos, inner.type)
                          if res.keys(g)), [])
            keys = [k for k in res.keys(group) if k not in source]
            if keys:
                return _drop_places(keys, res, group, inner.type), group
    if not target and cand.type == "THREATEN":  # "would resume attacks if the army struck"
        tgt_toks = condition_subjects(tok if cand.pos != "n" else tok.head)
        target = [k for k in as_countries(res.keys(tgt_toks), res, True) if k not in source]
    if not target and cand.type == "CONSULT" and cand.mode == "visit" and len(source) < 2:
        places = [g for p in preps("place") for g in prep_objects(tok, p)]
        target = [k for k in _hosts(res.keys(places), res) if k not in source]
        tgt_toks = places if target else tgt_toks
    return target, tgt_toks


def patients(tok: Token, pos: str, event_type: str) -> list[list[Token]]:
    """Candidates for the other party of an event, best first: indirect or direct object
    (passive subject), then the typed prepositions of the trigger or of its object ("shared
    intelligence with X"), then the subject of a demanded clause."""
    kids = list(tok.children)
    groups: list[list[Token]] = []
    objs: list[Token] = []
    if pos == "v":
        if is_passive(tok):
            objs = [c for c in kids if c.dep_ == "nsubjpass"]
            if not objs and tok.dep_ in CLAUSES_ON_NOUNS:
                objs = [tok.head]
        objs = objs or [c for c in kids if c.dep_ == "dative"] or [
            c for c in kids if c.dep_ in DIRECT_OBJECTS]
        if not objs and tok.pos_ not in VERBS:  # "now back X", "back" read as
            objs = [c for c in kids if c.dep_ == "npadvmod" and c.i > tok.i]  # an adverb
        if not objs and tok.dep_ == "acl" and tok.tag_ == "VBN":
            objs = [tok.head]
        if objs:
            groups.append(expand(objs))
    heads = [tok, *objs[:1]]
    if event_type == "CONSULT":  # "spoke by telephone with X"
        heads += [g for p in preps("contact", event_type) for g in prep_objects(tok, p)]
    for head in heads:
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
                groups.append(found)
                break
    if pos == "v" and event_type in ("REQUEST", "ACCUSE"):
        # "demanded that the US cancel ...": the subject of the demanded clause.
        for c in kids:
            if c.dep_ == "ccomp":
                groups.append(expand([g for g in c.children if g.dep_ in SUBJECTS_WITH_EXPLETIVE]))
    if pos == "v" and event_type == "REQUEST":  # "called for X's resignation": X
        groups.append([c for g in prep_objects(tok, "for") for c in g.children
                       if c.dep_ == "poss"])
    return [g for g in groups if g]


def _set_off(pobj: Token) -> bool:
    """"met in Almaty, with Z at the table": a "with" after a comma is a circumstance."""
    prep = pobj.head
    return prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].text == ","


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
    for ent in res.actors.all_entities():
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
    return [e.key for e in res.actors.all_entities()
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
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ATTRIBUTIVE]
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
