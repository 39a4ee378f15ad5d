"""Where an event's date comes from, and the glued dates of scraped datelines."""

from __future__ import annotations

import pytest

from chronicle.extractors.dates.find import find_dating
from chronicle.extractors.dates.parse import find_mentions
from chronicle.records import Document


def test_a_glued_day_and_year_is_read():
    found = find_mentions("Last updated at Jul 262016 BEIRUT Shelling hit the town.")
    assert [(m.year, m.month, m.day) for m in found] == [(2016, 7, 26)]


def _sources(text: str, date: str | None = None) -> list[tuple[str | None, str | None]]:
    document = Document(id="d", text=text, source="t", date=date)
    sentences = [(0, text.index(".") + 1), (text.index(".") + 2, len(text))]
    found = find_dating(document, sentences)
    return [found.date_of(s, e) for s, e in sentences]


def test_own_date_then_the_narrative():
    got = _sources("Rebels shelled the town on March 3, 2016. Six people died.")
    assert got == [("2016-03-03", "text"), ("2016-03-03", "narrative")]


def test_the_publication_date_when_the_text_gives_none():
    assert _sources("Rebels shelled the town. Six people died.", "2016-03-04") == [
        ("2016-03-04", "publication"), ("2016-03-04", "publication")]


def test_no_date_at_all():
    assert _sources("Rebels shelled the town. Six people died.") == [(None, None), (None, None)]


def test_dotted_and_dashed_dates_are_day_first():
    assert [(m.year, m.month, m.day) for m in find_mentions("02.10.2017 Get short URL")] == [
        (2017, 10, 2)]
    assert [(m.year, m.month, m.day) for m in find_mentions("05-09-2013 Damascus")] == [
        (2013, 9, 5)]
    assert find_mentions("05/06/2025") == []  # slashes: either order, so neither


@pytest.mark.parametrize("text", ["Date: 2016/03/14 Rebels", "on 2016.03.14 the", "2016-03-14 x"])
def test_a_date_that_starts_with_its_year_ends_with_its_day_whatever_the_separator(text):
    assert [(m.year, m.month, m.day) for m in find_mentions(text)] == [(2016, 3, 14)]


@pytest.mark.parametrize("text, date", [
    ("Airstrikes go on in Aleppo\nFriday 17 June 2016 Jets struck the town. Six people died.",
     "2016-06-17"),
    ("Airstrikes go on in Aleppo. Date of publication 13 October 2016 Jets struck the town "
     "overnight. Six people died.", "2016-10-13"),
])
def test_a_page_date_under_the_title_or_after_a_stamp_dates_an_undated_story(text, date):
    found = find_dating(Document(id="d", text=text, source="t"), [(0, len(text))])
    assert found.article == date


@pytest.mark.parametrize(("phrase", "value"), [("the day before yesterday", "2016-03-14"),
                                               ("yesterday", "2016-03-15"),
                                               ("the day after tomorrow", "2016-03-18")])
def test_two_days_off_the_time_of_speaking(phrase, value):
    text = f"DAMASCUS, March 16, 2016 (Agency) - Rebels shelled the town {phrase}."
    dating = find_dating(Document(id="x", text=text, source="x"), [(0, len(text))])
    assert [(t.text, t.value) for t in dating.timexes if t.start > 35] == [(phrase, value)]


@pytest.mark.parametrize(("text", "day"), [
    ("Published: 03.14.16, 10:45 Rebels shelled the town on Sunday.", "2016-03-14"),
    ("Updated 14.03.16 Rebels shelled the town on Sunday.", "2016-03-14"),
    ("Version 3.14.16 of the software was released.", None),
])
def test_a_page_stamp_with_a_two_digit_year_dates_the_story(text, day):
    """Short years only where a page stamps its date; elsewhere "3.14.16" is no date."""
    assert find_dating(Document(id="x", text=text, source="x"), [(0, len(text))]).article == day
