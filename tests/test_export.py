"""Exports re-created from the store: jsonl, csv, graphml, gexf, FollowTheMoney."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace

import networkx as nx
import pytest
from store.store_support import border_dispute, db_url, new_db, store, stored  # noqa: F401

from chronicle.api import Store
from chronicle.errors import ConfigError
from chronicle.export.csv import COLUMNS


@pytest.fixture
def dispute(store: Store) -> Store:  # noqa: F811
    return stored(store, border_dispute())


def _export(store: Store, fmt: str) -> str:  # noqa: F811
    out = io.StringIO()
    store.export(fmt, out)
    return out.getvalue()


def test_jsonl_gives_back_the_extract_records(dispute: Store) -> None:
    records = [json.loads(line) for line in _export(dispute, "jsonl").splitlines()]
    by_type: dict[str, list[dict]] = {}
    for record in records:
        by_type.setdefault(record["type"], []).append(record)
    assert [r["type"] for r in records][:3] == ["document"] * 3
    assert len(by_type["event"]) == 6 and len(by_type["quote"]) == 2
    haddad = next(a for a in by_type["actor"] if a["id"] == "karim-haddad")
    assert haddad["roles"] == [{"title": "Foreign Minister", "of": "Southland", "start": None,
                                "end": None}]
    docs = {d["id"]: d["text"] for d in by_type["document"]}
    for mention in haddad["mentions"]:
        assert docs[mention["doc"]][mention["start"]:mention["end"]] in {
            "Karim Haddad", "Haddad", "Karim Hadad"}
    quote = by_type["quote"][0]
    assert docs[quote["doc"]][quote["start"]:quote["end"]] == quote["text"]
    assert by_type["timex"][0]["value"] == "1998-02-09"


def test_csv_has_one_event_a_row_with_polecat_columns(dispute: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(dispute, "csv"))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == 6  # the hypothetical threat is kept, flagged
    threat = next(r for r in rows if r["event_type"] == "THREATEN")
    assert (threat["hypothetical"], threat["negated"]) == ("True", "False")
    accuse = next(r for r in rows if r["event_type"] == "ACCUSE")
    assert accuse["source_actor"] == "Karim Haddad" and accuse["target_id"] == "northland"
    assert accuse["story_date"] == "1998-02-10" and accuse["event_date"] == "1998-02-09"
    assert accuse["date_precision"] == "day"
    assert accuse["incident_id"].startswith("inc-")  # grouped at ingest
    assert (accuse["location"], accuse["latitude"]) == ("Eastport", "41.5")
    assert accuse["doc_id"] == "dispatch-1" and accuse["doc_title"] == "Haddad accuses Northland"
    agree = next(r for r in rows if r["event_type"] == "AGREE")
    assert agree["source_id"] == "karim-haddad;lena-varga"
    assert agree["source_actor"] == "Karim Haddad; Lena Varga"
    assert (agree["event_date"], agree["date_precision"]) == ("", "")
    assert [r["event_date"][:4] for r in rows][:4] == ["1998"] * 4  # dated first, by date


def test_csv_gives_the_new_fields_on_one_line_each(store: Store) -> None:  # noqa: F811
    from store.store_support import Doc

    from chronicle.records import Location, Magnitude

    doc = Doc("w1", "Jets struck the market in Arbat,\nkilling at least 16 people.\n",
              title="Market\nstrike", date="2013-03")
    jets = doc.entity("Jets", "group")
    event = doc.event("ASSAULT", "Jets struck the market in Arbat,\nkilling at least 16 people.",
                      "struck", (jets,), (), date="2013-03",
                      location=Location("Arbat", 35.1, 36.2, "Syria", "SYR", "Hama", "point"))
    doc.events[0] = replace(event, date_source="publication", mode="aerial", magnitudes=(
        Magnitude("dead", 16, "at least 16 people", "at least"),))
    store.write(doc.result())
    text = _export(store, "csv")
    assert len(text.splitlines()) == 2  # the header and one row: no line break in a cell
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["sentence"] == "Jets struck the market in Arbat, killing at least 16 people."
    assert row["doc_title"] == "Market strike"
    assert (row["date_precision"], row["date_source"], row["mode"]) == (
        "month", "publication", "aerial")
    assert (row["admin1"], row["country"], row["country_code"], row["geo_precision"]) == (
        "Hama", "Syria", "SYR", "point")
    assert (row["dead"], row["magnitude_text"]) == ("16", "at least 16 people")


def test_export_takes_the_filters_of_timeline(dispute: Store) -> None:
    from chronicle.export import ExportOptions
    from chronicle.query.filter import EventFilter

    def rows(where: EventFilter) -> list[dict[str, str]]:
        out = io.StringIO()
        dispute.export("csv", out, ExportOptions(where=where))
        return list(csv.DictReader(io.StringIO(out.getvalue())))

    assert [r["event_type"] for r in rows(EventFilter(actor="Haddad"))] == [
        "REJECT", "ACCUSE", "CONSULT", "AGREE"]  # "1998-02" sorts at its first day
    assert [r["event_type"] for r in rows(EventFilter(type="reject"))] == ["REJECT"]
    assert [r["event_type"] for r in rows(EventFilter(date_from="1998-03"))] == ["CONSULT"]
    assert [r["location"] for r in rows(EventFilter(place="Eastport"))] == ["Eastport"]
    out = io.StringIO()
    dispute.export("jsonl", out, ExportOptions(where=EventFilter(type="CONSULT")))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["type"] for r in records] == ["document", "actor", "actor", "event"]


def test_timeline_csv_is_the_export_csv(dispute: Store) -> None:
    from chronicle.query.filter import EventFilter

    out = io.StringIO()
    dispute.export_events(EventFilter(actor="Northland"), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == COLUMNS
    assert [r["event_type"] for r in rows] == ["REJECT", "ACCUSE"]


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_networkx(dispute: Store, fmt: str, read, tmp_path) -> None:
    path = tmp_path / f"actors.{fmt}"
    path.write_text(_export(dispute, fmt), encoding="utf-8")
    graph = read(path)
    assert graph.number_of_nodes() == 3  # actors without a link only on request
    names = {data.get("name") or data.get("label") for _, data in graph.nodes(data=True)}
    assert names == {"Karim Haddad", "Northland", "Lena Varga"}
    edges = {(u, v, d["event_type"]): d for u, v, d in graph.edges(data=True)}
    assert edges[("karim-haddad", "northland", "ACCUSE")]["weight"] == 1
    assert edges[("karim-haddad", "northland", "ACCUSE")]["events"] == "dispatch-1:e1"
    assert edges[("northland", "karim-haddad", "REJECT")]["weight"] == 1
    assert not any(t == "THREATEN" for _, _, t in edges)


def test_gexf_is_dynamic_with_edge_dates(dispute: Store) -> None:
    from chronicle.export import ExportOptions

    text = _export(dispute, "gexf")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    graph = nx.parse_graphml(_export(dispute, "graphml"), force_multigraph=True)
    reject = next(d for _, _, d in graph.edges(data=True) if d["event_type"] == "REJECT")
    assert (reject["start"], reject["end"]) == ("1998-02-01", "1998-02-28")
    out = io.StringIO()
    dispute.export("gexf", out, ExportOptions(isolated=True))
    assert nx.parse_graphml(_export(dispute, "graphml")).number_of_nodes() == 3
    assert out.getvalue().count("<node ") == 5


def test_graph_edges_are_weighted_by_event_count_without_self_loops(store: Store) -> None:  # noqa: F811
    from store.store_support import Doc

    for n in range(3):
        doc = Doc(f"r{n}", f"Northland accused Southland of raid number {n}.", date="2001-05-02")
        north, south = doc.entity("Northland", "country"), doc.entity("Southland", "country")
        doc.event("ACCUSE", doc.text, "accused", (north,), (south, north), date="2001-05-02")
        store.write(doc.result())
    graph = nx.parse_graphml(_export(store, "graphml"), force_multigraph=True)
    edge = graph["northland"]["southland"]["ACCUSE/2001-05-02"]
    assert edge["weight"] == 3 and edge["events"] == "r0:e1;r1:e1;r2:e1"
    assert not graph.has_edge("northland", "northland")
    assert graph.nodes["southland"] == {"name": "Southland", "kind": "country",
                                        "label": "Southland", "country": "", "sector": ""}


def test_ftm_entities_validate_and_link(dispute: Store) -> None:
    from followthemoney import model

    entities = [model.get_proxy(json.loads(line))
                for line in _export(dispute, "ftm").splitlines()]
    by_id = {e.id: e for e in entities}
    schemata = {e.first("name"): e.schema.name for e in entities
                if e.schema.name not in ("Event", "Documentation", "UnknownLink")}
    assert schemata["Karim Haddad"] == "Person"
    assert schemata["Northland"] == "PublicBody"
    assert schemata["Protesters"] == "Organization"
    assert schemata["Eastport"] == "Address"  # the place of the accusation
    events = [e for e in entities if e.schema.name == "Event"
              and "incident" not in e.get("keywords")]
    assert len(events) == 5
    accuse = next(e for e in events if "ACCUSE" in e.get("keywords"))
    assert [by_id[i].first("name") for i in accuse.get("organizer")] == ["Karim Haddad"]
    assert [by_id[i].first("name") for i in accuse.get("involved")] == ["Northland"]
    assert float(by_id[accuse.first("addressEntity")].first("latitude")) == 41.5
    assert by_id[accuse.first("proof")].schema.name == "Article"
    assert accuse.first("date") == "1998-02-09"
    links = [e for e in entities if e.schema.name == "Documentation"]
    assert {(by_id[x.first("entity")].id, by_id[x.first("document")].schema.name)
            for x in links} >= {(accuse.id, "Article")}
    for entity in entities:
        entity.schema.validate(entity.to_dict())


def test_ftm_without_the_package_names_the_extra(dispute: Store, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"pip install chronicle\[ftm\]"):
        _export(dispute, "ftm")


def test_unknown_format_is_a_config_error(dispute: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        _export(dispute, "xlsx")
