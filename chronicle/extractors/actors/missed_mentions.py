"""Candidates for names the model did not tag: Arabic particle names ("al-Sharaa", "Abu
Qatada"), a surname alone after its full name, acronyms, names opening with a known
first name (a letter's signature line), a name given an age ("Janice Coombs, 54,"), a
speaker's name in capitals before the country he speaks for, as UN meeting records print it
("JOSEPH LANGAT (Kenya)"), a body's name ending in its noun ("the Attorney General's
Office"), and a name cut by a nickname in marks ("Rodrigo “Rody” Duterte").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import given_names, known_names
from chronicle.extractors.actors.names import AGE_AFTER, fold, is_title_word
from chronicle.extractors.actors.vocab import (
    BARE_NAME_OPENERS,
    HYPHEN_ARTICLES,
    HYPHENED_PARTICLES,
    NOT_ACRONYMS,
    ORG_HEADS,
    ORG_TAILS,
    PERSON_TITLES,
    SPACED_PARTICLES,
    SURNAME_PARTICLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Parts of speech of the function words that end a name found by its first name.
_NOT_NAME_POS = {"DET", "ADP", "CCONJ", "PRON", "AUX", "PUNCT", "SCONJ", "PART", "SPACE"}


def particle_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """'al-Sharaa' and 'Abu Qatada' that the model did not tag as an entity at all."""
    out = []
    i = 0
    while i < len(doc) - 2:
        tok = doc[i]
        if i not in taken and tok.lower_ in HYPHEN_ARTICLES and doc[i + 1].text == "-" \
                and doc[i + 2].is_title and doc[i + 2].ent_type_ == "" \
                and (i + 2) not in taken:
            start, end = i, i + 3
            while start > 0 and (start - 1) not in taken and _name_word(doc[start - 1]):
                start -= 1
            out.append(candidate(doc[start:end], "PARTICLE"))
            i = end
            continue
        i += 1
    return out


def _name_word(tok: Token) -> bool:
    """A capitalised word that can open an Arabic name ('Saraya', 'Abu', 'Omar')."""
    low = tok.lower_
    if low in ORG_HEADS or low in BARE_NAME_OPENERS:
        return True
    return tok.is_title and tok.pos_ == "PROPN" and not tok.is_sent_start \
        and not is_title_word(tok.text) and known_names().get(tok.text) is None


def surname_candidates(doc: Doc, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """A surname alone ('Tarraf said') that the model did not tag, after its full name."""
    surnames = {c.words[-1] for c in found
                if c.label in {"PERSON", "PARTICLE"} and len(c.keys) >= 2 and c.known is None}
    out = []
    for tok in doc:
        if tok.i in taken or not tok.is_title or len(tok) < 3 or (
                tok.pos_ != "PROPN" and not tok.is_sent_start):
            continue
        if fold(tok.text) in surnames:
            out.append(candidate(doc[tok.i:tok.i + 1], "SURNAME"))
    return out


def acronym_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Capitalised acronyms the model missed ('FPL', 'GDF') in sentences not all in capitals."""
    out = []
    for tok in doc:
        text = tok.text.replace(".", "")
        if tok.i in taken or not (2 <= len(text) <= 7) or not text.isalpha() \
                or not text.isupper() or text in NOT_ACRONYMS or tok.pos_ != "PROPN" \
                or tok.lower_ in PERSON_TITLES:  # "MK Tamar Gilboa": a title, not a body
            continue
        if sum(t.is_lower for t in tok.sent) < 3:
            continue  # a headline in capitals: every word looks like an acronym
        out.append(candidate(doc[tok.i:tok.i + 1], "ACRONYM"))
    return out


def given_name_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """'Abdulaziz Yousef al-Mutawa' on a letter's signature line, missed by the model: a
    known first name followed by capitalised name words is a person."""
    firsts = given_names()
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not tok.is_title or fold(tok.text) not in firsts:
            i += 1
            continue
        end = _name_end(doc, i, taken)
        if end - i >= 2:
            out.append(candidate(doc[i:end], "PERSON"))
        i = end
    return out


def _name_end(doc: Doc, first: int, taken: set[int]) -> int:
    """Where the name opened by the first name at `first` ends (six words at most)."""
    end = first + 1
    while end < len(doc) and end not in taken and end - first < 6:
        nxt = doc[end]
        if nxt.is_title and nxt.pos_ not in _NOT_NAME_POS and not is_title_word(nxt.text) \
                and known_names().get(nxt.text) is None:
            end += 1
        elif nxt.lower_ in HYPHENED_PARTICLES and end + 2 < len(doc) \
                and doc[end + 1].text == "-" and doc[end + 2].is_title:
            end += 3
        elif nxt.lower_ in SPACED_PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 2
        elif (longer := surname_end(doc, end)) > end and not taken & set(range(end, longer)):
            end = longer
        else:
            break
    return end


