"""Date expressions: ISO values, narrative anchoring, captions and datelines, non-dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extractors.dates.find import (
    date_for_sentence,
    find_timexes,
    parse_partial,
    simple_sentences,
)
from chronicle.records import Document, Timex

SHARED = Path("/work/shared")


def _timexes(text: str, date: str | None = None) -> list[Timex]:
    doc = Document(id="d1", text=text, source="test", date=date)
    return find_timexes(doc, simple_sentences(text))


def _values(text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in _timexes(text, date)]


def _sentence_date(text: str, needle: str, date: str | None = None) -> str | None:
    """The date of the sentence holding `needle`, as the event extractor would ask it."""
    sentences = simple_sentences(text)
    pos = text.index(needle)
    start, end = next((s, e) for s, e in sentences if s <= pos < e)
    doc = Document(id="d1", text=text, source="test", date=date)
    return date_for_sentence(find_timexes(doc, sentences), start, end)


# ------------------------------------------------------------------ explicit dates

@pytest.mark.parametrize("phrase", ["August 21, 1996", "21 August 1996", "Aug. 21, 1996",
                                    "Aug 21 1996", "the 21st of August, 1996",
                                    "Wednesday, August 21, 1996"])
def test_full_dates_in_many_spellings(phrase: str) -> None:
    text = f"The two envoys met in Amman on {phrase}, officials said."
    [t] = _timexes(text)
    assert (t.text, t.value, t.anchor) == (phrase, "1996-08-21", "explicit")
    assert text[t.start:t.end] == t.text


def test_month_year_and_cued_year() -> None:
    text = "Talks stalled in February 1998. The pipeline had been shut in 1982."
    assert _values(text) == [("February 1998", "1998-02"), ("1982", "1982")]


def test_two_months_sharing_a_year() -> None:
    text = "Tension rose in October and November 1997 along the frontier."
    assert _values(text) == [("October", "1997-10"), ("November 1997", "1997-11")]


def test_part_of_a_year_gives_the_year() -> None:
    text = "In the first half of 1996, the council changed course. By mid-2003 it had split."
    assert _values(text) == [("the first half of 1996", "1996"), ("mid-2003", "2003")]


@pytest.mark.parametrize("phrase", ["in the 1990s", "in the early 1990s", "since the mid-1980s",
                                    "during the 2010’s"])
def test_decades_are_not_emitted(phrase: str) -> None:
    assert _timexes(f"The movement grew {phrase} across the region.", "2020") == []


def test_iso_and_numeric_dates() -> None:
    text = "The order of 2025-05-14 replaced one signed 14/05/2024 and another of 05/28/2023."
    assert [v for _, v in _values(text)] == ["2025-05-14", "2024-05-14", "2023-05-28"]


def test_impossible_days_are_skipped() -> None:
    assert _timexes("Talks were set for February 29, 1997 and for April 31, 1998.") == []
    found = _timexes("The envoy came on February 2, 1997. He left on February 29.")
    assert [t.value for t in found] == ["1997-02-02"]
    leap = _timexes("The envoy came on February 2, 1996. He left on February 29.")
    assert [t.value for t in leap] == ["1996-02-02", "1996-02-29"]


def test_ambiguous_numeric_date_is_skipped() -> None:
    assert _timexes("The memo dated 05/06/2024 was leaked.") == []


def test_day_range_after_the_month() -> None:
    text = "The summit ran from 3 to 5 March 2003 in Doha."
    assert _values(text) == [("3", "2003-03-03"), ("5 March 2003", "2003-03-05")]


def test_day_range_before_the_year() -> None:
    text = "Voting took place on March 3-5, 2003 under observation."
    assert _values(text) == [("March 3", "2003-03-03"), ("5, 2003", "2003-03-05")]


def test_range_across_months_and_years() -> None:
    text = "The siege lasted from December 30 to January 2, 2004."
    assert [v for _, v in _values(text)] == ["2003-12-30", "2004-01-02"]


def test_year_ranges() -> None:
    assert [v for _, v in _values("He served as envoy in 1996-97 and again between 2001 "
                                  "and 2004.")] == ["1996", "1997", "2001", "2004"]


# ------------------------------------------------------------------ non-dates

@pytest.mark.parametrize("text", [
    "More than 2000 people marched through the capital.",
    "The council recalled Resolution 1441 and Resolution 1973.",
    "The convoy left at 10:30 and arrived at 14.45.",
    "The curfew lasts until 2100 GMT on weekdays.",
    "Aid reached up to 2000 families in the camps.",
    "Food was handed out in 2000 homes across the province.",
    "The rate rose from 1500 to 2000 within weeks.",
    "The minister may travel next door; he said he would march on.",
    "The plan was backed by May and opposed by Johnson.",
    "Officers were posted on the 5th floor of the building.",
    "Crowds filled the shops on Black Friday.",
    "The 1996 elections were contested.",
])
def test_non_dates(text: str) -> None:
    assert _timexes(text, "2025-03-10") == []


@pytest.mark.parametrize("text", [
    "Veterans recalled the Sept. 11 attacks and the March 15 uprising.",
    "The Sunday Times reported the deal.",
    "The Good Friday Agreement still holds.",
])
def test_dates_that_are_names(text: str) -> None:
    assert _timexes(text, "2025-03-13") == []


def test_sentence_opening_year_before_a_count_word() -> None:
    assert _values("In 2019 people took to the streets.", "2025") == [("2019", "2019")]


def test_the_year_phrase() -> None:
    assert _values("In the year 2000 the border opened.") == [("the year 2000", "2000")]


def test_may_after_a_time_cue_is_a_month() -> None:
    assert _values("The offensive began in May.", "2024") == [("May", "2024-05")]


# ------------------------------------------------------------------ the narrative anchor

def test_month_day_takes_the_year_of_the_previous_date() -> None:
    text = "On August 21, 1996, the envoy arrived. On August 28, he left for Baghdad."
    t = _timexes(text, "2021")[1]
    assert (t.text, t.value, t.anchor) == ("August 28", "1996-08-28", "previous")


def test_day_of_month_takes_year_and_month() -> None:
    text = "The envoy arrived on August 21, 1996. He met the minister on the 28th."
    t = _timexes(text)[1]
    assert (t.text, t.value, t.anchor) == ("the 28th", "1996-08-28", "previous")


def test_day_of_month_needs_an_anchor() -> None:
    assert _timexes("He met the minister on the 5th.") == []


@pytest.mark.parametrize(("phrase", "value"), [
    ("On the following day", "1998-02-10"),
    ("The next day", "1998-02-10"),
    ("A day later", "1998-02-10"),
    ("Two days later", "1998-02-11"),
    ("A week later", "1998-02-16"),
    ("The previous day", "1998-02-08"),
    ("The following month", "1998-03"),
    ("A month later", "1998-03"),
    ("The following year", "1999"),
    ("Three years later", "2001"),
])
def test_shifts_from_the_previous_date(phrase: str, value: str) -> None:
    text = f"The delegation came on February 9, 1998. {phrase}, the talks resumed."
    t = _timexes(text, "2021")[1]
    assert (t.value, t.anchor) == (value, "previous")


def test_day_shift_needs_a_day_anchor() -> None:
    text = "The delegation came in February 1998. The next day, the talks resumed."
    assert _values(text) == [("February 1998", "1998-02")]


def test_month_without_year_follows_a_month_list() -> None:
    text = ("Floods hit the coast in October and November 1997. In mid-November, the deputy "
            "premier toured the delta. On November 22, he flew home.")
    assert [v for _, v in _values(text, "2021")] == ["1997-10", "1997-11", "1997-11",
                                                      "1997-11-22"]


def test_no_rollover_when_the_narrative_may_jump_back() -> None:
    text = "The envoy came on August 21, 1996. In February, the border had been sealed."
    assert _timexes(text, "2021")[1].value == "1996-02"


def test_rollover_from_december_to_january() -> None:
    text = "Fighting resumed on December 28, 1999. On January 3, a truce was signed."
    assert _timexes(text, "2021")[1].value == "2000-01-03"


def test_mid_sentence_jump_back_does_not_move_the_anchor() -> None:
    text = ("The accord was signed on 1 April 1992. Talks had begun in the spring of 1990. "
            "On 3 April, troops withdrew.")
    found = _timexes(text)
    assert [(t.value, getattr(t, "role", "")) for t in found] == [
        ("1992-04-01", "narrative"), ("1990", "flashback"), ("1992-04-03", "narrative")]


# ------------------------------------------------------------------ the publication date

@pytest.mark.parametrize(("pub", "month", "value"), [
    ("2025", "February", "2025-02"),
    ("2025-03-10", "February", "2025-02"),
    ("2025-03-10", "November", "2024-11"),
    ("2025-03-10", "March", "2025-03"),
])
def test_month_without_anchor_prefers_the_past(pub: str, month: str, value: str) -> None:
    [t] = _timexes(f"The militia attacked a checkpoint in {month}.", pub)
    assert (t.value, t.anchor) == (value, "publication")


def test_future_tense_looks_ahead() -> None:
    [t] = _timexes("The parliament will vote in January.", "2025-11-20")
    assert t.value == "2026-01"


def test_month_day_without_anchor_uses_publication_year() -> None:
    [t] = _timexes("The two leaders met in Riyadh on May 14, aides said.", "2025")
    assert (t.value, t.anchor) == ("2025-05-14", "publication")


@pytest.mark.parametrize(("phrase", "value"), [
    ("on Tuesday", "2025-03-11"),
    ("on Thursday", "2025-03-13"),
    ("last Thursday", "2025-03-06"),
    ("on Friday", "2025-03-07"),
    ("yesterday", "2025-03-12"),
    ("today", "2025-03-13"),
    ("last month", "2025-02"),
    ("last year", "2024"),
])
def test_news_reported_as_current(phrase: str, value: str) -> None:
    # 2025-03-13 is a Thursday
    [t] = _timexes(f"The ministry said {phrase} that the crossing was closed.", "2025-03-13")
    assert (t.text, t.value, t.anchor) == (phrase.removeprefix("on "), value, "publication")


def test_current_story_dates_months_from_publication() -> None:
    text = ("Troops retook the town on Sunday. The offensive began on Dec. 20. "
            "Envoys will meet again on Feb. 2.")
    assert [v for _, v in _values(text, "2016-01-12")] == ["2016-01-10", "2015-12-20",
                                                           "2016-02-02"]


def test_weekday_in_future_tense() -> None:
    [t] = _timexes("The envoys will meet on Monday in Geneva.", "2025-03-13")
    assert t.value == "2025-03-17"


@pytest.mark.parametrize("pub", ["2025-03", "2025", None])
def test_weekdays_need_a_full_publication_date(pub: str | None) -> None:
    assert _timexes("The ministry said on Tuesday that yesterday's raid failed.", pub) == []


def test_last_week_within_one_month() -> None:
    [t] = _timexes("Rebels shelled the town last week.", "2025-03-20")
    assert t.value == "2025-03"


@pytest.mark.parametrize(("phrase", "value"), [("Next month", "1998-03"),
                                                ("Last year", "1997"),
                                                ("Later that month", "1998-02")])
def test_last_and_next_follow_a_historical_story(phrase: str, value: str) -> None:
    text = f"The minister arrived on February 9, 1998. {phrase}, the embassy reopened."
    t = _timexes(text, "2021-05-01")[1]
    assert (t.value, t.anchor) == (value, "previous")


def test_narrator_today_in_a_historical_story_is_publication() -> None:
    text = "The minister arrived on February 9, 1998. Today the embassy is closed."
    t = _timexes(text, "2021-05-01")[1]
    assert (t.value, t.anchor) == ("2021-05-01", "publication")


def test_today_inside_a_quote_of_a_historical_story() -> None:
    text = ("The minister arrived on February 9, 1998. He told the president: "
            "“We will sign the accord today.”")
    t = _timexes(text, "2021")[1]
    assert (t.text, t.value, t.anchor) == ("today", "1998-02-09", "previous")


# ------------------------------------------------------------------ captions and datelines

def test_caption_date_is_kept_but_not_an_anchor() -> None:
    text = ("Smoke rises over the old city of Homs on March 3, 2016 (Reuters)\n"
            "The next day, the army withdrew. On May 2, talks opened.")
    [caption, may] = _timexes(text, "2019-06-01")
    assert (caption.value, caption.anchor) == ("2016-03-03", "explicit")
    assert caption.role == "aside"
    assert (may.value, may.anchor) == ("2019-05-02", "publication")
    assert _sentence_date(text, "the army withdrew", "2019-06-01") is None


def test_caption_with_partial_date_gets_no_timex() -> None:
    text = "File photo: fighters in the desert in November\nThe group retreated."
    assert _timexes(text, "2025-03-10") == []


@pytest.mark.parametrize("head", ["DAMASCUS, Jan 20 (Reuters) - ", "BEIRUT (AP) -- ",
                                  "Feb. 9, 1998 (AFP) - ", "ALEPPO, Syria, Jan. 20 -- "])
def test_dateline_is_not_an_anchor(head: str) -> None:
    text = f"{head}Government forces shelled the town. On the 5th, aid arrived."
    found = _timexes(text, "1998-03-10")
    assert [t.value for t in found if t.text == "the 5th"] == ["1998-03-05"]
    assert all(getattr(t, "role", "") == "aside" for t in found if t.text != "the 5th")


def test_dateline_dates_the_report_when_the_document_has_no_date() -> None:
    text = "Geneva, 1 April 1992 - The envoys signed the accord today. It takes effect on 1 May."
    found = _timexes(text)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("1 April 1992", "1992-04-01", "explicit"), ("today", "1992-04-01", "publication"),
        ("1 May", "1992-05-01", "publication")]
    assert getattr(found[0], "role", "") == "aside"


def test_dateline_date_is_a_full_date_from_publication() -> None:
    text = "DAMASCUS, Nov 3 (Reuters) - Troops entered the town."
    [t] = _timexes(text, "2025-11-04")
    assert (t.text, t.value, t.anchor) == ("Nov 3", "2025-11-03", "publication")


# ------------------------------------------------------------------ date_for_sentence

def test_sentence_without_date_carries_the_narrative() -> None:
    text = "On June 2, 1997, the border reopened. Traders crossed in both directions."
    assert _sentence_date(text, "Traders crossed") == "1997-06-02"


def test_sentence_takes_its_most_specific_date() -> None:
    text = "In 2003 the rebels attacked the garrison on March 5, 2003 at dawn."
    assert _sentence_date(text, "rebels") == "2003-03-05"


def test_no_date_before_any_expression() -> None:
    assert _sentence_date("The envoy left. He returned in 2004.", "The envoy") is None


def test_since_dates_nothing() -> None:
    text = "In 1996 the talks began. The border, shut since 1982, was reopened."
    assert _sentence_date(text, "The border") == "1996"


def test_relative_clause_year_is_background() -> None:
    text = ("On August 21, 1996, the envoy came. They agreed to open the border, which "
            "was closed in 1982. On August 28, he left.")
    assert _sentence_date(text, "They agreed") == "1996-08-21"
    assert _timexes(text)[2].value == "1996-08-28"


def test_flashback_dates_its_sentence_but_not_the_next() -> None:
    text = ("On May 14, 2025, the leaders met. The group had claimed an attack in February "
            "2024 near Hama. On the 20th, it issued a threat.")
    assert _sentence_date(text, "The group") == "2024-02"
    assert _timexes(text)[-1].value == "2025-05-20"


def test_ids_and_offsets() -> None:
    text = "On April 4, 2001, talks began.\nThey ended on April 9."
    found = _timexes(text)
    assert [t.id for t in found] == ["d1#t1", "d1#t2"]
    assert all(text[t.start:t.end] == t.text for t in found)
    assert set(found[0].to_json()) >= {"type", "id", "doc", "start", "end", "text", "value",
                                       "anchor"}


def test_parse_partial_publication_dates() -> None:
    assert parse_partial("2025") == (2025, None, None)
    assert parse_partial("1997-11") == (1997, 11, None)
    assert parse_partial("1997-11-22T08:00:00Z") == (1997, 11, 22)
    assert parse_partial("yesterday") is None


_WORDS = st.sampled_from(["On", "August", "21,", "1996", "the", "following", "day", "in",
                          "May", "5", "-", "3", "March", "2000", "people", "Tuesday", "since",
                          "(AFP)", "\n", "“", "”", "last", "year", "14/05/2025", "the 5th", "."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.sampled_from([None, "2025", "2025-03-10"]))
def test_any_text_gives_exact_offsets_and_iso_values(words: list[str], pub: str | None) -> None:
    text = " ".join(words)
    for t in _timexes(text, pub):
        assert text[t.start:t.end] == t.text
        assert parse_partial(t.value) is not None and len(t.value) in (4, 7, 10)
        assert len(t.value) < 10 or date.fromisoformat(t.value)


# ------------------------------------------------------------------ the seed and its gold

def _seed_cases(split: Callable[[str], list[tuple[int, int]]],
                ) -> list[tuple[str, str | None, bool]]:
    """(gold date, predicted date, sentence holds a date) for every dated gold event."""
    corpus, gold = SHARED / "corpus/seed.jsonl", SHARED / "eval/seed.gold.json"
    if not corpus.exists() or not gold.exists():
        pytest.skip("shared seed data not available")
    docs = {d["id"]: d for d in map(json.loads, corpus.read_text().splitlines())}
    cases = []
    for event in json.loads(gold.read_text())["events"]:
        if not event.get("date"):
            continue
        raw = docs[event["doc"]]
        doc = Document(id=raw["id"], text=raw["text"], source="seed", date=raw.get("date"))
        sentences = split(doc.text)
        found = find_timexes(doc, sentences)
        pos = doc.text.index(event["evidence"])
        start, end = next((s, e) for s, e in sentences if s <= pos < e)
        own = any(start <= t.start < end for t in found)
        cases.append((event["date"], date_for_sentence(found, start, end), own))
    return cases


def _right(cases: list[tuple[str, str | None, bool]]) -> int:
    return sum(bool(got and got.startswith(gold)) for gold, got, _ in cases)


def test_seed_gold_dates() -> None:
    cases = _seed_cases(simple_sentences)
    assert [(g, p) for g, p, own in cases if own and not (p and p.startswith(g))] == []
    assert _right(cases) == len(cases) == 14


@pytest.mark.model
def test_seed_gold_dates_with_spacy_sentences() -> None:
    from chronicle.nlp import load_nlp

    nlp = load_nlp()
    cases = _seed_cases(lambda text: [(s.start_char, s.end_char) for s in nlp(text).sents])
    assert [(g, p) for g, p, own in cases if own and not (p and p.startswith(g))] == []
    assert _right(cases) == len(cases)


@pytest.mark.parametrize("published, text, want", [
    ("2006-10-06", "A Nigerian delegation is expected in Abidjan on Thursday.", "2006-10-12"),
    ("2017-01-13", "The envoy was due to fly to Manila on Wednesday.", "2017-01-18"),
    ("2017-01-11", "The minister met his counterpart on Monday and will travel on Friday.",
     "2017-01-09 2017-01-13"),
])
def test_weekdays_follow_the_tense_of_their_own_clause(published, text, want):
    doc = Document(id="x", text=text, source="t", date=published)
    assert " ".join(t.value for t in find_timexes(doc, [(0, len(text))])) == want


def test_planned_and_since_dates_do_not_move_the_story():
    text = ("The talks opened on March 3, 2024. The envoy was to see the minister on Friday. "
            "The delegates signed a memo. Shelling has gone on since fighting resumed in June. "
            "The rebels freed the men they had held since January on Wednesday.")
    doc = Document(id="x", text=text, source="t", date="2024-03-05")
    found = find_timexes(doc, simple_sentences(text))
    roles = {t.text: t.role for t in found}
    assert roles["Friday"] == "aside" and roles["June"] == "background"
    assert roles["Wednesday"] == "narrative"
    memo = text.index("The delegates")
    assert date_for_sentence(found, memo, memo + 27) == "2024-03-03"


@pytest.mark.parametrize(("text", "value"), [
    ("On 13 October 2016 civilians fled the district.", "2016-10-13"),
    ("Published October 13 2016 Civilians in the east fled.", "2016-10-13"),
    ("On May 5, 2000 people marched through the capital.", "2025-05-05"),
])
def test_a_year_joined_to_its_day_is_no_count(text: str, value: str) -> None:
    """Scraped text drops commas: a year right after a day and month is the date's,
    whatever noun follows; after a comma a number before a count noun is the count."""
    assert [v for _, v in _values(text, "2025-06-01")][:1] == [value]
