"""The JSON API in process: every route, the error shape, the token, limits, traversal, CSP.

Each test builds a tiny store of invented reports (tests/store/store_support.py) and talks
to the real app through FastAPI's TestClient; nothing is mocked.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from store.store_support import Doc, border_dispute, db_url, new_db, store  # noqa: E402, F401

from chronicle.api import Store  # noqa: E402
from chronicle.api import open as open_store  # noqa: E402
from chronicle.cli.serve import serve  # noqa: E402
from chronicle.records import Role  # noqa: E402
from chronicle.serve import LOOPBACK_HOSTS, create_app  # noqa: E402

HOSTILE_TITLE = "<script>alert('title')</script> Harbour row"
HOSTILE_NAME = "Mayor <img src=x onerror=alert(1)>"


def hostile_doc() -> Doc:
    """A report whose title, text and actor name carry markup that must stay text."""
    doc = Doc("odd/hostile#1", "Mayor <img src=x onerror=alert(1)> warned the harbour board "
              "on Friday. \"Close the </script><script>alert(2)</script> gate,\" the mayor "
              "said. Visit javascript:alert(3) for more.", title=HOSTILE_TITLE,
              date="1998-04-03", url="javascript:alert(4)")
    mayor = doc.entity(HOSTILE_NAME, roles=(Role("Mayor", "<b>Eastport</b>"),))
    board = doc.entity("harbour board", "organization")
    doc.event("THREATEN", "Mayor <img src=x onerror=alert(1)> warned the harbour board on "
              "Friday.", "warned", (mayor,), (board,), date="1998-04-03")
    doc.quote("Close the </script><script>alert(2)</script> gate,", mayor)
    doc.timex("Friday", "1998-04-03")
    return doc


def build_store(path: Path) -> Path:
    with open_store(path) as opened:
        for result in [*border_dispute(), hostile_doc().result()]:
            opened.write(result)
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "chronicle.db")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path)) as opened:
        yield opened


@pytest.fixture
def writer(store_path: Path, tmp_path: Path) -> Iterator[TestClient]:
    """An app with the write endpoint, over a fresh copy of the store."""
    path = build_store(tmp_path / "w.db")
    with TestClient(create_app(path, token="s3cret-token", max_body=4096)) as opened:
        yield opened


def assert_error(response, status: int, words: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert words in body["error"]
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    return body


def test_search_returns_the_rows_of_the_cli(client: TestClient, store_path: Path) -> None:
    rows = client.get("/api/search", params={"q": "shelling"}).json()
    with open_store(store_path, create=False) as opened:
        assert rows == opened.search("shelling").to_json()
    assert rows[0]["doc"] == "dispatch-1" and "«shelling»" in rows[0]["snippet"]
    by_actor = client.get("/api/search", params={"q": "shelling", "actor": "karim hadad"})
    assert {r["kind"] for r in by_actor.json()} == {"event", "quote"}


def test_a_malformed_search_is_a_400_with_the_reason(client: TestClient) -> None:
    assert_error(client.get("/api/search", params={"q": '"unclosed'}), 400, "bad search query")
    assert_error(client.get("/api/search", params={"q": "  "}), 400, "empty")
    assert_error(client.get("/api/search"), 400, "bad parameter q")


def test_events_are_the_timeline_rows_with_its_filters(client: TestClient) -> None:
    rows = client.get("/api/events").json()
    assert [r["event_type"] for r in rows][:3] == ["PROTEST", "REJECT", "ACCUSE"]
    assert rows[-1]["date"] is None  # undated last
    accuse = client.get("/api/events", params={"type": "accuse"}).json()
    assert [r["source_names"] for r in accuse] == [["Karim Haddad"]]
    window = client.get("/api/events", params={"from": "1998-02", "to": "1998-02"}).json()
    assert [r["event_type"] for r in window] == ["REJECT", "ACCUSE"]
    assert len(client.get("/api/events", params={"actor": "Haddad"}).json()) == 4
    assert len(client.get("/api/events", params={"flagged": "true"}).json()) == len(rows) + 1
    assert len(client.get("/api/events", params={"limit": 2}).json()) == 2


def test_bad_filters_are_400s_and_unknown_actors_404s(client: TestClient) -> None:
    assert_error(client.get("/api/events", params={"type": "INVADE"}), 400,
                 "unknown event type")
    assert_error(client.get("/api/events", params={"from": "Feb 1998"}), 400, "bad date")
    assert_error(client.get("/api/events", params={"limit": "many"}), 400, "bad parameter limit")
    assert_error(client.get("/api/events", params={"limit": 0}), 400, "bad parameter limit")
    assert_error(client.get("/api/events", params={"actor": "Nobody Atall"}), 404, "no actor")


def test_actors_list_search_and_profile(client: TestClient) -> None:
    busiest = client.get("/api/actors").json()
    assert busiest[0]["id"] == "karim-haddad" and busiest[0]["events"] == 4
    assert [a["events"] for a in busiest] == sorted((a["events"] for a in busiest), reverse=True)
    countries = client.get("/api/actors", params={"kind": "country"}).json()
    assert [a["name"] for a in countries] == ["Northland"]
    assert [a["id"] for a in client.get("/api/actors", params={"q": "hadad"}).json()] == [
        "karim-haddad"]
    assert len(client.get("/api/actors", params={"limit": 2, "offset": 1}).json()) == 2
    profile = client.get("/api/actors/karim-haddad").json()
    assert profile["type"] == "actor" and "Karim Hadad" in profile["aliases"]
    assert profile["counterparts"][0]["id"] == "northland"
    assert [q["text"] for q in profile["quotes"]] == ["The shelling must stop at once,"]
    events = client.get("/api/actors/karim-haddad/events", params={"type": "CONSULT"}).json()
    assert [e["event_type"] for e in events] == ["CONSULT"]
    assert_error(client.get("/api/actors/nobody-at-all"), 404, "no actor")


def test_an_ambiguous_actor_is_a_409_listing_the_candidates(tmp_path: Path) -> None:
    doc = Doc("namesakes", "Omar Daoud met Layla Daoud in Eastport.")
    omar, layla = doc.entity("Omar Daoud"), doc.entity("Layla Daoud")
    doc.event("CONSULT", doc.text, "met", (omar,), (layla,))
    with open_store(tmp_path / "n.db") as opened:
        opened.write(doc.result())
        body = assert_error(TestClient(create_app(opened)).get("/api/actors/Daoud"), 409,
                            "names 2 actors")
    assert sorted(c["name"] for c in body["candidates"]) == ["Layla Daoud", "Omar Daoud"]


def test_one_document_with_its_records_and_offsets(client: TestClient) -> None:
    data = client.get("/api/documents/dispatch-1").json()
    text = data["document"]["text"]
    haddad = next(a for a in data["actors"] if a["id"] == "karim-haddad")
    assert {text[m["start"]:m["end"]] for m in haddad["mentions"]} == {"Karim Haddad",
                                                                        "Haddad"}
    event = data["events"][0]
    assert text[event["start"]:event["end"]] == event["sentence"]
    assert event["source_names"] == ["Karim Haddad"]
    quote = data["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"]
    assert quote["speaker_name"] == "Karim Haddad"
    assert [t["value"] for t in data["timexes"]] == ["1998-02-09"]
    assert_error(client.get("/api/documents/no-such-doc"), 404, "no document")


def test_document_ids_keep_slashes_and_hashes(client: TestClient) -> None:
    data = client.get("/api/documents/odd/hostile%231").json()
    assert data["document"]["id"] == "odd/hostile#1"
    listed = client.get("/api/documents").json()
    assert {d["id"] for d in listed} == {"dispatch-1", "dispatch-2", "dispatch-3",
                                         "odd/hostile#1"}
    assert listed[0]["id"] == "odd/hostile#1"  # newest first
    assert next(d for d in listed if d["id"] == "dispatch-1")["events"] == 2


def test_network_nodes_and_weighted_edges(client: TestClient) -> None:
    graph = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("karim-haddad", "northland")]["types"] == {"ACCUSE": 1}
    assert edges[("northland", "karim-haddad")]["weight"] == 1
    assert ("karim-haddad", "lena-varga") in edges
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["karim-haddad"]["weight"] == 3 and nodes["northland"]["kind"] == "country"
    ego = client.get("/api/network", params={"actor": "Lena Varga"}).json()
    assert {n["id"] for n in ego["nodes"]} == {"karim-haddad", "lena-varga"}
    ego = client.get("/api/network", params={"actor": "Karim Haddad"}).json()
    assert {n["id"] for n in ego["nodes"]} == {"karim-haddad", "lena-varga", "northland"}
    only = client.get("/api/network", params={"type": "CONSULT"}).json()
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("karim-haddad",
                                                                    "lena-varga")]
    capped = client.get("/api/network", params={"max_nodes": 2}).json()
    assert len(capped["nodes"]) == 2 and capped["truncated"] is True
    assert client.get("/api/network", params={"min_weight": 2}).json()["edges"] == []


def test_overview_counts_and_spans(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    assert data["counts"]["documents"] == 4 and data["counts"]["quotes"] == 3
    assert data["documents"] == {"first": "1998-02-10", "last": "1998-04-03"}
    assert data["busiest"][0]["name"] == "Karim Haddad"
    assert "THREATEN" in data["event_types"]  # the hostile report's; flagged ones are not


def test_every_route_answers_the_same_on_every_backend(store: Store) -> None:  # noqa: F811
    """SQLite here, and PostgreSQL when CHRONICLE_TEST_PG is set (CI)."""
    for result in border_dispute():
        store.write(result)
    client = TestClient(create_app(store))
    assert client.get("/api/overview").json()["counts"]["events"] == 6
    assert client.get("/api/actors").json()[0]["id"] == "karim-haddad"
    assert [d["id"] for d in client.get("/api/documents").json()] == [
        "dispatch-2", "dispatch-1", "dispatch-3"]  # undated last on both backends
    edges = client.get("/api/network").json()["edges"]
    assert {(e["source"], e["target"]) for e in edges} == {
        ("karim-haddad", "northland"), ("northland", "karim-haddad"),
        ("karim-haddad", "lena-varga")}
    doc = client.get("/api/documents/dispatch-1").json()
    assert len(doc["events"]) == 2 and doc["quotes"][0]["speaker_name"] == "Karim Haddad"
    assert client.get("/api/search", params={"q": "shelling"}).json()[0]["doc"] == "dispatch-1"
    assert len(client.get("/api/events").json()) == 5
    for page in ("/", "/documents/dispatch-1", "/actors/karim-haddad", "/timeline",
                 "/network", "/actors"):
        assert client.get(page).status_code == 200, page


def test_openapi_lists_the_read_routes_only_without_a_token(client: TestClient,
                                                             writer: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/search", "/api/events", "/api/actors", "/api/actors/{actor_id}",
                  "/api/documents/{doc_id}", "/api/network", "/api/overview"):
        assert "get" in paths[route]
    assert "post" not in paths["/api/documents"]
    assert "post" in writer.get("/openapi.json").json()["paths"]["/api/documents"]
    assert client.get("/docs").status_code == 404  # the Swagger page would load a CDN


def test_unknown_routes_and_methods_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "nothing at /api/nothing-here")
    assert_error(client.post("/api/documents", json={"text": "A report."}), 405,
                 "Method Not Allowed")
    assert_error(client.delete("/api/actors/karim-haddad"), 405, "Method Not Allowed")


def test_writes_need_the_bearer_token(writer: TestClient) -> None:
    doc = {"id": "new-1", "text": "The council met on Monday."}
    response = writer.post("/api/documents", json=doc)
    assert_error(response, 401, "Authorization: Bearer")
    assert response.headers["www-authenticate"] == "Bearer"
    assert_error(writer.post("/api/documents", json=doc,
                             headers={"Authorization": "Bearer wrong"}), 403, "wrong token")
    assert_error(writer.post("/api/documents", json=doc,
                             headers={"Authorization": "Basic s3cret-token"}), 401, "Bearer")
    assert_error(writer.post("/api/documents", json={"id": "x"},
                             headers={"Authorization": "Bearer s3cret-token"}), 400,
                 "bad parameter text")
    assert writer.get("/api/documents/new-1").status_code == 404


@pytest.mark.model
def test_a_posted_document_is_analysed_and_stored(writer: TestClient) -> None:
    doc = {"id": "new-1", "title": "Council meets", "date": "1999-05-02",
           "text": "Mayor Omar Haddad met the Eastport council on Monday. \"We will rebuild "
                   "the harbour,\" Haddad said."}
    response = writer.post("/api/documents", json=doc,
                           headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 201, response.text
    assert response.json()["ok"] is True and response.json()["stored"] == 1
    stored = writer.get("/api/documents/new-1").json()
    assert stored["document"]["title"] == "Council meets" and stored["quotes"]
    again = writer.post("/api/documents", json=doc,
                        headers={"Authorization": "Bearer s3cret-token"})
    assert again.json()["duplicates"] == 1 and again.json()["stored"] == 0


def test_bodies_over_the_limit_are_refused_with_413(writer: TestClient) -> None:
    big = {"id": "big", "text": "word " * 2000}
    assert_error(writer.post("/api/documents", json=big,
                             headers={"Authorization": "Bearer s3cret-token"}), 413,
                 "larger than the 4,096 byte limit")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    assert_error(writer.post("/api/documents", content=chunks(),
                             headers={"Authorization": "Bearer s3cret-token",
                                      "Content-Type": "application/json"}), 413, "limit")
    assert_error(writer.post("/api/documents", content=b"{}",
                             headers={"Content-Length": "12x"}), 400, "Content-Length")


def raw_get(app, raw_path: bytes) -> tuple[int, bytes]:
    """A request with the path exactly as given: no client tidies `..` away first."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    path = raw_path.split(b"?")[0]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path.decode("latin-1"),
             "raw_path": path, "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("path", [b"/static/../chronicle.db", b"/static/../app.py",
                                  b"/static/../../query_web.py", b"/static/%2e%2e/app.py",
                                  b"/static/..%2fapp.py", b"/static//etc/passwd",
                                  b"/vendor/../app.py", b"/vendor/..%2fapp.py",
                                  b"/static/\\..\\app.py"])
