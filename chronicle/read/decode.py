"""Bytes to clean text: encodings found, binaries refused, invisible debris dropped.

A reader must never guess at a file that is not text: a PDF or a ZIP renamed `.txt` would
otherwise pour mojibake into the NLP stage and the store. So a file is either decoded by a
rule we can state (BOM, UTF-8, cp1252) or reported with a reason.
"""

from __future__ import annotations

import codecs
import re

# Magic numbers of formats users most often save under a text suffix by mistake.
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0", "legacy Office"),
    (b"{\\rtf", "RTF"),
    (b"\x7fELF", "executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_SHARE = 0.01  # more control characters than this and the "text" is binary
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)

# Controls other than \t and \n, C1 controls, bidi embeddings and isolates, marks and
# zero-width characters that carry no text (ZWJ and ZWNJ stay: emoji and Persian need them),
# and lone surrogates (a JSON "\ud800" escape), which no UTF-8 output can encode.
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u00ad\u061c\u200b\u200e\u200f"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n",
                         "\u2028": "\n", "\u2029": "\n\n"})


class NotText(ValueError):
    """The bytes are not a text we can read; the message is the one-line reason."""


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Decode a whole file, or raise NotText with the reason."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText(f"broken {codec.upper()} text at byte {exc.start}") from exc
    kind = binary_kind(data[:8])
    if kind:
        raise NotText(f"binary file ({kind}), not text")
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes), not text")
    text = _decode_unmarked(data, html)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > _CONTROL_SHARE:
        raise NotText("binary file (control characters), not text")
    return text


def binary_kind(head: bytes) -> str | None:
    """The format whose magic number starts `head` (PDF, PNG, ZIP...), or None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _decode_unmarked(data: bytes, html: bool) -> str:
    """UTF-8, else a charset the HTML declares, else cp1252: the usual order of the web."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ch > "\x7f") - bad
    if good >= 3 * bad:  # UTF-8 with a few stray bad bytes: keep it UTF-8
        return lenient
    if html:
        declared = _CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise NotText("cannot decode: not UTF-8, UTF-16 or cp1252") from exc


def normalise_text(text: str) -> str:
    r"""Newlines as \n, no NUL or invisible controls; letters, emoji and RTL text untouched."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    return _DROP.sub("", text)
