"""Roles from titles and appositions ("Jordanian Foreign Minister Nasser Haddad" ->
{"title": "Foreign Minister", "of": "Jordan"}; "Ahmad Sultan, a researcher ..." -> researcher),
and titles used as names ("the Iraqi envoy").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import known_names
from chronicle.extractors.actors.names import clean_surface, fold
from chronicle.extractors.actors.vocab import (
    AGE_WORDS,
    AGENT_ENDINGS,
    AGENT_NOUNS,
    FILLERS,
    LEADING_ARTICLES,
    NOT_AGENTS,
    NOT_ROLES,
    OFFICES,
    ORG_APPOSITIONS,
    ROLE_NOUNS,
    ROLE_PREPOSITIONS,
    TITLE_CONNECTORS,
    TITLE_WORDS,
)
from chronicle.nlp.labels import NOUN_MODIFIERS, NOUNS
from chronicle.records import Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _country_of(token: Token) -> str | None:
    known = known_names().get(token.text)
    if known is not None and known.kind == "country":
        return known.canonical
    return None


def _title_case(words: list[str]) -> str:
    return " ".join(w if w in TITLE_CONNECTORS else w[:1].upper() + w[1:] for w in words)


def _split_offices(words: list[str]) -> list[str]:
    """Greedy longest office phrases: ['chief','of','staff','general'] -> two titles."""
    titles: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + size])
            if len(words[i:i + size]) == size and phrase in OFFICES:
                titles.append(_title_case(pending + words[i:i + size]))
                pending, i = [], i + size
                break
        else:
            pending.append(words[i])
            i += 1
    if pending and not titles:
        titles.append(_title_case(pending))
    return titles


def roles_before(doc: Doc, start: int) -> list[Role]:
    """Titles written right before a name, with the country they serve."""
    if start > 0 and doc[start - 1].lower_ == "of":
        return []  # "the governor of Daraa": Daraa is what is governed
    words: list[str] = []
    country = None
    i = start - 1
    while i >= 0:
        tok = doc[i]
        low = fold(tok.text).replace("vice-president", "vice president")
        if low in FILLERS:
            i -= 1
            continue
        place = _country_of(tok)
        if place is not None:
            if i >= 1 and doc[i - 1].lower_ == "to":  # "ambassador to Qatar"
                i -= 2
                continue
            country = country or place
            i -= 1
            continue
        if low in TITLE_WORDS or low in OFFICES:
            words.insert(0, tok.text if tok.is_upper and len(tok) > 1 else low)
            i -= 1
            continue
        break
    while words and words[0] in TITLE_CONNECTORS:
        words.pop(0)
    if not words:
        return []
    return [Role(title=t, of=country) for t in _split_offices(words)]


def roles_in_apposition(head: Token) -> list[Role]:
    """'X, a former commander in Y' and 'the Iraqi ambassador, X': the appositive noun."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ in NOUNS \
            and head.head.ent_type_ == "":
        nouns.append(head.head)
    roles = []
    for noun in nouns:
        if not _agent_noun(noun):
            continue
        if noun.lemma_.lower() in NOT_ROLES and not any(
                c.dep_ == "amod" for c in noun.children):
            continue
        mods = [c for c in noun.children if c.dep_ in NOUN_MODIFIERS and c.i < noun.i]
        words = [m.text if m.is_upper else fold(m.text) for m in mods
                 if fold(m.text) not in FILLERS and _country_of(m) is None
                 and not any(c.isdigit() for c in m.text) and m.lower_ not in AGE_WORDS
                 and m.text != "-"] + [fold(noun.text)]
        country = next((_country_of(m) for m in mods if _country_of(m)), None)
        if country is None:
            country = _prep_object(noun)
        if words[-1] in NOT_ROLES and len(words) == 1:
            continue
        roles.append(Role(title=_title_case(words), of=country))
    return roles


def _agent_noun(noun: Token) -> bool:
    """Nouns for people by what they do ('researcher', 'cleric', 'ideologue', 'envoy')."""
    lemma = noun.lemma_.lower()
    if lemma in ORG_APPOSITIONS or lemma in NOT_AGENTS:
        return False
    return lemma in OFFICES or lemma in TITLE_WORDS or lemma.endswith(AGENT_ENDINGS) \
        or lemma in AGENT_NOUNS


def _prep_object(noun: Token) -> str | None:
    """'commander in Hurras al-Din' -> 'Hurras al-Din' (the named object of in/of/at)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ROLE_PREPOSITIONS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_:
                    ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                    if ent is not None:
                        return _country_of(ent[0]) if len(ent) == 1 and _country_of(ent[0]) \
                            else clean_surface(ent.text)
    return None


_OFFICE_ENDS = {phrase.replace("-", " ").split()[-1] for phrase in ROLE_NOUNS}


def role_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """'the Iraqi envoy', 'the Syrian Vice President', "Saddam's envoy": titles as names."""
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ not in NOUNS \
                or tok.lower_.rsplit("-", 1)[-1] not in _OFFICE_ENDS:
            continue
        found = _office_at(doc, tok)
        if found is None:
            continue
        office, size = found
        first, country, possessor = _role_left(doc, tok.i - size + 1)
        if first is None:
            continue
        # A title right before a name is a role of that name, not a name itself.
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.i in taken
                                or (nxt.pos_ == "PROPN" and nxt.is_title)):
            continue
        span_start = first if possessor is None else tok.i
        cand = candidate(doc[span_start:tok.i + 1], "ROLE", surface=doc[first:tok.i + 1].text)
        cand.office, cand.country, cand.possessor = office, country, possessor
        out.append(cand)
    return out


def _office_at(doc: Doc, tok: Token) -> tuple[str, int] | None:
    """The office phrase ending at this token ('vice president') and its length in tokens."""
    for size in (4, 3, 2, 1):
        if tok.i - size + 1 < 0:
            continue
        phrase = fold(doc[tok.i - size + 1:tok.i + 1].text).replace(" - ", "-")
        phrase = phrase.replace("vice-president", "vice president")
        if phrase in ROLE_NOUNS:
            return phrase, size
    return None


def _role_left(doc: Doc, i: int) -> tuple[int | None, str | None, int | None]:
    """Start of a definite role phrase before token i: 'the [Iraqi]', "Saddam's"."""
    country = None
    j = i - 1
    if j >= 0:
        known = known_names().get(doc[j].text)
        if known is not None and known.kind == "country" and known.form == "adjective":
            country, j = known.country, j - 1
    if j >= 0 and doc[j].lower_ in LEADING_ARTICLES:
        return j, country, None
    if j >= 0 and doc[j].tag_ == "POS" and j >= 1:
        return j - 1, country, j - 1
    return None, None, None
