"""All-caps headlines ("PAKISTAN OFFERS TO MEDIATE BETWEEN IRAN AND SAUDI ARABIA").

The small model tags every word of an all-caps line as a proper noun, so no verb is found
and no trigger matches. Such a sentence is parsed again in ordinary case: names the actors
layer found keep capitals, every other word is lower-cased, the first is capitalised. The
copy is padded with one whitespace token as wide as the sentence's offset, so its tokens
carry the original character offsets and `DocActors.refer` still finds the mentions under
them.

The padding is made as a token, not as text for the tokenizer: a text of spaces as long as
the offset cost the tokenizer time linear in the offset for every headline (quadratic over
a document in capitals: 7 of the 24 s a 30,000-character part took). Each width is a new
string in the model's vocabulary; the analysis loop runs every batch in a spaCy memory
zone (chronicle/analysis.py), which frees them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
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
    """The sentence in ordinary case; None if casing changed its length."""
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
    return out if len(out) == len(text) else None


def _placed(nlp: Language, text: str, offset: int) -> Doc:
    """`text` tokenized as if it stood at `offset`: its tokens' character offsets are true."""
    from spacy.tokens import Doc

    tokens = nlp.tokenizer(text)
    pad = [" " * offset] if offset else []  # as the tokenizer reads leading spaces
    words = pad + [t.text for t in tokens]
    spaces = [False] * len(pad) + [bool(t.whitespace_) for t in tokens]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def reparse(doc: Doc, actors: DocActors, model: str) -> list[tuple[Span, Span]]:
    """(original sentence, the same sentence parsed in ordinary case) for caps lines,
    parsed by the run's own model, all of a document's in one batch."""
    sents = caps_sentences(doc)
    if not sents:
        return []
    from chronicle.nlp import load_nlp

    nlp = load_nlp(model)
    todo = [(sent, text) for sent in sents if (text := recased(sent, actors)) is not None]
    copies = nlp.pipe(_placed(nlp, text, sent.start_char) for sent, text in todo)
    out = []
    for (sent, _), copy in zip(todo, copies):
        span = copy.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is not None:
            out.append((sent, span))
    return out
