"""How modality and content settle an event's type: PLOVER's conversions.

A vow of attacks is a THREATEN, of aid an AGREE, not to return land a REJECT; a plan is an
event only when what is planned is one; an analyst's "warned that X could fall" is no
threat. Future cooperation becomes AGREE and future hostility THREATEN, a refused
cooperation ("will not accept") REJECT, "unless" a conditional threat, and "X said Y must
..." X's REQUEST of Y (see docs/events.md, "How an event is found"). This module writes
each trigger's `Reading`: it reads the modality scope.py found, and never changes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.events.groups import COOP, HOSTILE
from chronicle.extractors.events.scope import modals
from chronicle.extractors.events.vocab import content_modes, word_class
from chronicle.nlp.labels import CLAUSAL_COMPLEMENTS, DETERMINERS, DIRECT_OBJECTS
from chronicle.nlp.parse import first_subject, forms, infinitival

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.lexicon import Lexicon


def speaker_is_subject(cand: Cand, clause: Token | None) -> bool:
    """Whether the clause's subject is the reporting speaker (pronouns count as the same)."""
    subj = first_subject(clause) if clause is not None else None
    if subj is None:
        return True
    if subj.pos_ == "PRON" and subj.lower_ in word_class("personal"):
        return True
    speaker = cand.modality.speaker
    return speaker is not None and speaker.lemma_.lower() == subj.lemma_.lower()


def resolve(cand: Cand, lex: Lexicon, words: set[str]) -> bool:
    """Settle the final type and mode of a top-level trigger from its content; False when
    it is no event (a response already given, a plan of nothing, an analyst's warning)."""
    reading, lemma = cand.reading, cand.trig.lemma
    inner = {i.type for i in cand.frame.inner if i.frame.role == "absorbed"}
    if cand.trig.type == "THREATEN" and lemma in lex.cls("response") and not (
            _ahead(cand) and (lemma != "take" or _pressed(cand))):
        reading.released = True  # "responded", "took steps to ...": past, no threat
        return False
    negated = _negated_complement(cand.tok)
    _read_content(cand, lex, words, inner, negated)
    if lemma in word_class("needs_content") and not inner and cand.type != "REQUEST" and any(
            k == "comp" for k, _ in cand.trig.when):
        return False  # "plans to ..." is an event only when what is planned is one
    if lemma in word_class("oath") and not inner and negated is None and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" for c in cand.tok.children) \
            and cand.type != "THREATEN":  # (a hostile one, "vowed to crush them", threatens)
        return False  # "vowed to challenge it in court": a resolve, not an offer
    if lemma == "fail" and not inner & COOP:
        return False
    if lemma == "warn" and not _real_warning(cand):
        return False
    if cand.type in ("THREATEN", "REQUEST", "REJECT"):
        reading.mode = reading.mode or _inner_mode(cand, lex, words)
    return True


def _read_content(cand: Cand, lex: Lexicon, words: set[str], inner: set[str],
                  negated: Token | None) -> None:
    """What an offer, a vow or a wish is of: another's act, hostility, or a refusal."""
    reading, lemma = cand.reading, cand.trig.lemma
    if cand.type == "AGREE" and lemma in word_class("wanting") and _wanted_of_other(cand.tok):
        reading.type = "REQUEST"  # "I want the men back", "we want Israel to withdraw"
        reading.notes.append("wants another to act")
    if cand.type == "AGREE" and lemma in lex.cls("intent"):
        if inner & HOSTILE or (not inner and lex.mode_for("THREATEN", words) == "violence"
                               and lemma in word_class("vow")):
            mobilize = lemma in lex.cls("intent_mobilize") and cand.tok.pos_ == "VERB"
            reading.type = "MOBILIZE" if mobilize else "THREATEN"
            reading.notes.append("hostile complement")
    if cand.type == "AGREE" and negated is not None and not inner & HOSTILE and \
            lex.mode_for("THREATEN", {t.lemma_.lower() for t in negated.subtree}) is None:
        reading.type = "REJECT"  # "vowed not to return the land"; "not to use force" promises
        reading.notes.append("negated complement")


def _ahead(cand: Cand) -> bool:
    """A response still to come: future, conditional, possible or demanded, and not
    aimed at cooperation ("will take measures to help farmers" is no threat)."""
    if any(i.type in COOP for i in cand.frame.inner):
        return False
    mod = cand.modality
    return mod.future or mod.unless or mod.conditional or mod.hypothetical or (
        mod.obligation is not None)


def _pressed(cand: Cand) -> bool:
    """"will be compelled to take the measures it deems appropriate", "will take all
    necessary measures": measures are a threat when forced or drastic, not "will take
    measures to improve the economy"."""
    tok, mod = cand.tok, cand.modality
    if mod.unless or mod.conditional or tok.head.lemma_.lower() in word_class("compelled"):
        return True
    return any(g.dep_ == "relcl" and not infinitival(g) or (
        g.dep_ == "amod" or g.dep_ in DETERMINERS) and g.lower_ in word_class("drastic")
        for c in tok.children if c.dep_ in DIRECT_OBJECTS for g in c.children)


def _wanted_of_other(tok: Token) -> bool:
    """"wants X back", "wants X to leave": a complement with a subject of its own."""
    own = first_subject(tok)
    for comp in (c for c in tok.children if c.dep_ in CLAUSAL_COMPLEMENTS):
        subj = first_subject(comp) or next(
            (c for c in tok.children if c.dep_ in DIRECT_OBJECTS), None)
        if subj is not None and (own is None or subj.lower_ != own.lower_) and (
                subj.lower_ not in word_class("personal")
                or subj.lower_ in word_class("personal_object")):
            return True
    return False


