"""Fixtures of the extractor tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201
    from chronicle.nlp import load_nlp

    return load_nlp()
