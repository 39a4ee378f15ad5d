"""Names inside headlines: a Title Case line capitalises its verbs and common words.

In "Donald Trump Tells Rally He Will Win Ohio" every word looks like a name word, and the
model takes "Donald Trump Tells" for a person. The headline cannot say where its names end;
the article under it can: a word the body writes inside a name is a name word, a word the
body writes in lower case (or a function word, or a verb form) is not. A headline name is
cut to the runs of words the body vouches for; when the body vouches for none of its words,
only the words that cannot be name parts are cut. The canonical name then comes from the
body's fullest form, never from a headline's run of capitals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import given_names
from chronicle.extractors.actors.names import fold, name_tokens
from chronicle.extractors.actors.vocab import HYPHEN_ARTICLES, PERSON_PARTICLES, TITLE_CONNECTORS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NAMEABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "PARTICLE"})
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV",
                           "PART"})
_NAME = "name"
_COMMON = "common"
_NEUTRAL = "neutral"  # hyphens, initials, particles: inside a run, never its edge


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Lines that look like headlines or section titles: short, no final full stop."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = line.split()
        if 0 < len(words) <= 14 and line.rstrip()[-1:] not in ".,;:\"”’'" and sum(
                w[:1].isupper() for w in words) >= len(words) / 2:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def cut_heading_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The candidates with each headline name cut to the words that are name parts."""
    body = [c for c in cands if not c.heading and c.label != "ROLE"]
    vouched = {w for c in body for w in name_tokens(c.surface)}
    whole = {" ".join(name_tokens(c.surface)) for c in body if len(c.keys) >= 2}
    common = {fold(t.text) for t in doc if t.is_lower and t.is_alpha} | \
        {fold(t.lemma_) for t in doc if t.is_lower and t.is_alpha}
    out: list[Candidate] = []
    for cand in cands:
        if not cand.heading or cand.known is not None or cand.label not in _NAMEABLE \
                or cand.end - cand.start < 2:
            out.append(cand)
            continue
        found = _body_name(doc, cand, whole)
        out.extend([found] if found is not None else _cut(doc, cand, vouched, common))
    return out


def _body_name(doc: Doc, cand: Candidate, whole: set[str]) -> Candidate | None:
    """The longest part of a headline name that the body writes as a name of its own
    ("Ministry of Foreign Affairs" in "Ministry of Foreign Affairs Condemns Attack")."""
    n = cand.end - cand.start
    for size in range(n, 1, -1):
        for a in range(cand.start, cand.end - size + 1):
            edges = (doc[a], doc[a + size - 1])
            if any(t.is_space or t.is_punct for t in edges):
                continue
            if " ".join(name_tokens(doc[a:a + size].text)) in whole:
                if size == n:
                    return cand
                part = candidate(doc[a:a + size], cand.label)
                part.heading, part.place_cue = True, cand.place_cue
                return part
    return None


def _cut(doc: Doc, cand: Candidate, vouched: set[str], common: set[str]) -> list[Candidate]:
    tokens = list(doc[cand.start:cand.end])
    marks = [_mark(t, vouched, common) for t in tokens]
    if _NAME in marks:
        runs = _runs(marks, keep={_NAME, _NEUTRAL}, need=_NAME)
    elif _COMMON in marks:
        runs = _runs(marks, keep={"", _NEUTRAL}, need="")[:1]
    else:
        return [cand]
    if runs == [(0, len(tokens))]:
        return [cand]
    out = []
    for a, b in runs:
        part = candidate(doc[cand.start + a:cand.start + b], cand.label)
        part.heading, part.place_cue = True, cand.place_cue
        if part.keys:
            out.append(part)
    return out


def _mark(tok: Token, vouched: set[str], common: set[str]) -> str:
    """Whether a headline word is a name part the body vouches for, a common word, or
    neither (unknown: a name part only when the body vouches for no word around it)."""
    word = fold(tok.text).strip(".")
    if not word or tok.is_space or tok.is_punct or len(word) == 1 \
            or word in HYPHEN_ARTICLES or word in PERSON_PARTICLES or (
                tok.is_lower and word in TITLE_CONNECTORS):
        return _NEUTRAL  # a connector the headline leaves in lower case: "Bank of Japan"
    if word in vouched:
        return _NAME
    if tok.is_stop or tok.pos_ in _NOT_NAME_POS or tok.tag_.startswith("VB") \
            or (word in common and word not in given_names()):
        return _COMMON
    return ""


def _runs(marks: list[str], keep: set[str], need: str) -> list[tuple[int, int]]:
    """Maximal runs of kept marks holding at least one `need`, neutral edges trimmed."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(marks):
        if marks[i] not in keep:
            i += 1
            continue
        j = i
        while j < len(marks) and marks[j] in keep:
            j += 1
        a, b = i, j
        while a < b and marks[a] == _NEUTRAL:
            a += 1
        while b > a and marks[b - 1] == _NEUTRAL:
            b -= 1
        if b > a and need in marks[a:b]:
            runs.append((a, b))
        i = j
    return runs
