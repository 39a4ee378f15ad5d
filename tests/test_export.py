"""Exports re-created from the store: jsonl, csv, graphml, gexf, FollowTheMoney."""

from __future__ import annotations

import csv
import io
import json
import sys

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
    assert len(rows) == 5  # the hypothetical threat is not an event
    accuse = next(r for r in rows if r["event_type"] == "ACCUSE")
    assert accuse["source_actor"] == "Karim Haddad" and accuse["target_id"] == "northland"
    assert accuse["story_date"] == "1998-02-10" and accuse["event_date"] == "1998-02-09"
    assert (accuse["location"], accuse["latitude"]) == ("Eastport", "41.5")
    agree = next(r for r in rows if r["event_type"] == "AGREE")
    assert agree["source_id"] == "karim-haddad;lena-varga"
    assert agree["source_actor"] == "Karim Haddad; Lena Varga"


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_networkx(dispute: Store, fmt: str, read, tmp_path) -> None:
    path = tmp_path / f"actors.{fmt}"
    path.write_text(_export(dispute, fmt), encoding="utf-8")
    graph = read(path)
    assert graph.number_of_nodes() == 5
    names = {data.get("name") or data.get("label") for _, data in graph.nodes(data=True)}
    assert {"Karim Haddad", "Northland", "Lena Varga"} <= names
    edges = {(u, v, d["event_type"]): d["weight"] for u, v, d in graph.edges(data=True)}
    assert edges[("karim-haddad", "northland", "ACCUSE")] == 1
    assert edges[("northland", "karim-haddad", "REJECT")] == 1
    assert not any(t == "THREATEN" for _, _, t in edges)


def test_graph_edges_are_weighted_by_event_count(store: Store) -> None:  # noqa: F811
    from store.store_support import Doc

    for n in range(3):
        doc = Doc(f"r{n}", f"Northland accused Southland of raid number {n}.")
        north, south = doc.entity("Northland", "country"), doc.entity("Southland", "country")
        doc.event("ACCUSE", doc.text, "accused", (north,), (south,))
        store.write(doc.result())
    graph = nx.parse_graphml(_export(store, "graphml"), force_multigraph=True)
    assert graph["northland"]["southland"]["ACCUSE"]["weight"] == 3
    assert graph.nodes["southland"] == {"name": "Southland", "kind": "country",
                                        "label": "Southland"}


def test_ftm_entities_validate_and_link(dispute: Store) -> None:
    from followthemoney import model

    entities = [model.get_proxy(json.loads(line))
                for line in _export(dispute, "ftm").splitlines()]
    by_id = {e.id: e for e in entities}
    schemata = {e.first("name"): e.schema.name for e in entities
                if e.schema.name not in ("Event", "UnknownLink")}  # links: incident reports
    assert schemata["Karim Haddad"] == "Person"
    assert schemata["Northland"] == "PublicBody"
    assert schemata["Protesters"] == "Organization"
    events = [e for e in entities if e.schema.name == "Event"
              and "incident" not in e.get("keywords")]
    assert len(events) == 5
    accuse = next(e for e in events if "ACCUSE" in e.get("keywords"))
    involved = {by_id[i].first("name") for i in accuse.get("involved")}
    assert involved == {"Karim Haddad", "Northland"}
    assert by_id[accuse.first("proof")].schema.name == "Article"
    assert accuse.first("date") == "1998-02-09"
    for entity in entities:
        entity.schema.validate(entity.to_dict())


def test_ftm_without_the_package_names_the_extra(dispute: Store, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"pip install chronicle\[ftm\]"):
        _export(dispute, "ftm")


def test_unknown_format_is_a_config_error(dispute: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        _export(dispute, "xlsx")
