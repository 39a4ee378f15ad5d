"""Bounded cost, measured: memory against corpus size, and pathological documents.

    python bench/robust_bench.py            # corpora of 64, 256 and 1,024 articles
    python bench/robust_bench.py --quick    # 32, 128 and 512
    python bench/robust_bench.py --json     # the same; the last line is one JSON object

Measures, each run in a fresh process as users run it (`chronicle extract` and
`chronicle ingest`), the peak resident memory at 1x, 4x and 16x a corpus generated from
samples/corpus (bench/corpus.py), as ratios to the 1x run: flat means the commands stream.
Then, in this process with the model loaded once, the time of documents that once took
minutes, as ratios to a document of ordinary prose of the same length: 40,000 brackets,
20,000 quote marks, a long run of spaced brackets; and the time and peak memory of one
760,000-character document (analysed in parts) against a 95,000-character one.
Nothing is asserted; the load average is printed beside the figures (a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

from chronicle.records import Document  # noqa: E402

MB = 1024 * 1024
FACTORS = (1, 4, 16)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def child(command: list[str], report: str) -> None:
    """Runs in a fresh process: one chronicle command, then its peak RSS into `report`."""
    from chronicle.cli import cli

    started = time.perf_counter()
    try:
        cli.main(args=command, prog_name="chronicle", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    Path(report).write_text(json.dumps({"peak_mb": round(peak / MB, 1), "exit": code,
                                        "seconds": round(time.perf_counter() - started, 1)}))


def run_child(command: list[str], folder: Path) -> dict[str, Any]:
    report = folder / f"report-{time.monotonic_ns()}.json"
    subprocess.run([sys.executable, __file__, "--child", str(report), *command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(report.read_text())


def joined(docs: list[Document], chars: int) -> list[Document]:
    """Articles run together into documents of at least `chars` characters (long reports,
    as archives hold them): what a run keeps per document shows at a corpus' real size."""
    out: list[Document] = []
    parts: list[Document] = []
    for doc in docs:
        parts.append(doc)
        if sum(len(p.text) for p in parts) >= chars:
            out.append(replace(parts[0], id=f"{parts[0].id}+{len(parts)}",
                               text="\n\n".join(p.text for p in parts)))
            parts = []
    return out


def memory_scaling(base: int, folder: Path, doc_chars: int = 0) -> dict[str, Any]:
    """Peak RSS of extract and ingest over 1x, 4x, 16x the corpus, and the ratios."""
    wanted = base * FACTORS[-1]
    docs = corpus.build(wanted, folder / "all.jsonl")
    if doc_chars:
        per = max(1, -(-doc_chars // (sum(len(d.text) for d in docs) // len(docs))))
        docs = joined(list(corpus.generate(wanted * (per + 1), corpus.base_documents(),
                                           corpus.find_swaps(corpus.base_documents()))),
                      doc_chars)[:wanted]
    out: dict[str, Any] = {"base_articles": base, "doc_chars": doc_chars,
                           "corpus_16x_mb": round(sum(len(d.text) for d in docs) / MB, 1)}
    for factor in FACTORS:
        path = folder / f"corpus-{factor}x.jsonl"
        corpus.write_jsonl(docs[:base * factor], path)
        before = load()
        extract = run_child(["extract", str(path), "--output", os.devnull], folder)
        ingest = run_child(["ingest", str(path), "--db", str(folder / f"{factor}x.db")],
                           folder)
        out[f"{factor}x"] = {"extract": extract, "ingest": ingest, "load": before}
        print(f"  {factor}x ({base * factor} articles): extract {extract['peak_mb']} MB "
              f"in {extract['seconds']} s, ingest {ingest['peak_mb']} MB in "
              f"{ingest['seconds']} s (load {before})", file=sys.stderr)
    for kind in ("extract", "ingest"):
        one = out["1x"][kind]["peak_mb"]
        out[f"{kind}_ratios"] = {f"{f}x": round(out[f"{f}x"][kind]["peak_mb"] / one, 3)
                                 for f in FACTORS}
    return out


def _timed(text: str) -> float:
    from chronicle import pipeline
    from chronicle.settings import Settings

    started = time.perf_counter()
    list(pipeline.extract([Document(id="b", text=text, source="bench")], Settings()))
    return time.perf_counter() - started


def pathological(prose: str) -> dict[str, Any]:
    """Seconds for each pathological text, and the ratio to prose of the same length."""
    lead = "Gunmen attacked a checkpoint in Homs on Monday. "
    cases = {"brackets_40k": "(" * 20_000 + ")" * 20_000, "quotes_20k": '"' * 20_000,
             "spaced_brackets_40k": "( " * 20_000, "bracketed_words_30k": "(a)" * 10_000}
    _timed(lead)  # the model and the word lists, loaded once
    out: dict[str, Any] = {}
    for name, run in cases.items():
        text = lead + run + " Police arrested two men."
        same = prose[:len(text)]
        before = load()
        seconds, baseline = _timed(text), _timed(same)
        out[name] = {"seconds": round(seconds, 2), "prose_seconds": round(baseline, 2),
                     "ratio": round(seconds / baseline, 2), "load": before}
        print(f"  {name}: {seconds:.2f} s, prose of the same length {baseline:.2f} s "
              f"(load {before})", file=sys.stderr)
    return out


def long_document(prose: str, folder: Path) -> dict[str, Any]:
    """A 760,000-character document against a 95,000-character one, in fresh processes."""
    out: dict[str, Any] = {}
    for name, size in (("95k", 95_000), ("760k", 760_000)):
        text = (prose * (size // len(prose) + 1))[:size]
        path = folder / f"long-{name}.jsonl"
        path.write_text(json.dumps({"id": f"long-{name}", "text": text}) + "\n",
                        encoding="utf-8")
        out[name] = {**run_child(["extract", str(path), "--output", os.devnull], folder),
                     "load": load()}
        print(f"  {name} document: {out[name]['seconds']} s, {out[name]['peak_mb']} MB",
              file=sys.stderr)
    out["time_ratio"] = round(out["760k"]["seconds"] / out["95k"]["seconds"], 2)
    out["memory_ratio"] = round(out["760k"]["peak_mb"] / out["95k"]["peak_mb"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="32, 128 and 512 articles")
    parser.add_argument("--base", type=int, help="documents in the 1x corpus")
    parser.add_argument("--doc-chars", type=int, default=0,
                        help="run articles together into documents this long")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["memory", "pathological", "long"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[1:], args.child[0])
        return 0
    base = args.base or (32 if args.quick else 64)
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="chronicle-robust-") as name:
        folder = Path(name)
        prose = "\n\n".join(d.text for d in corpus.generate(
            40, corpus.base_documents(), corpus.find_swaps(corpus.base_documents())))
        if "memory" not in args.skip:
            result["memory"] = memory_scaling(base, folder, args.doc_chars)
        if "pathological" not in args.skip:
            result["pathological"] = pathological(prose)
        if "long" not in args.skip:
            result["long_document"] = long_document(prose, folder)
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
