"""Quoted passages found by their marks alone: plain string code, no NLP, one pass.

News copy from different outlets and decades marks quotations differently: curly “…” and
straight "…" double marks, British ‘…’ outer marks, ``…'' in older wire copy, «…» and »…«,
and „…“. Single marks double as apostrophes (it’s, the group’s, the rebels’ demands), so a
single-mark opener only counts when a closer follows in its paragraph. A quote left open at
the end of a paragraph runs on when the next paragraph opens with a quote mark (the news
convention for multi-paragraph quotes) or is an item of a numbered list.

Also here: the string helpers of `quotes` (paragraphs, sentence bounds, quoted names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.extractors.quotes.words import ABBREVIATIONS, ELISIONS, NAME_ARTICLES, NAME_PARTICLES

_DOUBLE_OPENERS = {
    "“": ("”", "“"), "„": ("“", "”"), "«": ("»",), "»": ("«",), "‹": ("›",), "›": ("‹",),
    '"': ('"',), "``": ("''", '"', "”"), "''": ("''",), "”": ("”",),
}
_SINGLE_OPENERS = {"‘": ("’",), "`": ("'", "’"), "'": ("'",), "‚": ("‘", "’")}
_MARK_CHARS = frozenset("“”„«»‹›\"‘’'`‚")
_OPEN_CONTEXT = frozenset("([{—–-/:;,\"“‘«»„‹›`'")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-\"”’'»«‹›…")
_OPENING_ONLY = frozenset(("„", "‘", "`", "``", "‚"))
_WORD = re.compile(r"[^\W_][\w’'-]*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s|$)")
_NAME_ARTICLE = re.compile(rf"(?:{'|'.join(map(re.escape, NAME_ARTICLES))})-[A-Z]")
_LIST_ITEM = re.compile(r"(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\s?[-.)–]\s|[•·*–-]\s")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
MIN_UNCLOSED_WORDS = 4  # an unclosed single mark before fewer words is an apostrophe


@dataclass(frozen=True, slots=True)
class Marked:
    """One top-level quoted passage: the words between its marks, offsets into the text."""

    open: int  # offset of the opening mark
    start: int  # first character of the quoted words
    end: int  # end of the quoted words
    close: int  # end of the closing mark (== end when the quote runs on unclosed)
    closed: bool
    continues: bool  # the paragraph part of a quote begun in an earlier paragraph
    mark: str


@dataclass(slots=True)
class _Open:
    pos: int
    mark: str
    closers: tuple[str, ...]
    single: bool
    continues: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated, or line separated when no line is blank."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans, pos = [], 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append((start + lead, start + len(chunk.rstrip())))
    return out


def _mark_at(text: str, i: int) -> str | None:
    pair = text[i:i + 2]
    if pair in ("``", "''"):
        return pair
    return text[i] if text[i] in _MARK_CHARS else None


def _flanks(text: str, i: int, mark: str) -> tuple[bool, bool]:
    """(left, right): whether the mark can open (text follows) or close (text precedes)."""
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + len(mark)] if i + len(mark) < len(text) else None
    left = nxt is not None and not nxt.isspace() and (
        prev is None or prev.isspace() or prev in _OPEN_CONTEXT)
    right = prev is not None and not prev.isspace() and (
        nxt is None or nxt.isspace() or nxt in _CLOSE_CONTEXT)
    return left, right


def _definite_single_close(text: str, i: int, limit: int) -> bool:
    """A later ’ or ' in the paragraph that can only be a closing mark."""
    for j in range(i + 1, limit):
        ch = text[j]
        if ch == "‘":
            return False
        if ch not in "’'":
            continue
        prev, nxt = text[j - 1], text[j + 1] if j + 1 < len(text) else " "
        if prev.isspace() or nxt.isalnum() or (prev.isalpha() and nxt.isalpha()):
            continue
        if prev not in "sS":
            return True
    return False


