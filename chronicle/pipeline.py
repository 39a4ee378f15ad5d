"""Wires the stages: read -> clean -> annotate -> extract -> resolve.

`documents()` turns inputs into clean, de-duplicated `Document`s; `analyse()` runs the NLP
and the extractors over a stream of them, one `DocumentResult` each; `extract()` adds the
run-wide actor resolution and yields the records of CONTRACT.md. `ingest` (store) and the
Dask runner (scale) reuse the first two and resolve against the store instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from chronicle import lang
from chronicle.clean import normalised_key, to_documents
from chronicle.errors import InputError
from chronicle.read import read_inputs
from chronicle.records import Document, DocumentResult, RawDocument, Record
from chronicle.resolve import Resolver
from chronicle.settings import Settings

ErrorHandler = Callable[[InputError], None]
Input = str | os.PathLike[str] | Document | RawDocument


def _ignore(_: InputError) -> None:
    return None


def documents(inputs: Iterable[Input], on_error: ErrorHandler = _ignore) -> Iterator[Document]:
    """Clean documents from files, folders, `-` (JSON Lines on stdin) or raw strings.

    Identical texts (after normalisation) are read once; ids stay unique in the run.
    """
    seen_text: set[str] = set()
    seen_ids: set[str] = set()
    for raw in read_inputs(inputs, on_error):
        for doc in _cleaned(raw, on_error):
            key = normalised_key(doc.text)
            if not key or key in seen_text:
                continue
            seen_text.add(key)
            doc = _unique_id(doc, seen_ids)
            seen_ids.add(doc.id)
            yield doc


def collect_documents(inputs: Iterable[Input], on_error: ErrorHandler = _ignore
                      ) -> list[Document]:
    """All documents of a run; a duplicate lends the kept copy what it lacks (date, title).

    A scraped .txt and the .jsonl of the same articles may both be given: whichever is read
    first is kept, and the publication date that anchors its dates is not lost.
    """
    kept: dict[str, Document] = {}
    seen_ids: set[str] = set()
    for raw in read_inputs(inputs, on_error):
        for doc in _cleaned(raw, on_error):
            key = normalised_key(doc.text)
            if not key:
                continue
            if key in kept:
                old = kept[key]
                kept[key] = replace(old, date=old.date or doc.date, title=old.title or doc.title,
                                    outlet=old.outlet or doc.outlet, url=old.url or doc.url)
                continue
            doc = _unique_id(doc, seen_ids)
            seen_ids.add(doc.id)
            kept[key] = doc
    return list(kept.values())


def _cleaned(raw: RawDocument, on_error: ErrorHandler) -> list[Document]:
    docs = to_documents(raw)
    if not docs:
        on_error(InputError(raw.source, "no article text (only debris lines)"))
    return docs


def _unique_id(doc: Document, seen: set[str]) -> Document:
    if doc.id not in seen:
        return doc
    n = 2
    while f"{doc.id}#{n}" in seen:
        n += 1
    return replace(doc, id=f"{doc.id}#{n}")


def analyse(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[DocumentResult]:
    """Annotate documents with spaCy and run every extractor on each."""
    from chronicle.extractors import extract_document
    from chronicle.nlp import load_nlp

    settings = settings or Settings()
    lang.use(settings.lang)
    nlp = load_nlp(settings.model)
    pairs = ((doc.text, doc) for doc in docs)
    for spacy_doc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        yield extract_document(doc, spacy_doc, settings)


def extract(inputs: Iterable[Input], settings: Settings | None = None,
            on_error: ErrorHandler = _ignore) -> Iterator[Record]:
    """The records of `chronicle extract`: documents, then actors, events, quotes, timexes,
    and last the incidents (events that report the same happening)."""
    from chronicle.incidents import group

    lang.use((settings or Settings()).lang)
    results = list(analyse(collect_documents(inputs, on_error), settings))
    resolver = Resolver()
    actor_of: dict[str, str] = {}
    for result in results:
        actor_of.update(resolver.add(result.entities))
    actors = resolver.actors()
    for result in results:
        yield result.document
    yield from actors
    rewritten = [resolver.rewrite(result) for result in results]
    grouping = group(rewritten, actor_of)
    for result in rewritten:
        result = grouping.tag(result)
        yield from result.events
        yield from result.quotes
        yield from result.timexes
    yield from grouping.incidents
