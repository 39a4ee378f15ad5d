"""An incident record from its reports: what they agree on, and where they differ.

The incident's date, place and type are what most of its reports say (the text's own
dates before stand-in publication dates; the most precise place); its confidence grows
with each independent outlet that carries it. Disagreements are laid side by side, each
value with the documents and outlets that give it: the dead and injured (with their
range), the date, the place and the perpetrator. An incident that only one outlet carries
says so (`independent` is 1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from chronicle.incidents.grouper import Member
from chronicle.incidents.report import Report, fold
from chronicle.records import Disagreement, Incident, Link, Location

_PRECISION = {"day": 0, "month": 1, "year": 2}
_LOCATION_PRECISION = {"point": 0, "admin1": 1, "country": 2}


def _ranked(values: Iterable[Hashable]) -> list[Any]:
    """Distinct values, the most frequent first, ties in order of first appearance."""
    counts = Counter(values)  # keeps the order of first appearance
    order = {v: i for i, v in enumerate(counts)}
    return sorted(counts, key=lambda v: (-counts[v], order[v]))


def _date(reports: Sequence[Report]) -> str | None:
    stated = [r for r in reports if r.date and not r.soft]
    if stated:
        best = min(_PRECISION.get(r.precision or "", 3) for r in stated)
        return _ranked(r.date for r in stated if _PRECISION.get(r.precision or "", 3) == best)[0]
    return _ranked(r.date for r in reports if r.date)[0] if any(r.date for r in reports) \
        else None


def _place_rank(loc: dict[str, Any]) -> int:
    """Points first, then provinces, then countries; a place of no stated precision
    counts as a point when it has coordinates."""
    precision = loc.get("precision")
    if precision in _LOCATION_PRECISION:
        return _LOCATION_PRECISION[precision]
    return 0 if loc.get("lat") is not None else 3


def _location(reports: Sequence[Report]) -> Location | None:
    located = [r.location for r in reports if r.location]
    if not located:
        return None
    best = min(_place_rank(loc) for loc in located)
    names = _ranked(fold(loc.get("name") or "") for loc in located if _place_rank(loc) == best)
    chosen = next(loc for loc in located if fold(loc.get("name") or "") == names[0])
    return Location(**chosen)


def _actors(reports: Sequence[Report], role: str) -> tuple[str, ...]:
    return tuple(_ranked(a for r in reports for a in getattr(r, role)))


def _sources(reports: Sequence[Report]) -> dict[str, str]:
    """Document -> the independent source it counts as: its outlet, else itself."""
    return {r.doc: r.outlet or f"doc:{r.doc}" for r in reports}


def confidence(reports: Sequence[Report]) -> float:
    """The chance that at least one independent source is right: one minus the product,
    over sources, of one minus the best confidence of that source's reports."""
    best: dict[str, float] = {}
    for r in reports:
        source = r.outlet or f"doc:{r.doc}"
        best[source] = max(best.get(source, 0.0), r.confidence)
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - min(max(value, 0.0), 1.0)
    return round(1.0 - doubt, 3)


def _disagreement(name: str, reports: Sequence[Report],
                  value: Callable[[Report], Any], numeric: bool = False) -> Disagreement | None:
    """Each value the reports give for one field, with who gives it; None if they agree."""
    by_value: dict[Any, list[str]] = {}
    shown: dict[Any, Any] = {}
    for r in reports:
        got = value(r)
        if got is None:
            continue
        key = fold(got) if isinstance(got, str) else got
        shown.setdefault(key, got)
        docs = by_value.setdefault(key, [])
        if r.doc not in docs:
            docs.append(r.doc)
    if len(by_value) < 2:
        return None
    outlet_of = {r.doc: r.outlet for r in reports}
    keys = sorted(by_value, key=lambda k: (-len(by_value[k]), str(k)))
    values = tuple((shown[k], tuple(by_value[k])) for k in keys)
    outlets = tuple(tuple(dict.fromkeys(o for d in by_value[k] if (o := outlet_of.get(d))))
                    for k in keys)
    low = min(by_value) if numeric else None
    high = max(by_value) if numeric else None
    return Disagreement(field=name, values=values, outlets=outlets, low=low, high=high)


def _perpetrators(reports: Sequence[Report]) -> Disagreement | None:
    """Documents that name disjoint sources: who each says did it."""
    named: dict[str, set[str]] = {}
    for r in reports:
        if r.source:
            named.setdefault(r.doc, set()).update(r.source)
    sets = list(named.values())
    if not any(not a & b for i, a in enumerate(sets) for b in sets[i + 1:]):
        return None
    per_doc = {doc: ", ".join(sorted(ids)) for doc, ids in named.items()}
    return _disagreement("source", [r for r in reports if r.doc in per_doc],
                         lambda r: per_doc[r.doc])


def disagreements(reports: Sequence[Report]) -> tuple[Disagreement, ...]:
    found = [
        _disagreement("dead", reports, lambda r: r.dead, numeric=True),
        _disagreement("injured", reports, lambda r: r.injured, numeric=True),
        _disagreement("date", reports, lambda r: r.date if r.precision == "day" and not r.soft
                      else None),
        _disagreement("location", reports, lambda r: r.place_name),
        _perpetrators(reports),
    ]
    return tuple(d for d in found if d is not None)


def _label(field: str) -> str:
    return field.split(":", 1)[0]


def summarise(incident: str, members: Sequence[Member]) -> Incident:
    """The incident record of `members` (in the order they joined)."""
    reports = [m.report for m in members]
    outlets = tuple(dict.fromkeys(r.outlet for r in reports if r.outlet))
    sources = set(_sources(reports).values())
    published = sorted(r.published for r in reports if r.published)
    agreed = _ranked(_label(f) for m in members if m.match for f in m.match.agreed)
    links = tuple(Link(m.report.event, m.match.score if m.match else None,
                       m.match.agreed if m.match else (), m.match.conflicts if m.match else ())
                  for m in members)
    return Incident(
        id=incident, event_type=_ranked(r.event_type for r in reports)[0],
        events=tuple(r.event for r in reports),
        documents=tuple(dict.fromkeys(r.doc for r in reports)), outlets=outlets,
        date=_date(reports), location=_location(reports), source=_actors(reports, "source"),
        target=_actors(reports, "target"), confidence=confidence(reports),
        disagreements=disagreements(reports),
        first_report=published[0] if published else None,
        last_report=published[-1] if published else None, agreed=tuple(agreed),
        independent=len(sources), types=tuple(Counter(r.event_type for r in reports).items()),
        links=links)
