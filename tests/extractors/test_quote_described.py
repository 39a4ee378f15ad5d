"""Who said it when the text describes the speaker instead of naming them: an apposed name,
a description nobody fits, a bare age, a lede that names its speaker a paragraph later, a
named spokeswoman, a title the parse split from its name, a surname tagged as a noun. The
texts are invented; the actors are given by hand, so each test checks the quote rules."""

from __future__ import annotations

import pytest

from chronicle.records import Role
from tests.extractors.test_quote_speakers import quotes

pytestmark = pytest.mark.model


def test_an_apposed_name_after_the_description_is_the_speaker_not_whom_the_title_fits():
    text = ("The chair, Ilona Marek, resigned on Sunday.\n\n"
            "“Ilona gave the board ten good years,” said the deputy chair, Tobias Renner, who "
            "will lead it until a successor is found.")
    got = quotes(text, {"Ilona Marek": ("Ilona Marek", "person"),
                        "Tobias Renner": ("Tobias Renner", "person")})
    assert got == [("Ilona gave", "Tobias Renner", "tail")]


def test_a_description_nobody_fits_goes_to_the_person_in_focus():
    text = ("The opposition's defence spokesman, Lukas Brenner, said the export figures "
            "were misleading. The veteran lawmaker added: “Count the patrol boats and the "
            "total doubles.”")
    got = quotes(text, {"Lukas Brenner": ("Lukas Brenner", "person")})
    assert got == [("Count the", "Lukas Brenner", "colon")]


def test_a_description_in_a_later_paragraph_does_not_look_ahead_for_a_name():
    text = ("The council met on Monday night.\n\n"
            "The harbour master warned of delays.\n\n"
            "“The channel needs dredging before winter,” the engineer said.\n\n"
            "Marta Olesen, the port's director, agreed.")
    got = quotes(text, {"Marta Olesen": ("Marta Olesen", "person")})
    assert got == [("The channel", None, "tail")]


def test_a_bare_age_is_a_description_of_the_person_with_that_age():
    text = ("Rafael Ortega, 52, has marked the fence line on a map. His neighbour Ines "
            "Duarte, 38, has not.\n\n"
            "“He does not live here,” the 52-year-old said of the congressman.")
    got = quotes(text, {"Rafael Ortega": ("Rafael Ortega", "person"),
                        "Ines Duarte": ("Ines Duarte", "person")})
    assert got == [("He does", "Rafael Ortega", "tail")]


def test_a_name_given_an_age_is_a_person_whatever_kind_the_mention_finder_gave_it():
    text = ("The mayor keeps a map on his wall. Rafael Ortega, 52, has marked three ranches "
            "on it.\n\n“It is my cousin's land,” the mayor said.")
    got = quotes(text, {"Rafael Ortega": ("Rafael Ortega", "location")})
    assert got == [("It is", "Rafael Ortega", "tail")]


def test_a_lede_that_describes_its_speaker_names_them_in_the_next_paragraph():
    text = ("A senior union official who led the talks said on Monday that the deal was "
            "“the best one dock workers have had in a generation.”\n\n"
            "Marta Olesen, the general secretary of the dockers' union, said members had "
            "voted to accept it.")
    got = quotes(text, {"Marta Olesen": ("Marta Olesen", "person")})
    assert got == [("the best", "Marta Olesen", "governed")]


def test_the_spokeswoman_is_the_one_named_where_she_was_introduced():
    text = ("The Foreign Ministry rejected the ban, Foreign Ministry spokeswoman Dana "
            "Koval said on Thursday. The spokeswoman said the ban “violates the rights of "
            "our fishermen in those waters.”")
    got = quotes(text, {"Foreign Ministry": ("Foreign Ministry", "organization"),
                        "Dana Koval": ("Dana Koval", "person")})
    assert got == [("violates the", "Dana Koval", "governed")]


def test_the_leader_of_no_statement_is_a_person():
    text = ("The head of the farmers' federation, Goran Petek, says the reform punishes "
            "the poor. The 61-year-old union leader said his members would strike “for as "
            "long as it takes to win.”")
    got = quotes(text, {"Goran Petek": ("Goran Petek", "person")})
    assert got == [("for as", "Goran Petek", "governed")]


def test_titles_the_parse_reads_as_a_second_subject_belong_to_the_name():
    from chronicle.extractors import extract_document
    from chronicle.nlp import load_nlp
    from chronicle.records import Document

    text = ("Bahrain's Prime Minister and Foreign Minister Sheikh Hamad bin Nasser said on "
            "Sunday that the remaining obstacles were “very minor and more practical than "
            "political.”")
    res = extract_document(Document(id="d", text=text, source="test"), load_nlp()(text))
    names = {e.key: e.name for e in res.entities}
    assert [(names.get(q.speaker or ""), q.how) for q in res.quotes] == [
        ("Hamad bin Nasser", "governed")]


