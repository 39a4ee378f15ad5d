"""Gender of the people of one document, so that "she" does not go to Mr Haddad.

From a known first name (lang/en/given_names.tsv) and from an honorific before a mention
("Mr", "Ms", "Sheikha": lang/en/honorifics.tsv); an entity with conflicting cues has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.known import given_names
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.vocab import HONORIFICS

if TYPE_CHECKING:
    from chronicle.extractors.actors.index import ActorIndex

def genders(actors: ActorIndex) -> dict[str, str]:
    firsts = given_names()
    text = actors.doc.text if actors.doc is not None else ""  # Doc.text is rebuilt per access
    out: dict[str, str] = {}
    for ent in actors.entities:
        if ent.kind != "person":
            continue
        votes = [firsts.get(fold(n).split()[0]) for n in [ent.name, *ent.names]
                 if len(n.split()) >= 2]
        if text:
            for span in ent.mentions:
                before = text[max(0, span.start - 8):span.start].split()
                if before:
                    votes.append(HONORIFICS.get(before[-1].lower()))
        found = {v for v in votes if v}
        if len(found) == 1:
            out[ent.key] = found.pop()
    return out
