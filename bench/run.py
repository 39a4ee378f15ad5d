"""Chronicle's speed and memory in one run, as ratios measured side by side.

    python bench/run.py            # 2,000 articles, 1M-event store (about 20 minutes)
    python bench/run.py --quick    # 200 articles, 100k-event store (a few minutes)
    python bench/run.py --json     # the same; the last line is one JSON object

Measures, on a corpus generated from samples/corpus (bench/corpus.py):
- words/s of bare spaCy `nlp.pipe` and of `chronicle extract` (bench/extract_bench.py),
  and the time of each extractor;
- documents/s of `ingest` serially and with 2 Dask workers, each run in a fresh process
  (as the CLI runs), alternating, best of `--repeat`; where the time goes (start-up until
  the first document is stored, the writer, worker CPU); peak memory (RSS) of the ingest
  process and of each worker process;
- the store's timeline and search p95 at 1M events (bench/store_bench.py).
The machine may be shared: the load average is printed next to every measurement, and
nothing is asserted. Speeds are ratios of runs in this same process tree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

FULL = {"articles": 2000, "extract_articles": 400, "events": 1_000_000, "repeat": 2}
QUICK = {"articles": 200, "extract_articles": 80, "events": 100_000, "repeat": 2}
MB = 1024 * 1024


def load() -> float:
    """The 1-minute load average: above the core count, other work shares the machine."""
    return round(os.getloadavg()[0], 2)


class Sampler:
    """Samples the RSS and CPU time of a process tree in a thread until stopped.

    Peak RSS is kept per process; workers are the descendants of the root (the ingest
    process), apart from multiprocessing's resource tracker.
    """

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for proc in procs:
                try:
                    with proc.oneshot():
                        line = " ".join(proc.cmdline())
                        if proc.pid != self.pid and "spawn_main" not in line:
                            continue  # the resource tracker, a short helper a worker ran
                        rss, times = proc.memory_info().rss, proc.cpu_times()
                except psutil.Error:  # it ended between the listing and the reading
                    continue
                self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), rss)
                self.cpu[proc.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def summary(self) -> dict[str, Any]:
        workers = [pid for pid in self.peak if pid != self.pid]
        return {"main_peak_mb": round(self.peak.get(self.pid, 0) / MB, 1),
                "worker_peak_mb": round(max((self.peak[p] for p in workers), default=0) / MB, 1),
                "workers_seen": len(workers),
                "worker_cpu_s": round(sum(self.cpu[p] for p in workers), 2)}


def ingest_child(corpus_path: str, db: str, workers: int) -> dict[str, Any]:
    """Runs in a fresh process: one `ingest`, timed, with the writer's share measured."""
    import chronicle
    from chronicle.store import writer as store_writer

    spent = {"wall": 0.0, "cpu": 0.0}
    stored_at: list[float] = []
    real_write = store_writer.Writer.write

    def timed_write(self: Any, result: Any) -> bool:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return real_write(self, result)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.thread_time() - cpu
            stored_at.append(time.perf_counter())

    store_writer.Writer.write = timed_write  # type: ignore[method-assign]
    cpu0, started = os.times(), time.perf_counter()
    with chronicle.open(db) as store:
        summary = store.ingest([corpus_path], workers=workers)
    wall, cpu1 = time.perf_counter() - started, os.times()
    steady = (len(stored_at) - 1) / (stored_at[-1] - stored_at[0]) if len(stored_at) > 1 else 0
    return {"workers": workers, "stored": summary.stored, "failed": summary.failed,
            "wall_s": round(wall, 2), "docs_per_s": round(summary.stored / wall, 2),
            "steady_docs_per_s": round(steady, 2),
            "first_stored_s": round(stored_at[0] - started, 2) if stored_at else None,
            "writer_wall_s": round(spent["wall"], 2), "writer_cpu_s": round(spent["cpu"], 2),
            "main_cpu_s": round(cpu1.user - cpu0.user + cpu1.system - cpu0.system, 2)}


def measure_ingest(corpus_path: Path, workers: int, folder: Path) -> dict[str, Any]:
    """One ingest in a child process (as users run it), sampled for memory and CPU."""
    db = folder / f"ingest-{workers}-{time.monotonic_ns()}.db"
    before = load()
    child = subprocess.Popen([sys.executable, __file__, "--ingest-child", str(corpus_path),
                              str(db), str(workers)], stdout=subprocess.PIPE, text=True)
    with Sampler(child.pid) as sampler:
        out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"bench: the {workers}-worker ingest failed ({child.returncode})")
    db.unlink(missing_ok=True)
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, **sampler.summary(), "load_before": before, "load_after": load()}


