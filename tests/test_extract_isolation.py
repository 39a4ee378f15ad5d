"""`chronicle extract` and `chronicle.extract` with the real pipeline: a document that fails
costs only itself, the line names it, the exit status says so, records stream out, and
pathological or long texts cost bounded time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import chronicle.extractors as extractors
from chronicle import pipeline
from chronicle.cli import cli
from chronicle.errors import DocumentError, InputError
from chronicle.records import Actor, Document, Event, Incident
from chronicle.settings import Settings

pytestmark = pytest.mark.model

REPORTS = [
    {"id": "r1", "date": "2022-11-07", "text": "Dockers walked out in Gdansk on Monday. "
     "Union leader Marek Olszewski accused the government of ignoring them."},
    {"id": "r2", "date": "2022-11-08", "text": "BOOM. Transport Minister Anna Kowalczyk "
     "rejected the demands on Tuesday."},
    {"id": "r3", "date": "2022-11-09", "text": "Police detained eight protesters near the "
     "port on Wednesday, a spokesman said."},
]


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def booby_trapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quotes stage raises on any document that says BOOM (a bug in one extractor)."""
    real = extractors.find_quotes

    def find_quotes(doc, document, actors, ranked=True):  # noqa: ANN001, ANN202
        if "BOOM" in document.text:
            raise KeyError("speaker")
        return real(doc, document, actors, ranked)

    monkeypatch.setattr(extractors, "find_quotes", find_quotes)


def _extract(tmp_path: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["extract", *args,
                                      "--errors-log", str(tmp_path / "errors.log")])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, records, result.stderr


def test_a_failing_document_costs_only_itself(tmp_path: Path, booby_trapped: None) -> None:
    source = _jsonl(tmp_path / "news.jsonl", REPORTS)
    code, records, stderr = _extract(tmp_path, str(source))
    assert code == 3
    assert [r["id"] for r in records if r["type"] == "document"] == ["r1", "r3"]
    assert any(r["type"] == "actor" for r in records)
    lines = stderr.splitlines()
    assert lines[0] == (f"chronicle: skipped {source}:2 (document r2): quotes failed: "
                        f"KeyError: 'speaker' (traceback in {tmp_path / 'errors.log'})")
    assert lines[-1] == "chronicle: finished with failures: 2 documents analysed, 1 failed"
    log = (tmp_path / "errors.log").read_text(encoding="utf-8")
    assert "document r2 stage quotes" in log and "raise KeyError" in log


def test_exit_statuses(tmp_path: Path) -> None:
    good = _jsonl(tmp_path / "good.jsonl", [REPORTS[0]])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": \n', encoding="utf-8")
    assert _extract(tmp_path, str(good))[0] == 0
    code, records, stderr = _extract(tmp_path, str(good), str(broken))
    assert code == 3 and stderr.startswith(f"chronicle: skipped {broken}:1: broken JSON")
    assert _extract(tmp_path, str(broken))[0] == 1  # nothing could be read
    assert not (tmp_path / "errors.log").exists()  # no traceback, no log file


def test_the_python_api_isolates_and_reports(booby_trapped: None) -> None:
    errors: list[InputError] = []
    docs = [Document(id=r["id"], text=r["text"], source="api", date=r["date"])
            for r in REPORTS]
    records = list(pipeline.extract(docs, Settings(), on_error=errors.append))
    assert [r.id for r in records if isinstance(r, Document)] == ["r1", "r3"]
    assert [(e.doc, e.stage) for e in errors if isinstance(e, DocumentError)] == [
        ("r2", "quotes")]