def test_static_routes_do_not_leave_their_folder(store_path: Path, path: bytes) -> None:
    app = create_app(store_path)
    status, body = raw_get(app, path)
    assert status in (400, 404), (path, status)
    assert b"import" not in body and b"SQLite format" not in body and b"root:" not in body
    # The same through an HTTP client, for the decoded forms.
    response = TestClient(app).get(path.decode())
    assert response.status_code in (400, 404) and b"import" not in response.content


def test_static_files_are_served_and_nothing_from_elsewhere(client: TestClient) -> None:
    css = client.get("/static/chronicle.css")
    assert css.status_code == 200 and "font-family" in css.text
    assert client.get("/vendor/plotly.min.js").status_code == 404  # no third-party route


@pytest.mark.parametrize("path", ["/", "/api/overview", "/api/nothing", "/static/chronicle.css",
                                  "/documents/dispatch-1", "/search?q=%22"])
def test_every_response_carries_a_strict_csp(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"]
               .split(";"))
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'" and csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["server-timing"].startswith("app;dur=")


def test_chart_and_map_pages_keep_the_strict_policy(client: TestClient) -> None:
    for path in ("/timeline", "/actors/karim-haddad", "/map"):
        csp = client.get(path).headers["content-security-policy"]
        assert "style-src 'self';" in csp and "script-src 'self';" in csp
        assert "unsafe-inline" not in csp and "http" not in csp and "*" not in csp


