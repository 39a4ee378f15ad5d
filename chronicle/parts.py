"""Long documents analysed in parts, their records pointing into the whole text.

spaCy's memory and our extractors' time grow faster than the text within one parse (one
760,000-character document took 149 s and 2.5 GB whole). A document longer than
`Settings.part_chars` (PART_CHARS by default) is therefore cut, between paragraphs where it
can be, into parts that are analysed one after the other; each part's records are then
shifted by the part's offset and renumbered, so the result is one `DocumentResult` whose
offsets index the document's own text, as if it had been analysed whole. What a part
cannot see is the parts before it: a bare surname in part 3 whose full name is only in
part 1 stays its own entity there, and a date carried from earlier sentences does not
cross a cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from chronicle.records import Document, DocumentResult, Entity, Span

PART_CHARS = 100_000  # the default of Settings.part_chars

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def part_bounds(text: str, limit: int = PART_CHARS) -> list[tuple[int, int]]:
    """Contiguous [start, end) parts covering `text`, each at most `limit` characters.

    A cut goes at the last paragraph break in the second half of the window, else after
    the last sentence end there, else at the last whitespace, else at the limit itself.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start + limit // 2, start + limit)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, low: int, high: int) -> int:
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, low, high)]
        if ends:
            return ends[-1]
    return high


def part_document(document: Document, start: int, end: int) -> Document:
    """The part [start, end) as a document of its own, with the whole one's id and dates."""
    return replace(document, text=document.text[start:end])


def merge_parts(document: Document, parts: Iterable[tuple[int, DocumentResult]]
                ) -> DocumentResult:
    """One result from the results of the parts, each given with its part's offset."""
    merged = DocumentResult(document=document)
    for offset, result in parts:
        keys: dict[str, str] = {}
        for ent in result.entities:
            keys[ent.key] = f"{document.id}#{len(merged.entities) + 1}"
            merged.entities.append(_entity(ent, keys[ent.key], offset))
        for timex in result.timexes:
            merged.timexes.append(replace(
                timex, id=f"{document.id}#t{len(merged.timexes) + 1}",
                start=timex.start + offset, end=timex.end + offset))
        for quote in result.quotes:
            merged.quotes.append(replace(
                quote, id=f"{document.id}#q{len(merged.quotes) + 1}",
                start=quote.start + offset, end=quote.end + offset,
                speaker=keys.get(quote.speaker, quote.speaker) if quote.speaker else None))
        for event in result.events:
            merged.events.append(replace(
                event, id=f"{document.id}#ev{len(merged.events) + 1}",
                start=event.start + offset, end=event.end + offset,
                source=tuple(keys.get(k, k) for k in event.source),
                target=tuple(keys.get(k, k) for k in event.target)))
    return merged


def _entity(ent: Entity, key: str, offset: int) -> Entity:
    return Entity(key=key, doc=ent.doc, name=ent.name, kind=ent.kind, names=list(ent.names),
                  titles=list(ent.titles), roles=list(ent.roles),
                  mentions=[Span(m.doc, m.start + offset, m.end + offset)
                            for m in ent.mentions],
                  country=ent.country, sector=ent.sector)
