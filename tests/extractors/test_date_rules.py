"""Date anchoring rules on documents whose sentences are built by hand (no model), as the
pipeline hands them to dates/find.py: each test names the rule of dates/resolve.py or
dates/find.py it covers."""

from __future__ import annotations

from chronicle.extractors.dates.find import date_for_sentence, find_timexes
from chronicle.records import Document, Timex
from tests.extractors.handmade import sentences


def _dated(date: str | None, *parts: str) -> tuple[list[Timex], list[tuple[int, int]], str]:
    doc = sentences(*parts)
    spans = [(s.start_char, s.end_char) for s in doc.sents]  # as extract_document does
    assert len(spans) == len(parts)
    document = Document(id="d", text=doc.text, source="test", date=date)
    return find_timexes(document, spans), spans, doc.text


def _values(date: str | None, *parts: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.value, t.anchor) for t in _dated(date, *parts)[0]]


def test_a_weekday_is_the_last_such_day_before_the_publication_date():
    # 14 March 2024 is a Thursday
    assert _values("2024-03-14", "The minister resigned on Tuesday.") == [
        ("Tuesday", "2024-03-12", "publication")]


def test_a_weekday_in_a_future_clause_is_the_next_such_day():
    assert _values("2024-03-14", "The envoy is expected in Cairo on Tuesday.") == [
        ("Tuesday", "2024-03-19", "publication")]


def test_a_dateline_date_anchors_the_article_without_a_publication_date():
    # 3 March 2003 was a Monday: the Saturday before it is 1 March
    timexes, _, _ = _dated(None, "BEIRUT, March 3, 2003 (AP) -- Gunmen attacked a bus on "
                                 "Saturday.")
    assert [(t.text, t.value, t.role) for t in timexes] == [
        ("March 3, 2003", "2003-03-03", "aside"), ("Saturday", "2003-03-01", "narrative")]


def test_a_month_without_a_year_takes_the_narrative_year():
    assert _values("2024-05-01", "In 1997, talks began in Oslo.",
                   "On August 28, the envoy left.") == [
        ("1997", "1997", "explicit"), ("August 28", "1997-08-28", "previous")]


def test_a_month_far_behind_the_anchor_rolls_into_the_next_year():
    assert _values(None, "Talks opened on December 12, 1996.", "In February they failed.") == [
        ("December 12, 1996", "1996-12-12", "explicit"), ("February", "1997-02", "previous")]


def test_the_following_day_is_the_day_after_the_narrative_date():
    assert _values(None, "The talks opened on May 3, 2003.",
                   "The following day, they collapsed.") == [
        ("May 3, 2003", "2003-05-03", "explicit"), ("The following day", "2003-05-04",
                                                    "previous")]


def test_a_year_in_a_relative_clause_is_background_and_moves_nothing():
    timexes, spans, _ = _dated(None, "The talks opened on May 3, 2003.",
                               "They cited the charter, which was signed in 1978.",
                               "On May 5, they ended.")
    assert [(t.value, t.role) for t in timexes] == [
        ("2003-05-03", "narrative"), ("1978", "background"), ("2003-05-05", "narrative")]
    assert date_for_sentence(timexes, *spans[1]) == "2003-05-03"


def test_a_sentence_without_a_date_carries_the_last_narrative_date():
    timexes, spans, _ = _dated("2024-03-14", "The ceasefire began on March 2.",
                               "Both sides accused each other of breaking it.")
    assert [t.value for t in timexes] == ["2024-03-02"]
    assert date_for_sentence(timexes, *spans[1]) == "2024-03-02"
