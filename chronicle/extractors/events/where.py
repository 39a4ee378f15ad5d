"""Where an event happened: the place phrases around its trigger, through the gazetteer.

The place phrases near the trigger name the place, the most specific first ("in Aleppo
province, near the town of Anadan": Anadan); the words around a phrase and the countries
the document names most choose between namesakes ("a village in Hama province": the
Syrian Hama). When they name no place, or only a country, a place named elsewhere in
the sentence does ("killed ... during a bid to reopen the road into Aleppo city").

A material act (an attack, an arrest, a protest) whose sentence names no place takes the
one the story gives: a headline or lead ("Air strikes kill 42 in Syria") takes the first
place the opening paragraphs name, a later sentence the place of the sentences just
before it, and at last the place the document names most, always inside the country the
event's own words give. Datelines and bylines are never places (places/mentions.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.events.groups import MATERIAL, PLACE_AS_OBJECT, PLACE_OF_CONTENT
from chronicle.extractors.events.vocab import preps
from chronicle.extractors.places.gazetteer import gazetteer
from chronicle.extractors.places.mentions import (
    PlaceMention,
    document_countries,
    may_name_place,
    part_counts,
    place_mentions,
)
from chronicle.extractors.places.phrases import landmark, place_phrase, place_tokens
from chronicle.nlp.labels import PLACE_ENTITIES
from chronicle.nlp.parse import governing_verb
from chronicle.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronicle.extractors.actors.document import DocActors
    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.drafts import Draft

_ADMIN_NOUNS = lang.classes("places-words.txt")["admin_noun"]
_PLACE_NOUNS = lang.classes("places-words.txt")["place_noun"] | _ADMIN_NOUNS
_RANK = {"point": 2, "admin1": 1}  # how specific a place is; a country ranks 0
LEAD = 3  # sentences of a story's opening (headline, dateline, lead) that share a place
NEARBY = 2  # sentences before an event whose places it may take


def specific(loc: Location | None) -> bool:
    """A place below the country, with coordinates: a town, a district, a province."""
    return loc is not None and loc.lat is not None and loc.precision in _RANK


@dataclass
class Places:
    """The places of one document's events; the document's countries and place
    mentions are read once."""

    doc: Doc
    actors: DocActors
    _countries: tuple[str, ...] | None = None
    _mentions: list[tuple[PlaceMention, Location]] | None = None

    def locate(self, cand: Cand) -> Location | None:
        """Where the event of a settled trigger happened, if its sentence names a place."""
        found = self._near(cand)
        best = max(found, key=lambda loc: _rank(loc)) if found else None
        if not specific(best):
            inside = self._in_sentence(cand.tok, best)
            if inside is not None and best is not None and _unlisted(best):
                return _held(best, inside)
            best = inside or best
        return best

    def _near(self, cand: Cand) -> list[Location]:
        """The places of the phrases near the trigger, in the order they come."""
        tok = cand.tok
        anchor = governing_verb(tok) if cand.pos == "n" else None
        inner = tuple(i.tok for i in cand.frame.inner if i.frame.role == "absorbed") \
            if cand.type in PLACE_OF_CONTENT else ()
        gaz, found = gazetteer(), []
        for pobj in place_tokens(tok, anchor, preps("location", cand.type), inner,
                                 cand.type in PLACE_AS_OBJECT):
            if not self._may_be_place(pobj):
                continue
            phrase = place_phrase(pobj, gaz.knows)
            if phrase is not None:
                name, around = phrase
                around = around + [c for c in pobj.children if c.dep_ == "poss"]
                division = pobj.lemma_.lower() in _ADMIN_NOUNS
                found.append(self._resolve(name, [t.text for t in around], division))
        return found

    def _may_be_place(self, tok: Token) -> bool:
        """Not a mention of a person, an organisation or a group (a capital that acts,
        "Damascus promised", is its government)."""
        key = self.actors.refer(tok)
        return not key or self.actors.entity(key).kind in ("location", "country")

    def _resolve(self, name: str, context: list[str], division: bool = False) -> Location:
        """The Location of a name, its context words choosing between namesakes; an unknown
        name placed inside a known one ("the village of X in Hama province") keeps its
        name with the larger place's division and coordinates."""
        gaz = gazetteer()
        hints = tuple(c for c in (gaz.context_code(w) for w in context) if c)
        place = gaz.place(name, hints, self.countries(), division)
        head, _, last = name.rpartition(" ")
        if place is None and head and last.lower() in _PLACE_NOUNS:  # "Hama province"
            place = gaz.place(head, hints, self.countries(), last.lower() in _ADMIN_NOUNS)
        part = _known_words(name) if place is None else None
        if part is not None:  # "Syrias Aleppo Monitor": scraped text runs names together;
            # a part lying abroad is no clue ("Chico" of "Huancané Chico" is no US town)
            found = gaz.place(part, hints, self.countries(), division)
            ours = hints + self.countries()
            place = found if found and part_counts(part, found.country, ours) else None
        if place is not None:
            return gaz.location(place, name)
        around = [p for p in (gaz.place(w, hints, self.countries()) for w in context) if p]
        holder = max(around, key=lambda p: _RANK.get(p.precision, 0), default=None)
        if holder is None or holder.kind == "country":
            return gaz.locate(name, hints, self.countries())
        loc = gaz.location(holder, name)
        return Location(name=name, lat=loc.lat, lon=loc.lon, country=loc.country,
                        country_code=loc.country_code, admin1=loc.admin1,
                        precision="admin1")  # placed no closer than its division

    def _in_sentence(self, tok: Token, current: Location | None) -> Location | None:
        """The most specific place named elsewhere in the trigger's sentence, inside the
        country found so far: in the trigger's clause first, then the nearest."""
        if tok.doc is not self.doc:  # an all-caps headline parsed again: its copy
            return None
        sent = tok.sent
        clause = {t.i for t in governing_verb(tok).subtree}
        options = [(m, loc) for m, loc in self.mentions()
                   if sent.start <= m.start < sent.end and specific(loc)
                   and _inside(loc, current)]
        if not options:
            return None
        m, loc = min(options, key=lambda ml: (ml[0].start not in clause,
                                              -_RANK[ml[1].precision or ""],
                                              abs(ml[0].start - tok.i)))
        return self._measured(m, loc)

    def _measured(self, m: PlaceMention, loc: Location) -> Location:
        """A place mention's location, or, for a landmark that an unlisted place is
        measured from, that place held by the landmark's division."""
        if landmark(self.doc, m.start):
            measured = self._unlisted_before(self.doc[m.start].sent, m.start)
            if measured is not None:
                return _held(Location(name=measured), loc)
        return loc

    def _unlisted_before(self, sent: Span, end: int) -> str | None:
        """The last place name before token `end` of a sentence that the gazetteer does
        not list and no actor holds: the place a landmark after it is measured for."""
        gaz = gazetteer()
        names = [e.text for e in sent.ents if e.label_ in PLACE_ENTITIES and e.end <= end
                 and not gaz.knows(e.text) and self._may_be_place(e.root)]
        return names[-1] if names else None

    def mentions(self) -> list[tuple[PlaceMention, Location]]:
        """The document's place names that may be places (not actors, not a capital that
        stands for its government), with their places."""
        if self._mentions is None:
            self._mentions = []
            gaz = gazetteer()
            for m in place_mentions(self.doc):
                key = self.actors.refer(self.doc[m.start])
                kind = self.actors.entity(key).kind if key else None
                if kind in (None, "location") or kind == "country" and gaz.country_code(m.name):
                    loc = self._resolve(m.name, [], m.division)
                    code = gaz.alpha2(loc.country_code)
                    if not m.partial or part_counts(m.name, code, self.countries()):
                        self._mentions.append((m, loc))
        return self._mentions

    def settle(self, drafts: list[Draft]) -> None:
        """A material act whose sentence names no place below its country takes the one
        the story gives (see the module's docstring)."""
        starts = [s.start_char for s in self.doc.sents]
        for draft in drafts:
            if draft.cand.type not in MATERIAL or specific(draft.location):
                continue
            borrowed = self._borrow(draft, starts)
            if borrowed is not None:
                draft.location = borrowed

    def _borrow(self, draft: Draft, starts: list[int]) -> Location | None:
        own = draft.location
        if own is None and self.countries():
            code = gazetteer().iso3(self.countries()[0])
            own = Location(name="", country_code=code)
        index = _sentence_index(starts, draft.sent.start_char)
        usable = [(_sentence_index(starts, self.doc[m.start].idx), self._measured(m, loc))
                  for m, loc in self.mentions() if specific(loc) and _inside(loc, own)]
        if index < LEAD:
            lead = [loc for i, loc in usable if i <= LEAD]
            if lead:
                return lead[0]
        before = [loc for i, loc in usable if index - NEARBY <= i <= index]
        if before:
            return before[-1]
        if usable:
            counts = Counter(loc.name for _, loc in usable)
            best = max(usable, key=lambda il: counts[il[1].name])[1]
            return best
        return None

    def countries(self) -> tuple[str, ...]:
        """The three countries the document is about (places/mentions.py)."""
        if self._countries is None:
            self._countries = tuple(document_countries(self.doc)[:3])
        return self._countries


