"""Which candidate mentions name the same actor: an acronym in parentheses after a name,
an alias after a cue ("also known as", "whose followers call him")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import known_names
from chronicle.extractors.actors.names import acronym_of, is_acronym
from chronicle.extractors.actors.vocab import ALIAS_CUES, ORG_HEADS, ORG_TAILS

if TYPE_CHECKING:
    from spacy.tokens import Doc


def acronym_pairs(doc: Doc, cands: list[Candidate]) -> list[tuple[int, int]]:
    """Candidates 'Hayat Tahrir al-Sham' and '(HTS)' right after it: the same actor."""
    by_start = {c.start: n for n, c in enumerate(cands)}
    pairs = []
    for n, cand in enumerate(list(cands)):
        e = cand.end
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text in {")", ",", ";"} \
                and is_acronym(doc[e + 1].text) and _abbreviates(doc[e + 1].text, cand):
            m = by_start.get(e + 1)
            if m is None:
                m = len(cands)
                cands.append(candidate(doc[e + 1:e + 2], "ACRONYM"))
            pairs.append((n, m))
    return pairs


def _abbreviates(acronym: str, cand: Candidate) -> bool:
    """'(HTS)' after 'Hayat Tahrir al-Sham', not the '(AP)' credit after 'BEIRUT, Lebanon'.

    The letters must follow the name's initials in order, unless the name is an
    organisation the text does not otherwise know (acronyms from another language: PKK)."""
    if _placeish(cand) and (cand.known is None or cand.known.kind != "organization"):
        return False
    initials = iter(acronym_of(cand.surface).upper() + "".join(
        w[0].upper() for w in cand.surface.split() if w[:1].islower()))
    letters = acronym.replace(".", "").upper()
    if letters[0] == acronym_of(cand.surface)[:1].upper() and all(
            ch in initials for ch in letters):
        return True
    known = known_names().get(acronym)
    words = {w.lower() for w in cand.surface.split()}
    organisation = cand.label in {"ORG", "NORP", "PARTICLE", "LED"} or bool(
        words & (ORG_HEADS | ORG_TAILS))
    return organisation and (known is None or known.canonical == cand.surface)


# The whole gap between two names: a comma or a bracket, then one cue (lang/en/alias-cues.txt).
_ALIAS_GAP = re.compile(r"^\s*[,(]\s*(?:{})\s*$".format("|".join(ALIAS_CUES)), re.IGNORECASE)


def alias_pairs(doc: Doc, cands: list[Candidate]) -> list[tuple[int, int]]:
    """'Omar Khalil, also known as Abu Hamza': both names denote one person.

    When the name before the cue is a place ('a smuggler from Tell Hamdan, whose followers
    call him Abu Tariq'), the alias goes to the nearest person before it in the sentence."""
    ordered = sorted(range(len(cands)), key=lambda n: cands[n].start_char)
    text = doc.text  # built anew on each access: once here
    pairs = []
    for pos, (a, b) in enumerate(pairwise(ordered)):
        gap = text[cands[a].end_char:cands[b].start_char]
        if len(gap) >= 40 or not _ALIAS_GAP.match(gap.replace("“", "").replace('"', "")):
            continue
        owner = a
        if _placeish(cands[a]):
            sent_start = doc[cands[b].start].sent.start_char
            people = [m for m in ordered[:pos] if cands[m].start_char >= sent_start
                      and not _placeish(cands[m]) and cands[m].label in {"PERSON", "PARTICLE"}]
            if not people:
                continue
            owner = people[-1]
        pairs.append((owner, b))
    return pairs


def _placeish(cand: Candidate) -> bool:
    return cand.place_cue or (cand.known is not None and cand.known.kind != "person")
