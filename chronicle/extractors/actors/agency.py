"""A name's place in its clause: a party that acts or is acted on, or a place.

A capital acting or acted on stands for its government, as CAMEO and PLOVER code it.
"Washington warned Moscow", "overtures to Washington", "talks with Beijing": the capital is
the state (CONTRACT.md, `actor`), and its mention joins the country's entity. The same name
as a place ("a visit to Damascus", "met in Riyadh", "jets shelled Damascus") stays a place.
What decides is the mention's place in the clause: the subject of a verb of doing or
saying, the object of a verb whose object is a party, the object of a preposition that
links a party to an act or a noun of relations ("sanctions on Caracas"), an owner of
what a state has ("Tokyo's support", not "Tokyo's streets"), or the place an official or
a body of the state speaks from ("officials in Brasilia", "the ministry in Accra"); a verb or
noun of travel before it, or a locative preposition, keeps it a place. The words are in
lang/en/place-cues.txt.

A person's name is never a place because a town bears it ("Obama criticized Russia"): the
subject of a verb of doing or saying, or a name the model calls a person outside a place's
positions (objects of verbs and prepositions), is marked an agent, and a town namesake
then casts no vote for a place (grouping.group_kind).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import Known, known_names
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.vocab import (
    DIRECTIONS,
    FACILITY_NOUNS,
    OFFICIAL_NOUNS,
    PLACE_NOUNS,
    ROLE_NOUNS,
    SPEAKER_PREPOSITIONS,
    STATE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "CAPS"})
# where a place stands: objects of verbs and prepositions, modifiers ("the Douma attack")
_PLACE_DEPS = frozenset({"dobj", "obj", "pobj", "nsubjpass", "compound", "npadvmod", "appos"})


@cache
def _words() -> dict[str, frozenset[str]]:
    return lang.classes("place-cues.txt")


@cache
def _capitals() -> dict[str, Known]:
    """Folded capital name -> the known country it is the capital of."""
    from chronicle.extractors.places.gazetteer import gazetteer

    gaz = gazetteer()
    out: dict[str, Known] = {}
    for code, country in gaz.countries.items():
        capital = country.get("capital") or ""
        known = known_names().get(gaz.country_names.get(code, ""))
        if capital and known is not None and known.kind == "country":
            out.setdefault(fold(capital), known)
    return out


def capitals_as_governments(doc: Doc, cands: list[Candidate]) -> None:
    """Gives each capital that acts or is acted on the country it stands for (in place)."""
    for cand in cands:
        if cand.known is not None or cand.label not in _PLACE_LABELS or cand.place_cue:
            continue
        country = _capitals().get(fold(cand.surface))
        if country is not None and _acts(doc[cand.end - 1]):
            cand.known = country


def missed_capitals(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Capitals the model did not tag at all ("Kyiv's refusal to cede ...", spellings newer
    than its training) that act or are acted on: the government they stand for. A capital
    the model missed as a place stays unmarked, as before."""
    out = []
    for tok in doc:
        if tok.i in taken or tok.ent_type_ or not tok.is_title or tok.pos_ != "PROPN":
            continue
        country = _capitals().get(fold(tok.text))
        if country is not None and len(tok.text) >= 4 and _acts(tok):
            out.append(candidate(doc[tok.i:tok.i + 1], "GPE", country))
    return out


def mark_agents(doc: Doc, cands: list[Candidate]) -> None:
    """Marks the one-word names that the clause makes a person's, whatever town shares them."""
    for cand in cands:
        if cand.end - cand.start != 1 or cand.place_cue or cand.known is not None:
            continue
        tok = doc[cand.start]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "nsubj":
            cand.agent = tok.head.pos_ == "VERB" \
                and tok.head.lemma_.lower() not in _words()["place_subject"]
        else:
            cand.agent = cand.label == "PERSON" and tok.dep_ not in _PLACE_DEPS


def _speaks_for_state(noun: Token) -> bool:
    """An official, a spokesman or a body of the state: who speaks from a capital speaks
    for its government (lang/en/titles.tsv speaks_for, organisations.txt state_noun,
    place-cues.txt state_body); "forces in Damascus" are where they are."""
    lemma = noun.lemma_.lower()
    return noun.pos_ in ("NOUN", "PROPN") and (
        lemma in OFFICIAL_NOUNS or lemma in STATE_NOUNS or noun.lower_ in STATE_NOUNS
        or lemma in _words()["state_body"] or lemma in ROLE_NOUNS)


def _acts(tok: Token) -> bool:
    """Whether the name's head word is a party in its clause, not a place."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Washington and Moscow warned": the first conjunct's role
    head = tok.head
    words = _words()
    if tok.dep_ == "nsubj":
        return head.pos_ == "VERB" and head.lemma_.lower() not in words["place_subject"]
    if tok.dep_ in ("dobj", "obj"):
        return head.lemma_.lower() in words["party_verb"]
    if tok.dep_ == "pobj" and head.lower_ in SPEAKER_PREPOSITIONS \
            and _speaks_for_state(head.head):
        return True  # "officials in Brasilia", "the foreign ministry in Accra"
    if tok.dep_ == "poss":  # "Tokyo's support", not "Tokyo's streets"
        return head.pos_ == "NOUN" and head.lemma_.lower() not in words["of_place"] \
            and head.lower_ not in words["of_place"] and head.lower_ not in PLACE_NOUNS \
            and head.lower_ not in FACILITY_NOUNS and head.lower_ not in DIRECTIONS
    if tok.dep_ == "pobj" and head.lower_ == "on":
        return head.head.lower_ in words["party_on"] or head.head.lemma_.lower() in \
            words["party_on"]
    if tok.dep_ == "pobj" and head.lower_ in words["party_prep"]:
        owner = head.head
        return owner.i != head.i and owner.lemma_.lower() not in words["travel"] \
            and owner.lower_ not in words["travel"]
    return tok.dep_ == "agent" or (tok.dep_ == "pobj" and head.dep_ == "agent")
