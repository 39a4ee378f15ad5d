"""Headlines in capitals ("PAKISTAN OFFERS TO MEDIATE BETWEEN IRAN AND SAUDI ARABIA") and
in Title Case ("Japan Scrambles Fighter Jets Over Chinese Drones").

The small model tags every capitalised word of such a line as a proper noun, so no verb
is found and no trigger matches (nlp/casing.py finds the lines). Such a sentence is parsed
again in ordinary case: names the actors layer found keep capitals, every other word is
lower-cased, the first is capitalised. A Title Case headline's event that the story's
opening tells again is left to the story (`without_restated`). The copy is padded with
one whitespace token as wide as the sentence's offset, so its tokens carry the original
character offsets and `DocActors.refer` still finds the mentions under them; line
matchers read a line from its first word, so the padding costs them nothing
(dates/layout.py).

The padding is made as a token, not as text for the tokenizer: a text of spaces as long as
the offset cost the tokenizer time linear in the offset for every headline (quadratic over
a document in capitals: 7 of the 24 s a 30,000-character part took). Each width is a new
string in the model's vocabulary; the analysis loop runs every batch in a spaCy memory
zone (chronicle/analysis.py), which frees them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from chronicle.nlp.casing import caps_line, title_line

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from chronicle.extractors.actors.document import DocActors
    from chronicle.extractors.events.drafts import Draft

RESTATED = 3  # sentences after a headline within which the story tells its event again


def recased(sent: Span, actors: DocActors) -> str | None:
    """The sentence in ordinary case; None if casing changed its length. Names the actors
    layer found keep capitals (an all-caps name in Title Case); in a Title Case line so
    do words in capitals ("ISIL"), but not the unnamed groups ("Fighter Jets")."""
    text = sent.text
    chars = list(text.lower())
    base = sent.start_char
    for start, end, key in actors.mentions_between(base, sent.end_char):
        words = text[start - base:end - base]
        if not words.isupper() and key in actors.generic:
            continue
        cased = words if not words.isupper() else " ".join(
            w if len(w) <= 3 or "." in w else w.title() for w in words.split(" "))
        if len(cased) == end - start:
            chars[start - base:end - base] = cased
    for tok in sent if not caps_line(sent) else ():
        if tok.is_upper and len(tok) > 1:
            chars[tok.idx - base:tok.idx - base + len(tok)] = tok.text
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = chars[first].upper()
    out = "".join(chars)
    return out if len(out) == len(text) else None


def without_restated(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A Title Case headline's event that the story's opening tells again ("Syrian Army
    Kills 60 Terrorists in Deir Ezzor" over "The Syrian army clashed with ...") is left to
    the story, whose sentence names the parties and the toll in full; a headline the
    opening does not restate keeps its event, and so does a headline standing alone. A
    wire headline in capitals keeps its event: it is the report as the wire sent it."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    where = [max(0, bisect_right(starts, d.cand.tok.idx) - 1) for d in drafts]
    heads = [title_line(sents[n]) for n in where]
    return [d for d, n, head in zip(drafts, where, heads) if not head or not any(
        not h and n < m <= n + RESTATED and e.cand.type == d.cand.type
        for e, m, h in zip(drafts, where, heads))]


def _placed(nlp: Language, text: str, offset: int) -> Doc:
    """`text` tokenized as if it stood at `offset`: its tokens' character offsets are true."""
    from spacy.tokens import Doc

    tokens = nlp.tokenizer(text)
    pad = [" " * offset] if offset else []  # as the tokenizer reads leading spaces
    words = pad + [t.text for t in tokens]
    spaces = [False] * len(pad) + [bool(t.whitespace_) for t in tokens]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def reparse(doc: Doc, actors: DocActors, model: str) -> list[tuple[Span, Span]]:
    """(original sentence, the same sentence parsed in ordinary case) for headline lines,
    parsed by the run's own model, all of a document's in one batch."""
    sents = [s for s in doc.sents if caps_line(s) or title_line(s)]
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
