"""Parties an event's own clause leaves unnamed, found in the report around it, through the
whole pipeline (actors found, not listed by hand): the authority that reports an arrest
told in the passive, and the doer of the act a reply names ("condemned the seizure")."""

from __future__ import annotations

import pytest

from chronicle import pipeline
from chronicle.records import Actor, Document, Event
from chronicle.settings import Settings


def events(text: str) -> list[tuple[str, list[str], list[str]]]:
    records = list(pipeline.extract([Document(id="d", text=text, source="test",
                                              date="2024-03-02")], Settings()))
    name = {r.id: r.name for r in records if isinstance(r, Actor)}
    return [(r.event_type, [name.get(k, k) for k in r.source], [name.get(k, k) for k in r.target])
            for r in records if isinstance(r, Event) and not (r.negated or r.hypothetical)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source"), [
    ("Seventeen people were arrested in Nairobi on Monday, police said.", "Kenyan police"),
    ("Five suspects were arrested after the raid, the Interior Ministry said.",
     "Interior Ministry"),
])
def test_an_arrest_in_the_passive_is_the_act_of_the_authority_reporting_it(text, source):
    assert [e for e in events(text) if e[0] == "COERCE"][0][1] == [source]


@pytest.mark.model
def test_an_arrest_reported_by_someone_else_keeps_no_source():
    text = "Two journalists were detained in Minsk on Friday, their lawyer said."
    assert [e[1] for e in events(text) if e[0] == "COERCE"] == [[]]


@pytest.mark.model
def test_condemning_an_act_named_by_its_noun_is_aimed_at_its_doer():
    text = ("Iran's Revolutionary Guards seized a tanker in the Gulf on Monday. "
            "The U.S. Navy condemned the seizure as harassment.")
    accuse = [e for e in events(text) if e[0] == "ACCUSE"]
    assert accuse == [("ACCUSE", ["U.S. Navy"], ["Islamic Revolutionary Guard Corps"])]


@pytest.mark.model
def test_a_described_force_named_by_its_place_or_people_keeps_that_name():
    """"Istanbul police", "Ecuadorean forces": the phrase says whose they are, so the
    story's country adjective is not put before it ("Turkish Istanbul police")."""
    text = ("Istanbul police detained 12 suspects in raids on Tuesday. "
            "Ecuadorean forces shot down two Peruvian aircraft.")
    sources = {s for _, src, _ in events(text) for s in src}
    assert {"Istanbul police", "Ecuadorean forces"} <= sources


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "sources"), [
    ("Negotiators from the United States and China wrapped up two days of talks in "
     "Washington on Friday.", "CONSULT", ["United States", "China"]),
    ("Officials from Ghana and Togo met in Lome on Monday to discuss the border.",
     "CONSULT", ["Ghana", "Togo"]),
])
def test_officials_act_for_every_body_their_from_phrase_names(text, kind, sources):
    assert [e[1] for e in events(text) if e[0] == kind] == [sources]


@pytest.mark.model
def test_the_government_capitalised_is_the_state_the_document_names():
    text = ("JUBA - The UN mission published its brief on South Sudan on Monday. "
            "The Government released 26 political detainees.")
    assert [e[1] for e in events(text) if e[0] == "RETREAT"] == [["South Sudan"]]


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "parties"), [
    ("Armenian and Azerbaijani negotiators met in Geneva on Monday. The two sides agreed to "
     "exchange prisoners before the end of the month.", "AGREE", ["Armenia", "Azerbaijan"]),
    ("Kenya's President William Ruto met Uganda's President Yoweri Museveni in Kampala on "
     "Friday. The two leaders agreed to build a railway.", "AGREE",
     ["William Ruto", "Yoweri Museveni"]),
])
def test_a_counted_party_noun_stands_for_the_parties_named_last(text, kind, parties):
    assert [e[1] for e in events(text) if e[0] == kind] == [parties]


@pytest.mark.model
def test_a_counted_party_noun_needs_as_many_parties_before_it():
    text = "Ghana closed its border on Monday. Both countries said they would talk."
    assert all(e[1] != ["Ghana"] or e[0] != "AGREE" for e in events(text))
    assert not [e for e in events(text) if len(e[1]) > 1]
