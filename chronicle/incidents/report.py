"""A report: what the grouping needs to know of one event, detached from its document.

An incident is built from reports, never from events and documents directly: the store
keeps each report as it was when it joined (incidents.report in `incident_events`), so a
later ingest compares a new document with exactly what `extract` would have compared it
with, and the grouping never re-reads documents, mentions or actors.

What goes in:
- the type, and the actors by identity (run-wide actor ids): the event's sources and
  targets, and the other actors the sentence names (`present`);
- places: the event's location and every place actor the sentence names, as keys made from
  their names, with the location's coordinates and country;
- the date as an interval of days with its precision, and whether the text gave it
  (`soft` is False) or it stands in for one (the publication date, or a vague year):
  reports are published up to a week after what they report;
- the sentence's content words (language data: incident-words.txt), which reach reports
  that name no one and no place, or other actors and places, of the same happening
  ("Twelve people were killed yesterday when a suicide bomber ...");
- the dead and injured, the outlet and publication date, for corroboration and
  disagreements.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

from chronicle import lang
from chronicle.incidents.families import family
from chronicle.records import Document, DocumentResult, Event, Timex

SOFT_DAYS = 7  # a report stands in for a happening up to a week before it was published
PLACE_KINDS = frozenset({"location"})
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
# A wire dateline: a place in capitals at the head of one of the first paragraphs, then a
# comma, the agency in brackets or a dash ("KAGARA, Nigeria, Feb 18 (Wire) -").
_DATELINE = re.compile(r"\s*([^\W\d_](?:[^\W\d_]|['.\- ]){0,30}[^\W\d_])"
                       r"(?=,|\s*\(|\s+[-\u2013\u2014]\s)[^\n]{0,80}?(?:\)\s*[-\u2013\u2014:]{0,2}|\s[-\u2013\u2014]{1,2}\s)")
_HEAD_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class Report:
    """One event as the grouping sees it; plain values only, so it round-trips as JSON."""

    event: str
    doc: str
    event_type: str
    outlet: str | None = None
    published: str | None = None  # the document's publication date, as given
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    present: tuple[str, ...] = ()  # other actors the sentence names
    countries: tuple[str, ...] = ()  # the states its actors belong to or act for
    states: tuple[str, ...] = ()  # the actors it names that are countries
    groups: tuple[str, ...] = ()  # the actors it names by a common noun ("gunmen", "police")
    places: tuple[str, ...] = ()  # place keys (folded names)
    place_name: str | None = None  # the event's location, as named
    dateline: str | None = None  # the document's dateline place (a place key), if it has one
    location: dict[str, Any] | None = None  # that Location's record, for the incident's
    point: tuple[float, float] | None = None
    country: str | None = None  # the location's country: ISO code, else its folded name
    region: str | None = None  # its province (admin1), folded, when known
    date: str | None = None  # the event's date as given
    first: int | None = None  # the interval of days it may have happened on (ordinals)
    last: int | None = None
    precision: str | None = None  # "day", "month", "year"; None when undated
    soft: bool = False  # the interval stands in for a date the text did not give
    dated_by: str = "text"  # text, narrative (an earlier sentence), publication, dateline
    headline: bool = False  # an all-capitals line: it sums up the article's lead
    order: int = 0  # its place among its document's reports of the same type family
    other: bool = False  # its sentence says it is another happening ("a separate attack")
    dead: int | None = None
    injured: int | None = None
    words: tuple[str, ...] = ()
    confidence: float = 0.5
    start: int = 0  # the sentence's offset in its document

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(self.source) | frozenset(self.target)

    @property
    def where(self) -> tuple[str, ...]:
        """Its places, and its dateline's when it has no location of its own: a wire report
        filed from a town ("SARAQEB, Syria (Wire) - Warplanes bombed a bakery") tells of
        that town without naming it."""
        if self.place_name or not self.dateline or self.dateline in self.places:
            return self.places
        return (*self.places, self.dateline)

    @property
    def named(self) -> frozenset[str]:
        """Every actor the report names, in a role or in passing."""
        return self.participants | frozenset(self.present)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["point"] = list(self.point) if self.point else None
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Report:
        values = dict(data)
        for key in ("source", "target", "present", "countries", "states", "groups", "places",
                    "words"):
            values[key] = tuple(values.get(key) or ())
        point = values.get("point")
        values["point"] = (float(point[0]), float(point[1])) if point else None
        return cls(**values)


@dataclass(frozen=True, slots=True)
class _ActorInfo:
    kind: str
    name: str
    country: str | None


@dataclass(slots=True)
class _Context:
    """One document's actors (by actor id) and where they are named."""

    info: dict[str, _ActorInfo] = field(default_factory=dict)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, actor id

    def named_in(self, start: int, end: int) -> list[str]:
        return list(dict.fromkeys(a for s, e, a in self.spans if s >= start and e <= end))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name as a key: accents, case and punctuation folded ("Afgooye" stays apart)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return "-".join(re.findall(r"[^\W_]+", plain))


