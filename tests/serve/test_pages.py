"""The HTML pages in process: content, links between them, highlighting, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup
from test_api import HOSTILE_NAME, build_store

from chronicle.api import open as open_store
from chronicle.query.web import DocActor, DocumentView, SpokenQuote
from chronicle.records import Document, Quote
from chronicle.serve import create_app
from chronicle.serve.highlight import highlighted
from chronicle.serve.render import anchor, doc_url, json_script, safe_json

PAGES = ["/", "/search?q=shelling", "/search?q=harbour", "/documents", "/documents/dispatch-1",
         "/documents/odd/hostile%231", "/actors", "/actors/karim-haddad", "/timeline",
         "/timeline?actor=Haddad&type=ACCUSE", "/network", "/network?actor=Haddad"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of JSON script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json: dict[str, str] = {}
        self._json_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script" and dict(attrs).get("type") == "application/json":
            self._json_id = dict(attrs).get("id")

    def handle_data(self, data: str) -> None:
        if self._json_id:
            self.json[self._json_id] = self.json.get(self._json_id, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json_id = None


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_store(tmp_path_factory.mktemp("pages") / "chronicle.db")
    with TestClient(create_app(path)) as opened:
        yield opened


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def hrefs(html: str) -> list[str]:
    return [a.get("href") or "" for tag, a in parsed(html).tags if tag == "a"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_run_no_foreign_or_inline_code(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    tags = parsed(response.text)
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            src = attrs.get("src") or ""
            assert attrs.get("type") == "application/json" or src.startswith(
                "/static/"), attrs
        if tag == "img":
            raise AssertionError(f"an <img> reached the page: {attrs}")
        for name in ("href", "src", "action"):
            value = attrs.get(name) or ""
            assert not value.lower().startswith(("javascript:", "http", "//")), (tag, attrs)
    for text in tags.json.values():
        json.loads(text)  # every data block parses, hostile strings included


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    for path in ("/", "/documents", "/documents/odd/hostile%231", "/search?q=harbour",
                 "/actors", "/timeline", "/network"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "onerror=alert" not in html or "&lt;img src=x onerror=alert(1)&gt;" in html
    page = client.get("/documents/odd/hostile%231").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Harbour row" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "javascript:alert(4)" in page  # as text


def test_json_in_pages_cannot_close_its_script_element(client: TestClient) -> None:
    html = client.get("/network").text
    data = json.loads(parsed(html).json["graph-data"])
    assert HOSTILE_NAME in {n["name"] for n in data["nodes"]}
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert safe_json({"a": "</script><!--\u2028"}) == (
        '{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}')
    block = json_script(["</script>"], 'x"><b')
    assert block.startswith('<script type="application/json" id="x&#34;&gt;&lt;b">')


def test_overview_shows_counts_spans_and_links(client: TestClient) -> None:
    html = client.get("/").text
    assert "<b>4</b> documents" in html and "<b>3</b> quotes" in html
    assert "Published 1998-02-10 to 1998-04-03" in html
    links = hrefs(html)
    assert "/actors/karim-haddad" in links and "/documents/dispatch-1" in links
    assert "/timeline?type=ACCUSE" in links and "/actors?kind=country" in links


def test_search_page_links_each_hit_to_its_place(client: TestClient) -> None:
    html = client.get("/search?q=shelling").text
    assert "/documents/dispatch-1?at=" in html and "<mark>shelling</mark>" in html
    start, end = re.search(r"/documents/dispatch-1\?at=(\d+)-(\d+)#hit", html).groups()
    text = client.get("/api/documents/dispatch-1").json()["document"]["text"]
    assert text[int(start):int(end)] == "shelling"
    assert "Nothing matches" in client.get("/search?q=zeppelin").text
    assert client.get("/search").status_code == 200


def test_a_bad_search_keeps_the_form_and_says_why(client: TestClient) -> None:
    response = client.get("/search", params={"q": '"unclosed'})
    assert response.status_code == 400
    assert "bad search query" in response.text and 'value="&#34;unclosed"' in response.text
    assert client.get("/search", params={"q": "x", "actor": "Nobody"}).status_code == 404


def test_document_page_marks_actors_events_quotes_and_dates(client: TestClient) -> None:
    html = client.get("/documents/dispatch-1").text
    assert '<a class="m k-person" href="/actors/karim-haddad" title="Karim Haddad">' in html
    assert 'href="#ev-e1"' in html and 'id="ev-e1"' in html  # badge and its card
    assert 'href="#q-q1"' in html and 'id="q-q1"' in html
    assert '<span class="tx" title="date: 1998-02-09">Monday</span>' in html
    assert 'data-cards="ev-e1"' in html
    text = client.get("/api/documents/dispatch-1").json()["document"]["text"]
    at = text.find("shelling")
    hit = client.get(f"/documents/dispatch-1?at={at}-{at + 8}").text
    assert re.search(r'<mark class="hit" id="hit">(<[^>]+>)*shelling<', hit)
    assert hit.count('id="hit"') == 1
    assert client.get("/documents/dispatch-1?at=5-999999").status_code == 200  # clipped


def test_document_links_survive_slashes_and_hashes(client: TestClient) -> None:
    assert doc_url("odd/hostile#1") == "/documents/odd/hostile%231"
    assert "/documents/odd/hostile%231" in hrefs(client.get("/documents").text)
    assert client.get("/documents/no-such").status_code == 404
    assert "no document has the id" in client.get("/documents/no-such").text


def test_actor_page_profile_and_links(client: TestClient) -> None:
    html = client.get("/actors/karim-haddad").text
    assert "<h1>Karim Haddad" in html and "Karim Hadad" in html
    assert "Foreign Minister" in html and "Southland" in html
    links = hrefs(html)
    assert "/actors/northland" in links and "/actors/lena-varga" in links
    assert "/documents/dispatch-1#q-q1" in links  # the quote, at its place
    assert "/documents/dispatch-1#ev-e1" in links
    counts = json.loads(parsed(html).json["counts-data"])
    assert {row[1] for row in counts} == {"ACCUSE", "REJECT", "CONSULT"}  # dated only
    assert counts[0] == ["1998-02-01", "REJECT", 1]  # "1998-02" counted on its first day
    places = json.loads(parsed(html).json["map-data"])
    assert [p["name"] for p in places["places"]] == ["Eastport"] and places["unplaced"] == 3
    assert client.get("/actors/Karim%20Hadad").text == html  # a name works as well


def test_ambiguous_and_unknown_actor_pages(tmp_path: Path) -> None:
    from store.store_support import Doc

    doc = Doc("namesakes", "Omar Daoud met Layla Daoud in Eastport.")
    omar, layla = doc.entity("Omar Daoud"), doc.entity("Layla Daoud")
    doc.event("CONSULT", doc.text, "met", (omar,), (layla,))
    with open_store(tmp_path / "n.db") as store:
        store.write(doc.result())
        app = TestClient(create_app(store))
        response = app.get("/actors/Daoud")
        assert response.status_code == 409
        assert {"/actors/omar-daoud", "/actors/layla-daoud"} <= set(hrefs(response.text))
        assert app.get("/actors/Nobody").status_code == 404


def test_timeline_and_network_pages_carry_their_data(client: TestClient) -> None:
    html = client.get("/timeline?type=ACCUSE").text
    rows = json.loads(parsed(html).json["counts-data"])
    assert [r[1] for r in rows] == ["ACCUSE"]
    assert '<option selected>ACCUSE</option>' in html
    graph = json.loads(parsed(client.get("/network").text).json["graph-data"])
    assert {"karim-haddad", "northland"} <= {n["id"] for n in graph["nodes"]}
    assert client.get("/timeline?type=INVADE").status_code == 400
    assert client.get("/network?from=soon").status_code == 400


def test_lists_page_through(client: TestClient) -> None:
    assert "No actor answers to" in client.get("/actors?q=zzz").text
    assert "/actors/northland" in hrefs(client.get("/actors?kind=country").text)
    assert client.get("/documents?page=2").status_code == 200
    assert client.get("/documents?page=0").status_code == 400


def view_of(text: str, actors: list[DocActor], quotes: list[Quote]) -> DocumentView:
    return DocumentView(document=Document(id="d", text=text, source="d.txt"), actors=actors,
                        events=[], quotes=[SpokenQuote(q, None) for q in quotes], timexes=[])


def test_overlapping_marks_escape_every_piece() -> None:
    text = 'Ann <b>said</b> "Bo & Cy" left.'
    quote = Quote(id="d#q1", doc="d", speaker=None, text="Bo & Cy", start=17, end=24)
    bo = DocActor(id="bo", name="Bo <i>", kind="person", mentions=[(17, 19), (40, 50)])
    ann = DocActor(id="ann", name="Ann", kind="person", mentions=[(0, 3), (2, 6)])
    html = highlighted(view_of(text, [bo, ann], [quote]))
    assert isinstance(html, Markup)
    assert "&gt;said&lt;/b&gt;" in html and "<b>" not in html and "<i>" not in html
    assert ('<span class="qt" data-cards="q-q1"><a class="m k-person" href="/actors/bo" '
            'title="Bo &lt;i&gt;">Bo</a></span>') in html
    assert "&amp; Cy</span>" in html
    assert re.sub(r"<[^>]+>", "", str(html)).replace("“", "") == str(Markup.escape(text))


def test_anchors_are_stable_and_plain() -> None:
    assert anchor("ev", "doc/a.html#ev3", "doc/a.html") == "ev-ev3"
    assert anchor("q", "dispatch-1:q1", "dispatch-1") == "q-q1"
    assert anchor("ev", "other:x y", "doc") == "ev-other_x_y"
