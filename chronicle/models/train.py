"""Retrain the models shipped in chronicle/models from the data in the repository.

    python -m chronicle.models.train event_senses [--data training/events] [--cv]
    python -m chronicle.models.train speaker_ranker [--data training/quotes] [--cv]
    python -m chronicle.models.train argument_ranker [--data training/events] [--cv]

Needs the `[train]` extra (scikit-learn). The run is deterministic: the same data, spaCy
model and lexicon give the same weights. What the model was trained on (a hash of every
training file, their sentence counts, the spaCy model, the settings below) and its
cross-validated scores go to the model's meta.json.

Labels come from the `trigger` of each labelled event (training/events/*.jsonl, format in
training/README.md): that word is a positive of the event's type. So is another word of the
sentence that the lexicon gives a type the sentence's events have ("killing" beside the
annotated "rammed" of the same attack): it names the same act, and the extractor merges
the two; calling it no event would teach the model that a participle never reports one.
Every other candidate word is a NONE.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chronicle.extractors.events.lexicon import Lexicon, load_lexicon
from chronicle.extractors.events.senses import (
    MODEL,
    NONE,
    as_unknown,
    candidate_tokens,
    dense,
    features,
    lexicon_types,
    sentence_context,
)
from chronicle.models import LinearModel, save_model
from chronicle.models.items import read_items
from chronicle.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

REPO = Path(__file__).resolve().parents[2]
C = 3.0  # inverse L2 strength, chosen by cross-validation on the training data
DENSE_FACTOR = 0.3  # weight of the parser's context vectors against the sparse features
PRUNE = 1e-3  # features whose weights all stay below this are dropped from the file
NONE_WEIGHT = 1.0  # weight of a NONE example against an event example
RARE = 1  # a word seen this often or less is learnt as an unknown word (senses.as_unknown)


@dataclass
class Examples:
    rows: list[list[str]] = field(default_factory=list)
    dense: list[np.ndarray] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)


def trigger_token(doc: Doc, event: dict[str, Any], text: str | None = None) -> Token | None:
    """The word of the trigger phrase that heads it ("barrel-bomb attacks": attacks).
    `text`: where to find the phrase when `doc` is a recased copy of a headline (its
    offsets are the original's)."""
    at = event.get("trigger_at", (text or doc.text).find(event["trigger"]))
    if at < 0:
        return None
    span = doc.char_span(at, at + len(event["trigger"]), alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.pos_ in ("VERB", "NOUN")] or list(span)
    heads = [t for t in words if not span.start <= t.head.i < span.end or t.head.i == t.i]
    return (heads or words)[-1]


def headline_copies(items: list[dict[str, Any]], docs: list[Doc], model: str
                    ) -> list[dict[int, Span]]:
    """For each item, its headline lines (Title Case or capitals) parsed in ordinary case,
    by the start of the original sentence: extraction reads a headline's events in that
    copy (events/headlines.py), so the model learns them there too."""
    from chronicle.extractors import document_actors
    from chronicle.extractors.events.headlines import reparse
    from chronicle.nlp.casing import caps_line, title_line
    from chronicle.records import Document

    out: list[dict[int, Span]] = []
    for item, doc in zip(items, docs, strict=True):
        if not any(caps_line(s) or title_line(s) for s in doc.sents):
            out.append({})
            continue
        document = Document(id=str(item["id"]), text=doc.text, source="training")
        pairs = reparse(doc, document_actors(document, doc), model)
        out.append({sent.start: copy for sent, copy in pairs})
    return out


def examples(items: list[dict[str, Any]], docs: list[Doc], lex: Lexicon,
             copies: list[dict[int, Span]] | None = None) -> Examples:
    out = Examples()
    for number, (item, doc) in enumerate(zip(items, docs)):
        headlines = copies[number] if copies else {}
        own = _labels(item, doc, doc.text)
        for sent in doc.sents:
            read = headlines.get(sent.start, sent)
            labelled = own if read is sent else _labels(item, read.doc, doc.text)
            types = sorted(set(labelled.values()))
            words = candidate_tokens(read, lex)
            context = sentence_context(read)
            vectors = dense(words)
            for k, tok in enumerate(words):
                out.rows.append(features(tok, lex, context))
                out.labels.append(labelled.get(tok.i) or _same_act(tok, lex, types))
                out.groups.append(number)
                if vectors is not None:
                    out.dense.append(vectors[k])
    seen = Counter(row[1] for row in out.rows)
    out.rows = [as_unknown(row) if seen[row[1]] <= RARE else row for row in out.rows]
    return out


def _labels(item: dict[str, Any], doc: Doc, text: str) -> dict[int, str]:
    """Token index (in `doc`) -> the type of the labelled event it triggers."""
    labelled: dict[int, str] = {}
    for event in item["events"]:
        tok = trigger_token(doc, event, text)
        if tok is not None:
            labelled[tok.i] = event["type"]
    return labelled


def _same_act(tok: Token, lex: Lexicon, types: list[str]) -> str:
    """The sentence's event type that the lexicon also gives this word, else NONE."""
    known = {entry.split("|")[0] for entry in lexicon_types(tok, lex)}
    return next((t for t in types if t in known), NONE)


def fit(ex: Examples, *, cross_validate: bool) -> tuple[LinearModel, dict[str, Any]]:
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(r, 1) for r in ex.rows])
    dense_rows = np.asarray(ex.dense, dtype=np.float64)
    mean, sd = dense_rows.mean(axis=0), dense_rows.std(axis=0) + 1e-6
    scale = DENSE_FACTOR / sd
    full = sparse.hstack([matrix, sparse.csr_matrix((dense_rows - mean) * scale)]).tocsr()
    labels = np.asarray(ex.labels)
    scores = _cross_validate(full, labels, ex.groups) if cross_validate else {}
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=_class_weight(labels))
    clf.fit(full, labels)
    weights = clf.coef_.T.astype(np.float32)  # (features, classes)
    n_sparse = matrix.shape[1]
    keep = np.nonzero(np.abs(weights[:n_sparse]).max(axis=1) >= PRUNE)[0]
    names = vec.get_feature_names_out()
    index = {str(names[i]): k for k, i in enumerate(keep)}
    stacked = np.vstack([weights[keep], weights[n_sparse:]])
    model = LinearModel(tuple(str(c) for c in clf.classes_), index, stacked,
                        clf.intercept_.astype(np.float32), mean.astype(np.float32),
                        scale.astype(np.float32), {})
    return model, scores


