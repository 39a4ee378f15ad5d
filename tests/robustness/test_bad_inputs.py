"""Every kind of bad input gets one line naming the file and the reason, or is handled.

The corpus is written at run time (tests/robustness/badinputs.py). The same table of
expected outcomes is checked in process (readers and cleaner) and through the real
`chronicle extract` command.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from badinputs import Case, build_corpus, long_document, write_good_files

import chronicle.read as read
from chronicle.clean import MAX_DOC_CHARS
from chronicle.errors import InputError
from chronicle.pipeline import collect_documents
from chronicle.read import MAX_FILE_BYTES, read_inputs
from chronicle.read.text import read_markdown

ROOT = Path(__file__).resolve().parents[2]


def printed(path: Path) -> str:
    """How a path must appear in a source or an error: one line, valid UTF-8."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text.replace("\n", "\\n")


def _owns(prefix: str, source: str) -> bool:
    return source == prefix or source.startswith(prefix + "/")


def assert_outcomes(cases: list[Case], root: Path, errors: list[str],
                    docs: list[dict[str, Any]]) -> None:
    """Errors are `source: reason` lines; docs are document records (source, id, text)."""
    assert all("\n" not in line for line in errors)
    claimed: set[int] = set()
    for case in cases:
        where = printed(root / case.name)
        head = re.compile(re.escape(where) + r"(?::\d+)?: (.*)")
        mine = [n for n, line in enumerate(errors) if head.fullmatch(line)
                or line.startswith(where + "/")]
        produced = [d for d in docs if _owns(where, d["source"])]
        if case.outcome == "error":
            assert len(mine) == 1, f"{case.kind}: expected one error line, got {mine}"
            reason = head.fullmatch(errors[mine[0]])
            assert reason and case.reason in reason.group(1), (case.kind, errors[mine[0]])
        else:
            assert not mine, f"{case.kind}: unexpected error {[errors[n] for n in mine]}"
        if case.keeps:
            assert any(case.keeps in d["text"] for d in produced), f"{case.kind}: text lost"
        elif case.outcome != "error":
            assert not produced, f"{case.kind}: expected no document"
        claimed.update(mine)
    assert sorted(claimed) == list(range(len(errors))), "errors that belong to no case"
    for doc in docs:  # the output must be writable as strict UTF-8
        for field in ("id", "source", "text"):
            doc[field].encode("utf-8")


def _as_record(doc: Any) -> dict[str, Any]:
    return {"id": doc.id, "source": doc.source, "text": doc.text}


def test_corpus_has_at_least_thirty_kinds(tmp_path: Path) -> None:
    cases = build_corpus(tmp_path, big=False)
    assert len({c.kind for c in cases}) == len(cases) >= 30
    assert {c.outcome for c in cases} == {"error", "handled", "skipped"}


def test_each_bad_input_is_reported_once_or_handled_in_process(tmp_path: Path) -> None:
    cases = build_corpus(tmp_path / "corpus")
    good = write_good_files(tmp_path / "corpus")
    errors: list[InputError] = []
    docs = collect_documents([tmp_path / "corpus"], errors.append)
    assert_outcomes(cases, tmp_path / "corpus", [str(e) for e in errors],
                    [_as_record(d) for d in docs])
    texts = "\n".join(d.text for d in docs)
    assert all(phrase in texts for phrase in good.values())


def test_handled_inputs_are_cleaned_as_documented(tmp_path: Path) -> None:
    build_corpus(tmp_path, big=False)
    docs = {d.id.removeprefix(f"{tmp_path}/"): d for d in collect_documents([tmp_path])}
    assert "alert" not in docs["script-in-article.html"].text
    assert "will meet again in May." in docs["script-in-article.html"].text
    assert {"dup", "dup#2", "4711"} <= docs.keys()
    assert not docs["utf8-bom.txt"].text.startswith("\ufeff")
    for char in "\u200b\u200f\u202e\u202c\u2066\u2069\u00ad\ufeff":
        assert char not in docs["zero-width.txt"].text
    assert "\r" not in docs["crlf.txt"].text + docs["lone-cr.txt"].text
    assert "\ufffd" in docs["stray-byte.txt"].text
    assert "\x00" not in docs["z1"].text and "\ud800" not in docs["s1"].text
    assert docs["d1"].date is None  # not a date: left out, not passed on
    assert "caf\\xe9-report.txt" in {Path(i).name for i in docs}


def test_long_document_is_split_into_parts_under_the_limit(tmp_path: Path) -> None:
    text = long_document()
    (tmp_path / "long.jsonl").write_text(json.dumps({"id": "long", "text": text}) + "\n",
                                         encoding="utf-8")
    parts = collect_documents([tmp_path / "long.jsonl"])
    assert [d.id for d in parts] == ["long"] + [f"long#part{n}" for n in range(2, len(parts) + 1)]
    assert len(parts) >= 2 and all(0 < len(d.text) <= MAX_DOC_CHARS for d in parts)
    assert "".join("".join(d.text.split()) for d in parts) == "".join(text.split())


