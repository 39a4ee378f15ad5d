"""PLOVER's magnitudes: how many died, were hurt or took part, on the event they belong to.

Invented reports; each test runs the whole extractor of one document (actors found by
the actor finder), so a figure is read from the parse and given to its event.
"""

from __future__ import annotations

import pytest

from chronicle.extractors import extract_document
from chronicle.records import Document, Event

pytestmark = pytest.mark.model


def _events(nlp, text: str) -> list[Event]:  # noqa: ANN001
    document = Document(id="d", text=text, source="t")
    return [e for e in extract_document(document, nlp(text)).events
            if not (e.negated or e.hypothetical)]


def _with(events: list[Event], kind: str) -> list[tuple]:
    return [(m.value, m.qualifier, m.parts, m.text) for e in events
            for m in [e.magnitude(kind)] if m is not None]


def test_at_least_is_a_qualifier_and_a_part_is_not_added(nlp):
    events = _events(nlp, "Government aircraft bombed the market town of Kafr Zita on "
                          "Monday, killing at least 16 people including seven children.")
    assert _with(events, "dead") == [(16, "at least", (), "at least 16 people")]


def test_parts_of_a_figure_are_summed(nlp):
    events = _events(nlp, "Six civilians and 16 fighters were killed in the clashes near "
                          "Saraqeb on Sunday.")
    value, _, parts, text = _with(events, "dead")[0]
    assert (value, parts) == (22, (6, 16)) and "16 fighters" in text


def test_dead_and_wounded_joined_by_and_are_two_figures(nlp):
    events = _events(nlp, "Fierce clashes between rival militants near Damascus left at "
                          "least 40 dead and 70 wounded on Friday.")
    assert [v for v, *_ in _with(events, "dead")] == [40]
    assert [v for v, *_ in _with(events, "injured")] == [70]


def test_a_toll_of_them_and_a_toll_under_a_verb_of_belief(nlp):
    events = _events(nlp, "Troops clashed with the militants near the dam, killing 16 of "
                          "them.")
    assert [v for v, *_ in _with(events, "dead")] == [16]
    events = _events(nlp, "All five people on board a Russian military helicopter that was "
                          "shot down over the valley on Monday are believed to have died.")
    assert [v for v, *_ in _with(events, "dead")] == [5]


def test_a_vague_amount_keeps_its_words_without_a_value(nlp):
    events = _events(nlp, "Dozens of people were wounded when a car bomb exploded outside "
                          "a bakery in Qamishli on Friday.")
    assert _with(events, "injured")[0][0] is None
    assert _with(events, "injured")[0][3].startswith("Dozens")


def test_a_revised_toll_replaces_the_first_figure(nlp):
    events = _events(nlp, "A roadside bomb killed three soldiers near Tal Afar on Tuesday. "
                          "The death toll later rose to five.")
    assert [v for v, *_ in _with(events, "dead")] == [5]


def test_dead_and_wounded_of_one_attack_and_people_counted_one_by_one(nlp):
    events = _events(nlp, "Gunmen shot dead a policeman and wounded two passers-by in "
                          "Baghdad on Thursday.")
    assert [v for v, *_ in _with(events, "dead")] == [1]
    assert [v for v, *_ in _with(events, "injured")] == [2]


def test_a_figure_of_another_clause_goes_to_its_own_event(nlp):
    events = _events(nlp, "Rebels shelled the village of Morek on Monday, two days after "
                          "40 people were killed in a market bombing in Homs.")
    shelled = [e for e in events if e.trigger == "shelled"]
    assert shelled and shelled[0].magnitude("dead") is None


def test_the_size_of_a_protest(nlp):
    events = _events(nlp, "Some 3,000 protesters marched through the centre of Daraa on "
                          "Friday.")
    assert _with(events, "size") == [(3000, "about", (), "Some 3,000 protesters")]


def test_numbers_in_words_and_a_date_are_read_apart(nlp):
    events = _events(nlp, "Sun 05 Jul 2015 Twenty-three civilians were killed in air "
                          "strikes on Raqqa.")
    assert [v for v, *_ in _with(events, "dead")] == [23]


def test_a_headline_toll_no_event_carries_goes_to_the_lead_attack(nlp):
    events = _events(nlp, "16-12-2014 Syrian Army Kills over 60 ISIL Terrorists in Deir Ezzor. "
                          "The Syrian army clashed fiercely with ISIL terrorists near the "
                          "military airport.")
    assert [v for v, *_ in _with(events, "dead")] == [60]


def test_a_lead_with_a_vague_toll_takes_the_figure_the_opening_gives(nlp):
    events = _events(nlp, "Scores of civilians were killed on Saturday when regime airstrikes "
                          "hit Aleppo. The Civil Defence said on Sunday that 51 people had "
                          "been killed in the strikes on the market.")
    killed = [e.magnitude("dead") for e in events if e.trigger == "killed"]
    assert len(killed) == 2 and all(m is not None for m in killed)
    assert [m.value for m in killed if m is not None] == [51, 51]
