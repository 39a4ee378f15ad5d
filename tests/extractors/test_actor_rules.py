"""Actor rules on parses built by hand, so each test says which rule it covers, with no model.

Every test writes a short report, spells out the parse the rule reads (parts of speech,
dependencies, heads, and the named entities where the rule starts from the model's), and
runs the actor finder on it.
"""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.find import find_actors
from chronicle.records import Document

# English lexical attributes (is_title, lower_, ...) without a model; one vocabulary for all
# tests, as the known-name matcher is built once per vocabulary.
VOCAB = English().vocab
TAGS = {"NOUN": "NN", "PROPN": "NNP", "VERB": "VBD", "DET": "DT", "ADP": "IN", "ADJ": "JJ",
        "PUNCT": ".", "PRON": "PRP", "AUX": "VBD", "CCONJ": "CC", "ADV": "RB", "NUM": "CD",
        "PART": "POS", "SCONJ": "IN"}


def parse(text: str, tokens: list[tuple]) -> Doc:
    """A Doc of `text` from rows (word, pos, dep, head[, entity IOB[, tag[, lemma]]]), the
    head an absolute token index; spaces come from the text."""
    words, spaces, at = [], [], 0
    for row in tokens:
        at = text.index(row[0], at) + len(row[0])
        words.append(row[0])
        spaces.append(text[at:at + 1] == " ")
    full = [(*row, "O", None, None)[:7] for row in tokens]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[3] for r in full],
              deps=[r[2] for r in full], pos=[r[1] for r in full],
              tags=[r[5] or TAGS[r[1]] for r in full],
              lemmas=[r[6] or r[0].lower() for r in full], ents=[r[4] for r in full])
    assert doc.text == text
    return doc


def actors_of(doc: Doc) -> DocActors:
    return find_actors(doc, Document(id="d", text=doc.text, source="test"))


def key_at(actors: DocActors, doc: Doc, phrase: str, nth: int = 0) -> str | None:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return actors.at(start, start + len(phrase))


def refer(actors: DocActors, doc: Doc, word: str, nth: int = 0) -> str | None:
    token = [t for t in doc if t.text == word][nth]
    return actors.refer(token)


def named(actors: DocActors, name: str) -> str:
    found = [e.key for e in actors.entities if e.name == name]
    assert len(found) == 1, [e.name for e in actors.entities]
    return found[0]


# ---------------------------------------------------------------- grouping mentions

def test_a_surname_the_model_missed_joins_the_full_name_before_it():
    doc = parse("Nasser Haddad arrived in Cairo. Haddad met reporters.", [
        ("Nasser", "PROPN", "compound", 1, "B-PERSON"), ("Haddad", "PROPN", "nsubj", 2, "I-PERSON"),
        ("arrived", "VERB", "ROOT", 2), ("in", "ADP", "prep", 2),
        ("Cairo", "PROPN", "pobj", 3, "B-GPE"), (".", "PUNCT", "punct", 2),
        ("Haddad", "PROPN", "nsubj", 7), ("met", "VERB", "ROOT", 7),
        ("reporters", "NOUN", "dobj", 7, "O", "NNS"), (".", "PUNCT", "punct", 7)])
    actors = actors_of(doc)
    haddad = named(actors, "Nasser Haddad")
    assert actors.entity(haddad).kind == "person"
    assert key_at(actors, doc, "Haddad", 1) == haddad


@pytest.mark.parametrize("label", ["O", "ORG"])
def test_a_name_the_text_gives_an_age_is_a_person_whatever_the_model_said(label):
    ents = ["B-" + label, "I-" + label] if label != "O" else ["O", "O"]
    doc = parse("Mirela Tosca, 54, testified. Tosca wept.", [
        ("Mirela", "PROPN", "compound", 1, ents[0]), ("Tosca", "PROPN", "nsubj", 5, ents[1]),
        (",", "PUNCT", "punct", 1), ("54", "NUM", "appos", 1), (",", "PUNCT", "punct", 1),
        ("testified", "VERB", "ROOT", 5), (".", "PUNCT", "punct", 5),
        ("Tosca", "PROPN", "nsubj", 8, "B-" + label if label != "O" else "O"),
        ("wept", "VERB", "ROOT", 8), (".", "PUNCT", "punct", 8)])
    actors = actors_of(doc)
    tosca = named(actors, "Mirela Tosca")
    assert actors.entity(tosca).kind == "person"
    assert key_at(actors, doc, "Tosca", 1) == tosca


