"""Where an event happened: the place phrases around its trigger, through the gazetteer.

The first place phrase near the trigger names the place; the other phrases, and the
countries the document names most, choose between namesakes ("a village in Hama
province": the Syrian Hama).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.extractors.events.groups import PLACE_AS_OBJECT, PLACE_OF_CONTENT
from chronicle.extractors.events.vocab import preps
from chronicle.extractors.places.gazetteer import gazetteer, place_phrase, place_tokens
from chronicle.nlp.parse import governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronicle.extractors.actors.document import DocActors
    from chronicle.extractors.events.candidate import Cand
    from chronicle.records import Location


@dataclass
class Places:
    """The places of one document's events; the document's countries are counted once."""

    doc: Doc
    actors: DocActors
    _countries: tuple[str, ...] | None = None

    def locate(self, cand: Cand) -> Location | None:
        """Where the event of a settled trigger happened, if a place is named near it."""
        tok = cand.tok
        anchor = governing_verb(tok) if cand.pos == "n" else None
        inner = tuple(i.tok for i in cand.frame.inner if i.frame.role == "absorbed") \
            if cand.type in PLACE_OF_CONTENT else ()
        gaz, found = None, []
        for pobj in place_tokens(tok, anchor, preps("location", cand.type), inner,
                                 cand.type in PLACE_AS_OBJECT):
            key = self.actors.refer(pobj)
            if key and self.actors.entity(key).kind not in ("location", "country"):
                continue
            gaz = gaz or gazetteer()
            phrase = place_phrase(pobj, gaz.knows)
            if phrase is not None:
                found.append(phrase)
        if not found or gaz is None:
            return None
        (name, around), others = found[0], found[1:]
        words = [t.text for t in around] + [n for n, _ in others]
        hints = [c for c in (gaz.context_code(w) for w in words) if c]
        return gaz.locate(name, tuple(hints), self.countries())

    def countries(self) -> tuple[str, ...]:
        """The three countries the document's entities name most."""
        if self._countries is None:
            gaz, counts = gazetteer(), dict[str, int]()
            for ent in self.doc.ents:
                if ent.label_ in ("GPE", "NORP"):
                    code = gaz.country_code(ent.text)
                    if code:
                        counts[code] = counts.get(code, 0) + 1
            self._countries = tuple(sorted(counts, key=lambda c: -counts[c])[:3])
        return self._countries