def test_a_runaway_document_fails_at_its_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extractors.find_events

    def find_events(doc, document, context):  # noqa: ANN001, ANN202
        while "BOOM" in document.text:
            pass
        return real(doc, document, context)

    monkeypatch.setattr(extractors, "find_events", find_events)
    errors: list[InputError] = []
    docs = [Document(id=r["id"], text=r["text"], source="api") for r in REPORTS]
    records = list(pipeline.extract(docs, Settings(time_budget=1.0), on_error=errors.append))
    assert [r.id for r in records if isinstance(r, Document)] == ["r1", "r3"]
    [error] = errors
    assert isinstance(error, DocumentError) and error.stage == "events"
    assert "TimeBudgetExceeded: analysis ran past the 1 s time budget" in str(error)


def test_records_stream_out_before_the_input_is_read() -> None:
    """Each document's records are written when it is resolved, not at the end."""
    pulled = 0

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for n in range(12):
            pulled += 1
            yield Document(id=f"s{n}", text=f"Lena Varga met the envoy in Geneva on day {n}.",
                           source="stream")

    first_seen = None
    records = []
    for record in pipeline.extract(stream(), Settings(batch_size=2)):
        if first_seen is None and isinstance(record, Document):
            first_seen = pulled
        records.append(record)
    assert first_seen is not None and first_seen <= 3
    kinds = [type(r).__name__ for r in records]
    # the actors come whole after the documents, and the incidents they take part in last
    assert kinds.index("Actor") > max(i for i, k in enumerate(kinds) if k == "Document")
    assert isinstance(records[-1], Incident) and kinds.index("Incident") > max(
        i for i, k in enumerate(kinds) if k == "Actor")


@pytest.mark.parametrize("run", ["(" * 20_000 + ")" * 20_000, '"' * 20_000,
                                 "( " * 20_000, "(a)" * 10_000])
def test_pathological_punctuation_is_analysed_with_the_rest(run: str) -> None:
    """40,000 brackets took 135 s in the tokenizer and 20,000 quote marks 38 s (now about
    a second each; bench/robust_bench.py measures it)."""
    text = f"Gunmen attacked a checkpoint in Homs on Monday. {run} Police arrested two men."
    errors: list[InputError] = []
    records = list(pipeline.extract([Document(id="p", text=text, source="p")], Settings(),
                                    on_error=errors.append))
    assert not errors
    events = [r for r in records if isinstance(r, Event)]
    assert {e.event_type for e in events} >= {"ASSAULT"}
    assert all(text[e.start:e.end] == e.sentence for e in events)


def test_a_long_document_is_analysed_in_parts_with_offsets_into_the_whole() -> None:
    paragraphs = [f"On day {n}, gunmen attacked a checkpoint in Homs. Omar Khalil, the "
                  f"governor, condemned the attack in a statement number {n}."
                  for n in range(40)]
    text = "\n\n".join(paragraphs)
    doc = Document(id="long", text=text, source="long")
    whole = list(pipeline.extract([doc], Settings()))
    parted = list(pipeline.extract([doc], Settings(part_chars=1500)))
    for records in (whole, parted):
        events = [r for r in records if isinstance(r, Event)]
        assert len(events) >= 40
        assert all(text[e.start:e.end] == e.sentence for e in events)
        assert len({e.id for e in events}) == len(events)
    assert {(e.start, e.event_type) for e in parted if isinstance(e, Event)} == \
        {(e.start, e.event_type) for e in whole if isinstance(e, Event)}
    def mentions(records: list[object]) -> list[tuple[int, str]]:
        [khalil] = [a for a in records if isinstance(a, Actor) and a.name == "Omar Khalil"]
        return sorted((m.start, text[m.start:m.end]) for m in khalil.mentions)

    assert mentions(parted) == mentions(whole)  # one actor across the parts, same mentions
    assert {name for _, name in mentions(parted)} == {"Omar Khalil", "the governor"}


def test_an_output_that_cannot_be_written_ends_the_run_with_status_1(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    source = _jsonl(tmp_path / "news.jsonl", [REPORTS[0]])
    code, _, stderr = _extract(tmp_path, str(source), "--output", "/dev/full")
    assert code == 1
    assert stderr.splitlines() == ["chronicle: cannot write the output (No space left on "
                                   "device); stopped after 1 documents"]