@pytest.mark.parametrize(("text", "end", "aged"), [
    ("Mirela Tosca, 54, testified.", 2, True),
    ("Harbour Authority, 12, Quay Street.", 2, False),  # a body and its address
    ("Mirela Tosca, 1998, testified.", 2, False),  # a year, not an age
    ("Tosca, 54, testified.", 1, False),  # one word: a surname or a town
])
def test_an_age_in_commas_after_two_to_four_name_words(text, end, aged):
    from chronicle.extractors.actors.missed_mentions import aged_name

    doc = English()(text)
    assert aged_name(doc, 0, end) is aged


def test_a_title_used_as_a_name_joins_the_person_holding_that_office():
    doc = parse("Jordanian Foreign Minister Nasser Haddad arrived. The Jordanian minister "
                "spoke.", [
        ("Jordanian", "ADJ", "amod", 4, "B-NORP"), ("Foreign", "PROPN", "compound", 2),
        ("Minister", "PROPN", "compound", 4), ("Nasser", "PROPN", "compound", 4, "B-PERSON"),
        ("Haddad", "PROPN", "nsubj", 5, "I-PERSON"), ("arrived", "VERB", "ROOT", 5),
        (".", "PUNCT", "punct", 5),
        ("The", "DET", "det", 9), ("Jordanian", "ADJ", "amod", 9, "B-NORP"),
        ("minister", "NOUN", "nsubj", 10), ("spoke", "VERB", "ROOT", 10),
        (".", "PUNCT", "punct", 10)])
    actors = actors_of(doc)
    haddad = named(actors, "Nasser Haddad")
    assert {(r.title, r.of) for r in actors.entity(haddad).roles} == {
        ("Foreign Minister", "Jordan")}
    assert key_at(actors, doc, "The Jordanian minister") == haddad


def test_an_acronym_in_brackets_after_a_name_is_the_same_organisation():
    # "FAP" is not the initials of "Front for Action": only the brackets join them.
    doc = parse("The Front for Action (FAP) fired shells. The FAP denied it.", [
        ("The", "DET", "det", 1), ("Front", "PROPN", "nsubj", 7, "B-ORG"),
        ("for", "ADP", "prep", 1, "I-ORG"), ("Action", "PROPN", "pobj", 2, "I-ORG"),
        ("(", "PUNCT", "punct", 1), ("FAP", "PROPN", "appos", 1), (")", "PUNCT", "punct", 1),
        ("fired", "VERB", "ROOT", 7), ("shells", "NOUN", "dobj", 7, "O", "NNS"),
        (".", "PUNCT", "punct", 7),
        ("The", "DET", "det", 11), ("FAP", "PROPN", "nsubj", 12, "B-ORG"),
        ("denied", "VERB", "ROOT", 12), ("it", "PRON", "dobj", 12), (".", "PUNCT", "punct", 12)])
    actors = actors_of(doc)
    front = named(actors, "Front for Action")
    assert actors.entity(front).kind == "organization"
    assert key_at(actors, doc, "FAP") == key_at(actors, doc, "FAP", 1) == front


# ---------------------------------------------------------------- known names

def test_a_country_adjective_and_a_state_noun_are_the_state_acting():
    doc = parse("The Syrian government rejected the plan.", [
        ("The", "DET", "det", 2), ("Syrian", "ADJ", "amod", 2, "B-NORP"),
        ("government", "NOUN", "nsubj", 3), ("rejected", "VERB", "ROOT", 3),
        ("the", "DET", "det", 5), ("plan", "NOUN", "dobj", 3), (".", "PUNCT", "punct", 3)])
    actors = actors_of(doc)
    syria = named(actors, "Syria")
    assert actors.entity(syria).kind == "country"
    assert [(m.start, m.end) for m in actors.entity(syria).mentions] == [(4, 21)]


