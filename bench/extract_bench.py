"""Throughput of `chronicle extract` against bare spaCy on the same texts, in one process.

Usage: python bench/extract_bench.py [FILE.jsonl|FILE.txt ...]
(default: the shared seed articles and PLOVER dev sentences)

Both sides use the same loaded model and the same texts; each is run `rounds` times,
alternating, and the best round counts (the machine may be shared). One-time costs (the
trigger lexicon, the gazetteer) are paid in a warm-up round and reported apart. The
extractor time is also split by stage, so a slow stage shows by name. Prints words/s of
each side and the ratio; asserts nothing.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEFAULT_INPUTS = (SHARED / "corpus" / "seed.jsonl", SHARED / "eval" / "plover-dev.gsr.jsonl")
STAGES = ("find_actors", "find_dating", "find_quotes", "find_events")


def _timed(table: dict[str, float], name: str, fn: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            table[name] = table.get(name, 0.0) + time.perf_counter() - start
    return wrapper


def _bare(nlp: Any, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def _chronicle(texts: list[str], stages: dict[str, float]) -> float:
    import importlib

    from chronicle.pipeline import extract

    extract_pkg = importlib.import_module("chronicle.extractors")
    from chronicle.records import Document

    docs = [Document(id=f"bench-{i}", text=t, source="bench") for i, t in enumerate(texts)]
    originals = {name: getattr(extract_pkg, name) for name in STAGES}
    try:
        for name, fn in originals.items():
            setattr(extract_pkg, name, _timed(stages, name, fn))
        start = time.perf_counter()
        for record in extract(docs):
            json.dumps(record.to_json(), ensure_ascii=False)
        return time.perf_counter() - start
    finally:
        for name, fn in originals.items():
            setattr(extract_pkg, name, fn)


def run(texts: list[str], rounds: int = 3) -> dict:
    """Words per second of bare `nlp.pipe` and of the whole extraction, and their ratio."""
    from chronicle.nlp import load_nlp

    nlp = load_nlp()
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    _chronicle(texts[:1], {})  # lexicon, gazetteer and model warm-up
    warmup = time.perf_counter() - start
    bare_best = ours_best = float("inf")
    stages_best: dict[str, float] = {}
    for _ in range(rounds):
        bare_best = min(bare_best, _bare(nlp, texts))
        stages: dict[str, float] = {}
        took = _chronicle(texts, stages)
        if took < ours_best:
            ours_best, stages_best = took, stages
    result = {
        "texts": len(texts), "words": words, "rounds": rounds,
        "bare_words_per_s": round(words / bare_best, 1),
        "chronicle_words_per_s": round(words / ours_best, 1),
        "ratio": round(bare_best / ours_best, 3),
        "warmup_s": round(warmup, 3),
        "stage_s": {k: round(v, 3) for k, v in sorted(stages_best.items())},
        "spacy_and_rest_s": round(ours_best - sum(stages_best.values()), 3),
    }
    return result


def _texts(paths: Iterable[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                out += [json.loads(line)["text"] for line in f.read_text("utf-8").splitlines()
                        if line.strip()]
            elif f.suffix in (".txt", ".md"):
                out.append(f.read_text("utf-8"))
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [p for p in DEFAULT_INPUTS if p.exists()]
    texts = _texts(paths)
    if not texts:
        print("extract_bench: no texts found in " + ", ".join(map(str, paths)), file=sys.stderr)
        return 1
    result = run(texts)
    print(f"bare spaCy   {result['bare_words_per_s']:>10,.0f} words/s")
    print(f"chronicle    {result['chronicle_words_per_s']:>10,.0f} words/s")
    print(f"ratio        {result['ratio']:>10.3f}   (chronicle / bare)")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
