"""Rules for news the grouping was not tuned on: datelines, nearby towns, common-noun
actors, repeats, and reports that name no one. Every text is invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from store.store_support import Doc

from chronicle.incidents import Grouper, MemoryIndex, Report, compare, reports_of
from chronicle.incidents.blocking import sought_keys
from chronicle.incidents.report import content_words, dateline_of, says_other
from chronicle.records import Location

DAY = date(2019, 7, 22).toordinal()
STRIKE = Report(event="a", doc="d1", event_type="ASSAULT", first=DAY, last=DAY,
                precision="day", words=("market",))


def test_a_wire_dateline_gives_its_place_and_a_headline_in_capitals_none() -> None:
    text = "JETS HIT MARKET\n\nHASSAKA, Syria, July 22 (Levant Wire) - Jets struck a market."
    found = dateline_of(text)
    assert found is not None and found.place == "hassaka"
    assert text[found.start:found.end] == "HASSAKA, Syria, July 22 (Levant Wire) -"
    assert dateline_of("MAARET AL-NUMAN (Wire) - x").place == "maaret-al-numan"  # type: ignore[union-attr]
    assert dateline_of("TAL ABYAD - Rebels shelled the town.").place == "tal-abyad"  # type: ignore[union-attr]
    assert dateline_of("GUNMEN KILL 14 AT KANO MARKET\n\nGunmen opened fire.") is None
    assert dateline_of("Troops said, on Monday, that they left.") is None


def _dateline_doc(doc_id: str, town: str, sentence: str) -> Doc:
    doc = Doc(doc_id, f"{town}, Syria, July 22 (Levant Wire) - {sentence}", date="2019-07-23")
    doc.event("ASSAULT", doc.text, "struck", date="2019-07-22")
    doc.timex("July 22", "2019-07-22")
    return doc


def test_a_report_with_no_place_takes_its_dateline_and_not_its_words() -> None:
    doc = _dateline_doc("d1", "HASSAKA", "Warplanes struck a crowded market on Monday.")
    (report,) = reports_of(doc.result(), {})
    assert report.places == () and report.where == ("hassaka",)
    assert "market" in report.words
    assert not {"levant", "wire", "syria", "hassaka"} & set(report.words)


def test_a_location_of_its_own_beats_the_dateline() -> None:
    doc = _dateline_doc("d1", "DAMASCUS", "Jets struck a market in Hassaka on Monday.")
    doc.entity("Hassaka", "location")
    result = doc.result()
    event = replace(result.events[0], location=Location("Hassaka", 36.5, 40.7, "Syria", "SYR"))
    (report,) = reports_of(replace(result, events=[event]), {})
    assert report.where == ("hassaka",)


def test_two_datelines_of_one_town_agree_and_of_two_towns_disagree() -> None:
    hassaka = replace(STRIKE, dateline="hassaka")
    again = replace(hassaka, event="b", doc="d2", words=("market", "vegetable"))
    assert compare(hassaka, again).joins
    assert "place:hassaka" in compare(hassaka, again).agreed
    qamishli = replace(again, dateline="qamishli", words=("bakery",))
    match = compare(hassaka, qamishli)
    assert not match.joins and "place" in match.conflicts


def test_a_dateline_meets_the_location_another_outlet_names() -> None:
    filed = replace(STRIKE, dateline="hassaka")
    named = replace(STRIKE, event="b", doc="d2", place_name="Hassaka", places=("hassaka",),
                    point=(36.5, 40.7), country="SYR")
    match = compare(filed, named)
    assert match.joins and "place:hassaka" in match.agreed


def test_two_towns_a_short_drive_apart_are_two_places() -> None:
    one = replace(STRIKE, place_name="Saraqeb", places=("saraqeb",), point=(35.86, 36.80),
                  country="SYR", region="idlib")
    other = replace(one, event="b", doc="d2", place_name="Maaret al-Numan",
                    places=("maaret-al-numan",), point=(35.65, 36.67), words=("market",))
    match = compare(one, other)
    assert not match.joins
    assert "place:idlib" not in match.agreed  # one province's two towns share no place
    spelling = replace(other, place_name="Saraqib", places=("saraqib",), point=(35.865, 36.805))
    assert compare(one, spelling).joins  # one town's two spellings geocode together


def test_a_common_noun_actor_in_two_articles_is_no_identity() -> None:
    one = replace(STRIKE, source=("warplanes",), groups=("warplanes",), dateline="hassaka")
    other = replace(one, event="b", doc="d2", words=("bakery",), dateline="qamishli")
    assert not compare(one, other).joins  # two towns' warplanes: two strikes
    named = replace(one, source=("syrian-air-force",), groups=())
    named_too = replace(named, event="b", doc="d2", words=("bakery",), dateline="qamishli")
    assert compare(named, named_too).score - compare(one, other).score == 1.0
    same_doc = replace(one, event="b", words=("bakery",))  # one article's gunmen are one band
    assert "actor:warplanes" in compare(one, same_doc).agreed
    assert compare(one, same_doc).score > compare(one, other).score


def test_a_repeat_meets_no_other_day() -> None:
    first = replace(STRIKE, place_name="Hassaka", places=("hassaka",), country="SYR")
    again = replace(first, event="b", doc="d2", first=DAY + 1, last=DAY + 1, other=True)
    assert compare(first, again).veto
    assert compare(first, replace(again, other=False)).joins  # the next day, told twice
    assert says_other("Jets struck the town again on Tuesday")


def test_harm_words_are_no_clue() -> None:
    assert content_words("Six people were killed and nine wounded at a bakery") == ("bakery",)


def test_a_common_word_folded_from_its_plural_is_still_common() -> None:
    assert content_words("The foreign ministers met at the dam") == ("dam", "foreign", "met")


def test_a_location_carried_from_another_sentence_gives_way_to_the_sentence_place() -> None:
    text = "Armed men seized pupils in Kagara. Gunmen also seized bus passengers near Kontagora."
    doc = Doc("d1", text, date="2021-02-17")
    doc.entity("Kagara", "location")
    doc.entity("Kontagora", "location")
    kontagora = Location("Kontagora", 10.4, 5.47, "Nigeria", "NGA")
    doc.event("ASSAULT", "Armed men seized pupils in Kagara.", "seized", location=kontagora)
    doc.event("ASSAULT", "Gunmen also seized bus passengers near Kontagora.", "seized",
              location=kontagora)
    pupils, bus = reports_of(doc.result(), {})
    assert pupils.place_name == "Kagara" and pupils.places == ("kagara",)
    assert pupils.point is None and pupils.country == "NGA"
    assert bus.place_name == "Kontagora" and bus.point == (10.4, 5.47)


def test_reports_meet_by_their_words_whoever_they_name() -> None:
    told = replace(STRIKE, words=("bakery", "queue"), dead=6)
    keys = sought_keys(told)
    assert any("|t:bakery|" in k for k in keys)
    grouper = Grouper(MemoryIndex())
    first = grouper.add(told)
    second = grouper.add(replace(told, event="b", doc="d2", words=("bakery", "bread")))
    assert second.incident == first.incident
    named = replace(told, event="c", doc="d3", source=("syrian-air-force",))
    assert any("|t:bakery|" in k for k in sought_keys(named))  # another outlet's doer


def test_a_doer_the_sentence_does_not_name_is_no_evidence_of_who_did_it() -> None:
    doc = Doc("d1", "Red Hand gunmen raided Eastport on Sunday. Eleven people died in the "
              "town on Monday.", date="2019-07-23")
    red_hand = doc.entity("Red Hand", "organization")
    doc.event("ASSAULT", "Red Hand gunmen raided Eastport on Sunday.", "raided",
              source=(red_hand,))
    doc.event("ASSAULT", "Eleven people died in the town on Monday.", "died",
              source=(red_hand,))  # the story's doer, lent to a sentence that names none
    named, lent = reports_of(doc.result(), {})
    assert named.source == (red_hand,) and lent.source == ()
