"""Derived keys the store indexes: document text hashes, name keys, date bounds.

They live in one place so that writing and querying always fold values the same way.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import importlib
import re
import unicodedata
from collections.abc import Callable

from chronicle.clean import normalised_key
from chronicle.errors import QueryError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def text_key(text: str) -> str:
    """sha256 of the duplicate key `clean` uses: the same article stored twice is one row."""
    return hashlib.sha256(normalised_key(text).encode("utf-8")).hexdigest()


def _fallback_name_key(name: str) -> str:
    """Case, accents and punctuation folded: "Ahmed al-Sharaa" == "AHMED AL SHARAA"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


# Names whose keys fingerprint the key function: when its rules change, so do these keys,
# and stores re-key their names (see migrations.refresh_name_keys).
_PROBES = ("Ahmed al-Sharaa", "Ahmad Al Sharaa", "Gamal Abdel Nasser", "Muammar Qaddafi",
           "Mu'ammar al-Qadhdhafi", "Zoë O'Brien-Smith", "Dr. José Ramos-Horta", "U.S.",
           "Abu Mohammad al-Julani", "Organisation of the Islamic Conference", "Yasser Arafat")


def _shared_name_key() -> tuple[str, Callable[[str], str]] | None:
    """The resolver's own name key, wherever it is exposed."""
    for module_name in ("chronicle.resolve", "chronicle.extractors.actors.names"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        func = getattr(module, "name_key", None)
        if callable(func):
            return f"{module_name}.name_key", func
    return None


@functools.lru_cache(maxsize=1)
def name_key_function() -> tuple[str, Callable[[str], str]]:
    """The name key the resolver uses (Ahmad ~ Ahmed) when it exposes one, else ours.

    The identifier returned with it names the function and fingerprints its output, so a
    store can tell when its stored keys were made differently and must be recomputed.
    """
    shared = _shared_name_key()
    if shared is None:
        ident, func = "chronicle.store.keys.fallback", _fallback_name_key
    else:
        ident, raw = shared

        def func(name: str) -> str:
            return raw(name) or _fallback_name_key(name)

    digest = hashlib.sha256("\n".join(func(p) for p in _PROBES).encode()).hexdigest()[:12]
    return f"{ident}#{digest}", func


def name_key(name: str) -> str:
    return name_key_function()[1](name)


def date_bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day of an ISO date that may be partial ("1997", "1997-11").

    Unparseable values give (None, None): the record is kept, as undated.
    """
    if not value:
        return None, None
    match = _DATE.match(value.strip())
    if not match:
        return None, None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        return None, None
    if day is None:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}"


def query_date(value: str | None, *, end: bool) -> str | None:
    """A --from/--to value as the day it stands for; a bad value is the caller's error."""
    if value is None or value == "":
        return None
    first, last = date_bounds(value)
    if first is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        raise QueryError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return last if end else first
