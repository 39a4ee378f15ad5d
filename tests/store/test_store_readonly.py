"""Query commands never write: not to a store, not to a file that is no store, not on
read-only media; damaged stores give one line on the command line and 503 on the web."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from fastapi.testclient import TestClient
from store_support import Doc, border_dispute, stored

from chronicle.api import open as open_store
from chronicle.cli import cli
from chronicle.errors import StoreError
from chronicle.serve import create_app

READS = [["timeline"], ["timeline", "--format", "json"], ["search", "shelling"],
         ["actor", "Karim Haddad"], ["export", "--format", "jsonl"]]


def _make(path: Path, extra: int = 0) -> Path:
    with open_store(path) as opened:
        stored(opened, border_dispute())
        for n in range(extra):
            doc = Doc(f"filler-{n}", f"Filler report {n}: the harbour board of Eastport met "
                      f"the mayor about berth {n} and the {n} ships waiting outside. "
                      + "Cranes and quays were discussed at length. " * 20)
            mayor = doc.entity("the mayor")
            doc.event("CONSULT", f"Filler report {n}: the harbour board of Eastport met the "
                      f"mayor about berth {n} and the {n} ships waiting outside.", "met",
                      (mayor,), ())
            opened.write(doc.result())
    return path


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if not p.name.endswith(("-wal", "-shm"))}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception) \
        or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_query_commands_leave_the_store_byte_for_byte_alone(tmp_path: Path) -> None:
    db = _make(tmp_path / "s.db")
    before = _snapshot(tmp_path)
    for args in READS:
        code, out, err = _run(*args, "--db", str(db))
        assert code == 0, (args, err)
    with TestClient(create_app(db)) as client:
        assert client.get("/timeline").status_code == 200
        assert client.post("/api/documents", json={"text": "x"}).status_code == 405
    assert _snapshot(tmp_path) == before


def test_a_file_that_is_no_store_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('Lena Varga')")
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just words\n" * 100)
    before = _snapshot(tmp_path)
    for path in (other, text):
        for args in READS:
            code, out, err = _run(*args, "--db", str(path))
            assert code == 1 and err.startswith("chronicle: ") and err.count("\n") == 1, err
            assert "not a Chronicle store" in err, err
        with pytest.raises(StoreError):
            create_app(path)
    assert _snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite", "notes.db"]
    with sqlite3.connect(other) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["people"]


def test_no_store_is_created_by_a_query(tmp_path: Path) -> None:
    for args in READS:
        code, _, err = _run(*args, "--db", str(tmp_path / "none.db"))
        assert code == 1 and "no store at" in err
    assert list(tmp_path.iterdir()) == []


def test_an_old_store_is_read_only_after_an_upgrade(tmp_path: Path) -> None:
    from old_store import make_v2_store

    db = tmp_path / "old.db"
    make_v2_store(f"sqlite:///{db}")  # a store of the second schema version
    before = _snapshot(tmp_path)
    code, _, err = _run("timeline", "--db", str(db))
    assert code == 1 and "schema version 2" in err and "chronicle ingest" in err
    assert _snapshot(tmp_path) == before
    with open_store(db) as opened:  # a writing open upgrades it
        assert opened.counts()["events"] >= 1
    assert _run("timeline", "--db", str(db))[0] == 0


def test_a_read_only_store_refuses_writes(new_db: Callable[[], str]) -> None:
    url = new_db()
    with open_store(url) as opened:
        stored(opened, border_dispute()[:1])
    with open_store(url, readonly=True) as reader:
        assert reader.counts()["documents"] == 1
        with pytest.raises(StoreError):
            stored(reader, border_dispute()[1:2])
    empty = new_db()
    with pytest.raises(StoreError, match="not a Chronicle store|no store at"):
        open_store(empty, readonly=True)
    if empty.startswith("postgresql"):
        engine = sa.create_engine(empty.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:  # nothing was created in the empty schema
            assert sa.inspect(conn).get_table_names() == []
        engine.dispose()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder the store cannot be written in: a read-only mount where we may mount
    (root in a container), else the permissions (which bind everyone but root)."""
    folder = tmp_path / "media"
    folder.mkdir()
    _make(folder / "s.db")
    if os.geteuid() != 0:
        (folder / "s.db").chmod(0o444)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = tmp_path / "mnt"
    mounted.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "chronicle-test",
                       str(mounted)], capture_output=True).returncode != 0:
        pytest.skip("root without mount rights: read-only media cannot be made")
    try:
        shutil.copy(folder / "s.db", mounted / "s.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
        yield mounted
    finally:
        subprocess.run(["umount", "-l", str(mounted)], check=False)


def test_a_store_on_read_only_media_can_be_read(read_only_folder: Path) -> None:
    db = read_only_folder / "s.db"
    before = _snapshot(read_only_folder)
    for args in READS:
        code, out, err = _run(*args, "--db", str(db))
        assert code == 0, (args, err)
    assert "Karim Haddad" in _run("timeline", "--db", str(db))[1]
    with TestClient(create_app(db)) as client:
        assert client.get("/api/events").json()[0]["event_type"] == "PROTEST"
        assert client.get("/documents/dispatch-1").status_code == 200
    assert _snapshot(read_only_folder) == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["s.db"]


def _damage(db: Path, seed: int, pages: int) -> None:
    """Overwrite `pages` random pages (never the first: that is another test) with noise."""
    rng = random.Random(seed)
    size = 4096
    data = bytearray(db.read_bytes())
    count = len(data) // size
    for page in rng.sample(range(1, count), min(pages, count - 1)):
        data[page * size:(page + 1) * size] = rng.randbytes(size)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_store_gives_one_line_and_503_never_a_traceback(tmp_path: Path,
                                                                  seed: int) -> None:
    db = _make(tmp_path / "s.db", extra=40)
    _damage(db, seed, pages=3 + seed % 4)
    failures = 0
    for args in READS:
        code, out, err = _run(*args, "--db", str(db))
        if code != 0:
            failures += 1
            assert code == 1 and err.startswith("chronicle: ") and err.count("\n") == 1, err
    try:
        app = create_app(db)
    except StoreError as exc:
        assert "damaged" in str(exc) or "not a Chronicle store" in str(exc)
        return
    with TestClient(app) as client:
        for path in ("/api/events", "/timeline", "/search?q=harbour", "/api/overview",
                     "/documents", "/api/documents/filler-3", "/actors", "/network"):
            status = client.get(path).status_code
            assert status in (200, 404, 503), (path, status)
            failures += status == 503
    assert failures or seed % 4 == 0  # most damage shows somewhere


def test_damaged_event_pages_name_the_damage(tmp_path: Path) -> None:
    db = _make(tmp_path / "s.db", extra=40)
    with sqlite3.connect(db) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'"
                            ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as raw:
        raw.seek((root - 1) * size)
        raw.write(b"\xff" * size)
    code, _, err = _run("timeline", "--db", str(db))
    assert code == 1 and "is damaged" in err and err.count("\n") == 1
    with TestClient(create_app(db)) as client:
        response = client.get("/api/events")
        assert response.status_code == 503 and "is damaged" in response.json()["error"]
        assert client.get("/timeline").status_code == 503
