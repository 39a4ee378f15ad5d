"""The ingest loop: counts, duplicates, failures, interruptions, parallel flags, the model."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from store.store_support import db_url, new_db, store  # noqa: F401

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.errors import ChronicleError, DocumentError, InputError
from chronicle.records import Document, DocumentResult, Entity, Event, Span
from chronicle.settings import Settings

NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
REPORTS = [
    ("r1", "Karim Haddad met Lena Varga in Eastport on Monday.", "1998-02-10"),
    ("r2", "Lena Varga accused Omar Daoud of blocking the harbour road.", "1998-02-11"),
    ("r3", "Omar Daoud denied the claim and called for talks.", "1998-02-12"),
]


def light_analyser(docs: Iterable[Document], _settings: Settings) -> Iterator[DocumentResult]:
    """Stands in for spaCy: two-word capitalised names are people, the first two meet."""
    for doc in docs:
        if "CRASH" in doc.text:
            raise ValueError("the tagger choked on this one")
        entities = [Entity(key=f"{doc.id}#{i}", doc=doc.id, name=m.group(), kind="person",
                           names=[m.group()], mentions=[Span(doc.id, m.start(), m.end())])
                    for i, m in enumerate(NAME.finditer(doc.text))]
        events = []
        if len(entities) >= 2:
            events.append(Event(id="e1", doc=doc.id, event_type="CONSULT",
                                source=(entities[0].key,), target=(entities[1].key,),
                                start=0, end=len(doc.text), sentence=doc.text, trigger="met",
                                date=doc.date))
        yield DocumentResult(document=doc, entities=entities, events=events)


def write_jsonl(path: Path, reports: list[tuple[str, str, str | None]]) -> Path:
    lines = [json.dumps({"id": i, "text": t, "date": d, "title": f"Report {i}"})
             for i, t, d in reports]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_counts_and_stores_every_document(store: Store, tmp_path) -> None:  # noqa: F811
    source = write_jsonl(tmp_path / "news.jsonl", REPORTS)
    seen = []
    summary = store.ingest([str(source)], analyser=light_analyser, on_progress=seen.append)
    assert (summary.read, summary.stored, summary.duplicates, summary.failed) == (3, 3, 0, 0)
    assert seen and seen[-1].stored == 3 and summary.rate > 0
    counts = store.counts()
    assert counts["documents"] == 3 and counts["events"] == 2
    assert len(store.find_actors("Lena Varga")) == 1  # one actor across two reports


def test_ingesting_the_same_input_twice_changes_nothing(store: Store, tmp_path) -> None:  # noqa: F811
    source = write_jsonl(tmp_path / "news.jsonl", REPORTS)
    store.ingest([str(source)], analyser=light_analyser)
    before = store.counts()
    again = store.ingest([str(source)], analyser=light_analyser)
    assert (again.read, again.stored, again.duplicates) == (3, 0, 3)
    assert store.counts() == before


def test_bad_inputs_and_failed_analysis_are_reported_and_skipped(store: Store, tmp_path) -> None:  # noqa: F811
    source = write_jsonl(tmp_path / "news.jsonl", [*REPORTS[:2], ("r9", "CRASH here.", None)])
    errors: list[InputError] = []
    summary = store.ingest([str(source), str(tmp_path / "missing.jsonl")],
                           analyser=light_analyser, on_error=errors.append)
    assert (summary.stored, summary.failed, summary.unreadable) == (2, 1, 1)
    failed = [e for e in errors if isinstance(e, DocumentError)]
    assert [str(e) for e in failed] == [f"{source}:3 (document r9): analysis failed: "
                                        "ValueError: the tagger choked on this one"]
    assert "ValueError" in failed[0].trace  # the traceback travels with it
    assert any("missing.jsonl" in str(e) for e in errors)
    assert store.counts()["documents"] == 2


def test_parallel_flags_fall_back_to_serial_with_a_note(store: Store, tmp_path,  # noqa: F811
                                                        monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "chronicle.scale", None)  # as if not built yet
    notes: list[str] = []
    source = write_jsonl(tmp_path / "news.jsonl", REPORTS)
    summary = store.ingest([str(source)], analyser=light_analyser, workers=2,
                           on_note=notes.append)
    assert summary.stored == 3
    assert len(notes) == 1 and "serially" in notes[0]


def test_an_interrupted_run_keeps_whole_documents_and_a_rerun_finishes(
        new_db, tmp_path, monkeypatch) -> None:  # noqa: F811
    from chronicle.store import writer

    source = write_jsonl(tmp_path / "news.jsonl", REPORTS)
    real_write_events = writer._write_events
    calls = []

    def ctrl_c_inside_the_second_transaction(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the document row of r2 is already inserted at this point
            raise KeyboardInterrupt
        return real_write_events(*args, **kwargs)

    monkeypatch.setattr(writer, "_write_events", ctrl_c_inside_the_second_transaction)
    with open_store(new_db()) as broken:
        with pytest.raises(KeyboardInterrupt):
            broken.ingest([str(source)], analyser=light_analyser)
        assert broken.counts()["documents"] == 1
        assert broken.document("r2") is None
        monkeypatch.setattr(writer, "_write_events", real_write_events)
        rerun = broken.ingest([str(source)], analyser=light_analyser)
        assert (rerun.stored, rerun.duplicates) == (2, 1)
        finished = broken.counts()
    with open_store(new_db()) as clean:
        clean.ingest([str(source)], analyser=light_analyser)
        assert clean.counts() == finished


@pytest.mark.model
def test_ingest_with_the_real_pipeline(db_url, tmp_path) -> None:  # noqa: F811
    source = write_jsonl(tmp_path / "news.jsonl", REPORTS)
    with open_store(db_url) as opened:
        summary = opened.ingest([str(source)])
        assert (summary.read, summary.stored, summary.failed) == (3, 3, 0)
        before = opened.counts()
        assert before["documents"] == 3 and before["actors"] >= 2
        assert opened.ingest([str(source)]).stored == 0
        assert opened.counts() == before


def _ingest_command(folder: Path, db: str) -> list[str]:
    """`python -m chronicle ingest`, or the same entry point with the store commands
    registered when cli.py does not register them yet."""
    from chronicle.cli import cli

    if "ingest" in cli.commands:
        return [sys.executable, "-m", "chronicle", "ingest", str(folder), "--db", db]
    runner = ("import sys; from chronicle.cli import cli, main;"
              " from chronicle.cli import store as cli_store;"
              " cli_store.register(cli); sys.argv[0] = 'chronicle'; main()")
    return [sys.executable, "-c", runner, "ingest", str(folder), "--db", db]


def _long_reports(folder: Path, n: int = 20) -> Path:
    folder.mkdir()
    for i in range(n):
        body = " ".join(
            f"On day {d} of the talks, negotiator Samir Khalil of the Eastport council met "
            f"Anna Novak, envoy of Northland, and both sides said progress on item {i}-{d} "
            "was slow but real." for d in range(30))
        write_jsonl(folder / f"day{i:02d}.jsonl", [(f"talks-{i}", body, f"1999-05-{i + 1:02d}")])
    return folder


def _documents_in(db: str) -> int:
    try:
        with open_store(db, create=False) as peek:
            return peek.counts()["documents"]
    except ChronicleError:  # not created yet
        return 0


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(new_db, tmp_path) -> None:  # noqa: F811
    folder = _long_reports(tmp_path / "reports")
    killed_db, clean_db = new_db(), new_db()
    process = subprocess.Popen(_ingest_command(folder, killed_db), stderr=subprocess.PIPE)
    stored_before_kill = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and not stored_before_kill:
        time.sleep(0.02)
        stored_before_kill = _documents_in(killed_db)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored_before_kill < 20, "the kill came too late to test anything"
    subprocess.run(_ingest_command(folder, killed_db), check=True, capture_output=True)
    subprocess.run(_ingest_command(folder, clean_db), check=True, capture_output=True)
    with open_store(killed_db) as killed, open_store(clean_db) as clean:
        assert killed.counts() == clean.counts()
        assert killed.counts()["documents"] == 20
        ids = [r.event.id for r in killed.timeline(flagged=True)]
        assert ids == [r.event.id for r in clean.timeline(flagged=True)]
        assert [a.id for a in killed.find_actors("Samir Khalil")] == [
            a.id for a in clean.find_actors("Samir Khalil")]


def fixed_analyser(docs: Iterable[Document], settings: Settings) -> Iterator[DocumentResult]:
    """The light analyser after its bug was fixed: CRASH is just a word."""
    for doc in docs:
        yield from light_analyser([Document(id=doc.id, text=doc.text.replace("CRASH", "crash"),
                                            source=doc.source)], settings)


def test_failed_documents_are_kept_and_only_they_are_retried(store: Store,  # noqa: F811
                                                             tmp_path) -> None:
    from chronicle.store.failures import failure_rows

    source = write_jsonl(tmp_path / "news.jsonl", [*REPORTS, ("r9", "CRASH near Eastport.", None)])
    first = store.ingest([str(source)], analyser=light_analyser, on_error=quiet_errors)
    assert (first.stored, first.failed, first.complete) == (3, 1, False)
    [row] = failure_rows(store.database)
    assert (row["doc_id"], row["source"], row["line"], row["stage"], row["attempts"]) == (
        "r9", str(source), 4, "analysis", 1)
    assert row["error"] == "ValueError: the tagger choked on this one"
    again = store.ingest([], analyser=light_analyser, retry_failed=True, on_error=quiet_errors)
    assert (again.read, again.failed) == (1, 1)
    assert failure_rows(store.database)[0]["attempts"] == 2
    fixed = store.ingest([], analyser=fixed_analyser, retry_failed=True)
    assert (fixed.read, fixed.stored, fixed.failed, fixed.complete) == (1, 1, 0, True)
    assert failure_rows(store.database) == []
    assert store.document("r9") is not None and store.counts()["documents"] == 4


def quiet_errors(_error: InputError) -> None:
    return None


def test_a_document_that_cannot_be_stored_costs_only_itself(store: Store, tmp_path,  # noqa: F811
                                                             monkeypatch) -> None:
    from chronicle.errors import StoreError
    from chronicle.store import writer
    from chronicle.store.failures import failure_rows

    real = writer.Writer.write

    def full_disk_for_r2(self: writer.Writer, result: DocumentResult) -> bool:
        if result.document.id == "r2":
            raise StoreError("cannot write store x: database or disk is full")
        return real(self, result)

    monkeypatch.setattr(writer.Writer, "write", full_disk_for_r2)
    errors: list[InputError] = []
    summary = store.ingest([str(write_jsonl(tmp_path / "n.jsonl", REPORTS))],
                           analyser=light_analyser, on_error=errors.append)
    assert (summary.stored, summary.failed) == (2, 1)
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'n.jsonl'}:2 (document r2): store failed: StoreError: cannot write "
        "store x: database or disk is full"]
    assert [r["stage"] for r in failure_rows(store.database)] == ["store"]


@pytest.mark.model
def test_the_command_exits_3_on_failures_and_retries_them(new_db, tmp_path,  # noqa: F811
                                                          monkeypatch) -> None:
    from click.testing import CliRunner

    import chronicle.extractors as extractors
    from chronicle.cli import cli

    real = extractors.find_actors

    def find_actors(doc, document, date_at=None):  # noqa: ANN001, ANN202
        if "Omar Daoud denied" in document.text:
            raise IndexError("tuple index out of range")
        return real(doc, document, date_at)

    source, db = write_jsonl(tmp_path / "news.jsonl", REPORTS), new_db()
    log = tmp_path / "errors.log"
    monkeypatch.setattr(extractors, "find_actors", find_actors)
    first = CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--errors-log",
                                     str(log)])
    assert first.exit_code == 3, first.output
    assert (f"chronicle: skipped {source}:3 (document r3): actors failed: IndexError: tuple "
            f"index out of range (traceback in {log})") in first.stderr.splitlines()
    assert "read 3, stored 2, skipped as duplicates 0, failed 1" in first.stderr
    monkeypatch.setattr(extractors, "find_actors", real)
    retry = CliRunner().invoke(cli, ["ingest", "--retry-failed", "--db", db])
    assert retry.exit_code == 0, retry.output
    assert "read 1, stored 1, skipped as duplicates 0, failed 0" in retry.stderr
    nothing = CliRunner().invoke(cli, ["ingest", "--retry-failed", "--db", db])
    assert nothing.exit_code == 0 and "no failed document to retry" in nothing.stderr
    assert CliRunner().invoke(cli, ["ingest", "--db", db]).exit_code == 2  # usage


def test_when_nothing_can_be_stored_the_run_says_so_once(store: Store, tmp_path,  # noqa: F811
                                                         monkeypatch) -> None:
    """A full disk: every document fails and no failure can be recorded either."""
    from chronicle.errors import StoreError
    from chronicle.store import failures, writer

    def full(*_args: object) -> bool:
        raise StoreError("cannot write store x: database or disk is full")

    monkeypatch.setattr(writer.Writer, "write", full)
    monkeypatch.setattr(failures, "record", full)
    notes: list[str] = []
    summary = store.ingest([str(write_jsonl(tmp_path / "n.jsonl", REPORTS))],
                           analyser=light_analyser, on_error=quiet_errors,
                           on_note=notes.append)
    assert (summary.read, summary.stored, summary.failed, summary.complete) == (3, 0, 3, False)
    assert len(notes) == 1 and "failures cannot be recorded" in notes[0]
