"""Candidates from the model's named entities, their spans repaired.

The small model cuts names badly: it takes in a leading gerund or title ("President Jacques
Chirac"), a possessive or a bracket, and leaves out Arabic particles ("al-Sharaa"), the first
word of an Arabic compound ("Hayat" before "Tahrir al-Sham") or a name's closing "al-X".
It also takes concepts, languages and dates for names; those are dropped here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import Known, given_names, known_folded, known_names
from chronicle.extractors.actors.missed_mentions import aged_name, surname_end
from chronicle.extractors.actors.names import clean_surface, fold, is_title_word
from chronicle.extractors.actors.unnamed import AGENT_HEADS
from chronicle.extractors.actors.vocab import (
    DIRECTIONS,
    FACILITY_NOUNS,
    GROUP_SUFFIXES,
    HYPHEN_ARTICLES,
    MONTHS,
    NAME_OPENERS,
    NEARBY,
    NOT_ACTORS,
    ORG_TAILS,
    PARTY_LABELS,
    PEOPLE_NOUNS,
    PERSON_TITLES,
    PLACE_NOUNS,
    PORTFOLIO_WORDS,
    ROLE_NOUNS,
    STATE_WORDS,
)
from chronicle.nlp.labels import NAME_ENTITIES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NAME_POS = {"PROPN", "NOUN", "ADJ"}  # what a name may start with
_TRAILING_POS = {"ADP", "DET", "CCONJ", "VERB", "ADV"}  # lower-case words a name may not end with
_PORTFOLIO_JOINS = {"and", "&", ","}
_TITLE_ENDS = ROLE_NOUNS | PERSON_TITLES  # the last word of a title before a name


def entity_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """spaCy's named entities, repaired; tokens in `taken` (known names) are skipped."""
    out: list[Candidate] = []
    blocked = set(taken)  # and "Sluis" once "Hanneke van der Sluis" took it
    for whole in doc.ents:
        if whole.label_ not in NAME_ENTITIES:  # "Mining Minister B. G." as a work of art:
            parts = [p for p in _titled_parts(doc, whole, "ORG") if p[1] == "PERSON"]
        else:  # the person after its title
            parts = [p for part, lab in _comma_parts(doc, whole)
                     for p in _titled_parts(doc, part, lab)]
        for ent, label in parts:
            cand = _entity_candidate(doc, ent, label, blocked)
            if cand is not None:
                out.append(cand)
                blocked.update(range(cand.start, cand.end))
    return out


def _titled_parts(doc: Doc, ent: Span, label: str) -> list[tuple[Span, str]]:
    """'Kremlin Spokesman Dmitry Peskov' tagged as one organisation is a body, then a
    person with his title: the name after a run of title words inside the span."""
    if label == "PERSON":
        return [(ent, label)]
    for i in range(ent.start, ent.end - 1):
        if is_title_word(doc[i].text) and (i == ent.start or not is_title_word(doc[i - 1].text)):
            j = i
            while j < ent.end and is_title_word(doc[j].text):
                j += 1
            rest = doc[j:ent.end]
            if doc[j - 1].lower_ in ROLE_NOUNS | PERSON_TITLES and len(rest) >= 2 and all(
                    t.is_alpha and t.text[0].isupper() and t.lower_ not in ORG_TAILS
                    for t in rest):
                return [(doc[ent.start:i], label)] * (i > ent.start) + [
                    (doc[i:ent.end], "PERSON")]
    return [(ent, label)]


