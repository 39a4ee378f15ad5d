"""Which PLOVER types can report one happening: the near misses, chosen on purpose.

One outlet's "stormed the homes of journalists" (ASSAULT) is another's "detained 15
journalists" (COERCE); a meeting (CONSULT) is where ministers "agreed" (AGREE). Every other
type is a family of its own. These are the ontology, not the language (as
extractors/events/groups.py).
"""

from __future__ import annotations

FAMILIES = {"ASSAULT": "force", "COERCE": "force", "CONSULT": "talks", "AGREE": "talks"}
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # who met whom, not who did to whom


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)
