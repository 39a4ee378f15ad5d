"""Writing analysed documents: one transaction each, duplicates skipped, actors resolved."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa
from store_support import Doc, border_dispute, stored

from chronicle.api import Store
from chronicle.errors import StoreError
from chronicle.records import Event
from chronicle.store import schema


def test_a_document_is_stored_with_everything_it_holds(store: Store) -> None:
    stored(store, border_dispute())
    counts = store.counts()
    assert counts["documents"] == 3
    assert counts["events"] == 6
    assert counts["quotes"] == 2
    assert counts["timexes"] == 1
    # Karim Haddad / Karim Hadad and Northland meet across documents: 5 actors, not 7.
    assert counts["actors"] == 5
    doc = store.document("dispatch-1")
    assert doc is not None and doc.title == "Haddad accuses Northland"
    assert doc.text.startswith("Foreign Minister Karim Haddad")


def test_the_same_text_twice_changes_nothing(store: Store) -> None:
    results = border_dispute()
    stored(store, results)
    before = store.counts()
    again = Doc("copy-of-dispatch-1", results[0].document.text.upper() + "  ")
    assert store.write(again.result()) is False
    assert all(store.write(r) is False for r in results)
    assert store.counts() == before


def test_an_id_already_taken_by_another_text_gets_a_suffix(store: Store) -> None:
    stored(store, border_dispute())
    other = Doc("dispatch-1", "Northland recalled its ambassador from Eastport.")
    north = other.entity("Northland", "country")
    other.event("RETREAT", "Northland recalled its ambassador from Eastport.", "recalled",
                (north,))
    assert store.write(other.result()) is True
    renamed = store.document("dispatch-1#2")
    assert renamed is not None and renamed.text.startswith("Northland recalled")
    rows = store.timeline(type="RETREAT")
    assert [r.event.doc for r in rows] == ["dispatch-1#2"]
    assert rows[0].event.id == "dispatch-1#2:e1"
    assert rows[0].source_names == ["Northland"]


def test_event_roles_and_quote_speakers_point_at_stored_actors(store: Store) -> None:
    stored(store, border_dispute())
    with store.database.read() as conn:
        links = conn.execute(sa.select(schema.event_actors.c.event_id,
                                       schema.event_actors.c.role,
                                       schema.event_actors.c.actor_id)
                             .where(schema.event_actors.c.event_id == "dispatch-1:e1")).all()
        speakers = set(conn.execute(sa.select(schema.quotes.c.speaker_id)).scalars())
    assert sorted((r.role, r.actor_id) for r in links) == [("source", "karim-haddad"),
                                                          ("target", "northland")]
    assert speakers == {"karim-haddad", "jose-pena"}


def test_references_to_unknown_entities_are_dropped_not_fatal(store: Store) -> None:
    doc = Doc("stray", "Officials in Milltown demanded an inquiry.")
    doc.event("REQUEST", "Officials in Milltown demanded an inquiry.", "demanded",
              ("stray#99",), ())
    doc.quote("demanded an inquiry", "stray#98")
    assert store.write(doc.result()) is True
    [row] = store.timeline()
    assert row.event.source == () and row.source_names == []


def test_a_failed_document_leaves_no_trace_and_the_next_one_resolves(store: Store) -> None:
    stored(store, border_dispute()[:1])
    before = store.counts()
    bad = Doc("bad", "Lena Varga met Karim Haddad. Karim Haddad left.")
    bad.entity("Lena Varga")
    bad.event("CONSULT", "Lena Varga met Karim Haddad.", "met")
    bad.events.append(bad.events[0])  # the same event id twice breaks the transaction
    with pytest.raises(StoreError):
        store.write(bad.result())
    assert store.counts() == before
    good = Doc("good", "Lena Varga flew to Eastport.")
    good.entity("Lena Varga")
    assert store.write(good.result()) is True
    varga = [a for a in store.find_actors("Lena Varga")]
    assert [a.id for a in varga] == ["lena-varga"]  # the rolled-back one left no ghost id


def test_written_records_read_back_unchanged(store: Store) -> None:
    results = border_dispute()
    stored(store, results)
    out = io.StringIO()
    store.export("jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    events = {r["id"]: r for r in records if r["type"] == "event"}
    original: Event = results[0].events[0]
    back = events["dispatch-1:e1"]
    assert back["sentence"] == original.sentence
    assert (back["start"], back["end"]) == (original.start, original.end)
    assert back["location"] == {"name": "Eastport", "lat": 41.5, "lon": 20.25, "country": "SL",
                                "country_code": None, "admin1": None, "precision": None}
    assert back["date"] == "1998-02-09" and back["trigger"] == "accused"
    docs = {r["id"]: r for r in records if r["type"] == "document"}
    assert docs["dispatch-1"]["text"][back["start"]:back["end"]] == original.sentence
