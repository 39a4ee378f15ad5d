"""Trained weights shipped inside the package, and the small code that applies them.

Every learned layer of Chronicle is a linear classifier over sparse named features (plus a
few dense columns): cheap on one CPU core, readable (a weight per feature, which
`explain()` lists), and free of any runtime dependency beyond numpy. scikit-learn is used
only to *train* them (`python -m chronicle.models.train`, extra `[train]`), from data kept
in the repository's `training/` folder; nothing is downloaded at run time.

A model lives in a folder of this package: `weights.npz` (matrix, bias, dense scaling) and
`meta.json` (classes, feature names, how and on what it was trained, its scores).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from chronicle.errors import ModelError


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: p(class | features) = softmax(W·x + b)."""

    classes: tuple[str, ...]
    index: dict[str, int]  # feature name -> row of `weights`
    weights: np.ndarray  # (n_sparse + n_dense, n_classes), float32
    bias: np.ndarray  # (n_classes,)
    dense_mean: np.ndarray  # (n_dense,)
    dense_scale: np.ndarray  # (n_dense,): (x - mean) / sd * factor, folded into one scale
    meta: dict[str, Any]

    @property
    def n_dense(self) -> int:
        return int(self.dense_mean.shape[0])

    def scores(self, features: list[list[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities, one row per example."""
        out = np.tile(self.bias, (len(features), 1)).astype(np.float32)
        rows: list[int] = []  # the feature rows of all examples, one gather for the batch
        starts: list[int] = []
        for names in features:
            starts.append(len(rows))
            rows += [self.index[n] for n in set(names) if n in self.index]
        if rows:
            gathered = np.vstack([self.weights[rows], np.zeros_like(self.weights[:1])])
            sums = np.add.reduceat(gathered, starts, axis=0)
            ends = starts[1:] + [len(rows)]
            sums[[i for i, (a, b) in enumerate(zip(starts, ends)) if a == b]] = 0.0
            out += sums  # (reduceat gives an example with no feature its neighbour's row)
        if self.n_dense and dense is not None and len(features):
            scaled = (dense - self.dense_mean) * self.dense_scale
            out += scaled @ self.weights[len(self.index):]
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def explain(self, names: list[str], label: str, top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed most toward `label` (for a record's `reason`)."""
        col = self.classes.index(label)
        pushes = [(n, float(self.weights[self.index[n], col])) for n in set(names)
                  if n in self.index]
        return sorted(pushes, key=lambda p: -p[1])[:top]


def save_model(folder: Any, model: LinearModel) -> None:
    """Write a model as `weights.npz` and `meta.json` into `folder` (a pathlib.Path)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(folder / "weights.npz", weights=model.weights.astype(np.float16),
                        bias=model.bias.astype(np.float32),
                        dense_mean=model.dense_mean.astype(np.float32),
                        dense_scale=model.dense_scale.astype(np.float32))
    meta = {**model.meta, "classes": list(model.classes), "features": names}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0),
                                      encoding="utf-8")


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel:
    """A model shipped in this package (`chronicle/models/<name>/`), read once."""
    try:
        folder = resources.files("chronicle.models").joinpath(name)
        meta = json.loads(folder.joinpath("meta.json").read_text("utf-8"))
        with folder.joinpath("weights.npz").open("rb") as handle:
            arrays = np.load(handle)
            weights = arrays["weights"].astype(np.float32)
            bias, mean, scale = arrays["bias"], arrays["dense_mean"], arrays["dense_scale"]
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load the {name!r} model shipped with Chronicle "
                         f"({exc.__class__.__name__}: {exc}); reinstall the package or "
                         f"retrain it with `python -m chronicle.models.train {name}`") from exc
    names = meta.pop("features")
    return LinearModel(tuple(meta.pop("classes")), {n: i for i, n in enumerate(names)},
                       weights, bias, mean, scale, meta)
