"""The known-names component on a blank pipeline: no model needed."""

from __future__ import annotations

import spacy

from chronicle.nlp.known import NAME, SPANS_KEY


def _blank():
    nlp = spacy.blank("en")
    nlp.add_pipe(NAME)
    return nlp


def test_known_names_are_marked_with_their_kind_and_key():
    doc = _blank()("Syrian troops and the Houthis met IAEA inspectors.")
    found = [(s.text, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]
    assert ("Syrian", "country", "country:SY") in found
    assert ("Houthis", "organization", "known:Houthis") in found
    assert ("IAEA", "organization", "known:International Atomic Energy Agency") in found


def test_names_match_in_their_exact_case_and_entities_stay_untouched():
    doc = _blank()("the houthis and un envoys")
    assert list(doc.spans[SPANS_KEY]) == []
    assert doc.ents == ()
