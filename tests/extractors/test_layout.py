"""Wire datelines and photo captions at the head of a line, whatever spaces pad it: a
headline's copy is padded with spaces as wide as its offset (events/headlines.py), and a
line is read from its first word."""

from __future__ import annotations

import pytest

from chronicle.extractors.dates.layout import dateline_spans

DATELINE = "BEIRUT, Lebanon (AP) -- Shelling resumed on Monday."


@pytest.mark.parametrize("pad", [0, 7, 20_000])
def test_a_dateline_is_found_after_any_padding(pad: int):
    text = " " * pad + DATELINE
    spans = dateline_spans(text)
    assert [text[s:e].strip() for s, e in spans] == ["BEIRUT, Lebanon (AP) --"]


def test_a_delegate_before_his_country_is_no_dateline():
    assert dateline_spans("JOSEPH KIPROP LANGAT (Kenya) said the police held.") == []


def test_a_nickname_in_marks_is_no_quoted_passage():
    from chronicle.extractors.quotes.marks import scan_quotes

    text = "“We are ready,” Rodolfo “Dolfo” Manalastas told senators."
    assert [text[m.start:m.end] for m in scan_quotes(text)] == ["We are ready,"]
