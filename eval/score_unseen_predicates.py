"""Score event detection on predicates the event-sense model never saw.

    python eval/score_unseen_predicates.py corpus OUT.jsonl      # input for chronicle extract
    python eval/score_unseen_predicates.py score OUTPUT.jsonl    # after chronicle extract

The items of eval/unseen-predicates/*.jsonl (training format, training/README.md) tell events
with predicates and event nouns that no file of training/events uses ("kowtowed", "put the
kibosh on"), and hard negatives that use the same words in other senses. They are kept out
of training, so they measure what the learned layer does with wording it has never met:
the share of one-event items whose most confident event has the right type, the items
given no event, and the negatives given one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent / "unseen-predicates"


def items() -> list[dict]:
    return [json.loads(line) for path in sorted(HERE.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stated(item: dict) -> list[dict]:
    return [e for e in item["events"] if not (e.get("negated") or e.get("hypothetical"))]


def corpus(out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for item in items():
            handle.write(json.dumps({"id": item["id"], "text": item["text"]}) + "\n")


def score(output: Path) -> dict:
    best: dict[str, tuple[float, str]] = {}
    for line in output.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        if rec.get("type") == "event" and not (rec.get("negated") or rec.get("hypothetical")):
            conf = rec.get("confidence") or 0.0
            if conf >= best.get(str(rec["doc"]), (-1.0, ""))[0]:
                best[str(rec["doc"])] = (conf, rec["event_type"])
    single = [i for i in items() if len(stated(i)) == 1 and len(i["events"]) == 1]
    negatives = [i for i in items() if not i["events"]]
    right = sum(best.get(i["id"], (0, ""))[1] == stated(i)[0]["type"] for i in single)
    return {"events": len(single), "top1_accuracy": round(right / len(single), 3),
            "no_event": sum(i["id"] not in best for i in single),
            "negatives": len(negatives),
            "negatives_with_event": sum(i["id"] in best for i in negatives)}


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("corpus", "score"):
        sys.exit(__doc__)
    if sys.argv[1] == "corpus":
        corpus(Path(sys.argv[2]))
    else:
        print(json.dumps(score(Path(sys.argv[2])), indent=1))
