"""The incident pages and their JSON through the real app (FastAPI's TestClient)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from incident_support import harbour_raid

from chronicle.api import open as open_store
from chronicle.serve import create_app

HOSTILE_OUTLET = "<script>alert('outlet')</script> Gazette"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("incidents") / "chronicle.db"
    results = harbour_raid()
    results[2] = replace(results[2], document=replace(results[2].document,
                                                      outlet=HOSTILE_OUTLET))
    with open_store(path) as store:
        for result in results:
            store.write(result)
    with TestClient(create_app(path)) as opened:
        yield opened


def test_the_incident_page_shows_every_report_and_the_quotes_around_them(client) -> None:
    page = client.get("/incidents/inc-wire-1%23e1")
    assert page.status_code == 200
    html = page.text
    for sentence in ("RED HAND RAIDS EASTPORT HARBOUR", "militants stormed the Eastport harbour",
                     "Northland commandos raided the port of Eastport"):
        assert sentence in html
    assert "They came from the sea," in html and "Ilse Brandt" in html
    assert "Where the reports disagree" in html and "12 to 15" in html
    assert "3 independent sources" in html
    assert HOSTILE_OUTLET not in html and "&lt;script&gt;" in html
    assert 'href="/documents/wire-1#ev-e2"' in html  # the event's card on its page
    assert 'id="ev-e2"' in client.get("/documents/wire-1").text


def test_a_happening_one_outlet_carries_is_marked(client) -> None:
    rows = client.get("/api/incidents", params={"type": "CONSULT"}).json()
    assert len(rows) == 1 and rows[0]["single_outlet"] is True
    page = client.get("/incidents/" + rows[0]["id"].replace("#", "%23"))
    assert "one source only" in page.text


def test_the_list_counts_happenings_over_time(client) -> None:
    page = client.get("/incidents", params={"by": "day"})
    assert page.status_code == 200
    assert "1998-02-09" in page.text and "<meter" in page.text
    assert 'href="/incidents/inc-wire-1%23e1"' in page.text
    counts = client.get("/api/incidents/counts", params={"by": "month"}).json()
    assert counts == [{"period": "1998-02", "incidents": 3, "reports": 6}]
    assert client.get("/incidents", params={"by": "decade"}).status_code == 400


def test_the_api_gives_one_incident_and_the_error_shape(client) -> None:
    data = client.get("/api/incidents/inc-wire-1%23e1").json()
    assert data["id"] == "inc-wire-1#e1" and len(data["report_details"]) == 4
    missing = client.get("/api/incidents/inc-nope")
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error": "no incident has the id 'inc-nope'",
                              "status": 404}
    assert "/api/incidents/{incident_id}" in client.get("/openapi.json").json()["paths"]


def test_existing_pages_link_to_incidents(client) -> None:
    doc = client.get("/documents/coast-1").text
    assert 'href="/incidents/inc-wire-1%23e1"' in doc
    assert 'href="/incidents"' in client.get("/").text
