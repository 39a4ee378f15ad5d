"""Train the speaker ranker (extractors/quotes/ranking.py) from annotated articles.

    python -m chronicle.models.train speaker_ranker [--data PATH ...] [--cv]

Each `NAME.jsonl` (given, or in a given folder; by default training/quotes and the quote
dev sets eval/quotes-dev*.jsonl) holds articles and `NAME.gold.json` who said each quote
(the layout of the quote gold in eval/, training/README.md). Every article goes through the
pipeline as `chronicle extract` runs it; for each annotated quote the rules' passage is
found, its candidates are built, and the candidate that names the annotated speaker is the
positive. A quote whose speaker is no candidate teaches nothing and is counted apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chronicle.extractors.actors.names import fold
from chronicle.extractors.quotes.ranking import MODEL, YES, candidates
from chronicle.models import LinearModel
from chronicle.models.sparse import LabelledRows, fit_sparse

if TYPE_CHECKING:
    from chronicle.records import Entity
    from chronicle.settings import Settings

C = 0.3  # inverse L2 strength, chosen by cross-validation (grouped by article)
OTHER = "other"


@dataclass
class Ranked(LabelledRows):
    """Candidates of every annotated quote found, grouped by quote."""

    quote: list[int] = field(default_factory=list)  # which quote a row belongs to
    doc: list[int] = field(default_factory=list)  # which article (for grouped folds)
    rule: list[bool] = field(default_factory=list)  # the rules' choice


# A quote dev set kept out of training, to read the ranker's errors on articles it never saw
HELD_FOR_DEV = frozenset({"quotes-dev5.jsonl"})


def default_data(repo: Path) -> list[Path]:
    """The quotes written for training, and the quote dev sets of eval/ (annotated the
    same way) but those `HELD_FOR_DEV`; the frozen test sets (quotes.jsonl, quotes2.jsonl
    ...) are never read."""
    dev = sorted((repo / "eval").glob("quotes-dev*.jsonl"))
    return [repo / "training" / "quotes", *(p for p in dev if p.name not in HELD_FOR_DEV)]


def read_sets(paths: list[Path]) -> tuple[list[tuple[Path, dict[str, Any]]], dict[str, Any]]:
    """Each article file (given, or in a given folder) with its gold, and a hash of all."""
    files = [f for p in paths for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    digest, counts, sets = hashlib.sha256(), {}, []
    for path in files:
        gold_path = path.with_name(path.name.removesuffix(".jsonl") + ".gold.json")
        if not gold_path.is_file():
            continue
        digest.update(path.read_bytes())
        digest.update(gold_path.read_bytes())
        gold = json.loads(gold_path.read_text("utf-8"))
        counts[path.name] = len(gold["quotes"])
        sets.append((path, gold))
    return sets, {"sha256": digest.hexdigest(), "quotes": counts}


def _gold_names(gold: dict[str, Any], key: str, doc_id: str) -> set[str]:
    ent = gold["entities"].get(key, {})
    return {fold(n) for n in [*ent.get("names", []), *ent.get("short", {}).get(doc_id, [])]}


def _names(ent: Entity) -> set[str]:
    return {fold(n) for n in [ent.name, *ent.names]}


def is_speaker(ent: Entity, wanted: set[str]) -> bool:
    """The entity bears one of the annotated speaker's names (or, for a person, the same
    surname as a full name)."""
    names = _names(ent)
    if names & wanted:
        return True
    if ent.kind != "person":
        return False
    surnames = {n.split()[-1] for n in names if n}
    return any(len(w.split()) > 1 and w.split()[-1] in surnames for w in wanted)


def ranked_examples(sets: list[tuple[Path, dict[str, Any]]], settings: Settings) -> Ranked:
    from chronicle.extractors import quote_passages
    from chronicle.nlp import load_nlp
    from chronicle.nlp.shield import shielded
    from chronicle.pipeline import collect_documents

    nlp = load_nlp(settings.model)
    out = Ranked()
    for path, gold in sets:
        documents = collect_documents([str(path)])
        parses = nlp.pipe([shielded(d.text) for d in documents], batch_size=16)
        for document, doc in zip(documents, parses, strict=True):
            wanted = [q for q in gold["quotes"] if q["doc"] == document.id
                      and not q.get("optional") and q.get("speaker")]
            _add_quotes(out, document.text, quote_passages(document, doc), gold, wanted)
            out.counts["articles"] += 1
    return out


def _add_quotes(out: Ranked, text: str, finder: Any, gold: dict[str, Any],
                wanted: list[dict[str, Any]]) -> None:
    p, speakers = finder.p, finder.speakers
    at = 0
    for q in wanted:
        pos = text.find(q["text"], at)
        pos = pos if pos >= 0 else text.find(q["text"])
        if pos < 0:
            out.counts["text not found"] += 1
            continue
        at = pos + 1
        k = next((i for i, j in enumerate(p.judged) if j.accepted
                  and j.mark.start <= pos < j.mark.end), None)
        if k is None:
            out.counts["quote not found"] += 1
            continue
        keys = q["speaker"] if isinstance(q["speaker"], list) else [q["speaker"]]
        names = set().union(*(_gold_names(gold, key, q["doc"]) for key in keys))
        found = candidates(p, speakers, k)
        labels = [is_speaker(speakers.actors.entity(c.key), names) for c in found]
        if not any(labels):
            out.counts["speaker not a candidate"] += 1
            continue
        quote_no = out.counts["ranked"]
        out.counts["ranked"] += 1
        for cand, label in zip(found, labels, strict=True):
            out.rows.append(cand.features)
            out.labels.append(YES if label else OTHER)
            out.quote.append(quote_no)
            out.doc.append(out.counts["articles"])
            out.rule.append(cand.key == p.judged[k].speaker)


def fit(ex: Ranked) -> LinearModel:
    model = fit_sparse(ex.rows, ex.labels, C)
    if model.classes != (OTHER, YES):
        raise ValueError(f"unexpected classes {model.classes}")
    return model


def cross_validate(ex: Ranked, folds: int = 5) -> dict[str, Any]:
    """Per quote, how often the rules' choice and the ranker's best candidate are right,
    with whole articles held out."""
    from sklearn.model_selection import GroupKFold

    quotes = np.asarray(ex.quote)
    rows = np.arange(len(ex.rows))
    right = {"rules": 0, "ranker": 0}
    for train, test in GroupKFold(folds).split(rows, groups=ex.doc):
        model = fit(_subset(ex, train))
        probs = model.scores([ex.rows[i] for i in test])[:, 1]
        for q in sorted(set(quotes[test])):
            mine = [n for n, i in enumerate(test) if quotes[i] == q]
            best = test[mine[int(np.argmax(probs[mine]))]]
            right["ranker"] += ex.labels[best] == YES
            right["rules"] += any(ex.rule[test[n]] and ex.labels[test[n]] == YES
                                  for n in mine)
    total = len(set(ex.quote))
    return {"cv_folds": folds, "cv_quotes": total,
            **{f"cv_{k}_right": round(v / max(total, 1), 4) for k, v in right.items()}}


def _subset(ex: Ranked, rows: np.ndarray) -> Ranked:
    return Ranked(rows=[ex.rows[i] for i in rows], labels=[ex.labels[i] for i in rows],
                  quote=[ex.quote[i] for i in rows], doc=[ex.doc[i] for i in rows],
                  rule=[ex.rule[i] for i in rows])


def train_speaker_ranker(data: list[Path], settings: Settings, cv: bool) -> LinearModel:
    sets, provenance = read_sets(data)
    ex = ranked_examples(sets, settings)
    model = fit(ex)
    scores = cross_validate(ex) if cv else {}
    model.meta.update({"name": MODEL, "trained_on": provenance, "spacy_model": settings.model,
                       "examples": len(ex.labels), "quotes": dict(ex.counts), "C": C,
                       **scores})
    return model