class _Scanner:
    """One pass over the text with a stack of open marks; see the module docstring."""

    def __init__(self, text: str):
        self.text = text
        self.soft_newlines = bool(_BLANK_LINE.search(text))
        self.ignored: set[int] = set()
        self.found: list[Marked] = []
        self.carried: dict[str, tuple[str, ...]] = {}  # a continuing paragraph's opener ->
        # the closers of the quote it continues

    def run(self) -> list[Marked]:
        text, i = self.text, 0
        stack: list[_Open] = []
        pending = False  # the next opener continues a quote from the previous paragraph
        para_end = self._para_end(0)
        while True:
            if i >= len(text):
                if not stack:
                    break
                restart = self._unclosed(len(text), stack)
                if restart is None:
                    break
                i, pending = restart
                continue
            if i >= para_end:
                para_end = self._para_end(i)
            if text[i] == "\n" and stack:
                i, pending = self._newline(i, stack, pending)
                continue
            mark = _mark_at(text, i) if i not in self.ignored else None
            if mark is None:
                i += 1
                continue
            action, depth = ("open", 0) if pending and not stack and mark in self.carried \
                else self._classify(i, mark, stack, para_end)
            if action == "close":
                self._pop(stack, depth, i, len(mark))
            elif action == "reopen":  # the quote open before was never closed: it ends here
                self._emit(stack[0], i, i, closed=False)
                stack.clear()
                stack.append(_Open(i, mark, _DOUBLE_OPENERS[mark], False, False))
            elif action == "open":
                single = mark in _SINGLE_OPENERS
                closers = (_SINGLE_OPENERS if single else _DOUBLE_OPENERS)[mark]
                if pending and not stack and mark in self.carried:  # "» Et nous …»"
                    closers = tuple(dict.fromkeys((*self.carried[mark], *closers)))
                stack.append(_Open(i, mark, closers, single, pending and not stack))
                pending, self.carried = False, {}
            i += len(mark)
        return self.found

    def _para_end(self, i: int) -> int:
        if self.soft_newlines:
            match = _BLANK_LINE.search(self.text, i)
            return match.start() if match else len(self.text)
        nl = self.text.find("\n", i)
        return nl if nl >= 0 else len(self.text)

    def _classify(self, i: int, mark: str, stack: list[_Open], para_end: int) -> tuple[str, int]:
        """("close", depth) pops the stack to that depth; ("open", 0) pushes; ("reopen", 0)
        ends the open quote unclosed and opens another; else skip."""
        text = self.text
        left, right = _flanks(text, i, mark)
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + len(mark)] if i + len(mark) < len(text) else " "
        if mark in ("’", "'"):
            if (prev.isalnum() and nxt.isalnum()) or (prev.isspace() and mark == "’"):
                return "skip", 0  # apostrophe (it’s) or elision (’90s)
            if not prev.isspace():
                depth = _find(stack, mark)
                if depth is None or (prev in "sS" and _definite_single_close(text, i, para_end)):
                    return "skip", 0  # possessive plural (the rebels’ demands)
                return "close", depth
        elif mark in ("“", '"', "``") and stack and stack[-1].mark == mark and left and \
                not right and prev.isspace():
            return "reopen", 0  # “A, he said. “B.”: a mark of the same kind opens again
        elif mark == "“":
            depth = _find(stack, mark)
            if depth is not None and (stack[depth].mark == "„" or (right and not left)):
                return "close", depth
        elif mark in ('"', "''") or mark not in _OPENING_ONLY:
            depth = _find(stack, mark)
            if depth is not None:
                return "close", depth
        return ("open", 0) if self._opens(i, mark, left, right, nxt) else ("skip", 0)

    def _opens(self, i: int, mark: str, left: bool, right: bool, nxt: str) -> bool:
        if mark in _SINGLE_OPENERS:
            if not left or re.match(r"\d\d(?!\d)", self.text[i + 1:i + 4]):
                return False  # ‘80s, ‘98: an elision
            return not (mark == "'" and self.text[i + 1:i + 6].lower().startswith(ELISIONS))
        if mark in ("»", "›", "”", "''"):
            return left and not right
        return left or not right

    def _pop(self, stack: list[_Open], depth: int, i: int, length: int) -> None:
        opened = stack[depth]
        del stack[depth:]
        if not stack:
            self._emit(opened, i, i + length, closed=True)

    def _emit(self, opened: _Open, end: int, close: int, closed: bool) -> None:
        start = opened.pos + len(opened.mark)
        words = self.text[start:end]
        stripped = words.strip()
        if not stripped:
            return
        start += len(words) - len(words.lstrip())
        self.found.append(Marked(opened.pos, start, start + len(stripped), close,
                                 closed, opened.continues, opened.mark))

    def _newline(self, i: int, stack: list[_Open], pending: bool) -> tuple[int, bool]:
        """At a line break inside an open quote: run on, continue, or end the quote."""
        text = self.text
        j = i
        while j < len(text) and text[j].isspace():
            j += 1
        blank = text.count("\n", i, j) >= 2
        if j >= len(text):
            return j, pending
        bottom = stack[0]
        mark = _mark_at(text, j)
        family = _SINGLE_OPENERS if bottom.single else _DOUBLE_OPENERS
        if mark is not None and mark in family and mark not in ("”", "''"):
            self._emit(bottom, i, i, closed=False)
            stack.clear()
            self.carried = {mark: bottom.closers}  # French copy reopens with »: it closes
            return j, True
        if _LIST_ITEM.match(text, j) or (self.soft_newlines and not blank):
            return i + 1, pending
        restart = self._unclosed(i, stack)
        return (restart if restart is not None else (j, False))

    def _unclosed(self, end: int, stack: list[_Open]) -> tuple[int, bool] | None:
        """A quote still open at a paragraph's end: keep a double mark, drop a single one.

        A dropped single mark was an apostrophe; scanning resumes right after it."""
        bottom = stack[0]
        stack.clear()
        if bottom.single and not self._introduced(bottom, end):
            self.ignored.add(bottom.pos)
            return bottom.pos, bottom.continues
        self._emit(bottom, end, end, closed=False)
        return None

    def _introduced(self, opened: _Open, end: int) -> bool:
        """A single mark that opens its paragraph, or follows a colon, before a capital and
        several words, opens a quote even when the writer never closes it (‘I have fished
        these waters ... ): no apostrophe stands there."""
        text = self.text
        line = text.rfind("\n", 0, opened.pos) + 1
        before = text[line:opened.pos].rstrip()
        after = text[opened.pos + len(opened.mark):end]
        return (not before or before.endswith(":")) and after[:1].isupper() and \
            word_count(after) >= MIN_UNCLOSED_WORDS


