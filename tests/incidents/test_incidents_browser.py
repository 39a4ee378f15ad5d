"""The incident pages in a real browser (Chromium driven by Playwright), at 1280 and 390 px:
no request leaves localhost, no console error (the CSP allows no inline style), nothing
wider than the screen, and the reports, quotes and disagreements are there to read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from incident_support import harbour_raid

from chronicle.api import open as open_store
from tests.serve.serving import served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
BROWSER = os.environ.get("CHRONICLE_BROWSER", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(BROWSER).exists():
        pytest.skip(f"no Chromium at {BROWSER}: set CHRONICLE_BROWSER")
    folder = tmp_path_factory.mktemp("incident-browser")
    db = folder / "web.db"
    with open_store(db) as store:
        for result in harbour_raid():
            store.write(result)
    with served(db, folder / "serve.log") as url:
        yield url


@pytest.fixture(params=[1280, 390], ids=["1280px", "390px"])
def tab(request: pytest.FixtureRequest, server: str) -> Iterator[tuple[Any, list[str], int]]:
    from playwright.sync_api import sync_playwright

    width = request.param
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": 900})

        def route(r: Any) -> None:
            if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                problems.append("left localhost: " + r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        yield page, problems, width
        browser.close()


def _fits(page: Any, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_incident_list_and_page_read_at_both_widths(server: str, tab: tuple) -> None:
    page, problems, width = tab
    page.goto(server + "/incidents?by=day")
    assert page.locator("table.counts meter").count() == 3
    assert _fits(page, width)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"incidents-{width}.png"), full_page=True)
    page.locator("table.incidents a", has_text="4").first.click()
    page.wait_for_url("**/incidents/inc-wire-1%23e1")
    assert page.locator(".report-doc").count() == 3
    assert page.locator("table.disagreements th[scope=row]").all_inner_texts()[0].startswith("dead")
    assert "They came from the sea," in page.locator(".quotes-near").first.inner_text()
    assert _fits(page, width)
    page.screenshot(path=str(SHOTS / f"incident-{width}.png"), full_page=True)
    page.locator("a.to-text").first.click()
    page.wait_for_url("**/documents/wire-1#ev-e1")
    assert problems == []
