"""The vocabulary of dates, read from the language data, and the pattern pieces made of it.

Month names come from `lang/en/months.tsv`, every other word from `lang/en/dates-words.txt`
(one `@class` per part a word plays: a cue, a unit, a direction...), abbreviations that end
no sentence from `abbreviations.txt`. The regular expressions of parse.py and find.py keep
only their structure; the alternations below are what they are filled with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from chronicle import lang

WORDS = lang.phrase_classes("dates-words.txt")


@cache
def words(*names: str) -> frozenset[str]:
    """The entries of these classes, as a set (lower case)."""
    return frozenset(w for name in names for w in WORDS.get(name, ()))


def alternation(*names: str) -> str:
    """The entries of these classes as a regex alternation, in file order; the words of a
    phrase are joined by any run of white space ("first  half")."""
    return either(w for name in names for w in WORDS.get(name, ()))


def either(entries: Iterable[str], space: str = r"\s+") -> str:
    return "|".join(space.join(re.escape(part) for part in entry.split()) for entry in entries)


def cased(entries: Iterable[str]) -> str:
    """Title-case and upper-case forms only: lower-case "may" and "march" are verbs."""
    return "|".join(f for w in entries for f in (w.title(), w.upper()))


def _months() -> tuple[tuple[str, ...], dict[str, int]]:
    names: list[str] = []
    abbreviations: dict[str, int] = {}
    for row in lang.table("months.tsv"):
        names.append(row[1].strip().lower())
        for short in (row[2] if len(row) > 2 else "").split(","):
            if short.strip():
                abbreviations[short.strip().lower()] = int(row[0])
    return tuple(names), abbreviations


MONTH_NAMES, MONTH_ABBREVIATIONS = _months()  # "january", ...; {"jan": 1, "sept": 9, ...}
MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS
WEEKDAYS = {name: n for n, name in enumerate(WORDS["weekday"])}  # Monday is 0
NUMBERS = {w: 1 for w in WORDS["one"]} | {w: n for n, w in enumerate(WORDS["number"], 1)}
# "Gen.", "Sept.": a full stop after one of these ends no sentence
ABBREVIATIONS = lang.words("abbreviations.txt") | frozenset(MONTH_ABBREVIATIONS)


def amount(word: str, ahead: str, back: str) -> int:
    """1 for a word of the class `ahead`, -1 for one of `back`, else 0."""
    word = " ".join(word.lower().split())
    return 1 if word in words(ahead) else -1 if word in words(back) else 0


def unit_of(word: str) -> str:
    """The unit ("day", "week", "month", "year") a unit word or a part of the day names."""
    word = word.lower()
    for unit in ("day", "week", "month", "year"):
        if word in words(f"unit_{unit}"):
            return unit
    return "day"  # a part of the day: "the following morning"