def _comma_parts(doc: Doc, ent: Span) -> list[tuple[Span, str]]:
    """'Council of Ministers, D. Kovacevic' tagged as one name is an office and a person."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [(ent, ent.label_)]
    bounds = [ent.start, *(c + 1 for c in commas)]
    ends = [*commas, ent.end]
    parts = [doc[a:b] for a, b in zip(bounds, ends) if b > a]
    return [(p, "ORG" if any(t.lower_ in ORG_TAILS for t in p) else "PERSON" if
             re.match(r"^[A-Z]\.", p.text) else ent.label_) for p in parts]


def _entity_candidate(doc: Doc, ent: Span, label: str, taken: set[int]) -> Candidate | None:
    given = _given_after_portfolio(doc, ent.start, ent.end) if label != "PERSON" else None
    if given is not None:  # "Secretary for Housing Agnes Tam" tagged as a body
        ent, label = doc[given:ent.end], "PERSON"
    span = _repair(doc, ent, label)
    if span is None or any(i in taken for i in range(span.start, span.end)):
        return None
    if len(span.text) > 6 and all(t.is_upper for t in span if t.is_alpha):
        return None  # all-caps headline words: the caps pass looks them up instead
    surface = clean_surface(span.text)
    if not surface or not any(c.isalpha() for c in surface) \
            or fold(surface) in NOT_ACTORS or _date_like(surface):
        return None
    known = known_names().get(surface) or _known_group(doc, span)
    if known is None and surface.isupper():
        known = known_folded().get(fold(surface))
    if known is None and _opening_common_noun(span):
        return None  # "Barrel bombs killed ...": capitalised only because it opens
    if known is None and label == "NORP" and not surface.endswith("s"):
        if span.end < len(doc) and doc[span.end].lower_ in PEOPLE_NOUNS:
            span = doc[span.start:span.end + 1]  # "Islamic fundamentalists": a group
        else:
            return None  # "Islamic law": an adjective, not an actor
    aged = known is None and aged_name(doc, span.start, span.end)
    if known is None and label != "PERSON" and (_titled_person(span) or aged):
        label = "PERSON"
    cand = candidate(span, label, known)
    cand.aged = aged
    cand.place_cue = _place_cue(doc, span)
    return cand


def _opening_common_noun(span: Span) -> bool:
    """One word opening its sentence, before a lower-case word, that the tagger reads as
    a common noun ("Barrel bombs", "Rockets fired from ..."), or that says what kind of
    unnamed doer follows ("Riot police", "Traffic police"; not a body's own word, as in
    "Navy commandos"): no name."""
    tok = span[0]
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if len(span) != 1 or tok.i != tok.sent.start or after is None or not after.is_lower:
        return False
    return tok.tag_ in ("NN", "NNS") or (
        after.lower_ in AGENT_HEADS and tok.lower_ not in ORG_TAILS | STATE_WORDS)


def _titled_person(span: Span) -> bool:
    """"MK Yael Dror", "Sen. Ana Ruiz" tagged as an organisation: a title only people bear,
    then capitalised words."""
    rest = [t for t in span[1:] if t.is_alpha]
    return span[0].lower_ in PERSON_TITLES and bool(rest) and all(
        t.text[0].isupper() and not t.is_upper for t in rest)


def _date_like(surface: str) -> bool:
    words = fold(surface).replace(".", "").split()
    return bool(words) and words[0] in MONTHS and all(
        w.isdigit() or w in MONTHS for w in words[1:])


def _place_cue(doc: Doc, span: Span) -> bool:
    """'the village of X', 'X crossing', 'X, Syria': the name is a place."""
    before = doc[max(0, span.start - 2):span.start]
    if len(before) == 2 and before[1].lower_ == "of" and (
            before[0].lower_ in PLACE_NOUNS or before[0].lower_ in DIRECTIONS):
        return True
    if len(before) and before[-1].lower_ in NEARBY:
        return True
    appos = [c for c in doc[span.end - 1].children if c.dep_ == "appos"]
    if any(c.lemma_.lower() in PLACE_NOUNS for c in appos):
        return True
    after = doc[span.end:span.end + 2]
    if len(after) and after[0].lower_ in PLACE_NOUNS | FACILITY_NOUNS:
        return True
    if len(after) == 2 and after[0].text == ",":
        known = known_names().get(after[1].text)
        return known is not None and known.kind == "country" and known.form == "name"
    return False


def _known_group(doc: Doc, span: Span) -> Known | None:
    """'Alawite civilians' -> the known group of 'Alawite'."""
    if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in GROUP_SUFFIXES:
        known = known_names().get(span.text)
        if known and known.kind == "group":
            return known
    return None


def _repair(doc: Doc, ent: Span, label: str) -> Span | None:
    """Trim what is not name (leading gerunds, titles, 'the', possessives); add lost parts."""
    start, end = _trimmed(doc, ent, label)
    if end <= start:
        return None
    return _extended(doc, start, end, label)


def _trimmed(doc: Doc, ent: Span, label: str) -> tuple[int, int]:
    start, end = ent.start, ent.end
    bracket = next((t.i for t in ent if t.text in "([" and t.i > start), None)
    if bracket is not None:  # "Front for Action (FAP": the name ends before the bracket
        end = bracket
    while start < end and _not_a_first_word(doc[start], label == "PERSON"):
        if doc[start].text.lower() in NAME_OPENERS or end - start == 1 and _mistagged(
                doc[start]) or label == "PERSON" and _given_name_read_as_verb(doc, start, end):
            break
        start += 1
    while end > start and (_not_a_last_word(doc[end - 1]) or _counts_what_follows(doc[end - 1])):
        end -= 1
    if label == "PERSON":
        start = _after_portfolio(doc, start, end)
        start = _after_inner_title(doc, start, end)
    return start, end


def _after_inner_title(doc: Doc, start: int, end: int) -> int:
    """"District Attorney Simone Okafor-Lyle" (of "Assistant District Attorney ..."): a
    person's name the model opened with the last words of a long title starts after the
    title's final office word, when two name words follow it and no given name precedes."""
    firsts = given_names()
    for k in range(start + 1, end - 2):
        if doc[k].lower_ in _TITLE_ENDS and all(
                t.is_title and t.is_alpha for t in doc[k + 1:end]) and not any(
                fold(t.text) in firsts for t in doc[start:k]):
            return k + 1
    return start


