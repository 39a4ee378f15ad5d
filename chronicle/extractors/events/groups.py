"""PLOVER event types grouped by what the event rules do with them.

These are the ontology, not the language: whatever words name an event, a future
cooperation is read as an AGREE and a future hostility as a THREATEN. Each group is named
for the question a rule asks of an event's type.
"""

from __future__ import annotations

# cooperation, verbal or material: future cooperation is an AGREE, refused one a REJECT
COOP = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# hostility: future hostility is a THREATEN, a vow of it a threat
HOSTILE = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"})
# said, not done: an infinitive after them is their content ("vowed to fight")
VERBAL = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# a participle of these names a state ("factions opposed to X"), not an act
STATIVE = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "ACCUSE", "REJECT"})
# a cue's mode replaces the trigger's own when its cue line comes first in the lexicon
MODE_BY_CUE_ORDER = frozenset({"ASSAULT"})
# done together: when two sources act with no target, each is the other's party
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# answers to an earlier event ("rejected the proposal"): aimed at whoever made it
REPLIES = frozenset({"REJECT", "SUPPORT", "AGREE", "ACCUSE"})
# their absorbed content is the source's own intended act, aimed at its target
AIMED = frozenset({"AGREE", "THREATEN", "REJECT", "CONSULT", "MOBILIZE"})
# given, not taken: a verb of receiving that tells one ("secured a grant from the IDA",
# "received a visit from the ambassador") has the giver as the doer
GIVEN = frozenset({"AID", "CONSULT", "SUPPORT", "AGREE", "CONCEDE"})
# material acts: where they happen is a place, not a party ("shelled Dobrinja")
MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
# an "of" after their noun is the theme, not the doer ("the release of X to Y")
OF_THEME = frozenset({"RETREAT", "COOPERATE", "COERCE", "SANCTION", "AID"})
# an "of" after their noun is the target ("the arrest of X", "criticism of X")
NOUN_OF_TARGET = frozenset({"COERCE", "ASSAULT", "ACCUSE", "SUPPORT", "RETREAT"})
# their content's place is theirs ("vowed to attack Homs": a threat in Homs)
PLACE_OF_CONTENT = frozenset({"AGREE", "THREATEN", "MOBILIZE"})
# their direct object may be the place ("shelled Homs", "visited Damascus")
PLACE_AS_OBJECT = frozenset({"ASSAULT", "COERCE", "CONSULT"})
# an event noun of these as the subject of "break out" is an event with no actor named
OUTBREAKS = frozenset({"PROTEST", "ASSAULT"})
