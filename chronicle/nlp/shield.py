"""What spaCy is given: the text with pathological runs blanked, every offset unchanged.

spaCy's tokenizer strips prefixes and suffixes one character at a time and copies the rest
of the chunk each time, so a chunk without whitespace costs time quadratic in its length
when it is made of punctuation: 40,000 brackets took over two minutes, 20,000 quote marks
over half a minute, inside the tokenizer alone (1,000 brackets: 0.2 s). No such run says
anything the extractors read, so spaCy gets a copy of the text in which

- a run of `PUNCT_RUN` or more punctuation marks (no letter, digit or space), and
- any chunk without whitespace longer than `CHUNK` characters (`(a)(b)(c)...`, a pasted
  data blob; a URL that long is no actor either)

are replaced by as many spaces. The copy has the same length, so every offset spaCy gives
indexes the original text, where records take their words from. What remains costs at most
about `CHUNK`² per `CHUNK` characters: linear in the document.
"""

from __future__ import annotations

import re

PUNCT_RUN = 8  # "........", "--------", '""""""""': never words
CHUNK = 100  # characters without whitespace: longer than any word, name or short URL

_PUNCT_RUN = re.compile(rf"[^\w\s]{{{PUNCT_RUN},}}")
_LONG_CHUNK = re.compile(rf"\S{{{CHUNK + 1},}}")


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def shielded(text: str) -> str:
    """`text` with the runs that would make tokenising quadratic turned into spaces."""
    return _LONG_CHUNK.sub(_blank, _PUNCT_RUN.sub(_blank, text))
