"""Finds date expressions in plain text and reads their calendar fields.

Pure regular expressions, no spaCy, so the rules run fast and can be tested alone. This
module only says what an expression literally gives ("August 28": month 8, day 28, no year;
"the following day": one day after something); `dates.py` resolves the missing parts
against the narrative or the publication date. Patterns are tried from the most to the
least specific and a later pattern never takes characters an earlier one took, so "August
21, 1996" is one expression, not a month-day plus a cued year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace

from chronicle.extractors.dates import words as w

_COUNT_NOUNS = w.words("count_noun")  # "in 2000 homes": a count, not a year
_QUANTITY_LEAD = w.words("quantity_lead")  # "up to 2000", "rose to 2000": a quantity
_HOLIDAY_WORDS = w.words("holiday")  # "Good Friday"
_PAPER_WORDS = w.words("paper")  # "The Sunday Times"
_NAMED_BY_DATE = w.words("named_by_date")  # "the Sept. 11 attacks": an event's name

_FULL_MONTH = rf"(?<![A-Za-z])(?:{w.cased(w.MONTH_NAMES)})(?![A-Za-z])"
_MONTH = (rf"(?<![A-Za-z])(?:{w.cased(w.MONTH_NAMES)}|"
          rf"(?:{w.cased(w.MONTH_ABBREVIATIONS)})\.?)(?![A-Za-z])")
_WEEKDAY = rf"(?<![A-Za-z])(?:{w.cased(w.WEEKDAYS)})(?![A-Za-z])"
_YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})(?!\d)"
_BARE_YEAR = r"(?:19\d{2}|20\d{2}|2100)(?!\d|s\b|['’]s\b|,\d|\.\d|\s*%)"
_DAY = rf"\d{{1,2}}(?:{w.alternation('ordinal_suffix')})?"
_TO = rf"\s*(?:-|–|—|{w.alternation('range_joiner')})\s*"
_MONTH_MOD = (rf"(?i:(?:{w.alternation('period_modifier')})-?\s*|the\s+"
              rf"(?:{w.alternation('month_part')})\s+of\s+)")
_YEAR_MOD = (rf"(?i:(?:{w.alternation('period_modifier')})[-\s]|(?:the\s+)?"
             rf"(?:{w.alternation('year_part')})\s+of\s+|"
             rf"(?:the\s+)?(?:{w.alternation('unit_year')})\s+|"
             rf"(?:{w.alternation('season')})\s+)")
_MONTH_CUE = rf"(?i:{w.alternation('month_cue')})"
_YEAR_CUE = rf"(?i:{w.alternation('year_cue')})"
_NUMBER = rf"(?:{w.either(w.NUMBERS)}|\d{{1,2}})"
_UNIT = w.alternation("unit_day", "unit_week", "unit_month", "unit_year")
_SHIFT_UNIT = w.alternation("unit_day", "day_part", "unit_month", "unit_year")
_LATER_SAME_UNIT = w.alternation("unit_day", "later_same_part", "unit_month", "unit_year")
_SHIFT = w.alternation("shift_ahead", "shift_back", "shift_same")
_COUNT_DIRECTION = (w.alternation("count_ahead", "count_back") + rf"|(?:"
                    rf"{w.alternation('count_ahead_final', 'count_back_final')})(?=\s*[,.;])")
_DIRECTION = w.alternation("current", "back", "ahead")  # this, last, next
_JOINER = w.alternation("range_joiner", "alternative_joiner")
_YEAR_SHARED = re.compile(rf"\s*(?:-|–|—|{_JOINER}|,)\s*")  # "March 30 to April 2, 2003"
_SINCE_BEFORE = re.compile(rf"(?i)\b(?:{w.alternation('since')})\s+$")


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression as written, before resolution.

    kind "date": calendar fields as written (any may be missing); "shift": `amount` `unit`s
    after (before, if negative) the narrative's current date; "deictic": `amount` `unit`s
    from the time of speaking ("yesterday"); "weekday": a named day of the week.
    For month-only dates and weekdays `amount` is the direction: -1 "last", 1 "next".
    """

    start: int
    end: int
    kind: str = "date"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str | None = None
    amount: int = 0
    weekday: int | None = None
    since: bool = False


def _int(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _month(s: str) -> int:
    return w.MONTHS[s.rstrip(".").lower()]


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([A-Za-z]+)", text[pos:pos + 30])
    return m.group(1).lower() if m else ""


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z0-9]+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _is_count(text: str, end: int) -> bool:
    """The number is a quantity: a count noun or unit follows it."""
    return _next_word(text, end) in _COUNT_NOUNS


def _ok_day(day: int, month: int | None = None) -> bool:
    limits = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= day <= (limits[month - 1] if month else 31)


