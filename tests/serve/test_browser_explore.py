"""The map, the counts over time, facets, downloads and keyboard use, in Chromium.

The store is bench/web_store.py's (invented reports over real places, with provinces,
deaths and outlets), written through `Store.write`, so no model is needed; `chronicle
serve` runs it on a free port. Shares the browser, page and watch fixtures of
test_browser.py: no request may leave localhost, no dialog open, no console error.
Screenshots go to screenshots/ at 1280 and 390 px (docs/map.png and docs/timeline.png
are two of them).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import served
from test_browser import (  # noqa: F401  (fixtures, registered by their import)
    BROWSER,
    ROOT,
    browser,
    page,
    shot,
    timed,
)

from chronicle.api import open as open_store

pytestmark = [pytest.mark.browser]
DOCUMENTS = 400


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(BROWSER).exists():
        pytest.skip(f"no Chromium at {BROWSER}: apt-get install -y chromium "
                    "(or set CHRONICLE_BROWSER)")
    sys.path.insert(0, str(ROOT / "bench"))
    import web_store

    folder = tmp_path_factory.mktemp("explore-browser")
    db = folder / "web.db"
    with open_store(db) as opened:
        web_store.build(opened, DOCUMENTS)
    with served(db, folder / "serve.log") as url:
        yield url


def test_counts_over_time_switch_and_narrow_in_place(server: str, page: tuple) -> None:  # noqa: F811
    tab, watch, width = page
    tab.goto(server + "/timeline")
    tab.wait_for_selector(".counts[data-ready='1']")
    timed(tab, watch, "timeline (web store)")
    assert tab.locator(".counts svg a.bar").count() > 12
    assert tab.locator(".counts button[aria-checked='true']").inner_text() == "month"
    shot(tab, "counts", width)
    tab.locator(".counts button[data-unit='year']").click()
    assert tab.locator(".counts svg a.bar").count() == 5  # 2012 to 2016
    tab.evaluate("window.stayed = 'yes'")  # gone if the page reloads
    tab.locator(".facet a", has_text="ASSAULT").first.click()
    tab.wait_for_url(re.compile(r"/timeline\?type=ASSAULT$"))
    tab.wait_for_selector(".counts[data-ready='1']")
    assert tab.evaluate("window.stayed") == "yes"  # updated in place
    types = set(tab.locator("ol.events .type").all_inner_texts())
    assert types == {"ASSAULT"}
    assert tab.locator("#filters select[name='type']").input_value() == "ASSAULT"
    bar = tab.locator(".counts svg a.bar[tabindex='0']")
    bar.focus()
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"type=ASSAULT&from=2012-\d\d&to=2012-\d\d"))
    assert tab.evaluate("window.stayed") == "yes"
    tab.go_back()
    tab.wait_for_url(re.compile(r"/timeline\?type=ASSAULT$"))
    watch.clean()


def test_map_draws_offline_and_opens_a_place(server: str, page: tuple) -> None:  # noqa: F811
    tab, watch, width = page
    tab.goto(server + "/map")
    tab.wait_for_selector(".map-wrap[data-ready='1']")
    timed(tab, watch, "map (web store)")
    # a locator waits without evaluating a string in the page (the page's CSP forbids eval)
    tab.locator("svg.map path.province").nth(10).wait_for(state="attached")
    assert tab.locator("svg.map path.country").count() > 200
    places = tab.locator("svg.map g.place")
    assert places.count() == 20
    shot(tab, "map", width)
    before = tab.locator("svg.map").get_attribute("viewBox")
    tab.locator(".map-tools [data-zoom='1.5']").click()
    assert tab.locator("svg.map").get_attribute("viewBox") != before
    tab.locator(".map-tools [data-zoom='0']").click()
    places.first.focus()
    tab.keyboard.press("Enter")
    detail = tab.locator(".map-detail")
    detail.locator("li").first.wait_for()
    assert "Aleppo" in detail.inner_text()
    href = detail.locator("a", has_text="on the timeline").get_attribute("href")
    assert href == "/timeline?place=Aleppo"
    shot(tab, "map-place", width)
    tab.locator(".map-tools [data-size='dead']").click()
    assert tab.locator(".map-tools [data-size='dead']").get_attribute("aria-checked") == "true"
    watch.clean()


def test_downloads_keep_the_filters(server: str, page: tuple) -> None:  # noqa: F811
    tab, watch, width = page
    if width < 400:
        pytest.skip("the download is the same file at every width")
    tab.goto(server + "/timeline?country=IRQ&type=COERCE")
    with tab.expect_download() as caught:
        tab.locator(".downloads a", has_text="CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text())))
    assert rows and {(r["country_code"], r["event_type"]) for r in rows} == {("IRQ", "COERCE")}
    shown = tab.locator("#events-title ~ .list-head .pager .muted").first.inner_text()
    assert shown.endswith(f"of {len([r for r in rows if r['negated'] == r['hypothetical']])}")
    watch.clean()


def test_keyboard_skip_link_and_whole_word_labels(server: str, page: tuple) -> None:  # noqa: F811
    tab, watch, width = page
    tab.goto(server + "/documents")  # the overview puts the focus in its search box
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.className")
    assert focused == "skip"
    assert tab.locator(".skip").bounding_box()["y"] >= 0  # shown when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    for path in ("/", "/timeline", "/actors", "/documents/web-3"):
        tab.goto(server + path)
        broken = tab.evaluate("""() => [...document.querySelectorAll(
            '.chip, .type, .badge, .flag, .top nav a, button, th, .facet .num')]
            .filter(el => el.offsetParent && el.getClientRects().length > 1)
            .map(el => el.textContent.trim())""")
        assert broken == [], (path, broken)
    tab.goto(server + "/documents/web-3")
    why = tab.locator("details.why").first
    why.locator("summary").focus()
    tab.keyboard.press("Enter")
    assert why.get_attribute("open") is not None
    assert "trigger" in why.inner_text()
    shot(tab, "document-why", width)
    watch.clean()


def test_actor_page_has_its_counts_and_map(server: str, page: tuple) -> None:  # noqa: F811
    tab, watch, width = page
    tab.goto(server + "/actors/iraq")
    tab.wait_for_selector(".counts[data-ready='1']")
    tab.wait_for_selector(".map-wrap[data-ready='1']")
    timed(tab, watch, "actor (web store)")
    assert tab.locator(".counts svg a.bar").count() > 0
    assert tab.locator("svg.map g.place").count() > 0
    assert re.search(r"of [\d,]+", tab.locator("#events .pager .muted").first.inner_text())
    shot(tab, "actor-views", width)
    watch.clean()

