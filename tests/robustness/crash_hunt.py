"""The crash hunt at scale, outside CI: thousands of real and mangled documents, counted.

    python tests/robustness/crash_hunt.py --variants 5 --out /tmp/hunt
    python tests/robustness/crash_hunt.py --each      # one extract per document (also
                                                      # runs on code without isolation)

Documents: the articles of tests/robustness/articles, ../shared/corpus (seed.jsonl and the
scraped seed-raw.txt, split by the cleaner) and the FA-KES texts of
../shared/eval/fakes-dev.csv, all read at run time, never copied; each as it is and in
`--variants` mangled versions (mangle.py, seeded). Everything goes through
`chronicle.pipeline.extract` as one streamed run (or, with --each, one run per document),
and every document that fails is counted by stage and exception and written, with its
text, to OUT/failures.jsonl for a regression test. The last line printed is a JSON summary.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
sys.path.insert(0, str(HERE))

import mangle  # noqa: E402

from chronicle import pipeline  # noqa: E402
from chronicle.errors import InputError  # noqa: E402
from chronicle.records import Document  # noqa: E402
from chronicle.settings import Settings  # noqa: E402


def bases() -> Iterator[Document]:
    """Every source document, read now from where it lives."""
    yield from pipeline.documents([str(HERE / "articles" / "articles.jsonl")])
    corpus = SHARED / "corpus"
    if corpus.exists():
        yield from pipeline.documents([str(p) for p in sorted(corpus.iterdir())])
    fakes = SHARED / "eval" / "fakes-dev.csv"
    if fakes.exists():
        csv.field_size_limit(sys.maxsize)
        with open(fakes, encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), start=2):
                text = row.get("article_content") or ""
                if text.strip():
                    yield Document(id=f"fakes-{row.get('unit_id') or n}", text=text,
                                   source=f"{fakes}:{n}", title=row.get("article_title"),
                                   date=(row.get("date") or None))


def variants(docs: Iterator[Document], count: int, seed: int) -> Iterator[Document]:
    rng = random.Random(seed)
    for doc in docs:
        yield doc
        for n in range(count):
            text = mangle.mangle(doc.text, rng)
            if text.strip():
                yield Document(id=f"{doc.id}~{n + 1}", text=text, source=doc.source,
                               title=doc.title, date=doc.date)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents")
    parser.add_argument("--each", action="store_true", help="one extract run per document")
    parser.add_argument("--out", type=Path, default=Path("crash-hunt"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    docs = list(variants(bases(), args.variants, args.seed))
    if args.limit:
        docs = docs[:args.limit]
    failures: list[tuple[Document | None, str]] = []
    by_id = {d.id: d for d in docs}

    def failed(error: InputError) -> None:
        doc_id = getattr(error, "doc", None)
        failures.append((by_id.get(doc_id or ""), str(error)))

    started = time.monotonic()
    written = 0
    settings = Settings()
    if args.each:
        for doc in docs:
            try:
                written += sum(1 for r in pipeline.extract([doc], settings, on_error=failed)
                               if isinstance(r, Document))
            except Exception as exc:  # noqa: BLE001 - what the hunt counts (code without isolation)
                failures.append((doc, f"{doc.id}: crash: {type(exc).__name__}: {exc}"))
    else:
        written = sum(1 for r in pipeline.extract(iter(docs), settings, on_error=failed)
                      if isinstance(r, Document))
    with open(args.out / "failures.jsonl", "w", encoding="utf-8") as out:
        for doc, line in failures:
            out.write(json.dumps({"error": line, "id": doc.id if doc else None,
                                  "text": doc.text if doc else None}, ensure_ascii=False)
                      + "\n")
    kinds = Counter(line.split(": ", 2)[-1].split(":")[0] for _, line in failures)
    summary = {"documents": len(docs), "written": written, "failed": len(failures),
               "kinds": dict(kinds), "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(summary))
    return 0 if not failures else 3


if __name__ == "__main__":
    sys.exit(main())
