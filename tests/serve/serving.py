"""`chronicle serve` as users start it, for the browser tests: a free port, the command, a
wait until it answers, and a stop that never leaves it running."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(db: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "chronicle", "serve", "--db", str(db), "--port", str(port)]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("chronicle serve exited: " + log.read_text())
        try:
            with urllib.request.urlopen(url + "/api/overview", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("chronicle serve did not answer in 60 s: " + log.read_text())


def clean_env() -> dict[str, str]:
    """The environment without a token or a store of the user's own."""
    return {k: v for k, v in os.environ.items() if k not in ("CHRONICLE_TOKEN", "CHRONICLE_DB")}


@contextmanager
def served(db: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The URL of `chronicle serve` on `db` (its output in `log`), stopped on exit."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(serve_command(db, port), stdout=out,
                                   stderr=subprocess.STDOUT, env=env or clean_env())
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
