"""Timeline, search and map as an analyst uses them: facets, counts over time, places,
pages with totals, downloads of every list, HEAD, and the small courtesies of the pages.

The store holds the border dispute of the store tests plus three reports written here,
with places (codes, provinces, coordinates), deaths and outlets filled in by hand, since
the extractors do not fill those fields yet.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from store.store_support import Doc, border_dispute  # noqa: E402

from chronicle.api import open as open_store  # noqa: E402
from chronicle.export.csv import COLUMNS  # noqa: E402
from chronicle.records import DocumentResult, Location, Magnitude  # noqa: E402
from chronicle.serve import create_app  # noqa: E402

ARBAT = Location("Arbat", 35.5, 36.5, "Syria", "SYR", "Hama", "point")
KESSAB = Location("Kessab", 35.9, 35.98, "Syria", "SYR", "Latakia", "point")


def _report(doc_id: str, text: str, outlet: str, date: str, place: Location, dead: int | None,
            flag: str | None = None) -> DocumentResult:
    doc = Doc(doc_id, text, title=f"Report {doc_id}", date=date)
    jets = doc.entity("Ridge Brigade", "group")
    town = doc.entity("the town council", "organization")
    event = doc.event("ASSAULT", text, "shelled", (jets,), (town,), date=date, location=place,
                      negated=flag == "negated")
    magnitudes = (Magnitude("dead", dead, f"{dead} people"),) if dead else ()
    doc.events[0] = replace(event, magnitudes=magnitudes, reason="verb 'shelled' with a subject")
    result = doc.result()
    return replace(result, document=replace(result.document, outlet=outlet))


REPORTS = [
    _report("r1", "Ridge Brigade shelled the town council offices in Arbat, killing 7.",
            "Levant Wire", "2013-03-02", ARBAT, 7),
    _report("r2", "Ridge Brigade shelled the town council depot in Arbat again, killing 3.",
            "River Post", "2013-03-20", ARBAT, 3),
    _report("r3", "Ridge Brigade shelled the town council hall in Kessab, killing 2 people.",
            "Levant Wire", "2013-05-11", KESSAB, 2),
    _report("r4", "Ridge Brigade did not shell the town council school in Kessab.",
            "River Post", "2013-05-12", KESSAB, None, flag="negated"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("explore") / "chronicle.db"
    with open_store(path) as opened:
        for result in [*border_dispute(), *REPORTS]:
            opened.write(result)
    with TestClient(create_app(path)) as opened_client:
        yield opened_client


def _facet(client: TestClient, name: str, **params: str) -> dict[str, int]:
    data = client.get("/api/facets", params=params).json()
    return {v["value"]: v["count"] for v in data[name]}


def test_facets_count_the_filtered_events_with_their_own_filter_lifted(client) -> None:
    assert _facet(client, "type")["ASSAULT"] == 3  # the negated statement is no event
    assert _facet(client, "outlet") == {"Levant Wire": 2, "River Post": 1}
    assert _facet(client, "country", outlet="River Post") == {"SYR": 1}
    # a type facet still lists the other types when a type is chosen
    assert set(_facet(client, "type", type="ASSAULT")) > {"ASSAULT", "ACCUSE"}
    assert _facet(client, "year", country="syr") == {"2013": 3}
    assert _facet(client, "actor", place="Kessab") == {"ridge-brigade": 1,
                                                       "the-town-council": 1}


def test_counts_over_time_are_per_day_and_type(client) -> None:
    days = client.get("/api/counts", params={"type": "ASSAULT"}).json()["days"]
    assert days == [["2013-03-02", "ASSAULT", 1], ["2013-03-20", "ASSAULT", 1],
                    ["2013-05-11", "ASSAULT", 1]]
    html = client.get("/timeline", params={"type": "ASSAULT"}).text
    assert '<a href="/timeline?type=ASSAULT&amp;from=2013-03&amp;to=2013-03">2013-03</a>' in html
    assert "<td class=\"n\">2</td>" in html  # March in the table beside the chart


def test_places_group_events_with_deaths_and_the_unplaced_count(client) -> None:
    data = client.get("/api/places").json()
    arbat = next(p for p in data["places"] if p["name"] == "Arbat")
    assert (arbat["count"], arbat["dead"], arbat["admin1"], arbat["country_code"]) == (
        2, 10, "Hama", "SYR")
    assert data["countries"] == ["SYR"] and data["unplaced"] == 4
    flagged = client.get("/api/places", params={"place": "Kessab"}).json()["places"]
    assert flagged[0]["count"] == 1  # the negated one left out


def test_map_page_draws_from_shipped_files_only(client) -> None:
    html = client.get("/map", params={"outlet": "Levant Wire"}).text
    assert '<script src="/static/map.js" defer></script>' in html
    assert 'href="/timeline?outlet=Levant+Wire&amp;place=Arbat"' in html
    assert "tile" not in html.lower() and "cdn" not in html.lower()
    for asset in ("/static/basemap/countries.json", "/static/basemap/admin1/SYR.json"):
        shapes = client.get(asset).json()
        assert shapes["scale"] == 100 and (shapes.get("countries") or shapes.get("regions"))
    assert "Natural Earth" in client.get("/static/basemap/LICENSE.md").text
    syria = next(c for c in client.get("/static/basemap/countries.json").json()["countries"]
                 if c["id"] == "SYR")
    x0, y0 = syria["rings"][0][:2]
    assert 3500 < x0 < 4300 and 3200 < y0 < 3800  # hundredths of a degree, lon/lat


def test_pages_and_api_say_how_many_there_are(client) -> None:
    response = client.get("/api/events", params={"limit": 2, "offset": 2})
    assert response.headers["x-total-count"] == "8"
    assert [r["id"] for r in response.json()] == [
        r["id"] for r in client.get("/api/events").json()[2:4]]
    assert 'rel="next"' in response.headers["link"] and 'rel="prev"' in response.headers["link"]
    search = client.get("/api/search", params={"q": "Ridge", "limit": 1, "offset": 1})
    assert search.headers["x-total-count"] == "4" and len(search.json()) == 1
    assert client.get("/api/documents").headers["x-total-count"] == "7"
    assert client.get("/api/actors", params={"kind": "group"}).headers["x-total-count"] == "2"
    assert "1–7 of 7" in client.get("/documents").text
    assert "1–8 of 8" in client.get("/timeline").text


def test_search_has_facets_and_pages(client) -> None:
    html = client.get("/search", params={"q": "Ridge"}).text
    assert "4 hits" in html and "in documents" in html
    assert '<a href="/search?q=Ridge&amp;outlet=Levant+Wire" data-inplace>' in html
    narrowed = client.get("/search", params={"q": "Ridge", "country": "SYR"}).text
    assert "4 hits" in narrowed and "in event sentences" in narrowed  # negated ones too
    assert '<span class="label">Syria</span></a> <span class="num">4</span>' in html


def _csv(client: TestClient, url: str, **params: str) -> list[dict[str, str]]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_event_downloads_are_the_export_csv_with_flags_kept(client) -> None:
    rows = _csv(client, "/download/events.csv", place="Kessab")
    assert tuple(rows[0]) == COLUMNS
    assert [(r["doc_id"], r["negated"]) for r in rows] == [("r3", "False"), ("r4", "True")]
    assert rows[0]["dead"] == "2" and rows[0]["outlet"] == "Levant Wire"
    assert rows[0]["admin1"] == "Latakia" and rows[0]["country_code"] == "SYR"
    everything = client.get("/download/events.json").json()
    assert len(everything) == 10 and everything[0]["type"] == "event"  # flagged ones too


def test_every_list_downloads_as_csv_and_json(client) -> None:
    assert [r["name"] for r in _csv(client, "/download/places.csv")] == ["Arbat", "Eastport",
                                                                         "Kessab"]
    assert len(_csv(client, "/download/documents.csv")) == 7
    assert {r["kind"] for r in _csv(client, "/download/actors.csv", kind="group")} == {"group"}
    hits = client.get("/download/search.json", params={"q": "Ridge"}).json()
    assert len(hits) == 4 and "«Ridge»" in hits[0]["snippet"]
    assert client.get("/download/search.csv").status_code == 400
    assert client.get("/download/events.xml").status_code == 404


def test_head_answers_like_get(client) -> None:
    for path in ("/", "/timeline", "/map", "/api/overview", "/static/chronicle.css",
                 "/documents/dispatch-1"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers[
            "content-type"]
    assert client.head("/documents/none").status_code == 404


def test_pages_have_a_skip_link_and_reasons_on_demand(client) -> None:
    html = client.get("/documents/r1").text
    assert '<a class="skip" href="#main">' in html and '<main id="main" tabindex="-1">' in html
    assert "<summary>Why coded <span class=\"muted\">confidence 0.80</span></summary>" in html
    assert "verb &#39;shelled&#39; with a subject" in html and "7 dead" in html
    css = client.get("/static/chronicle.css").text
    assert "overflow-wrap: anywhere" not in css and "word-break: keep-all" in css


def test_bad_filters_keep_the_page_and_say_why(client) -> None:
    response = client.get("/timeline", params={"actor": "Nobody"})
    assert response.status_code == 404 and "no actor is named" in response.text
    assert client.get("/map", params={"from": "soon"}).status_code == 400
    assert 'name="country" value="SYR"' in client.get("/timeline",
                                                      params={"country": "SYR"}).text


def test_export_files_follow_the_store_path(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as opened, TestClient(create_app(opened)) as app:
        assert app.get("/download/events.csv").text == ",".join(COLUMNS) + "\n"
        assert app.get("/download/events.json").json() == []
        assert app.get("/map").status_code == 200 and app.get("/timeline").status_code == 200
        assert json.loads(app.get("/api/places").text) == {"places": [], "unplaced": 0,
                                                            "countries": []}