def _known_words(name: str) -> str | None:
    """The longest run of a name's words that the gazetteer knows, the leftmost of equals."""
    words, gaz = name.split(), gazetteer()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if may_name_place([w.lower() for w in run], len(words)) and gaz.knows(" ".join(run)):
                return " ".join(run)
    return None


def _unlisted(loc: Location) -> bool:
    """A name the trigger's own phrase gives ("in Huancané Chico") that the gazetteer does
    not list: no coordinates, no precision."""
    return bool(loc.name) and loc.lat is None and loc.precision is None


def _held(unlisted: Location, holder: Location) -> Location:
    """An unlisted place with the division and coordinates of a listed place its sentence
    names ("in Huancané Chico, four hours by road from La Paz"): the event happened in the
    place the trigger's phrase names, and the other is only a landmark near it, so the
    name stays and the precision is no closer than the landmark's division."""
    return Location(name=unlisted.name, lat=holder.lat, lon=holder.lon,
                    country=holder.country, country_code=holder.country_code,
                    admin1=holder.admin1, precision="admin1")


def _rank(loc: Location) -> tuple[bool, int, bool]:
    """Coordinates first, then how specific; among equals the first phrase (max keeps it:
    the tuple carries no position, and max returns the first of equal keys)."""
    return loc.lat is not None, _RANK.get(loc.precision or "", 0), loc.admin1 is not None


def _inside(loc: Location, within: Location | None) -> bool:
    return within is None or within.country_code is None or \
        loc.country_code == within.country_code


def _sentence_index(starts: list[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)
