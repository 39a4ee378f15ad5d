"""Incremental grouping: each report joins the incident it fits best, or starts one.

Reports arrive in document order and, inside a document, in text order; a report is
compared with the incidents its blocking keys reach, and joins the best one whose score
passes `THRESHOLD` without a veto from most of its reports. Nothing already grouped moves
again: a new document only adds to incidents. Given the same reports in the same order,
every `Index` gives the same incidents: `MemoryIndex` for `extract`, the store's for
`ingest` (chronicle.store.incidents), which is also why Dask workers and a serial run
agree (the store's single writer sees documents in input order).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from chronicle.incidents.blocking import LIMIT, filed_keys, sought_keys
from chronicle.incidents.compare import Match, compare
from chronicle.incidents.report import Report

MEMBERS = 24  # the most recent reports of an incident a new report is compared with
PREFIX = "inc-"


@dataclass(frozen=True, slots=True)
class Member:
    """A report in its incident: the verdict that let it in (None for the first one)."""

    report: Report
    match: Match | None = None


class Index(Protocol):
    """Where incidents live while they are grouped: memory, or the store."""

    def candidates(self, keys: list[str], limit: int) -> list[str]:
        """Incidents filed under any of `keys` (the `limit` newest per key): the `limit`
        that share the most keys with the report (the newest first among equals)."""

    def members(self, incident: str) -> list[Member]:
        """Its reports, in the order they joined."""

    def create(self, incident: str, member: Member, keys: list[str]) -> None: ...

    def join(self, incident: str, member: Member, keys: list[str]) -> None: ...


def best_candidates(hits: Counter[str], order: dict[str, int], limit: int) -> list[str]:
    """The `limit` incidents reached through the most keys, newest first among equals,
    returned oldest first (the order ties between equal scores are settled in). Keeping
    the best few, not every incident a busy key reaches, bounds the work per report."""
    ranked = sorted(hits, key=lambda i: (-hits[i], -order[i]))[:limit]
    return sorted(ranked, key=order.__getitem__)


@dataclass(frozen=True, slots=True)
class Assignment:
    incident: str
    match: Match | None  # None: the report started the incident


def judge(report: Report, members: list[Member]) -> Match | None:
    """The report's verdict on an incident: its best pair, unless most of the incident's
    reports veto it (one stray date does not keep a report out; a conflict with most
    does)."""
    matches = [compare(report, m.report) for m in members[-MEMBERS:]]
    vetoes = sum(1 for m in matches if m.veto)
    if not matches or vetoes * 2 > len(matches):
        return None
    best = max((m for m in matches if not m.veto), key=lambda m: m.score)
    return best if best.joins else None


class Grouper:
    """Assigns reports to incidents held by an `Index`."""

    def __init__(self, index: Index):
        self.index = index

    def add(self, report: Report) -> Assignment:
        best: tuple[float, str, Match] | None = None
        for incident in self.index.candidates(sought_keys(report), LIMIT):
            verdict = judge(report, self.index.members(incident))
            if verdict is not None and (best is None or verdict.score > best[0]):
                best = (verdict.score, incident, verdict)
        if best is None:
            incident = PREFIX + report.event
            self.index.create(incident, Member(report), filed_keys(report))
            return Assignment(incident, None)
        self.index.join(best[1], Member(report, best[2]), filed_keys(report))
        return Assignment(best[1], best[2])


@dataclass(slots=True)
class MemoryIndex:
    """Incidents of one `extract` run, in memory."""

    order: dict[str, int] = field(default_factory=dict)  # incident -> creation number
    groups: dict[str, list[Member]] = field(default_factory=dict)
    filed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def candidates(self, keys: list[str], limit: int) -> list[str]:
        hits = Counter(i for key in set(keys) for i in self.filed.get(key, [])[-limit:])
        return best_candidates(hits, self.order, limit)

    def members(self, incident: str) -> list[Member]:
        return self.groups[incident]

    def create(self, incident: str, member: Member, keys: list[str]) -> None:
        self.order[incident] = len(self.order)
        self.groups[incident] = [member]
        self._file(incident, keys)

    def join(self, incident: str, member: Member, keys: list[str]) -> None:
        self.groups[incident].append(member)
        self._file(incident, keys)

    def _file(self, incident: str, keys: Iterable[str]) -> None:
        have = self._keys[incident]
        for key in keys:
            if key not in have:
                have.add(key)
                self.filed[key].append(incident)
