"""Reports: what the grouping takes from an event, its document and its sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from incident_support import harbour_raid
from store.store_support import Doc

from chronicle.incidents import Report, reports_of
from chronicle.incidents.report import content_words, day_interval


def test_places_actors_and_words_come_from_the_sentence() -> None:
    result = harbour_raid()[0]
    headline, lead = reports_of(result, {})
    assert lead.places == ("eastport",) and lead.point == (41.5, 20.25)
    assert lead.country == "SLD" and lead.source == (result.entities[0].key,)
    assert "harbour" in lead.words and "docker" in lead.words
    assert "attack" not in lead.words  # the trigger says only the type
    assert "red" not in lead.words  # names are compared as actors
    assert headline.headline and not lead.headline
    assert lead.outlet == "Northern Wire" and lead.published == "1998-02-10"
    assert lead.dead == 12


def test_a_date_the_sentence_gives_is_firm_a_publication_date_is_a_week() -> None:
    doc = Doc("d", "Troops shelled Hass on Tuesday. Rebels shelled Kafr Nabl.", date="2019-03-14")
    doc.event("ASSAULT", "Troops shelled Hass on Tuesday.", "shelled", date="2019-03-12")
    doc.event("ASSAULT", "Rebels shelled Kafr Nabl.", "shelled", date="2019-03-14")
    doc.timex("Tuesday", "2019-03-12")
    stated, published = reports_of(doc.result(), {})
    assert (stated.dated_by, stated.soft, stated.precision) == ("text", False, "day")
    assert stated.first == stated.last == date(2019, 3, 12).toordinal()
    assert (published.dated_by, published.soft) == ("publication", True)
    assert published.last - published.first == 7


def test_negated_and_hypothetical_events_are_no_reports() -> None:
    doc = Doc("d", "Troops did not shell Hass. Troops may shell Hass.")
    doc.event("ASSAULT", "Troops did not shell Hass.", "shell", negated=True)
    doc.event("ASSAULT", "Troops may shell Hass.", "shell", hypothetical=True)
    assert list(reports_of(doc.result(), {})) == []


def test_a_report_round_trips_through_json() -> None:
    for result in harbour_raid():
        for report in reports_of(result, {}):
            assert Report.from_json(report.to_json()) == report


def test_dates_of_every_precision_become_day_intervals() -> None:
    assert day_interval("2019-02")[2] == "month"
    first, last, _ = day_interval("2019-02")
    assert last - first == 27
    assert day_interval("2020")[2] == "year"
    assert day_interval(None) == (None, None, None)
    assert day_interval("2019-02-30") == (None, None, None)


def test_content_words_fold_endings_and_skip_the_common_ones() -> None:
    words = content_words("Officials said the bombings hit markets and a convoy on Tuesday")
    assert words == ("bomb", "convoy", "hit", "market")


def test_documents_without_an_outlet_count_as_independent_sources() -> None:
    from chronicle.incidents import Member, summarise

    results = harbour_raid()[:2]
    bare = [replace(r, document=replace(r.document, outlet=None)) for r in results]
    reports = [rep for r in bare for rep in reports_of(r, {})]
    incident = summarise("i", [Member(r) for r in reports])
    assert incident.outlets == () and incident.independent == 2
    same = summarise("i", [Member(replace(r, outlet="Wire")) for r in reports])
    assert same.independent == 1 and same.single_outlet


def test_a_country_is_no_place_and_a_province_is_a_region() -> None:
    from chronicle.records import Location

    doc = Doc("d", "Jets struck targets in Syria. Rebels shelled Idlib province.")
    doc.event("ASSAULT", "Jets struck targets in Syria.", "struck",
              location=Location("Syria", 35.0, 38.0, "Syria"))
    doc.event("ASSAULT", "Rebels shelled Idlib province.", "shelled",
              location=Location("Idlib", 35.9, 36.6, "Syria", "SYR", precision="admin1"))
    country, province = reports_of(doc.result(), {})
    assert country.places == () and country.country == "syria"
    assert province.places == () and province.region == "idlib"
    assert (country.order, province.order) == (0, 1)


def test_a_sentence_may_say_its_event_is_another() -> None:
    doc = Doc("d", "In a separate attack, gunmen killed two guards.")
    doc.event("ASSAULT", doc.text, "killed")
    (report,) = reports_of(doc.result(), {})
    assert report.other


@pytest.mark.parametrize("a, b", [("kourfey-bangou", "kourfeye-bangou"),
                                  ("khagrachari", "khagrachhari"), ("tinkimbou", "tinkimbo")])
def test_spellings_of_one_place_share_a_skeleton(a: str, b: str) -> None:
    from chronicle.incidents.report import skeleton

    assert skeleton(a) and skeleton(a) == skeleton(b)
    assert skeleton("rhoe") == ""  # a short name identifies nothing


def test_an_unlisted_town_held_by_its_division_is_still_a_town() -> None:
    from chronicle.records import Location

    doc = Doc("d", "Gunmen attacked Tinmar Wells. Gunmen attacked Tinmar Wells again.")
    doc.event("ASSAULT", "Gunmen attacked Tinmar Wells.", "attacked",
              location=Location("Tinmar Wells", 35.1, 36.8, "Syria", "SYR", admin1="Hama",
                                precision="admin1"))
    report = next(iter(reports_of(doc.result(), {})))
    assert report.place_name == "Tinmar Wells" and report.region == "hama"
