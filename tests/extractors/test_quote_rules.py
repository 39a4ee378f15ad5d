"""Quote attribution rules on parses built by hand (no model): each test names the rule
of quotes/cues.py or quotes/speakers.py it covers."""

from __future__ import annotations

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.quotes.find import find_quotes
from chronicle.records import Document, Entity
from tests.extractors.handmade import parsed

HADDAD = Entity(key="d#1", doc="d", name="Karim Haddad", kind="person",
                names=["Karim Haddad", "Haddad"])
COURIER = Entity(key="d#2", doc="d", name="Daily Courier", kind="organization",
                 names=["Daily Courier"])


def _quotes(doc, *named: tuple[str, Entity]) -> list[tuple[str, str | None, str | None]]:
    """(text, speaker key, cue) of each quote; `named` are (surface, entity) mentions."""
    text = doc.text
    spans = sorted((text.index(surface), text.index(surface) + len(surface), ent.key)
                   for surface, ent in named)
    actors = DocActors(doc_id="d", entities=[e for _, e in named], spans=spans, doc=doc)
    quotes = find_quotes(doc, Document(id="d", text=text, source="test"), actors, ranked=False)
    assert all(text[q.start:q.end] == q.text for q in quotes)
    return [(q.text, q.speaker, q.cue) for q in quotes]