_SILENT = str.maketrans("", "", "aeiouyhw-")  # what transliterations of a name vary in
SKELETON = 4  # consonants a name needs for its skeleton to tell it from others


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A place key's consonants, doubled ones once, or "" for a short name: spellings of
    one place differ in vowels, h, w and y ("kourfey-bangou", "kourfeye-bangou";
    "khagrachari", "khagrachhari"; "tinkimbou", "tinkimbo"), seldom in consonants; a
    short name has too few of them to be told from another ("gali", "gol")."""
    bare = re.sub(r"(.)\1+", r"\1", key.translate(_SILENT))
    return bare if len(bare) >= SKELETON else ""


def day_interval(value: str | None) -> tuple[int | None, int | None, str | None]:
    """First and last day (ordinals) of a partial ISO date or an ISO week ("2019-W11"),
    and its precision ("day", "week", "month", "year")."""
    week = _WEEK.match(value.strip()) if value else None
    if week:
        try:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None, None, None
        return monday.toordinal(), monday.toordinal() + 6, "week"
    found = _PARTIAL.match(value.strip()) if value else None
    if not found:
        return None, None, None
    year = int(found.group(1))
    month, day = (int(g) if g else None for g in found.groups()[1:])
    try:
        if month is None:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), "year"
        if day is None:
            first = date(year, month, 1)
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1, "month"
        one = date(year, month, day).toordinal()
    except ValueError:
        return None, None, None
    return one, one, "day"


@cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    classes = lang.classes("incident-words.txt")
    suffixes = sorted(classes.get("suffix", frozenset()), key=len, reverse=True)
    return classes.get("stop", frozenset()), tuple(suffixes)


@cache
def _other_cues() -> frozenset[str]:
    return lang.classes("incident-words.txt").get("other", frozenset())


def says_other(text: str) -> bool:
    """Whether the sentence calls its event another one ("in a separate attack")."""
    cues = _other_cues()
    return any(word in cues for word in _WORD.findall(text.casefold()))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    _stop, suffixes = _vocabulary()
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def content_words(text: str, skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words of `text` that can tell one happening from another, folded and sorted."""
    stop, _suffixes = _vocabulary()
    out = set()
    for word in _WORD.findall(text.casefold()):
        if len(word) < 3 or word in stop:
            continue
        stemmed = stem(word)
        if stemmed not in skip and stemmed not in stop:  # "ministers" is "minister"
            out.add(stemmed)
    return tuple(sorted(out))


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str  # a place key
    start: int  # the head's span in the text: its words are the wire's, not the event's
    end: int


def dateline_of(text: str) -> Dateline | None:
    """The document's wire dateline, if one of its first paragraphs opens with one: a
    place in capitals, then the agency in brackets or a dash ("KAGARA, Nigeria, Feb 18
    (Wire) -"). A headline in capitals runs on with no comma, bracket or dash after a few
    words, so it is none."""
    for n, line in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text)):
        head = _DATELINE.match(line.group())
        if head and head.group(1).isupper() and fold(head.group(1)):
            return Dateline(fold(head.group(1)), line.start(), line.start() + head.end())
        if n + 1 >= _HEAD_PARAGRAPHS:
            break
    return None


def _context(result: DocumentResult, actor_of: Mapping[str, str]) -> _Context:
    ctx = _Context()
    for ent in result.entities:
        actor = actor_of.get(ent.key, ent.key)
        ctx.info.setdefault(actor, _ActorInfo(ent.kind, ent.name, ent.country))
        ctx.spans += [(m.start, m.end, actor) for m in ent.mentions if m.doc == ent.doc]
    ctx.spans.sort()
    return ctx


def _dated_by(event: Event, doc: Document, timexes: list[Timex]) -> str:
    """Where the event's date came from, when the extractor did not say."""
    if event.date_source:
        return event.date_source
    if event.date is None:
        return "none"
    if any(t.start >= event.start and t.end <= event.end and t.role != "background"
           for t in timexes):
        return "text"
    return "publication" if doc.date and event.date == doc.date else "narrative"


def _interval(event: Event, doc: Document, dated_by: str
              ) -> tuple[int | None, int | None, str | None, bool]:
    """The days the event may fall on; a publication week stands in for a missing date."""
    first, last, precision = day_interval(event.date)
    published, _, pub_precision = day_interval(doc.date)
    if published is None or pub_precision != "day":
        return first, last, precision, False
    vague = precision is None or dated_by in ("publication", "dateline") or (
        precision == "year" and first is not None and last is not None
        and first <= published <= last)
    if vague:
        return published - SOFT_DAYS, published, "day", True
    return first, last, precision, False


@dataclass(frozen=True, slots=True)
class _Place:
    name: str | None = None  # a town or district: a place key
    point: tuple[float, float] | None = None
    country: str | None = None
    region: str | None = None


