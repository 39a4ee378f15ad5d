"""Place phrases in a parse: the prepositional objects and nouns that name where.

"clashes in Homs", "the village of Kafr Zita in Hama province", "shelled Douma": the
tokens that may name a place around a trigger, and the name and context words of each.
The gazetteer (gazetteer.py) says which names are places.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.nlp.labels import NOT_PLACE_ENTITIES, NOUN_MODIFIERS, PLACE_ENTITIES, VERBS
from chronicle.nlp.parse import kids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WORDS = lang.classes("places-words.txt")

LOC_PREPS = _WORDS["location_preposition"]
PLACE_NOUNS = _WORDS["place_noun"]
_OF, _IN = _WORDS["naming_preposition"], _WORDS["inside_preposition"]
_DISTANCE, _BEARING = _WORDS["distance_unit"], _WORDS["bearing"]
_MEASURE_SPAN = 6  # tokens before "from" in which a distance is looked for


def _name_of(tok: Token) -> str:
    """The written name of a place token: its entity span, else its proper-noun compound,
    hyphenated parts whole ("Qala-e-Fatullah")."""
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                words = [t for t in ent if t.lower_ not in _WORDS["leading_article"]
                         or t.i != ent.start]
                return tok.doc[words[0].i:ent.end].text if words else ent.text
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start, end = parts[0].i if parts else tok.i, tok.i + 1
    doc = tok.doc
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    return doc[start:end].text


def place_phrase(pobj: Token, known_place: Callable[[str], bool]) -> tuple[str, list[Token]] | None:
    """(name, context tokens) for a prepositional object that names a place, else None."""
    if pobj.ent_type_ in NOT_PLACE_ENTITIES:
        return None
    context = [c for c in pobj.children if c.dep_ in NOUN_MODIFIERS]
    if pobj.lemma_.lower() in PLACE_NOUNS:
        named = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ in _OF
                 for g in c.children if g.dep_ == "pobj"]
        proper = [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                  and c.is_alpha]
        if proper:  # "the Hodan district of Mogadishu": the district, in Mogadishu
            return _name_of(proper[-1]), context + _nested(pobj)
        if named and (named[0].pos_ == "PROPN" or named[0].ent_type_ in PLACE_ENTITIES):
            target = named[0]
            return _name_of(target), context + _nested(target) + _nested(pobj)
        return None
    if pobj.pos_ != "PROPN":
        return None
    name = _name_of(pobj)
    if pobj.ent_type_ in PLACE_ENTITIES or known_place(name):
        return name, context + _nested(pobj)
    return None


def _nested(tok: Token) -> list[Token]:
    """Places that contain this one: "Arzeh in Hama province" gives Hama."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _IN | _OF:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                    out += [x for x in g.children if x.dep_ == "compound"]
    return out


def place_tokens(trigger: Token, anchor: Token | None, extra: tuple[str, ...] = (),
                 more: tuple[Token, ...] = (), objects: bool = False) -> list[Token]:
    """Prepositional objects near a trigger that may name where the event happened;
    `more` are further heads to search (the events a threat or promise is about); with
    `objects`, the direct object too ("shelled Homs", "visited Damascus")."""
    preps = LOC_PREPS | set(extra)
    heads = [trigger] + ([anchor] if anchor is not None and anchor.i != trigger.i else [])
    heads += list(more)
    heads += [c for h in list(heads) for c in kids(h) if c.dep_ in ("dobj", "nsubj", "pobj")]
    out = []
    for head in heads:
        for prep in [p for c in kids(head) if c.dep_ == "prep" for p in (c, *c.conjuncts)]:
            if prep.lower_ in preps:
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    out.append(pobj)
                    out += [x for p in pobj.children if p.dep_ == "prep" and p.lower_ in _IN
                            for x in p.children if x.dep_ == "pobj"]  # "near a station in X"
    if objects and trigger.pos_ in VERBS:
        out += [c for c in kids(trigger) if c.dep_ == "dobj"]
    clause = trigger if trigger.pos_ in VERBS else anchor
    if clause is not None and clause.dep_ == "relcl" and any(
            c.lower_ in _WORDS["place_relative"] for c in clause.children):
        out.insert(0, clause.head)
    return out


def landmark(doc: Doc, start: int) -> bool:
    """Whether the place name at token `start` is only a landmark that another place is
    measured from ("four hours by road from La Paz", "30 km north of Hama"): the other
    place is where things happened, this one only says roughly where that lies."""
    if start < 2:
        return False
    prep, before = doc[start - 1].lower_, doc[start - 2].lower_
    if prep == "of":
        return before in _BEARING
    if prep != "from":
        return False
    sent_start = doc[start].sent.start
    window = doc[max(sent_start, start - 1 - _MEASURE_SPAN):start - 1]
    return any(t.lower_ in _DISTANCE for t in window)
