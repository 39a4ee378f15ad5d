"""The verdict on two reports: points per agreeing field, vetoes, and the explanation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chronicle.incidents import Report, compare
from chronicle.incidents.compare import THRESHOLD

DAY = date(2019, 3, 12).toordinal()
MARKET = Report(event="a", doc="d1", event_type="ASSAULT", source=("regime-forces",),
                first=DAY, last=DAY, precision="day", place_name="Kafr Nabl",
                places=("kafr-nabl",), point=(35.61, 36.56), country="SYR",
                words=("market",), states=())


def other(**changes: object) -> Report:
    """Another outlet's report of the same strike, changed as asked."""
    base = replace(MARKET, event="b", doc="d2", source=(), words=("market", "vegetable"))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_two_outlets_on_the_same_day_and_place_join() -> None:
    match = compare(MARKET, other())
    assert match.joins and match.score >= THRESHOLD
    assert {"type", "date", "place:kafr-nabl", "words:market"} <= set(match.agreed)


def test_the_verdict_is_symmetric() -> None:
    b = other(source=("russia",), event_type="COERCE")
    assert compare(MARKET, b) == compare(b, MARKET)


def test_assault_and_coerce_are_a_near_miss_that_may_join() -> None:
    match = compare(MARKET, other(event_type="COERCE"))
    assert match.joins and "type" not in match.agreed


@pytest.mark.parametrize("kind", ["ACCUSE", "PROTEST", "CONSULT", "SANCTION"])
def test_types_of_other_families_never_join(kind: str) -> None:
    match = compare(MARKET, other(event_type=kind))
    assert match.veto and not match.joins


@pytest.mark.parametrize(("first", "second", "joins"), [
    ("COERCE", "SANCTION", True),  # an expulsion, told as coercion and as lower relations
    ("PROTEST", "REJECT", True),  # a walkout from talks
    ("ASSAULT", "SANCTION", False),  # COERCE's other family is no bridge
    ("REJECT", "ACCUSE", False),
    ("AGREE", "SUPPORT", True),  # a signing (PLOVER's SUPPORT), told as a deal reached
    ("SUPPORT", "CONSULT", False),  # AGREE's other family is no bridge
])
def test_a_type_of_two_families_meets_each_but_bridges_none(first: str, second: str,
                                                            joins: bool) -> None:
    expels = replace(MARKET, event_type=first, source=("poland",), target=("belarus",))
    told = replace(expels, event="b", doc="d2", event_type=second)
    assert compare(expels, told).joins is joins
    assert compare(expels, told).veto is not joins


def test_consult_and_agree_are_a_near_miss() -> None:
    talks = replace(MARKET, event_type="CONSULT", source=("ersoy",), target=("belyakov",))
    agreed = replace(talks, event="b", doc="d2", event_type="AGREE")
    assert compare(talks, agreed).joins


@pytest.mark.parametrize(("days", "joins"), [(0, True), (1, True), (4, False)])
def test_days_the_texts_give_must_meet(days: int, joins: bool) -> None:
    match = compare(MARKET, other(first=DAY + days, last=DAY + days))
    assert match.joins is joins
    assert match.veto is (days > 3)


def test_a_neighbouring_day_counts_less_than_the_same_day() -> None:
    same, next_day = compare(MARKET, other()), compare(MARKET, other(first=DAY + 1,
                                                                     last=DAY + 1))
    assert next_day.score < same.score


def test_a_month_meets_the_days_inside_it_and_no_other() -> None:
    march = other(first=date(2019, 3, 1).toordinal(), last=date(2019, 3, 31).toordinal(),
                  precision="month")
    april = other(first=date(2019, 4, 1).toordinal(), last=date(2019, 4, 30).toordinal(),
                  precision="month")
    assert "date" in compare(MARKET, march).agreed
    assert compare(MARKET, april).veto


def test_a_publication_week_stands_in_for_a_missing_date() -> None:
    undated = other(first=DAY - 2, last=DAY + 5, soft=True, dated_by="publication")
    assert "date" in compare(MARKET, undated).agreed
    too_late = other(first=DAY + 5, last=DAY + 12, soft=True, dated_by="publication")
    assert compare(MARKET, too_late).veto


def test_two_countries_never_join_and_far_points_speak_against() -> None:
    assert compare(MARKET, other(country="TUR", places=("kilis",), point=(36.7, 37.1))).veto
    far = compare(MARKET, other(places=("aleppo",), point=(36.2, 37.15)))
    assert not far.veto and any(c.startswith("place:") for c in far.conflicts)
    assert far.score < compare(MARKET, other()).score


