"""Plain text and Markdown files: one RawDocument each, marked as scraped.

The reader only decodes and strips Markdown syntax; telling articles and scraper debris
apart is the cleaner's job (`chronicle.clean`), so text given by other routes gets it too.
"""

from __future__ import annotations

import re

from chronicle.read.decode import decode_bytes, normalise_text
from chronicle.records import RawDocument

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FIELD = re.compile(r"^(title|date)\s*:\s*[\"']?(.*?)[\"']?\s*$", re.IGNORECASE | re.MULTILINE)


def read_text(data: bytes, source: str) -> RawDocument:
    """A .txt file as it is, for the cleaner to split and de-clutter."""
    return RawDocument(source=source, text=normalise_text(decode_bytes(data)), id=source,
                       scraped=True)


def read_markdown(data: bytes, source: str) -> RawDocument:
    """A .md file without heading marks and link syntax; `# Title` or front matter titles it."""
    text = normalise_text(decode_bytes(data))
    meta: dict[str, str] = {}
    front = _FRONT.match(text)
    if front:
        meta = {key.lower(): value for key, value in _FIELD.findall(front.group(1)) if value}
        text = text[front.end():]
    title = meta.get("title")
    lead = re.match(r"\s*#[ \t]+(.+?)[ \t#]*\n", text + "\n")
    if lead and not title:
        title = lead.group(1).strip()
        text = text[lead.end():]
    text = _HEADING.sub(r"\1", text)
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return RawDocument(source=source, text=text, id=source, title=title,
                       date=meta.get("date"), scraped=True)
