"""Dependency, tag and entity label sets of spaCy's English models (ClearNLP labels), named once.

Rules across the extractors ask the same questions of a parse ("is this a subject?", "an
object?", "a modifier before the noun?"); each set is spelt here, under the name of the
question, so a model with other labels is adapted in one file.
"""

from __future__ import annotations

# subjects
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SUBJECTS = NOMINAL_SUBJECTS | {"csubj"}
ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})
SUBJECTS_WITH_EXPLETIVE = SUBJECTS | {"expl"}
ALL_SUBJECTS = SUBJECTS_WITH_EXPLETIVE | {"csubjpass"}

# objects
DIRECT_OBJECTS = frozenset({"dobj", "obj"})
OBJECTS = DIRECT_OBJECTS | {"pobj", "dative", "iobj", "poss"}

# modifiers and complements
NOUN_MODIFIERS = frozenset({"amod", "compound"})
PRENOMINAL = NOUN_MODIFIERS | {"poss"}
MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "advmod", "nummod", "poss"})
PREDICATES = frozenset({"oprd", "attr", "acomp"})
CLAUSAL_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
PARTICLES = frozenset({"prep", "prt", "agent"})
CLAUSES_ON_NOUNS = frozenset({"relcl", "acl"})
APPOSITIVES = frozenset({"appos", "relcl", "acl"})
NAMING_MODIFIERS = NOUN_MODIFIERS | {"nmod"}  # a name before its noun: "the Houthi movement"
OWNER_MODIFIERS = NAMING_MODIFIERS | {"poss"}  # ... or its owner: "Russia's envoy"

# named-entity labels (OntoNotes): which name an actor, and the kind of actor each suggests
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "location",
                "LOC": "location", "FAC": "location", "NORP": "group"}

# asked by the event rules (and the parse helpers of chronicle.nlp.parse)
PREP_OBJECTS = frozenset({"pobj", "pcomp"})
PASSIVE_MARKS = frozenset({"nsubjpass", "auxpass"})
AUXILIARIES = frozenset({"aux", "auxpass"})
DETERMINERS = frozenset({"det", "predet"})
# a clause joined beside another, not governed by it ("refrained from X *but did* Y")
LOOSE_LINKS = frozenset({"conj", "cc", "advcl", "parataxis", "relcl", "punct"})
# what a verb of denial governs as the thing denied ("denied *that* its fighters ...")
GOVERNED = frozenset({"ccomp", "xcomp", "pcomp", "dobj", "pobj", "acl"})
# dependents that leave a noun phrase: clauses, appositions, punctuation
OUTSIDE_NOUN_PHRASE = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "punct", "cc"})

# parts of speech
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
# named-entity labels of the model that can name an actor
ACTOR_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PATIENTS = frozenset({"dobj", "nsubjpass"})  # the one acted on, in active or passive voice

# clauses that share the subject of the clause they hang from ("said X, adding that ...")
SHARED_SUBJECT_CLAUSES = frozenset({"conj", "advcl", "xcomp", "pcomp"})
# the parts of a multi-word proper name ("Lina" in "Lina Haddad")
NAME_PARTS = frozenset({"compound", "flat"})

# named-entity labels (OntoNotes)
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                "QUANTITY", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW",
                                "LANGUAGE"})
