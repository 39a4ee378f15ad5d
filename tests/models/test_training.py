"""What the event-sense trainer learns from: a headline in the case extraction reads it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chronicle.extractors.events.lexicon import load_lexicon
from chronicle.models.train import examples, headline_copies
from chronicle.settings import Settings

pytestmark = pytest.mark.model

HEADLINE = {"id": "h1", "text": "Japan Scrambles Fighter Jets Over Chinese Drones Near Okinawa",
            "events": [{"type": "MOBILIZE", "trigger": "Scrambles", "source": ["Japan"],
                        "target": []}]}


def test_a_headline_is_learnt_from_its_copy_in_ordinary_case() -> None:
    from chronicle.nlp import load_nlp

    model = Settings().model
    docs = [load_nlp(model)(HEADLINE["text"])]
    copies = headline_copies([HEADLINE], docs, model)
    [copy] = copies[0].values()
    assert copy.text.startswith("Japan scrambles")
    assert examples([HEADLINE], docs, load_lexicon(), copies).labels[0] == "MOBILIZE"
    # read in Title Case, the parse offers no word of the headline as an event
    assert "MOBILIZE" not in examples([HEADLINE], docs, load_lexicon()).labels


def test_the_argument_ranker_learns_each_actor_of_an_annotated_trigger_by_its_role() -> None:
    from chronicle.models.train_arguments import examples as argument_examples

    item = {"id": "a1", "text": "Kenya's foreign minister briefed his Ugandan counterpart "
                                "on Monday about the refugee talks.",
            "events": [{"type": "CONSULT", "trigger": "briefed",
                        "source": ["Kenya's foreign minister"],
                        "target": ["his Ugandan counterpart"]}]}
    found = argument_examples([item], replace(Settings(), arguments="rules"))
    assert sorted(found.labels) == ["source", "target"]
    assert found.counts["groups"] == 1
    assert set(found.rules) == {"source", "target"}  # the rules found both too
