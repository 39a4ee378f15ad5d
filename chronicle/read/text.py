"""Plain text and Markdown files: one RawDocument each, marked as scraped.

The reader only decodes and strips Markdown syntax; telling articles and scraper debris
apart is the cleaner's job (`chronicle.clean`), so text given by other routes gets it too.
"""

from __future__ import annotations

import re

from chronicle.errors import InputError
from chronicle.read.decode import decode_bytes, normalise_text
from chronicle.records import RawDocument

# Patterns here take no lazy group before a trailing run (`(.*?)[ \t#]*$`), which costs time
# quadratic in a line's length; closing #s and quotes are trimmed with string methods.
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE)
_LEAD = re.compile(r"\s*#[ \t]+([^\n]*)\n")
# A scan stops at the next bracket and within a bounded length, so these stay linear: an
# unbounded `[^\]]+` makes "[a[a[a..." cost time quadratic in the size of the file.
_IMAGE = re.compile(r"!\[([^\[\]]{0,300})\]\([^()\n]{0,1000}\)")
_LINK = re.compile(r"\[([^\[\]]{1,300})\]\([^()\n]{0,1000}\)")
_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FIELD = re.compile(r"^(title|date)[ \t]*:([^\n]*)$", re.IGNORECASE | re.MULTILINE)


def read_text(data: bytes, source: str) -> RawDocument:
    """A .txt file as it is, for the cleaner to split and de-clutter."""
    text = _nonblank(normalise_text(decode_bytes(data)), data, source)
    return RawDocument(source=source, text=text, id=source, scraped=True)


def _nonblank(text: str, data: bytes, source: str) -> str:
    """The text, or InputError: an empty file is worth a line, not a silent nothing."""
    if not data:
        raise InputError(source, "empty file")
    if not text.strip():
        raise InputError(source, "no text (only whitespace)")
    return text


def read_markdown(data: bytes, source: str) -> RawDocument:
    """A .md file without heading marks and link syntax; `# Title` or front matter titles it."""
    text = _nonblank(normalise_text(decode_bytes(data)), data, source)
    meta: dict[str, str] = {}
    front = _FRONT.match(text)
    if front:
        fields = ((key.lower(), _unquote(value)) for key, value in _FIELD.findall(front.group(1)))
        meta = {key: value for key, value in fields if value}
        text = text[front.end():]
    title = meta.get("title")
    lead = _LEAD.match(text + "\n")
    heading = _heading(lead.group(1)) if lead else ""
    if lead and heading and (not title or _same(heading, title)):  # `# Title` repeating it
        title = heading
        text = text[lead.end():]
    text = _HEADING.sub(lambda m: _heading(m.group(1)), text)
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    if not text.strip():
        raise InputError(source, "no text (only a title or front matter)")
    return RawDocument(source=source, text=text, id=source, title=title,
                       date=meta.get("date"), scraped=True)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _heading(line: str) -> str:
    """A heading's words without the closing #s that Markdown allows ("## Repairs ##")."""
    words = line.strip(" \t")
    bare = words.rstrip("#")
    if bare != words and (not bare or bare[-1] in " \t"):
        words = bare.rstrip(" \t")
    return words


def _unquote(value: str) -> str:
    value = value.strip()
    value = value[1:] if value[:1] in ("'", '"') else value
    return value[:-1] if value[-1:] in ("'", '"') else value
