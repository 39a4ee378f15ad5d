"""The real server (`python -m chronicle serve`, uvicorn) with queries that cannot finish.

A query that waits is made the way it happens in production: another session holds a lock
on the events table (a migration, VACUUM FULL, a long transaction by hand). PostgreSQL
shows who waits for it in `pg_locks`, so each test can see the server's query waiting,
then check that it stops for the reason under test while the lock is still held:
SIGTERM, the client hanging up, the request's time budget. A full house of waiting
requests must not stop other requests from being answered (503) at once.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders
from store.store_support import PG_SKIP, PG_URL, border_dispute, stored  # noqa: E402

from chronicle.api import open as open_store  # noqa: E402
from chronicle.store.database import store_url  # noqa: E402

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason=PG_SKIP),
              pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, db: str, *args: str):
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("CHRONICLE_TOKEN",
                                                                 "CHRONICLE_DB")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "chronicle", "serve", "--db", db, "--port",
             str(self.port), *args], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        try:
            while self.get("/api/overview", timeout=5)[0] != 200:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        except BaseException:
            self.stop()  # never leave a server behind
            raise

    def get(self, path: str, timeout: float = 120) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read().decode()
        except OSError:
            return 0, ""
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def pg_store() -> Iterator[str]:
    """The border dispute in a schema of its own on the test server, dropped after."""
    admin = sa.create_engine(store_url(PG_URL))
    name = "test_" + uuid.uuid4().hex[:12]
    with admin.begin() as conn:
        conn.execute(sa.schema.CreateSchema(name))
    url = sa.engine.make_url(store_url(PG_URL)).update_query_dict(
        {"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
    with open_store(url) as opened:
        stored(opened, border_dispute())
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(sa.schema.DropSchema(name, cascade=True))
        admin.dispose()


@contextmanager
def locked(url: str) -> Iterator[Callable[[], int]]:
    """The events table locked by another session; gives "how many wait for it"."""
    engine = sa.create_engine(store_url(url))
    holder = engine.connect()
    holder.begin()
    holder.execute(sa.text("LOCK TABLE events IN ACCESS EXCLUSIVE MODE"))
    watcher = engine.connect()

    def waiting() -> int:
        with watcher.begin():
            return watcher.execute(sa.text(
                "SELECT count(*) FROM pg_locks WHERE relation = 'events'::regclass "
                "AND NOT granted")).scalar_one()

    try:
        yield waiting
    finally:
        holder.rollback()
        holder.close()
        watcher.close()
        engine.dispose()


def _until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _ask(server: Server, path: str, out: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: out.append(server.get(path)), daemon=True)
    thread.start()
    return thread


@pytest.fixture
def server(pg_store: str) -> Iterator[Server]:
    """`chronicle serve` over the store, started before any lock is taken."""
    running = Server(pg_store, "--timeout", "600")
    try:
        yield running
    finally:
        running.stop()


def test_sigterm_stops_the_server_mid_query(server: Server, pg_store: str) -> None:
    with locked(pg_store) as waiting:
        _ask(server, "/api/events", [])
        assert _until(lambda: waiting() == 1), "the query never waited for the lock"
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=60)  # while the lock is still held
        assert server.process.returncode in (0, -signal.SIGTERM)  # uvicorn re-raises it
        assert waiting() == 0  # the server's query is gone too


def test_a_client_that_hangs_up_cancels_its_query(server: Server, pg_store: str) -> None:
    with locked(pg_store) as waiting:
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert _until(lambda: waiting() == 1), "the query never waited for the lock"
        sock.close()
        assert _until(lambda: waiting() == 0), "the query went on after the client left"
        assert server.get("/api/actors?q=Haddad")[0] == 200


def test_the_time_budget_ends_a_waiting_query(pg_store: str) -> None:
    hasty = Server(pg_store, "--timeout", "1")
    try:
        with locked(pg_store) as waiting:
            status, body = hasty.get("/api/events")  # answered while the lock is held
            assert status == 503 and "more than the 1 s" in body
            assert waiting() == 0
    finally:
        hasty.stop()


def test_a_full_house_answers_others_503_at_once(server: Server, pg_store: str) -> None:
    answers: list = []
    with locked(pg_store) as waiting:
        threads = [_ask(server, f"/api/events?limit={n + 1}", answers) for n in range(16)]
        assert _until(lambda: waiting() >= 6), "the queries never waited for the lock"
        time.sleep(1.5)  # the slots' holders are now stuck (over a second)
        status, body = server.get("/api/actors?q=Haddad")
        assert status == 503 and "busy" in body
        assert answers == []  # all sixteen still wait: the lock is held
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(status for status, _ in answers) == [200] * 16
