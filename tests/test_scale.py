"""Parallel analysis on Dask: same store as a serial run, input order, streaming, failures."""

from __future__ import annotations

import io
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store.store_support import new_db  # noqa: F401

from chronicle import scale
from chronicle.api import open as open_store
from chronicle.errors import ConfigError, InputError, ModelError
from chronicle.records import Document, DocumentResult, Entity, Span
from chronicle.settings import Settings

pytestmark = pytest.mark.dask

# Twelve short reports about an invented harbour dispute; people recur across reports,
# sometimes by surname only, so that actor resolution has work to do.
REPORTS = [
    ("port-01", "2021-03-01", "Minister Talia Brenner visits Gdansk",
     "Transport Minister Talia Brenner of Poland met port workers in Gdansk on Monday. "
     "\"We will not let the harbour close,\" Brenner told reporters."),
    ("port-02", "2021-03-02", "Union rejects offer",
     "The dockers' union, led by Marek Olszak, rejected the government's wage offer on "
     "Tuesday and called a strike for Friday."),
    ("port-03", "2021-03-04", "Germany offers help",
     "Germany offered to send engineers to repair the damaged cranes, a spokesman for the "
     "German transport ministry said on Thursday."),
    ("port-04", "2021-03-05", "Strike begins",
     "Thousands of dockers walked out in Gdansk on Friday. Marek Olszak said the strike "
     "would last until the government raised wages."),
    ("port-05", "2021-03-08", "Brenner accuses union",
     "Talia Brenner accused the union of holding the country hostage. \"This strike hurts "
     "every family in Poland,\" she said."),
    ("port-06", "2021-03-10", "Police detain protesters",
     "Police detained twelve protesters outside the port authority in Gdansk on "
     "Wednesday after a march turned violent."),
    ("port-07", "2021-03-12", "Talks in Warsaw",
     "Brenner and Olszak met in Warsaw on Friday for six hours of talks. Both sides said "
     "the meeting had been useful."),
    ("port-08", "2021-03-15", "Sweden criticises delays",
     "Sweden criticised Poland over the delays, saying Swedish ferries had been stranded "
     "for a week. Foreign Minister Anders Lindahl called the strike avoidable."),
    ("port-09", "2021-03-17", "Deal reached",
     "The government and the dockers' union agreed on Wednesday to raise wages by six "
     "percent. Olszak told members the deal was a victory."),
    ("port-10", "2021-03-18", "Dockers return",
     "Dockers returned to work in Gdansk on Thursday, and the first ferries left the "
     "harbour in the afternoon."),
    ("port-11", "2021-03-22", "Lindahl welcomes deal",
     "Anders Lindahl welcomed the deal in Stockholm on Monday. \"Our ferries are moving "
     "again,\" Lindahl said."),
    ("port-12", "2021-03-25", "Brenner promises investment",
     "Talia Brenner promised on Thursday to invest in new cranes for Gdansk and thanked "
     "Germany for its engineers."),
]
NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")


def _corpus(path: Path, reports: list[tuple[str, str, str, str]] = REPORTS) -> Path:
    path.write_text("".join(json.dumps({"id": i, "date": d, "title": t, "text": x}) + "\n"
                            for i, d, t, x in reports), encoding="utf-8")
    return path


