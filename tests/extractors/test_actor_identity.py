"""Actor identity by class of sentence: headline words, namesakes, titles, places, papers.

The texts are invented reports in several outlets' styles (wire copy with a Title Case
headline, a newspaper feature, a state-media bulletin); each test stands for a class.
"""

from __future__ import annotations

import pytest

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.find import find_actors
from chronicle.nlp import load_nlp
from chronicle.records import Document

pytestmark = pytest.mark.model


def actors_of(text: str, doc_id: str = "d1") -> DocActors:
    return find_actors(load_nlp()(text), Document(id=doc_id, text=text, source="test"))


def names(actors: DocActors) -> set[str]:
    return {n for e in actors.entities for n in [e.name, *e.names]}


def key_at(actors: DocActors, text: str, phrase: str, nth: int = 0) -> str | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return actors.at(start, start + len(phrase))


@pytest.mark.parametrize("text, person", [
    ("Marta Lindqvist Tells Farmers She Will Fight Tariffs\n\nSTOCKHOLM - Opposition leader "
     "Marta Lindqvist told farmers on Friday that she would fight the tariffs.",
     "Marta Lindqvist"),
    ("Defying Critics, Ramon Ortega Wins Second Term\n\nLIMA (Reuters) - Ramon Ortega won a "
     "second term on Sunday, the election board said.", "Ramon Ortega"),
    ("Kofi Mensah Slams Budget Cuts At Union Congress\n\nACCRA - Labour leader Kofi Mensah "
     "criticised the cuts in a speech to the union.", "Kofi Mensah"),
])
def test_headline_words_are_never_part_of_a_name(text: str, person: str):
    actors = actors_of(text)
    assert person in names(actors)
    headline = text.split("\n")[0]
    assert key_at(actors, text, person) == key_at(actors, text, person, 1)
    longer = [n for n in names(actors) if person in n and n != person]
    assert not longer, f"headline words taken into {longer} ({headline!r})"


def test_a_son_with_a_generational_suffix_stays_apart_from_his_father():
    text = ("Senator Walter Briggs opened the hearing on Monday. Walter Briggs Jr. later "
            "testified for the company. Briggs thanked the committee.")
    actors = actors_of(text)
    father = key_at(actors, text, "Walter Briggs")
    son = key_at(actors, text, "Walter Briggs Jr.")
    assert father is not None and son is not None and father != son


def test_a_middle_initial_is_optional_inside_one_document():
    text = ("Paul R. Hendricks resigned as chairman on Tuesday. Paul Hendricks had led "
            "the board for ten years.")
    actors = actors_of(text)
    assert key_at(actors, text, "Paul R. Hendricks") == key_at(actors, text, "Paul Hendricks")
