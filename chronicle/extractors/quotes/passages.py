"""The marked passages of one document, what was decided about each, and where things are
around them: paragraphs, sentences, tokens.

Attribution asks positional questions ("does the passage open its sentence?", "what is
between it and the next quote?"); they are answered here once for cues.py, speakers.py and
find.py. Sentences are spaCy's when the document was parsed, else the paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.quotes.marks import Marked, paragraphs, scan_quotes, sentence_start

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Judged:
    """What was decided about one marked passage."""

    mark: Marked
    para: int
    accepted: bool = False
    how: str = ""  # tail, colon, governed, according, split, continued, context, loose
    cue: str | None = None
    speaker: str | None = None
    attribution_end: int = -1  # end of the clause after the quote that attributed it
    verb: Token | None = None  # the cue verb, when one attributed it


class Passages:
    """Every marked passage of one document in text order, and those judged so far."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.marks = scan_quotes(text)
        self.opens = [m.open for m in self.marks]
        self.paras = paragraphs(text) or [(0, len(text))]
        self.para_starts = [s for s, _ in self.paras]
        self.tok_starts = [t.idx for t in doc]
        self.judged: list[Judged] = []
        self.judged_opens: list[int] = []
        self.sents: list[tuple[int, int, Token | None]]
        if doc.has_annotation("DEP"):
            self.sents = [(s.start_char, s.end_char, s.root) for s in doc.sents]
        else:
            self.sents = [(s, e, None) for s, e in self.paras]
        self.sent_starts = [s for s, _, _ in self.sents]
        self.story_start = self._after_byline()

    def _after_byline(self) -> int:
        """Where the story starts after a byline paragraph among the first two ("By Megan
        Ostrowski, Staff Writer"): the writer it names is no one the story named. 0
        without one."""
        cues = lang.phrase_classes("page-words.txt")["byline"]
        for start, end in self.paras[:2]:
            words = self.text[start:end].split()
            if 2 <= len(words) <= 8 and words[0].lower() in cues and words[1][:1].isupper():
                return end
        return 0

    def add(self, item: Judged) -> None:
        self.judged.append(item)
        self.judged_opens.append(item.mark.open)

    def before(self, k: int) -> Judged | None:
        """The passage judged before the k-th one."""
        return self.judged[k - 1] if k > 0 else None

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def tokens(self, start: int, end: int) -> list[Token]:
        """The words (no punctuation, no space) that start in [start, end)."""
        i, j = bisect_left(self.tok_starts, start), bisect_left(self.tok_starts, end)
        return [t for t in self.doc[i:j] if not (t.is_punct or t.is_space)]

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self.opens, pos) - 1
        return k >= 0 and pos < self.marks[k].close

    def lead_start(self, k: int) -> int:
        """Where the sentence leading to the k-th passage starts (not before the last quote)."""
        m = self.marks[k]
        floor = self.paras[self.para_of(m.open)][0]
        if k > 0:
            floor = max(floor, self.marks[k - 1].close)
        return sentence_start(self.text, m.open, floor)

    def next_open(self, k: int) -> int:
        """Where the next passage of the paragraph opens, else the paragraph's end."""
        para_end = self.paras[self.para_of(self.marks[k].open)][1]
        if k + 1 < len(self.marks) and self.marks[k + 1].open < para_end:
            return self.marks[k + 1].open
        return max(para_end, self.marks[k].close)

    def initial(self, k: int) -> bool:
        """The passage opens its sentence, or follows the attribution of the quote before."""
        m = self.marks[k]
        if not self.text[self.lead_start(k):m.open].strip(" \t\n([—–-"):
            return True
        prev = self.before(k)
        return prev is not None and prev.attribution_end > 0 and prev.para == self.para_of(
            m.open) and not self.text[prev.attribution_end:m.open].strip(" \t\n,;—–-")

    def tail_empty(self, k: int, whole_paragraph: bool = False) -> bool:
        """Nothing but punctuation follows, up to the next quote (or the paragraph's end)."""
        m = self.marks[k]
        end = self.next_open(k)
        if whole_paragraph:
            end = max(self.paras[self.para_of(m.open)][1], m.close)
        return not self.text[m.close:end].strip(" \t\n.,;—–-")
