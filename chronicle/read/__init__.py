"""Readers: files, folders and standard input to `RawDocument`s.

(Minimal version: JSON Lines and plain text only; the full readers are being written.)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chronicle.errors import InputError
from chronicle.records import RawDocument


def read_inputs(inputs: Iterable[str], on_error: Callable[[InputError], None]
                ) -> Iterator[RawDocument]:
    for item in inputs:
        if item == "-":
            yield from _jsonl(sys.stdin, "<stdin>")
            continue
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                if file.suffix == ".jsonl":
                    with open(file, encoding="utf-8") as handle:
                        yield from _jsonl(handle, str(file))
                else:
                    yield RawDocument(source=str(file), text=file.read_text("utf-8"),
                                      id=str(file), scraped=True)
            except (OSError, UnicodeDecodeError) as exc:
                on_error(InputError(str(file), str(exc)))


def _jsonl(handle, source: str) -> Iterator[RawDocument]:
    for line in handle:
        if line.strip():
            rec = json.loads(line)
            yield RawDocument(source=rec.get("source") or source, text=rec["text"],
                              id=str(rec["id"]), title=rec.get("title"), date=rec.get("date"),
                              url=rec.get("url"))
