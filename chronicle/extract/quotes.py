"""Quotations and their speakers. (Stub; the implementation is being written.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.records import Document, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronicle.extract.actors import DocActors


def find_quotes(doc: Doc, document: Document, actors: DocActors) -> list[Quote]:
    return []