def test_a_group_named_by_its_backer_is_an_organisation_not_the_backer():
    doc = parse("The Saudi-led coalition struck the port.", [
        ("The", "DET", "det", 4), ("Saudi", "PROPN", "npadvmod", 3, "B-NORP"),
        ("-", "PUNCT", "punct", 3), ("led", "VERB", "amod", 4), ("coalition", "NOUN", "nsubj", 5),
        ("struck", "VERB", "ROOT", 5), ("the", "DET", "det", 7), ("port", "NOUN", "dobj", 5),
        (".", "PUNCT", "punct", 5)])
    actors = actors_of(doc)
    coalition = named(actors, "Saudi-led coalition")
    assert actors.entity(coalition).kind == "organization"
    assert [e.kind for e in actors.entities] == ["organization"]


def test_a_dateline_mentions_no_actor():
    doc = parse("BEIRUT, Lebanon (AP) -- Hezbollah fired rockets.", [
        ("BEIRUT", "PROPN", "npadvmod", 8, "B-GPE"), (",", "PUNCT", "punct", 0),
        ("Lebanon", "PROPN", "appos", 0, "B-GPE"), ("(", "PUNCT", "punct", 0),
        ("AP", "PROPN", "appos", 0, "B-ORG"), (")", "PUNCT", "punct", 0),
        ("--", "PUNCT", "punct", 8), ("Hezbollah", "PROPN", "nsubj", 8, "B-ORG"),
        ("fired", "VERB", "ROOT", 8), ("rockets", "NOUN", "dobj", 8, "O", "NNS"),
        (".", "PUNCT", "punct", 8)])
    actors = actors_of(doc)
    assert [e.name for e in actors.entities] == ["Hezbollah"]
    assert actors.at(0, doc.text.index("--")) is None


# ---------------------------------------------------------------- what words refer back to

def test_the_group_follows_the_organisation_called_so_not_a_ministry_in_between():
    doc = parse("The Front for Action attacked the town. The group said it would fight. "
                "The Interior Ministry condemned the attack. The group denied it.", [
        ("The", "DET", "det", 1), ("Front", "PROPN", "nsubj", 4, "B-ORG"),
        ("for", "ADP", "prep", 1, "I-ORG"), ("Action", "PROPN", "pobj", 2, "I-ORG"),
        ("attacked", "VERB", "ROOT", 4), ("the", "DET", "det", 6), ("town", "NOUN", "dobj", 4),
        (".", "PUNCT", "punct", 4),
        ("The", "DET", "det", 9), ("group", "NOUN", "nsubj", 10), ("said", "VERB", "ROOT", 10),
        ("it", "PRON", "nsubj", 13), ("would", "AUX", "aux", 13, "O", "MD"),
        ("fight", "VERB", "ccomp", 10, "O", "VB"), (".", "PUNCT", "punct", 10),
        ("The", "DET", "det", 17), ("Interior", "PROPN", "compound", 17, "B-ORG"),
        ("Ministry", "PROPN", "nsubj", 18, "I-ORG"), ("condemned", "VERB", "ROOT", 18),
        ("the", "DET", "det", 20), ("attack", "NOUN", "dobj", 18), (".", "PUNCT", "punct", 18),
        ("The", "DET", "det", 23), ("group", "NOUN", "nsubj", 24), ("denied", "VERB", "ROOT", 24),
        ("it", "PRON", "dobj", 24), (".", "PUNCT", "punct", 24)])
    actors = actors_of(doc)
    front = named(actors, "Front for Action")
    assert named(actors, "Interior Ministry") != front
    assert refer(actors, doc, "group") == refer(actors, doc, "group", 1) == front
    assert refer(actors, doc, "it") == front


def test_an_object_pronoun_skips_the_subject_of_its_own_clause():
    doc = parse("Haddad met Masri. Masri thanked him.", [
        ("Haddad", "PROPN", "nsubj", 1, "B-PERSON"), ("met", "VERB", "ROOT", 1),
        ("Masri", "PROPN", "dobj", 1, "B-PERSON"), (".", "PUNCT", "punct", 1),
        ("Masri", "PROPN", "nsubj", 5, "B-PERSON"), ("thanked", "VERB", "ROOT", 5),
        ("him", "PRON", "dobj", 5), (".", "PUNCT", "punct", 5)])
    actors = actors_of(doc)
    assert refer(actors, doc, "him") == named(actors, "Haddad")


