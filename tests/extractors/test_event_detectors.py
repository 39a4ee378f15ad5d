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


def test_a_sentence_with_no_trigger_gets_the_models_best_reading_only():
    """The fallback reading is one per sentence, and only where nothing else was found."""
    from chronicle.extractors.events.detect import FALLBACK, _fallbacks
    from chronicle.extractors.events.senses import Sense
    from chronicle.nlp import load_nlp

    doc = load_nlp()("Ghana balked at the plan. Togo agreed to the plan.")
    first, second = list(doc.sents)
    senses = {first[1].i: Sense("REJECT", FALLBACK + 0.05, 0.4, {}),
              first[4].i: Sense("AGREE", FALLBACK + 0.01, 0.4, {}),
              second[1].i: Sense("AGREE", FALLBACK + 0.2, 0.1, {})}
    found = _fallbacks(doc, senses, set(), {second.start})
    assert [(c.tok.text, c.type) for c in found] == [("balked", "REJECT")]
