"""Date expressions (timex), normalised to ISO 8601 and anchored to the narrative.

(Stub; the implementation is being written.)
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.records import Document, Timex


def find_timexes(document: Document, sentences: Sequence[tuple[int, int]]) -> list[Timex]:
    return []