def _snapshot(db: str) -> dict[str, Any]:
    """The store as names and texts (ids aside): what analysts see."""
    with open_store(db, create=False) as store:
        out = io.StringIO()
        store.export("jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record["type"], []).append(record)
    names = {a["id"]: a["name"] for a in by_type.get("actor", [])}
    return {
        "documents": sorted((d["id"], d["title"], d["date"], d["text"])
                            for d in by_type.get("document", [])),
        "actors": sorted((a["name"], a["kind"], tuple(sorted(a["aliases"])))
                         for a in by_type.get("actor", [])),
        "events": sorted((e["doc"], e["event_type"], tuple(names[s] for s in e["source"]),
                          tuple(names[t] for t in e["target"]), e["sentence"], str(e["date"]))
                         for e in by_type.get("event", [])),
        "quotes": sorted((q["doc"], q["text"], names.get(q["speaker"]))
                         for q in by_type.get("quote", [])),
        "incidents": sorted(tuple(i["events"]) for i in by_type.get("incident", [])),
    }


@pytest.mark.model
@pytest.mark.slow
def test_a_two_worker_ingest_stores_what_a_serial_ingest_stores(new_db, tmp_path,  # noqa: F811
                                                                monkeypatch) -> None:
    from chronicle.cli import cli

    source = _corpus(tmp_path / "harbour.jsonl")
    serial_db, parallel_db = new_db(), new_db()
    with open_store(serial_db) as store:
        assert store.ingest([str(source)]).stored == len(REPORTS)
    monkeypatch.setattr(scale, "BATCH", 2)  # six batches: both workers get several
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", parallel_db,
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    serial, parallel = _snapshot(serial_db), _snapshot(parallel_db)
    assert len(serial["documents"]) == len(REPORTS)
    assert serial["events"] and serial["quotes"] and len(serial["actors"]) >= 5
    assert parallel == serial


# Light analysers: no model, so the tests below are about Dask, not spaCy. Workers receive
# them by value (this test module is not importable on a worker).
def _light(docs: Iterable[Document], _settings: Settings) -> Iterator[DocumentResult]:
    """Two-word capitalised names are people; `slow` in the text delays the document."""
    for doc in docs:
        if "CRASH" in doc.text:
            raise ValueError("the tagger choked on this one")
        if "slow" in doc.text:
            time.sleep(1.5)
        entities = [Entity(key=f"{doc.id}#{n}", doc=doc.id, name=m.group(), kind="person",
                           names=[m.group()], mentions=[Span(doc.id, m.start(), m.end())])
                    for n, m in enumerate(NAME.finditer(doc.text))]
        yield DocumentResult(document=doc, entities=entities)


@pytest.fixture(autouse=True)
def _light_by_value() -> Iterator[None]:
    import cloudpickle

    module = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(module)
    yield
    cloudpickle.unregister_pickle_by_value(module)


def _docs(n: int, slow: frozenset[int] = frozenset(), crash: frozenset[int] = frozenset()
          ) -> list[Document]:
    texts = ["Karim Haddad met Lena Varga in Eastport." + (" A slow one." if i in slow else "")
             + (" CRASH" if i in crash else "") for i in range(n)]
    return [Document(id=f"d{i}", text=t, source=f"d{i}.txt") for i, t in enumerate(texts)]


def test_results_come_back_in_input_order_whatever_finishes_first() -> None:
    docs = _docs(8, slow=frozenset({0, 1}))  # the first batch finishes last
    results = list(scale.analyse_parallel(
        docs, cluster=scale.Cluster(workers=2, batch_size=2, analyser=_light)))
    assert [r.document.id for r in results] == [d.id for d in docs]
    assert [e.name for e in results[3].entities] == ["Karim Haddad", "Lena Varga"]


def test_the_input_streams_through_with_a_bounded_number_of_batches_out() -> None:
    pulled, handed, most_ahead = 0, 0, 0

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for doc in _docs(60):
            pulled += 1
            yield doc

    cluster = scale.Cluster(workers=2, batch_size=3, in_flight=4, analyser=_light)
    for _ in scale.analyse_parallel(stream(), cluster=cluster):
        handed += 1
        most_ahead = max(most_ahead, pulled - handed)
    assert handed == 60
    assert most_ahead <= 4 * 3  # never more than in_flight batches read ahead


def test_a_failing_document_is_reported_and_the_others_are_kept() -> None:
    errors: list[InputError] = []
    cluster = scale.Cluster(workers=2, batch_size=3, analyser=_light)
    results = list(scale.analyse_parallel(_docs(6, crash=frozenset({4})), cluster=cluster,
                                          on_error=errors.append))
    assert [r.document.id for r in results] == ["d0", "d1", "d2", "d3", "d5"]
    assert [e.source for e in errors] == ["d4.txt"]
    assert "analysis failed: ValueError: the tagger choked" in str(errors[0])


def test_a_missing_model_ends_the_run_with_a_model_error() -> None:
    with pytest.raises(ModelError, match="no_such_model_here"):
        list(scale.analyse_parallel(_docs(2), Settings(model="no_such_model_here"),
                                    scale.Cluster(workers=1)))


def test_an_existing_scheduler_is_used_and_left_running() -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        on_it = scale.Cluster(scheduler=cluster.scheduler_address, analyser=_light)
        results = list(scale.analyse_parallel(_docs(5), cluster=on_it))
        assert len(results) == 5
        assert len(client.scheduler_info()["workers"]) == 1  # still there after the run
        assert all(client.run(scale.tune_malloc).values())  # glibc tuned on the worker


def test_an_unreachable_scheduler_is_a_config_error() -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
            nowhere = scale.Cluster(scheduler="tcp://127.0.0.1:9", analyser=_light)
            list(scale.analyse_parallel(_docs(1), cluster=nowhere))


def test_nothing_to_analyse_starts_no_cluster(monkeypatch) -> None:
    def no_cluster(*_args: Any) -> None:
        raise AssertionError("a cluster was started for nothing")

    monkeypatch.setattr(scale, "_client", no_cluster)
    assert list(scale.analyse_parallel(iter([]), cluster=scale.Cluster(workers=2))) == []


def _marking(folder: str, docs: Iterable[Document], settings: Settings
             ) -> Iterator[DocumentResult]:
    """The light analyser, slowed down, leaving its worker's pid where the test can see it;
    POISON kills the worker that analyses it, every time."""
    import os
    import signal

    for doc in docs:
        if "POISON" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if doc.id != "warm-up":
            Path(folder, f"{os.getpid()}").touch()
        time.sleep(0.3)
        yield from _light([doc], settings)


def test_a_worker_killed_mid_run_loses_no_document(tmp_path: Path) -> None:
    """SIGKILL to a worker while it holds a batch: Dask runs the batch again elsewhere."""
    import functools
    import os
    import signal
    import threading

    (tmp_path / "pids").mkdir()
    analyser = functools.partial(_marking, str(tmp_path / "pids"))
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            pids = [int(p.name) for p in (tmp_path / "pids").iterdir()]
            if len(pids) >= 2:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one)
    killer.start()
    errors: list[InputError] = []
    docs = _docs(24)
    results = list(scale.analyse_parallel(
        docs, cluster=scale.Cluster(workers=2, batch_size=3, analyser=analyser),
        on_error=errors.append))
    killer.join()
    assert killed, "no worker was killed: the test tested nothing"
    assert errors == []
    assert [r.document.id for r in results] == [d.id for d in docs]


def test_a_document_that_kills_every_worker_fails_alone(tmp_path: Path) -> None:
    """A batch that kills its worker each time is split: only the killer is lost."""
    import functools

    import dask

    (tmp_path / "pids").mkdir()
    analyser = functools.partial(_marking, str(tmp_path / "pids"))
    docs = _docs(6)
    docs[4] = Document(id="d4", text="POISON for any worker", source="feed.jsonl", line=5)
    outcomes: list[Any] = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        outcomes = list(scale.outcomes_parallel(
            docs, cluster=scale.Cluster(workers=2, batch_size=3, analyser=analyser)))
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult"] * 4 + [
        "Failed", "DocumentResult"]
    error = outcomes[4].error
    assert (error.where, error.doc, error.stage) == ("feed.jsonl:5", "d4", "worker")
    assert "KilledWorker" in str(error)
