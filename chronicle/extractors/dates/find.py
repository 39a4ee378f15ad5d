"""Date expressions (timex), normalised to ISO 8601 and anchored to the narrative.

News and archival texts rarely repeat the year: "On August 28" means the August of the
last date the story gave, "the following day" the day after it, "on Tuesday" a day of the
week the article was published in. `find_timexes` reads the expressions (`timeparse`) and
resolves them in reading order against that running narrative date, falling back to the
publication date; `date_for_sentence` then tells the event extractor when a sentence's
events happened. No spaCy here: pure string code, fast and testable alone.

Not every date may move the narrative: photo captions and wire datelines ("aside") and a
mid-sentence jump back to an earlier year ("flashback") date their own sentence only;
"since 1982" or a year inside a relative clause ("which were closed in 1982": "background")
date nothing. `Timex.role` records that for `date_for_sentence`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from chronicle.extractors.dates.parse import Mention, find_mentions
from chronicle.records import Document, Timex

PDate = tuple[int, int | None, int | None]  # (year, month, day); month and day may be unknown
How = Literal["explicit", "previous", "publication"]  # what resolved a date: Timex.anchor
ROLL_BACK_MONTHS = 9  # an undated month this far behind the anchor's is next year's (Dec -> Jan)
PUBLICATION_AHEAD = 1  # months after publication an undated month may fall; earlier is preferred
CURRENT_MONTHS = 12  # an anchor this close to publication is current news: dated like "today"
# words that may stand before a date that opens its sentence ("But then, on May 2, ...")
_OPENERS = frozenset("on in at by during from then later earlier and but so yet also however "
                     "meanwhile finally afterwards after before early late the of as back around "
                     "about this that only even already again still through throughout "
                     "following starting beginning".split())

_FUTURE = re.compile(r"(?i)\b(?:will|shall|won['’]t|(?:was|were) to|(?:is|are|was|were) due|"
                     r"(?:is|are|was|were) scheduled|(?:is|are|was|were) expected"
                     r"(?: to| in| at| on)?|plans? to|"
                     r"planned for|upcoming|next|is to|are to|(?:is|are) set to|"
                     r"(?:is|are) (?:going|preparing) to)\b")
_SIDE_CLAUSE = re.compile(r"(?i)\b(?:which|who|whom|whose|where|signed|founded|established|"
                          r"formed|created|born|built|adopted|ratified|launched|closed|opened|"
                          r"imposed)\b")
_CREDIT_END = re.compile(r"\(\s*[A-Z][^()\n]{0,40}\)\s*$")
_CAPTION_START = re.compile(r"(?i)^\s*(?:file\s+photo|an\s+undated|undated\s|photo\s*:|"
                            r"file\s*[-–:]|picture\s*:|caption\s*:)")
_DATELINE = re.compile(
    r"\s*(?:(?P<city>[A-Z][A-Z'.\-/ ]{2,30}[A-Z.])(?:,\s*[A-Z][\w.'\- ]{0,30}?)?,?\s*|"
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*(?=\d|[A-Z][a-z]{2,8}\.?\s+\d))?"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"\s*(?:\([A-Z][A-Za-z.&/ -]{1,30}\)\s*(?:-{1,2}|–|—|:)?|(?:-{1,2}|–|—)\s)")
_QUOTE = re.compile(r"“[^”“]*(?:”|(?=“)|\Z)|\"[^\"\n]*\"")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_NO_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Sen|Rep|Gov|No|Jan|"
                     r"Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|etc|[A-Z])\.)$")


def parse_partial(value: str | None) -> PDate | None:
    """"2025", "1997-11" or "1997-11-22" (a time part is ignored); None if not ISO."""
    m = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if mo is not None and not 1 <= mo <= 12:
        return (y, None, None)
    if d is not None and _date((y, mo, d)) is None:
        return (y, mo, None)
    return (y, mo, d)


def to_iso(p: PDate) -> str:
    y, mo, d = p
    return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if mo and d else "")


def _date(p: PDate) -> date | None:
    try:
        return date(p[0], p[1] or 0, p[2] or 0)
    except ValueError:
        return None


def _from_date(d: date) -> PDate:
    return (d.year, d.month, d.day)


def _add_months(p: PDate, n: int) -> PDate:
    index = p[0] * 12 + (p[1] or 1) - 1 + n
    return (index // 12, index % 12 + 1, None)


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


class _Layout:
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
        return all(w.lower() in _OPENERS for w in re.findall(r"\w+", self.text[start:pos]))

    def future(self, pos: int) -> bool:
        """Whether the clause leading to this date speaks of the future ("is expected in
        Abidjan on Thursday"; not "met on Wednesday and will travel on Friday" for Wednesday)."""
        start = max(self.sentence(pos)[0], pos - _CLAUSE_CHARS // 3)
        piece = self.text[start:pos]
        cut = max(piece.rfind(mark) for mark in (",", ";", " and ", " but ", " while "))
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
        cut = max(piece.rfind(mark) for mark in (",", ";", " and ", " but "))
        found = list(re.finditer(r"(?i)\bsince\b", piece[cut + 1:]))
        if not found:
            return False
        between = piece[cut + 1:][found[-1].end():]
        # "since fighting resumed in June", not "held since January ... on Wednesday"
        return len(between.split()) <= 5 and not re.search(
            r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b", between)

    def quoted(self, pos: int) -> bool:
        return _inside(self.quotes, pos)

    def aside(self, pos: int) -> bool:
        return _inside(self.asides, pos)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
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
        if len(line) <= 300 and (_CREDIT_END.search(line) or _CAPTION_START.match(line)):
            captions.append(para.span())
            continue
        head = _DATELINE.match(line)
        if head and head.group().strip() and (head["city"] or head["date"]):
            datelines.append((para.start(), para.start() + head.end()))
    return captions, datelines


@dataclass(frozen=True, slots=True)
class _Context:
    pub: PDate | None
    anchor: PDate | None
    quoted: bool
    future: bool

    def speech_time(self, narrative: bool = False) -> tuple[PDate, How] | None:
        """When "today" is: the publication date, except in a story set years before it.

        There a quoted speaker speaks at the story's date, and so does a `narrative`
        expression ("last year", "next month"); the narrator's "today" stays publication.
        """
        a, p = self.anchor, self.pub
        if a is not None and (p is None or a[0] < p[0] - 1) and (self.quoted or narrative
                                                                  or p is None):
            return a, "previous"
        return (p, "publication") if p else None

    def current(self) -> bool:
        """The story is at publication time ("on Sunday ... on Dec. 20"): date from there.

        Needs a month on both sides; a year alone ("In 2015, ...") is the story's own frame.
        """
        a, p = self.anchor, self.pub
        if a is None or p is None or a[1] is None or p[1] is None:
            return False
        return abs((a[0] - p[0]) * 12 + a[1] - p[1]) < CURRENT_MONTHS


def _year_after_anchor(month: int, anchor: PDate) -> int:
    """The anchor's year; the next one only when the month is far behind ("Dec" -> "Jan").

    Narratives may jump back, so a month up to ROLL_BACK_MONTHS before the anchor's stays
    in the anchor's year.
    """
    if anchor[1] is not None and month - anchor[1] <= -ROLL_BACK_MONTHS:
        return anchor[0] + 1
    return anchor[0]


def _year_near_publication(month: int, pub: PDate, future: bool) -> int:
    """The year putting the month in the year before publication (after, in future tense)."""
    if pub[1] is None:
        return pub[0]
    low, high = (-1, 11) if future else (-11, PUBLICATION_AHEAD)
    offset = month - pub[1]
    return pub[0] - 1 if offset > high else pub[0] + 1 if offset < low else pub[0]


def _day_in_month(day: int, ctx: _Context) -> tuple[PDate, How] | None:
    """"On the 28th": the anchor's month, else the publication's (the past preferred)."""
    how: How
    value: PDate
    if ctx.anchor is not None and ctx.anchor[1] is not None:
        value, how = (ctx.anchor[0], ctx.anchor[1], day), "previous"
    elif ctx.pub is not None and ctx.pub[1] is not None:
        y, mo, pday = ctx.pub
        if pday is not None and day > pday and not ctx.future:
            y, mo, _ = _add_months(ctx.pub, -1)
        value, how = (y, mo, day), "publication"
    else:
        return None
    return (value, how) if _date(value) else None


def _resolve_date(m: Mention, ctx: _Context) -> tuple[PDate, How] | None:
    if m.year is not None:
        return (m.year, m.month, m.day), "explicit"
    if m.month is None:
        return _day_in_month(m.day or 0, ctx)
    if m.amount:  # "last February", "next March": from the time of speaking
        ref = ctx.speech_time(narrative=True)
        if ref is None or ref[0][1] is None:
            return None
        (y, pm, _), how = ref
        if m.amount < 0 and m.month >= (pm or 0):
            y -= 1
        elif m.amount > 0 and m.month <= (pm or 0):
            y += 1
        return (y, m.month, m.day), how
    if ctx.anchor is not None and not ctx.current():
        return (_year_after_anchor(m.month, ctx.anchor), m.month, m.day), "previous"
    if ctx.pub is not None:
        return (_year_near_publication(m.month, ctx.pub, ctx.future), m.month, m.day), \
            "publication"
    return None


def _shifted(p: PDate, unit: str, amount: int) -> PDate | None:
    """`amount` units after p, at the unit's precision; None if p is too coarse."""
    if unit == "day":
        d = _date(p) if p[2] is not None else None
        return _from_date(d + timedelta(days=amount)) if d else None
    if unit == "week":
        d = _date(p) if p[2] is not None else None
        if d is None:
            return None
        monday = d + timedelta(days=7 * amount - d.weekday())
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return (monday.year, monday.month, None)
        return (monday.year, None, None) if monday.year == sunday.year else None
    if unit == "month":
        return _add_months(p, amount) if p[1] is not None else None
    return (p[0] + amount, None, None)


def _weekday(m: Mention, point: PDate, future: bool) -> PDate | None:
    """The named day nearest the time of speaking: before it, unless future or "next"."""
    d = _date(point) if point[2] is not None else None
    if d is None or m.weekday is None:
        return None
    back = (d.weekday() - m.weekday) % 7
    ahead = (m.weekday - d.weekday()) % 7
    if m.amount > 0:
        return _from_date(d + timedelta(days=ahead or 7))
    if m.amount == 0 and future:
        return _from_date(d + timedelta(days=ahead))
    return _from_date(d - timedelta(days=(back or 7) if m.amount < 0 else back))


def _resolve(m: Mention, ctx: _Context) -> tuple[PDate, How] | None:
    if m.kind == "date":
        return _resolve_date(m, ctx)
    if m.kind == "shift":
        value = _shifted(ctx.anchor, m.unit or "day", m.amount) if ctx.anchor else None
        return (value, "previous") if value else None
    ref = ctx.speech_time(m.kind == "deictic" and m.unit != "day" and m.amount != 0)
    if ref is None:
        return None
    point, how = ref
    if m.kind == "weekday":
        value = _weekday(m, point, ctx.future)
    else:
        value = _shifted(point, m.unit or "day", m.amount)
    return (value, how) if value else None


def _ends_before(value: PDate, anchor: PDate) -> bool:
    return (value[0], value[1] or 12, value[2] or 31) < (anchor[0], anchor[1] or 1, anchor[2] or 1)


def _role(m: Mention, value: PDate, how: How, anchor: PDate | None, layout: _Layout) -> str:
    if layout.aside(m.start):
        return "aside"
    if m.since:
        return "background"
    if (how == "explicit" and anchor is not None and _ends_before(value, anchor)
            and not layout.opens_sentence(m.start)):
        # a jump back inside a sentence: "the charter, which was signed in 1978"
        return "background" if layout.in_aside_clause(m.start) else "flashback"
    return "narrative"


def _after(value: PDate, pub: PDate | None) -> bool:
    """Later than the publication date, at the precision both have."""
    if pub is None:
        return False
    size = min(3 if value[2] else 2 if value[1] else 1, 3 if pub[2] else 2 if pub[1] else 1)
    return value[:size] > pub[:size]


def _dateline_date(mentions: list[Mention], layout: _Layout) -> PDate | None:
    """With no publication date, a wire dateline's full date is the day of the report."""
    for m in mentions:
        if m.year and m.month and m.day and _inside(layout.datelines, m.start):
            return (m.year, m.month, m.day)
    return None


def find_timexes(document: Document, sentences: Sequence[tuple[int, int]]) -> list[Timex]:
    """Every date expression of the document with its ISO value, in reading order.

    `sentences` are (start, end) character spans; with none, a simple splitter is used.
    """
    text = document.text
    layout = _Layout(text, sentences)
    mentions = find_mentions(text)
    pub = parse_partial(document.date) or _dateline_date(mentions, layout)
    anchor: PDate | None = None
    out: list[Timex] = []
    for m in mentions:
        aside = layout.aside(m.start)
        ctx = _Context(pub=pub, anchor=None if aside else anchor,
                       quoted=layout.quoted(m.start), future=layout.future(m.start))
        resolved = _resolve(m, ctx)
        if resolved is None or (aside and resolved[0][2] is None):
            continue  # a caption or dateline gets a timex only as a full date
        value, how = resolved
        if value[2] is not None and _date(value) is None:
            continue  # "February 29" in a year that has none
        role = _role(m, value, how, anchor, layout)
        if role == "narrative" and (ctx.future or _after(value, pub) or layout.since(m.start)):
            # planned ("is to meet on Nov. 5"), after the report, or "since fighting
            # resumed in June": it dates its own sentence but the story does not move there
            role = "background" if layout.since(m.start) else "aside"
        if role == "narrative" and not (anchor and anchor != value
                                        and to_iso(anchor).startswith(to_iso(value))):
            anchor = value  # a coarser restatement ("in 1996") keeps the finer anchor
        out.append(Timex(id=f"{document.id}#t{len(out) + 1}", doc=document.id,
                              start=m.start, end=m.end, text=text[m.start:m.end],
                              value=to_iso(value), anchor=how, role=role))
    return out


def _role_of(t: Timex) -> str:
    return t.role


def date_for_sentence(timexes: Sequence[Timex], start: int, end: int) -> str | None:
    """When the events of the sentence [start, end) happened, as an ISO value or None.

    The sentence's own most specific date (narrative before flashback, then the first);
    else the narrative date carried from before it. Only narrative dates are carried;
    background dates date no sentence.
    """
    own = [t for t in timexes if start <= t.start < end and _role_of(t) != "background"]
    if own:
        return max(own, key=lambda t: (len(t.value), _role_of(t) == "narrative", -t.start)).value
    carried = [t for t in timexes if t.start < start and _role_of(t) == "narrative"]
    return max(carried, key=lambda t: t.start).value if carried else None
