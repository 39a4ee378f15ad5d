"""The parts of isolation that need no model: failure records, stages, time budgets, the
failure report, long documents in parts, and the shielded text spaCy is given."""

from __future__ import annotations

import pickle
import threading
import time
from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.failures import FailureReport
from chronicle.isolation import (
    BudgetExceeded,
    Failed,
    each,
    failure,
    stage,
    stage_of,
    time_budget,
    where,
)
from chronicle.nlp.shield import CHUNK, PUNCT_RUN, shielded
from chronicle.parts import merge_parts, part_bounds
from chronicle.records import Document, DocumentResult, Entity, Event, Quote, Span, Timex
from chronicle.settings import Settings

DOC = Document(id="w1", text="Gunmen attacked the post.", source="wire.jsonl", line=7)


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - to get a traceback
        return caught


def test_a_failure_names_the_record_the_stage_and_the_exception() -> None:
    with pytest.raises(IndexError) as info:
        with stage("events"), stage("actors"):
            (())[0]  # noqa: B018 - the failure under test
    error = failure(DOC, info.value)
    assert str(error) == ("wire.jsonl:7 (document w1): actors failed: "
                          "IndexError: tuple index out of range")
    assert (error.source, error.doc, error.stage) == ("wire.jsonl:7", "w1", "actors")
    assert "Traceback" in error.trace and "IndexError" in error.trace
    assert isinstance(error, InputError)  # every on_error handler takes it


def test_a_failure_crosses_a_process_intact() -> None:
    error = failure(DOC, _raised(ValueError("bad\nsecond line")), "dates")
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.stage, back.trace) == (str(error), "dates", error.trace)
    assert str(back).endswith("dates failed: ValueError: bad")  # one line


def test_where_is_file_and_line_or_the_source() -> None:
    assert where(DOC) == "wire.jsonl:7"
    assert where(Document(id="a", text="x", source="notes/a.txt")) == "notes/a.txt"


def test_an_unmarked_exception_gets_the_default_stage() -> None:
    assert stage_of(ValueError("x"), "nlp") == "nlp"


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_runaway_is_interrupted_in_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.2):
            _spin(30)
    assert time.monotonic() - started < 10


def test_a_runaway_is_interrupted_in_another_thread() -> None:
    """Dask runs tasks in worker threads, where SIGALRM cannot reach."""
    outcome: list[str] = []

    def task() -> None:
        try:
            with time_budget(0.2):
                _spin(30)
            outcome.append("finished")
        except BudgetExceeded:
            outcome.append("interrupted")

    thread = threading.Thread(target=task)
    thread.start()
    thread.join(timeout=20)
    assert outcome == ["interrupted"]


def test_an_exception_that_swallows_the_budget_is_interrupted_again() -> None:
    with pytest.raises(BudgetExceeded):
        with time_budget(0.1):
            for _ in range(3000):
                try:
                    _spin(0.01)
                except BaseException:  # noqa: BLE001, S110 - a library that swallows everything
                    pass
                _spin(0.01)


def test_the_budget_counts_cpu_time_not_waiting() -> None:
    """On a machine shared by many processes a document may wait for a core; only the time
    it computes counts (its thread's CPU clock)."""
    with time_budget(0.2):
        time.sleep(0.6)


def test_work_within_its_budget_is_never_interrupted_later() -> None:
    for _ in range(200):
        with time_budget(0.05):
            pass
    _spin(0.3)  # a late interruption would land here
    with time_budget(0):  # no budget at all
        _spin(0.01)


def test_the_report_prints_one_line_and_logs_the_traceback(tmp_path: Path) -> None:
    lines: list[str] = []
    log = tmp_path / "errors.log"
    report = FailureReport(log, lines.append)
    report(InputError("bad.jsonl:3", "broken JSON (Expecting value, column 1)"))
    report(failure(DOC, _raised(KeyError("k")), "quotes"))
    assert lines == ["chronicle: skipped bad.jsonl:3: broken JSON (Expecting value, column 1)",
                     "chronicle: skipped wire.jsonl:7 (document w1): quotes failed: "
                     f"KeyError: 'k' (traceback in {log})"]
    assert (report.inputs, report.documents) == (1, 1)
    text = log.read_text(encoding="utf-8")
    assert "wire.jsonl:7 document w1 stage quotes" in text and "KeyError" in text
    assert report.summary(4).endswith("4 documents analysed, 1 failed, 1 inputs could "
                                      "not be read")


