"""Incidents in the store: ingest groups as extract does, incrementally, once; queries,
exports and the upgrade of a store written before incidents existed."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
import sqlalchemy as sa
from incident_support import EASTPORT, as_extract, harbour_raid, with_outlet
from store.store_support import Doc

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.records import DocumentResult
from chronicle.store import migrations, schema


def _memberships(store: Store) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(row.incident.events)) for row in store.incidents())


def _write_all(store: Store, results: list[DocumentResult]) -> None:
    for result in results:
        assert store.write(result)


def test_ingest_groups_as_extract_does(store: Store) -> None:
    results = harbour_raid()
    grouping, _ = as_extract(results)
    _write_all(store, results)
    assert _memberships(store) == sorted(tuple(sorted(i.events)) for i in grouping.incidents)
    stored = {row.incident.id: row.incident for row in store.incidents()}
    for incident in grouping.incidents:
        assert stored[incident.id].to_json() == incident.to_json()


def test_a_new_document_joins_the_incident_already_stored(store: Store) -> None:
    results = harbour_raid()
    _write_all(store, results)
    late = Doc("late-1", "Mourners buried the dockers killed in Monday's raid on the "
               "Eastport harbour, which killed 14.", date="1998-02-13")
    late.entity("Eastport", "location")
    late.event("ASSAULT", late.text, "raid", date="1998-02-09", location=EASTPORT)
    _write_all(store, [with_outlet(late.result(), "Harbour Gazette")])
    raid = store.incident("inc-wire-1#e1")
    assert raid is not None
    assert "late-1#e1" in raid.incident.events and raid.incident.independent == 4
    assert raid.incident.last_report == "1998-02-13"


def test_writing_a_stored_document_again_changes_nothing(store: Store) -> None:
    results = harbour_raid()
    _write_all(store, results)
    before = [r.to_json() for r in store.incidents()]
    counts = store.counts()
    for result in results:
        assert not store.write(result)
    assert [r.to_json() for r in store.incidents()] == before and store.counts() == counts


def test_events_read_back_with_their_incident(store: Store) -> None:
    _write_all(store, harbour_raid())
    rows = store.timeline()
    raid = [r.event for r in rows if r.event.incident == "inc-wire-1#e1"]
    assert {e.doc for e in raid} == {"wire-1", "coast-1", "south-1"}
    assert all(r.event.incident for r in rows)


def test_listing_filters_and_counts(store: Store) -> None:
    _write_all(store, harbour_raid())
    assert [r.incident.event_type for r in store.incidents()] == ["ASSAULT", "CONSULT",
                                                                  "ASSAULT"]
    assert len(store.incidents(type="consult")) == 1
    red_hand = store.incidents(actor="Red Hand")
    assert [r.incident.id for r in red_hand] == ["inc-wire-1#e1", "inc-wire-2#e1"]
    assert red_hand[0].names["red-hand"] == "Red Hand"
    assert len(store.incidents(date_from="1998-02-10", date_to="1998-02-28")) == 2
    days = store.incident_counts("day")
    assert [(c.period, c.incidents, c.reports) for c in days] == [
        ("1998-02-09", 1, 4), ("1998-02-11", 1, 1), ("1998-02-15", 1, 1)]
    assert [c.period for c in store.incident_counts("week")] == ["1998-W07"]
    months = store.incident_counts("month")
    assert [(c.period, c.incidents, c.reports) for c in months] == [("1998-02", 3, 6)]


def test_one_incident_with_its_reports_and_the_quotes_around_them(store: Store) -> None:
    _write_all(store, harbour_raid())
    view = store.incident("inc-wire-1#e1")
    assert view is not None
    assert [r.event.id for r in view.reports] == list(view.incident.events)
    lead = next(r for r in view.reports if r.event.id == "wire-1#e2")
    assert lead.outlet == "Northern Wire" and lead.doc_title == "Red Hand raids Eastport"
    assert [q.text for q, _ in lead.quotes] == ["They came from the sea,"]
    assert lead.quotes[0][1] == "Ilse Brandt"
    assert lead.link is not None and "date" in lead.link.agreed
    data = view.to_json()
    assert data["source_names"] and data["report_details"][1]["quotes"][0]["speaker_name"]
    assert store.incident("no-such-incident") is None


def test_exports_carry_the_incidents(store: Store) -> None:
    _write_all(store, harbour_raid())
    out = io.StringIO()
    store.export("jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    incidents = [r for r in records if r["type"] == "incident"]
    assert len(incidents) == 3 and records[-1]["type"] == "incident"
    assert all(r["incident"] for r in records if r["type"] == "event")
    out = io.StringIO()
    store.export("csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["incident_id"] for r in rows if r["doc_id"] == "coast-1"} == {"inc-wire-1#e1"}


def test_ftm_incidents_validate_and_point_at_their_reports(store: Store) -> None:
    pytest.importorskip("followthemoney")
    _write_all(store, harbour_raid())
    out = io.StringIO()
    store.export("ftm", out)
    entities = [json.loads(line) for line in out.getvalue().splitlines()]
    incident = next(e for e in entities if e["schema"] == "Event"
                    and "incident" in e["properties"]["keywords"]
                    and "Eastport" in e["properties"].get("location", []))
    assert "#" not in incident["id"]  # FtM references allow no `#`
    assert "dead disagrees" in incident["properties"]["summary"][0]
    links = [e for e in entities if e["schema"] == "UnknownLink"
             and e["properties"]["object"] == [incident["id"]]]
    ids = {e["id"] for e in entities}
    assert len(links) == 4 and all(link["properties"]["subject"][0] in ids for link in links)
    from followthemoney import model

    for entity in entities:
        proxy = model.get_proxy(entity)
        proxy.schema.validate(proxy.to_dict())


def test_a_store_from_before_incidents_is_grouped_when_upgraded(db_url: str) -> None:
    with open_store(db_url) as opened:
        _write_all(opened, harbour_raid())
        expected = _memberships(opened)
        with opened.database.write() as conn:
            for table in reversed(schema.INCIDENT_TABLES):
                table.drop(conn)
            conn.execute(sa.delete(schema.schema_version)
                         .where(schema.schema_version.c.version == migrations.LATEST))
    with open_store(db_url) as upgraded:
        assert _memberships(upgraded) == expected
        with upgraded.database.read() as conn:
            version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version)))
            assert version.scalar() == migrations.LATEST


def test_another_outlets_date_a_day_off_still_joins(store: Store) -> None:
    results = harbour_raid()
    late = results[1]
    off = replace(late.events[0], date="1998-02-10")
    _write_all(store, [results[0], replace(late, events=[off])])
    raid = store.incident("inc-wire-1#e1")
    assert raid is not None and "coast-1#e1" in raid.incident.events
    assert {d.field for d in raid.incident.disagreements} >= {"date"}
