"""`chronicle serve` under load: 20 clients at once on a store of generated articles.

    python bench/serve_bench.py                         # 2,000 articles, ingested first
    python bench/serve_bench.py --db store.db           # an existing store
    python bench/serve_bench.py --db store.db --json    # the last line is one JSON object

Runs the real server (`python -m chronicle serve`, uvicorn) in a child process and sends
it, from `--clients` threads with one keep-alive connection each, a mix of the pages an
analyst opens: search (words and names drawn from the store), the timeline (whole, one
event type, one actor) and document pages. Reports p50, p95 and the maximum of each kind,
errors, and the same figures for one client alone, measured just before in the same run:
the ratio says what concurrency costs on this machine. It runs once with the server's
answer cache (the default) and once without (`chronicle serve --cache 0`): the second is
the cost of pages nobody asked for before. Nothing is asserted. The load average is
printed beside the figures (the machine may be shared).

A corpus is made with bench/corpus.py (the sample articles with people, places and years
varied) and stored by `chronicle ingest`; a store made before is reused.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOAL_P95_MS = 500.0


@dataclass
class Sample:
    kind: str
    ms: float
    status: int


@dataclass
class Plan:
    """What the clients ask for, drawn from the store so that every request finds rows."""

    words: list[str]
    actors: list[str]
    docs: list[str]
    types: list[str]
    requests: list[tuple[str, str]] = field(default_factory=list)


def build_store(articles: int, folder: Path) -> Path:
    """Generate `articles` articles and ingest them (reused when already there)."""
    db = folder / f"serve-{articles}.db"
    if db.exists():
        return db
    sys.path.insert(0, str(HERE))
    import corpus

    data = folder / f"serve-{articles}.jsonl"
    corpus.build(articles, data)
    subprocess.run([sys.executable, "-m", "chronicle", "ingest", str(data), "--db", str(db)],
                   check=True, env=_env())
    return db


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CHRONICLE_TOKEN", "CHRONICLE_DB")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def plan(db: Path, n: int, seed: int = 7) -> Plan:
    """`n` requests: 40% search, 30% timeline, 30% document pages."""
    engine = sa.create_engine(f"sqlite:///file:{db}?mode=ro&uri=true")
    with engine.connect() as conn:
        actors = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM actors ORDER BY id LIMIT 400")]
        docs = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents")]
        sentences = [r[0] for r in conn.exec_driver_sql(
            "SELECT sentence FROM events ORDER BY seq LIMIT 2000")]
        types = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT event_type FROM events")]
    engine.dispose()
    words = sorted({w.strip(".,\"'()").lower() for s in sentences for w in s.split()
                    if len(w.strip(".,\"'()")) > 4 and w.strip(".,\"'()").isalpha()})
    rng = random.Random(seed)
    p = Plan(words=words, actors=actors, docs=docs, types=types)
    for _ in range(n):
        roll = rng.random()
        if roll < 0.4:
            q = " ".join(rng.sample(words, rng.choice((1, 1, 2)))) if rng.random() < 0.7 \
                else rng.choice(actors)
            p.requests.append(("search", "/search?" + urllib.parse.urlencode({"q": q})))
        elif roll < 0.7:
            choice = rng.random()
            query = ({} if choice < 0.4 else {"type": rng.choice(types)} if choice < 0.7
                     else {"actor": rng.choice(actors)})
            p.requests.append(("timeline", "/timeline?" + urllib.parse.urlencode(query)))
        else:
            p.requests.append(("document", "/documents/"
                               + urllib.parse.quote(rng.choice(docs), safe="")))
    return p


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, cache_mb: int = 64) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db", str(db),
                                "--port", str(port), "--cache", str(cache_mb)], env=_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError as exc:
            if process.poll() is not None:
                raise RuntimeError("chronicle serve exited: "
                                   + process.stderr.read().decode()) from exc
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("chronicle serve did not start in 60 s")


def client(port: int, work: list[tuple[str, str]], out: list[Sample]) -> None:
    """One browser tab: one keep-alive connection, requests one after another."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    for kind, path in work:
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            status = 0
        out.append(Sample(kind, (time.perf_counter() - started) * 1000, status))
    conn.close()


def load(port: int, requests: list[tuple[str, str]], clients: int) -> dict[str, Any]:
    """Send `requests` from `clients` threads at once; figures per kind of page."""
    samples: list[Sample] = []
    threads = [threading.Thread(target=client, args=(port, requests[i::clients], samples))
               for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"clients": clients, "requests": len(samples),
                              "seconds": round(seconds, 1),
                              "per_second": round(len(samples) / seconds, 1),
                              "errors": sum(s.status != 200 for s in samples),
                              "load_average": round(os.getloadavg()[0], 2)}
    for kind in ("all", "search", "timeline", "document"):
        ms = sorted(s.ms for s in samples if kind in ("all", s.kind))
        if ms:
            result[kind] = {"p50_ms": round(statistics.median(ms), 1),
                            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
                            "max_ms": round(ms[-1], 1)}
    return result


def run(db: Path, requests: int, clients: int, cache_mb: int = 64) -> dict[str, Any]:
    """One client alone, then `clients` at once, on a fresh server; other requests (drawn
    with another seed) warm it up first, as earlier visitors would have."""
    work = plan(db, requests)
    before = plan(db, max(30, requests // 10), seed=8)
    with sa.create_engine(f"sqlite:///file:{db}?mode=ro&uri=true").connect() as conn:
        documents = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
    process, port = start_server(db, cache_mb)
    try:
        load(port, before.requests[:10], 1)  # templates compiled, connections open
        alone = load(port, before.requests, 1)
        crowd = load(port, work.requests, clients)
    finally:
        process.terminate()
        process.wait(timeout=30)
    ratio = (crowd["all"]["p95_ms"] / alone["all"]["p95_ms"]) if alone["all"]["p95_ms"] else 0
    return {"documents": documents, "cache_mb": cache_mb, "alone": alone,
            "concurrent": crowd, "p95_ratio": round(ratio, 2), "goal_p95_ms": GOAL_P95_MS}


def table(r: dict[str, Any]) -> str:
    lines = [f"store: {r['documents']} documents, answer cache {r['cache_mb']} MB; "
             f"goal p95 < {GOAL_P95_MS:.0f} ms"]
    for name in ("alone", "concurrent"):
        m = r[name]
        lines.append(f"{name}: {m['clients']} clients, {m['requests']} requests in "
                     f"{m['seconds']} s ({m['per_second']}/s), {m['errors']} errors, "
                     f"load {m['load_average']}")
        for kind in ("all", "search", "timeline", "document"):
            if kind in m:
                k = m[kind]
                lines.append(f"  {kind:9} p50 {k['p50_ms']:8.1f} ms  p95 {k['p95_ms']:8.1f} ms"
                             f"  max {k['max_ms']:8.1f} ms")
    lines.append(f"p95 with {r['concurrent']['clients']} clients / p95 alone: "
                 f"{r['p95_ratio']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing SQLite store")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--cache", type=int, nargs="+", default=[64, 0], metavar="MB",
                        help="answer cache sizes to measure, one server each (0: none)")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    args = parser.parse_args(argv)
    db = args.db or build_store(args.articles, Path(tempfile.gettempdir()))
    results = [run(db, args.requests, args.clients, mb) for mb in args.cache]
    print("\n\n".join(table(r) for r in results))
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
