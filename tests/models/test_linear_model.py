"""The runtime of the shipped models: a batch scores as its examples one by one would."""

from __future__ import annotations

import numpy as np

from chronicle.models import LinearModel, load_model


def _tiny() -> LinearModel:
    weights = np.array([[1.0, 0.0], [0.0, 2.0], [0.5, 0.5]], dtype=np.float32)
    return LinearModel(("NONE", "ASSAULT"), {"a": 0, "b": 1, "c": 2}, weights,
                       np.array([0.1, -0.1], dtype=np.float32), np.zeros(0), np.zeros(0), {})


def test_a_batch_scores_each_example_as_alone() -> None:
    model = _tiny()
    batch = [["a", "b"], [], ["unknown"], ["c", "c", "a"], []]
    together = model.scores(batch)
    alone = np.vstack([model.scores([names]) for names in batch])
    assert np.allclose(together, alone, atol=1e-6)
    assert np.allclose(together[1], together[4])  # no feature: the bias alone
    logits = np.array([0.1 + 1.5, -0.1 + 0.5])  # "c" counted once, with "a"
    want = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    assert np.allclose(together[3], want, atol=1e-6)


def test_the_shipped_sense_model_loads_with_every_type() -> None:
    model = load_model("event_senses")
    assert len(model.classes) == 17 and "NONE" in model.classes
    assert model.weights.shape[0] == len(model.index) + model.n_dense