def _portfolio(doc: Doc, start: int) -> bool:
    """`start` follows an office's "for" or "of", or the words of its portfolio after them:
    capitalised words with "and" or commas between them ("Minister for Climate Change",
    "Minister of Labour and Employment", "Secretary for Transport and Housing")."""
    i = start - 1
    while i >= 0 and start - i <= 8 and (doc[i].is_title and doc[i].pos_ in ("PROPN", "NOUN")
                                         or doc[i].lower_ in _PORTFOLIO_JOINS):
        i -= 1
    return _office_preposition(doc, i)


def _office_preposition(doc: Doc, i: int) -> bool:
    """The i-th word is the "for" or "of" of an office ("Minister for", "Secretary of")."""
    return i >= 1 and doc[i].lower_ in ("for", "of") and is_title_word(doc[i - 1].text)


def _after_portfolio(doc: Doc, start: int, end: int) -> int:
    """A person's name the model opened with an office's portfolio ("Minister for Housing
    Agnes Tam", "Minister of Labour and Employment Shahidul Haque Mridha"): it starts at the
    first known given name after the portfolio, else after the portfolio's own words."""
    if not _portfolio(doc, start):
        return start
    given = _first_given_name(doc, start, end)
    if given is not None:
        return given
    while end - start > 2 and (doc[start].lower_ in PORTFOLIO_WORDS
                               or doc[start].lower_ in _PORTFOLIO_JOINS):
        start += 1
    return start


def _given_after_portfolio(doc: Doc, start: int, end: int) -> int | None:
    """Where a known given name opens a person's name inside a span that starts with an
    office's portfolio; None where the span starts elsewhere or holds no given name."""
    return _first_given_name(doc, start, end) if _portfolio(doc, start) else None


def _first_given_name(doc: Doc, start: int, end: int) -> int | None:
    firsts = given_names()
    return next((i for i in range(start + 1, end - 1) if fold(doc[i].text) in firsts), None)


def _not_a_first_word(tok: Token, person: bool) -> bool:
    return tok.pos_ not in _NAME_POS or tok.tag_ == "VBG" or (
        person and (is_title_word(tok.text) or _party_label(tok))) or tok.text in "[(\"'“‘"


