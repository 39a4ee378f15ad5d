"""Letters and memos: "I" is whoever signs below, "Your Excellency" whoever is addressed above.

Archival correspondence quotes no one: its first person is the writer. A letter is found by
its lines: a person's name alone on a line is a signature, unless the line opens with "His
Excellency", "To" or "Dear", which makes it the address. A document may hold several letters;
each pronoun takes the signature that follows it and the address that precedes it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.actors.vocab import (
    ADDRESS_OWNERS,
    ADDRESSEE_STYLES,
    FIRST_PERSON,
    SALUTATIONS,
    SECOND_PERSON,
    STYLE_OWNERS,
    STYLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.index import ActorIndex


def _either(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words))


# An address line: "His Excellency X", "To X", "Dear X" (lang/en/letters.txt).
_ADDRESS = re.compile(rf"^\s*(?:(?:{_either(STYLE_OWNERS)})\s+(?:{_either(STYLES)})"
                      rf"|(?:{_either(SALUTATIONS)}))\b", re.IGNORECASE)


@dataclass
class LetterParties:
    signatures: list[tuple[int, str]] = field(default_factory=list)  # (offset, entity key)
    addresses: list[tuple[int, str]] = field(default_factory=list)

    def writer(self, offset: int) -> str | None:
        i = bisect_left(self.signatures, (offset, ""))
        return self.signatures[i][1] if i < len(self.signatures) else None

    def addressee(self, offset: int) -> str | None:
        i = bisect_right(self.addresses, (offset, "\uffff")) - 1
        return self.addresses[i][1] if i >= 0 else None


def letter_parties(actors: ActorIndex) -> LetterParties:
    """Signature and address lines of the document's letters (none in ordinary news)."""
    parties = LetterParties()
    if actors.doc is None:
        return parties
    text = actors.doc.text
    kinds = {e.key: e.kind for e in actors.entities}
    for start, end, key in actors.spans:
        if kinds.get(key) != "person":
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        rest = line[end - line_start:].strip(" ,.")
        if _ADDRESS.match(line) and len(line) < 120:
            parties.addresses.append((start, key))
        elif line_start == start and not rest:
            parties.signatures.append((start, key))
    return parties


def letter_party(token: Token, parties: LetterParties) -> str | None:
    """The writer for "I"/"we" and the addressee for "you"/"Your Excellency", outside quotes."""
    if not parties.signatures:
        return None
    low = token.lower_
    if low in FIRST_PERSON:
        return parties.writer(token.idx)
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if low in SECOND_PERSON or (low in ADDRESSEE_STYLES and before in ADDRESS_OWNERS):
        return parties.addressee(token.idx)
    return None
