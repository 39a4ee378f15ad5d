"""A store for the web pages at scale: documents with places, casualties, sides and outlets.

    python bench/web_store.py web.db --documents 2000

The extractors do not fill every second-release field yet, so this writes analysed
documents (`DocumentResult`s) itself, through `Store.write` as ingest does (the resolver
merges actors across documents): invented reports of an invented conflict over real
places, each with 3 to 8 events that carry a type, a mode, a date (day, month or none),
a place with its province and coordinates, deaths and injuries for attacks, a negated or
hypothetical statement now and then, and sides with a country and a sector. Dates span
2012 to 2016, outlets a dozen invented names. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.records import Document, DocumentResult, Entity, Event, Location, Magnitude, Span

# Real places (approximate coordinates), with province and country.
PLACES = [
    ("Aleppo", 36.20, 37.16, "Aleppo", "Syria", "SYR"),
    ("Azaz", 36.59, 37.05, "Aleppo", "Syria", "SYR"),
    ("Homs", 34.73, 36.72, "Homs", "Syria", "SYR"),
    ("Palmyra", 34.56, 38.27, "Homs", "Syria", "SYR"),
    ("Hama", 35.13, 36.76, "Hama", "Syria", "SYR"),
    ("Idlib", 35.93, 36.63, "Idlib", "Syria", "SYR"),
    ("Maarat al-Numan", 35.65, 36.67, "Idlib", "Syria", "SYR"),
    ("Raqqa", 35.95, 39.01, "Al-Raqqah", "Syria", "SYR"),
    ("Deir ez-Zor", 35.33, 40.14, "Deir ez-Zor", "Syria", "SYR"),
    ("Daraa", 32.62, 36.10, "Daraa", "Syria", "SYR"),
    ("Douma", 33.57, 36.40, "Rif Dimashq", "Syria", "SYR"),
    ("Damascus", 33.51, 36.29, "Damascus", "Syria", "SYR"),
    ("Latakia", 35.52, 35.78, "Latakia", "Syria", "SYR"),
    ("Qamishli", 37.05, 41.22, "Al-Hasakah", "Syria", "SYR"),
    ("Mosul", 36.34, 43.13, "Nineveh", "Iraq", "IRQ"),
    ("Ramadi", 33.42, 43.30, "Al-Anbar", "Iraq", "IRQ"),
    ("Baghdad", 33.31, 44.37, "Baghdad", "Iraq", "IRQ"),
    ("Tripoli", 34.44, 35.85, "North Lebanon", "Lebanon", "LBN"),
    ("Arsal", 34.18, 36.42, "Baalbek-Hermel", "Lebanon", "LBN"),
    ("Gaziantep", 37.07, 37.38, "Gaziantep", "Turkey", "TUR"),
]
# Invented parties; real countries as states.
SIDES = [
    ("Northern Front", "group", "SYR", "REB"), ("Free Valley Brigades", "group", "SYR", "REB"),
    ("Syria", "country", "SYR", None), ("the Syrian army", "organization", "SYR", "MIL"),
    ("Iraq", "country", "IRQ", None), ("Turkey", "country", "TUR", None),
    ("the Crescent Relief Committee", "organization", None, "CVL"),
    ("Farid Haddadin", "person", "SYR", "MIL"),
    ("Leyla Orfaly", "person", "SYR", "GOV"),
    ("the Dawn Militia", "group", "SYR", "PRM"), ("unknown gunmen", "group", None, "UAF"),
    ("the United Nations", "organization", None, None),
    ("Kamal Tarazi", "person", "IRQ", "GOV"), ("the Ridge Coalition", "group", "IRQ", "REB"),
]
OUTLETS = ["Levant Wire", "Northern Courier", "Daily Meridian", "River Post", "The Observer Desk",
           "Coastal Times", "Plains Herald", "Eastern Dispatch", "Gulf Ledger", "Valley Gazette",
           "Crossroads News", "Frontier Report"]
# type, mode, verb, whether it kills, what it takes
ACTIONS = [
    ("ASSAULT", "aerial", "bombed a market in", True), ("ASSAULT", "shelling", "shelled", True),
    ("ASSAULT", "explosives", "set off a car bomb in", True),
    ("ASSAULT", "firearms", "opened fire on a checkpoint in", True),
    ("COERCE", "arrest", "detained dozens of people in", False),
    ("COERCE", "siege", "tightened the siege of", False),
    ("ACCUSE", None, "accused its rivals of abuses in", False),
    ("AID", None, "delivered food and medicine to", False),
    ("CONSULT", None, "held talks in", False), ("AGREE", None, "agreed to a truce in", False),
    ("PROTEST", None, "organised a protest in", False),
    ("THREATEN", None, "threatened an offensive on", False),
    ("REQUEST", None, "called for access to", False), ("MOBILIZE", None, "moved troops to", False),
    ("REJECT", None, "rejected a ceasefire proposal for", False),
    ("SUPPORT", None, "voiced support for residents of", False),
]


@dataclass(frozen=True, slots=True)
class Draft:
    """One sentence of a report and the event it carries."""

    text: str
    source: int  # index of the side in SIDES
    target: int | None
    action: int
    place: int
    dead: int | None
    injured: int | None
    date: str | None
    flag: str | None  # "negated", "hypothetical" or None


def _date(rng: random.Random) -> tuple[str, str | None]:
    """The report's publication date, and the event's (day, month or none)."""
    day = f"{rng.randint(2012, 2016)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    roll = rng.random()
    return day, (None if roll < 0.08 else day[:7] if roll < 0.2 else day)


def _draft(rng: random.Random) -> Draft:
    action = rng.randrange(len(ACTIONS))
    source = rng.randrange(len(SIDES))
    target = rng.choice([None, *[i for i in range(len(SIDES)) if i != source]])
    place = min(int(rng.paretovariate(1.1)) - 1, len(PLACES) - 1)
    kills = ACTIONS[action][3]
    dead = rng.randint(1, 40) if kills and rng.random() < 0.7 else None
    injured = rng.randint(2, 90) if kills and rng.random() < 0.4 else None
    flag = rng.choice(["negated", "hypothetical"]) if rng.random() < 0.05 else None
    verb = ACTIONS[action][2]
    name = SIDES[source][0]
    words = f"{name[0].upper() + name[1:]} {verb} {PLACES[place][0]}"
    if target is not None:
        words += f", targeting {SIDES[target][0]}"
    if dead:
        words += f", killing at least {dead} people"
    if injured:
        words += f" and wounding {injured}"
    return Draft(text=words + ".", source=source, target=target, action=action, place=place,
                 dead=dead, injured=injured, date=None, flag=flag)


def report(n: int, rng: random.Random) -> DocumentResult:
    doc_id = f"web-{n}"
    published, event_date = _date(rng)
    drafts = [_draft(rng) for _ in range(rng.randint(3, 8))]
    text = f"Report {n} from the {PLACES[drafts[0].place][0]} area.\n\n"
    entities: dict[int, Entity] = {}
    events = []
    for i, draft in enumerate(drafts):
        start = len(text)
        text += draft.text + " "
        for side in (draft.source, draft.target):
            if side is None:
                continue
            name, kind, country, sector = SIDES[side]
            shown = name[0].upper() + name[1:] if side == draft.source else name
            at = text.find(shown, start)
            entity = entities.setdefault(side, Entity(
                key=f"{doc_id}#{side}", doc=doc_id, name=name, kind=kind,  # type: ignore[arg-type]
                names=[name], country=country, sector=sector))
            entity.mentions.append(Span(doc_id, at, at + len(name)))
        place = PLACES[draft.place]
        magnitudes = tuple(Magnitude(kind, value, f"{value} people", "at least" if kind == "dead"
                                     else None) for kind, value in (("dead", draft.dead),
                                                                    ("injured", draft.injured))
                           if value)
        action = ACTIONS[draft.action]
        events.append(Event(
            id=f"e{i + 1}", doc=doc_id, event_type=action[0], mode=action[1],
            source=(f"{doc_id}#{draft.source}",),
            target=(f"{doc_id}#{draft.target}",) if draft.target is not None else (),
            start=start, end=start + len(draft.text), sentence=draft.text,
            trigger=action[2].split()[0], date=event_date,
            date_source="text" if event_date else None,
            location=Location(place[0], place[1], place[2], place[4], place[5], place[3],
                              "point"),
            negated=draft.flag == "negated", hypothetical=draft.flag == "hypothetical",
            confidence=round(rng.uniform(0.5, 0.95), 2),
            reason=f"trigger '{action[2].split()[0]}' with a subject and a place",
            magnitudes=magnitudes))
    document = Document(id=doc_id, text=text.rstrip() + "\n", source=f"{doc_id}.txt",
                        title=f"{ACTIONS[drafts[0].action][0].title()} in "
                              f"{PLACES[drafts[0].place][0]}", date=published,
                        outlet=rng.choice(OUTLETS), url=f"https://example.org/{doc_id}")
    return DocumentResult(document=document, entities=list(entities.values()), events=events)


def build(store: Store, documents: int, seed: int = 11) -> int:
    rng = random.Random(seed)
    written = 0
    for n in range(documents):
        written += store.write(report(n, rng))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with open_store(args.db) as store:
        written = build(store, args.documents, args.seed)
        counts = store.counts()
    print(f"wrote {written} documents in {time.perf_counter() - started:.0f} s: {counts}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
