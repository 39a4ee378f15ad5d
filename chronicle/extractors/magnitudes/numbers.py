"""Amounts in a parse: "16", "1,200", "twenty-two", "two hundred", "a dozen", "dozens",
with the words that bound them ("at least 16", "more than 30", "some 20").

A vague amount ("dozens", "scores of") has no value; its words are kept; "a" or "an"
before a noun of a person ("a child", "an elderly man") is one. Years, dates,
money and percentages are no amounts of people. The words live in lang/en/numbers.tsv
and magnitudes-phrases.txt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from chronicle import lang

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_NOT_AMOUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_YEAR = range(1900, 2100)


@dataclass(frozen=True, slots=True)
class Amount:
    """A number in the text: tokens [start, end) with the qualifier's words included;
    `last` is the number's final token, the one the parse hangs the counted noun on."""

    value: int | None
    start: int
    end: int
    last: Token
    qualifier: str | None

    @property
    def text(self) -> str:
        return self.last.doc[self.start:self.end].text


@cache
def _words() -> dict[str, tuple[int | None, str]]:
    return {row[0]: (None if row[1] == "-" else int(row[1]), row[2])
            for row in lang.table("numbers.tsv")}


@cache
def _qualifiers() -> list[tuple[tuple[str, ...], str]]:
    """(words, qualifier) pairs, longest first: "at least" -> "at least"."""
    out = [(tuple(p.split()), name.replace("_", " "))
           for name, phrases in lang.phrase_classes("magnitudes-phrases.txt").items()
           for p in phrases]
    return sorted(out, key=lambda pq: -len(pq[0]))


def _parts(tok: Token) -> list[str]:
    return [p for p in tok.lower_.split("-") if p]


def _is_number(tok: Token) -> bool:
    if tok.ent_type_ in _NOT_AMOUNTS and not _counts_next(tok):
        return False
    if _DIGITS.match(tok.text):
        return not (len(tok.text) == 4 and int(tok.text) in _YEAR)
    parts = _parts(tok)
    return bool(parts) and all(p in _words() and _words()[p][1] != "article" for p in parts)


def _hyphen(sent: Span, j: int) -> bool:
    """"Twenty-three" split by the tokenizer: a hyphen between two number words."""
    doc = sent.doc
    return j + 2 < sent.end and doc[j + 1].text == "-" and not _DIGITS.match(doc[j].text) \
        and _is_number(doc[j]) and _is_number(doc[j + 2]) and not _DIGITS.match(doc[j + 2].text)


def _counts_next(tok: Token) -> bool:
    """"05 Jul 2015 22 dead": a number the model read into a date, but followed by what
    it counts, is an amount."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ in lang.classes("magnitudes-words.txt")["next_word"]


def amounts(sent: Span) -> list[Amount]:
    """Every amount of a sentence, in order."""
    out: list[Amount] = []
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        if _one_person(tok):
            out.append(Amount(1, i, i + 1, tok, None))
        if not _is_number(tok):
            i += 1
            continue
        j = i
        while j + 1 < sent.end and (_is_number(sent.doc[j + 1]) or _hyphen(sent, j)):
            j += 1 + (sent.doc[j + 1].text == "-")  # "two hundred", "Twenty - three"
        start = i - 1 if i > sent.start and sent.doc[i - 1].lower_ in ("a", "an") and \
            _words().get(_parts(tok)[0], (0, ""))[1] == "scale" else i
        value = _value(sent.doc[start:j + 1])
        qual_start, qualifier = _qualifier(sent, start)
        out.append(Amount(value, qual_start, j + 1, sent.doc[j], qualifier))
        i = j + 1
    return out


def _one_person(tok: Token) -> bool:
    """"a child", "an elderly man", "the village chief", "his son": one person, counted
    when the noun names a person (what counts it as dead or hurt is the role's to say)."""
    return (tok.lower_ in ("a", "an", "the") and tok.dep_ == "det" or tok.dep_ == "poss"
            and tok.pos_ == "PRON") and tok.head.tag_ == "NN" and \
        tok.head.lemma_.lower() in person_nouns()


@cache
def person_nouns() -> frozenset[str]:
    return lang.classes("magnitudes-words.txt")["person_noun"]


def _value(span: Span) -> int | None:
    """"two hundred" -> 200, "1,200" -> 1200, "twenty-two" -> 22, "dozens" -> None."""
    total, current = 0, 0
    for tok in span:
        if tok.text == "-":
            continue
        if _DIGITS.match(tok.text):
            current += int(tok.text.replace(",", ""))
            continue
        for part in _parts(tok):
            value, how = _words()[part]
            if value is None:
                return None
            if how == "scale":
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
    return total + current


def _qualifier(sent: Span, start: int) -> tuple[int, str | None]:
    """The words before an amount that bound it, and where they start."""
    before = [t.lower_ for t in sent.doc[max(sent.start, start - 4):start]]
    for words, name in _qualifiers():
        if len(words) <= len(before) and tuple(before[-len(words):]) == words:
            return start - len(words), name
    return start, None