def _place_of(event: Event) -> _Place:
    """The event's location as keys: a town is a place, a province a region; a country is
    only a country (two reports "in Afghanistan" are not at one place). An unlisted town,
    placed no closer than its province, is still a town: its name is its key."""
    loc = event.location
    if loc is None:
        return _Place()
    point = (loc.lat, loc.lon) if loc.lat is not None and loc.lon is not None else None
    country = loc.country_code or (fold(loc.country) if loc.country else None)
    precision = loc.precision
    if precision is None and loc.country and fold(loc.name) == fold(loc.country):
        precision = "country"
    if precision == "country":
        return _Place(country=country)
    if precision == "admin1" and loc.admin1 and fold(loc.admin1) != fold(loc.name):
        # an unlisted town placed by its division or a landmark: still a town
        return _Place(name=loc.name or None, country=country, region=fold(loc.admin1))
    if precision == "admin1":
        return _Place(country=country, region=fold(loc.name))
    return _Place(name=loc.name or None, point=point, country=country,
                  region=fold(loc.admin1) if loc.admin1 else None)


def _where(event: Event, named: list[str]) -> tuple[_Place, list[str]]:
    """The event's place and the place names of its report. A location the sentence does
    not name, while it names another place, came from elsewhere in the article (a lead's
    town carried on, a later paragraph's): the sentence's own place is the report's then,
    so a story of two towns does not put both in one."""
    place = _place_of(event)
    if place.name and named and place.name not in event.sentence \
            and fold(place.name) not in {fold(n) for n in named}:
        return _Place(name=named[0], country=place.country), named
    return place, ([place.name] if place.name else []) + named


def _report(event: Event, doc: Document, ctx: _Context, timexes: list[Timex],
            dateline: Dateline | None) -> Report:
    named = ctx.named_in(event.start, event.end)
    info = ctx.info

    def actors(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a for a in dict.fromkeys(ids) if a not in info or
                     info[a].kind not in PLACE_KINDS)

    place, places = _where(event, [info[a].name for a in (*event.source, *event.target, *named)
                                   if a in info and info[a].kind in PLACE_KINDS])
    # a doer the sentence does not name (lent from the story's nearby attack, or a
    # pronoun's antecedent) is not this report's evidence of who did it
    source = tuple(a for a in actors(event.source) if a in named)
    target = actors(event.target)
    present = tuple(a for a in actors(tuple(named)) if a not in source and a not in target)
    countries = {c for a in (*source, *target, *present) if a in info
                 and (c := info[a].country)}
    states = sorted(a for a in (*source, *target, *present)
                    if a in info and info[a].kind == "country")
    groups = sorted(a for a in (*source, *target, *present)
                    if a in info and info[a].kind == "group")
    skip = frozenset(content_words(event.trigger))
    spans = [(s - event.start, e - event.start) for s, e, _ in ctx.spans
             if s >= event.start and e <= event.end]
    if dateline and dateline.start < event.end and dateline.end > event.start:
        spans.append((dateline.start - event.start, dateline.end - event.start))
    dated_by = _dated_by(event, doc, timexes)
    first, last, precision, soft = _interval(event, doc, dated_by)
    dead, injured = event.magnitude("dead"), event.magnitude("injured")
    return Report(
        event=event.id, doc=event.doc, event_type=event.event_type, outlet=doc.outlet,
        published=doc.date, source=source, target=target, present=present,
        countries=tuple(sorted(countries)), states=tuple(dict.fromkeys(states)),
        groups=tuple(dict.fromkeys(groups)),
        places=tuple(dict.fromkeys(fold(p) for p in places if fold(p))),
        place_name=place.name, location=event.location.to_json() if event.location else None,
        point=place.point, country=place.country, region=place.region, date=event.date, first=first,
        last=last, precision=precision, soft=soft, dated_by=dated_by,
        headline=any(c.isalpha() for c in event.sentence) and not any(
            c.islower() for c in event.sentence), other=says_other(event.sentence),
        dead=dead.value if dead else None, injured=injured.value if injured else None,
        words=content_words(_blank(event.sentence, spans), skip),
        confidence=float(event.confidence), start=event.start,
        dateline=dateline.place if dateline else None)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the names in it blanked: names are compared as actors."""
    chars = list(text)
    for s, e in spans:
        chars[max(0, s):max(0, e)] = " " * (max(0, e) - max(0, s))
    return "".join(chars)


def reports_of(result: DocumentResult, actor_of: Mapping[str, str]) -> Iterator[Report]:
    """The reports of one document's stated events (negated and hypothetical ones are no
    events), in text order. `result` has its events rewritten to actor ids; `actor_of` maps
    its entities' keys to the same ids."""
    ctx = _context(result, actor_of)
    doc = result.document
    dateline = dateline_of(doc.text)
    seen: dict[str, int] = {}
    for event in sorted(result.events, key=lambda e: (e.start, e.id)):
        if not (event.negated or event.hypothetical):
            kind = family(event.event_type)
            order = seen.get(kind, 0)
            seen[kind] = order + 1
            yield replace(_report(event, doc, ctx, result.timexes, dateline), order=order)
