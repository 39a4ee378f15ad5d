"""Fuzzing the readers and the cleaner: arbitrary bytes in, a document or a reason out.

The only exceptions a reader may raise are InputError and decode's own NotText (which
`chronicle.read` translates into InputError); anything else would stop a batch. The byte
strategies lean towards what breaks parsers: BOMs, magic numbers, markup, JSON fragments
and text in several encodings, besides plain random bytes. Bounded by max_examples.
"""

from __future__ import annotations

import codecs
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.clean import MAX_DOC_CHARS, split_articles, split_long, to_documents
from chronicle.errors import InputError
from chronicle.read.decode import NotText, decode_bytes
from chronicle.read.html import read_html
from chronicle.read.jsonl import read_jsonl
from chronicle.read.text import read_markdown, read_text
from chronicle.records import RawDocument

PREFIXES = (b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
            codecs.BOM_UTF32_LE, b"%PDF-", b"\x89PNG", b"PK\x03\x04", b"<html><body><p>",
            b'<?xml version="1.0" encoding="latin-1"?>', b'<meta charset="utf-16">',
            b'{"id": 1, "text": "', b"---\ntitle: x\n---\n# ", b"\x00", b"\r\n\r\n")
FRAGMENTS = ("The council met on Friday.", "TT", "20", "|", "(AFP)", "Photo: AFP", "* * *",
             "Talks Resume In Marelle", "“", "”", "«", "»", "<div>", "</p>", "<script>",
             '{"text": 1}', "\\ud800", "\r", "\n", "\n\n", "\t", "\u200f", "\u202e", "\x00",
             "\ud800", "\ufeff", "\u2028", "é", "🌊", "قال", " ", "  ", ".", "?", "March 3, 2024",
             "[", "](", ")", "![", "# ", "## ", " #", "---\n", "title: ", "'")


def fuzz(examples: int) -> settings:
    """A bounded run: the example counts below keep the file to about 20 s in CI."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join),
)
_bytes = st.one_of(
    st.binary(max_size=1500),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=400)).map(b"".join),
    st.tuples(st.sampled_from(PREFIXES), _texts,
              st.sampled_from(("utf-8", "utf-16-le", "utf-16-be", "cp1252", "latin-1")))
    .map(lambda t: t[0] + t[1].encode(t[2], errors="surrogatepass" if "utf" in t[2]
                                      else "replace")),
)


def _assert_clean(text: str) -> None:
    assert "\r" not in text and "\x00" not in text
    text.encode("utf-8")  # no lone surrogate left for the UTF-8 output to choke on


@fuzz(5000)
@given(_bytes, st.booleans())
def test_decode_bytes_gives_text_or_not_text(data: bytes, html: bool) -> None:
    try:
        text = decode_bytes(data, html=html)
    except NotText as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str)


@fuzz(3000)
@given(_bytes)
def test_text_and_markdown_readers(data: bytes) -> None:
    for reader in (read_text, read_markdown):
        try:
            raw = reader(data, "fuzz.txt")
        except (NotText, InputError) as exc:
            assert "\n" not in str(exc)
            continue
        assert raw.text.strip()
        _assert_clean(raw.text)


@fuzz(1500)
@given(st.one_of(_bytes, _texts.map(lambda t: f"<html><body><article><p>{t}</p><p>{t[::-1]}"
                                              "</p></article></body></html>".encode(
                                                  "utf-8", errors="surrogatepass"))))
def test_html_reader(data: bytes) -> None:
    try:
        raw = read_html(data, "fuzz.html")
    except (NotText, InputError) as exc:
        assert "\n" not in str(exc)
        return
    assert raw.text.strip()
    _assert_clean(raw.text)


@fuzz(3000)
@given(_bytes)
def test_jsonl_reader_never_raises(data: bytes) -> None:
    """Bad lines go to on_error, one line each; good lines become documents."""
    errors: list[InputError] = []
    docs = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "fuzz.jsonl", errors.append))
    for doc in docs:
        assert doc.text.strip() and doc.id
        _assert_clean(doc.text)
    assert all("\n" not in str(e) for e in errors)
    text = data.decode("utf-8", errors="replace")  # a replaced sys.stdin is a text stream
    for doc in read_jsonl(io.StringIO(text), "<stdin>", errors.append):
        _assert_clean(doc.text)


@fuzz(5000)
@given(_texts, st.booleans(), st.sampled_from((None, "A Title", "")))
def test_cleaner_never_fails(text: str, scraped: bool, title: str | None) -> None:
    raw = RawDocument(source="fuzz", text=text, id="f", title=title, scraped=scraped)
    docs = to_documents(raw)
    assert len({d.id for d in docs}) == len(docs)
    for doc in docs:
        assert doc.text and doc.text == doc.text.strip() and len(doc.text) <= MAX_DOC_CHARS
        _assert_clean(doc.text)
    for article in split_articles(text.replace("\r", "\n")):
        assert all(isinstance(line, str) for block in article.blocks for line in block)


@fuzz(2000)
@given(_texts, st.integers(min_value=1, max_value=60))
def test_long_texts_are_cut_without_losing_a_character(text: str, limit: int) -> None:
    """Parts fit the limit and, whitespace aside, say exactly what the whole said."""
    if not text.strip():
        return
    parts = split_long(text.strip(), limit=limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
