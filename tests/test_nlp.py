"""The spaCy pipeline as Chronicle loads it."""

from __future__ import annotations

import pytest

from chronicle.nlp import load_nlp

pytestmark = pytest.mark.model


def test_paragraphs_and_list_items_start_sentences():
    text = ("The envoy said his leader “will decide soon.”\n\nOn May 3 the minister left.\n\n"
            "The agenda:\n“1- Border trade;\n2- Water sharing.”")
    starts = [s.text.strip()[:8] for s in load_nlp()(text).sents]
    assert "On May 3" in starts
    assert "“1- Bord" in starts and "2- Water" in starts


def test_a_hard_wrapped_line_does_not_start_a_sentence():
    text = "The minister met the envoy of the\nneighbouring country on Monday."
    assert len(list(load_nlp()(text).sents)) == 1


def test_the_model_is_loaded_once_per_process():
    assert load_nlp() is load_nlp()


def test_the_known_names_follow_the_ner_and_fill_a_span_group():
    nlp = load_nlp()
    assert nlp.pipe_names.index("chronicle_known_names") == nlp.pipe_names.index("ner") + 1
    doc = nlp("Hezbollah fighters crossed into Syria, the United Nations said.")
    found = {(s.text, s.label_, s.id_) for s in doc.spans["known"]}
    assert ("Hezbollah", "organization", "known:Hezbollah") in found
    assert ("Syria", "country", "country:SY") in found
    assert ("United Nations", "organization", "known:United Nations") in found


def test_a_name_glued_to_a_lost_apostrophe_is_split_at_the_same_offsets():
    text = "Russias Aerospace Forces struck Syrias northern Aleppo province near Homs."
    doc = load_nlp()(text)
    words = [t.text for t in doc]
    assert words[:3] == ["Russia", "s", "Aerospace"] and "Syria" in words
    assert "Homs" in words  # a town whose name ends in "s" stays whole
    assert doc.text == text and doc[1].norm_ == "'s"


def test_a_hyphenated_surname_ending_in_s_stays_whole():
    words = [t.text for t in load_nlp()("Rep. Sheila Okafor-Banks dismissed that.")]
    assert "Banks" in words


@pytest.mark.parametrize("text, first", [
    ("KONDUGA, Nigeria - Boko Haram fighters attacked the town on Friday.", "Boko"),
    ("Fri Jun 24 2016 Daesh fighters kidnapped 900 people in Aleppo.", "Daesh"),
    ("Date of publication 15 June 2016 Four Hezbollah members have been killed.", "Four"),
])
def test_the_story_starts_a_sentence_after_its_dateline_or_page_date(text, first):
    starts = [s.text.split()[0] for s in load_nlp()(text).sents]
    assert first in starts and starts.index(first) == len(starts) - 1


@pytest.mark.parametrize(("text", "verb"), [
    ("Wendy Teng said Taipei would not be intimidated and called on Beijing to talk.", "called"),
    ("Dunmore said Washington had not been told and urged Kosovo to stop.", "urged"),
])
def test_a_reporting_verbs_second_act_hangs_on_the_reporting_verb(text, verb):
    """A finite verb cannot share the auxiliaries of the reported participle before it."""
    doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == verb)
    assert tok.head.text == "said" and tok.dep_ == "conj"


def test_a_participle_that_shares_the_auxiliaries_stays_in_the_reported_clause():
    doc = load_nlp()("Police said the men had been arrested and charged with murder.")
    tok = next(t for t in doc if t.text == "charged")
    assert tok.head.text != "said"
