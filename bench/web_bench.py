"""Page timings of `chronicle serve`, warm, over HTTP, on a store of any size.

    python bench/web_bench.py web.db                 # a store made by bench/web_store.py
    python bench/web_bench.py web.db --repeat 30 --json

Starts `chronicle serve` on a free port, loads every page twice to warm it, then times
`--repeat` loads of each: the whole request as the client sees it, and the server's own
time (its Server-Timing header). Prints p50 and p95 per page, and each page's p95 as a
ratio to a static file's (the same server, no store work). Asserts nothing: the machine
may be shared (its load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

PAGES = ["/static/chronicle.css", "/", "/timeline", "/timeline?type=ASSAULT",
         "/timeline?page=100", "/timeline?actor=Iraq&country=SYR", "/search?q=Aleppo",
         "/search?q=Aleppo&country=SYR", "/map", "/map?actor=Iraq", "/actors/iraq",
         "/documents", "/documents/web-3", "/actors", "/network", "/api/events?limit=100",
         "/api/facets", "/api/places", "/api/counts", "/download/events.csv"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[float, float | None]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        timing = response.headers.get("server-timing", "")
    total = (time.perf_counter() - started) * 1000
    server = float(timing.split("dur=")[1]) if "dur=" in timing else None
    return total, server


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)


def measure(base: str, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for path in PAGES:
        for _ in range(2):
            _get(base + path)
        totals, servers = [], []
        for _ in range(repeat):
            total, server = _get(base + path)
            totals.append(total)
            if server is not None:
                servers.append(server)
        rows.append({"page": path, "p50_ms": round(statistics.median(totals), 1),
                     "p95_ms": _p(totals, 0.95),
                     "server_p95_ms": _p(servers, 0.95) if servers else None})
    base_p95 = rows[0]["p95_ms"] or 1.0
    for row in rows:
        row["p95_ratio_to_static"] = round(row["p95_ms"] / base_p95, 1)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CHRONICLE_TOKEN", "CHRONICLE_DB")}
    process = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db",
                                str(args.db), "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                _get(base + "/static/chronicle.css")
                break
            except OSError:
                time.sleep(0.1)
        rows = measure(base, args.repeat)
    finally:
        process.terminate()
        process.wait(timeout=10)
    load = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"load": load, "pages": rows}))
        return 0
    print(f"{'page':<38}{'p50 ms':>9}{'p95 ms':>9}{'server p95':>12}{'x static':>10}"
          f"   (load {load:.1f})")
    for r in rows:
        print(f"{r['page']:<38}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['server_p95_ms'] or '':>12}"
              f"{r['p95_ratio_to_static']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
