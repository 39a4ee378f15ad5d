"""`chronicle timeline --incidents` and `chronicle incident ID` through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner
from incident_support import harbour_raid

from chronicle.api import Store
from chronicle.cli.incidents import INCIDENT_COLUMNS
from chronicle.cli.incidents import register as register_incidents
from chronicle.cli.store import register as register_store


@pytest.fixture
def cli() -> click.Group:
    group = click.Group(name="chronicle")
    register_store(group)
    register_incidents(group)
    return group


@pytest.fixture
def raid(store: Store, db_url: str) -> str:
    for result in harbour_raid():
        store.write(result)
    return db_url


def run(cli: click.Group, *args: str, code: int = 0):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_timeline_incidents_gives_one_row_per_happening(cli, raid: str) -> None:
    rows = json.loads(run(cli, "timeline", "--incidents", "--db", raid, "--format",
                          "json").stdout)
    assert [(r["event_type"], r["reports"], r["independent"]) for r in rows] == [
        ("ASSAULT", 4, 3), ("CONSULT", 1, 1), ("ASSAULT", 1, 1)]
    assert rows[0]["source_names"] == ["Red Hand", "Northland"]
    events = json.loads(run(cli, "timeline", "--db", raid, "--format", "json").stdout)
    assert len(events) == 6  # without the flag, as before: one row per event


def test_timeline_incidents_filters_and_formats(cli, raid: str) -> None:
    out = run(cli, "timeline", "--incidents", "--db", raid, "--type", "ASSAULT",
              "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == INCIDENT_COLUMNS and len(rows) == 2
    assert rows[0]["disagreements"] == "dead;source" and rows[0]["documents"] == "3"
    table = run(cli, "timeline", "--incidents", "--db", raid, "--actor", "Red Hand").stdout
    assert "2 incidents" in table and "one source" in table and "inc-wire-2#e1" in table


def test_counts_over_time_by_incident(cli, raid: str) -> None:
    counts = json.loads(run(cli, "timeline", "--by", "day", "--db", raid, "--format",
                            "json").stdout)
    assert counts[0] == {"period": "1998-02-09", "incidents": 1, "reports": 4}
    assert "incidents by month" in run(cli, "timeline", "--incidents", "--by", "month",
                                       "--db", raid).stdout


def test_one_incident_side_by_side(cli, raid: str) -> None:
    out = run(cli, "incident", "inc-wire-1#e1", "--db", raid).stdout
    assert "4 in 3 documents, 3 independent sources" in out
    assert "disagree: dead: 12 (Northern Wire); 15 (Coastal Times) [12-15]" in out
    assert "disagree: source:" in out and "Red Hand" in out and "Northland" in out
    assert "“They came from the sea,” (Ilse Brandt)" in out
    data = json.loads(run(cli, "incident", "inc-wire-1#e1", "--db", raid, "--format",
                          "json").stdout)
    assert len(data["report_details"]) == 4 and data["independent"] == 3


def test_an_unknown_incident_is_one_line_and_exit_1(cli, raid: str) -> None:
    result = run(cli, "incident", "inc-nothing", "--db", raid, code=1)
    assert result.stderr.strip().startswith("chronicle: no incident has the id 'inc-nothing'")
