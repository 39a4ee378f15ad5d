"""The event rules' vocabulary files: every class the code asks for is defined, and the
tables read as the rules expect."""

from __future__ import annotations

import re
from pathlib import Path

from chronicle import lang
from chronicle.extractors.events.vocab import (
    answered_types,
    content_modes,
    month_names,
    preps,
    word_class,
)
from chronicle.records import PLOVER_TYPES

EVENTS = Path(__file__).resolve().parents[2] / "chronicle" / "extractors" / "events"


def _asked(pattern: str) -> set[str]:
    return {m for path in EVENTS.glob("*.py")
            for m in re.findall(pattern, path.read_text(encoding="utf-8"))}


def test_every_word_class_the_rules_ask_for_is_defined():
    asked = _asked(r'word_class\("([a-z_]+)"\)')
    assert asked, "the rules ask for no class: the pattern is stale"
    assert all(word_class(name) for name in asked)


def test_every_preposition_role_the_rules_ask_for_has_a_row():
    roles = _asked(r'preps\("([a-z_]+)"')
    assert {"target", "place", "source", "noun_target"} <= roles
    assert all(any(row[0] == role for row in lang.table("event-preps.tsv")) for role in roles)


def test_target_prepositions_of_a_type_come_before_the_general_ones_in_file_order():
    assert preps("target", "CONSULT") == ("with", "to")
    assert preps("target")[:2] == ("against", "on")
    assert preps("target", "NO SUCH TYPE") == ()


def test_tables_name_plover_types():
    for table in ("threat", "demand"):
        assert set(content_modes(table)) <= set(PLOVER_TYPES)
    assert content_modes("coercion")["deport"] == "expel"
    answers = answered_types()
    assert answers["decision"] == answers["measure"]
    assert all(types <= set(PLOVER_TYPES) for types in answers.values())


def test_months_file_has_number_name_and_abbreviations():
    rows = lang.table("months.tsv")
    assert [int(r[0]) for r in rows] == list(range(1, 13))
    assert "may" in month_names() and "sept" not in month_names()
    assert "sept" in rows[8][2].split(",")
