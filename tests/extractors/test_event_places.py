"""Where an event happened: the most specific place the sentence gives, else the one the
story gives; datelines and the names of people are never places. Invented reports."""

from __future__ import annotations

import pytest

from chronicle.extractors import extract_document
from chronicle.records import Document, Event

pytestmark = pytest.mark.model


def _events(nlp, text: str) -> list[Event]:  # noqa: ANN001
    document = Document(id="d", text=text, source="t")
    return [e for e in extract_document(document, nlp(text)).events
            if e.event_type == "ASSAULT" and not (e.negated or e.hypothetical)]


def test_the_most_specific_place_near_the_trigger(nlp):
    ev = _events(nlp, "Government forces shelled the village of Anadan in Aleppo province "
                      "on Sunday.")[-1]
    assert (ev.location.name, ev.location.admin1, ev.location.precision) == (
        "Anadan", "Aleppo", "point")


def test_a_headline_takes_the_place_of_its_lead(nlp):
    text = ("Air strikes kill 12 in Syria\n\nAt least 12 people were killed in air strikes "
            "on the town of Maarat al-Numan in Idlib province on Friday, a monitor said.")
    first = _events(nlp, text)[0]
    assert first.location is not None and first.location.name == "Maarat al-Numan"


def test_the_dateline_city_is_not_the_place_of_the_event(nlp):
    text = ("BEIRUT (Reuters) - A suicide bomber killed 9 people at a checkpoint near the "
            "Syrian town of Jableh on Tuesday.")
    ev = _events(nlp, text)[0]
    assert ev.location.name == "Jableh" and ev.location.country_code == "SYR"


def test_a_place_elsewhere_in_the_sentence_when_the_trigger_has_none(nlp):
    ev = _events(nlp, "At least 20 rebels were killed overnight during a failed push to "
                      "reopen the supply road into Aleppo city.")[0]
    assert ev.location.admin1 == "Aleppo"


@pytest.mark.parametrize(("text", "place", "country"), [
    ("Gunmen ambushed an eradication column in Palcoma Alto, a hamlet of coca terraces "
     "four hours by dirt road from La Paz, on Tuesday.", "Palcoma Alto", "BOL"),
    ("Unknown attackers ambushed a police patrol in the hamlet of Tell Jdeir, 30 km north "
     "of Hama, before dawn.", "Tell Jdeir", "SYR"),
])
def test_a_landmark_a_place_is_measured_from_only_holds_it(nlp, text, place, country):
    ev = _events(nlp, text)[0]
    assert (ev.location.name, ev.location.country_code, ev.location.precision) == (
        place, country, "admin1")


def test_later_sentences_borrow_the_measured_place_not_the_landmark(nlp):
    text = ("Gunmen ambushed an eradication column in Palcoma Alto, a hamlet four hours by "
            "dirt road from La Paz, on Tuesday.\n\nAn hour later the same gunmen shot at an "
            "ambulance that came for the wounded.")
    assert [e.location.name for e in _events(nlp, text)] == ["Palcoma Alto"] * 2
