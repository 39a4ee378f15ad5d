"""Incident grouping at scale: time per event as the corpus grows, in memory and in a store.

    python bench/incidents_bench.py                    # 100,000 events; 20,000 in a store
    python bench/incidents_bench.py --events 200000 --store-events 40000 --json

Generates happenings (a type, actors, a place, a day) each told by one to five outlets in
one to three sentences, the way reports differ: a day off or no date (the publication
week stands in), a perpetrator left out or named differently, a near-miss type, a place
left out. Then measures, nothing asserted:

- memory (what `extract` runs): the CPU time to group the first n/8, n/4, n/2 and n
  events, from scratch (best of two); linear cost shows as a time ratio near the size
  ratio (2.0 per doubling);
- store (what `ingest` runs, SQLite): documents written one transaction each, grouping
  included, CPU time per quarter of the run; linear cost shows as the last quarter taking
  about as long as the first. The same writes without grouping give its share;
- pairwise precision and recall against the generated truth, as a sanity check of the
  blocking (the dev and test sets in eval/ measure accuracy on real text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from chronicle.incidents import group
from chronicle.records import (
    PLOVER_TYPES,
    Document,
    DocumentResult,
    Entity,
    Event,
    Location,
    Magnitude,
    Span,
)

OUTLETS = [f"Outlet {n}" for n in range(40)]
STATES = ["SYR", "NGA", "UKR", "YEM", "COL", "MMR", "SDN", "IRN", "AFG", "MLI", "SOM", "LBY"]
NEAR = {"ASSAULT": "COERCE", "COERCE": "ASSAULT", "CONSULT": "AGREE", "AGREE": "CONSULT"}
START_DAY = 730120  # 2000-01-01
DAYS = 20 * 365
SYLLABLES = ["ka", "ro", "vel", "in", "ma", "dor", "su", "lei", "tan", "ar", "bo", "ne", "zi"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@dataclass(slots=True)
class World:
    """Actors (with kinds and states), places (with points) and topic words."""

    actors: list[tuple[str, str, str]]  # id, kind, state
    places: list[tuple[str, float, float, str]]  # name, lat, lon, state
    words: list[str]
    weights: list[float] = field(default_factory=list)  # Zipf, cumulative, over actors


def world(rng: random.Random, n_events: int) -> World:
    kinds = ["group", "organization", "person", "country"]
    actors = [(f"actor-{n}", kinds[n % 4], STATES[n % len(STATES)])
              for n in range(max(60, n_events // 25))]
    places = []
    for n in range(max(40, n_events // 40)):
        state = n % len(STATES)
        places.append((f"{_word(rng, 3).title()} {n}", 10.0 * state + rng.random() * 3,
                       20.0 + rng.random() * 3, STATES[state]))
    words = list(dict.fromkeys(_word(rng, 3) for _ in range(800)))
    total, weights = 0.0, []
    for rank in range(1, len(actors) + 1):
        total += 1.0 / rank ** 0.9
        weights.append(total)
    return World(actors, places, words, weights)


@dataclass(slots=True)
class _Doc:
    """One article being written: its text, entities and events."""

    id: str
    outlet: str
    published: int
    text: str = ""
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def name(self, actor: tuple[str, str, str]) -> str:
        start = len(self.text)
        self.text += actor[0] + " "
        ent = self.entities.setdefault(actor[0], Entity(key=actor[0], doc=self.id,
                                                        name=actor[0], kind=actor[1],  # type: ignore[arg-type]
                                                        country=actor[2]))
        ent.mentions.append(Span(self.id, start, start + len(actor[0])))
        return actor[0]

    def result(self) -> DocumentResult:
        day = _iso(self.published)
        doc = Document(id=self.id, text=self.text, source=self.id, outlet=self.outlet,
                       date=day)
        return DocumentResult(document=doc, entities=list(self.entities.values()),
                              events=self.events)


def _iso(ordinal: int) -> str:
    from datetime import date

    return date.fromordinal(ordinal).isoformat()


@dataclass(frozen=True, slots=True)
class Happening:
    id: str
    kind: str
    source: tuple[str, str, str]
    target: tuple[str, str, str] | None
    place: tuple[str, float, float, str] | None
    day: int
    words: tuple[str, str]
    dead: int


def _sentence(doc: _Doc, h: Happening, rng: random.Random, n: int) -> Event:
    """One report of `h` in `doc`, varied as outlets vary."""
    start = len(doc.text)
    source = ()
    roll = rng.random()
    if roll < 0.7:
        source = (doc.name(h.source),)
    elif roll < 0.8:
        other = (f"actor-{rng.randrange(60)}", "group", h.source[2])
        source = (doc.name(other),)
    target = (doc.name(h.target),) if h.target and rng.random() < 0.7 else ()
    doc.text += f"{rng.choice(['struck', 'hit', 'met', 'took'])} {' '.join(h.words)} "
    location = None
    if h.place and rng.random() < 0.6:
        location = Location(h.place[0], h.place[1], h.place[2], h.place[3], h.place[3],
                            precision="point")
        doc.text += "in " + h.place[0] + " "
    roll = rng.random()
    day = None if roll < 0.15 else _iso(h.day + (rng.choice((-1, 1)) if roll < 0.25 else 0))
    kind = NEAR.get(h.kind, h.kind) if rng.random() < 0.1 else h.kind
    dead = Magnitude("dead", h.dead + rng.choice((0, 0, 1, 3)), "dead") if h.dead else None
    doc.text += ". "
    return Event(id=f"{doc.id}#ev{n}", doc=doc.id, event_type=kind, source=source,
                 target=target, start=start, end=len(doc.text), sentence=doc.text[start:],
                 trigger="struck", date=day, location=location,
                 date_source="text" if day else None,
                 magnitudes=(dead,) if dead else ())


def happenings(rng: random.Random, w: World) -> Iterator[Happening]:
    n = 0
    while True:
        kind = rng.choice(("ASSAULT", "ASSAULT", "COERCE", *PLOVER_TYPES))
        source, target = rng.choices(w.actors, cum_weights=w.weights, k=2)
        yield Happening(id=f"h{n}", kind=kind, source=source,
                        target=target if target != source and rng.random() < 0.8 else None,
                        place=rng.choice(w.places) if rng.random() < 0.8 else None,
                        day=START_DAY + rng.randrange(DAYS),
                        words=(rng.choice(w.words), rng.choice(w.words)),
                        dead=rng.randrange(1, 40) if kind == "ASSAULT" else 0)
        n += 1


def corpus(n_events: int, seed: int = 11) -> tuple[list[DocumentResult], dict[str, str]]:
    """Documents with at least `n_events` events, and each event's happening."""
    rng = random.Random(seed)
    w = world(rng, n_events)
    results: list[DocumentResult] = []
    truth: dict[str, str] = {}
    count = 0
    for h in happenings(rng, w):
        for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 2, 3, 4, 5))):
            doc = _Doc(id=f"d{len(results)}", outlet=outlet, published=h.day + rng.randrange(4))
            for n in range(rng.choice((1, 1, 2, 3))):
                doc.events.append(_sentence(doc, h, rng, n))
                truth[doc.events[-1].id] = h.id
            results.append(doc.result())
            count += len(doc.events)
        if count >= n_events:
            return results, truth
    raise AssertionError("unreachable")


