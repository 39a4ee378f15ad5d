"""Language data: every word list, table and pattern the extractors use, as files.

As in spaCy's `lang/`, the logic never spells out vocabulary: it asks this loader for a
named resource of the language (`lang/en/<name>`). Files are UTF-8 text; `#` starts a
comment, blank lines are skipped. These shapes cover them all:

- `words(name)`: one or more words per line, folded into one frozenset;
- `classes(name)`: lines `@class word word ...`, a dict of frozensets (several files may
  share one vocabulary of classes this way);
- `table(name)`: tab-separated rows, as lists of columns;
- `text(name)`: the raw text, for files with a grammar of their own (the trigger lexicon);
- `phrase_classes(name)`: lines `@class phrase, phrase, ...`, for classes whose entries
  are several words ("last night") or whose order matters (a pattern tries them in order).

Everything is read once per process and cached; the files ship inside the package, so
nothing is downloaded and a Dask worker reads the same data as the client.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from chronicle.errors import ConfigError

DEFAULT_LANG = "en"


@cache
def text(name: str, lang: str = DEFAULT_LANG) -> str:
    """The raw text of a data file of the language."""
    try:
        return resources.files(f"chronicle.lang.{lang}").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(f"no language data {lang}/{name} in this installation") from exc


def _content_lines(name: str, lang: str) -> list[str]:
    out = []
    for line in text(name, lang).splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if line.strip():
            out.append(line)
    return out


@cache
def words(name: str, lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Every word of a word-list file (several per line allowed)."""
    return frozenset(w for line in _content_lines(name, lang) for w in line.split())


@cache
def phrases(name: str, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """One entry per line, spaces kept ("prime minister"), in file order."""
    return tuple(" ".join(line.split()) for line in _content_lines(name, lang))


@cache
def classes(name: str, lang: str = DEFAULT_LANG) -> dict[str, frozenset[str]]:
    """`@class word word ...` lines; a class may span several lines."""
    out: dict[str, set[str]] = {}
    for line in _content_lines(name, lang):
        cols = line.split()
        if not cols[0].startswith("@"):
            raise ConfigError(f"{lang}/{name}: expected '@class word ...', got {line!r}")
        out.setdefault(cols[0][1:], set()).update(cols[1:])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def table(name: str, lang: str = DEFAULT_LANG) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows; lines starting with `#` and blank lines skipped."""
    return tuple(tuple(line.split("\t")) for line in text(name, lang).splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def mapping(name: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Two-column tables as a dict (first column -> second)."""
    return {row[0].strip(): row[1].strip() if len(row) > 1 else ""
            for row in table(name, lang)}


@cache
def phrase_classes(name: str, lang: str = DEFAULT_LANG) -> dict[str, tuple[str, ...]]:
    """`@class phrase, phrase, ...` lines: comma-separated entries keep their inner spaces
    (one space each) and their file order; a class may span several lines."""
    out: dict[str, list[str]] = {}
    for line in _content_lines(name, lang):
        head, *rest = line.split(None, 1)
        if not head.startswith("@"):
            raise ConfigError(f"{lang}/{name}: expected '@class phrase, ...', got {line!r}")
        entries = out.setdefault(head[1:], [])
        entries += [" ".join(p.split()) for p in "".join(rest).split(",") if p.strip()]
    return {k: tuple(v) for k, v in out.items()}
