"""Training a linear model over named sparse features (the rankers' kind: no dense columns).

One definition for every ranker, so each ships weights in the same form: a multinomial
model over its classes; a two-class problem, which scikit-learn fits as one logistic
weight vector, is written as two opposite halves, whose softmax is that sigmoid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from chronicle.models import LinearModel


@dataclass
class LabelledRows:
    """Training rows of a ranker: each candidate's feature names and its label, with
    counts of what was seen; each trainer adds the groups its folds and scores need."""

    rows: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def fit_sparse(rows: Sequence[Sequence[str]], labels: Sequence[str], c: float) -> LinearModel:
    """A logistic regression (inverse L2 strength `c`) over the named features of `rows`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(r, 1) for r in rows])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(matrix, np.asarray(labels))
    weights = clf.coef_.T.astype(np.float32)
    bias = clf.intercept_.astype(np.float32)
    if weights.shape[1] == 1:  # binary: (features, 1) becomes two classes
        weights = np.hstack([-weights / 2, weights / 2])
        bias = np.asarray([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    index = {str(n): i for i, n in enumerate(vec.get_feature_names_out())}
    empty = np.zeros(0, dtype=np.float32)
    return LinearModel(tuple(str(k) for k in clf.classes_), index, weights, bias, empty,
                       empty, {})
