"""Reads within a time budget, cancellable from another thread; searches of bounded cost;
timex roles kept. Each test runs on SQLite and, with CHRONICLE_TEST_PG, on PostgreSQL."""

from __future__ import annotations

import io
import json
import threading

import pytest
import sqlalchemy as sa
from store_support import Doc, border_dispute, stored

from chronicle.api import Store
from chronicle.errors import QueryError, StoreBusy
from chronicle.query import web as query_web
from chronicle.store import budget as budgets
from chronicle.store.reader import iter_timexes

# Queries that run for minutes unless stopped: a counter to ten billion, a minute's sleep.
ENDLESS = {
    "sqlite": sa.text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                      "LIMIT 10000000000) SELECT max(x) FROM c"),
    "postgresql": sa.text("SELECT pg_sleep(60)"),
}


def _endless(store: Store) -> None:
    with store.database.read() as conn:
        conn.execute(ENDLESS[store.database.dialect]).all()


def test_a_read_over_its_budget_is_stopped(store: Store) -> None:
    with budgets.applied(budgets.Budget(0.3)), pytest.raises(StoreBusy) as caught:
        _endless(store)
    assert "more than the 0.3 s" in str(caught.value)
    with budgets.applied(budgets.Budget(5)):  # the connection is fine for the next read
        assert store.counts()["documents"] == 0


def test_a_read_is_cancelled_from_another_thread(store: Store) -> None:
    budget = budgets.Budget(None)  # no deadline: only the cancel can stop it
    timer = threading.Timer(0.3, budget.cancel, ("the client went away",))
    timer.start()
    try:
        with budgets.applied(budget), pytest.raises(StoreBusy) as caught:
            _endless(store)
    finally:
        timer.cancel()
    assert "stopped: the client went away" in str(caught.value)
    stored(store, border_dispute())  # later reads and writes are not touched
    assert store.counts()["events"] == 6


def test_a_spent_budget_stops_before_the_query(store: Store) -> None:
    budget = budgets.Budget(None)
    budget.cancel("the server is stopping")
    with budgets.applied(budget), pytest.raises(StoreBusy, match="server is stopping"):
        store.counts()
    assert store.counts()["events"] == 0  # without the budget: reads as always


def test_searches_with_too_many_words_are_refused_in_one_line(store: Store) -> None:
    stored(store, border_dispute())
    prefixes = " OR ".join(f"{letter}*" for letter in "abcdefghi")
    with pytest.raises(QueryError, match="9 prefix words"):
        store.search(prefixes)
    with pytest.raises(QueryError, match="65 words"):
        store.search(" OR ".join(["shelling"] * 65))
    eight = store.search(" OR ".join(f"{letter}*" for letter in "abcdefgh"))
    assert eight or store.database.dialect == "postgresql"  # web-search syntax: no prefixes
    assert store.search(" OR ".join(["shelling"] * 64))[0].doc == "dispatch-1"


def test_search_marks_only_the_best_hits_and_keeps_their_offsets(store: Store) -> None:
    for n in range(30):
        doc = Doc(f"note-{n}", f"Harbour note {n}: the harbour board met "
                  + "about the harbour " * (n % 5))
        store.write(doc.result())
    hits = store.search("harbour", limit=5)
    assert len(hits) == 5 and [h.score for h in hits] == sorted((h.score for h in hits),
                                                                 reverse=True)
    for hit in hits:
        text = store.document(hit.doc).text
        assert text[hit.start:hit.end].lower() == "harbour"


def test_timex_roles_survive_the_store(store: Store) -> None:
    doc = Doc("roles-1", "On Monday the council met. In 1990 it had met too. The vote, held "
              "in March, passed. The port opened in 1901.", date="1998-02-10")
    roles = {"Monday": "narrative", "1990": "flashback", "March": "aside",
             "1901": "background"}
    for words, value in (("Monday", "1998-02-09"), ("1990", "1990"), ("March", "1998-03"),
                         ("1901", "1901")):
        timex = doc.timex(words, value)
        doc.timexes[-1] = type(timex)(**{**{f: getattr(timex, f)
                                             for f in timex.__dataclass_fields__},
                                          "role": roles[words]})
    store.write(doc.result())
    with store.database.read() as conn:
        stored_roles = {t.text: t.role for t in iter_timexes(conn)}
        view = query_web.document_view(conn, "roles-1")
    assert stored_roles == roles
    assert view is not None and {t.text: t.role for t in view.timexes} == roles
    out = io.StringIO()
    store.export("jsonl", out)
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["text"]: r["role"] for r in exported if r["type"] == "timex"} == roles
