"""Each actor's country and PLOVER sector, and the unnamed armed groups and victims of a story.

Conflict reports name who acted by what they are more often than by name: "Syrian regime
jets", "rebels", "unknown gunmen", "a pro-government militia", "rescue workers". Such a
phrase becomes an actor of kind `group` when no named actor covers it and no earlier
mention is what it refers to ("the rebels" after "Ahrar al-Sham" is that group; "the
army" the state the story is about). Its sector comes from its head noun, or for armed
men from the word before it ("unknown gunmen": UAF; "opposition fighters": REB); its
country from a country word in it, else, for the state's forces and for the groups and
people of a place, from the country the story is about (an aircraft with no adjective
has no country). Its name is the phrase, with that country in brackets when the phrase
names none ("rebels (Syria)"), so that two stories' rebels stay two actors.

Every other actor gets its country and sector too: a country its ISO alpha-3 code; a
place the code of its country; a known actor from lang/en/actor-sectors.tsv; an
organisation from the last word of its name ("... Army", "... Ministry") and a country
word in it; a person from the posts the text gives him and the country of each.
The words are in lang/en/sectors.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.index import Ledger
from chronicle.extractors.places.gazetteer import demonyms, gazetteer
from chronicle.extractors.places.mentions import document_countries
from chronicle.records import Entity, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
_LEFT = frozenset({"amod", "compound", "nmod", "npadvmod"})
_NAMED = frozenset({"organization", "group", "person"})
_STATE = frozenset({"MIL", "GOV", "COP", "JUD", "LEG", "SPY"})  # named by the state's adjective
_MEANS = lang.classes("events-words.txt")["means_noun"]  # "airstrikes" in "regime airstrikes"
_BUILDINGS = lang.classes("place-cues.txt")["building"]  # "White House" is no town


@dataclass(frozen=True, slots=True)
class Word:
    sector: str | None
    cls: str


@cache
def _table() -> dict[tuple[str, str], Word]:
    out = {}
    for row in lang.table("sectors.tsv"):
        word, sector, cls = (c.strip() for c in row[:3])
        out[(word, cls)] = Word(None if sector == "-" else sector, cls)
    return out


def _word(text: str, *classes: str) -> Word | None:
    for cls in classes:
        found = _table().get((text.lower(), cls))
        if found is not None:
            return found
    return None


@cache
def _known() -> dict[str, tuple[str | None, str | None]]:
    return {row[0]: (None if row[1] == "-" else row[1], None if row[2] == "-" else row[2])
            for row in lang.table("actor-sectors.tsv")}


def with_sectors(doc: Doc, actors: DocActors) -> DocActors:
    """The document's actors with the unnamed groups added and every country and sector
    filled (the entities are updated in place; a new index holds the added groups)."""
    home = _home_country(doc)
    groups = _GroupFinder(doc, actors, home)
    groups.find()
    for ent in actors.entities:
        classify(ent, actors)
    if not groups.entities and not groups.spans:
        return actors
    assert actors.ledger is not None
    entities = [*actors.entities, *groups.entities]
    spans = sorted([*actors.spans, *groups.spans])
    ledger = Ledger(actors.doc_id, groups.next_number, list(actors.ledger.entities))
    return DocActors(doc_id=actors.doc_id, entities=tuple(entities), spans=tuple(spans),
                     doc=doc, generic=frozenset(e.key for e in groups.entities),
                     mention_sectors=tuple(sorted(groups.sectors)), ledger=ledger)


def event_sides(event: Event, actors: DocActors) -> Event:
    """A country acting through its forces in the event's sentence ("Israeli troops
    shelled ...", "Syrian regime jets pounded ..."): the event's side takes the sector of
    the forces, the actor stays the country (its own sector is none)."""
    def sector(keys: tuple[str, ...]) -> str | None:
        if not keys or actors.kind(keys[0]) != "country":
            return None
        for start, end, found in actors.mention_sectors:
            if event.start <= start < event.end and actors.at(start, end) == keys[0]:
                return found
        return None

    src, tgt = sector(event.source), sector(event.target)
    if src is None and tgt is None:
        return event
    return replace(event, sides=(None, src, None, tgt))


def _home_country(doc: Doc) -> str | None:
    """The ISO alpha-3 code of the country the story is about (places/mentions.py)."""
    found = document_countries(doc)
    return gazetteer().iso3(found[0]) if found else None


class _GroupFinder:
    """Unnamed groups of a document: their entities and mention spans."""

    def __init__(self, doc: Doc, actors: DocActors, home: str | None) -> None:
        self.doc, self.actors, self.home = doc, actors, home
        assert actors.ledger is not None
        self.next_number = actors.ledger.first_number + len(actors.ledger.entities) + 100
        self.entities: list[Entity] = []
        self.spans: list[tuple[int, int, str]] = []
        self.sectors: list[tuple[int, int, str]] = []  # a country named with its forces
        self._by_name: dict[tuple[str, str | None, str | None], Entity] = {}

    def find(self) -> None:
        for tok in self.doc:
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text == "-":
                continue  # part of "rebel-held", "government-controlled"
            if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in _MEANS:
                self._doer_of_means(tok)  # "regime airstrikes", "rebel shelling"
                continue
            if tok.pos_ not in _NOUNS or tok.dep_ in ("compound", "amod", "poss", "npadvmod"):
                continue
            head = _word(tok.text, "group", "armed", "aircraft", "state")
            if head is None or self._taken(tok):
                continue
            if any(c.dep_ == "poss" for c in tok.children):
                continue  # "our aircraft", "Assad's forces": whose they are decides
            left = _left(tok)
            owners = list(dict.fromkeys(k for t in left for k in [self._named(t)] if k))
            if len(owners) == 1 and self._people_of(owners[0], _sector_of(head, left)):
                owners = []  # "Syrian rebels": rebels from Syria, not the Syrian state
            if len(owners) == 1 and self.actors.kind(owners[0]) != "person":
                # "Islamic State militants", "Syrian regime jets": the one named acts
                self.spans.append((tok.idx, tok.idx + len(tok), owners[0]))
                if self.actors.kind(owners[0]) == "country" and head.sector:
                    self.sectors.append((left[0].idx, tok.idx + len(tok), head.sector))
            if owners:
                continue
            self._add(tok, left, head)

    def _people_of(self, owner: str, sector: str | None) -> bool:
        """A country named before people outside its state ("Syrian rebels", "Lebanese
        villagers", "Syrian opposition groups"): they come from it, but only its own
        forces act as it."""
        return self.actors.kind(owner) == "country" and sector is not None \
            and sector not in _STATE

    def _doer_of_means(self, tok: Token) -> None:
        """"regime airstrikes", "rebel rocket fire": a word of a state or an armed side
        before the means of an attack names who used them."""
        word = _word(tok.text, "qualifier", "state_word")
        if word is None or word.sector is None or word.cls == "qualifier" and \
                word.sector == "UAF" or self.actors.at(tok.idx, tok.idx + len(tok)):
            return
        cls = "state" if word.cls == "state_word" else "allied" if _allied(word) else "group"
        self._add(tok, [], Word(word.sector, cls))  # "coalition raids": no state's own

    def _taken(self, tok: Token) -> bool:
        if self.actors.at(tok.idx, tok.idx + len(tok)) is not None:
            return True
        if any(self.actors.at(g.idx, g.idx + len(g)) for c in tok.children
               if c.dep_ == "prep" and c.lower_ in ("of", "in") for g in c.children
               if g.dep_ == "pobj"):
            return True  # "the Government of Mali", "troops in Gao": the one named acts
        beside = [c for c in tok.children if c.dep_ in ("appos", "attr")]
        if tok.dep_ in ("appos", "attr"):
            beside.append(tok.head)
        if any(self._named(t) or any(self._named(c) for c in t.children if c.dep_ == "compound")
               for t in beside):
            return True  # "a new militia, Kataib al-Huda": the named group itself
        if tok.lower_ in ("army", "military", "government", "regime", "police", "authorities",
                          "navy") and not _left(tok) and any(
                c.dep_ in ("det", "poss") for c in tok.children):
            return True  # "the army", "its government": the state the story is about (coref)
        return self.actors.refer(tok) is not None

    def _named(self, tok: Token) -> str | None:
        key = self.actors.at(tok.idx, tok.idx + len(tok))
        return key if key is not None and self.actors.kind(key) in _NAMED | {"country"} \
            else None

    def _add(self, tok: Token, left: list[Token], head: Word) -> None:
        words = _joined(left)
        qualifiers = [w for t in words for w in [_word(t, "qualifier", "state_word", "stigma")]
                      if w]
        trades = [w for t in words for w in [_word(t, "trade")] if w]
        sector = head.sector
        if head.cls in ("armed", "aircraft") and qualifiers:
            sector = qualifiers[-1].sector or sector
        elif trades:
            sector = trades[-1].sector  # "rescue workers", "health workers"
        if sector is None:
            return  # "men" with no word that makes them armed men
        country = self._country(left, head, qualifiers)
        kept = [w for w in words if w[:1].isupper() or _word(  # not "additional"
            w, "qualifier", "state_word", "stigma", "trade")]
        name = " ".join([*kept, tok.lower_ if tok.pos_ != "PROPN" else tok.text])
        named_place = any(gazetteer().country_code(t.text) or _proper(t) for t in left)
        if country and not named_place:  # "Istanbul police", "Ecuadorean forces" as written
            name = _with_country(name, country, sector)
        key = (name.lower(), sector, country)
        ent = self._by_name.get(key)
        if ent is None:
            ent = Entity(key=f"{self.actors.doc_id}#{self.next_number}", doc=self.actors.doc_id,
                         name=name, kind="group", names=[name], country=country, sector=sector)
            self.next_number += 1
            self._by_name[key] = ent
            self.entities.append(ent)
        start = next((t for t in [*left, tok] if self.actors.at(t.idx, t.idx + len(t)) is None),
                     tok)
        end_char = tok.idx + len(tok)
        ent.mentions.append(Span(self.actors.doc_id, start.idx, end_char))
        self.spans.append((start.idx, end_char, ent.key))

    def _country(self, left: list[Token], head: Word, qualifiers: list[Word]) -> str | None:
        gaz = gazetteer()
        for t in left:
            code = gaz.country_code(t.text)
            if code:
                return gaz.iso3(code)
        if head.cls == "allied" or any(_allied(q) for q in qualifiers) or \
                head.cls == "aircraft" and not any(q.cls == "state_word" for q in qualifiers):
            return None  # a coalition's forces, or an unknown owner's aircraft
        return self.home  # the state's forces, or the people and groups of the place



def _proper(tok: Token) -> bool:
    """A word of a name or a people before the noun ("Istanbul", "Ecuadorean"): the phrase
    already says whose it is, even where the gazetteer does not know the word."""
    return tok.ent_type_ in ("NORP", "GPE", "LOC", "FAC") and tok.text[:1].isupper()


def _with_country(name: str, code: str, sector: str) -> str:
    """A group's name with the country it belongs to: the state's forces by its adjective
    ("Syrian regime", "Nigerian police"), others with the country after them ("rebels
    (Syria)", "unknown gunmen (Nigeria)"), so two stories' rebels stay two actors."""
    gaz = gazetteer()
    iso2 = next((c for c, country in gaz.countries.items() if country.get("iso3") == code), "")
    adjective = demonyms().get(iso2)
    if sector in _STATE and adjective:
        return f"{adjective} {name}"
    return f"{name} ({gaz.country_names.get(iso2, code)})"


def _joined(tokens: list[Token]) -> list[str]:
    """Words as written, hyphenated ones whole ("pro-government"); common words in lower
    case, names and country adjectives as they are."""
    out: list[str] = []
    glue = False
    for t in tokens:
        text = t.text if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE") else t.lower_
        if out and (glue or text == "-"):
            out[-1] += text
        else:
            out.append(text)
        glue = text == "-" and not t.whitespace_
    return out


def _left(tok: Token) -> list[Token]:
    """The words before a noun that say what it is: "Syrian regime" in "Syrian regime
    jets", "pro-government" in "a pro-government militia" (no article or number)."""
    kids = [c for c in tok.children if c.i < tok.i and c.dep_ in _LEFT]
    if not kids:
        return []
    start = min(t.i for c in kids for t in c.subtree)
    breaks = [t.i for t in tok.doc[start:tok.i] if t.is_space or t.text in "|/\\"]
    start = max([start, *(b + 1 for b in breaks)])  # a line or a table cell ends a phrase
    return [t for t in tok.doc[start:tok.i] if not (t.is_punct and t.text != "-")
            and t.dep_ not in ("det", "nummod", "quantmod", "poss", "case", "predet")]


def classify(ent: Entity, actors: DocActors) -> None:
    """Country and sector of a named actor (a group found here has them already)."""
    gaz = gazetteer()
    known = _known().get(ent.name)
    if ent.kind == "country":
        ent.country = ent.country or gaz.iso3(gaz.country_code(ent.name))
        return
    if ent.kind == "location":
        words = ent.name.split()
        building = bool(words) and words[-1].lower() in _BUILDINGS
        # a building matched only by a town's translated name ("White House": Casablanca)
        place = gaz.place(ent.name) if gaz.knows(ent.name) or not building else None
        ent.country = ent.country or (gaz.iso3(place.country) if place else None)
        return
    if known is not None:
        ent.country, ent.sector = ent.country or known[0], ent.sector or known[1]
        return
    words = ent.name.split()
    if ent.kind in ("organization", "group") and words:
        org = _word(words[-1], "org") or _word(words[-1], "group", "armed", "aircraft")
        ent.sector = ent.sector or (org.sector if org else None)  # "... Army", "Warplanes"
        ent.country = ent.country or _country_in(words)
    elif ent.kind == "person":
        _person(ent, actors)


def _sector_of(head: Word, left: list[Token]) -> str | None:
    """The sector a phrase gives: its head noun's, else that of a qualifier before a head
    that has none of its own ("opposition" in "opposition groups")."""
    if head.sector is not None:
        return head.sector
    found = [w for t in left for w in [_word(t.text, "qualifier", "state_word", "stigma")] if w]
    return found[-1].sector if found else None


def _allied(word: Word) -> bool:
    """A word for armed forces of several states ("coalition"): a qualifier with a state's
    sector that is no word of the state itself; such forces are no one country's."""
    return word.cls == "qualifier" and word.sector in _STATE


def _country_in(words: list[str]) -> str | None:
    gaz = gazetteer()
    for w in words:
        code = gaz.country_code(w)
        if code:
            return gaz.iso3(code)
    return None


def _person(ent: Entity, actors: DocActors) -> None:
    """A person's sector from his posts ("Foreign Minister" GOV, "Colonel" MIL), his
    country from what a post is of, or a country word in a title ("the Iraqi envoy")."""
    gaz = gazetteer()
    posts = [r.title for r in ent.roles] + list(ent.titles)
    for post in posts:
        for word in reversed(post.replace("-", " ").split()):
            found = _word(word, "title")
            if found is not None:
                ent.sector = ent.sector or found.sector
                break
    for role in ent.roles:
        if role.of and not ent.country:
            code = gaz.country_code(role.of)
            ent.country = gaz.iso3(code) if code else _org_country(role.of, actors)
    if not ent.country:
        ent.country = next((c for t in ent.titles if (c := _country_in(t.split()))), None)


def _org_country(name: str, actors: DocActors) -> str | None:
    known = _known().get(name)
    if known is not None:
        return known[0]
    return _country_in(name.split())
