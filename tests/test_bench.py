"""Smoke tests of the benchmark's helpers at tiny sizes; no timing is asserted."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from chronicle.pipeline import documents
from chronicle.records import Document

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load(name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
bench_run = _load("run")

REPORT = Document(
    id="wire/raid.txt", source="wire/raid.txt", title="Raid near Mafraq in 1998",
    date="1998-02-10",
    text="Interior Minister Adnan Shurafa said on Monday that raiders hit a post near Mafraq "
         "in 1998. Shurafa blamed Syria. Khaled Nimer denied it.")
SWAPS = corpus.Swaps(given=frozenset({"Adnan", "Khaled"}),
                     family=frozenset({"Shurafa", "Nimer"}), places=frozenset({"Mafraq"}))


def test_a_variant_swaps_people_places_and_years_consistently() -> None:
    new = corpus.variant(REPORT, 7, SWAPS, random.Random(3))
    assert new.id == "raid.txt~7"
    for old in ("Adnan", "Shurafa", "Khaled", "Nimer", "Mafraq"):
        assert old not in new.text
    assert "Syria" in new.text and "Interior Minister" in new.text  # countries, titles stay
    first, surname = new.text.split("Minister ")[1].split()[:2]
    assert f"{surname} blamed Syria" in new.text  # the surname alone follows the full name
    year = int(new.date[:4])
    assert year <= 1998 and new.date[4:] == "-02-10" and str(year) in new.text
    assert new.title is not None and str(year) in new.title


def test_generate_makes_distinct_articles_or_says_it_cannot() -> None:
    docs = list(corpus.generate(30, [REPORT], SWAPS, seed=5))
    assert len(docs) == 30 and len({d.text for d in docs}) == 30
    bare = Document(id="x", source="x", text="Nothing here changes at all.")
    with pytest.raises(ValueError, match="distinct variants"):
        list(corpus.generate(2, [bare], SWAPS))


def test_the_written_corpus_reads_back_through_chronicle(tmp_path: Path) -> None:
    docs = list(corpus.generate(5, [REPORT], SWAPS))
    path = tmp_path / "bench.jsonl"
    assert corpus.write_jsonl(docs, path) == 5
    back = list(documents([str(path)]))
    assert [(d.id, d.text, d.date) for d in back] == [(d.id, d.text, d.date) for d in docs]


def test_the_sampler_sees_a_child_process_peak_memory() -> None:
    child = subprocess.Popen([sys.executable, "-c",
                              "import time; block = bytearray(80 * 2**20); time.sleep(1.5)"])
    with bench_run.Sampler(child.pid, interval=0.05) as sampler:
        child.wait()
    summary = sampler.summary()
    assert summary["main_peak_mb"] >= 80
    assert summary["workers_seen"] == 0


@pytest.mark.model
@pytest.mark.dask
@pytest.mark.slow
def test_the_whole_bench_runs_at_tiny_sizes_and_ends_with_json(capsys) -> None:
    code = bench_run.main(["--articles", "6", "--extract-articles", "2", "--events", "2000",
                           "--repeat", "1", "--json"])
    assert code == 0
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    for key in ("extract_vs_spacy", "workers2_vs_1", "timeline_p95_ms", "search_p95_ms"):
        assert result[key] > 0
    assert result["ingest"]["serial"]["stored"] == 6
    assert result["ingest"]["workers2"]["stored"] == 6
    assert result["ingest"]["workers2"]["workers_seen"] == 2
    assert any("not 1M" in line for line in lines)  # a smaller store says so


serve_bench = _load("serve_bench")


@pytest.mark.slow
def test_the_serve_benchmark_runs_on_a_tiny_store(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH.parent / "tests"))
    from store.store_support import border_dispute

    from chronicle.api import open as open_store

    db = tmp_path / "tiny.db"
    with open_store(db) as opened:
        for result in border_dispute():
            opened.write(result)
    result = serve_bench.run(db, requests=24, clients=3, cache_mb=0)
    crowd = result["concurrent"]
    assert result["documents"] == 3 and crowd["requests"] == 24 and crowd["errors"] == 0
    assert {"search", "timeline", "document"} <= set(crowd)
    assert "p95" in serve_bench.table(result)


robust_bench = _load("robust_bench")


@pytest.mark.model
@pytest.mark.slow
def test_the_robustness_bench_reports_a_child_commands_peak_memory(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    corpus.write_jsonl([REPORT], path)
    report = robust_bench.run_child(["extract", str(path), "--output", str(tmp_path / "o")],
                                    tmp_path)
    assert report["exit"] == 0 and report["peak_mb"] > 50  # the model alone is larger
    assert (tmp_path / "o").read_text(encoding="utf-8").count('"type": "document"') == 1
