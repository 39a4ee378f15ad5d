"""Readers: files, folders, standard input and Python objects to `RawDocument`s.

The reader is chosen by suffix. Whatever goes wrong with one input becomes one
`InputError` passed to `on_error` (a one-line reason naming the file), and the batch goes
on: a corpus folder with one corrupt file must still be read.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chronicle.errors import InputError
from chronicle.read.decode import NotText, binary_kind
from chronicle.read.html import read_html
from chronicle.read.jsonl import MAX_LINE_BYTES, read_jsonl
from chronicle.read.text import read_markdown, read_text
from chronicle.records import Document, RawDocument

MAX_FILE_BYTES = 50 * 1024 * 1024  # a .txt/.md/.html file larger than this is refused
READERS: dict[str, Callable[[bytes, str], RawDocument]] = {
    ".txt": read_text, ".text": read_text, ".md": read_markdown, ".markdown": read_markdown,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
}
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (*READERS, *JSONL_SUFFIXES)

Input = str | os.PathLike[str] | Document | RawDocument
ErrorHandler = Callable[[InputError], None]

__all__ = ["MAX_FILE_BYTES", "MAX_LINE_BYTES", "SUFFIXES", "read_inputs"]


def read_inputs(inputs: Iterable[Input], on_error: ErrorHandler) -> Iterator[RawDocument]:
    """Every document of every input, in order; bad inputs go to `on_error`.

    An input is a path (file or folder, read recursively), `-` (JSON Lines on stdin), a
    `Document` or `RawDocument` (passed through), or, from Python, a string that is no
    existing path and looks like prose: the text of one document, id "text-1", "text-2"...
    """
    texts = 0
    for item in inputs:
        if isinstance(item, RawDocument):
            yield item
        elif isinstance(item, Document):
            yield RawDocument(source=item.source, text=item.text, id=item.id, title=item.title,
                              date=item.date, url=item.url, outlet=item.outlet, line=item.line)
        elif isinstance(item, str) and item == "-":
            yield from read_jsonl(sys.stdin, "<stdin>", on_error)
        elif isinstance(item, str) and _is_prose(item):
            texts += 1
            yield RawDocument(source=f"text-{texts}", text=item, id=f"text-{texts}")
        elif isinstance(item, str | os.PathLike):
            yield from _read_path(Path(item), on_error)
        else:
            on_error(InputError(repr(item)[:60], f"cannot read a {type(item).__name__}"))


def _is_prose(item: str) -> bool:
    """A string given as text rather than as a path: not on disk, and not shaped like a path."""
    if "\n" in item:
        return True
    if not any(ch.isspace() for ch in item) or item.lower().endswith(SUFFIXES):
        return False
    try:
        return not os.path.exists(item)
    except (OSError, ValueError):
        return True


def _read_path(path: Path, on_error: ErrorHandler) -> Iterator[RawDocument]:
    """A file or folder named by the user; a named pipe is read (the user meant it)."""
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        on_error(InputError(_shown(path), _os_reason(exc)))
        return
    if not exists:
        on_error(InputError(_shown(path), "broken symbolic link" if path.is_symlink()
                            else "no such file or directory"))
    elif is_dir:
        for file in _walk(path, on_error):
            yield from _read_file(file, on_error)
    elif not path.name.lower().endswith(SUFFIXES):
        expected = ", ".join(SUFFIXES)
        on_error(InputError(_shown(path), f"unsupported file type (expected {expected})"))
    else:
        yield from _read_file(path, on_error)


def _shown(path: str | os.PathLike[str]) -> str:
    """A path as one printable line: bytes that are not UTF-8 and control characters escaped.

    It is the `source` of what is read and the head of every error line, so a file named
    with a newline cannot break the one-line rule, nor an undecodable name the UTF-8 output.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def _walk(root: Path, on_error: ErrorHandler) -> Iterator[Path]:
    """Readable files under `root`, depth first in name order; hidden and unknown skipped.

    Directories are tracked by their resolved path, so a symlink loop ends the descent
    instead of hanging, and a folder linked twice is read once. An entry with a readable
    suffix that is no regular file (a dangling link, a named pipe) is reported, never
    opened: a pipe would block the walk.
    """
    seen = {os.path.realpath(root)}
    stack = [iter(_entries(root, on_error))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real not in seen:
                    seen.add(real)
                    stack.append(iter(_entries(Path(entry.path), on_error)))
            elif not entry.name.lower().endswith(SUFFIXES):
                continue
            elif entry.is_file():
                yield Path(entry.path)
            else:
                on_error(InputError(_shown(entry.path), _not_regular(entry)))
        except OSError as exc:
            on_error(InputError(_shown(entry.path), _os_reason(exc)))


def _not_regular(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink() and not os.path.exists(entry.path):
        return "broken symbolic link"
    return "not a regular file"


def _entries(folder: Path, on_error: ErrorHandler) -> list[os.DirEntry[str]]:
    """The visible entries of one folder, by name; an unreadable folder is reported."""
    try:
        with os.scandir(folder) as found:
            return sorted((e for e in found if not e.name.startswith(".")),
                          key=lambda e: e.name)
    except OSError as exc:
        on_error(InputError(_shown(folder), _os_reason(exc)))
        return []


def _read_file(path: Path, on_error: ErrorHandler) -> Iterator[RawDocument]:
    source = _shown(path)
    name = path.name.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            with open(path, "rb") as handle:
                _refuse_binary(handle.read(8), source)
                handle.seek(0)
                yield from read_jsonl(handle, source, on_error)
            return
        reader = READERS[path.suffix.lower()]
        document = reader(_read_bytes(path), source)
    except InputError as exc:
        on_error(exc)
        return
    except NotText as exc:
        on_error(InputError(source, str(exc)))
        return
    except OSError as exc:
        on_error(InputError(source, _os_reason(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the batch
        on_error(InputError(source, f"cannot read ({type(exc).__name__}: {_first_line(exc)})"))
        return
    yield document


def _read_bytes(path: Path) -> bytes:
    """The whole file, refused above the size limit before it is loaded."""
    source = _shown(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(source, _too_large(size))
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew, or it is a pipe or device
        raise InputError(source, _too_large(len(data)))
    return data


def _refuse_binary(head: bytes, source: str) -> None:
    kind = binary_kind(head)
    if kind:
        raise InputError(source, f"binary file ({kind}), not JSON Lines")


def _too_large(size: int) -> str:
    return f"file of {size / 1_048_576:.1f} MB is larger than the 50 MB limit"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno == errno.EACCES:
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return _first_line(exc.strerror or exc) or type(exc).__name__


def _first_line(value: object) -> str:
    lines = str(value).strip().splitlines()
    return lines[0][:200] if lines else ""