Handler = Callable[[re.Match[str], str], list[Mention]]
SHORT_YEAR_PIVOT = 40  # a two-digit year below this is 20xx, from it 19xx


def _iso(m: re.Match[str], text: str) -> list[Mention]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and _ok_day(d, mo)):
        return []
    return [Mention(m.start(), m.end(), year=y, month=mo, day=d)]


def _numeric(m: re.Match[str], text: str) -> list[Mention]:
    """14/05/2025 is day-first, 05/14/2025 month-first; with dots or dashes ("05.04.2017",
    "05-04-2017") the day comes first, as wherever those separators are written; with
    slashes 05/06/2025 is ambiguous (US and British usage differ): skipped."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:  # a page stamp's short year ("Published: 03.14.16")
        y += 2000 if y < SHORT_YEAR_PIVOT else 1900
    if a > 12 or a == b or m["sep"] in ".-" and b <= 12:
        day, mo = a, b
    elif b > 12:
        day, mo = b, a
    else:
        return []
    if not (1 <= mo <= 12 and _ok_day(day, mo) and 1000 <= y <= 2199):
        return []
    return [Mention(m.start("a"), m.end(), year=y, month=mo, day=day)]


def _range(m: re.Match[str], text: str) -> list[Mention]:
    """"3 to 5 March 2003", "March 3-5": one expression for each end of the range."""
    d1, d2, mo = _int(m["d1"]), _int(m["d2"]), _month(m["m"])
    y = int(m["y"]) if m["y"] else None
    if not (_ok_day(d1, mo) and _ok_day(d2, mo) and d1 < d2):
        return []
    if m.start("m") < m.start("d1"):  # month first: "March 3" and "5, 2003"
        first, second = (m.start(), m.end("d1")), (m.start("d2"), m.end())
    else:  # day first: "3" and "5 March 2003"
        first, second = (m.start("d1"), m.end("d1")), (m.start("d2"), m.end())
    return [Mention(*first, year=y, month=mo, day=d1), Mention(*second, year=y, month=mo, day=d2)]


def _full(m: re.Match[str], text: str) -> list[Mention]:
    mo, d = _month(m["m"]), _int(m["d"])
    y = int(m["y"]) if m.groupdict().get("y") else None
    if not _ok_day(d, mo) or _is_count(text, m.end()) and not _joined_year(m, y):
        return []
    if y is None and _next_word(text, m.end()) in _NAMED_BY_DATE:
        return []
    return [Mention(m.start(), m.end(), year=y, month=mo, day=d)]


def _joined_year(m: re.Match[str], year: int | None) -> bool:
    """A year written straight after its day and month, with no comma ("13 October 2016
    civilians were ..."): a date, not a count of civilians; "May 5, 2000 people" is not."""
    return year is not None and "," not in m.string[m.start():m.start("y")]


def _month_year(m: re.Match[str], text: str) -> list[Mention]:
    if _is_count(text, m.end()):
        return []
    return [Mention(m.start(), m.end(), year=int(m["y"]), month=_month(m["m"]))]


def _month_list(m: re.Match[str], text: str) -> list[Mention]:
    """"October and November 1997", "from March to May": one expression per month."""
    y = int(m["y"]) if m["y"] else None
    if y is None and not m["cue"]:
        return []
    body_start = m.start("first")
    body_end = m.end("rest")
    items = list(re.finditer(rf"(?:{_MONTH_MOD})?({_FULL_MONTH})", text[body_start:body_end]))
    out = [Mention(body_start + it.start(), body_start + it.end(), year=y,
                   month=_month(it.group(1))) for it in items]
    if y is not None:  # the year belongs to the last month: "November 1997"
        out[-1] = replace(out[-1], end=m.end())
    return out


def _day_only(m: re.Match[str], text: str) -> list[Mention]:
    d = _int(m["d"])
    return [Mention(m.start("t"), m.end("t"), day=d)] if _ok_day(d) else []


def _month_cue(m: re.Match[str], text: str) -> list[Mention]:
    cue = (m["cue"] or "").lower()
    if m["m"].lower() in w.words("month_as_name") and cue in w.words("name_cue"):
        return []  # "supported by May": a name, not a month
    start = next(m.start(g) for g in ("mod", "mod2", "m") if m[g])
    direction = w.amount(cue, "ahead", "back")
    if cue in w.words("back", "ahead", "current"):
        start = m.start("cue")
    return [Mention(start, m.end(), month=_month(m["m"]), amount=direction)]


def _year_range(m: re.Match[str], text: str) -> list[Mention]:
    y1, raw = int(m["y1"]), m["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if not (y1 < y2 <= 2100) or _is_count(text, m.end()):
        return []
    return [Mention(m.start("y1"), m.end("y1"), year=y1),
            Mention(m.start("y2"), m.end("y2"), year=y2)]


def _year_mod(m: re.Match[str], text: str) -> list[Mention]:
    if _is_count(text, m.end()):
        return []
    return [Mention(m.start(), m.end(), year=int(m["y"]))]


def _year_cue(m: re.Match[str], text: str) -> list[Mention]:
    """A bare number is a year only after a cue, and not when it counts something."""
    cue = m["cue"].strip().lower()
    if _is_count(text, m.end()) and not m["cue"][0].isupper():
        return []  # "In 2019 people took to the streets" opens a sentence with a year
    before = text[max(0, m.start() - 40):m.start()]
    if cue in w.words("year_list_joiner") and not re.search(r"\d{4}\s*$", before):
        return []
    if cue in w.words("quantity_joiner"):
        prev = re.search(r"([\w,.]+)\s*$", before)
        word = prev.group(1).lower() if prev else ""
        if word in _QUANTITY_LEAD or (word[:1].isdigit()
                                      and not re.fullmatch(r"(19|20)\d\d", word)):
            return []
    return [Mention(m.start("y"), m.end(), year=int(m["y"]))]


def _shift(m: re.Match[str], text: str) -> list[Mention]:
    """"The following day", "the previous month"; "later that day" is the same day."""
    amount = w.amount(m["rel"], "shift_ahead", "shift_back")
    return [Mention(m.start(), m.end(), kind="shift", unit=w.unit_of(m["unit"]), amount=amount)]


def _shift_count(m: re.Match[str], text: str) -> list[Mention]:
    n = w.NUMBERS.get(m["n"].lower()) or int(m["n"])
    sign = -1 if m["dir"].lower() in w.words("count_back", "count_back_final") else 1
    unit = w.unit_of(m["unit"])
    if unit == "week":
        unit, n = "day", 7 * n
    return [Mention(m.start(), m.end(), kind="shift", unit=unit, amount=sign * n)]


def _deictic_word(m: re.Match[str], text: str) -> list[Mention]:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if f"{_prev_word(text, m.start())} {word}" in w.words("newspaper"):
        return []  # "USA Today"
    amount = w.amount(word, "tomorrow", "yesterday") + 2 * w.amount(
        word, "after_tomorrow", "before_yesterday")
    return [Mention(m.start(), m.end(), kind="deictic", unit="day", amount=amount)]


def _deictic_unit(m: re.Match[str], text: str) -> list[Mention]:
    if m["mod"] is None and _prev_word(text, m.start()) in w.words("duration_lead"):
        return []  # "over the last year" is a duration
    amount = w.amount(m["dir"], "ahead", "back")
    return [Mention(m.start(), m.end(), kind="deictic", unit=w.unit_of(m["unit"]),
                    amount=amount)]


def _ago(m: re.Match[str], text: str) -> list[Mention]:
    n = w.NUMBERS.get(m["n"].lower()) or int(m["n"])
    return [Mention(m.start(), m.end(), kind="deictic", unit=w.unit_of(m["unit"]), amount=-n)]


def _weekday(m: re.Match[str], text: str) -> list[Mention]:
    if _prev_word(text, m.start()) in _HOLIDAY_WORDS or (
            re.match(r"\s+[A-Z]", text[m.end():m.end() + 2])
            and _next_word(text, m.end()) in _PAPER_WORDS):
        return []  # "Good Friday", "The Sunday Times"
    direction = w.amount(m["dir"] or "", "ahead", "back")
    return [Mention(m.start(), m.end(), kind="weekday", weekday=w.WEEKDAYS[m["wd"].lower()],
                    amount=direction)]


_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_DEICTIC_WORDS = w.alternation("before_yesterday", "after_tomorrow", "today", "yesterday",
                               "tomorrow")
_PATTERNS: list[tuple[str, Handler]] = [
    # year first is day last whatever the separator: "2016-03-14", "2016/03/14", "2016.03.14"
    (r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?![\d/-]|\.\d)",
     _iso),
    (r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/-]|\.\d)",
     _numeric),
    # a two-digit year only where a page stamps its date ("Published: 03.14.16, 10:45")
    (rf"(?i:\b(?:{w.alternation('stamp_cue')})):?\s+(?P<a>\d{{1,2}})(?P<sep>[/.-])"
     r"(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2})(?![\d/-]|\.\d)", _numeric),
    (rf"(?<![\d,.:/])(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})"
     rf"(?:,?\s+(?P<y>{_YEAR}))?", _range),
    (rf"(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})(?![\d:]|,\d)"
     rf"(?:,?\s+(?P<y>{_YEAR}))?", _range),
    (rf"{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})", _full),
    # a scraper's glued day and year ("Jun 182016"): only a 19xx or 20xx year fits
    (rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?P<y>(?:19|20)\d\d)(?!\d)", _full),
    (rf"{_WD_PREFIX}(?<![\d,.])(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+"
     rf"(?P<y>{_YEAR})", _full),
    (rf"(?<![A-Za-z])(?:(?P<cue>{_MONTH_CUE})\s+)?(?P<first>(?:{_MONTH_MOD})?{_FULL_MONTH})"
     rf"(?P<rest>(?:\s*(?:,|{_JOINER}|-|–)\s*(?:{_MONTH_MOD})?{_FULL_MONTH})+)"
     rf"(?:,?\s+(?P<y>{_YEAR}))?", _month_list),
    (rf"(?:{_MONTH_MOD})?(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})", _month_year),
    (rf"{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d|[:.,]\d|\s*%)", _full),
    (rf"{_WD_PREFIX}(?<![\d,.])(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})", _full),
    (rf"(?i:\b(?:{w.alternation('day_cue')})\s+)(?P<t>the\s+(?P<d>\d{{1,2}})"
     rf"(?:{w.alternation('ordinal_suffix')}))\b"
     r"(?!\s+(?:of\s+)?[a-z])", _day_only),
    (rf"(?<![A-Za-z])(?:(?P<cue>{_MONTH_CUE})\s+(?P<mod>{_MONTH_MOD})?|(?P<mod2>{_MONTH_MOD}))"
     rf"(?P<m>{_FULL_MONTH})", _month_cue),
    (r"(?<![\d,.$€£])(?P<y1>(?:19|20)\d\d)\s*(?:-|–|/)\s*(?P<y2>(?:19|20)\d\d|\d\d)"
     r"(?![\d%]|,\d|s\b)", _year_range),
    (rf"(?<![A-Za-z])(?P<mod>{_YEAR_MOD})(?P<y>{_BARE_YEAR})", _year_mod),
    (rf"(?<![A-Za-z])(?P<cue>{_YEAR_CUE}\s+)(?P<y>{_BARE_YEAR})", _year_cue),
    (rf"(?i:\b(?:the|that)\s+(?:very\s+)?(?P<rel>{_SHIFT})\s+(?P<unit>{_SHIFT_UNIT}))\b",
     _shift),
    (rf"(?i:\b(?P<n>{_NUMBER})\s+(?P<unit>{_UNIT})s?\s+(?P<dir>{_COUNT_DIRECTION}))",
     _shift_count),
    (rf"(?i:\b(?P<rel>{w.alternation('later_same')})\s+(?:that|the\s+same)\s+"
     rf"(?P<unit>{_LATER_SAME_UNIT}))\b", _shift),
    (rf"(?i:\b(?P<w>{_DEICTIC_WORDS})\b)", _deictic_word),
    (rf"(?i:\b(?:(?P<mod>{w.alternation('unit_modifier')})\s+)?(?P<dir>{_DIRECTION})\s+"
     rf"(?P<unit>{w.alternation('unit_week', 'unit_month', 'unit_year')}))\b", _deictic_unit),
    (rf"(?i:\b(?P<n>{_NUMBER})\s+(?P<unit>{_UNIT})s?\s+(?:{w.alternation('ago')}))\b", _ago),
    (rf"(?:(?P<dir>(?i:{_DIRECTION}))\s+)?(?P<wd>{_WEEKDAY})", _weekday),
]
_COMPILED = [(re.compile(p), h) for p, h in _PATTERNS]


