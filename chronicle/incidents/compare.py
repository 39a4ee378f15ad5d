"""Whether two reports tell of the same happening: points for every field that agrees, a
veto for a field that cannot agree, and the names of both kept for the explanation.

The fields, and why each counts as it does:
- type: the same PLOVER type, or a near miss of one family on purpose (families.py: one
  outlet's "stormed the homes of journalists" is ASSAULT, another's "detained 15
  journalists" COERCE). Other types never meet: an accusation about an attack is a
  happening of its own.
- date: intervals of days at their precision. Two days the texts give must be the same or
  neighbours ("the night of July 9-10", time zones); two or three days apart speak against,
  four or more rule out. A day carried from an earlier sentence counts less, except inside
  its own article. A week or a month meets the days inside it; a publication week meets
  what it may report.
- place: a shared town (the event's location, or a place its sentence names), points
  within a town's reach, one province, or an unlisted town's two transliterations
  ("Kourfey-Bangou", "Kourfeye Bangou") agree; two countries never do (and a country is
  no shared place); two points far apart speak against (one gazetteer slip should not
  split a story, so it is points, not a veto). Only the events' own locations speak
  against each other: a place a sentence names may be its topic ("agreed to reopen the
  Metema crossing"), not where it happened.
- actors: by identity. A shared actor agrees (a country little: it is named in most
  reports of its region), the same source and target more; a reversed pair (A acts on B,
  B acts on A) is a reply, never the same happening; for meetings and agreements, a
  different counterpart is a different meeting. Different perpetrators only lower the
  score: sides name them differently, and that is a disagreement to show, not a reason to
  split; a doer named by a common noun ("gunmen") is no other perpetrator at all.
- the same document, and shared content words, add a little: an article's later sentences
  about its lead are reports of it (unless one says it is "a separate attack"), a headline
  sums up its lead, and "hotel" in two short reports is a clue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from chronicle.incidents.families import MUTUAL, near
from chronicle.incidents.report import Report, skeleton

THRESHOLD = 3.25  # points a report needs to join an incident: more than type and day


@dataclass(frozen=True, slots=True)
class Weights:
    same_type: float = 1.0
    same_day: float = 2.0
    next_day: float = 0.5
    near_days: float = -2.0  # two or three days apart, both given by the text
    carried_day: float = 1.5  # the same day, one of them carried from an earlier sentence
    inside_week: float = 0.5  # a week ("last week") that holds the day
    inside_month: float = 0.25
    soft_overlap: float = 0.5
    same_place: float = 2.0
    dateline_place: float = 1.5  # a town only one report's dateline gives
    near_point: float = 1.5
    same_region: float = 1.0  # the same province: a town in it, or the province named
    far_point: float = -3.0
    other_place: float = -1.0
    same_country: float = 0.3
    shared_actor: float = 1.5
    shared_state: float = 0.2  # a country: named in most reports of its region
    shared_group: float = 0.5  # "gunmen", "police" in two articles: a noun, not an identity
    more_actors: float = 0.75
    shared_mention: float = 0.75
    mentioned_state: float = 0.2
    other_perpetrator: float = -1.0
    same_pair: float = 1.0  # the same source and the same target: one dyad, as ICEWS keys
    same_document: float = 1.0
    headline: float = 1.0  # a headline and its article's lead
    shared_word: float = 0.4
    words_cap: float = 1.2
    near_km: float = 10.0  # spellings of one town geocode this close
    far_km: float = 75.0


WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on one pair: `agreed` and `conflicts` name fields ("date", "place:...",
    "actor:ID", "type", "document", "words:..."), for users and for tests."""

    score: float
    veto: bool = False
    agreed: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    @property
    def joins(self) -> bool:
        return not self.veto and self.score >= THRESHOLD


VETO = Match(score=float("-inf"), veto=True)


class _Tally:
    def __init__(self) -> None:
        self.score = 0.0
        self.veto = False
        self.agreed: list[str] = []
        self.conflicts: list[str] = []

    def add(self, points: float, label: str) -> None:
        self.score += points
        (self.agreed if points > 0 else self.conflicts).append(label)

    def stop(self, label: str) -> None:
        self.veto = True
        self.conflicts.append(label)

    def match(self) -> Match:
        return Match(score=round(self.score, 3), veto=self.veto, agreed=tuple(self.agreed),
                     conflicts=tuple(self.conflicts))


def compare(a: Report, b: Report, w: Weights = WEIGHTS) -> Match:
    """The verdict on reports `a` and `b` (symmetric)."""
    if not near(a.event_type, b.event_type):
        return VETO
    tally = _Tally()
    if a.event_type == b.event_type:
        tally.add(w.same_type, "type")
    for check in (_dates, _places, _actors):
        check(a, b, tally, w)
        if tally.veto:
            return tally.match()
    if a.doc == b.doc and not (a.other or b.other):
        tally.add(w.same_document, "document")
        if _headline_and_lead(a, b):
            tally.add(w.headline, "headline")
    shared = sorted(set(a.words) & set(b.words))
    if shared:
        tally.add(min(w.words_cap, w.shared_word * len(shared)), "words:" + ",".join(shared))
    return tally.match()


def _headline_and_lead(a: Report, b: Report) -> bool:
    """A headline and the report right after it: the article's lead, which it sums up."""
    head, other = (a, b) if a.headline else (b, a)
    return head.headline and not other.headline and other.order == head.order + 1


