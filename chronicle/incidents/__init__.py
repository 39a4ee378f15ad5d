"""Incidents: events that report the same happening, within and across documents.

An analyst counts happenings, not sentences: one attack told by four outlets, each in
several sentences, is one incident with a dozen reports. This package groups events so:

    families.py  the type families: ASSAULT/COERCE and CONSULT/AGREE near misses
    report.py    Report: what the grouping knows of one event (actors by identity, places,
                 date interval and precision, content words, magnitudes, outlet)
    compare.py   compare(): points and vetoes per field for two reports (the explanation)
    blocking.py  the keys (type family, actor or place or document, date bucket) that
                 choose which incidents a report is compared with: linear cost
    grouper.py   Grouper: each report joins the best incident or starts one; an Index
                 holds incidents (MemoryIndex here, the store's in chronicle.store)
    summary.py   summarise(): the `incident` record, corroboration and disagreements

`group()` is what `chronicle extract` runs after resolving actors; `chronicle ingest`
runs the same Grouper inside each document's write transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from chronicle.incidents.compare import Match, compare
from chronicle.incidents.grouper import Assignment, Grouper, Index, Member, MemoryIndex
from chronicle.incidents.report import Report, reports_of
from chronicle.incidents.summary import summarise
from chronicle.records import DocumentResult, Incident


class Grouping:
    """The incidents of one run, grown one document at a time: each event joins the best
    incident so far or starts one, so `extract` can write a document's events (each naming
    its incident) as soon as the document is resolved, and the incident records at the end.
    """

    def __init__(self) -> None:
        self._index = MemoryIndex()
        self._grouper = Grouper(self._index)
        self.of_event: dict[str, str] = {}

    def add(self, result: DocumentResult, actor_of: Mapping[str, str]) -> None:
        """Group one document's events; `actor_of` maps its entity keys to run-wide actors."""
        for report in reports_of(result, actor_of):
            self.of_event[report.event] = self._grouper.add(report).incident

    def tag(self, result: DocumentResult) -> DocumentResult:
        """The result with each event pointing at its incident."""
        events = [replace(e, incident=self.of_event.get(e.id)) for e in result.events]
        return replace(result, events=events)

    @property
    def incidents(self) -> list[Incident]:
        """The incident records, in the order the incidents began."""
        return [summarise(i, self._index.groups[i]) for i in self._index.order]


def group(results: Iterable[DocumentResult], actor_of: Mapping[str, str]) -> Grouping:
    """Incidents of documents whose events already name run-wide actors; `actor_of` maps
    their entities' keys to those actors."""
    grouping = Grouping()
    for result in results:
        grouping.add(result, actor_of)
    return grouping


__all__ = ["Assignment", "Grouper", "Grouping", "Index", "Match", "Member", "MemoryIndex",
           "Report", "compare", "group", "reports_of", "summarise"]
