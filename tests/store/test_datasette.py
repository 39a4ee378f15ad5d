"""The store in Datasette, as the README promises: run by Datasette itself, in process.

Datasette must find each full-text index (a search box; `_search` keeps only the matching
rows) and every foreign key must lead to a row page that opens.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from store_support import border_dispute, stored

from chronicle.api import open as open_store

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("datasette") / "news.db"
    with open_store(path) as opened:
        stored(opened, border_dispute())
    return datasette_app.Datasette([str(path)])


def _get(ds: Any, url: str) -> Any:
    return asyncio.run(ds.client.get(url))


@pytest.mark.parametrize("table", ["documents", "events", "quotes"])
def test_datasette_shows_a_search_box_for_each_full_text_index(ds: Any, table: str) -> None:
    page = _get(ds, f"/news/{table}")
    assert page.status_code == 200 and 'name="_search"' in page.text
    plain = _get(ds, "/news/actors")
    assert 'name="_search"' not in plain.text


def test_search_keeps_only_the_matching_rows(ds: Any) -> None:
    every = _get(ds, "/news/documents.json?_shape=array&_col=id").json()
    found = _get(ds, "/news/documents.json?_search=Geneva&_shape=array&_col=id").json()
    events = _get(ds, "/news/events.json?_search=rejected&_shape=array&_col=id").json()
    assert len(every) == 3
    assert [r["id"] for r in found] == ["dispatch-2"]
    assert [r["id"] for r in events] == ["dispatch-1:e2"]


@pytest.mark.parametrize("table", ["events", "event_actors", "mentions", "quotes", "timexes"])
def test_every_foreign_key_link_opens_a_row(ds: Any, table: str) -> None:
    page = _get(ds, f"/news/{table}").text
    links = set(re.findall(r'href="(/news/(?:documents|events|actors)/[^"?#]+)"', page))
    assert links, f"no foreign-key link on the {table} page"
    for link in sorted(links):
        response = _get(ds, link)
        assert response.status_code == 200, link


def test_a_document_row_lists_the_rows_that_point_at_it(ds: Any) -> None:
    seq = _get(ds, "/news/documents.json?id=dispatch-1&_shape=array").json()[0]["seq"]
    page = _get(ds, f"/news/documents/{seq}").text
    assert re.search(r'href="/news/events\?doc_seq=' + str(seq) + '"', page)