def _prefix(results: list[DocumentResult], n_events: int) -> list[DocumentResult]:
    out, count = [], 0
    for r in results:
        if count >= n_events:
            break
        out.append(r)
        count += len(r.events)
    return out


def accuracy(of_event: dict[str, str], truth: dict[str, str], sample: int = 4000
             ) -> dict[str, float]:
    """Pairwise precision and recall over the events of a sample of happenings."""
    by_h: dict[str, list[str]] = {}
    for e in of_event:
        by_h.setdefault(truth[e], []).append(e)
    chosen = [e for h in sorted(by_h)[:sample] for e in by_h[h]]
    by_inc: dict[str, list[str]] = {}
    for e in chosen:
        by_inc.setdefault(of_event[e], []).append(e)
    gold = sum(len(v) * (len(v) - 1) // 2 for h in sorted(by_h)[:sample] for v in [by_h[h]])
    pred = sum(len(v) * (len(v) - 1) // 2 for v in by_inc.values())
    both = sum(1 for v in by_inc.values() for a, b in combinations(v, 2) if truth[a] == truth[b])
    return {"precision": round(both / pred, 3) if pred else 1.0,
            "recall": round(both / gold, 3) if gold else 1.0}


def measure_memory(results: list[DocumentResult], truth: dict[str, str], n_events: int,
                   repeat: int = 2) -> dict[str, Any]:
    """CPU seconds (best of `repeat`) to group growing prefixes of the corpus: the machine
    may be shared, and CPU time is what grouping costs."""
    rows = []
    grouping = None
    for part in (8, 4, 2, 1):
        chosen = _prefix(results, n_events // part)
        events = sum(len(r.events) for r in chosen)
        seconds = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            grouping = group(chosen, {})
            seconds = min(seconds, time.process_time() - started)
        rows.append({"events": events, "seconds": round(seconds, 2),
                     "us_per_event": round(1e6 * seconds / events, 1),
                     "incidents": len(grouping.incidents)})
    for before, after in zip(rows, rows[1:], strict=False):
        after["time_ratio"] = round(after["seconds"] / before["seconds"], 2)
        after["size_ratio"] = round(after["events"] / before["events"], 2)
    assert grouping is not None
    return {"sizes": rows, "accuracy": accuracy(grouping.of_event, truth)}


def _write_quarters(results: list[DocumentResult], folder: Path, grouped: bool
                    ) -> list[float]:
    from chronicle.api import open as open_store
    from chronicle.store import writer

    original = writer.group_document
    if not grouped:
        writer.group_document = lambda *args: 0  # type: ignore[assignment]
    try:
        with open_store(folder / f"store-{grouped}.db") as store:
            quarters, size = [], max(1, len(results) // 4)
            for q in range(4):
                started = time.process_time()
                for r in results[q * size:(q + 1) * size]:
                    store.write(r)
                quarters.append(round(time.process_time() - started, 2))
    finally:
        writer.group_document = original
    return quarters


def measure_store(results: list[DocumentResult], n_events: int, folder: Path
                  ) -> dict[str, Any]:
    chosen = [replace(r) for r in _prefix(results, n_events)]
    events = sum(len(r.events) for r in chosen)
    with_grouping = _write_quarters(chosen, folder, grouped=True)
    without = _write_quarters(chosen, folder, grouped=False)
    return {"events": events, "documents": len(chosen), "quarters_s": with_grouping,
            "quarters_without_grouping_s": without,
            "last_over_first": round(with_grouping[-1] / with_grouping[0], 2),
            "grouping_share": round(1 - sum(without) / sum(with_grouping), 2),
            "ms_per_event": round(1000 * sum(with_grouping) / events, 2)}


def run(n_events: int, store_events: int, folder: Path) -> dict[str, Any]:
    results, truth = corpus(n_events)
    out = {"events": sum(len(r.events) for r in results), "documents": len(results),
           "memory": measure_memory(results, truth, n_events)}
    if store_events:
        out["store"] = measure_store(results, store_events, folder)
    return out


def table(r: dict[str, Any]) -> str:
    lines = [f"corpus: {r['events']:,} events in {r['documents']:,} documents"]
    lines.append("in memory (extract):  events   CPU s     us/event   time ratio / size ratio")
    for row in r["memory"]["sizes"]:
        ratio = f"{row.get('time_ratio', '-')} / {row.get('size_ratio', '-')}"
        lines.append(f"  {row['events']:>20,} {row['seconds']:>9} {row['us_per_event']:>10}"
                     f"   {ratio}")
    acc = r["memory"]["accuracy"]
    lines.append(f"  pairwise precision {acc['precision']}, recall {acc['recall']} "
                 "(generated truth)")
    if "store" in r:
        s = r["store"]
        lines.append(f"store (ingest, SQLite): {s['events']:,} events, {s['documents']:,} "
                     f"documents, quarters {s['quarters_s']} s (last/first "
                     f"{s['last_over_first']}); without grouping "
                     f"{s['quarters_without_grouping_s']} s; grouping share "
                     f"{s['grouping_share']:.0%}; {s['ms_per_event']} ms per event")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--store-events", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        result = run(args.events, args.store_events, Path(folder))
    print(table(result))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
