"""HTML pages: the article's main text, title and date, through trafilatura.

Menus, share bars, captions and footers would otherwise become "sentences" with actors and
events in them; trafilatura's main-text extraction is built to leave them out.
"""

from __future__ import annotations

import logging
import re

from chronicle.errors import InputError
from chronicle.read.decode import decode_bytes, normalise_text
from chronicle.records import RawDocument

# trafilatura and htmldate log parser trouble as warnings; a reader reports through
# `on_error` instead, so their records must not reach stderr through logging's last resort.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*>")


def read_html(data: bytes, source: str) -> RawDocument:
    """One page, one document; paragraphs separated by blank lines so they can be split."""
    import trafilatura

    markup = _XML_DECL.sub("", decode_bytes(data, html=True))
    if not markup.strip():
        raise InputError(source, "empty file" if not data else "no text (only whitespace)")
    try:
        found = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_images=False,
            include_links=False, deduplicate=False,
        )
    except RecursionError as exc:
        raise InputError(source, "HTML nested too deeply to parse") from exc
    except (ValueError, TypeError, AttributeError, LookupError) as exc:
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from exc
    text = normalise_text(getattr(found, "text", None) or "")
    title = _clean(getattr(found, "title", None))
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the <h1> repeats the title; keep it out of the text
    if not paragraphs:
        raise InputError(source, _no_text(markup))
    return RawDocument(source=source, text="\n\n".join(paragraphs), id=source, title=title,
                       date=_clean(getattr(found, "date", None)),
                       url=_clean(getattr(found, "url", None)))


def _no_text(markup: str) -> str:
    """Why a page gave no text: libxml2 drops what lies deeper than 255 elements, say so."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(markup, parser)
    except (etree.LxmlError, ValueError):
        return "no article text"
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        return "no article text within the parser's nesting limit (HTML nested over 255 deep)"
    return "no article text"


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalise_text(value).split())
    return value or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
