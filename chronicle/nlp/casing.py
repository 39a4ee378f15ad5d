"""Lines the small model cannot read for their casing: all-caps lines and Title Case
headlines.

The model reads every capitalised word as a name, so in "PAKISTAN OFFERS TO MEDIATE" and
in "Syrian Army Kills over 60 Terrorists in Deir Ezzor" it finds no verb and glues
headline words into names ("Syrian Coalition Decries"). The events layer parses all-caps
lines again in ordinary case (extractors/events/headlines.py); the actors layer treats a
Title Case line as a headline, whose names the story must vouch for
(extractors/actors/headings.py), even when a scraped page glued it to the story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MIN_WORDS = 3
TITLE_WORDS = 4  # capitalised long words that make a line a Title Case headline


def caps_line(sent: Span) -> bool:
    """A sentence whose words are (nearly) all upper case."""
    words = [t for t in sent if t.is_alpha and len(t) > 1]
    upper = sum(t.is_upper for t in words)
    return len(words) >= MIN_WORDS and upper >= 0.8 * len(words) and upper >= MIN_WORDS


def title_line(sent: Span) -> bool:
    """Nearly every word of four letters or more capitalised, most in Title Case (not a
    name in capitals before its country: "JOSEPH LANGAT (Kenya)"), and no verb in lower
    case (a sentence full of names still writes "said" small)."""
    long = [t for t in sent if t.is_alpha and len(t) > 3]
    capitals = sum(t.text[0].isupper() for t in long)
    titled = sum(t.text[0].isupper() and not t.is_upper for t in long)
    return len(long) >= TITLE_WORDS and capitals >= 0.8 * len(long) and \
        titled >= TITLE_WORDS - 1 and not caps_line(sent) \
        and not any(t.is_lower and t.pos_ in ("VERB", "AUX") for t in sent)


def headline_tokens(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """The tokens of a document's Title Case lines, and of all its headline lines (Title
    Case or capitals), each sentence judged once."""
    titled: set[int] = set()
    heads: set[int] = set()
    for sent in doc.sents:
        title = title_line(sent)
        if title or caps_line(sent):
            heads.update(range(sent.start, sent.end))
            if title:
                titled.update(range(sent.start, sent.end))
    return frozenset(titled), frozenset(heads)