def test_a_person_named_as_subject_of_speech_is_the_focus_of_a_later_pronoun():
    text = ("Dr. Aaron Feld told the committee the data were anonymous. Deputy Dalia "
            "Shamir said that was not enough.\n\n"
            "“Anonymous data can be traced back to people,” she said.")
    got = quotes(text, {"Aaron Feld": ("Aaron Feld", "person")})
    assert got == [("Anonymous data", "Dalia Shamir", "tail")]


PERSON = "person"


@pytest.mark.parametrize("text, names, roles, want", [
    pytest.param(  # a description after a quote of several sentences: across its paragraph
        "Committee chairman Teodoro Villaraza was unmoved. “You may invoke that right as "
        "often as you like. These papers will not invoke anything. They will speak for "
        "themselves,” the committee chair said.\n\nThe hearing resumes on Monday.",
        {"Teodoro Villaraza": ("Teodoro Villaraza", PERSON)},
        {"Teodoro Villaraza": [Role(title="Chairman")]},
        [("You may", "Teodoro Villaraza", "tail")], id="description-after-long-quote"),
    pytest.param(  # a name a relative clause makes the doer is in focus
        "The charge came from the party's housing spokeswoman, Aoife Kehoe, who told the "
        "chamber that rents had climbed. “Every week I meet couples who have given up,” "
        "the Dublin Bay North deputy said.",
        {"Aoife Kehoe": ("Aoife Kehoe", PERSON)}, {},
        [("Every week", "Aoife Kehoe", "tail")], id="relative-clause-doer"),
    pytest.param(  # a spokeswoman for a described official speaks for that official
        "Gov. Margaret Hollenbach proposed phasing the money in over three years.\n\n"
        "A spokeswoman for the governor said Hollenbach remained “optimistic that a deal "
        "is within reach” on Friday.",
        {"Margaret Hollenbach": ("Margaret Hollenbach", PERSON),
         "Hollenbach": ("Margaret Hollenbach", PERSON)},
        {"Margaret Hollenbach": [Role(title="Gov.")]},
        [("optimistic that", "Margaret Hollenbach", "governed")], id="spokeswoman-for"),
    pytest.param(  # a second cue the parse hangs under the first report keeps its subject
        "Grant Ferreira told analysts the price cuts would cost about $180 million in "
        "2025 but said the company would offset “the majority of that” through savings.",
        {"Grant Ferreira": ("Grant Ferreira", PERSON)}, {},
        [("the majority", "Grant Ferreira", "governed")], id="second-cue"),
    pytest.param(  # a lede after a byline names its described speaker next
        "By Megan Ostrowski, Staff Writer\n\n"
        "The former chief deputy in the county treasurer's office told a jury on "
        "Wednesday that her boss kept “a second set of books” in a drawer.\n\n"
        "Janice Coombs, 54, was the prosecution's first witness in the trial.",
        {"Megan Ostrowski": ("Megan Ostrowski", PERSON),
         "Janice Coombs": ("Janice Coombs", PERSON)}, {},
        [("a second", "Janice Coombs", "governed")], id="byline-lede"),
])
def test_a_described_speaker_is_found_where_news_puts_it(text, names, roles, want):
    assert quotes(text, names, roles) == want


@pytest.mark.parametrize("text, speaker", [
    ("Yehuda Gutfreund walked out minutes later. Asked by reporters whether Eli Ben-Harush "
     "had crossed a line, he said: “He crossed it a long time ago.”", "Yehuda Gutfreund"),
    ("When Omar Smith arrived at the border post on Monday, he said: “We are ready.”",
     "Omar Smith"),
])
def test_a_name_in_a_fronted_participle_is_what_he_was_asked_about(text, speaker):
    got = quotes(text, {"Yehuda Gutfreund": ("Yehuda Gutfreund", "person"),
                        "Eli Ben-Harush": ("Eli Ben-Harush", "person"),
                        "Omar Smith": ("Omar Smith", "person")})
    assert [g[1] for g in got] == [speaker]


@pytest.mark.parametrize("text, want", [
    # a short phrase that says something of its clause: the words of the clause's speaker
    ("Senate leader Roberta Castellanos told reporters that the bill was “dead on arrival” "
     "in her chamber.", [("dead on", "Roberta Castellanos", "governed")]),
    ("Maren Quist said lawmakers would comply “under protest” with the order.",
     [("under protest", "Maren Quist", "governed")]),
    # a noun in quotes is a term the story holds up
    ("Maren Quist said the state was delivering “selective justice” to the north.", []),
    ("Maren Quist framed the killings as “retribution” for the raid.", []),
])
def test_a_short_partial_quote_is_its_clause_speaker_s_a_quoted_term_is_none(text, want):
    got = quotes(text, {"Roberta Castellanos": ("Roberta Castellanos", "person"),
                        "Maren Quist": ("Maren Quist", "person")})
    assert got == want
