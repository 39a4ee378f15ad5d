"""PLOVER events. (Stub; the implementation is being written.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.records import Document, Event, Quote, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronicle.extract.actors import DocActors


def find_events(doc: Doc, document: Document, actors: DocActors, timexes: list[Timex],
                quotes: list[Quote]) -> list[Event]:
    return []
