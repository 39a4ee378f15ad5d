"""Speakers in political news, through the whole extractor: a member's party tag, a
description of the member with a state in it, a partial quote that ends its sentence. The
texts are invented; each test stands for a class of sentence."""

from __future__ import annotations

import pytest

from chronicle.extractors import extract_document
from chronicle.nlp import load_nlp
from chronicle.records import Document

pytestmark = pytest.mark.model


def speakers(text: str) -> list[tuple[str, str | None]]:
    """(first words of each quote, its speaker's name)."""
    result = extract_document(Document(id="d", text=text, source="t"), load_nlp()(text))
    names = {e.key: e.name for e in result.entities}
    return [(" ".join(q.text.split()[:2]), names.get(q.speaker or ""))
            for q in result.quotes]


def test_a_description_with_a_state_in_it_is_the_member_not_the_state():
    text = ("Rep. Jolene Vukovich, R-Ohio, voted against the bill on Thursday.\n\n"
            "“At some point the majority has to act like a majority,” the Ohio Republican "
            "said in an interview.")
    assert speakers(text) == [("At some", "Jolene Vukovich")]


def test_a_description_nobody_fits_goes_to_the_person_in_focus_not_to_its_state():
    text = ("Senate Majority Leader Roberta Castellanos said on the floor that the bill "
            "would pass. The New Mexico Democrat added that she hoped it would be “the last "
            "of these for a long, long time.”")
    assert speakers(text) == [("the last", "Roberta Castellanos")]


def test_a_partial_quote_that_ends_its_sentence_is_not_given_to_the_next_sentence():
    text = ("Rep. Dana Whitfield said the speaker had “once again leaned on the other party "
            "to pass this.” Johnson did not respond.")
    assert speakers(text) == [("once again", "Dana Whitfield")]


def test_a_partial_quote_under_a_passive_speech_verb_is_the_teller_s():
    text = ("Rep. Owen Bracewell told CNN after the hearing that he expected Catherine Lisle "
            "to be confirmed “with a handful of Democratic votes, maybe more.”")
    assert speakers(text) == [("with a", "Owen Bracewell")]


@pytest.mark.parametrize("text, speaker", [
    ("Sen. Cornelius Whitlow paused during the hearing. His office issued a statement that "
     "afternoon saying the senator had been “momentarily distracted by a note from staff.”",
     "Cornelius Whitlow"),
    ("The office of Attorney General Benjamin Holtz said in a statement that it was "
     "“reviewing the decision carefully and will have more to say.”", "Benjamin Holtz"),
])
def test_an_office_speaks_for_its_holder(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_a_named_speaker_is_not_the_group_named_in_her_apposition():
    text = ("Maya Tranh-Ellison, 34, a former Senate aide who now runs Next Seat, a group that "
            "argues for turnover in Congress, says the chamber has become “a museum with "
            "voting rights.”")
    assert speakers(text) == [("a museum", "Maya Tranh-Ellison")]


def test_a_spokeswoman_for_the_governor_is_not_the_governor_described_later():
    text = ("Gov. Annalise Brandt on Tuesday vetoed a bill. “We are against math that does not "
            "add up,” said Tasha Gorman, a spokeswoman for the governor.\n\n"
            "Asked whether she feared an override, the 58-year-old governor shrugged.\n\n"
            "“That’s their right. It’s my job to tell them the truth.”")
    assert [s for _, s in speakers(text)] == ["Tasha Gorman", "Annalise Brandt"]


@pytest.mark.parametrize("text, want", [
    # the representative of a state speaks for it, and goes on as "he"
    ("Briefing members, Ingrid Solberg-Matos, Special Representative of the "
     "Secretary-General, said armed groups controlled the capital.\n\n"
     "The representative of the Russian Federation said the Council should “stop "
     "pretending that sanctions lists can substitute for a political process.”\n\n"
     "“We voted for this resolution because the people need it,” he said.",
     ["Russia", "Russia"]),
    # a member's title, party tag or a country opening his name is no speaker
    ("Social Democrats TD Róisín Geraghty said renters were “paying for this caution in "
     "euro and cent.”", ["Róisín Geraghty"]),
    ("House Appropriations Chairman Jordan Seidel, D-Allegheny, said the warning was “waved "
     "around like a permission slip.”", ["Jordan Seidel"]),
    ("Deputy Marcelo Furtado (União-GO), a close ally of the speaker, said the court had "
     "“taken the towns hostage.”", ["Marcelo Furtado"]),
    # a delegate printed in capitals before his country is the speaker
    ("Speaking last, ÉRIC DORVAL (Haiti) thanked members but said his Government "
     "needed “fewer resolutions and more helicopters.”", ["Éric Dorval"]),
    # ... also at the head of a paragraph, where a wire dateline would stand
    ("The Council met on Monday.\n\nJOSEPH KIPROP LANGAT (Kenya) said the police had "
     "“retaken ground that the gangs held for two years.”", ["Joseph Kiprop Langat"]),
])
def test_speakers_of_parliaments_and_the_un(text, want):
    assert [s for _, s in speakers(text)] == want
