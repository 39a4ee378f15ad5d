"""All-caps headlines ("PAKISTAN OFFERS TO MEDIATE BETWEEN IRAN AND SAUDI ARABIA").

The small model tags every word of an all-caps line as a proper noun, so no verb is found
and no trigger matches. Such a sentence is parsed again in ordinary case: names the actors
layer found keep capitals, every other word is lower-cased, the first is capitalised. The
copy is padded with spaces to the sentence's offset, so its tokens carry the original
character offsets and `DocActors.refer` still finds the mentions under them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from chronicle.extractors.actors.document import DocActors

MIN_WORDS = 3


def caps_sentences(doc: Doc) -> list[Span]:
    """Sentences whose words are (nearly) all upper case."""
    out = []
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha and len(t) > 1]
        upper = sum(t.is_upper for t in words)
        if len(words) >= MIN_WORDS and upper >= 0.8 * len(words) and upper >= MIN_WORDS:
            out.append(sent)
    return out


def recased(sent: Span, actors: DocActors) -> str | None:
    """The sentence in ordinary case, padded to its offset; None if casing changed length."""
    text = sent.text
    chars = list(text.lower())
    base = sent.start_char
    for start, end, _key in actors.mentions_between(base, sent.end_char):
        words = text[start - base:end - base]
        cased = " ".join(w if len(w) <= 3 or "." in w else w.title()
                         for w in words.split(" "))
        if len(cased) == end - start:
            chars[start - base:end - base] = cased
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = chars[first].upper()
    out = "".join(chars)
    if len(out) != len(text):
        return None
    return " " * base + out


def reparse(doc: Doc, actors: DocActors, model: str) -> list[tuple[Span, Span]]:
    """(original sentence, the same sentence parsed in ordinary case) for caps lines,
    parsed by the run's own model."""
    sents = caps_sentences(doc)
    if not sents:
        return []
    from chronicle.nlp import load_nlp

    nlp = load_nlp(model)
    out = []
    for sent in sents:
        text = recased(sent, actors)
        if text is None:
            continue
        copy = nlp(text)
        span = copy.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is not None:
            out.append((sent, span))
    return out
