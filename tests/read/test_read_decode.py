"""Decoding: encodings read by rule, binaries refused with a reason, debris characters out."""

from __future__ import annotations

import codecs

import pytest

from chronicle.read.decode import NotText, decode_bytes, normalise_text

SAMPLE = "Minister Lina Haddad visited Mosul on Friday – “a new start,” she said."


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8")) == SAMPLE
    assert decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")) == SAMPLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + SAMPLE.encode(codec)) == SAMPLE


def test_cp1252_fallback_reads_curly_quotes_and_accents() -> None:
    text = "Le café “Rive” ouvre à Genève – dit le maire."
    assert decode_bytes(text.encode("cp1252")) == text


def test_utf8_with_one_stray_byte_stays_utf8() -> None:
    text = "Zürich, Genève, Köln und München – Städte mit Geschichte. " * 3
    data = text.encode("utf-8") + b"\xff end"
    decoded = decode_bytes(data)
    assert decoded.startswith("Zürich, Genève")
    assert "\ufffd" in decoded


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
])
def test_binary_magic_is_reported(head: bytes, kind: str) -> None:
    with pytest.raises(NotText, match=kind):
        decode_bytes(head + b"plain words after the header " * 4)


def test_nul_bytes_without_utf16_bom_mean_binary() -> None:
    with pytest.raises(NotText, match="NUL"):
        decode_bytes(b"some words\x00\x00\x01more words")


def test_control_characters_mean_binary() -> None:
    with pytest.raises(NotText, match="control"):
        decode_bytes(bytes(range(1, 9)) * 50 + b"text")


def test_undecodable_bytes_are_reported_not_guessed() -> None:
    with pytest.raises(NotText, match="cannot decode"):
        decode_bytes(b"abc \x81\x8d\x8f\x90\x9d def")


def test_html_declared_charset_is_used_when_utf8_fails() -> None:
    page = '<meta charset="koi8-r"><p>Москва</p>'.encode("koi8-r")
    assert "Москва" in decode_bytes(page, html=True)


def test_newlines_normalised_and_controls_dropped() -> None:
    raw = "One\r\ntwo\rthree\x00\x07\tfour\x0cfive\u2028six"
    assert normalise_text(raw) == "One\ntwo\nthree\tfour\n\nfive\nsix"


def test_arabic_emoji_and_rtl_text_kept_bidi_marks_dropped() -> None:
    arabic = "قال الوزير إن المحادثات ستستمر"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji joined by ZWJ
    persian = "می\u200cخواهم"  # ZWNJ belongs to the word
    raw = f"\u202b{arabic}\u202c \u200f{family} {persian}\u200b"
    assert normalise_text(raw) == f"{arabic} {family} {persian}"
