"""Every place a document names, with the mentions that are no place left out.

The places of a document, read once, let an event whose own sentence names no place
take the one the story gives elsewhere (where.py). Names are entities of the place kinds
or proper-noun runs the gazetteer knows. Left out: a wire dateline ("BEIRUT (Reuters)",
or an all-caps city at the head of a paragraph, "QAMISHLI Syria A bomb ..."), where the
report was filed, not where anything happened; a byline or credit ("Posted on May 2 by
Asharq Al-Awsat", "Reporting by Lina Halabi"); and person names, unless spaCy took a
listed place after "in" for a person.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from chronicle import lang
from chronicle.extractors.dates.layout import dateline_spans
from chronicle.extractors.places.gazetteer import gazetteer
from chronicle.nlp.labels import PLACE_ENTITIES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
_WORDS = lang.classes("places-words.txt")
_MISTAKEN = frozenset({"NORP", "ORG"})  # labels the model gives places in degraded text
_NEWS_KINDS = frozenset({"country", "admin1", "local"})  # the places the tables list
_NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_HEAD = 4  # an all-caps place within this many tokens of a paragraph's head is a dateline
_BYLINE_REACH = 12  # tokens before a "by" where a byline's cue word is looked for


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text: tokens [start, end) of the sentence starting at `sent`."""

    start: int
    end: int
    sent: int  # index of the sentence's first token
    name: str
    division: bool  # followed or preceded by a division noun ("Idlib province")
    partial: bool = False  # a part of a longer name ("Sud" of "Sud Yungas")


def place_mentions(doc: Doc) -> list[PlaceMention]:
    """The place names of a document, in text order, datelines and bylines left out.
    Several stages ask; the answer is kept with the parsed document."""
    return _kept(doc, "chronicle.place_mentions", _place_mentions)


def _kept(doc: Doc, key: str, read: Callable[[Doc], list[T]]) -> list[T]:
    """What `read` finds in a document, read once and kept with the parsed document."""
    kept = doc.user_data.get(key)
    if kept is None:
        kept = doc.user_data[key] = read(doc)
    return list(kept)


def _place_mentions(doc: Doc) -> list[PlaceMention]:
    gaz = gazetteer()
    datelines = dateline_spans(doc.text)
    out: list[PlaceMention] = []
    taken: set[int] = set()
    for span in _spans(doc):
        found = known_part(span, gaz.knows)
        if found is None or taken & set(range(found.start, found.end)):
            continue
        if span.label_ not in PLACE_ENTITIES and not _placed(found) and not _listed(found.text):
            continue  # "University", "Central" in a name: a place only where one stands
        if _dateline(found, datelines) or _byline(found):
            continue
        taken.update(range(found.start, found.end))
        out.append(PlaceMention(found.start, found.end, found.sent.start, _name(found),
                                _division(found), len(found) < len(span)))
    return sorted(out, key=lambda m: m.start)


def known_part(span: Span, knows: Callable[[str], bool]) -> Span | None:
    """The longest run of a span's words that names a known place, the leftmost of equals
    ("Syrias Aleppo Monitor": Aleppo); never a word of the stop list (a weekday, an
    agency), nor a compass word alone ("East" of "East Indonesia Mujahideen")."""
    words = [t for t in span if not (t.i == span.start and t.lower_ in _WORDS["leading_article"])]
    if not words:
        return None
    start, end = words[0].i, span.end
    for size in range(end - start, 0, -1):
        for i in range(start, end - size + 1):
            part = span.doc[i:i + size]
            if part[0].is_punct or part[-1].is_punct or \
                    not may_name_place([t.lower_ for t in part], len(words)):
                continue
            if knows(part.text):
                return part
    return None


def may_name_place(words: list[str], of: int) -> bool:
    """Whether these words (lower case), a run out of a name of `of` words, may name a
    place: no word of the stop list (a weekday, an agency), and no compass word alone out
    of a longer name ("Sud" of "Sud Yungas", "East" of "East Indonesia Mujahideen")."""
    if any(w in _WORDS["not_place"] for w in words):
        return False
    return not (len(words) == 1 < of and words[0] in _WORDS["compass"])


def _spans(doc: Doc) -> list[Span]:
    """Entities of places, and of groups and organisations the small model mistakes
    places for ("Aleppo" as NORP); runs of proper nouns outside entities (it misses many
    villages); person entities only when a place's name stands where their name is ("in
    Kafr Zita", "the town of Khan Sheikhoun"). Outside a place entity, a name counts when
    it stands where a place's does or the place tables list it (place_mentions). A
    country's name the model labels a date or a number ("Niger", DATE) is a place."""
    gaz = gazetteer()
    out = [e for e in doc.ents if e.label_ in PLACE_ENTITIES | _MISTAKEN]
    out += [e for e in doc.ents if e.label_ == "PERSON" and _placed(e) and gaz.knows(e.text)]
    out += [e for e in doc.ents if e.label_ in _NUMERIC and gaz.country_code(e.text)]
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
                j += 1
            out.append(doc[i:j])
            i = j
        else:
            i += 1
    return out