def _given_name_read_as_verb(doc: Doc, start: int, end: int) -> bool:
    """"Hon. Rosalind A. Cayetano-Flowers": an unknown given name the tagger read as a
    verb's base form opens a person's name when more name words follow it; an inflected
    verb ("Says", "Meets") is a headline's verb."""
    tok = doc[start]
    return tok.tag_ in ("VB", "VBP") and tok.is_title and tok.is_alpha and \
        end - start >= 3 and all(t.is_title or t.is_punct for t in doc[start + 1:end])


def _party_label(tok: Token) -> bool:
    """"Socialist Itziar Galdeano": a party label before two more name words."""
    if tok.lower_ not in PARTY_LABELS:
        return False
    ent_end = tok.i + 1
    while ent_end < len(tok.doc) and tok.doc[ent_end].is_title:
        ent_end += 1
    return ent_end - tok.i >= 3


def _mistagged(tok: Token) -> bool:
    """A lone capitalised word inside a sentence that the entity recogniser calls a name
    ("accused Lusaka of"): the tagger's verb or adjective is the error, not the name."""
    return tok.is_title and tok.i > tok.sent.start and tok.tag_ != "VBG" and \
        not is_title_word(tok.text) and tok.lower_ not in NAME_OPENERS


def _counts_what_follows(tok: Token) -> bool:
    """"shelled Kherson Oblast 87 times": a number that counts the noun after the name is no
    part of it ("Unit 8200" keeps its number, which hangs on the name)."""
    return tok.like_num and tok.head.i > tok.i


def _not_a_last_word(tok: Token) -> bool:
    return (tok.is_punct or tok.tag_ == "POS" or tok.is_space
            or (tok.is_lower and tok.pos_ in _TRAILING_POS)) and tok.text not in {")"}


def _extended(doc: Doc, start: int, end: int, label: str) -> Span:
    """The name with the parts the model left out put back."""
    # Lost first word of an Arabic compound: "Hayat" before "Tahrir al-Sham"; not the words
    # of an office's portfolio ("Minister for Climate Change Tom Rae").
    while start > 0 and _lost_first_word(doc[start - 1], label) and not _portfolio(doc, start):
        start -= 1
    # "Amina" tagged a place with "Rashed" left out: a compound's head is the same name.
    while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ == "" \
            and not is_title_word(doc[end].text):
        end += 1
    # "Khalid Jassem al-Roumi": a name's closing "al-X" left out of the span.
    while end + 2 < len(doc) and doc[end].lower_ in HYPHEN_ARTICLES \
            and doc[end + 1].text == "-" and doc[end + 2].is_title and not doc[end].whitespace_:
        end += 3
    if label == "PERSON":
        end = surname_end(doc, end)
    elif label == "ORG":
        end = of_place_end(doc, end) or end
    # "al-Sharaa": keep "al" and "-" with the name they introduce.
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in HYPHEN_ARTICLES:
        start -= 2
    return doc[start:end]


def of_place_end(doc: Doc, end: int) -> int | None:
    """Where a body's name ends that the model cut before "of" and its country ("the
    Christian Council | of Lesotho", "the Law Society | of Kenya"): after the place, when
    the name before "of" ends in a body's noun; None otherwise."""
    if end < 1 or end + 1 >= len(doc) or doc[end].lower_ != "of" or \
            doc[end - 1].lower_ not in ORG_TAILS or not doc[end - 1].is_title:
        return None
    first = doc[end + 1]
    if first.ent_iob_ != "B":  # the place must be a whole entity of its own
        return None
    last = end + 2
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    known = known_names().get(doc[end + 1:last].text)
    state = known is not None and known.kind == "country"
    return last if first.ent_type_ in ("GPE", "LOC") or state else None


def _lost_first_word(tok: Token, label: str) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and not is_title_word(tok.text) \
        and tok.lower_ not in PARTY_LABELS \
        and tok.ent_type_ in {"", label} and known_names().get(tok.text) is None \
        and (not tok.is_sent_start or label == "PERSON")  # "Syed Murtaza Ali Jafri said"