def surname_end(doc: Doc, end: int) -> int:
    """Where a person's surname really ends: the model stops at a hyphen ("Teresa
    Alcantar" of "Alcantar-Ruiz") or at a particle ("Hanneke van" of "van der Sluis")."""
    while True:
        if end + 1 < len(doc) and doc[end].text in "-‑" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and _surname_word(doc[end + 1]):
            end += 2
            continue
        back = end  # particles the model kept or left out, then a capitalised word
        while back > 0 and doc[back - 1].lower_ in SURNAME_PARTICLES and doc[back - 1].is_lower:
            back -= 1
        step = end
        while step < len(doc) and doc[step].lower_ in SURNAME_PARTICLES and doc[step].is_lower:
            step += 1
        if (step > back) and step < len(doc) and back > 0 and _surname_word(doc[step]) \
                and not doc[back - 1].is_lower:
            end = step + 1
            continue
        return end


def _surname_word(tok: Token) -> bool:
    return tok.is_title and tok.is_alpha and not is_title_word(tok.text) \
        and tok.ent_type_ not in {"GPE", "LOC", "ORG", "NORP", "DATE"}


def delegate_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """"JOSEPH KIPROP LANGAT (Kenya) said ...": two to five words in capitals right before
    a known country in brackets are the name of the delegate who speaks for it."""
    out = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        known = known_names().get(doc[tok.i + 1].text)
        if known is None or known.kind != "country":
            continue
        start = tok.i
        while start > 0 and tok.i - start < 5 and start - 1 not in taken and \
                doc[start - 1].is_upper and len(doc[start - 1].text.strip(".-")) > 1:
            start -= 1
        if tok.i - start >= 2:
            span = doc[start:tok.i]
            out.append(candidate(span, "PERSON", surface=span.text.title()))
    return out


def body_candidates(doc: Doc, taken: set[int] | frozenset[int]) -> list[Candidate]:
    """"The Attorney General's Office filed charges": a run of capitalised words, a
    possessive or a connector inside, that ends in an organisation's last word, which the
    model left untagged, is that organisation's name (the caller leaves headlines out, as
    taken: every word is capitalised there)."""
    out = []
    for tok in doc:
        if tok.i in taken or tok.ent_type_ or not tok.is_title \
                or fold(tok.text) not in ORG_TAILS or tok.i == tok.sent.start:
            continue
        start = tok.i
        while start > tok.sent.start and start - 1 not in taken and not doc[start - 1].ent_type_ \
                and (doc[start - 1].is_title or doc[start - 1].text in ("'s", "’s")
                     or doc[start - 1].lower_ in ("of", "for", "and")):
            start -= 1
        while doc[start].lower_ in ("of", "for", "and", "'s", "’s"):
            start += 1
        if tok.i - start >= 1 and doc[start].i != tok.sent.start or tok.i - start >= 2:
            out.append(candidate(doc[start:tok.i + 1], "ORG"))
    return out


_NICKNAMED = re.compile(
    r"\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?) [“\"‘]([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)[”\"’] "
    r"((?:(?:de|del|dela|de la|van|von|al|bin|da|dos) )?[A-Z][\w'-]+)")


def nicknamed_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """"Rodrigo “Rody” Duterte", "Ronald “Bato” dela Rosa": a nickname in marks between a
    given name and a surname; the model cuts the name at the mark. The person is the name
    without the nickname."""
    out = []
    for m in _NICKNAMED.finditer(doc.text):
        given, start = m.group(1).split(), m.start()
        if given[0].lower().rstrip(".") in PERSON_TITLES:  # "Senator Ronald": the title
            given, start = given[1:], m.start(1) + len(given[0]) + 1  # stays out
        span = doc.char_span(start, m.end(), alignment_mode="expand")
        if not given or span is None or taken & set(range(span.start, span.end)):
            continue
        out.append(candidate(span, "PERSON", surface=f"{' '.join(given)} {m.group(3)}"))
    return out


_AGE_APPOSITION = (10, 110)  # ", 54," after a name: an age, so the name is a person's
_AGED_NAME_WORDS = (2, 4)


def aged_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the words [start, end) are a name followed by an age in commas ("Janice
    Coombs, 54, was the first witness"): news gives people, not bodies, an age."""
    if not _AGED_NAME_WORDS[0] <= end - start <= _AGED_NAME_WORDS[1]:
        return False
    age = AGE_AFTER.match(doc[end:end + 4].text)  # the words after it (Doc.text is rebuilt)
    return age is not None and age.group(2) != "." \
        and _AGE_APPOSITION[0] <= int(age.group(1)) <= _AGE_APPOSITION[1] \
        and all(t.is_title and t.is_alpha and not is_title_word(t.text)
                and t.lower_ not in ORG_TAILS and t.lower_ not in ORG_HEADS
                and known_names().get(t.text) is None for t in doc[start:end])


def aged_name_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """A name the model did not tag, or tagged as a body, that the text gives an age."""
    out = []
    for comma in doc:
        if comma.text != "," or comma.i < 2:
            continue
        start = comma.i
        while start > 0 and comma.i - start < _AGED_NAME_WORDS[1] and doc[start - 1].is_title \
                and doc[start - 1].is_alpha and (start - 1) not in taken:
            start -= 1
        if aged_name(doc, start, comma.i):
            out.append(cand := candidate(doc[start:comma.i], "PERSON"))
            cand.aged = True
    return out
