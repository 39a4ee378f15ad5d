"""Date expressions (timex), normalised to ISO 8601 and anchored to the narrative.

News and archival texts rarely repeat the year: "On August 28" means the August of the
last date the story gave, "the following day" the day after it, "on Tuesday" a day of the
week the article was published in. `find_timexes` reads the expressions (parse.py) and
resolves them (resolve.py) in reading order against that running narrative date, falling
back to the publication date; `date_for_sentence` then tells the event extractor when a
sentence's events happened. No spaCy here: pure string code, fast and testable alone.

Not every date may move the narrative: photo captions and wire datelines ("aside") and a
mid-sentence jump back to an earlier year ("flashback") date their own sentence only;
"since 1982" or a year inside a relative clause ("which were closed in 1982": "background")
date nothing. `Timex.role` records that for `date_for_sentence`; layout.py tells where in
the text a date sits.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.extractors.dates.layout import Layout, dateline_spans, inside, simple_sentences
from chronicle.extractors.dates.parse import Mention, find_mentions
from chronicle.extractors.dates.resolve import (
    Context,
    How,
    PDate,
    as_date,
    parse_partial,
    resolve,
    to_iso,
)
from chronicle.extractors.dates.words import words
from chronicle.records import Document, Timex

__all__ = ["date_for_sentence", "dateline_spans", "dating", "find_timexes", "parse_partial",
           "simple_sentences", "to_iso"]


def _ends_before(value: PDate, anchor: PDate) -> bool:
    return (value[0], value[1] or 12, value[2] or 31) < (anchor[0], anchor[1] or 1, anchor[2] or 1)


def _role(m: Mention, value: PDate, how: How, anchor: PDate | None, layout: Layout) -> str:
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


def _dateline_date(mentions: list[Mention], layout: Layout) -> PDate | None:
    """With no publication date, a wire dateline's full date is the day of the report."""
    for m in mentions:
        if m.year and m.month and m.day and inside(layout.datelines, m.start):
            return (m.year, m.month, m.day)
    return None


HEADER = 600  # characters at the head of a text where a scraped page states its date
STAMP = 25  # characters before a date where the words of a stamp are looked for
_STAMP_CUES = words("stamp_cue")


def _header_date(mentions: list[Mention]) -> PDate | None:
    """With no publication date and no dateline, the first full date at the head of the
    text is the page's: it resolves the dates written before it, before any anchor ("Air
    raids kill 18 on Saturday Monitor AFP Saturday 16 Jul 2016 ...")."""
    for m in mentions:
        if m.start >= HEADER:
            break
        if m.year and m.month and m.day:
            return (m.year, m.month, m.day)
    return None


def _stamped(text: str, t: Timex) -> bool:
    """The page's own date at the head of a scraped text: at its very start, or after a
    word of a stamp ("Published", "Last updated at", "Monitor AFP Saturday ...")."""
    if t.start < STAMP:
        return True
    before = text[max(0, t.start - STAMP):t.start].lower()
    return t.start < HEADER and any(w in before.split() for w in _STAMP_CUES)


def find_timexes(document: Document, sentences: Sequence[tuple[int, int]]) -> list[Timex]:
    """Every date expression of the document with its ISO value, in reading order.

    `sentences` are (start, end) character spans; with none, a simple splitter is used.
    """
    text = document.text
    layout = Layout(text, sentences)
    mentions = find_mentions(text)
    pub = parse_partial(document.date) or _dateline_date(mentions, layout)
    ahead = None if pub else _header_date(mentions)
    anchor: PDate | None = None
    out: list[Timex] = []
    for m in mentions:
        aside = layout.aside(m.start)
        early = ahead if anchor is None and m.start < HEADER else None  # "Saturday ... AFP
        ctx = Context(pub=pub or early, anchor=None if aside else anchor,  # 16 Jul 2016"
                       quoted=layout.quoted(m.start), future=layout.future(m.start))
        resolved = resolve(m, ctx)
        if resolved is None or (aside and resolved[0][2] is None):
            continue  # a caption or dateline gets a timex only as a full date
        value, how = resolved
        if value[2] is not None and as_date(value) is None:
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


def dating(timexes: Sequence[Timex], start: int, end: int, document: Document
           ) -> tuple[str | None, str | None]:
    """(date, date source) of the events of the sentence [start, end): its own date
    ("text"), the narrative's ("narrative"), else the article's date, from its metadata
    ("publication") or a wire dateline ("dateline"), for a report that gives none."""
    own = [t for t in timexes if start <= t.start < end and _role_of(t) != "background"]
    stamp = [t for t in own if t.anchor == "explicit" and len(t.value) == 10
             and not any(u.start < t.start for u in timexes) and _stamped(document.text, t)]
    rest = [t for t in own if t not in stamp]
    if rest:  # "Last updated at Jul 262016 ... on Tuesday": the event's day, not the page's
        return max(rest, key=lambda t: (len(t.value), t.role == "narrative", -t.start)).value, \
            "text"
    if stamp:
        return stamp[0].value, "dateline"
    found = date_for_sentence(timexes, start, end)
    if found is not None:
        return found, "narrative"
    if document.date:
        return document.date, "publication"
    spans = dateline_spans(document.text)
    for t in timexes:
        if len(t.value) == 10 and any(s <= t.start < e for s, e in spans):
            return t.value, "dateline"
    stated = next((t for t in timexes if len(t.value) == 10 and t.anchor == "explicit"
                   and t.start < HEADER), None)
    if stated is not None:  # a headline before the page's date ("... AFP Saturday 16 Jul")
        return stated.value, "dateline"
    return None, None
