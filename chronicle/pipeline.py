"""Wires the stages: read -> clean -> analyse (nlp, extractors) -> resolve.

`documents()` turns inputs into clean, de-duplicated `Document`s as a stream;
`analysis.outcomes()` runs the NLP and the extractors over them, one isolated outcome each;
`extract()` resolves actors across the run and yields the records of CONTRACT.md as soon
as they are final. `ingest` (store) and the Dask runner (scale) reuse the first two and
resolve against the store instead.

Memory stays flat in the number of documents: nothing holds the texts of a run (duplicates
are recognised by a 16-byte digest of the normalised text), and `extract` writes each
document with its events, quotes and dates as soon as its entities are resolved (an actor
id is final once assigned); only the actors, which grow with every document that names
them, wait for the end.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from chronicle import lang
from chronicle.analysis import analyse, outcomes
from chronicle.clean import normalised_key, to_documents
from chronicle.errors import DocumentError, InputError
from chronicle.incidents import Grouping
from chronicle.isolation import Failed, failure, stage
from chronicle.read import read_inputs
from chronicle.records import Document, DocumentResult, RawDocument, Record
from chronicle.resolve import Resolver
from chronicle.settings import Settings

ErrorHandler = Callable[[InputError], None]
Input = str | os.PathLike[str] | Document | RawDocument

__all__ = ["Input", "analyse", "collect_documents", "documents", "extract", "text_digest"]


def _ignore(_: InputError) -> None:
    return None


def text_digest(text: str) -> bytes:
    """What duplicates are told apart by: 16 bytes instead of the whole normalised text."""
    key = normalised_key(text)
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest() if key else b""


@dataclass(frozen=True, slots=True)
class _Lent:
    """What later copies of a text offer the copy that is kept (the first non-null each)."""

    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


def documents(inputs: Iterable[Input], on_error: ErrorHandler = _ignore,
              lent: dict[bytes, Any] | None = None) -> Iterator[Document]:
    """Clean documents from files, folders, `-` (JSON Lines on stdin) or raw strings.

    Identical texts (after normalisation) are read once; ids stay unique in the run. With
    `lent` (see `lendings`), a kept copy gets the date, title, outlet and url it lacks from
    later copies.
    """
    seen_text: set[bytes] = set()
    seen_ids: set[str] = set()
    for raw in read_inputs(inputs, on_error):
        for doc in _cleaned(raw, on_error):
            key = text_digest(doc.text)
            if not key or key in seen_text:
                continue
            seen_text.add(key)
            doc = _unique_id(doc, seen_ids)
            seen_ids.add(doc.id)
            extra = (lent or {}).get(key)
            if extra is not None:
                doc = replace(doc, date=doc.date or extra.date, title=doc.title or extra.title,
                              outlet=doc.outlet or extra.outlet, url=doc.url or extra.url)
            yield doc


def lendings(inputs: Iterable[Input]) -> dict[bytes, _Lent]:
    """A first, silent pass over re-readable inputs: what later copies of a text offer.

    A scraped .txt and the .jsonl of the same articles may both be given: whichever is read
    first is kept, and the publication date that anchors its dates is not lost. Only
    duplicates take room here.
    """
    seen: set[bytes] = set()
    lent: dict[bytes, _Lent] = {}
    for raw in read_inputs(inputs, _ignore):
        for doc in _cleaned(raw, _ignore):
            key = text_digest(doc.text)
            if key not in seen:
                seen.add(key)
                continue
            old = lent.get(key, _Lent())
            lent[key] = _Lent(old.date or doc.date, old.title or doc.title,
                              old.outlet or doc.outlet, old.url or doc.url)
    return lent


def collect_documents(inputs: Iterable[Input], on_error: ErrorHandler = _ignore
                      ) -> list[Document]:
    """All documents of a run, duplicates lending the kept copies what they lack."""
    items = list(inputs)
    return list(documents(items, on_error, lendings(items) if _rereadable(items) else None))


def _rereadable(items: list[Any]) -> bool:
    """Whether the inputs can be read twice (standard input cannot)."""
    return not any(isinstance(item, str) and item == "-" for item in items)


def _cleaned(raw: RawDocument, on_error: ErrorHandler) -> list[Document]:
    try:
        with stage("clean"):
            docs = to_documents(raw)
    except Exception as exc:  # noqa: BLE001 - that input only
        bare = Document(id=raw.id or raw.source, text=raw.text, source=raw.source,
                        line=raw.line)
        on_error(failure(bare, exc, "clean"))
        return []
    if not docs:
        on_error(InputError(f"{raw.source}:{raw.line}" if raw.line else raw.source,
                            "no article text (only debris lines)"))
    return docs


def _unique_id(doc: Document, seen: set[str]) -> Document:
    if doc.id not in seen:
        return doc
    n = 2
    while f"{doc.id}#{n}" in seen:
        n += 1
    return replace(doc, id=f"{doc.id}#{n}")


def extract(inputs: Iterable[Input], settings: Settings | None = None,
            on_error: ErrorHandler = _ignore) -> Iterator[Record]:
    """The records of `chronicle extract`, streamed: each document with its events, quotes
    and dates as soon as it is resolved, then the actors of the whole run, then the
    incidents (events that report the same happening; each event names its own).

    A document that fails (in any stage) goes to `on_error` as a DocumentError, and the run
    goes on. Inputs given as a list or tuple are read twice (a first pass finds what
    duplicates lend, see `lendings`); standard input and one-shot iterators once.
    """
    settings = settings or Settings()
    lang.use(settings.lang)
    items: Iterable[Input] = inputs
    lent = None
    if isinstance(inputs, list | tuple):
        items = list(inputs)
        lent = lendings(items) if _rereadable(items) else None
    resolver = Resolver()
    grouping = Grouping()
    for outcome in outcomes(documents(items, on_error, lent), settings):
        if isinstance(outcome, Failed):
            on_error(outcome.error)
            continue
        resolved = _resolved(resolver, grouping, outcome)
        if isinstance(resolved, DocumentError):
            on_error(resolved)
            continue
        yield resolved.document
        yield from resolved.events
        yield from resolved.quotes
        yield from resolved.timexes
    yield from resolver.actors()
    yield from grouping.incidents


def _resolved(resolver: Resolver, grouping: Grouping, result: DocumentResult
              ) -> DocumentResult | DocumentError:
    try:
        with stage("resolve"):
            actor_of = resolver.add(result.entities)
            rewritten = resolver.rewrite(result)
        with stage("incidents"):
            grouping.add(rewritten, actor_of)
            return grouping.tag(rewritten)
    except Exception as exc:  # noqa: BLE001 - that document only
        return failure(result.document, exc)
