"""The analysis of a stream of documents, each one isolated from the others.

`outcomes()` yields, in input order, a `DocumentResult` for every document analysed and a
`Failed` for every document that raised, in any stage, or ran past its time budget: one
document costs only itself. What ends the run instead is what no document can fix: a
missing model or bad settings (ModelError, ConfigError), or Ctrl-C.

The cost of one document is bounded three ways:

- spaCy parses a shielded copy of the text (nlp/shield.py): runs of punctuation that would
  make tokenising quadratic are blanked, offsets unchanged;
- a document longer than `Settings.part_chars` is parsed and analysed part by part, and the
  parts' records are merged with offsets into the whole text (parts.py), so memory follows
  the part, not the document;
- each parse and each extraction runs under `Settings.time_budget` (isolation.py).

Documents are parsed in batches of `Settings.batch_size` (nlp.pipe); when a batch fails or
runs past the budget of all its documents, its documents are parsed one by one, so the bad
one is found and the others are kept. Each batch runs in a spaCy memory zone: the words,
numbers and names it adds to the model's vocabulary are freed with it, so a long run does
not grow with every new string it meets (only plain records leave the zone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from chronicle import lang
from chronicle.errors import DocumentError
from chronicle.isolation import (
    RUN_ERRORS,
    BudgetExceeded,
    Failed,
    Outcome,
    failure,
    stage,
    time_budget,
)
from chronicle.parts import merge_parts, part_bounds, part_document
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings

# spaCy's Language and Doc: only nlp/ and extractors/ import spaCy, so here they are opaque
Language = Any
Parsed = Any


def outcomes(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[Outcome]:
    """A DocumentResult or a Failed for every document, in input order."""
    from chronicle.nlp import load_nlp

    settings = settings or Settings()
    lang.use(settings.lang)
    nlp = load_nlp(settings.model)
    source = iter(docs)
    while batch := list(islice(source, max(1, settings.batch_size))):
        with nlp.memory_zone():  # the batch's strings leave the vocabulary with it
            yield from _batch(nlp, batch, settings)


def _batch(nlp: Language, batch: list[Document], settings: Settings) -> Iterator[Outcome]:
    limit = settings.part_chars
    parsed = _parse(nlp, [doc for doc in batch if len(doc.text) <= limit], settings)
    parsed.reverse()
    for doc in batch:
        if len(doc.text) > limit:
            yield _in_parts(nlp, doc, settings)
            continue
        tree = parsed.pop()  # a parse is large: let it go as soon as its records are out
        yield tree if isinstance(tree, Failed) else _extracted(doc, tree, settings)


def _parse(nlp: Language, docs: list[Document], settings: Settings) -> list[Parsed | Failed]:
    """The parses of `docs` (one batch), or the failure of each document that has none."""
    from chronicle.nlp.shield import shielded

    if not docs:
        return []
    texts = [shielded(doc.text) for doc in docs]
    try:
        with stage("nlp"), time_budget(settings.time_budget * len(docs)):
            return list(nlp.pipe(texts, batch_size=len(texts)))
    except RUN_ERRORS:
        raise
    except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - one bad document
        if len(docs) == 1:
            return [Failed(docs[0], failure(docs[0], exc, "nlp", settings.time_budget))]
    return [_parse_one(nlp, doc, text, settings) for doc, text in zip(docs, texts)]


def _parse_one(nlp: Language, doc: Document, text: str, settings: Settings) -> Parsed | Failed:
    try:
        with stage("nlp"), time_budget(settings.time_budget):
            return nlp(text)
    except RUN_ERRORS:
        raise
    except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - that document only
        return Failed(doc, failure(doc, exc, "nlp", settings.time_budget))


def _extracted(doc: Document, parsed: Parsed, settings: Settings) -> Outcome:
    from chronicle.extractors import extract_document

    try:
        with time_budget(settings.time_budget):
            return extract_document(doc, parsed, settings)
    except RUN_ERRORS:
        raise
    except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - that document only
        return Failed(doc, failure(doc, exc, None, settings.time_budget))


def _in_parts(nlp: Language, doc: Document, settings: Settings) -> Outcome:
    """A long document, parsed and analysed one part at a time, merged into one result."""
    from chronicle.extractors import extract_document
    from chronicle.nlp.shield import shielded

    results: list[tuple[int, DocumentResult]] = []
    try:
        for start, end in part_bounds(doc.text, settings.part_chars):
            part = part_document(doc, start, end)
            with stage("nlp"), time_budget(settings.time_budget):
                parsed = nlp(shielded(part.text))
            with time_budget(settings.time_budget):
                results.append((start, extract_document(part, parsed, settings)))
            del parsed
        return merge_parts(doc, results)
    except RUN_ERRORS:
        raise
    except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - that document only
        return Failed(doc, failure(doc, exc, None, settings.time_budget))


def analyse(docs: Iterable[Document], settings: Settings | None = None,
            on_error: Callable[[DocumentError], None] | None = None
            ) -> Iterator[DocumentResult]:
    """The results of the documents that could be analysed; each failure goes to
    `on_error`, or, without one, is raised (as an analyser that knows no isolation does)."""
    for outcome in outcomes(docs, settings):
        if isinstance(outcome, DocumentResult):
            yield outcome
        elif on_error is None:
            raise outcome.error
        else:
            on_error(outcome.error)
