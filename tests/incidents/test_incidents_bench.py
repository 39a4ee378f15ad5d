"""Smoke test of the incident benchmark at a tiny size; no timing is asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "incidents_bench.py"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_incidents", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_corpus_has_the_events_asked_for_and_their_truth() -> None:
    bench = _bench()
    results, truth = bench.corpus(400, seed=3)
    events = [e for r in results for e in r.events]
    assert len(events) >= 400 and set(truth) == {e.id for e in events}
    again, _ = bench.corpus(400, seed=3)
    assert [r.document.text for r in again] == [r.document.text for r in results]
    assert len({r.document.outlet for r in results}) > 5


def test_a_tiny_run_reports_every_figure(tmp_path) -> None:
    bench = _bench()
    result = bench.run(600, 120, tmp_path)
    sizes = result["memory"]["sizes"]
    assert [row["events"] for row in sizes] == sorted(row["events"] for row in sizes)
    assert "time_ratio" in sizes[-1] and 0 < result["memory"]["accuracy"]["precision"] <= 1
    assert len(result["store"]["quarters_s"]) == 4
    assert "in memory" in bench.table(result)
