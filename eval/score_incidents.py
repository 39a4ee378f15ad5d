"""Score Chronicle's incident grouping against a gold file of happenings.

    python eval/score_incidents.py GOLD.json OUTPUT.jsonl [--roles INCIDENTS.md] [--json]

GOLD is `{"happenings": {"h001": {"type", "summary", "reports": [{"doc", "evidence"}]}}}`
(eval/INCIDENTS.md); OUTPUT is what `chronicle extract` printed (documents, events,
incidents) or what `chronicle export --format jsonl` wrote.

Each gold report is mapped to one event: among the stated events (not negated, not
hypothetical) of its document whose sentence contains the evidence, the one of the
happening's type, else of the same family (ASSAULT/COERCE, CONSULT/AGREE), else the first
in the text. A report with no such event is an extraction miss, counted apart and left out
of the grouping scores. Over the matched events:

- pairwise precision: of the pairs of events put in one incident, how many report one
  happening; recall: of the pairs that report one happening, how many share an incident;
- B-cubed precision and recall (per event, averaged);
- merges: pairs of events of different happenings in one incident, by the role of the
  happenings (core, distractor, background: "- core: h001 ..." lines of --roles, or a
  "role" field in the gold);
- splits: core happenings whose matched events fall in more than one incident.

The same figures are given for two baselines computed from the events alone: one
incident per event, and ICEWS-style deduplication (one incident per source, target, type
and day).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

FAMILY = {"ASSAULT": "force", "COERCE": "force", "CONSULT": "talks", "AGREE": "talks"}


def load_output(path: Path) -> tuple[dict[str, str], list[dict[str, Any]], dict[str, str]]:
    """Document texts, stated events, and event -> incident from an output file."""
    texts: dict[str, str] = {}
    events: list[dict[str, Any]] = []
    incident_of: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            rec = json.loads(line)
            kind = rec.get("type")
            if kind == "document":
                texts[rec["id"]] = rec["text"]
            elif kind == "event" and not (rec.get("negated") or rec.get("hypothetical")):
                events.append(rec)
            elif kind == "incident":
                for event_id in rec["events"]:
                    incident_of[event_id] = rec["id"]
    for e in events:  # an event record may carry its incident itself
        if e.get("incident") and e["id"] not in incident_of:
            incident_of[e["id"]] = e["incident"]
    return texts, events, incident_of


def roles_from(path: Path | None, gold: dict[str, Any]) -> dict[str, str]:
    roles = {h: v["role"] for h, v in gold.items() if v.get("role")}
    if path is not None:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.match(r"^- (core|distractor|background): (h\d+(?: h\d+)*)\s*$", line)
            if found:
                roles.update({h: found.group(1) for h in found.group(2).split()})
    return roles


def match_reports(gold: dict[str, Any], texts: dict[str, str], events: list[dict[str, Any]]
                  ) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Event id -> gold happening, and the reports that matched no event."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        by_doc[e["doc"]].append(e)
    happening_of: dict[str, str] = {}
    missed = []
    for hid, happening in gold.items():
        kind = happening.get("type")
        for report in happening["reports"]:
            text = texts.get(report["doc"], "")
            at = text.find(report["evidence"])
            end = at + len(report["evidence"])
            found = [e for e in by_doc.get(report["doc"], [])
                     if at >= 0 and e["start"] <= at and end <= e["end"]]
            if not found:
                missed.append((hid, report["doc"], report["evidence"]))
                continue
            found.sort(key=lambda e: (e["event_type"] != kind,
                                      FAMILY.get(e["event_type"]) != FAMILY.get(kind, kind),
                                      e["start"], e["id"]))
            happening_of.setdefault(found[0]["id"], hid)
    return happening_of, missed


def pairwise(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    items = sorted(gold)
    same_gold = same_pred = both = 0
    for a, b in combinations(items, 2):
        g = gold[a] == gold[b]
        p = predicted[a] == predicted[b]
        same_gold += g
        same_pred += p
        both += g and p
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_gold if same_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold_pairs": same_gold, "predicted_pairs": same_pred, "correct_pairs": both}


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        gold_sets[gold[item]].add(item)
        pred_sets[predicted[item]].add(item)
    p = r = 0.0
    for item in gold:
        g, q = gold_sets[gold[item]], pred_sets[predicted[item]]
        p += len(g & q) / len(q)
        r += len(g & q) / len(g)
    n = len(gold) or 1
    return {"precision": round(p / n, 4), "recall": round(r / n, 4)}


def errors(gold: dict[str, str], predicted: dict[str, str], roles: dict[str, str]
           ) -> dict[str, Any]:
    merges: Counter[str] = Counter()
    for a, b in combinations(sorted(gold), 2):
        if predicted[a] == predicted[b] and gold[a] != gold[b]:
            kinds = sorted({roles.get(gold[a], "unknown"), roles.get(gold[b], "unknown")})
            merges["+".join(kinds)] += 1
    parts: dict[str, set[str]] = defaultdict(set)
    for item, hid in gold.items():
        parts[hid].add(predicted[item])
    core = [h for h in parts if roles.get(h, "core") == "core" and len(
        [i for i in gold if gold[i] == h]) > 1]
    split = [h for h in core if len(parts[h]) > 1]
    return {"merged_pairs_by_role": dict(sorted(merges.items())),
            "core_happenings_with_two_or_more_events": len(core),
            "core_happenings_split": len(split)}


def baselines(events: list[dict[str, Any]], matched: dict[str, str]) -> dict[str, dict[str, str]]:
    by_id = {e["id"]: e for e in events}
    icews = {}
    for event_id in matched:
        e = by_id[event_id]
        day = e.get("date") if e.get("date") and len(e["date"]) == 10 else None
        key = (tuple(sorted(e.get("source") or ())), tuple(sorted(e.get("target") or ())),
               e["event_type"], day)
        icews[event_id] = event_id if day is None else json.dumps(key)
    return {"one incident per event": {e: e for e in matched},
            "ICEWS (source, target, type, day)": icews}


def score(gold: dict[str, Any], output: Path, roles: dict[str, str]) -> dict[str, Any]:
    texts, events, incident_of = load_output(output)
    matched, missed = match_reports(gold, texts, events)
    predicted = {e: incident_of.get(e, "single:" + e) for e in matched}
    n_reports = sum(len(h["reports"]) for h in gold.values())
    result: dict[str, Any] = {
        "reports": n_reports, "reports_matched": n_reports - len(missed),
        "reports_missed": len(missed), "events_matched": len(matched),
        "happenings_with_matched_events": len(set(matched.values())),
        "chronicle": {"pairwise": pairwise(matched, predicted),
                      "bcubed": bcubed(matched, predicted),
                      **errors(matched, predicted, roles)},
    }
    for name, grouping in baselines(events, matched).items():
        result[name] = {"pairwise": pairwise(matched, grouping),
                        "bcubed": bcubed(matched, grouping),
                        **errors(matched, grouping, roles)}
    return result


def _print(result: dict[str, Any]) -> None:
    print(f"gold reports {result['reports']}: matched to an event {result['reports_matched']}, "
          f"no matching event {result['reports_missed']} (extraction misses); "
          f"{result['events_matched']} events of "
          f"{result['happenings_with_matched_events']} happenings scored")
    for name in ("chronicle", "one incident per event", "ICEWS (source, target, type, day)"):
        r = result[name]
        pw, b3 = r["pairwise"], r["bcubed"]
        print(f"{name:36} pairwise P {pw['precision']:.3f} R {pw['recall']:.3f} "
              f"F1 {pw['f1']:.3f} | B3 P {b3['precision']:.3f} R {b3['recall']:.3f} | "
              f"core split {r['core_happenings_split']}/"
              f"{r['core_happenings_with_two_or_more_events']} | merges "
              f"{r['merged_pairs_by_role']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--roles", type=Path, help="a file with '- core: h001 ...' lines")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["happenings"]
    result = score(gold, args.output, roles_from(args.roles, gold))
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _print(result)


if __name__ == "__main__":
    main()
