"""Name forms: cleaning surface text, and keys under which spellings of one name meet.

Transliterated Arabic names come in many spellings (Ahmed/Ahmad, Mohammed/Muhammad,
Abdel/Abdul/Abd al-, Farouk/Farouq, al-/Al-/el-). `name_key` maps each name token to a
consonant skeleton (first letter kept, later vowels dropped, doubles folded, q~k), so those
spellings share a key while different names ("Farouk al-Sharaa", "Ahmed al-Sharaa") do not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

from chronicle.extractors.actors.vocab import (
    ABD,
    ABD_AL,
    ARTICLES,
    GENERATIONS,
    KUNYA,
    LEADING_ARTICLES,
    NAME_CHARACTERS,
    TITLE_WORDS,
)

# "the Taliban" is shown as "Taliban": the article in lower case, title case or capitals.
_LEADING_ARTICLE = re.compile(r"^(?:{})\s+".format("|".join(
    re.escape(form) for word in sorted(LEADING_ARTICLES)
    for form in (word, word.title(), word.upper()))))
# An age in commas after a name ("Joseph Banda, 44,"): news gives people an age, never
# bodies or places. Group 1 is the age, group 2 what closes the apposition.
AGE_AFTER = re.compile(r",\s*(\d{2,3})\s*([,.;)])")
# The one spelling "Abd al-", "Abdel", "Abdul" take in a key ("abdelrahman").
_ABD_KEY = "abdel"


# Names are folded and keyed again and again (each mention, each resolution); the pure
# functions below keep the answers for short texts (a name, never a document's text, so
# the kept answers stay small whatever the run reads).
_SHORT = 80
_T = TypeVar("_T")


def _kept(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    cached = lru_cache(maxsize=65536)(fn)

    @wraps(fn)
    def call(text: str) -> _T:
        return cached(text) if len(text) <= _SHORT else fn(text)
    return call


@_kept
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes and hyphens."""
    text = unicodedata.normalize("NFKD", text.translate(NAME_CHARACTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@_kept
def clean_surface(text: str) -> str:
    """The name as shown to users: no brackets, possessive, leading 'the', stray punctuation."""
    text = text.translate(NAME_CHARACTERS).replace("[", "").replace("]", "")
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:.\"'()-")
    text = re.sub(r"'s?$", "", text).strip()
    text = _LEADING_ARTICLE.sub("", text)
    last = text.rsplit(" ", 1)[-1]
    if " " in text and last.lower() in GENERATIONS and last.isalpha() and last[1:].islower():
        text += "."  # "Donald Trump Jr.": the suffix's full stop is part of the name
    return text


def name_tokens(text: str) -> list[str]:
    """Folded word tokens of a name, hyphens and apostrophes split, empty pieces dropped."""
    return [t for t in re.split(r"[\s\-'.]+", fold(clean_surface(text))) if t]


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A transliteration-proof form of one name token ("Ahmad" and "Ahmed" -> "ahmd")."""
    token = re.sub(r"[^a-z]", "", token)
    if not token:
        return ""
    token = token.replace("ph", "f").replace("ou", "u").replace("kh", "k")
    token = re.sub(r"([aeiou])h$", r"\1", token)
    head, rest = token[0], token[1:]
    rest = re.sub(r"[aeiouy]", "", rest)
    word = (head + rest).replace("q", "k").replace("c", "k")
    return re.sub(r"(.)\1+", r"\1", word)


def _join_abd(tokens: list[str]) -> list[str]:
    """'abd al rahman', 'abdel rahman', 'abdul rahman', 'abdulrahman' become one token."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ABD and i + 1 < len(tokens) and tokens[i + 1] in ARTICLES:
            tok, i = _ABD_KEY, i + 1
        if tok in ABD_AL and i + 1 < len(tokens):
            tok, i = _ABD_KEY + tokens[i + 1], i + 1
        out.append(tok)
        i += 1
    return out


@_kept
def name_parts(text: str) -> tuple[str, ...]:
    """Folded tokens of a name, Arabic articles dropped and 'Abd al-' joined.

    An acronym is one part, kept whole as `key_tokens` keeps it: its letters are no words,
    so "AL", "AS" or "THE" in capitals is not an article, and "U.S." is not two names. A
    name's parts and its key tokens thus always pair up, one for one.
    """
    surface = clean_surface(text)
    if is_acronym(surface):
        return (fold(surface).replace(".", ""),)
    return tuple(t for t in _join_abd(name_tokens(text)) if t not in ARTICLES and skeleton(t))


def is_kunya(parts: tuple[str, ...]) -> bool:
    """Whether a name's parts open with a kunya particle ("Abu Mohammad"): such a name ranks
    below a full name as the canonical name of its actor."""
    return bool(parts) and parts[0] in KUNYA


@_kept
def key_tokens(text: str) -> tuple[str, ...]:
    """Skeleton tokens of a name: the unit of name matching. An acronym is kept as written
    ("FAP" and "FPA" are two groups, though their consonants agree)."""
    if is_acronym(clean_surface(text)):
        return ("=" + clean_surface(text).replace(".", "").lower(),)
    parts = name_parts(text)
    keys = tuple(skeleton(t) for t in parts)
    if len(parts) >= 2 and parts[-1] in GENERATIONS:  # "II" and "III" share a skeleton
        keys = (*keys[:-1], "#" + parts[-1])
    return keys


def generation(keys: tuple[str, ...]) -> str:
    """The generational suffix of a name's keys ("#jr"), or "": a son and his father
    share every other name part."""
    return keys[-1] if keys and keys[-1].startswith("#") else ""


def given_and_surname(keys: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A person's name keys split into (given name, surname, generation if any) and the
    middle parts between them: "Donald J. Trump" and "Donald Trump" share the first."""
    gen = generation(keys)
    core = keys[:-1] if gen else keys
    if len(core) < 2:
        return keys, ()
    return (core[0], core[-1], *([gen] if gen else [])), core[1:-1]


def middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that may be one person's: one side has none, or each part agrees with
    its counterpart in full or as an initial ("J" and "Jhn"); "H. W." is not "W."."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(
        x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(a, b))


def _vowel_groups(token: str) -> list[str]:
    token = re.sub(r"(.)\1+", r"\1", token.replace("ou", "u").replace("y", "i"))
    token = re.sub(r"([aeiou])h$", r"\1", token)
    return re.findall(r"[aeiou]+", token[1:] if token[:1] in "aeiou" else token)


def vowels_agree(a: str, b: str) -> bool:
    """Spellings of one name differ in e/i/a ('Ahmed', 'Ahmad'), o/u, doubled letters; not
    in a for i ('Sharaa' is not 'Sharia')."""
    ga, gb = _vowel_groups(a), _vowel_groups(b)
    if len(ga) != len(gb):
        return False
    for x, y in zip(ga, gb):
        x, y = x.replace("o", "u"), y.replace("o", "u")
        if x == y or "e" in x or "e" in y:
            continue
        if len(x) != len(y) or any(p != q and "e" not in (p, q) for p, q in zip(x, y)):
            return False
    return True


def name_key(text: str) -> str:
    return " ".join(key_tokens(text))


def strip_titles(text: str) -> str:
    """'President Jacques Chirac' -> 'Jacques Chirac'; keeps names that are all title-like."""
    words = clean_surface(text).split()
    i = 0
    while i < len(words) - 1 and fold(words[i]).strip(",") in TITLE_WORDS:
        i += 1
    return " ".join(words[i:])


def is_title_word(text: str) -> bool:
    """A word that may stand before a name as (part of) its title: "President", "Gen."."""
    return fold(text) in TITLE_WORDS


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def acronym_of(name: str) -> str:
    """Initials of the capitalised words of a name: 'Hayat Tahrir al-Sham' -> 'HTS'."""
    words = [w for w in re.split(r"[\s\-]+", clean_surface(name)) if w]
    return "".join(w[0] for w in words if w[0].isupper() and fold(w) not in ARTICLES)
