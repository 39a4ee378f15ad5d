"""JSON Lines: one document a line, read as a stream so corpora of any size fit.

A bad line is reported as `path:LINE` with its reason and the next line is read: one
broken record in a corpus of thousands must not cost the others.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from chronicle.errors import InputError
from chronicle.read.decode import normalise_text
from chronicle.records import RawDocument

MAX_LINE_BYTES = 50 * 1024 * 1024  # one record larger than this is refused, not loaded

_OPTIONAL = ("title", "date", "url", "source")


def read_jsonl(handle: IO[bytes] | IO[str], source: str,
               on_error: Callable[[InputError], None]) -> Iterator[RawDocument]:
    """Every good line of `handle` as a RawDocument; bad lines go to `on_error`.

    Input with no line at all but blank ones is reported once, so an empty file or an
    empty standard input is not a silent nothing.
    """
    bad: list[InputError] = []

    def report(exc: InputError) -> None:
        bad.append(exc)
        on_error(exc)

    filled = False
    for number, line in _lines(handle, source, report):
        if not line.strip():
            continue
        filled = True
        try:
            record = _record(line, source, number)
        except InputError as exc:
            on_error(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one odd record must not stop the file
            reason = (str(exc).strip().splitlines() or [""])[0][:200]
            on_error(InputError(f"{source}:{number}", f"cannot read ({type(exc).__name__}: "
                                                      f"{reason})"))
            continue
        yield record
    if not filled and not bad:
        on_error(InputError(source, "no JSON Lines records (empty file)"))


def _lines(handle: IO[bytes] | IO[str], source: str,
           on_error: Callable[[InputError], None]) -> Iterator[tuple[int, str]]:
    """Numbered text lines; undecodable or oversized lines are reported and skipped."""
    binary = _binary(handle)
    if binary is None:  # a text stream, such as a replaced sys.stdin
        yield from _text_lines(handle)  # type: ignore[arg-type]
        return
    head = binary.peek(4)[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _text_lines(io.TextIOWrapper(binary, encoding="utf-16", errors="replace"))
        return
    number = 0
    while chunk := binary.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(chunk) > MAX_LINE_BYTES:
            on_error(InputError(f"{source}:{number}", "line larger than the 50 MB limit"))
            while chunk and not chunk.endswith(b"\n"):
                chunk = binary.readline(MAX_LINE_BYTES)
            continue
        try:
            yield number, chunk.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            on_error(InputError(f"{source}:{number}", "not valid UTF-8"))


def _text_lines(handle: IO[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(handle, start=1):
        yield number, line.lstrip("\ufeff") if number == 1 else line


def _binary(handle: IO[bytes] | IO[str]) -> io.BufferedReader | None:
    """The byte stream under a handle when there is one (a real stdin or an opened file)."""
    if isinstance(handle, io.BufferedIOBase | io.RawIOBase):
        return handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
    buffer = getattr(handle, "buffer", None)
    if isinstance(buffer, io.BufferedReader):
        return buffer
    return None


def _record(line: str, source: str, number: int) -> RawDocument:
    """One parsed line, or InputError naming the line and what is wrong with it."""
    where = f"{source}:{number}"
    try:
        data: Any = json.loads(line.rstrip("\r\n"))  # a cut-off string then says so
    except json.JSONDecodeError as exc:
        raise InputError(where, f"broken JSON ({exc.msg}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(where, "JSON nested too deeply") from exc
    if not isinstance(data, dict):
        raise InputError(where, f"expected a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str):
        reason = "missing \"text\"" if text is None else "\"text\" is not a string"
        raise InputError(where, reason)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(where, "empty \"text\"")
    ident = data.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int | float | type(None)):
        raise InputError(where, "\"id\" must be a string or a number")
    fields: dict[str, str | None] = {}
    for name in _OPTIONAL:
        # Metadata of another type is left out, not a reason to lose the text: a "source"
        # list (PLOVER's annotations) or a numeric date ("date": 2025) is common.
        value = data.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            value = None
        fields[name] = (" ".join(normalise_text(value).split()) or None) if value else None
    ident = str(ident).strip() if ident is not None else ""
    return RawDocument(source=source, text=text, id=ident or where, title=fields["title"],
                       date=iso_date(fields["date"]), url=fields["url"],
                       outlet=fields["source"], line=number)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def iso_date(value: str | None) -> str | None:
    """A publication date as ISO 8601 at its own precision ("2025", "1997-11", "1997-11-22"),
    from ISO or from a written date ("Nov. 22, 1997"); None when it is not a date."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if m:
        return "-".join(part for part in m.groups() if part)
    from chronicle.extractors.dates.parse import find_mentions

    for found in find_mentions(value):
        if found.kind == "date" and found.year:
            parts = [f"{found.year:04d}", found.month and f"{found.month:02d}",
                     found.month and found.day and f"{found.day:02d}"]
            return "-".join(p for p in parts if p)
    return None
