"""Store speed at scale: an actor timeline and a full-text search over 1M synthetic events.

    python bench/store_bench.py                      # SQLite, 1,000,000 events
    python bench/store_bench.py --events 100000 --pg postgresql://user:pw@host/db --json

Generates documents, actors and events (sentences from a made-up vocabulary, Zipf-like
actor and word frequencies) straight into the store tables, then times the queries the
CLI runs: `timeline --actor ID --limit 100` and `search WORD --limit 20`. Goals: p95 under
50 ms and 100 ms. A store already generated with the same size is reused. Prints a table,
or with --json one JSON object; `run(db_url, n_events)` returns the same dict.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.records import PLOVER_TYPES
from chronicle.store import schema as s
from chronicle.store.keys import date_bounds, name_key

TIMELINE_GOAL_MS, SEARCH_GOAL_MS = 50.0, 100.0
EVENTS_PER_DOC = 20
BATCH = 20_000
SYLLABLES = ["ka", "ro", "vel", "in", "ma", "dor", "su", "lei", "tan", "ar", "bo", "ne", "zi",
             "qu", "fa", "rim", "ol", "den", "har", "mu", "sel", "ti", "gan", "py"]
VERBS = {"AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "backed", "CONCEDE": "yielded to",
         "COOPERATE": "worked with", "AID": "sent aid to", "RETREAT": "withdrew from",
         "REQUEST": "asked", "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "warned",
         "PROTEST": "protested against", "SANCTION": "sanctioned", "MOBILIZE": "mobilised near",
         "COERCE": "detained envoys of", "ASSAULT": "shelled positions of"}


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _zipf(n: int, exponent: float = 0.9) -> list[float]:
    """Cumulative weights: a few items are everywhere, most are rare, as in news."""
    total, cum = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** exponent
        cum.append(total)
    return cum


def _date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.05:
        return None
    year, month = rng.randint(1990, 2020), rng.randint(1, 12)
    return f"{year}-{month:02d}" if roll < 0.15 else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _actors(rng: random.Random, n: int) -> list[dict[str, Any]]:
    seen: set[str] = set()
    rows = []
    while len(rows) < n:
        name = f"{_word(rng, 2).title()} {_word(rng, 3).title()}"
        if name in seen:
            continue
        seen.add(name)
        rows.append({"id": f"b{len(rows)}", "name": name,
                     "kind": rng.choice(["person", "person", "organization", "country"]),
                     "updated_seq": 1})
    return rows


def _cast(rng: random.Random, n_actors: int) -> tuple[list[dict[str, Any]], list[str]]:
    """The actors and the vocabulary (most frequent word first) of one seed."""
    actors = _actors(rng, n_actors)
    return actors, list(dict.fromkeys(_word(rng, rng.randint(2, 4)) for _ in range(3000)))


def generate(store: Store, n_events: int, seed: int = 7) -> dict[str, int]:
    """Write synthetic documents, actors, events and quotes straight into the tables (of
    an empty store: the keys that link them, documents.seq and events.seq, are set here)."""
    rng = random.Random(seed)
    n_actors, n_docs = max(50, n_events // 50), max(1, n_events // EVENTS_PER_DOC)
    actors, vocabulary = _cast(rng, n_actors)
    actor_w, word_w = _zipf(n_actors), _zipf(len(vocabulary), 1.0)
    with store.database.write() as conn:
        conn.execute(sa.insert(s.actors), actors)
        conn.execute(sa.insert(s.actor_names), [
            {"actor_id": a["id"], "name": a["name"], "name_key": name_key(a["name"]),
             "canonical": True} for a in actors])
    docs, events, links, quotes = [], [], [], []
    for d in range(n_docs):
        doc_id, date, text, offset = f"bench-{d}", _date(rng), [], 0
        for e in range(EVENTS_PER_DOC):
            kind = rng.choice(PLOVER_TYPES)
            src, tgt = rng.choices(actors, cum_weights=actor_w, k=2)
            words = " ".join(rng.choices(vocabulary, cum_weights=word_w, k=8))
            sentence = f"{src['name']} {VERBS[kind]} {tgt['name']} over {words}."
            event_id, event_seq = f"{doc_id}:e{e}", d * EVENTS_PER_DOC + e + 1
            first, last = date_bounds(date)
            events.append({"seq": event_seq, "id": event_id, "doc_id": doc_id,
                           "doc_seq": d + 1, "event_type": kind, "date": date,
                           "date_start": first, "date_end": last, "start": offset,
                           "end": offset + len(sentence), "sentence": sentence,
                           "trigger": VERBS[kind].split()[0], "negated": False,
                           "hypothetical": False, "confidence": 0.7, "reason": ""})
            links += [{"event_id": event_id, "role": "source", "actor_id": src["id"],
                       "position": 0, "date_start": first, "event_seq": event_seq},
                      {"event_id": event_id, "role": "target", "actor_id": tgt["id"],
                       "position": 0, "date_start": first, "event_seq": event_seq},
                      ][: 1 if src is tgt else 2]
            text.append(sentence)
            offset += len(sentence) + 1
        body = " ".join(text)
        docs.append({"seq": d + 1, "id": doc_id, "title": f"Report {d}", "date": date,
                     "date_start": date_bounds(date)[0], "source": "bench", "text": body,
                     "text_key": hashlib.sha256(body.encode()).hexdigest(),
                     "ingested_at": "bench"})
        quotes.append({"id": f"{doc_id}:q1", "doc_id": doc_id, "doc_seq": d + 1,
                       "speaker_id": src["id"],
                       "text": text[-1], "start": offset - len(text[-1]) - 1,
                       "end": offset - 1, "cue": "said"})
        if len(events) >= BATCH or d == n_docs - 1:
            _flush(store, docs, events, links, quotes)
            docs, events, links, quotes = [], [], [], []
    with store.database.write() as conn:
        conn.execute(sa.insert(s.store_meta).values(key="bench_events", value=str(n_events)))
        conn.exec_driver_sql("ANALYZE")  # fresh statistics, as a long-lived store has
    return {"actors": n_actors, "documents": n_docs, "events": n_docs * EVENTS_PER_DOC}


def _flush(store: Store, docs: list, events: list, links: list, quotes: list) -> None:
    with store.database.write() as conn:
        for table, rows in ((s.documents, docs), (s.events, events), (s.event_actors, links),
                            (s.quotes, quotes)):
            if rows:
                conn.execute(sa.insert(table), rows)


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return round(statistics.median(ordered) * 1000, 2), round(p95 * 1000, 2)


def _timed(call: Any, args: list[Any]) -> list[float]:
    times = []
    for arg in args:
        start = time.perf_counter()
        call(arg)
        times.append(time.perf_counter() - start)
    return times


def run(db_url: str, n_events: int = 1_000_000, *, queries: int = 200,
        seed: int = 7) -> dict[str, Any]:
    """Generate (or reuse) a store of `n_events` at `db_url` and time the two queries."""
    with open_store(db_url) as store:
        with store.database.read() as conn:
            made = conn.execute(sa.select(s.store_meta.c.value)
                                .where(s.store_meta.c.key == "bench_events")).scalar()
            empty = conn.execute(sa.select(sa.func.count()).select_from(s.documents)).scalar()
        started = time.perf_counter()
        if made != str(n_events):
            if empty:
                raise SystemExit(f"{store.database.label} holds other data: use an empty store")
            generate(store, n_events, seed)
        generate_s = round(time.perf_counter() - started, 1) if made != str(n_events) else None
        actors, words = _cast(random.Random(seed), max(50, n_events // 50))
        rng = random.Random(seed + 1)
        # What analysts look up: any actor, any word (uniformly, so mostly specific ones).
        picked_actors = [a["id"] for a in rng.choices(actors, k=queries)]
        timeline = _timed(lambda a: store.timeline(actor=a, limit=100), picked_actors)
        search = _timed(lambda w: store.search(w, limit=20), rng.choices(words, k=queries))
        # The worst cases: the busiest actor, the commonest word (in most documents).
        busiest = _timed(lambda a: store.timeline(actor=a, limit=100), [actors[0]["id"]] * 5)
        commonest = _timed(lambda w: store.search(w, limit=20), [words[0]] * 5)
        counts = store.counts()
        backend = store.database.dialect
    t50, t95 = _percentiles(timeline)
    s50, s95 = _percentiles(search)
    return {"backend": backend, "events": counts["events"], "actors": counts["actors"],
            "documents": counts["documents"], "generate_s": generate_s, "queries": queries,
            "timeline_p50_ms": t50, "timeline_p95_ms": t95, "timeline_goal_ms": TIMELINE_GOAL_MS,
            "search_p50_ms": s50, "search_p95_ms": s95, "search_goal_ms": SEARCH_GOAL_MS,
            "busiest_actor_timeline_ms": _percentiles(busiest)[0],
            "commonest_word_search_ms": _percentiles(commonest)[0],
            "ok": t95 < TIMELINE_GOAL_MS and s95 < SEARCH_GOAL_MS}


def _table(results: list[dict[str, Any]]) -> str:
    lines = [f"{'backend':<11}{'events':>10}{'generate s':>12}{'timeline p50/p95 ms':>22}"
             f"{'search p50/p95 ms':>20}  goals (50/100 ms)"]
    for r in results:
        lines.append(f"{r['backend']:<11}{r['events']:>10}{r['generate_s'] or 'reused':>12}"
                     f"{r['timeline_p50_ms']:>11}/{r['timeline_p95_ms']:<10}"
                     f"{r['search_p50_ms']:>9}/{r['search_p95_ms']:<10}"
                     f"  {'met' if r['ok'] else 'MISSED'}")
        lines.append(f"{'':<11}worst cases: busiest actor's timeline "
                     f"{r['busiest_actor_timeline_ms']} ms, commonest word's search "
                     f"{r['commonest_word_search_ms']} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="SQLite file (default: a new file in a temp folder)")
    parser.add_argument("--pg", help="also run on this PostgreSQL URL (an empty database)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp(prefix="chronicle-bench-")) / "bench.db")
    results = [run(db, args.events, queries=args.queries)]
    if args.pg:
        results.append(run(args.pg, args.events, queries=args.queries))
    if args.json:
        print(json.dumps({"store": results}))
    else:
        print(_table(results))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
