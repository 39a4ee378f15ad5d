"""Extractors: pure functions from one annotated document to records.

Order matters: dates first (actors' roles and events take their dates), then actors
(events and quotes point at them), then quotes (events inside a quote take its speaker),
then events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chronicle.extractors.actors.find import find_actors
from chronicle.extractors.actors.sectors import event_sides
from chronicle.extractors.dates.find import date_for_sentence, find_dating
from chronicle.extractors.events.find import EventContext, find_events
from chronicle.extractors.quotes.find import find_quotes, judge_passages
from chronicle.isolation import stage
from chronicle.records import Document, DocumentResult
from chronicle.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronicle.extractors.actors.document import DocActors

DEFAULTS = Settings()


def extract_document(document: Document, doc: Doc, settings: Settings = DEFAULTS
                     ) -> DocumentResult:
    """Every record of one parsed document, before run-wide actor resolution.

    Each step runs in a named stage, so that a failure names the step it came from.
    """
    with stage("nlp"):
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
    with stage("dates"):
        dating = find_dating(document, sentences)
        timexes = list(dating.timexes)
    with stage("actors"):
        actors = _dated_actors(doc, document, sentences, timexes)
    with stage("quotes"):
        quotes = find_quotes(doc, document, actors, ranked=settings.speakers == "ranked")
    with stage("events"):
        found = find_events(doc, document, EventContext(actors, dating, quotes, settings))
        events = [event_sides(e, actors) for e in found]
    return DocumentResult(document=document, entities=actors.all_entities(),
                          timexes=timexes, events=events, quotes=quotes)


def document_actors(document: Document, doc: Doc) -> DocActors:
    """The actors of a parsed document as extraction finds them (for the training scripts
    of chronicle.models, which need the stages before the one they train)."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return _dated_actors(doc, document, sentences, list(find_dating(document, sentences).timexes))


def quote_passages(document: Document, doc: Doc) -> Any:
    """The rules' judgement of every marked passage of a parsed document, before the
    speaker ranker (what chronicle.models.train_speakers learns from)."""
    return judge_passages(doc, document, document_actors(document, doc))


def _dated_actors(doc: Doc, document: Document, sentences: list[tuple[int, int]],
                  timexes: list) -> DocActors:
    """The document's actors, each role dated by the date of its sentence."""
    return find_actors(doc, document, lambda offset: _date_at(timexes, sentences, offset))


def _date_at(timexes: list, sentences: list[tuple[int, int]], offset: int) -> str | None:
    start, end = next(((s, e) for s, e in sentences if s <= offset < e), (offset, offset + 1))
    return date_for_sentence(timexes, start, end)
