"""Where in a text a date sits: its sentence, a quote, a photo caption, a wire dateline.

Plain string code (no spaCy): the resolver of find.py asks these questions of every date
expression to decide whether it may move the narrative ("aside", "flashback", "background"
in find.py), and the words it looks for ("which", "is expected", "File photo") come from
lang/en/dates-words.txt through `words`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from chronicle.extractors.dates import words as w

_OPENERS = w.words("sentence_opener")  # "But then, on May 2, ...": the date opens it
# a clause that speaks of the future ("is expected in Abidjan on Thursday")
_FUTURE = re.compile(rf"(?i)\b(?:{w.either(w.WORDS['future'], space=' ')})\b")
# a relative or participle clause ("which was signed in 1978")
_SIDE_CLAUSE = re.compile(rf"(?i)\b(?:{w.alternation('side_clause')})\b")
_SINCE = re.compile(rf"(?i)\b(?:{w.alternation('since')})\b")
_DATE_WORD = re.compile(rf"\d|\b(?:{w.either(m.title() for m in w.MONTH_NAMES)})\b")
_CLAUSE_BREAKS = (",", ";", *(f" {c} " for c in w.WORDS["clause_break"]))
_FUTURE_BREAKS = _CLAUSE_BREAKS + tuple(f" {c} " for c in w.WORDS["contrast"])

_CREDIT_END = re.compile(r"\(\s*[A-Z][^()\n]{0,40}\)\s*$")
_CAPTION_START = re.compile(
    rf"(?i)^\s*(?:{w.alternation('caption_opener')}|(?:{w.alternation('caption_word')})\s|"
    rf"(?:{w.alternation('caption_label')})\s*:|(?:{w.alternation('caption_source')})\s*[-–:])")
_DATELINE = re.compile(
    r"\s*(?:(?P<city>[A-Z][A-Z'.\-/ ]{2,30}[A-Z.])(?:,\s*[A-Z][\w.'\- ]{0,30}?)?,?\s*|"
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*(?=\d|[A-Z][a-z]{2,8}\.?\s+\d))?"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"\s*(?:\([A-Z][A-Za-z.&/ -]{1,30}\)\s*(?:-{1,2}|–|—|:)?|(?:-{1,2}|–|—)\s)")
_QUOTE = re.compile(r"“[^”“]*(?:”|(?=“)|\Z)|\"[^\"\n]*\"")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_NO_END = re.compile(rf"(?:\b(?:(?i:{w.either(sorted(w.ABBREVIATIONS))})|[A-Z])\.)$")


def simple_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and line breaks, for callers without spaCy."""
    spans: list[tuple[int, int]] = []
    start = 0
    for b in _BOUNDARY.finditer(text):
        if "\n" in b.group() or not _NO_END.search(text[max(0, b.start() - 6):b.start()]):
            spans.append((start, b.start()))
            start = b.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_OPENING_CHARS = 120  # an opening adverbial ("Then, in the autumn of") is short
_CLAUSE_CHARS = 300  # how far back a clause boundary is looked for


class Layout:
    """Where in the text a position is: which sentence, inside a quote, a caption."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sorted(sentences) or simple_sentences(text)
        self.starts = [s for s, _ in self.sentences]
        self.quotes = [m.span() for m in _QUOTE.finditer(text)]
        self.captions, self.datelines = _asides(text)
        self.asides = sorted(self.captions + self.datelines)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        return (line_start, len(self.text) if line_end < 0 else line_end)

    def opens_sentence(self, pos: int) -> bool:
        """Only adverbial words before it: "Then, in 1997," sets the scene; "signed in" not."""
        start = max(self.sentence(pos)[0], self.text.rfind("\n", 0, pos) + 1)
        if pos - start > _OPENING_CHARS:
            return False
        return all(word.lower() in _OPENERS for word in re.findall(r"\w+", self.text[start:pos]))

    def future(self, pos: int) -> bool:
        """Whether the clause leading to this date speaks of the future ("is expected in
        Abidjan on Thursday"; not "met on Wednesday and will travel on Friday" for Wednesday)."""
        start = max(self.sentence(pos)[0], pos - _CLAUSE_CHARS // 3)
        piece = self.text[start:pos]
        cut = max(piece.rfind(mark) for mark in _FUTURE_BREAKS)
        return bool(_FUTURE.search(piece[cut + 1:]))

    def in_aside_clause(self, pos: int) -> bool:
        """The words since the last comma open a relative or participle clause."""
        start = max(self.sentence(pos)[0], pos - _CLAUSE_CHARS)
        cut = max(self.text.rfind(c, start, pos) for c in ",;:(–—")
        return bool(_SIDE_CLAUSE.search(self.text, max(start, cut + 1), pos))

    def since(self, pos: int) -> bool:
        """Inside a "since" clause: "since fighting resumed in June" is background."""
        start = max(self.sentence(pos)[0], pos - _CLAUSE_CHARS // 3)
        piece = self.text[start:pos]
        cut = max(piece.rfind(mark) for mark in _CLAUSE_BREAKS)
        found = list(_SINCE.finditer(piece[cut + 1:]))
        if not found:
            return False
        between = piece[cut + 1:][found[-1].end():]
        # "since fighting resumed in June", not "held since January ... on Wednesday"
        return len(between.split()) <= 5 and not _DATE_WORD.search(between)

    def quoted(self, pos: int) -> bool:
        return inside(self.quotes, pos)

    def aside(self, pos: int) -> bool:
        return inside(self.asides, pos)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """pos lies in one of the disjoint, sorted spans."""
    i = bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Wire datelines at the head of paragraphs ("BEIRUT, Lebanon (AP) --"): the place and
    agency there are the story's byline, not actors in it."""
    return _asides(text)[1]


def _asides(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Photo captions (whole paragraphs) and wire datelines (the head of a paragraph)."""
    captions, datelines = [], []
    for para in re.finditer(r"[^\n]+", text):
        line = para.group()
        lead = len(line) - len(line.lstrip())  # matched from its first word: a line
        # padded with spaces (a headline's copy keeps its offsets so) costs no backtracking
        if len(line) - lead <= 300 and (_CREDIT_END.search(line, lead)
                                        or _CAPTION_START.match(line[lead:])):
            captions.append(para.span())
            continue
        head = _DATELINE.match(line, lead)
        if head and head.group().strip() and (head["city"] or head["date"]) \
                and not _delegate(head.group()):
            datelines.append((para.start(), para.start() + head.end()))
    return captions, datelines


def _delegate(head: str) -> bool:
    """"JOSEPH KIPROP LANGAT (Kenya) said": a UN record's speaker and the country he
    speaks for, not a dateline's place and agency: a country in the brackets, and no dash
    after them."""
    from chronicle.extractors.actors.known import known_names

    inside = re.search(r"\(([^)]*)\)\s*$", head)
    known = known_names().get(inside.group(1).strip()) if inside else None
    return known is not None and known.kind == "country"


