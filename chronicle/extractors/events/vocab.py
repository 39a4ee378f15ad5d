"""The words the event rules read besides the trigger lexicon, from the language data.

A rule names a class of words ("modals of the future", "prepositions of circumstance");
the words live in chronicle/lang/en: events-words.txt (`@class` lines), event-preps.tsv
(prepositions by the party they introduce), content-modes.tsv (the mode a threat or a
demand takes from its content), reply-nouns.tsv (what a reply answers) and months.tsv.
Extending a rule to a new word is an edit of data, and every file is read once.
"""

from __future__ import annotations

from functools import cache

from chronicle import lang
from chronicle.errors import ConfigError

WORDS_FILE = "events-words.txt"


@cache
def word_class(name: str) -> frozenset[str]:
    """One `@class` of events-words.txt; a class the code asks for must exist."""
    classes = lang.classes(WORDS_FILE)
    if name not in classes:
        raise ConfigError(f"{lang.active()}/{WORDS_FILE}: no word class @{name}; "
                          f"define it with a line '@{name} word word ...'")
    return classes[name]


@cache
def _prep_rows() -> dict[tuple[str, str], tuple[str, ...]]:
    return {(row[0], row[1]): tuple(row[2].split()) for row in lang.table("event-preps.tsv")}


@cache
def preps(role: str, event_type: str = "-") -> tuple[str, ...]:
    """The prepositions of a role for an event type ("-": the row for every type), in the
    order they are tried; none when the file has no such row."""
    return _prep_rows().get((role, event_type), ())


@cache
def content_modes(table: str) -> dict[str, str]:
    """A table of content-modes.tsv: the act (type or mode) -> the mode it gives."""
    return {row[1]: row[2] for row in lang.table("content-modes.tsv") if row[0] == table}


@cache
def answered_types() -> dict[str, frozenset[str]]:
    """Noun of a reply's object -> the event types it answers (reply-nouns.tsv)."""
    out: dict[str, frozenset[str]] = {}
    for nouns, types in lang.table("reply-nouns.tsv"):
        for noun in nouns.split():
            out[noun] = frozenset(types.split())
    return out


@cache
def month_names() -> frozenset[str]:
    """The full names of the months (months.tsv), lower case."""
    return frozenset(row[1] for row in lang.table("months.tsv"))