def _find(stack: list[_Open], mark: str) -> int | None:
    """The innermost open mark that this mark closes."""
    for depth in range(len(stack) - 1, -1, -1):
        if mark in stack[depth].closers:
            return depth
    return None


def scan_quotes(text: str) -> list[Marked]:
    """Every top-level quoted passage of the text, in order (nested quotes stay inside),
    but a nickname in marks inside a name ("Rodrigo “Rody” Duterte"): part of a name, not
    a passage, so it does not cut the attribution that follows a quote."""
    return sorted((m for m in _Scanner(text).run() if not nickname(text, m)),
                  key=lambda m: m.open)


def nickname(text: str, m: Marked) -> bool:
    """One or two capitalised words in marks, a capitalised word on either side."""
    inner = text[m.start:m.end].split()
    before = text[max(0, m.open - 30):m.open].split()
    after = text[m.close:m.close + 30].split()
    return m.closed and 1 <= len(inner) <= 2 and all(w[:1].isupper() for w in inner) \
        and bool(before) and before[-1][:1].isupper() and text[m.open - 1:m.open] == " " \
        and bool(after) and after[0][:1].isupper() and text[m.close:m.close + 1] == " "


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def namelike(text: str) -> bool:
    """A quoted name or title ("Abu Aisha al-Shami", “The Long Road Home”), not speech."""
    words = [w for w in _WORD.findall(text) if w.lower() not in NAME_PARTICLES]
    if not words or re.search(r"[.!?;:,]\s|[.!?]$", text):
        return False
    return all(w[0].isupper() or _NAME_ARTICLE.match(w) for w in words)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def sentence_start(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding `pos` starts (a line break also starts one), not before
    `floor`. Plain string code: spaCy's sentences break inside and around quotes."""
    start = floor
    for match in _SENTENCE_END.finditer(text, floor, pos):
        if not _abbreviation(text, match.start()):
            start = match.end()
    newline = text.rfind("\n", floor, pos)
    start = max(start, newline + 1 if newline >= 0 else floor)
    while start < pos and text[start].isspace():
        start += 1
    return start


def sentence_end(text: str, pos: int, ceiling: int) -> int:
    """The end of the first sentence ending after `pos`, or `ceiling`."""
    for match in _SENTENCE_END.finditer(text, pos, ceiling):
        if not _abbreviation(text, match.start()):
            return match.end()
    return ceiling


def _abbreviation(text: str, dot: int) -> bool:
    """"Lt. Col.", "U.S.", "J. Smith": a full stop that ends no sentence."""
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    w = word.group(1)
    return w.lower() in ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Z]\.?)+", w))
