"""The learned argument ranker fills a role the rules leave empty, never where the story's
rules decide (an attack's doer), and never with a place that stands for no state."""

from __future__ import annotations

import pytest

from chronicle import pipeline
from chronicle.extractors.events.ranking import RECORDER, features
from chronicle.records import Actor, Document, Event
from chronicle.settings import Settings

pytestmark = pytest.mark.model


def events(text: str, arguments: str = "ranked") -> list[tuple[str, list[str], list[str], str]]:
    records = list(pipeline.extract([Document(id="d", text=text, source="test",
                                              date="2024-03-02")],
                                    Settings(arguments=arguments)))
    name = {r.id: r.name for r in records if isinstance(r, Actor)}
    return [(r.event_type, [name.get(k, k) for k in r.source],
             [name.get(k, k) for k in r.target], r.reason)
            for r in records if isinstance(r, Event)]


@pytest.mark.parametrize(("text", "kind", "target"), [
    ("The Karamoja Relief Alliance has apologised to cattle herders whose grain stores were "
     "burned during a patrol, the group said on Friday.", "CONCEDE", "herders"),
    ("Mayor Tobias Lindqvist sent condolences to Finland after the ferry disaster.",
     "SUPPORT", "Finland"),
])
def test_the_ranker_names_a_target_the_rules_left_empty(text: str, kind: str, target: str
                                                        ) -> None:
    [(_, _, rules_target, _)] = [e for e in events(text, "rules") if e[0] == kind]
    assert rules_target == []
    [(_, _, ranked_target, reason)] = [e for e in events(text) if e[0] == kind]
    assert ranked_target == [target]
    assert "target by argument ranker" in reason


def test_an_attack_keeps_its_doer_to_the_story_rules() -> None:
    text = ("Five fishermen were killed when shells hit the port of Kismayo on Sunday, "
            "officials of the Jubaland administration said.")
    assault = [e for e in events(text) if e[0] == "ASSAULT"]
    assert assault and all("source by argument ranker" not in e[3] for e in assault)


def test_a_place_that_stands_for_no_state_is_no_party() -> None:
    text = "Protesters from the teachers' union gathered at Kamukunji Grounds on Monday."
    protest = [e for e in events(text) if e[0] == "PROTEST"]
    assert protest and all("Kamukunji Grounds" not in e[2] for e in protest)


def test_the_recorder_sees_every_actor_of_the_sentence_with_the_rules_choice() -> None:
    seen: list[dict] = []
    token = RECORDER.set(seen)
    try:
        events("Kenya's foreign minister briefed his Ugandan counterpart on Monday.", "rules")
    finally:
        RECORDER.reset(token)
    [rec] = [r for r in seen if r["type"] == "CONSULT"]
    assert rec["source"] and rec["target"]
    assert len(rec["candidates"]) >= 2
    assert all(c.features and c.start < c.end for c in rec["candidates"])


def test_features_name_the_dependency_chain_with_prepositions_by_their_word() -> None:
    from chronicle.nlp import load_nlp

    doc = load_nlp(Settings().model)("The ministry sent aid to Malawi.")
    made = features(_Stub(doc[2]), doc[5])  # "sent", "Malawi"
    assert "path=pobj/prep:to|" in made
    assert "side=after" in made


class _Stub:
    """The two things `features` reads of a trigger under analysis."""

    def __init__(self, tok) -> None:
        self.tok, self.type, self.pos = tok, "AID", "v"