def test_only_local_host_names_are_answered_when_asked(store_path: Path) -> None:
    local = TestClient(create_app(store_path, allowed_hosts=LOOPBACK_HOSTS),
                       base_url="http://127.0.0.1:8000")
    assert local.get("/api/overview").status_code == 200
    assert local.get("/api/overview", headers={"Host": "localhost:8000"}).status_code == 200
    assert local.get("/api/overview", headers={"Host": "[::1]:8000"}).status_code == 200
    assert_error(local.get("/api/overview", headers={"Host": "attacker.example"}), 400,
                 "local address only")


def test_serve_refuses_a_missing_store_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "chronicle: no store at" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()  # serving never creates a store
    help_text = CliRunner().invoke(serve, ["--help"]).output
    assert "--token" in help_text and "127.0.0.1" in help_text


def test_create_app_takes_an_open_store_and_leaves_it_open(store_path: Path) -> None:
    with open_store(store_path, create=False) as opened:
        with TestClient(create_app(opened)) as app:
            assert app.get("/api/overview").status_code == 200
        assert isinstance(opened, Store) and opened.counts()["documents"] == 4


def test_api_json_keeps_hostile_text_as_data(client: TestClient) -> None:
    data = client.get("/api/documents/odd/hostile%231").json()
    assert data["document"]["title"] == HOSTILE_TITLE
    assert HOSTILE_NAME in [a["name"] for a in data["actors"]]
    raw = client.get("/api/documents/odd/hostile%231")
    assert raw.headers["content-type"] == "application/json"
    assert json.loads(raw.content)["quotes"][0]["text"].startswith("Close the </script>")