def test_a_pronoun_in_a_fronted_phrase_points_forward_to_the_main_subject():
    doc = parse("Haddad left. Upon his return, Masri spoke.", [
        ("Haddad", "PROPN", "nsubj", 1, "B-PERSON"), ("left", "VERB", "ROOT", 1),
        (".", "PUNCT", "punct", 1),
        ("Upon", "ADP", "prep", 8), ("his", "PRON", "poss", 5, "O", "PRP$"),
        ("return", "NOUN", "pobj", 3), (",", "PUNCT", "punct", 8),
        ("Masri", "PROPN", "nsubj", 8, "B-PERSON"), ("spoke", "VERB", "ROOT", 8),
        (".", "PUNCT", "punct", 8)])
    actors = actors_of(doc)
    assert refer(actors, doc, "his") == named(actors, "Masri")


def test_she_skips_a_man_the_text_calls_mister():
    doc = parse("Mr Haddad met Amina Rashed. She said the talks failed.", [
        ("Mr", "PROPN", "compound", 1), ("Haddad", "PROPN", "nsubj", 2, "B-PERSON"),
        ("met", "VERB", "ROOT", 2), ("Amina", "PROPN", "compound", 4, "B-PERSON"),
        ("Rashed", "PROPN", "dobj", 2, "I-PERSON"), (".", "PUNCT", "punct", 2),
        ("She", "PRON", "nsubj", 7), ("said", "VERB", "ROOT", 7), ("the", "DET", "det", 9),
        ("talks", "NOUN", "nsubj", 10, "O", "NNS"), ("failed", "VERB", "ccomp", 7),
        (".", "PUNCT", "punct", 7)])
    actors = actors_of(doc)
    assert actors.gender(named(actors, "Haddad")) == "m"
    assert refer(actors, doc, "She") == named(actors, "Amina Rashed")


def test_a_spokesman_speaks_for_the_body_named_as_his_compound_modifier():
    doc = parse("Haddad met the envoys. A NATO spokesman said the talks failed.", [
        ("Haddad", "PROPN", "nsubj", 1, "B-PERSON"), ("met", "VERB", "ROOT", 1),
        ("the", "DET", "det", 3), ("envoys", "NOUN", "dobj", 1, "O", "NNS"),
        (".", "PUNCT", "punct", 1),
        ("A", "DET", "det", 7), ("NATO", "PROPN", "compound", 7, "B-ORG"),
        ("spokesman", "NOUN", "nsubj", 8), ("said", "VERB", "ROOT", 8), ("the", "DET", "det", 10),
        ("talks", "NOUN", "nsubj", 11, "O", "NNS"), ("failed", "VERB", "ccomp", 8),
        (".", "PUNCT", "punct", 8)])
    actors = actors_of(doc)
    assert refer(actors, doc, "spokesman") == named(actors, "NATO")


def test_the_government_is_the_country_acting_as_subject_not_the_most_named():
    doc = parse("Syria accused Turkey. Envoys met in Turkey. The government warned Ankara.", [
        ("Syria", "PROPN", "nsubj", 1, "B-GPE"), ("accused", "VERB", "ROOT", 1),
        ("Turkey", "PROPN", "dobj", 1, "B-GPE"), (".", "PUNCT", "punct", 1),
        ("Envoys", "NOUN", "nsubj", 5, "O", "NNS"), ("met", "VERB", "ROOT", 5),
        ("in", "ADP", "prep", 5), ("Turkey", "PROPN", "pobj", 6, "B-GPE"),
        (".", "PUNCT", "punct", 5),
        ("The", "DET", "det", 10), ("government", "NOUN", "nsubj", 11),
        ("warned", "VERB", "ROOT", 11), ("Ankara", "PROPN", "dobj", 11, "B-GPE"),
        (".", "PUNCT", "punct", 11)])
    actors = actors_of(doc)
    assert refer(actors, doc, "government") == named(actors, "Syria")
