"""Blocking keys: which incidents a new report is compared with at all.

A key is a type family (a type of two families is filed under both), one thing the
report names (an actor, a place or its spelling's skeleton, a content word, or its own
document) and a date bucket: outlets name different actors and places for one happening
more often than they leave out what was hit ("the bus", "the wedding"), so a shared
content word is a way in too.

An incident is filed under the keys of every report it holds; a report looks up the keys
its own date could meet. Only incidents sharing a key are scored: each key yields at most
`LIMIT` incidents (the newest), and of those the `LIMIT` sharing the most keys with the
report are compared with it. The work per report is bounded, so grouping costs time linear
in the number of events, however large the store grows.

Date buckets: weeks (days since year 1, divided by 7) for dates of a day or a week;
`m:YYYY-MM` and `y:YYYY` for reports dated no closer than a month or a year. A report
dated to the day looks up the weeks its interval could meet (a day either side) and its
month and year keys; a report dated to a month looks up that month's weeks too. A
year-dated report only meets other year- and month-dated ones of that year: a whole year
of weeks is no block.
"""

from __future__ import annotations

from datetime import date

from chronicle.incidents.families import families
from chronicle.incidents.report import Report, skeleton

LIMIT = 40  # incidents per key compared with a new report
SLACK_DAYS = 1


def _subjects(report: Report) -> list[str]:
    subjects = [f"a:{a}" for a in sorted(report.named)]
    subjects += [f"p:{p}" for p in report.where]
    subjects += [f"s:{k}" for p in report.where if (k := skeleton(p))]
    subjects += [f"t:{word}" for word in report.words]
    subjects.append(f"d:{report.doc}")
    return subjects


def _month(ordinal: int) -> str:
    day = date.fromordinal(ordinal)
    return f"m:{day.year:04d}-{day.month:02d}"


def _year(ordinal: int) -> str:
    return f"y:{date.fromordinal(ordinal).year:04d}"


def _weeks(first: int, last: int) -> list[str]:
    return [f"w:{n}" for n in range(first // 7, last // 7 + 1)]


def filed_buckets(report: Report) -> list[str]:
    """The date buckets an incident holding this report is filed under."""
    if report.first is None or report.last is None:
        return ["-"]
    if report.precision in ("day", "week"):
        return _weeks(report.first, report.last)
    if report.precision == "month":
        return [_month(report.first)]
    return [_year(report.first)]


def sought_buckets(report: Report) -> list[str]:
    """The date buckets whose incidents this report could share a date with."""
    first, last = report.first, report.last
    if first is None or last is None:
        return ["-"]
    coarse = [_year(first)]
    if report.precision == "year":
        months = sorted({_month(d) for d in range(first, last + 1, 28)} | {_month(last)})
        return [*months, *coarse]
    coarse = sorted({_month(first), _month(last)}) + coarse
    return [*_weeks(first - SLACK_DAYS, last + SLACK_DAYS), *coarse]


def filed_keys(report: Report) -> list[str]:
    return _keys(report, filed_buckets(report))


def sought_keys(report: Report) -> list[str]:
    return _keys(report, sought_buckets(report))


def _keys(report: Report, buckets: list[str]) -> list[str]:
    return [f"{kind}|{s}|{b}" for kind in families(report.event_type)
            for s in _subjects(report) for b in buckets]
