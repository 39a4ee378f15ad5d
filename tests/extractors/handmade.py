"""Parses built by hand, as spaCy's own tests build them: a rule test says exactly which
tokens, heads and labels it relies on, and needs no model."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

Row = tuple  # (word, head, dep, pos) or (word, head, dep, pos, lemma); head: token index
VOCAB = English().vocab  # English lexical attributes (lower case, punctuation), no model


def parsed(text: str, rows: list[Row]) -> Doc:
    """A parsed Doc whose text is exactly `text`: the words of `rows` in order, separated
    by nothing or by one space."""
    words, spaces, pos = [w for w, *_ in rows], [], 0
    for word in words:
        pos = text.index(word, pos) + len(word)
        spaces.append(text[pos:pos + 1] == " ")
        pos += spaces[-1]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows],
              lemmas=[r[4] if len(r) > 4 else r[0].lower() for r in rows])
    assert doc.text == text, doc.text
    return doc


def sentences(*parts: str) -> Doc:
    """A Doc of these sentences (joined by one space), split into words at spaces and
    before a final full stop or comma; each part starts a sentence."""
    words, spaces, starts = [], [], []
    for part in parts:
        tokens = []
        for chunk in part.split(" "):
            tokens += [chunk[:-1], chunk[-1]] if chunk[-1:] in ".," and len(chunk) > 1 \
                else [chunk]
        for i, tok in enumerate(tokens):
            words.append(tok)
            starts.append(i == 0)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            spaces.append(nxt is None or nxt not in ".,")
    spaces[-1] = False
    return Doc(VOCAB, words=words, spaces=spaces, sent_starts=starts)
