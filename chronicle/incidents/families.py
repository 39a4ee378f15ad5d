"""Which PLOVER types can report one happening: the near misses, chosen on purpose.

Outlets tell one happening with verbs the ontology files under neighbouring types:
- force: one outlet's "stormed the homes of journalists" (ASSAULT) is another's "detained
  15 journalists" (COERCE);
- punishment: an expulsion of diplomats or a ban is a reduction of relations (SANCTION) in
  one report and a coercion (COERCE) in another, as CAMEO files "expel or withdraw" under
  reducing relations and "expel or deport individuals" under coercion;
- talks: a meeting (CONSULT) is where ministers "agreed" (AGREE);
- accord: PLOVER files the signing of a formal agreement under SUPPORT (CAMEO 057), while
  outlets tell the same signing as a deal "reached" or "agreed" (AGREE);
- refusal: a walkout or a boycott of talks is a PROTEST in one report and a REJECT in the
  next.
Every other type is a family of its own. A type may sit in two families (COERCE, AGREE); two
types meet when they share one. These are the ontology, not the language (as
extractors/events/groups.py).
"""

from __future__ import annotations

FAMILIES = {
    "ASSAULT": ("force",), "COERCE": ("force", "punishment"), "SANCTION": ("punishment",),
    "CONSULT": ("talks",), "AGREE": ("talks", "accord"), "SUPPORT": ("accord",),
    "REJECT": ("refusal",),
    "PROTEST": ("refusal",),
}
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # who met whom, not who did to whom


def families(event_type: str) -> tuple[str, ...]:
    """The families a type belongs to, its first the one it is counted under."""
    return FAMILIES.get(event_type, (event_type,))


def family(event_type: str) -> str:
    return families(event_type)[0]


def near(a: str, b: str) -> bool:
    """Whether reports of types `a` and `b` may tell one happening."""
    return bool(set(families(a)) & set(families(b)))