def _class_weight(labels: np.ndarray) -> dict[str, float]:
    return {str(c): (NONE_WEIGHT if c == NONE else 1.0) for c in set(labels)}


def _cross_validate(full: Any, labels: np.ndarray, groups: list[int]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    predicted = np.empty_like(labels)
    for train, test in GroupKFold(5).split(full, labels, groups):
        clf = LogisticRegression(C=C, max_iter=3000, class_weight=_class_weight(labels))
        clf.fit(full[train], labels[train])
        predicted[test] = clf.predict(full[test])
    events = sorted(set(labels) - {NONE})
    per_type = f1_score(labels, predicted, labels=events, average=None)
    return {"cv_folds": 5, "cv_macro_f1_events": round(float(per_type.mean()), 4),
            "cv_f1_by_type": {t: round(float(f), 4) for t, f in zip(events, per_type)}}


def train_event_senses(data: Path, settings: Settings, cross_validate: bool) -> LinearModel:
    from chronicle.nlp import load_nlp

    items, provenance = read_items(data)
    nlp = load_nlp(settings.model)
    docs = list(nlp.pipe((item["text"] for item in items), batch_size=64))
    lex = load_lexicon(settings.triggers, settings.lang)
    ex = examples(items, docs, lex, headline_copies(items, docs, settings.model))
    model, scores = fit(ex, cross_validate=cross_validate)
    model.meta.update({
        "name": MODEL, "trained_on": provenance, "spacy_model": settings.model,
        "examples": len(ex.labels), "labels": dict(Counter(ex.labels).most_common()),
        "C": C, "dense_factor": DENSE_FACTOR, "pruned_below": PRUNE,
        "none_weight": NONE_WEIGHT, "rare": RARE, **scores})
    return model


def main(argv: list[str] | None = None) -> int:
    from chronicle.models.train_arguments import MODEL as ARGUMENTS
    from chronicle.models.train_arguments import train_argument_ranker
    from chronicle.models.train_speakers import MODEL as RANKER
    from chronicle.models.train_speakers import default_data, train_speaker_ranker

    parser = argparse.ArgumentParser(prog="python -m chronicle.models.train")
    parser.add_argument("model", choices=[MODEL, RANKER, ARGUMENTS])
    parser.add_argument("--data", type=Path, nargs="+", default=None,
                        help="training/events (senses, arguments); training/quotes and the "
                             "quote dev sets of eval/ (speakers)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cv", action="store_true", help="also report 5-fold scores")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).parent / args.model
    if args.model == MODEL:
        model = train_event_senses((args.data or [REPO / "training" / "events"])[0],
                                   Settings(), args.cv)
    elif args.model == ARGUMENTS:
        model = train_argument_ranker((args.data or [REPO / "training" / "events"])[0],
                                      Settings(), args.cv)
    else:
        model = train_speaker_ranker(args.data or default_data(REPO), Settings(), args.cv)
    save_model(out, model)
    print(json.dumps({k: v for k, v in model.meta.items() if k != "trained_on"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
