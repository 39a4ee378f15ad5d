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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.extractors.dates import words as w
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

# what may stand before a date that opens the text: spaces, punctuation, a weekday name
_AFTER_STAMP = re.compile(r"(?:\s*(?:at\s*)?\d{1,2}[:.]?\d{2}\b)?[\s|,:-]*")  # "at 1459 |"
_WEEKDAY_FORMS = sorted({*w.WEEKDAYS, *(day[:3] for day in w.WEEKDAYS)})  # "Fri"
_OPENING = re.compile(rf"[\W_]*(?:(?i:{w.either(_WEEKDAY_FORMS)})\.?[\W_]*)?")

__all__ = ["Dating", "date_for_sentence", "dateline_spans", "find_dating", "find_timexes",
           "parse_partial", "simple_sentences", "to_iso"]


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


def _leading(m: Mention, text: str) -> bool:
    """A full date that opens the text, or a line at its head (the story under its title),
    at most after a weekday ("Sun 05 Apr 2017 ...", "17-08-2014 Rebels ..."): scraped pages
    print the article's date before its words."""
    line = text.rfind("\n", 0, m.start) + 1 if m.start < HEADER else 0
    return bool(m.year and m.month and m.day and _OPENING.fullmatch(text[line:m.start]))


def page_date_ends(text: str) -> list[int]:
    """Where the page's own date printed before the story ends, when a capitalised word
    follows ("Date of publication 4 April 2017 At least 72 people ...", "Fri Jun 24 2016
    Daesh kidnapped ..."): the story's first sentence starts there."""
    out = []
    for m in find_mentions(text[:HEADER]):
        if not (_leading(m, text) or _stamped(text, m)):
            continue
        rest = _AFTER_STAMP.match(text, m.end)
        if rest and rest.end() < len(text) and text[rest.end()].isupper():
            out.append(rest.end())
    return out


def _dateline_date(mentions: list[Mention], layout: Layout, text: str) -> PDate | None:
    """With no publication date, a wire dateline's full date is the day of the report, and
    so is a date that opens the text or that the page stamps at its head ("Date of
    publication 13 October 2016")."""
    for m in mentions:
        if m.year and m.month and m.day and (inside(layout.datelines, m.start)
                                             or _leading(m, text) or _stamped(text, m)):
            return (m.year, m.month, m.day)
    return None


@dataclass(frozen=True)
class Dating:
    """The date expressions of a document and the article's own date, for the stages
    that date what the text reports."""

    timexes: tuple[Timex, ...] = ()
    article: str | None = None  # ISO date of the article: publication, else its dateline
    article_source: str | None = None  # "publication" or "dateline"

    def date_of(self, start: int, end: int) -> tuple[str | None, str | None]:
        """(date, date_source) of the events of the sentence [start, end): its own date
        ("text"), else the narrative's ("narrative"), else the article's."""
        own = _own_date(self.timexes, start, end)
        if own is not None:
            return own, "text"
        carried = _carried_date(self.timexes, start)
        if carried is not None and not _history(carried, self.article):
            return carried, "narrative"
        return self.article, self.article_source if self.article else None


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


def _stamped(text: str, m: Mention) -> bool:
    """The page's own date at the head of a scraped text, after a word of a stamp
    ("Published", "Last updated at", "Monitor AFP Saturday ...")."""
    if not (m.year and m.month and m.day) or m.start >= HEADER:
        return False
    before = text[max(0, m.start - STAMP):m.start].lower()
    return any(w in before.split() for w in _STAMP_CUES)


def find_timexes(document: Document, sentences: Sequence[tuple[int, int]]) -> list[Timex]:
    """Every date expression of the document with its ISO value, in reading order.

    `sentences` are (start, end) character spans; with none, a simple splitter is used.
    """
    return list(find_dating(document, sentences).timexes)


def find_dating(document: Document, sentences: Sequence[tuple[int, int]]) -> Dating:
    """The document's date expressions and the article's date (see `Dating`)."""
    text = document.text
    layout = Layout(text, sentences)
    mentions = find_mentions(text)
    published = parse_partial(document.date)
    dateline = None if published else _dateline_date(mentions, layout, text)
    pub = published or dateline
    header = None if pub else _header_date(mentions)
    timexes = _timexes(document, mentions, layout, pub, header)
    article = pub or header
    source = "publication" if published else "dateline" if article else None
    return Dating(tuple(timexes), to_iso(article) if article else None, source)


def _timexes(document: Document, mentions: list[Mention], layout: Layout,
             pub: PDate | None, header: PDate | None = None) -> list[Timex]:
    text = document.text
    anchor: PDate | None = None
    out: list[Timex] = []
    for m in mentions:
        aside = layout.aside(m.start)
        early = header if anchor is None and m.start < HEADER else None  # "Saturday ... AFP
        ctx = Context(pub=pub or early, anchor=None if aside else anchor,  # 16 Jul 2016"
                      quoted=layout.quoted(m.start), future=layout.future(m.start))
        resolved = resolve(m, ctx)
        if resolved is None or (aside and resolved[0][2] is None):
            continue  # a caption or dateline gets a timex only as a full date
        value, how = resolved
        if value[2] is not None and as_date(value) is None:
            continue  # "February 29" in a year that has none
        role = _role(m, value, how, anchor, layout)
        if _leading(m, text) or _stamped(text, m):
            role = "aside"  # the article's own date, printed before or above its text
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


HISTORY_YEARS = 2  # a year or month this long before the article is history, not its story


def _history(value: str, article: str | None) -> bool:
    """"in 1990" in a 2016 report: a year or a month long before the article dates its own
    sentence and anchors the dates that follow ("On August 28": of 1990), but a sentence
    with no date of its own is not carried back there (a full day still is: archives
    narrate day by day)."""
    return (article is not None and len(value) < 10
            and int(value[:4]) <= int(article[:4]) - HISTORY_YEARS)


def _own_date(timexes: Sequence[Timex], start: int, end: int) -> str | None:
    own = [t for t in timexes if start <= t.start < end and t.role != "background"]
    if not own:
        return None
    return max(own, key=lambda t: (len(t.value), t.role == "narrative", -t.start)).value


def _carried_date(timexes: Sequence[Timex], start: int) -> str | None:
    carried = [t for t in timexes if t.start < start and t.role == "narrative"]
    return max(carried, key=lambda t: t.start).value if carried else None


def date_for_sentence(timexes: Sequence[Timex], start: int, end: int) -> str | None:
    """When the events of the sentence [start, end) happened, as an ISO value or None.

    The sentence's own most specific date (narrative before flashback, then the first);
    else the narrative date carried from before it. Only narrative dates are carried;
    background dates date no sentence.
    """
    return _own_date(timexes, start, end) or _carried_date(timexes, start)
