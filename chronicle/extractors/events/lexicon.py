"""The trigger lexicon: which words name which PLOVER events, read from a file users edit.

The lexicon lives in `chronicle/lang/en/triggers.tsv` (format in its header and in
docs/events.md). The files of the `triggers` setting (`Settings.triggers`, filled from
chronicle.toml, `CHRONICLE_TRIGGERS` or a flag) are read first, so their lines win ties
over the built-in ones.
Everything is indexed by (lemma, part of speech) so the extractor never scans the lexicon
per token; word classes (`@name`) are expanded once at load time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chronicle import lang
from chronicle.errors import ConfigError
from chronicle.nlp.labels import NOUNS, VERBS
from chronicle.records import PLOVER_TYPES

ANY = "*"  # constraint value: the slot is filled, by anything
ABSENT = "-"  # constraint value: the slot is empty
ACTOR = "@actor"  # constraint value: the slot denotes an actor (entity, name or pronoun)
# the lexicon's parts of speech, by the tags that may carry them (tried in this order)
POS_TAGS = {"v": VERBS, "n": NOUNS, "a": frozenset({"ADJ", "VERB"})}
TYPES = set(PLOVER_TYPES) | {"NONE"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One line of the lexicon: a lemma that names an event type when its conditions hold."""

    type: str
    mode: str | None
    lemma: str
    pos: str
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    weight: float = 1.0
    origin: str = ""

    @property
    def blocks(self) -> bool:
        """A zero-weight or NONE line names a reading that is no event at all."""
        return self.weight <= 0 or self.type == "NONE"


@dataclass
class Lexicon:
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    mode_cues: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    _lemmas: frozenset[str] | None = None

    def cls(self, name: str) -> frozenset[str]:
        """A word class by name ("light", "report", ...); empty when the file lacks it."""
        return self.classes.get(name, frozenset())

    def lookup(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma (computed once: the lexicon does not change after loading)."""
        if self._lemmas is None:
            self._lemmas = frozenset(lemma for lemma, _ in self.triggers)
        return self._lemmas

    def mode_for(self, event_type: str, words: set[str]) -> str | None:
        """The first mode of that type whose cue words occur among `words`."""
        for mode, cues in self.mode_cues.get(event_type, []):
            if cues & words:
                return mode
        return None


def _values(raw: str, classes: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    out: set[str] = set()
    for item in raw.split(","):
        item = item.strip().lower()
        if not item:
            continue
        if item.startswith("@") and item != ACTOR:
            if item[1:] not in classes:
                raise ConfigError(f"{where}: unknown word class {item!r}; define it with a "
                                  f"line '{item} word word ...' before using it")
            out |= classes[item[1:]]
            if item[1:] == "human":
                out.add(item)
        else:
            out.add(item)
    return frozenset(out)


def _trigger(cols: list[str], classes: dict[str, frozenset[str]], where: str) -> Trigger:
    if len(cols) < 3 or "/" not in cols[2]:
        raise ConfigError(f"{where}: expected 'TYPE mode lemma/pos [key=values ...]'")
    type_, mode, spec = cols[0].upper(), cols[1], cols[2]
    if type_ not in TYPES:
        raise ConfigError(f"{where}: unknown event type {cols[0]!r}; use one of the 16 "
                          f"PLOVER types or NONE")
    lemma, pos = spec.rsplit("/", 1)
    if pos not in POS_TAGS:
        raise ConfigError(f"{where}: part of speech {pos!r} is not v, n or a")
    when: list[tuple[str, frozenset[str]]] = []
    weight = 1.0
    for col in cols[3:]:
        key, sep, raw = col.partition("=")
        if not sep or not raw:
            raise ConfigError(f"{where}: constraint {col!r} is not key=values")
        if key == "w":
            try:
                weight = float(raw)
            except ValueError:
                raise ConfigError(f"{where}: weight {raw!r} is not a number") from None
            continue
        when.append((key.lower(), _values(raw, classes, where)))
    return Trigger(type_, None if mode in ("-", "") else mode, lemma.lower(), pos,
                   tuple(when), weight, where)


def _read(text: str, name: str, lex: Lexicon) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        cols = line.split("#", 1)[0].split()
        where = f"{name}:{n}"
        if not cols or cols[0].startswith("@"):
            continue  # blank, comment, or a class (read in the first pass)
        if cols[0].startswith("%"):
            if len(cols) < 3:
                raise ConfigError(f"{where}: expected '%TYPE mode cue cue ...'")
            cues = frozenset(w.lower() for w in cols[2:])
            lex.mode_cues.setdefault(cols[0][1:].upper(), []).append((cols[1], cues))
        else:
            trig = _trigger(cols, lex.classes, where)
            lex.triggers.setdefault((trig.lemma, trig.pos), []).append(trig)


def _sources(user_files: tuple[str, ...], language: str) -> list[tuple[str, str]]:
    out = []
    for path in user_files:
        try:
            out.append((Path(path).read_text(encoding="utf-8"), path))
        except OSError as exc:
            raise ConfigError(f"trigger file {path}: cannot read it "
                              f"({exc.__class__.__name__}); fix the triggers setting") from exc
    out.append((lang.text("triggers.tsv", language), "triggers.tsv"))
    return out


def parse_lexicon(texts: list[tuple[str, str]]) -> Lexicon:
    """A lexicon from (text, name) pairs; word classes are shared across them."""
    lex = Lexicon()
    # Classes first, from every file, so a user file may use the built-in classes.
    for text, _ in texts:
        for line in text.splitlines():
            cols = line.split("#", 1)[0].split()
            if cols and cols[0].startswith("@"):
                words = frozenset(w.lower() for w in cols[1:])
                lex.classes[cols[0][1:]] = lex.classes.get(cols[0][1:], frozenset()) | words
    for text, name in texts:
        _read(text, name, lex)
    return lex


@lru_cache(maxsize=4)
def load_lexicon(user_files: tuple[str, ...] = (), language: str = "en") -> Lexicon:
    """The lexicon of a run's settings: user files, then the built-in one. Read once."""
    return parse_lexicon(_sources(user_files, language))
