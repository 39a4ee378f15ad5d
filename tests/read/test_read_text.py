"""Plain text and Markdown readers: decoded, marked as scraped, Markdown syntax removed."""

from __future__ import annotations

import codecs
from pathlib import Path

from chronicle.errors import InputError
from chronicle.read import read_inputs


def _one(path: Path):
    errors: list[InputError] = []
    docs = list(read_inputs([path], errors.append))
    assert not errors
    assert len(docs) == 1
    return docs[0]


def test_txt_utf16_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + "Kyiv, Friday.\r\nThe mayor spoke.".encode("utf-16-be"))
    doc = _one(path)
    assert doc.text == "Kyiv, Friday.\nThe mayor spoke."
    assert doc.scraped and doc.id == str(path) and doc.title is None


def test_txt_cp1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Ministre Hélène Roy – “non”.".encode("cp1252"))
    assert _one(path).text == "Ministre Hélène Roy – “non”."


def test_markdown_title_headings_and_links(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Ferry Service Resumes\n\nThe ferry to [Lunden](http://x.test) sailed "
                    "again on *Monday*.\n\n## Repairs\n\n![photo](ferry.jpg)\nThe hull was "
                    "fixed in May.\n", encoding="utf-8")
    doc = _one(path)
    assert doc.title == "Ferry Service Resumes"
    assert doc.text == ("\nThe ferry to Lunden sailed again on *Monday*.\n\nRepairs\n\n\n"
                        "The hull was fixed in May.\n")


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "front.md"
    path.write_text('---\ntitle: "Bridge Opens"\ndate: 2021-06-02\n---\nThe bridge opened.\n',
                    encoding="utf-8")
    doc = _one(path)
    assert (doc.title, doc.date, doc.text) == ("Bridge Opens", "2021-06-02",
                                               "The bridge opened.\n")
