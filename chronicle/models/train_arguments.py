"""Train the argument ranker (extractors/events/ranking.py) from the labelled sentences.

    python -m chronicle.models.train argument_ranker [--data training/events] [--cv]

Every item of training/events goes through the extractor as `chronicle extract` runs it
(rules only, so that no shipped ranker shapes what it learns from), with the ranker's
recorder on. Each trigger the extractor analyses whose words overlap an annotated event's
trigger is an example group: each actor of its sentence is labelled `source` or `target`
when its mention overlaps the words annotated as that party, else `none`. An annotated
event whose trigger the extractor never analysed teaches nothing and is counted apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chronicle.extractors.events.ranking import MODEL, NONE, RECORDER, ROLES, THRESHOLD
from chronicle.models import LinearModel
from chronicle.models.items import read_items
from chronicle.models.sparse import LabelledRows, fit_sparse

if TYPE_CHECKING:
    from chronicle.settings import Settings

C = 0.5  # inverse L2 strength, chosen by cross-validation (grouped by item)


@dataclass
class Examples(LabelledRows):
    """Candidates of every matched trigger: features, label, group and the rules' choice."""

    trigger: list[int] = field(default_factory=list)  # which trigger a row belongs to
    item: list[int] = field(default_factory=list)  # which item (for grouped folds)
    rules: list[str] = field(default_factory=list)  # the role the rules gave it, or none
    filled: list[frozenset[str]] = field(default_factory=list)  # roles the rules filled


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of each annotated party's words."""
    out = []
    for w in words:
        at = text.find(w)
        while w and at >= 0:
            out.append((at, at + len(w)))
            at = text.find(w, at + 1)
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _annotated(item: dict[str, Any]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    text, out = item["text"], []
    for ev in item["events"]:
        at = ev.get("trigger_at", text.find(ev["trigger"]))
        if at >= 0:
            out.append(((at, at + len(ev["trigger"])), ev))
    return out


def _add_item(ex: Examples, item: dict[str, Any], seen: list[dict[str, Any]], n: int) -> None:
    text = item["text"]
    for (ts, te), ev in _annotated(item):
        rec = next((r for r in seen if r["start"] < te and ts < r["end"]), None)
        if rec is None or not rec["candidates"]:
            ex.counts["trigger not analysed" if rec is None else "no candidate"] += 1
            continue
        parties = {role: _spans(text, ev.get(role) or []) for role in ROLES}
        group = ex.counts["groups"]
        ex.counts["groups"] += 1
        for c in rec["candidates"]:
            label = next((r for r in ROLES if _overlaps(c.start, c.end, parties[r])), NONE)
            ex.rows.append(c.features)
            ex.labels.append(label)
            ex.trigger.append(group)
            ex.item.append(n)
            ex.rules.append(next((r for r in ROLES if c.key in rec[r]), NONE))
            ex.filled.append(frozenset(r for r in ROLES if rec[r]))


def examples(items: list[dict[str, Any]], settings: Settings) -> Examples:
    from chronicle.extractors import extract_document
    from chronicle.nlp import load_nlp
    from chronicle.nlp.shield import shielded
    from chronicle.records import Document

    nlp = load_nlp(settings.model)
    ex = Examples()
    docs = nlp.pipe((shielded(item["text"]) for item in items), batch_size=64)
    for n, (item, doc) in enumerate(zip(items, docs, strict=True)):
        seen: list[dict[str, Any]] = []
        token = RECORDER.set(seen)
        try:
            extract_document(Document(item["id"], item["text"], "training"), doc, settings)
        finally:
            RECORDER.reset(token)
        _add_item(ex, item, seen, n)
    return ex


def fit(ex: Examples, rows: np.ndarray | None = None) -> LinearModel:
    take = range(len(ex.rows)) if rows is None else rows
    return fit_sparse([ex.rows[i] for i in take], [ex.labels[i] for i in take], C)


def cross_validate(ex: Examples, folds: int = 5) -> dict[str, Any]:
    """Per role, over the triggers whose rules left it empty: how many the ranker fills
    and how many of those fills name an annotated party (whole items held out); and over
    all triggers with an annotated party among the candidates, how often the rules' and
    the ranker's first choice is one."""
    from sklearn.model_selection import GroupKFold

    trig = np.asarray(ex.trigger)
    tally: Counter[str] = Counter()
    for train, test in GroupKFold(folds).split(trig, groups=ex.item):
        model = fit(ex, train)
        probs = model.scores([ex.rows[i] for i in test])
        for t in sorted(set(trig[test])):
            rows = [n for n, i in enumerate(test) if trig[i] == t]
            for role in ROLES:
                _tally(tally, role, [test[n] for n in rows],
                       probs[rows, model.classes.index(role)], ex)
    out: dict[str, Any] = {"cv_folds": folds}
    for role in ROLES:
        out[f"cv_{role}_fills"] = tally[f"{role} fill"]
        out[f"cv_{role}_fill_precision"] = round(
            tally[f"{role} fill right"] / max(tally[f"{role} fill"], 1), 4)
        out[f"cv_{role}_empty_with_party"] = tally[f"{role} empty, party"]
        for who in ("rules", "ranker"):
            out[f"cv_{role}_{who}_right"] = round(
                tally[f"{role} {who} right"] / max(tally[f"{role} party"], 1), 4)
    return out


def _tally(tally: Counter[str], role: str, rows: list[int], p: np.ndarray, ex: Examples
           ) -> None:
    party = any(ex.labels[i] == role for i in rows)
    best = rows[int(np.argmax(p))]
    if party:
        tally[f"{role} party"] += 1
        tally[f"{role} ranker right"] += ex.labels[best] == role
        tally[f"{role} rules right"] += any(ex.rules[i] == role and ex.labels[i] == role
                                           for i in rows)
    if role in ex.filled[rows[0]]:
        return
    tally[f"{role} empty, party"] += party
    if p.max() >= THRESHOLD:
        tally[f"{role} fill"] += 1
        tally[f"{role} fill right"] += ex.labels[best] == role


def train_argument_ranker(data: Path, settings: Settings, cv: bool) -> LinearModel:
    from dataclasses import replace

    items, provenance = read_items(data)
    ex = examples(items, replace(settings, arguments="rules"))
    model = fit(ex)
    scores = cross_validate(ex) if cv else {}
    model.meta.update({"name": MODEL, "trained_on": provenance, "spacy_model": settings.model,
                       "examples": len(ex.labels), "labels": dict(Counter(ex.labels)),
                       "counts": dict(ex.counts), "C": C, **scores})
    return model
