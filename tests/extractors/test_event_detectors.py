"""The learned layer with the lexicon (Settings.events "both", the default): what the
model may add, and where the explainable layer keeps it out."""

from __future__ import annotations

import pytest

from chronicle.extractors import extract_document
from chronicle.nlp import load_nlp
from chronicle.records import Document
from chronicle.settings import Settings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tuple[str, str, str]]:
    doc = load_nlp()(text)
    result = extract_document(Document(id="d", text=text, source="t"), doc, Settings())
    return [(e.event_type, e.trigger, e.detector or "") for e in result.events]


@pytest.mark.parametrize("text", [
    "Lebanon says it will not accept any more refugees if war starts in Syria.",
    "Turkey says it will accept no further migrants if the fighting reaches Idlib.",
    "The Polish news agency said Warsaw and Beijing signed a pact today to double rail freight.",
])
def test_a_verb_that_reports_a_clause_is_never_the_event(text):
    assert not [e for e in _events(text) if e[1].split()[0] in ("says", "said", "told")]


def test_each_event_says_which_detector_decided():
    found = _events("Rebels shelled an army post near Hama on Sunday.")
    assert found and all(d in ("lexicon", "model", "both") for _, _, d in found)
