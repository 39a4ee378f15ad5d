"""`chronicle serve` in a real browser: Debian's Chromium driven by Playwright.

The store is built by `chronicle ingest` over ../shared/corpus/seed.jsonl plus a hostile
article written here; `chronicle serve` runs as a subprocess on a free port. Every request
the pages make to another host is aborted and recorded, every dialog is recorded: both
lists must stay empty. Screenshots and navigation timings go to screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from serving import served

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed.jsonl"
SHOTS = ROOT / "screenshots"
BROWSER = os.environ.get("CHRONICLE_BROWSER", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = {
    "id": "hostile-markup", "date": "2024-05-02", "source": "Test Wire",
    "url": "javascript:alert('url')",
    "title": "<script>alert('title')</script> Port council shuts the border gate",
    "text": "EASTPORT, May 2 - The port council of Eastport voted on Thursday to close the "
            "northern border gate for repairs. Council chair Mira Solberg said a notice at "
            "the gate read <script>alert('gate')</script> after vandals broke in overnight. "
            "\"We found <img src=x onerror=alert('quote')> painted on the office wall,\" "
            "Solberg told reporters. Police chief Anton Keller accused a local gang of the "
            "break-in.",
}
TIMINGS: dict[int, dict[str, dict[str, float]]] = {}  # width -> page -> timing, this run
NAVIGATION = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  const app = n.serverTiming.find((s) => s.name === "app");
  return {server_ms: app ? app.duration : null, ttfb_ms: n.responseStart - n.startTime,
          dom_ms: n.domContentLoadedEventEnd - n.startTime, load_ms: n.loadEventEnd - n.startTime,
          bytes: n.transferSize};
}"""

EVENT_TEXT = """() => {
  for (const el of document.querySelectorAll("#doc-text span.ev")) {
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE || text.textContent.trim().length < 4) continue;
    el.scrollIntoView({block: "center"});
    const range = document.createRange();
    range.setStart(text, 1);
    range.setEnd(text, 3);
    const box = range.getBoundingClientRect();
    return {x: box.x + box.width / 2, y: box.y + box.height / 2};
  }
  return null;
}"""  # a point on the plain text of an event sentence (not on a name link inside it)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SEED.exists():
        pytest.skip(f"the seed corpus is missing ({SEED}): the browser test needs it")
    if not Path(BROWSER).exists():
        pytest.skip(f"no Chromium at {BROWSER}: apt-get install -y chromium "
                    "(or set CHRONICLE_BROWSER)")
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "web.db"
    env = {k: v for k, v in os.environ.items() if k not in ("CHRONICLE_TOKEN", "CHRONICLE_DB")}
    ingest = subprocess.run([sys.executable, "-m", "chronicle", "ingest", str(SEED),
                             str(hostile), "--db", str(db)], capture_output=True, text=True,
                            env=env, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    with served(db, folder / "serve.log", env) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=BROWSER, args=ARGS, headless=True)
        yield opened
        opened.close()


