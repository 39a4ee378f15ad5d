"""Gender of the people of one document, so that "she" does not go to Mr Haddad.

From a known first name (lang/en/given_names.tsv) and from an honorific before a mention
("Mr", "Ms", "Sheikha": lang/en/honorifics.tsv); an entity with conflicting cues has none.
Names from everywhere outrun any list, so the text is asked too: the pronoun that follows a
person named as a sentence's subject, with no other person between ("Fergus Dunbar has kept
the light ..., and his wife ...", "Ellison said she would ..."), or that opens the next
sentence when that sentence names nobody else. Those votes count only when the name and
honorific say nothing, and only when they agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.known import given_names
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.vocab import FEMALE_PRONOUNS, HONORIFICS, PERSON_PRONOUNS
from chronicle.nlp.labels import NOMINAL_SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronicle.extractors.actors.index import ActorIndex

MAX_PRONOUN_DISTANCE = 25  # tokens between a subject's name and the pronoun that votes


def genders(actors: ActorIndex) -> dict[str, str]:
    firsts = given_names()
    text = actors.doc.text if actors.doc is not None else ""  # Doc.text is rebuilt per access
    told = _pronoun_votes(actors) if actors.doc is not None else {}
    out: dict[str, str] = {}
    for ent in actors.entities:
        if ent.kind != "person":
            continue
        votes = [firsts.get(fold(n).split()[0]) for n in [ent.name, *ent.names]
                 if len(n.split()) >= 2]
        votes += [HONORIFICS.get(r.title.lower()) for r in ent.roles]
        if text:
            for span in ent.mentions:
                before = text[max(0, span.start - 8):span.start].split()
                if before:
                    votes.append(HONORIFICS.get(before[-1].lower()))
        found = {v for v in votes if v} or set(told.get(ent.key, ()))
        if len(found) == 1:
            out[ent.key] = found.pop()
    return out


def _pronoun_votes(actors: ActorIndex) -> dict[str, list[str]]:
    """Entity key -> the genders of the pronouns that refer back to it unambiguously."""
    doc = actors.doc
    assert doc is not None
    people = {e.key for e in actors.entities if e.kind == "person"}
    heads: dict[int, str] = {}  # token index of a person mention's head -> key
    for start, end, key in actors.spans:
        if key in people:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                heads[span.root.i] = key
    votes: dict[str, list[str]] = {}
    for i, key in heads.items():
        if doc[i].dep_ not in NOMINAL_SUBJECTS:
            continue
        pronoun = _next_pronoun(doc, i, heads)
        if pronoun is not None:
            votes.setdefault(key, []).append("f" if pronoun in FEMALE_PRONOUNS else "m")
    return votes


def _next_pronoun(doc: Doc, i: int, heads: dict[int, str]) -> str | None:
    """The first person pronoun after token i, in its sentence or opening the next one,
    before any other person is named; None when another person comes first."""
    sent = doc[i].sent
    limit = min(len(doc), i + MAX_PRONOUN_DISTANCE)
    j = i + 1
    while j < limit:
        tok = doc[j]
        if j in heads and heads[j] != heads[i]:
            return None
        if tok.lower_ in PERSON_PRONOUNS and not _in_quote(doc, j):
            return tok.lower_
        if j >= sent.end:  # only the next sentence's first word may still vote
            return None
        j += 1
    return None


def _in_quote(doc: Doc, j: int) -> bool:
    """A pronoun inside quote marks speaks of someone else ("“He lied,” she said")."""
    before = doc[doc[j].sent.start:j].text
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1 or \
        before.count("``") > before.count("''")
