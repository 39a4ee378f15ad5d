"""Resolving a date expression: the calendar fields it lacks, from the narrative or the
publication date.

"On August 28" takes the year of the last date the story gave (the anchor), or the year
that puts it just before publication; "on Tuesday" the day of that name nearest the time
of speaking; "the following day" the day after the anchor. `resolve` returns the value
and what resolved it (`Timex.anchor`); find.py decides which dates become the anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from chronicle.extractors.dates.parse import Mention

PDate = tuple[int, int | None, int | None]  # (year, month, day); month and day may be unknown
How = Literal["explicit", "previous", "publication"]  # what resolved a date: Timex.anchor
ROLL_BACK_MONTHS = 9  # an undated month this far behind the anchor's is next year's (Dec -> Jan)
PUBLICATION_AHEAD = 1  # months after publication an undated month may fall; earlier is preferred
CURRENT_MONTHS = 12  # an anchor this close to publication is current news: dated like "today"


def parse_partial(value: str | None) -> PDate | None:
    """"2025", "1997-11" or "1997-11-22" (a time part is ignored); None if not ISO."""
    m = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if mo is not None and not 1 <= mo <= 12:
        return (y, None, None)
    if d is not None and as_date((y, mo, d)) is None:
        return (y, mo, None)
    return (y, mo, d)


def to_iso(p: PDate) -> str:
    y, mo, d = p
    return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if mo and d else "")


def as_date(p: PDate) -> date | None:
    try:
        return date(p[0], p[1] or 0, p[2] or 0)
    except ValueError:
        return None


def _from_day(d: date) -> PDate:
    return (d.year, d.month, d.day)


def _add_months(p: PDate, n: int) -> PDate:
    index = p[0] * 12 + (p[1] or 1) - 1 + n
    return (index // 12, index % 12 + 1, None)


@dataclass(frozen=True, slots=True)
class Context:
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


def _day_in_month(day: int, ctx: Context) -> tuple[PDate, How] | None:
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
    return (value, how) if as_date(value) else None


def _resolve_date(m: Mention, ctx: Context) -> tuple[PDate, How] | None:
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
        d = as_date(p) if p[2] is not None else None
        return _from_day(d + timedelta(days=amount)) if d else None
    if unit == "week":
        d = as_date(p) if p[2] is not None else None
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
    d = as_date(point) if point[2] is not None else None
    if d is None or m.weekday is None:
        return None
    back = (d.weekday() - m.weekday) % 7
    ahead = (m.weekday - d.weekday()) % 7
    if m.amount > 0:
        return _from_day(d + timedelta(days=ahead or 7))
    if m.amount == 0 and future:
        return _from_day(d + timedelta(days=ahead))
    return _from_day(d - timedelta(days=(back or 7) if m.amount < 0 else back))


def resolve(m: Mention, ctx: Context) -> tuple[PDate, How] | None:
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
