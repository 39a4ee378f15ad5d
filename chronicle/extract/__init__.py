"""Extractors: pure functions from one annotated document to records.

Order matters: actors first (events and quotes point at them), then dates (events take
their dates), then events and quotes.

`chronicle.extract` is also the public function of the Python API (`chronicle.extract(
["articles/"])`, the same as the CLI command): the package is made callable so that the name
serves both, and `import chronicle.extract.quotes` keeps working.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from chronicle.extract.actors import find_actors
from chronicle.extract.dates import date_for_sentence, find_timexes
from chronicle.extract.events import find_events
from chronicle.extract.quotes import find_quotes
from chronicle.records import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_document(document: Document, doc: Doc) -> DocumentResult:
    actors = find_actors(doc, document)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    timexes = find_timexes(document, sentences)
    actors.date_roles(lambda offset: _date_at(timexes, sentences, offset))
    quotes = find_quotes(doc, document, actors)
    events = find_events(doc, document, actors, timexes, quotes)
    return DocumentResult(document=document, entities=actors.entities, timexes=timexes,
                          events=events, quotes=quotes)


def _date_at(timexes: list, sentences: list[tuple[int, int]], offset: int) -> str | None:
    start, end = next(((s, e) for s, e in sentences if s <= offset < e), (offset, offset + 1))
    return date_for_sentence(timexes, start, end)


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from chronicle.pipeline import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
