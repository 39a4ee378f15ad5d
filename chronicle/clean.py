"""Cleaning: scraper debris out, several articles of one file apart.

(Minimal version; the full cleaner is being written.)
"""

from __future__ import annotations

import re
import unicodedata

from chronicle.records import Document, RawDocument


def normalised_key(text: str) -> str:
    """The text as compared for duplicates: NFKC, case and whitespace folded."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def to_documents(raw: RawDocument) -> list[Document]:
    text = re.sub(r"\r\n?", "\n", raw.text).strip()
    return [Document(id=raw.id or raw.source, text=text, source=raw.source, title=raw.title,
                     date=raw.date, url=raw.url)]
