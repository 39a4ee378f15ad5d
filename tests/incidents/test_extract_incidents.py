"""`chronicle extract` prints the incidents last, and every event names its incident."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from chronicle.cli import cli

pytestmark = pytest.mark.model

ARTICLES = [
    {"id": "a1", "date": "2019-03-13", "source": "Levant Courier",
     "text": "Government jets struck a crowded market in Maarat Hamid on Tuesday, killing "
             "nine people, rescuers said."},
    {"id": "a2", "date": "2019-03-13", "source": "Orient Wire",
     "text": "Airstrikes hit the market of Maarat Hamid on Tuesday and killed eleven "
             "civilians, a monitoring group said."},
]


def test_extract_prints_incidents_after_the_events(tmp_path) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [r["type"] for r in records]
    first_incident = kinds.index("incident")
    assert set(kinds[first_incident:]) == {"incident"}
    incidents = {r["id"]: r for r in records if r["type"] == "incident"}
    events = [r for r in records if r["type"] == "event"
              and not (r["negated"] or r["hypothetical"])]
    assert events and all(e["incident"] in incidents for e in events)
    grouped = [i for i in incidents.values() if i["event_type"] == "ASSAULT"]
    assert any(set(i["documents"]) == {"a1", "a2"} and i["independent"] == 2
               for i in grouped), grouped