def test_the_subject_of_a_cue_verb_after_the_quote_speaks():
    doc = parsed("“We will stay,” Haddad said.", [
        ("“", 3, "punct", "PUNCT"), ("We", 3, "nsubj", "PRON"), ("will", 3, "aux", "AUX"),
        ("stay", 7, "ccomp", "VERB"), (",", 3, "punct", "PUNCT"), ("”", 3, "punct", "PUNCT"),
        ("Haddad", 7, "nsubj", "PROPN"), ("said", 7, "ROOT", "VERB", "say"),
        (".", 7, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [("We will stay,", "d#1", "said")]


def test_according_to_names_the_source_without_a_verb():
    doc = parsed("“The talks have failed,” according to Haddad.", [
        ("“", 4, "punct", "PUNCT"), ("The", 2, "det", "DET"), ("talks", 4, "nsubj", "NOUN"),
        ("have", 4, "aux", "AUX"), ("failed", 4, "ROOT", "VERB", "fail"),
        (",", 4, "punct", "PUNCT"), ("”", 4, "punct", "PUNCT"),
        ("according", 4, "prep", "VERB", "accord"), ("to", 7, "prep", "ADP"),
        ("Haddad", 8, "pobj", "PROPN"), (".", 4, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [
        ("The talks have failed,", "d#1", "according to")]


def test_a_pronoun_speaker_is_the_named_subject_in_focus():
    doc = parsed("Haddad arrived on Monday. “We are ready,” he said.", [
        ("Haddad", 1, "nsubj", "PROPN"), ("arrived", 1, "ROOT", "VERB", "arrive"),
        ("on", 1, "prep", "ADP"), ("Monday", 2, "pobj", "PROPN"), (".", 1, "punct", "PUNCT"),
        ("“", 7, "punct", "PUNCT"), ("We", 7, "nsubj", "PRON"), ("are", 12, "ccomp", "AUX"),
        ("ready", 7, "acomp", "ADJ"), (",", 7, "punct", "PUNCT"), ("”", 7, "punct", "PUNCT"),
        ("he", 12, "nsubj", "PRON"), ("said", 12, "ROOT", "VERB", "say"),
        (".", 12, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [("We are ready,", "d#1", "said")]


def test_a_verb_before_a_colon_introduces_the_quote():
    doc = parsed("Haddad replied: “We are ready.”", [
        ("Haddad", 1, "nsubj", "PROPN"), ("replied", 1, "ROOT", "VERB", "reply"),
        (":", 1, "punct", "PUNCT"), ("“", 5, "punct", "PUNCT"), ("We", 5, "nsubj", "PRON"),
        ("are", 1, "ccomp", "AUX"), ("ready", 5, "acomp", "ADJ"), (".", 5, "punct", "PUNCT"),
        ("”", 5, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [("We are ready.", "d#1", "replied")]


def test_a_passage_governed_by_a_speech_verb_is_its_subjects_speech():
    doc = parsed("Haddad stressed that his leader “will make basic changes soon”.", [
        ("Haddad", 1, "nsubj", "PROPN"), ("stressed", 1, "ROOT", "VERB", "stress"),
        ("that", 7, "mark", "SCONJ"), ("his", 4, "poss", "PRON"),
        ("leader", 7, "nsubj", "NOUN"), ("“", 7, "punct", "PUNCT"), ("will", 7, "aux", "AUX"),
        ("make", 1, "ccomp", "VERB"), ("basic", 9, "amod", "ADJ"),
        ("changes", 7, "dobj", "NOUN", "change"), ("soon", 7, "advmod", "ADV"),
        ("”", 7, "punct", "PUNCT"), (".", 1, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [
        ("will make basic changes soon", "d#1", "stressed")]


def test_the_object_of_quote_is_the_speaker_not_the_paper():
    doc = parsed("“The border opens next week,” the Daily Courier quoted Haddad as saying.", [
        ("“", 3, "punct", "PUNCT"), ("The", 2, "det", "DET"), ("border", 3, "nsubj", "NOUN"),
        ("opens", 13, "ccomp", "VERB", "open"), ("next", 5, "amod", "ADJ"),
        ("week", 3, "npadvmod", "NOUN"), (",", 3, "punct", "PUNCT"),
        ("”", 3, "punct", "PUNCT"), ("the", 10, "det", "DET"),
        ("Daily", 10, "compound", "PROPN"), ("Courier", 11, "nsubj", "PROPN"),
        ("quoted", 11, "ROOT", "VERB", "quote"), ("Haddad", 11, "dobj", "PROPN"),
        ("as", 11, "prep", "ADP"), ("saying", 13, "pcomp", "VERB", "say"),
        (".", 11, "punct", "PUNCT")])
    found = _quotes(doc, ("Daily Courier", COURIER), ("Haddad", HADDAD))
    assert found == [("The border opens next week,", "d#1", "quoted")]


def test_a_split_quote_keeps_the_speaker_of_its_first_part():
    doc = parsed("“We won,” Haddad said. “The rest is noise.”", [
        ("“", 1, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("won", 5, "ccomp", "VERB"),
        (",", 2, "punct", "PUNCT"), ("”", 2, "punct", "PUNCT"),
        ("Haddad", 6, "nsubj", "PROPN"), ("said", 6, "ROOT", "VERB", "say"),
        (".", 6, "punct", "PUNCT"), ("“", 11, "punct", "PUNCT"), ("The", 10, "det", "DET"),
        ("rest", 11, "nsubj", "NOUN"), ("is", 11, "ROOT", "AUX", "be"),
        ("noise", 11, "attr", "NOUN"), (".", 11, "punct", "PUNCT"),
        ("”", 11, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [("We won,", "d#1", "said"),
                                                ("The rest is noise.", "d#1", "said")]


def test_a_short_phrase_inside_a_sentence_is_a_term_not_a_quote():
    doc = parsed("Haddad denounced the “selective justice” of the court.", [
        ("Haddad", 1, "nsubj", "PROPN"), ("denounced", 1, "ROOT", "VERB", "denounce"),
        ("the", 5, "det", "DET"), ("“", 5, "punct", "PUNCT"), ("selective", 5, "amod", "ADJ"),
        ("justice", 1, "dobj", "NOUN"), ("”", 5, "punct", "PUNCT"), ("of", 5, "prep", "ADP"),
        ("the", 9, "det", "DET"), ("court", 7, "pobj", "NOUN"), (".", 1, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == []


def test_a_clause_opener_after_a_quote_is_no_attribution():
    """"while the army said" is a clause of its own: the long quoted clause stands alone,
    without the army's verb as its cue."""
    doc = parsed("Haddad spoke. “We are leaving the city today,” while the army said nothing.", [
        ("Haddad", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB", "speak"),
        (".", 1, "punct", "PUNCT"), ("“", 6, "punct", "PUNCT"), ("We", 6, "nsubj", "PRON"),
        ("are", 6, "aux", "AUX"), ("leaving", 6, "ROOT", "VERB", "leave"),
        ("the", 8, "det", "DET"), ("city", 6, "dobj", "NOUN"),
        ("today", 6, "npadvmod", "NOUN"), (",", 6, "punct", "PUNCT"),
        ("”", 6, "punct", "PUNCT"), ("while", 15, "mark", "SCONJ"),
        ("the", 14, "det", "DET"), ("army", 15, "nsubj", "NOUN"),
        ("said", 6, "advcl", "VERB", "say"), ("nothing", 15, "dobj", "PRON"),
        (".", 6, "punct", "PUNCT")])
    assert _quotes(doc, ("Haddad", HADDAD)) == [("We are leaving the city today,", None, None)]