def test_an_unwritable_log_is_said_in_the_line(tmp_path: Path) -> None:
    lines: list[str] = []
    report = FailureReport(tmp_path / "no" / "such" / "dir.log", lines.append)
    report(failure(DOC, _raised(ValueError("x")), "events"))
    assert "traceback not written to" in lines[0] and lines[0].count("\n") == 0


def test_a_replacement_analyser_is_isolated_too() -> None:
    def analyser(docs, _settings):  # noqa: ANN001, ANN202
        for doc in docs:
            if "CRASH" in doc.text:
                raise RuntimeError("boom")
            yield DocumentResult(document=doc)

    docs = [Document(id=f"d{n}", text=t, source="s") for n, t in
            enumerate(["fine", "CRASH", "fine too"])]
    out = each(analyser, docs, Settings())
    assert [type(o).__name__ for o in out] == ["DocumentResult", "Failed", "DocumentResult"]
    assert isinstance(out[1], Failed) and out[1].error.stage == "analysis"


def test_parts_cover_the_text_at_paragraph_breaks() -> None:
    paragraph = "The council met. " * 20  # 340 characters
    text = "\n\n".join([paragraph.strip()] * 30)
    bounds = part_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert all(text[start - 2:start] == "\n\n" for start, _ in bounds[1:])


def test_a_part_without_breaks_is_cut_at_a_sentence_or_a_space_or_the_limit() -> None:
    assert all(e - s <= 100 for s, e in part_bounds("Word. " * 100, 100))
    assert part_bounds("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


def test_merged_parts_point_into_the_whole_text() -> None:
    text = "Omar Khalil said it.\n\nKhalil left Homs."
    doc = Document(id="d", text=text, source="s")
    first = DocumentResult(
        document=doc, entities=[Entity("d#1", "d", "Omar Khalil", "person",
                                       mentions=[Span("d", 0, 11)])],
        quotes=[Quote("d#q1", "d", "d#1", "it", 17, 19)],
        timexes=[], events=[])
    second = DocumentResult(
        document=doc, entities=[Entity("d#1", "d", "Khalil", "person",
                                       mentions=[Span("d", 0, 6)]),
                                Entity("d#2", "d", "Homs", "location",
                                       mentions=[Span("d", 12, 16)])],
        timexes=[Timex("d#t1", "d", 0, 6, "Khalil", "2020", "explicit")],
        events=[Event("d#ev1", "d", "RETREAT", ("d#1",), ("d#2",), 0, 17, "Khalil left Homs.",
                      "left")])
    merged = merge_parts(doc, [(0, first), (22, second)])
    assert [e.key for e in merged.entities] == ["d#1", "d#2", "d#3"]
    assert [(m.start, m.end) for e in merged.entities for m in e.mentions] == [
        (0, 11), (22, 28), (34, 38)]
    event = merged.events[0]
    assert (event.source, event.target) == (("d#2",), ("d#3",))
    assert text[event.start:event.end] == event.sentence
    assert merged.quotes[0].speaker == "d#1" and text[17:19] == "it"
    assert text[merged.timexes[0].start:merged.timexes[0].end] == "Khalil"


@pytest.mark.parametrize("run", ["(" * 40_000, '"' * 20_000, "a.(b)" * 5_000, "-" * 9])
def test_the_shielded_text_blanks_runs_and_keeps_offsets(run: str) -> None:
    text = f"The envoy arrived. {run} He left."
    shown = shielded(text)
    assert len(shown) == len(text)
    assert shown.startswith("The envoy arrived. ") and shown.endswith(" He left.")
    assert not shown[19:19 + len(run)].strip()


def test_ordinary_text_is_not_shielded() -> None:
    text = ("Hayat Tahrir al-Sham (HTS) said: \"We won't go...\" -- see https://example.org/"
            "news/2024/03/report?id=7 (AFP).")
    assert len("-" * PUNCT_RUN) > 2 and CHUNK >= 60
    assert shielded(text) == text