def find_mentions(text: str) -> list[Mention]:
    """Every date expression in `text`, in reading order, none overlapping another."""
    starts: list[int] = []  # spans already taken, disjoint, so sorted by start and by end
    ends: list[int] = []
    found: list[Mention] = []
    for pattern, handler in _COMPILED:
        for match in pattern.finditer(text):
            i = bisect_left(starts, match.end())
            if i and ends[i - 1] > match.start():
                continue
            mentions = handler(match, text)
            if mentions:
                starts.insert(i, match.start())
                ends.insert(i, match.end())
                found.extend(mentions)
    found.sort(key=lambda x: x.start)
    return _mark_since(_share_years(found, text), text)


def _share_years(found: list[Mention], text: str) -> list[Mention]:
    """"March 30 to April 2, 2003": the first end takes the year of the second."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.kind != "date" or a.year or not b.year or not a.month or not b.month:
            continue
        if _YEAR_SHARED.fullmatch(text[a.end:b.start]):
            out[i] = replace(a, year=b.year - (1 if a.month > b.month else 0))
    return out


def _mark_since(found: list[Mention], text: str) -> list[Mention]:
    """"since 1982" starts a state that lasts; it dates no event of its own."""
    return [replace(m, since=True) if _SINCE_BEFORE.search(text[max(0, m.start - 8):
            m.start]) else m for m in found]