class Watch:
    """What a page did that it must not: leave localhost, open dialogs, break the CSP."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.timings: dict[str, dict[str, float]] = {}  # page -> navigation timing

    def route(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def clean(self) -> None:
        assert self.foreign == [], f"requests left localhost: {self.foreign}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture(params=[1280, 390], ids=["1280px", "390px"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, Watch, int]]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 400
                                            else 844}, device_scale_factor=1)
    watch = Watch()
    context.route("**/*", watch.route)
    opened = context.new_page()
    opened.on("dialog", watch.dialog)
    opened.on("console", watch.console)
    opened.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    opened.set_default_timeout(20_000)
    yield opened, watch, width
    TIMINGS.setdefault(width, {}).update(watch.timings)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"timings-{width}.json").write_text(json.dumps(TIMINGS[width], indent=2))
    context.close()


def timed(page: Any, watch: Watch, name: str) -> None:
    page.wait_for_load_state("load")
    watch.timings[name] = {k: round(v, 1) if isinstance(v, float) else v
                           for k, v in page.evaluate(NAVIGATION).items()}


def shot(page: Any, name: str, width: int) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))


def test_search_document_actor_timeline_network(server: str, page: tuple) -> None:
    tab, watch, width = page
    tab.goto(server + "/")
    timed(tab, watch, "overview")
    assert tab.locator(".stat").first.is_visible()
    tab.locator(".big-search input").fill("border")
    tab.locator(".big-search input").press("Enter")
    tab.wait_for_url(re.compile(r"/search\?q=border"))
    timed(tab, watch, "search")
    hit = tab.locator("a.hit-title[href*='khaddam']").first
    assert tab.locator("mark").count() > 0
    shot(tab, "search", width)

    hit.click()
    tab.wait_for_url(re.compile(r"/documents/khaddam"))
    timed(tab, watch, "document")
    assert tab.locator("mark#hit").count() == 1
    assert tab.locator("#doc-text a.m").count() > 10 and tab.locator("#doc-text .badge").count()
    spot = tab.evaluate(EVENT_TEXT)
    tab.mouse.click(spot["x"], spot["y"])
    assert tab.locator(".card.lit").count() == 1  # the event's card opened beside the text
    shot(tab, "document", width)

    tab.locator("#doc-text a.m", has_text="Khaddam").first.click()
    tab.wait_for_url(re.compile(r"/actors/[^/]*khaddam"))
    assert "Khaddam" in tab.locator("h1").inner_text()
    tab.wait_for_selector(".counts[data-ready='1']")
    timed(tab, watch, "actor")
    assert tab.locator(".counts svg a.bar").count() > 0
    shot(tab, "actor", width)

    tab.goto(server + "/timeline?actor=Khaddam")
    tab.wait_for_selector(".counts[data-ready='1']")
    timed(tab, watch, "timeline")
    tab.locator(".counts svg a.bar").first.click()  # a bar narrows the list to its period
    tab.wait_for_url(re.compile(r"/timeline\?actor=Khaddam&from=\d{4}"))
    tab.wait_for_selector(".counts[data-ready='1']")
    assert tab.locator("ol.events a[href*='/documents/']").count() > 0
    shot(tab, "timeline", width)

    tab.goto(server + "/network")
    tab.wait_for_selector("#graph[data-settled='1']")
    timed(tab, watch, "network")
    shot(tab, "network", width)
    node = tab.locator("#graph a.node").first
    tab.locator("#graph").scroll_into_view_if_needed()  # the filters fill a phone's screen
    before = node.get_attribute("transform")
    circle = node.locator("circle").bounding_box()
    x, y = circle["x"] + circle["width"] / 2, circle["y"] + circle["height"] / 2
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x + 60, y + 30, steps=6)
    tab.mouse.up()
    assert "/network" in tab.url and node.get_attribute("transform") != before  # dragged
    tab.wait_for_selector("#graph[data-settled='1']")
    tab.locator("#graph a.node circle").nth(1).click()
    tab.wait_for_url(re.compile(r"/actors/"))
    assert tab.locator("h1").inner_text().strip()
    watch.clean()


def test_hostile_article_shows_its_markup_as_text(server: str, page: tuple) -> None:
    tab, watch, width = page
    tab.goto(server + "/documents/hostile-markup")
    timed(tab, watch, "hostile document")
    text = tab.locator("#doc-text").inner_text()
    assert "<script>alert('gate')</script>" in text
    assert "<img src=x onerror=alert('quote')>" in text
    assert "<script>alert('title')</script>" in tab.locator("h1").inner_text()
    assert tab.locator("img").count() == 0 and tab.locator("#doc-text script").count() == 0
    shot(tab, "hostile", width)
    tab.goto(server + "/search?q=vandals")
    assert "<script>alert('title')</script>" in tab.locator("a.hit-title").first.inner_text()
    tab.goto(server + "/")
    tab.goto(server + "/timeline")
    tab.wait_for_selector(".counts[data-ready='1']")
    tab.goto(server + "/network")
    tab.wait_for_selector("#graph[data-settled='1']")
    watch.clean()
