"""A server that stays up: bad numbers and NUL bytes are 400s, a full house is a 503 at
once, every request's queries have a budget, and answers kept in the cache follow the
store. In process (FastAPI's TestClient), on SQLite and on PostgreSQL when configured;
tests/serve/test_server_stop.py drives the real server."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from store.store_support import Doc, border_dispute, db_url, new_db, store, stored  # noqa: E402, F401

from chronicle.api import Store  # noqa: E402
from chronicle.api import open as open_store  # noqa: E402
from chronicle.serve import cache, create_app  # noqa: E402
from chronicle.serve.limits import Limits  # noqa: E402

HUGE = ["/api/actors?offset=9223372036854775808", "/api/documents?offset=9223372036854775808",
        "/documents?page=9223372036854775807", "/actors?page=9223372036854775807",
        "/api/network?min_weight=9223372036854775808", "/network?min_weight=99999999999999999",
        "/api/events?limit=18446744073709551616", "/api/actors?limit=-9223372036854775809"]
NUL = ["/api/search?q=border%00talks", "/search?q=%00", "/api/events?actor=Haddad%00",
       "/api/actors/karim%00haddad", "/api/documents/dispatch-1%00", "/documents/x%00y",
       "/api/actors?q=%00", "/timeline?type=ACCUSE%00", "/actors/%00", "/network?actor=%00"]


@pytest.fixture
def dispute(store: Store) -> Iterator[TestClient]:  # noqa: F811
    stored(store, border_dispute())
    with TestClient(create_app(store)) as client:
        yield client


@pytest.mark.parametrize("path", HUGE)
def test_numbers_beyond_the_store_are_400s(dispute: TestClient, path: str) -> None:
    response = dispute.get(path)
    assert response.status_code == 400, (path, response.text)
    if path.startswith("/api/"):
        assert response.json()["ok"] is False and "bad parameter" in response.json()["error"]


@pytest.mark.parametrize("path", NUL)
def test_nul_bytes_in_any_parameter_are_400s(dispute: TestClient, path: str) -> None:
    response = dispute.get(path)
    assert response.status_code == 400, (path, response.text)
    assert "NUL" in response.text
    kind = response.headers["content-type"]
    assert kind.startswith("application/json" if path.startswith("/api/") else "text/html")


def test_nul_bytes_in_a_posted_document_are_400s(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    with TestClient(create_app(db, token="s3cret")) as client:
        for field in ("id", "text", "title", "source"):
            body = {"id": "n1", "text": "The council met on Monday.", field: "a\x00b"}
            response = client.post("/api/documents", json=body,
                                   headers={"Authorization": "Bearer s3cret"})
            assert response.status_code == 400 and "NUL" in response.json()["error"], field


def test_the_store_still_answers_after_refusals(dispute: TestClient) -> None:
    for path in HUGE + NUL:
        dispute.get(path)
    assert dispute.get("/api/overview").json()["counts"]["events"] == 6
    assert dispute.get("/documents?page=1").status_code == 200


def _hold_slot(client: TestClient, started_ago: float = 0.0) -> tuple:
    """Take the app's only slot from inside its event loop, as a running request does."""
    traffic = client.app.state.traffic

    async def enter() -> None:
        assert await traffic.enter()

    client.portal.call(enter)
    budget = traffic.start()
    budget.started -= started_ago
    return traffic, budget


def _free_slot(client: TestClient, traffic, budget) -> None:
    async def leave() -> None:
        traffic.leave()

    traffic.finish(budget)
    client.portal.call(leave)


def test_a_full_house_is_a_503_with_retry_after(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as opened:
        stored(opened, border_dispute())
    limits = Limits(slots=1, wait_seconds=0.2, cache_mb=0)
    with TestClient(create_app(db, limits=limits)) as client:
        traffic, budget = _hold_slot(client)
        response = client.get("/api/overview")
        assert response.status_code == 503 and response.headers["retry-after"] == "2"
        assert "busy" in response.json()["error"]
        page = client.get("/timeline")
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        assert client.get("/static/chronicle.css").status_code == 200  # no store needed
        _free_slot(client, traffic, budget)
        assert client.get("/api/overview").status_code == 200


def test_slots_held_by_stuck_requests_refuse_at_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as opened:
        stored(opened, border_dispute())
    limits = Limits(slots=1, wait_seconds=120, stuck_seconds=1, cache_mb=0)
    with TestClient(create_app(db, limits=limits)) as client:
        traffic, budget = _hold_slot(client, started_ago=5)
        answers: list[int] = []
        asking = threading.Thread(target=lambda: answers.append(
            client.get("/api/events").status_code))
        asking.start()
        asking.join(timeout=60)  # were it queued, it would wait the full 120 s
        assert not asking.is_alive() and answers == [503]
        _free_slot(client, traffic, budget)


def test_a_request_over_its_budget_is_a_503(store: Store) -> None:  # noqa: F811
    stored(store, border_dispute())
    app = create_app(store, limits=Limits(query_seconds=1e-6, cache_mb=0))
    with TestClient(app) as client:
        response = client.get("/api/events")
        assert response.status_code == 503 and "needed more than" in response.json()["error"]
        assert response.headers["retry-after"] == "2"
        assert client.get("/search?q=shelling").status_code == 503
    with TestClient(create_app(store)) as client:  # the store itself is fine
        assert len(client.get("/api/events").json()) == 5


def test_a_stopping_server_refuses_new_requests(dispute: TestClient) -> None:
    dispute.app.state.traffic.close("the server is stopping")
    response = dispute.get("/api/events")
    assert response.status_code == 503 and "stopping" in response.json()["error"]


def test_kept_answers_follow_the_store(store: Store, monkeypatch: pytest.MonkeyPatch  # noqa: F811
                                       ) -> None:
    stored(store, border_dispute())
    with TestClient(create_app(store)) as client:
        first = client.get("/documents")
        assert client.get("/documents").text == first.text  # from the cache
        assert "Filed later" not in first.text
        monkeypatch.setattr(cache, "GENERATION_SECONDS", 0.0)
        store.write(Doc("late-1", "A report filed later about the harbour.",
                        title="Filed later", date="1999-01-01").result())
        again = client.get("/documents")
        assert "Filed later" in again.text
        assert again.headers["content-security-policy"] == first.headers[
            "content-security-policy"]
        assert client.get("/api/overview").json()["counts"]["documents"] == 4