def _gap(a: Report, b: Report) -> int | None:
    """Days between the two intervals (0 when they overlap); None when one is undated."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return None
    return max(0, max(a.first, b.first) - min(a.last, b.last))


def _dates(a: Report, b: Report, tally: _Tally, w: Weights) -> None:
    gap = _gap(a, b)
    if gap is None:
        return
    if a.soft or b.soft:
        if gap == 0:
            tally.add(w.soft_overlap, "date")
        elif gap > 2:
            tally.stop("date")
        return
    if a.precision == b.precision == "day":
        stated = a.dated_by == b.dated_by == "text"
        if stated and gap and (a.other or b.other):
            tally.stop("date:again")  # "struck the town again on Tuesday": a repeat
            return
        _days(gap, stated, a.doc == b.doc, tally, w)
    elif gap > 0:
        tally.stop("date")
    elif "week" in (a.precision, b.precision) and {a.precision, b.precision} <= {"day", "week"}:
        tally.add(w.inside_week, "date")
    elif "year" not in (a.precision, b.precision):
        tally.add(w.inside_month, "date")


def _days(gap: int, stated: bool, same_doc: bool, tally: _Tally, w: Weights) -> None:
    """Two days: given by both sentences, they must meet. A day carried from an earlier
    sentence is weaker evidence either way (the sentence may be about something else),
    except inside its own article, where sharing it is following the same story."""
    if gap > 3:
        tally.stop("date")
    elif stated:
        points = (w.same_day, w.next_day, w.near_days, w.near_days)[gap]
        tally.add(points, "date")
    elif gap == 0:
        tally.add(w.same_day if same_doc else w.carried_day, "date")


def _km(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _places(a: Report, b: Report, tally: _Tally, w: Weights) -> None:
    if a.country and b.country and a.country != b.country:
        tally.stop("place:country")
        return
    shared = [p for p in a.where if p in b.where]
    if not shared and not (a.point and b.point):  # an unlisted place spelt two ways
        shared = [p for p in a.where for q in b.where if _alike(p, q)]
    if shared:
        own = shared[0] in a.places and any(_alike(shared[0], q) for q in b.places)
        tally.add(w.same_place if own else w.dateline_place, "place:" + shared[0])
        return
    regions = {a.region, *a.places} & {b.region, *b.places} & {a.region, b.region} - {None}
    if regions and not (a.place_name and b.place_name):  # a province meets its towns;
        # two towns of one province are two places
        tally.add(w.same_region, "place:" + sorted(r for r in regions if r)[0])
        return
    if a.point and b.point:
        km = _km(a.point, b.point)
        if km <= w.near_km:  # one town's spellings ("Afgoye", "Afgooye")
            tally.add(w.near_point, f"place:{round(km)}km")
        else:  # two towns, a district's or a village's drive apart, or far apart
            tally.add(w.far_point if km > w.far_km else w.other_place, f"place:{round(km)}km")
        return
    if _town(a) and _town(b):  # two towns: a place a sentence names in passing
        tally.add(w.other_place, "place")  # ("to reopen the Metema crossing") may be a topic
    elif a.country and a.country == b.country:
        tally.add(w.same_country, "place:" + a.country)


def _alike(p: str, q: str) -> bool:
    """Two place keys of one name, or of its two transliterations (report.skeleton)."""
    return p == q or bool(skeleton(p)) and skeleton(p) == skeleton(q)


def _town(r: Report) -> bool:
    """Whether the report has a town: its location, or its dateline's."""
    return bool(r.place_name or (r.dateline and r.dateline in r.where))


def _actors(a: Report, b: Report, tally: _Tally, w: Weights) -> None:
    mutual = a.event_type in MUTUAL and b.event_type in MUTUAL
    if not mutual and _reversed(a, b):
        tally.stop("actors:reversed")
        return
    states = set(a.states) | set(b.states)
    weak = set(a.groups) | set(b.groups) if a.doc != b.doc else set()
    shared = sorted(a.participants & b.participants, key=lambda x: (x in weak, x))
    for n, actor in enumerate(shared[:3]):
        points = w.shared_actor if n == 0 else w.more_actors
        if actor in states:
            points = min(points, w.shared_state)
        elif actor in weak:
            points = min(points, w.shared_group)
        tally.add(points, "actor:" + actor)
    if (set(a.source) & set(b.source)) - weak and (set(a.target) & set(b.target)) - weak:
        tally.add(w.same_pair, "pair")
    passing = sorted((a.named & b.named) - set(shared), key=lambda x: (x in weak, x))
    for actor in passing[:2]:
        points = w.mentioned_state if actor in states else w.shared_mention
        tally.add(min(points, w.shared_group) if actor in weak else points, "actor:" + actor)
    if mutual:
        if _other_counterpart(a, b):
            tally.stop("counterpart")
    elif _named_doers(a) and _named_doers(b) and not set(a.source) & b.named \
            and not set(b.source) & a.named:
        tally.add(w.other_perpetrator, "source")


def _named_doers(r: Report) -> set[str]:
    """The sources it names as someone ("al-Shabaab"), not by a common noun ("gunmen",
    "the army"): a noun fits any perpetrator, so it never tells of another one."""
    return set(r.source) - set(r.groups)


def _reversed(a: Report, b: Report) -> bool:
    """A acted on B in one report, B on A in the other, and neither shares a source."""
    return bool(set(a.source) & set(b.target)) and bool(set(a.target) & set(b.source)) \
        and not set(a.source) & set(b.source)


def _other_counterpart(a: Report, b: Report) -> bool:
    """Both name two parties or more, share one, and each names one the other lacks."""
    pa, pb = a.participants, b.participants
    return len(pa) >= 2 and len(pb) >= 2 and bool(pa & pb) and bool(pa - b.named) \
        and bool(pb - a.named)
