#!/usr/bin/env python3
"""Score `chronicle extract` output on eval/conflict-world.jsonl (standard library only).

    python eval/score_conflict_world.py eval/conflict-world.gold.json OUT.jsonl [--details FILE]

The gold maps each article id to its main event: `evidence` (an exact, unique substring of
the event's sentence), `type`, `mode`, `place`, `admin1`, `country_code`, `precision`,
`dead`, `injured`, `dead_qualifier`, `source_side`, `source_country`, `source_sector`,
`target_sector`, `date` (see eval/CONFLICT.md).

The scored event of an article is an `event` record of that document, neither negated nor
hypothetical, whose sentence contains the evidence (spaces folded, case ignored): one of
the gold type if there is one, else the first. Every figure is a share of all gold items;
an article with no such event is a miss on every field but `found`.

    found          an event's sentence holds the evidence
    type           event_type equal
    mode           mode equal (a null gold mode needs a null mode)
    place          the location's name, folded, equals the gold place or contains it
    admin1         equal after folding (accents, case, "province", "governorate", "state",
                   "region", "oblast", "district", "al-" ...); a null gold needs a null
    country_code   equal (ISO alpha-3)
    precision      equal (point, admin1, country)
    dead           within 10% of the gold figure; a null gold needs a null, 0 needs 0
    injured        the same rule
    dead_qualifier the qualifier of the dead figure (record `magnitudes`), "exact" for none
    source_country, source_sector, target_sector   the event's sides, equal (null = null)
    date           the event's date, a full day, equal to the gold day

The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

FIELDS = ("found", "type", "mode", "place", "admin1", "country_code", "precision", "dead",
          "injured", "dead_qualifier", "source_country", "source_sector", "target_sector",
          "date")
_DIVISION_WORDS = {"province", "governorate", "state", "region", "oblast", "district",
                   "division", "prefecture", "department", "county", "city", "of", "the"}
_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w for w in words if w not in _ARTICLES)


def fold_division(text: str | None) -> str:
    return " ".join(w for w in fold(text).split() if w not in _DIVISION_WORDS)


def squeeze(text: str) -> str:
    return " ".join(text.split()).lower()


def read_output(path: str) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    events: dict[str, list[dict]] = {}
    actors: dict[str, dict] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if rec.get("type") == "event" and not (rec.get("negated") or rec.get("hypothetical")):
                events.setdefault(str(rec.get("doc")), []).append(rec)
            elif rec.get("type") == "actor":
                actors[str(rec.get("id"))] = rec
    return events, actors


def pick(gold: dict, events: list[dict]) -> dict | None:
    want = squeeze(gold.get("evidence") or "")
    found = [e for e in events if want and want in squeeze(e.get("sentence") or "")]
    typed = [e for e in found if e.get("event_type") == gold.get("type")]
    return (typed or found or [None])[0]


def within(gold, pred) -> bool:
    if gold is None:
        return pred is None
    if not isinstance(pred, (int, float)):
        return False
    return abs(pred - gold) <= 0.1 * gold if gold else pred == 0


def qualifier(event: dict) -> str | None:
    for mag in event.get("magnitudes") or []:
        if mag.get("kind") == "dead":
            return mag.get("qualifier") or ("exact" if mag.get("value") is not None else None)
    return None


def side(event: dict, actors: dict[str, dict], role: str, field: str) -> str | None:
    """The country or sector of the event's first source or target: the event's own
    field when the record has it, else the actor's."""
    own = event.get(f"{role}_{field}")
    if own is not None:
        return own
    ids = event.get(role) or []
    actor = actors.get(str(ids[0])) if ids else None
    return actor.get(field) if actor else None


def judge(gold: dict, event: dict | None, actors: dict[str, dict]) -> dict[str, bool]:
    if event is None:
        return {f: False for f in FIELDS}
    loc = event.get("location") or {}
    place = fold(loc.get("name"))
    return {
        "found": True,
        "type": event.get("event_type") == gold.get("type"),
        "mode": event.get("mode") == gold.get("mode"),
        "place": bool(place) and fold(gold.get("place")) in place,
        "admin1": fold_division(loc.get("admin1")) == fold_division(gold.get("admin1")),
        "country_code": loc.get("country_code") == gold.get("country_code"),
        "precision": loc.get("precision") == gold.get("precision"),
        "dead": within(gold.get("dead"), event.get("dead")),
        "injured": within(gold.get("injured"), event.get("injured")),
        "dead_qualifier": qualifier(event) == gold.get("dead_qualifier"),
        "source_country": side(event, actors, "source", "country") == gold.get("source_country"),
        "source_sector": side(event, actors, "source", "sector") == gold.get("source_sector"),
        "target_sector": side(event, actors, "target", "sector") == gold.get("target_sector"),
        "date": (event.get("date") or "")[:10] == (gold.get("date") or "")[:10]
        and len(event.get("date") or "") >= 10,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold")
    parser.add_argument("output")
    parser.add_argument("--details", help="write one JSON line per article here")
    args = parser.parse_args(argv)
    with open(args.gold, encoding="utf-8") as handle:
        gold = json.load(handle)
    events, actors = read_output(args.output)
    totals = dict.fromkeys(FIELDS, 0)
    details = []
    for item_id, item in sorted(gold.items()):
        event = pick(item, events.get(item_id, []))
        marks = judge(item, event, actors)
        for field, ok in marks.items():
            totals[field] += ok
        details.append({"id": item_id, "ok": marks, "event": event and event.get("id")})
    n = len(gold) or 1
    summary = {field: round(count / n, 3) for field, count in totals.items()}
    summary["items"] = len(gold)
    if args.details:
        with open(args.details, "w", encoding="utf-8") as handle:
            for row in details:
                handle.write(json.dumps(row) + "\n")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
