"""Every offset in the output points at the characters it claims, whatever the text.

Documents are generated from words, names, quote marks of several traditions, dates,
newlines, non-ASCII letters, emoji, invisible characters and punctuation, and run through
the Python API (`chronicle.pipeline.extract`), so the whole chain (cleaning, spaCy, every
extractor, resolution) is held to the contract's offsets.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chronicle import pipeline
from chronicle.errors import DocumentError, InputError
from chronicle.records import Actor, Document, Event, Quote, Timex

WORDS = ("the", "council", "said", "on", "talks", "would", "resume", "after", "forces",
         "attacked", "met", "with", "accused", "agreed", "told", "reporters", "he", "she",
         "in", "of", "a", "village", "minister", "envoy", "warned", "rejected", "aid")
NAMES = ("Omar Khalil", "Syria", "Hayat Tahrir al-Sham", "HTS", "Lena Sorvik", "Damascus",
         "the United Nations", "Ahmed al-Sharaa", "President Omar Khalil", "Khalil",
         "Hélène Roy", "Idlib")
QUOTES = ("“", "”", '"', "‘", "’", "«", "»", "'")
DATES = ("March 3, 2024", "3 March 2024", "on Tuesday", "in 1997", "last week",
         "2024-03-05", "Feb. 10", "the next day", "12/03/2021", "May")
ODD = ("é", "ü", "—", "–", "…", "🌊", "👨‍👩‍👧", "قال", "\u200b", "\u00a0", "\t", "\u202e",
       "\r\n", "\x00", "Ⅻ", "ﬁ", "İ")
PUNCT = (".", ",", "!", "?", ";", ":", "(", ")", "-", ". ", "? ")
PUB_DATES = (None, "2024", "2024-03", "2024-03-05", "1997-11-22", "sometime", "2024-13-45", "0000")

_piece = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NAMES), st.sampled_from(QUOTES),
    st.sampled_from(DATES), st.sampled_from(("\n", "\n\n", "\n\n\n")),
    st.sampled_from(ODD), st.sampled_from(PUNCT),
)
_text = st.lists(st.tuples(_piece, st.sampled_from((" ", " ", "", "  "))),
                 min_size=3, max_size=120).map(lambda parts: "".join(a + b for a, b in parts))
_docs = st.lists(st.tuples(_text, st.sampled_from(PUB_DATES)), min_size=1, max_size=3)

KNOWN = ("Omar Khalil said on March 3, 2024 that talks would resume. “We will return to "
         "Syria,” he told reporters.\n\nHayat Tahrir al-Sham (HTS) fighters attacked the "
         "village on Tuesday, the United Nations said. « Non », dit Hélène Roy.")


def check_offsets(records: list[Any]) -> dict[str, int]:
    """Assert every record's offsets; returns how many of each kind were checked."""
    texts = {r.id: r.text for r in records if isinstance(r, Document)}
    actors = {r.id for r in records if isinstance(r, Actor)}
    seen = {"actor": 0, "event": 0, "quote": 0, "timex": 0}
    for r in records:
        if isinstance(r, Actor):
            for m in r.mentions:
                span = texts[m.doc][m.start:m.end]
                assert 0 <= m.start < m.end <= len(texts[m.doc]), (r.name, m)
                assert span == span.strip(), f"mention {span!r} of {r.name!r} has edge space"
                seen["actor"] += 1
        elif isinstance(r, Timex):
            assert texts[r.doc][r.start:r.end] == r.text, r
            seen["timex"] += 1
        elif isinstance(r, Quote):
            assert texts[r.doc][r.start:r.end] == r.text, r
            assert r.speaker is None or r.speaker in actors, r
            seen["quote"] += 1
        elif isinstance(r, Event):
            assert texts[r.doc][r.start:r.end] == r.sentence, r
            assert set(r.source) | set(r.target) <= actors, r
            seen["event"] += 1
    return seen


def _run(docs: list[tuple[str, str | None]]) -> list[Any]:
    """The records of one run; a document that failed (isolated, so the run went on) fails
    the test."""
    inputs = [Document(id=f"d{n}", text=text, source="property", date=date)
              for n, (text, date) in enumerate(docs)]
    errors: list[InputError] = []
    records = list(pipeline.extract(inputs, on_error=errors.append))
    failed = [e for e in errors if isinstance(e, DocumentError)]
    assert not failed, "\n".join(f"{e}\n{e.trace}" for e in failed)
    return records


@pytest.mark.model
def test_known_text_yields_every_kind_of_record_with_valid_offsets() -> None:
    """The property below must not pass vacuously: this text gives all four kinds."""
    seen = check_offsets(_run([(KNOWN, "2024-03-05")]))
    assert all(seen.values()), seen


@pytest.mark.model
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_docs)
@example([("“Omar Khalil” said « Syria » on March 3, 2024.\n\n‘HTS’ attacked.", "2024")])
def test_every_offset_points_at_its_text(docs: list[tuple[str, str | None]]) -> None:
    check_offsets(_run(docs))