def measure_ingests(corpus_path: Path, repeat: int, folder: Path) -> dict[str, Any]:
    """Serial and 2-worker ingests, alternating; the best run of each counts."""
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for _ in range(repeat):
        for workers in (1, 2):
            runs[workers].append(measure_ingest(corpus_path, workers, folder))
            print(f"  ingest, {workers} worker(s): {runs[workers][-1]['docs_per_s']} docs/s "
                  f"(load {runs[workers][-1]['load_before']})", file=sys.stderr)
    best = {w: max(r, key=lambda x: x["docs_per_s"]) for w, r in runs.items()}
    return {"serial": best[1], "workers2": best[2], "runs": runs,
            "workers2_vs_1": round(best[2]["docs_per_s"] / best[1]["docs_per_s"], 3),
            "workers2_vs_1_steady": round(best[2]["steady_docs_per_s"]
                                          / best[1]["steady_docs_per_s"], 3)}


def measure_extract(texts: list[str], rounds: int) -> dict[str, Any]:
    import extract_bench

    before = load()
    result = extract_bench.run(texts, rounds=rounds)
    return {**result, "load_before": before, "load_after": load()}


def measure_store(events: int, folder: Path) -> dict[str, Any]:
    import store_bench

    before = load()
    result = store_bench.run(str(folder / "store.db"), events)
    return {**result, "load_before": before, "load_after": load()}


def run(articles: int, extract_articles: int, events: int, repeat: int, folder: Path,
        rounds: int = 2) -> dict[str, Any]:
    """Every measurement; the dict that --json prints."""
    started = time.perf_counter()
    corpus_path = folder / "corpus.jsonl"
    docs = corpus.build(articles, corpus_path)
    words = sum(len(d.text.split()) for d in docs)
    print(f"bench: {len(docs)} articles, {words} words (load {load()})", file=sys.stderr)
    extract = measure_extract([d.text for d in docs[:extract_articles]], rounds)
    del docs
    ingest = measure_ingests(corpus_path, repeat, folder)
    store = measure_store(events, folder)
    return {
        "extract_vs_spacy": extract["ratio"], "workers2_vs_1": ingest["workers2_vs_1"],
        "workers2_vs_1_steady": ingest["workers2_vs_1_steady"],
        "timeline_p95_ms": store["timeline_p95_ms"], "search_p95_ms": store["search_p95_ms"],
        "store_events": store["events"], "articles": articles, "words": words,
        "cpus": os.cpu_count(), "seconds": round(time.perf_counter() - started, 1),
        "bench_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "extract": extract, "ingest": ingest, "store": store,
    }


def table(r: dict[str, Any]) -> str:
    """The human summary."""
    e, i, s = r["extract"], r["ingest"], r["store"]
    one, two = i["serial"], i["workers2"]
    stages = ", ".join(f"{k} {v} s" for k, v in e["stage_s"].items())
    lines = [
        f"corpus          {r['articles']} articles, {r['words']} words; {r['cpus']} CPUs",
        f"extract         bare spaCy {e['bare_words_per_s']:,.0f} words/s, chronicle "
        f"{e['chronicle_words_per_s']:,.0f} words/s: ratio {r['extract_vs_spacy']}"
        f"  ({e['texts']} articles, load {e['load_before']}->{e['load_after']})",
        f"  extractors    {stages}; spaCy and the rest {e['spacy_and_rest_s']} s; "
        f"peak RSS of this process {r['bench_peak_mb']} MB",
        f"ingest serial   {one['docs_per_s']} docs/s (steady {one['steady_docs_per_s']}), "
        f"first stored at {one['first_stored_s']} s, writer {one['writer_wall_s']} s, "
        f"peak RSS {one['main_peak_mb']} MB  (load {one['load_before']})",
        f"ingest 2 workers {two['docs_per_s']} docs/s (steady {two['steady_docs_per_s']}), "
        f"first stored at {two['first_stored_s']} s, writer {two['writer_wall_s']} s, "
        f"worker CPU {two['worker_cpu_s']} s, peak RSS main {two['main_peak_mb']} MB, "
        f"per worker {two['worker_peak_mb']} MB  (load {two['load_before']})",
        f"  ratio         {r['workers2_vs_1']} (whole run), {r['workers2_vs_1_steady']} "
        "(steady state, start-up excluded)",
        f"store           {s['events']:,} events ({s['backend']}): timeline p95 "
        f"{r['timeline_p95_ms']} ms (goal 50), search p95 {r['search_p95_ms']} ms (goal 100)",
        f"                took {r['seconds']} s in all",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="200 articles, a 100k-event store (instead of 2,000 and 1M)")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--extract-articles", type=int)
    parser.add_argument("--events", type=int)
    parser.add_argument("--repeat", type=int, help="ingest runs of each kind (best counts)")
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    parser.add_argument("--ingest-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ingest_child:
        path, db, workers = args.ingest_child
        print(json.dumps(ingest_child(path, db, int(workers))))
        return 0
    sizes = dict(QUICK if args.quick else FULL)
    for key in sizes:
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    with tempfile.TemporaryDirectory(prefix="chronicle-bench-") as folder:
        result = run(folder=Path(folder), **sizes)
    result["quick"] = args.quick
    print(table(result))
    if sizes["events"] < 1_000_000:
        print(f"note: the store was measured at {sizes['events']:,} events, not 1M "
              "(run without --quick for the 1M figure)")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
