"""Pages, facets, counts over time and places on both backends (SQLite and PostgreSQL).

The same filter narrows every one of them; the web pages and downloads are built on these.
"""

from __future__ import annotations

import pytest
from store.store_support import border_dispute, db_url, new_db, store, stored  # noqa: F401

from chronicle.api import Store
from chronicle.errors import QueryError
from chronicle.query import aggregate, listing
from chronicle.query.filter import EventFilter


@pytest.fixture
def dispute(store: Store) -> Store:  # noqa: F811
    return stored(store, border_dispute())


def test_pages_cover_the_timeline_in_order_with_a_total(dispute: Store) -> None:
    with dispute.database.read() as conn:
        every = [r.event.id for r in listing.iter_events(conn, EventFilter(), size=2)]
        pages = [listing.event_page(conn, EventFilter(), limit=2, offset=n) for n in (0, 2, 4)]
        flagged = listing.count_events(conn, EventFilter(flagged=True))
    assert every == [e["id"] for e in dispute.timeline().to_json()]
    assert [r.event.id for p in pages for r in p.rows] == every
    assert [p.total for p in pages] == [5, 5, 5] and flagged == 6
    assert (pages[0].more, pages[2].more, pages[1].number, pages[0].pages) == (
        True, False, 2, 3)


def test_facets_counts_and_places_follow_the_filter(dispute: Store) -> None:
    where = EventFilter(actor="Haddad")
    with dispute.database.read() as conn:
        facets = aggregate.facets(conn, where)
        found = aggregate.search_facets(conn, "Northland", EventFilter())
        counts = aggregate.counts_over_time(conn, where)
        monthly = aggregate.counts_over_time(conn, where, unit="month")
        places = aggregate.places(conn, EventFilter(country="sl"))
        total = listing.search_total(conn, "Northland")
    assert {v.value: v.count for v in facets.type} == {"ACCUSE": 1, "REJECT": 1,
                                                       "CONSULT": 1, "AGREE": 1}
    assert facets.actor[0].value == "karim-haddad" and facets.actor[0].count == 4
    assert [v.value for v in facets.year] == ["1998"]
    assert counts.unit == "day" and counts.rows[0] == ["1998-02-01", "REJECT", 1]
    assert monthly.rows == [["1998-02-01", "ACCUSE", 1], ["1998-02-01", "REJECT", 1],
                            ["1998-03-01", "CONSULT", 1]]
    assert [(p.name, p.count) for p in places.places] == [("Eastport", 1)]
    assert places.unplaced == 0 and total == 3
    assert {v.value for v in found.type} == {"ACCUSE", "REJECT", "CONSULT", "PROTEST",
                                             "THREATEN"}


def test_an_unknown_actor_is_a_query_error(dispute: Store) -> None:
    with dispute.database.read() as conn, pytest.raises(QueryError, match="no actor"):
        listing.event_page(conn, EventFilter(actor="Nobody"))
