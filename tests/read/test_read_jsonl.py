"""JSON Lines: good lines read, bad lines reported by number, fields typed."""

from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest

from chronicle.errors import InputError
from chronicle.read import read_inputs


def _read(path: Path) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_inputs([str(path)], errors.append)), errors


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_bad_line_reported_with_number_and_good_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        _line(id="a", text="The mayor opened the bridge."),
        '{"id": "b", "text": "unterminated',
        _line(id="c", text="The council voted on Monday."),
    ]) + "\n", encoding="utf-8")
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1
    assert errors[0].source == f"{path}:2"
    assert str(errors[0]).startswith(f"{path}:2: broken JSON")


@pytest.mark.parametrize(("line", "reason"), [
    (_line(id="x"), 'missing "text"'),
    (_line(id="x", text="   "), 'empty "text"'),
    (_line(id="x", text=42), '"text" is not a string'),
    (_line(id=["x"], text="Fine text."), '"id" must be a string or a number'),
    ('["a list"]', "expected a JSON object"),
])
def test_wrong_lines_are_reported_with_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(line + "\n" + _line(id="ok", text="A good line.") + "\n", encoding="utf-8")
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["ok"]
    assert [e.reason for e in errors] == [reason] or reason in errors[0].reason
    assert errors[0].source.endswith(":1")


def test_fields_ids_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "typed.jsonl"
    path.write_text("\n".join([
        _line(id=17, text="Talks resumed.", title="Talks", date="1997-11", url="http://x.test/1",
              source="The Daily Ledger"),
        "",
        _line(text="No id on this one."),
    ]) + "\n", encoding="utf-8")
    docs, errors = _read(path)
    assert not errors
    first, second = docs
    assert (first.id, first.title, first.date, first.url) == ("17", "Talks", "1997-11",
                                                             "http://x.test/1")
    assert first.outlet == "The Daily Ledger"
    assert first.source == str(path)
    assert not first.scraped
    assert second.id == f"{path}:3"


def test_bom_crlf_and_utf16(tmp_path: Path) -> None:
    line = _line(id="é", text="Ankara said the talks were “useful”.")
    utf8 = tmp_path / "bom.jsonl"
    utf8.write_bytes(codecs.BOM_UTF8 + (line + "\r\n").encode("utf-8"))
    utf16 = tmp_path / "wide.jsonl"
    utf16.write_bytes(codecs.BOM_UTF16_LE + (line + "\n").encode("utf-16-le"))
    for path in (utf8, utf16):
        docs, errors = _read(path)
        assert not errors
        assert [(d.id, d.text) for d in docs] == [("é", "Ankara said the talks were “useful”.")]


def test_invalid_utf8_line_is_reported_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "1", "text": "caf\xe9 bad"}\n'
                     + _line(id="2", text="Fine.").encode() + b"\n")
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["2"]
    assert errors[0].source == f"{path}:1"
    assert "UTF-8" in errors[0].reason


def test_pdf_named_jsonl_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "scan.jsonl"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    docs, errors = _read(path)
    assert docs == []
    assert "PDF" in errors[0].reason


def test_stdin_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO(_line(id="s1", text="Rain closed the airport.") + "\nnot json\n")
    monkeypatch.setattr(sys, "stdin", stream)
    errors: list[InputError] = []
    docs = list(read_inputs(["-"], errors.append))
    assert [(d.id, d.source) for d in docs] == [("s1", "<stdin>")]
    assert errors[0].source == "<stdin>:2"


def test_stdin_byte_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (_line(text="Snow fell in Kyiv.") + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)),
                                                       encoding="utf-8"))
    docs = list(read_inputs(["-"], lambda e: None))
    assert [(d.id, d.text) for d in docs] == [("<stdin>:1", "Snow fell in Kyiv.")]


def test_metadata_of_another_type_is_left_out_not_the_record():
    from chronicle.read.jsonl import _record

    raw = _record(_line(id="x", text="Fine text.", title=["a"], source=["Syria"], date=2025),
                  "f.jsonl", "f.jsonl:1")
    assert raw.text == "Fine text." and raw.title is None and raw.outlet is None
    assert raw.date == "2025"


@pytest.mark.parametrize("value, want", [
    ("2025", "2025"), ("1997-11", "1997-11"), ("1997-11-22T10:00:00Z", "1997-11-22"),
    ("Nov. 22, 1997", "1997-11-22"), ("March 2024", "2024-03"), ("sometime in spring", None),
])
def test_publication_dates_become_iso_or_nothing(value, want):
    from chronicle.read.jsonl import iso_date

    assert iso_date(value) == want