def _negated_complement(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "advcl") and any(g.dep_ == "neg" for g in c.children):
            return c
    return None


def _inner_mode(cand: Cand, lex: Lexicon, words: set[str]) -> str | None:
    """A threat or demand takes its mode from its content ("vowed to arrest": arrest)."""
    table = content_modes("threat" if cand.type == "THREATEN" else "demand")
    for i in cand.frame.inner:
        if i.type == "COERCE" and cand.type == "THREATEN":
            return content_modes("coercion").get(i.mode or "", "restrict")
        if i.type == "SANCTION" and cand.type == "THREATEN" and i.mode == "expel":
            return "expel"
        if i.type in table:
            return table[i.type]
    return lex.mode_for(cand.type, words)


def _real_warning(cand: Cand) -> bool:
    """A warning is a threat when aimed at someone or about the warner's own action."""
    kids = list(cand.tok.children)
    if any(c.dep_ in ("dobj", "dative") for c in kids) or any(
            c.dep_ == "prep" and c.lower_ in word_class("warning_prep") for c in kids):
        return True
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if not comps:
        return True
    subj = first_subject(comps[0])
    if subj is not None and subj.pos_ == "PROPN" and _party_warning(cand, comps[0]):
        return True  # "warned that the FPA would resume attacks if ...": its own side
    if subj is None or subj.pos_ != "PRON":
        return False  # "warned that the currency could fall": an analysis
    if subj.lower_ in word_class("first_person_subject"):
        return True
    return not modals(comps[0]) & (word_class("possible_modal") - {"would"})


def _party_warning(cand: Cand, comp: Token) -> bool:
    """A warning that a named side will do something hostile is a threat unless an
    analyst gives it: hostile content, and "will"/"would", not "could"."""
    warner = first_subject(cand.tok)
    if warner is not None and warner.lemma_.lower() in word_class("analyst"):
        return False
    hostile = any(i.type in HOSTILE for i in cand.frame.inner if i.frame.role == "absorbed")
    return hostile and bool(modals(comp) & (word_class("future_modal") | {"would"})) and not (
        modals(comp) & (word_class("possible_modal") - {"would"}))


def _own_restraint(cand: Cand) -> bool:
    """"X said it would not attack farmers": a promise of restraint by the one who would
    act, not a negated attack; "cannot arrest hunger" is no promise."""
    clause = cand.tok if cand.pos != "n" else cand.tok.head
    if not modals(clause) & (word_class("future_modal") | {"would"}):
        return False
    subj = first_subject(clause)
    if subj is not None and subj.lower_ in word_class("first_person_subject"):
        return cand.modality.reported
    return cand.modality.reporter is not None and subj is not None and \
        speaker_is_subject(cand, clause)


def convert(cand: Cand, lex: Lexicon) -> None:
    """PLOVER's reading of modality: future, conditional and obligation. The reading
    starts from what the modality says and is changed by the conversions."""
    mod, reading = cand.modality, cand.reading
    reading.negated, reading.hypothetical = mod.negated, mod.hypothetical
    reading.future, reading.obligation = mod.future, mod.obligation
    if reading.hypothetical or cand.type == "THREATEN":
        return
    if mod.would is not None and reading.obligation is None and mod.reporter is not None \
            and forms(mod.reporter) & lex.cls("belief"):
        reading.obligation = mod.would  # "thinks the wisest step would be to meet": a proposal
    if reading.obligation is not None and (mod.reported or mod.speaker is not None):
        if not speaker_is_subject(cand, reading.obligation):
            reading.notes.append(f"'{cand.type}' demanded")
            reading.demanded = True
            reading.type, reading.mode = "REQUEST", content_modes("demand").get(cand.type)
            return
        reading.future = True
    elif reading.obligation is not None:
        reading.hypothetical = True
        return
    if mod.unless and (reading.future or cand.type in HOSTILE):
        reading.notes.append("'unless'")
        reading.type, reading.mode = "THREATEN", threat_mode(cand)
        return
    if reading.future and cand.type not in ("REQUEST", "ACCUSE", "REJECT"):
        _convert_future(cand)


def threat_mode(cand: Cand) -> str | None:
    """The mode of a threat to do what the trigger names ("will strike": violence)."""
    return content_modes("threat").get(cand.type, cand.mode)


def _convert_future(cand: Cand) -> None:
    """Future cooperation is an AGREE, future hostility a THREATEN; refused cooperation a
    REJECT, and refused hostility by the one who would act a promise (AGREE)."""
    reading = cand.reading
    if reading.negated:
        if cand.type in COOP:
            reading.notes.append("refusal")
            reading.type, reading.mode, reading.negated = "REJECT", None, False
        elif cand.type in HOSTILE - {"THREATEN"} and _own_restraint(cand):
            reading.notes.append(f"restraint from {cand.type}")
            reading.type, reading.mode, reading.negated = "AGREE", None, False
        return
    if cand.type in COOP and cand.type != "AGREE":
        reading.notes.append(f"future {cand.type}")
        reading.type, reading.mode = "AGREE", None
    elif cand.type in HOSTILE:
        reading.notes.append(f"future {cand.type}")
        reading.type, reading.mode = "THREATEN", threat_mode(cand)
