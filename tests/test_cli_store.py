"""The store commands through click's CliRunner; results checked through the Python API."""

from __future__ import annotations

import csv
import io
import json

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from store.store_support import Doc, border_dispute, db_url, new_db, store, stored  # noqa: F401

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.cli.ingest import ingest
from chronicle.cli.store import register
from chronicle.export.csv import COLUMNS


@pytest.fixture
def cli() -> click.Group:
    group = click.Group(name="chronicle")
    register(group)
    group.add_command(ingest)
    return group


@pytest.fixture
def dispute(store: Store, db_url: str) -> str:  # noqa: F811
    stored(store, border_dispute())
    return db_url


def run(cli: click.Group, *args: str, code: int = 0):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_search_json_rows(cli, dispute: str) -> None:
    rows = json.loads(run(cli, "search", "shelling", "--db", dispute, "--format", "json").stdout)
    assert [(r["doc"], r["start"], r["end"]) for r in rows] == [("dispatch-1", 51, 59)]
    assert "«shelling»" in rows[0]["snippet"]


def test_search_table_and_csv(cli, dispute: str) -> None:
    table = run(cli, "search", "envoy", "--db", dispute).stdout
    assert "Talks in Geneva" in table and "envoy" in table
    rows = list(csv.DictReader(io.StringIO(
        run(cli, "search", "envoy", "--db", dispute, "--format", "csv").stdout)))
    assert rows[0]["doc"] == "dispatch-2" and rows[0]["kind"] == "document"


def test_a_bad_search_is_one_line_on_stderr(cli, tmp_path) -> None:
    db = str(tmp_path / "c.db")
    with open_store(db) as opened:
        stored(opened, border_dispute())
    result = run(cli, "search", '"unclosed', "--db", db, code=1)
    assert result.stderr.startswith("chronicle: bad search query: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_missing_store_says_what_to_do(cli, tmp_path) -> None:
    result = run(cli, "timeline", "--db", str(tmp_path / "none.db"), code=1)
    assert result.stderr.startswith("chronicle: no store at ")


def test_timeline_formats_and_filters(cli, dispute: str) -> None:
    rows = json.loads(run(cli, "timeline", "--db", dispute, "--actor", "karim hadad",
                          "--format", "json").stdout)
    assert [r["event_type"] for r in rows] == ["REJECT", "ACCUSE", "CONSULT", "AGREE"]
    assert rows[1]["source_names"] == ["Karim Haddad"]
    with open_store(dispute) as opened:
        assert rows == opened.timeline(actor="Karim Haddad").to_json()
    flat = list(csv.DictReader(io.StringIO(run(
        cli, "timeline", "--db", dispute, "--type", "AGREE", "--format", "csv").stdout)))
    assert flat[0]["source_actor"] == "Karim Haddad; Lena Varga"
    assert tuple(flat[0]) == COLUMNS  # the one CSV schema, as export writes it
    table = run(cli, "timeline", "--db", dispute, "--from", "1998-02-05", "--to", "1998-02")
    assert "Karim Haddad -> Northland" in table.stdout and "REJECT" not in table.stdout
    assert run(cli, "timeline", "--db", dispute, "--type", "NOPE", code=1).stderr.startswith(
        "chronicle: unknown event type")


def test_actor_profile_and_ambiguity(cli, dispute: str) -> None:
    data = json.loads(run(cli, "actor", "Karim Haddad", "--db", dispute, "--format",
                          "json").stdout)
    assert data["id"] == "karim-haddad" and data["events"]["source"]["ACCUSE"] == 1
    assert data["counterparts"][0]["name"] == "Northland"
    table = run(cli, "actor", "haddad", "--db", dispute).stdout
    assert "Karim Haddad" in table and "Foreign Minister" in table and "ACCUSE" in table
    with open_store(dispute) as opened:
        doc = Doc("namesakes", "Omar Daoud met Layla Daoud.")
        doc.entity("Omar Daoud")
        doc.entity("Layla Daoud")
        opened.write(doc.result())
    listed = run(cli, "actor", "Daoud", "--db", dispute, code=1)
    assert "omar-daoud" in listed.stderr and "layla-daoud" in listed.stderr
    as_json = json.loads(run(cli, "actor", "Daoud", "--db", dispute, "--format", "json",
                             code=1).stdout)
    assert sorted(c["id"] for c in as_json["candidates"]) == ["layla-daoud", "omar-daoud"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "graphml", "gexf", "ftm"])
def test_export_writes_each_format(cli, dispute: str, fmt: str, tmp_path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run(cli, "export", "--db", dispute, "--format", fmt, "--output", str(out))
    text = out.read_text(encoding="utf-8")
    assert "wrote" in result.stderr
    if fmt == "jsonl":
        assert sum(json.loads(line)["type"] == "event" for line in text.splitlines()) == 6
    elif fmt == "csv":  # the hypothetical threat kept, flagged
        assert len(list(csv.DictReader(io.StringIO(text)))) == 6
    elif fmt == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == 3
    elif fmt == "gexf":
        assert nx.read_gexf(out).number_of_nodes() == 3
    else:
        assert all(json.loads(line)["schema"] for line in text.splitlines())


def test_export_takes_the_timeline_filters(cli, dispute: str) -> None:
    text = run(cli, "export", "--db", dispute, "--format", "csv", "--actor", "Northland",
               "--from", "1998-02-09").stdout
    assert [r["event_type"] for r in csv.DictReader(io.StringIO(text))] == ["ACCUSE"]
    graph = run(cli, "export", "--db", dispute, "--format", "gexf", "--isolated").stdout
    assert graph.count("<node ") == 5


@pytest.mark.model
def test_ingest_command_stores_and_reports(cli, tmp_path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(json.dumps({"id": f"n{i}", "text": t, "date": "2001-06-0" + str(i)})
                              for i, t in enumerate([
                                  "Mayor Ana Lopes met union leaders in Portvale on Monday.",
                                  "Ana Lopes said the strike must end."], start=1)) + "\n",
                    encoding="utf-8")
    db = str(tmp_path / "c.db")
    first = run(cli, "ingest", str(news), "--db", db)
    assert "read 2, stored 2, skipped as duplicates 0, failed 0" in first.stderr
    again = run(cli, "ingest", str(news), str(tmp_path / "missing.txt"), "--db", db,
                "--workers", "2", code=3)  # finished, with an input that could not be read
    assert "stored 0, skipped as duplicates 2" in again.stderr
    assert "chronicle: skipped" in again.stderr and "missing.txt" in again.stderr
    with open_store(db) as opened:
        assert opened.counts()["documents"] == 2
        assert opened.document("n1").text.startswith("Mayor Ana Lopes")


def test_an_unusable_store_url_is_one_line(cli) -> None:
    result = run(cli, "timeline", "--db", "mysql://someone:secret@db/news", code=1)
    assert result.stderr == ("chronicle: cannot open store mysql://someone:***@db/news: only "
                             "SQLite files and postgresql:// URLs are supported\n")