def test_refused_file_is_never_loaded(tmp_path: Path) -> None:
    """Over the size limit, the file is refused by its size: memory stays flat."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 4)
    tracemalloc.start()
    _, errors = _read(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "larger than the 50 MB limit" in errors[0].reason
    assert peak < 1_000_000


def _read(*inputs: Any) -> tuple[list[Any], list[InputError]]:
    errors: list[InputError] = []
    return list(read_inputs(list(inputs), errors.append)), errors


@pytest.mark.parametrize("name", ["story.txt", "feed.jsonl", "page.html"])
def test_open_raising_permission_error_is_one_line(tmp_path: Path, name: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod 000 file, so the denial itself is simulated at `open`."""
    locked = tmp_path / name
    locked.write_text('{"text": "The envoy arrived."}\n', encoding="utf-8")
    (tmp_path / "other.txt").write_text("The council met on Friday.\n", encoding="utf-8")

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(read, "open", deny, raising=False)
    docs, errors = _read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["other.txt"]
    assert [str(e) for e in errors] == [f"{locked}: permission denied"]


def test_unreadable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "a.txt").write_text("Hidden away.\n", encoding="utf-8")
    (tmp_path / "open.txt").write_text("The bridge reopened.\n", encoding="utf-8")
    real = os.scandir

    def deny(path: Any) -> Any:
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(read.os, "scandir", deny)
    docs, errors = _read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["open.txt"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'closed'}: permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_chmod_000_file_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Nobody may read this.\n", encoding="utf-8")
    locked.chmod(0)
    assert [e.reason for e in _read(locked)[1]] == ["permission denied"]


def test_paths_named_directly(tmp_path: Path) -> None:
    """A dangling link, a folder named x.txt and a .docx given by name, not found in a walk."""
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "link.txt")
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "in.md").write_text("# Inside\n\nThe ferry sailed.\n",
                                              encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    docs, errors = _read(tmp_path / "link.txt", tmp_path / "x.txt", tmp_path / "notes.docx")
    assert [d.text.strip() for d in docs] == ["The ferry sailed."]
    assert [e.reason for e in errors] == ["broken symbolic link",
                                          "unsupported file type (expected .txt, .text, .md, "
                                          ".markdown, .html, .htm, .xhtml, .jsonl, .ndjson)"]


@pytest.mark.model
@pytest.mark.slow
def test_cli_over_the_bad_corpus(tmp_path: Path) -> None:
    """The real command: exit 3 (finished, some inputs failed), one stderr line per bad
    file and a summary line, every good document out."""
    folder = tmp_path / "corpus"
    cases = build_corpus(folder)
    good = write_good_files(folder)
    run = subprocess.run([sys.executable, "-m", "chronicle", "extract", str(folder)],
                         capture_output=True, cwd=ROOT, timeout=600)
    stderr = run.stderr.decode("utf-8")  # strict: the error lines must be valid UTF-8
    assert run.returncode == 3, stderr[-2000:]
    *lines, summary = stderr.splitlines()
    assert all(line.startswith("chronicle: skipped ") for line in lines), stderr[-2000:]
    assert summary.startswith("chronicle: finished with failures: ") and summary.endswith(
        f"{sum(c.outcome == 'error' for c in cases)} inputs could not be read")
    assert len(lines) == sum(c.outcome == "error" for c in cases)
    records = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    docs = [r for r in records if r["type"] == "document"]
    assert_outcomes(cases, folder, [line.removeprefix("chronicle: skipped ") for line in lines],
                    docs)
    for name, phrase in good.items():
        assert any(d["source"] == str(folder / name) and phrase in d["text"] for d in docs)
    assert {"long-doc", "long-doc#part2"} <= {d["id"] for d in docs}


@pytest.mark.parametrize(("line", "front"), [("[a" * 1000, False), ("![a](" * 400, False),
                                             ("# a" + " " * 2000 + "b", False),
                                             ("title: a" + " " * 2000 + "b", True)])
def test_markdown_syntax_costs_linear_time(line: str, front: bool) -> None:
    """Each of these lines, 2 MB of them, once took time quadratic in its length (minutes)."""
    body = "\n".join([line] * (2_000_000 // len(line)))
    text = f"---\n{body}\n---\nThe end.\n" if front else f"Intro.\n\n{body}\nThe end.\n"
    raw = read_markdown(text.encode("utf-8"), "odd.md")
    assert raw.text.endswith("The end.\n")
    assert (raw.title or "").endswith("b") if front else raw.title is None


def test_markdown_headings_keep_their_words() -> None:
    raw = read_markdown(b"# C# Tips #\n\n## Repairs ##\n\nThe hull was fixed.\n", "h.md")
    assert raw.title == "C# Tips"
    assert raw.text == "\nRepairs\n\nThe hull was fixed.\n"


def test_docs_describe_every_kind(tmp_path: Path) -> None:
    """docs/robustness.md has a row for each kind of bad input the corpus holds."""
    page = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    cases = build_corpus(tmp_path)
    missing = [c.kind for c in cases if f"| {c.kind} |" not in page]
    assert not missing, f"add these kinds to docs/robustness.md: {missing}"
