"""Document ids of any shape open the right page in a real browser (Chromium, Playwright).

Browsers rewrite the paths of links before sending them (`..` and `.` segments resolved,
their `%2e` escapes too, `\\` read as `/`); the ids below are the ones that broke or could
break. The store is written with the record builders (no model needed); `chronicle serve`
runs as a subprocess, as users run it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import served

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from store.store_support import Doc  # noqa: E402

from chronicle.api import open as open_store  # noqa: E402
from chronicle.serve.ids import decode, encode  # noqa: E402
from chronicle.serve.render import doc_url  # noqa: E402

BROWSER = os.environ.get("CHRONICLE_BROWSER", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDS = ["../secret", "a/../../etc/passwd", "..", ".", "...", "a/./b", "a//b", "trailing/",
       "/leading", "ask?x=1&y=2", "hash#frag", "100%", "%2e%2e", ".%2E/x", "with space",
       "ünïcode/ملف", "back\\..\\slash", "semi;colon=1", "plus+sign", "~tilde", ":colon",
       "dots../..x", "odd/hostile#1"]


@pytest.mark.parametrize("doc_id", IDS)
def test_the_encoding_reads_back_every_id(doc_id: str) -> None:
    path = encode(doc_id)
    assert decode(path) == doc_id
    segments = path.split("/")
    assert all(s not in ("", ".", "..") and "%2e" not in s.lower() for s in segments), path
    assert "?" not in path and "#" not in path and "\\" not in path


def _store(folder: Path) -> Path:
    db = folder / "ids.db"
    with open_store(db) as store:
        for n, doc_id in enumerate(IDS):
            doc = Doc(doc_id, f"Report number {n} from the port authority of Eastport, "
                      f"filed under its own odd name.", title=f"Report {n}")
            store.write(doc.result())
    return db


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("ids")
    db = _store(folder)
    with served(db, folder / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def tab(server: str) -> Iterator[Any]:
    if not Path(BROWSER).exists():
        pytest.skip(f"no Chromium at {BROWSER} (set CHRONICLE_BROWSER)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER, args=ARGS,
                                             headless=True)
        page = browser.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()


@pytest.mark.browser
def test_every_link_on_the_documents_page_opens_its_document(server: str, tab: Any) -> None:
    opened: dict[str, str] = {}
    for n, doc_id in enumerate(IDS):
        tab.goto(server + "/documents")
        tab.locator("a", has_text=f"Report {n}").first.click()
        tab.wait_for_load_state("load")
        assert tab.locator("h1").inner_text().strip() == f"Report {n}", (doc_id, tab.url)
        opened[doc_id] = tab.locator("span[title='document id']").inner_text()
        tab.locator("a", has_text="JSON").first.click()
        data = json.loads(tab.locator("body").inner_text())
        assert data["document"]["id"] == doc_id, (doc_id, tab.url)
    assert opened == {doc_id: doc_id for doc_id in IDS}


@pytest.mark.browser
def test_typed_and_search_links_land_on_the_same_document(server: str, tab: Any) -> None:
    for n, doc_id in enumerate(IDS):
        tab.goto(server + doc_url(doc_id) + "?at=0-6#hit")  # as the search page links
        assert tab.locator("h1").inner_text().strip() == f"Report {n}", (doc_id, tab.url)
    tab.goto(server + "/search?q=%22number+7%22")
    tab.locator("a.hit-title").first.click()
    tab.wait_for_load_state("load")
    assert tab.locator("span[title='document id']").inner_text() == IDS[7]