def test_a_place_a_sentence_names_in_passing_is_no_conflict() -> None:
    topic = other(places=("metema",), place_name=None, point=None)
    assert not any(c.startswith("place") for c in compare(MARKET, topic).conflicts)


def test_a_reversed_pair_is_a_reply_not_the_same_happening() -> None:
    expels = replace(MARKET, event_type="COERCE", source=("poland",), target=("russia",))
    reply = replace(expels, event="b", doc="d2", source=("russia",), target=("poland",))
    assert compare(expels, reply).veto and "actors:reversed" in compare(expels, reply).conflicts


def test_a_meeting_with_another_counterpart_is_another_meeting() -> None:
    talks = replace(MARKET, event_type="CONSULT", source=("alemu",), target=("osman",))
    bashir = replace(talks, event="b", source=("alemu",), target=("bashir",))
    assert compare(talks, bashir).veto
    told_otherwise = replace(talks, event="c", doc="d3", source=("osman",), target=("alemu",))
    assert compare(talks, told_otherwise).joins  # who received whom does not matter


def test_a_shared_country_weighs_less_than_a_shared_group() -> None:
    group = compare(replace(MARKET, source=("hts",)), other(source=("hts",)))
    state = compare(replace(MARKET, source=("syria",), states=("syria",)),
                    other(source=("syria",), states=("syria",)))
    assert group.score > state.score


def test_different_perpetrators_lower_the_score_without_splitting() -> None:
    blamed = compare(MARKET, other(source=("russia",)))
    assert "source" in blamed.conflicts and blamed.joins


def test_a_doer_named_by_a_common_noun_is_no_other_perpetrator() -> None:
    gunmen = other(source=("gunmen",), groups=("gunmen",))
    assert "source" not in compare(MARKET, gunmen).conflicts
    assert compare(MARKET, gunmen).score > compare(MARKET, other(source=("russia",))).score


def test_a_headline_earns_credit_with_its_lead_only() -> None:
    head = replace(MARKET, headline=True, order=0, soft=True, first=DAY - 7, last=DAY,
                   source=(), words=())
    lead = replace(MARKET, event="b", order=1, source=(), words=())
    later = replace(lead, event="c", order=2)
    assert "headline" in compare(head, lead).agreed
    assert "headline" not in compare(head, later).agreed


def test_a_sentence_that_calls_its_event_another_gets_no_credit_for_the_article() -> None:
    lead = replace(MARKET, place_name=None, places=(), point=None, words=())
    separate = replace(lead, event="b", source=(), other=True)
    assert "document" not in compare(lead, separate).agreed
    assert "document" in compare(lead, replace(separate, other=False)).agreed


def test_a_province_meets_the_towns_in_it() -> None:
    province = other(place_name=None, places=(), point=None, region="idlib")
    assert not compare(replace(MARKET, region="idlib"), province).veto
    assert "place:idlib" in compare(replace(MARKET, region="idlib"), province).agreed


def test_the_same_source_and_target_make_a_pair() -> None:
    expels = replace(MARKET, event_type="COERCE", source=("poland",), target=("russia",),
                     states=("poland", "russia"), place_name=None, places=(), point=None,
                     words=())
    again = replace(expels, event="b", doc="d2")
    match = compare(expels, again)
    assert "pair" in match.agreed and match.joins


def test_a_week_meets_the_days_inside_it() -> None:
    from chronicle.incidents.report import day_interval

    first, last, precision = day_interval("2019-W11")
    assert precision == "week" and last - first == 6
    week = other(first=first, last=last, precision="week")
    assert first <= DAY <= last and "date" in compare(MARKET, week).agreed
    later = other(first=first + 7, last=last + 7, precision="week")
    assert compare(MARKET, later).veto


def test_an_unlisted_village_spelt_two_ways_is_one_place() -> None:
    village = replace(MARKET, place_name="Kourfey-Bangou", places=("kourfey-bangou",),
                      point=None, words=())
    spelt = replace(village, event="b", doc="d2", source=(), place_name="Kourfeye Bangou",
                    places=("kourfeye-bangou",))
    assert "place:kourfey-bangou" in compare(village, spelt).agreed
    other_village = replace(spelt, place_name="Kourfa Banda", places=("kourfa-banda",))
    assert not any(a.startswith("place") for a in compare(village, other_village).agreed)
    short = replace(village, places=("gali",))  # too few consonants to tell
    assert not any(a.startswith("place") for a in
                   compare(short, replace(spelt, places=("gol",))).agreed)
