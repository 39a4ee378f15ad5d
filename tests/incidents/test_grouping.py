"""Grouping events into incidents as `extract` does: one happening told by several outlets
is one incident; its neighbours stay apart; corroboration and disagreements are shown."""

from __future__ import annotations

from incident_support import as_extract, harbour_raid

from chronicle.incidents import Grouper, MemoryIndex, Report, group
from chronicle.incidents.blocking import LIMIT


def _raid():
    grouping, results = as_extract(harbour_raid())
    incident = next(i for i in grouping.incidents if "wire-1#e2" in i.events)
    return grouping, results, incident


def test_three_outlets_of_one_raid_make_one_incident() -> None:
    grouping, _, raid = _raid()
    assert set(raid.events) == {"wire-1#e1", "wire-1#e2", "coast-1#e1", "south-1#e1"}
    assert raid.documents == ("wire-1", "coast-1", "south-1")
    assert raid.outlets == ("Northern Wire", "Coastal Times", "Southland Herald")
    assert raid.independent == 3 and not raid.single_outlet
    assert raid.event_type == "ASSAULT" and raid.date == "1998-02-09"
    assert raid.location is not None and raid.location.name == "Eastport"
    assert raid.first_report == "1998-02-10" and raid.last_report == "1998-02-11"
    assert raid.id == "inc-wire-1#e1"  # named after the report that started it
    assert len(grouping.incidents) == 3


def test_deaths_and_perpetrators_that_differ_are_laid_side_by_side() -> None:
    _, _, raid = _raid()
    by_field = {d.field: d for d in raid.disagreements}
    dead = by_field["dead"]
    assert (dead.low, dead.high) == (12, 15)
    assert {v: docs for v, docs in dead.values} == {12: ("wire-1",), 15: ("coast-1",)}
    assert ("Northern Wire",) in dead.outlets and ("Coastal Times",) in dead.outlets
    source = by_field["source"]
    assert {v for v, _ in source.values} == {"red-hand", "northland"}
    assert "date" not in by_field  # every outlet dates it to the Monday
    as_json = raid.to_json()
    assert as_json["disagreements"][0]["field"] == "dead"
    assert as_json["disagreements"][0]["min"] == 12 and as_json["single_outlet"] is False


def test_the_same_group_six_days_later_elsewhere_is_another_incident() -> None:
    grouping, _, raid = _raid()
    westport = grouping.of_event["wire-2#e1"]
    assert westport != raid.id
    other = next(i for i in grouping.incidents if i.id == westport)
    assert other.events == ("wire-2#e1",)


def test_a_happening_only_one_outlet_carries_says_so() -> None:
    grouping, _, _ = _raid()
    talks = next(i for i in grouping.incidents if i.event_type == "CONSULT")
    assert talks.independent == 1 and talks.single_outlet
    assert talks.to_json()["single_outlet"] is True and talks.to_json()["reports"] == 1


def test_each_join_says_which_fields_agreed() -> None:
    _, _, raid = _raid()
    links = {link.event: link for link in raid.links}
    assert links["wire-1#e1"].score is None  # it started the incident
    coast = links["coast-1#e1"]
    assert "date" in coast.agreed and "place:eastport" in coast.agreed
    assert coast.score is not None and coast.score >= 3.25
    assert "type" in raid.agreed and "place" in raid.agreed
    assert links["south-1#e1"].score is not None  # its best pair, kept for the page


def test_events_are_tagged_with_their_incident() -> None:
    grouping, results, raid = _raid()
    tagged = grouping.tag(results[1])
    assert [e.incident for e in tagged.events] == [raid.id]
    assert tagged.events[0].to_json()["incident"] == raid.id


def test_negated_and_hypothetical_events_join_no_incident() -> None:
    from dataclasses import replace

    results = harbour_raid()
    results[1] = replace(results[1], events=[replace(results[1].events[0], negated=True)])
    grouping, _ = as_extract(results)
    assert "coast-1#e1" not in grouping.of_event


def test_grouping_the_same_reports_twice_gives_the_same_incidents() -> None:
    first, rewritten = as_extract(harbour_raid())
    again = group(rewritten, {})
    assert [i.events for i in again.incidents] == [i.events for i in first.incidents]


class CountingIndex(MemoryIndex):
    """A memory index that counts how many incidents a report is compared with."""

    looked_at: int = 0

    def members(self, incident: str):  # type: ignore[no-untyped-def]
        CountingIndex.looked_at += 1
        return super().members(incident)


def test_a_report_meets_a_bounded_number_of_incidents_however_many_exist() -> None:
    index = CountingIndex()
    grouper = Grouper(index)
    for n in range(300):  # one actor, one week, 300 different places far apart
        grouper.add(Report(event=f"e{n}", doc=f"d{n}", event_type="ASSAULT",
                           source=("army",), first=729000, last=729000, precision="day",
                           place_name=f"village {n}", places=(f"village-{n}",),
                           point=(n * 1.0, 0.0)))
    CountingIndex.looked_at = 0
    grouper.add(Report(event="last", doc="dz", event_type="ASSAULT", source=("army",),
                       first=729000, last=729000, precision="day", place_name="far",
                       places=("far",), point=(-60.0, 0.0)))
    assert 0 < CountingIndex.looked_at <= LIMIT
    assert len(index.order) == 301