def part_counts(name: str, country: str | None, countries: Collection[str]) -> bool:
    """Whether a place found as a part of a longer name ("Manbij" of scraped "Manbij
    Killing") is read as a place: inside a country (alpha-2) the document names
    otherwise, or, where it names none, a place of the tables (a division, a town of the
    conflict tables, under any of its namesakes: Manbij); not any foreign town
    that shares a word with a village's or a person's name ("Chico" of "Huancané Chico",
    "Isa" of "Isa Tumgoev")."""
    if countries:
        return country in countries
    return any(p.kind in _NEWS_KINDS for p in gazetteer().candidates(name))


def _listed(name: str) -> bool:
    """A country, a division or a local place of the tables: known to matter in news."""
    place = gazetteer().place(name)
    return place is not None and place.kind in _NEWS_KINDS


def _placed(span: Span) -> bool:
    """After "in", "near" ... or "the town of": where a place's name stands."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    noun = doc[span.start - 2].lemma_.lower() if span.start > 1 else ""
    return before in _WORDS["location_preposition"] or (
        before == "of" and noun in _WORDS["place_noun"] | _WORDS["admin_noun"])


def _name(span: Span) -> str:
    return span.text


def _dateline(span: Span, datelines: list[tuple[int, int]]) -> bool:
    """A wire dateline: in a dateline the layout found, a place before an agency's name
    ("Moscow AFP Saturday"), or an all-caps place at a paragraph's head or after a date."""
    if any(s <= span.start_char < e for s, e in datelines):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.text.lower().strip("().") in _WORDS["agency"]:
        return True
    if not span.text.isupper() or len(span.text) < 4:
        return False
    head = span.start - _paragraph_start(span.doc[span.start])
    after_date = span.start > 0 and (span.doc[span.start - 1].like_num
                                     or span.doc[span.start - 1].ent_type_ in ("DATE", "TIME"))
    return head <= _HEAD or after_date


def _paragraph_start(tok: Token) -> int:
    i = tok.i
    while i > 0 and "\n" not in tok.doc[i - 1].text_with_ws:
        i -= 1
    return i


def _byline(span: Span) -> bool:
    """"by X" after a byline word ("Posted on May 2 by X", "Reporting by X")."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "by":
        return False
    window = doc[max(span.sent.start, span.start - _BYLINE_REACH):span.start]
    return any(t.lower_ in _WORDS["byline_cue"] for t in window)


def _division(span: Span) -> bool:
    doc = span.doc
    nouns = _WORDS["admin_noun"]
    after = span.end < len(doc) and doc[span.end].lower_ in nouns
    before = span.start >= 2 and doc[span.start - 1].lower_ == "of" and \
        doc[span.start - 2].lower_ in nouns
    return after or before


def document_countries(doc: Doc) -> list[str]:
    """The ISO alpha-2 codes of the countries a document is about, most named first.

    The countries it names (its country names and adjectives: "Bolivia", "Syrian") come
    first; its towns then count for their country (twice: where things happen), each
    read among those countries. A village's name is often a small foreign town's too
    ("Abala" in Niger and in Ethiopia): such a namesake abroad counts only when the
    document names no country (gazetteer.place). A part of a longer name counts only as
    `part_counts` says. Read once per document (the actors' sectors and the events'
    places both ask)."""
    return _kept(doc, "chronicle.document_countries", _document_countries)


def _document_countries(doc: Doc) -> list[str]:
    gaz = gazetteer()
    counts: dict[str, int] = {}
    towns: list[PlaceMention] = []
    parts: list[PlaceMention] = []
    for m in place_mentions(doc):
        place = gaz.place(m.name)
        if place is not None and place.kind == "country" and place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
        else:
            (parts if m.partial else towns).append(m)
    for span in doc.ents:
        if span.label_ == "NORP":
            code = gaz.country_code(span.text)
            if code:
                counts[code] = counts.get(code, 0) + 1
    named = tuple(sorted(counts, key=lambda c: -counts[c]))
    for m in towns:
        place = gaz.place(m.name, likely=named)
        if place is not None and place.country:
            counts[place.country] = counts.get(place.country, 0) + 2
    for m in parts:
        place = gaz.place(m.name, likely=named)
        if place is not None and place.country and part_counts(m.name, place.country, counts):
            counts[place.country] = counts.get(place.country, 0) + 2
    return sorted(counts, key=lambda c: -counts[c])
