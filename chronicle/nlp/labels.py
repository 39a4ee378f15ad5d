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

# clauses that share the subject of the clause they hang from ("said X, adding that ...")
SHARED_SUBJECT_CLAUSES = frozenset({"conj", "advcl", "xcomp", "pcomp"})
# the parts of a multi-word proper name ("Lina" in "Lina Haddad")
NAME_PARTS = frozenset({"compound", "flat"})

# parts of speech
VERB_TAGS = frozenset({"VERB", "AUX"})

# named-entity labels (OntoNotes)
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                "QUANTITY", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW",
                                "LANGUAGE"})
