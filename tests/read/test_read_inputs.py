"""Inputs: paths, folders, objects and strings; every bad input reported, the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import chronicle.read as read
from chronicle.errors import InputError
from chronicle.read import MAX_FILE_BYTES, read_inputs
from chronicle.records import Document, RawDocument

STORY = "Rescue teams reached the village of Dorna on Sunday after the floods receded.\n"


def _read(*inputs: object) -> tuple[list[RawDocument], list[InputError]]:
    errors: list[InputError] = []
    return list(read_inputs(list(inputs), errors.append)), errors  # type: ignore[arg-type]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / "b" / "deep" / "z.md").write_text("# Deep\n\n" + STORY, encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.TXT").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "j1", "text": "Short report."}\n',
                                      encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert not errors
    names = [Path(d.source).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a.TXT", "b/a.txt", "b/deep/z.md", "c.jsonl"]
    assert docs[0].scraped and docs[0].id == str(tmp_path / "a.TXT")


def test_hidden_and_unknown_files_are_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["story.txt"]
    assert errors == []


def test_pdf_named_txt_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n1 0 obj\n")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["story.txt"]
    assert len(errors) == 1
    assert errors[0].source == str(tmp_path / "report.txt")
    assert "PDF" in errors[0].reason and "\n" not in str(errors[0])


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(STORY, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "up")
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "self")
    docs, _ = _read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["story.txt"]


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_FILE_BYTES + 1)
    docs, errors = _read(big, tmp_path / "missing.txt")
    assert docs == []
    assert "larger than the 50 MB limit" in errors[0].reason
    assert errors[1].reason == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(STORY, encoding="utf-8")
    secret.chmod(0)
    docs, errors = _read(secret)
    assert docs == [] and errors[0].reason == "permission denied"


def test_permission_error_becomes_a_one_line_reason(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any file, so CI cannot chmod its way to EACCES; the translation is checked."""
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")

    def refuse(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(read, "_read_bytes", refuse)
    docs, errors = _read(story)
    assert docs == [] and errors[0].reason == "permission denied"


def test_unsupported_suffix_named_directly_is_reported(tmp_path: Path) -> None:
    notes = tmp_path / "notes.rtf"
    notes.write_text(STORY, encoding="utf-8")
    _, errors = _read(notes)
    assert "unsupported file type" in errors[0].reason


def test_objects_pass_through_and_strings_become_texts(tmp_path: Path) -> None:
    doc = Document(id="d1", text="The envoy arrived.", source="api", title="Envoy")
    raw = RawDocument(source="mine", text="The talks ended.", id="r1")
    docs, errors = _read(doc, raw, "First given text.\nWith two lines.", "Second text here")
    assert not errors
    assert (docs[0].id, docs[0].title, docs[0].text) == ("d1", "Envoy", "The envoy arrived.")
    assert docs[1] is raw
    assert [d.id for d in docs[2:]] == ["text-1", "text-2"]
    assert docs[3].text == "Second text here"


def test_existing_path_with_spaces_is_a_path_and_missing_file_name_is_not_text(
        tmp_path: Path) -> None:
    spaced = tmp_path / "my story.txt"
    spaced.write_text(STORY, encoding="utf-8")
    docs, errors = _read(str(spaced), "old notes.txt")
    assert [d.source for d in docs] == [str(spaced)]
    assert errors[0].source == "old notes.txt"
