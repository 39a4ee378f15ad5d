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
_active = {"code": DEFAULT_LANG, "read": False}


def use(code: str) -> None:
    """Make `code` the language whose data the extractors read (`Settings.lang`).

    The pipeline calls it before the extractors load their word lists, which they keep for
    the life of the process; asking for another language once data has been read is a
    configuration error, not a silent mix of two languages.
    """
    if code == _active["code"]:
        return
    if _active["read"]:
        raise ConfigError(f"language {code!r} asked for, but this process already reads "
                          f"{_active['code']!r} data; run one language per process")
    _active["code"] = code


def active() -> str:
    return str(_active["code"])


def _code(lang: str | None) -> str:
    _active["read"] = True
    return lang or str(_active["code"])


@cache
def _text(name: str, lang: str) -> str:
    """The raw text of a data file of the language."""
    try:
        return resources.files(f"chronicle.lang.{lang}").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(f"no language data {lang}/{name} in this installation") from exc


def _content_lines(name: str, lang: str) -> list[str]:
    out = []
    for line in _text(name, lang).splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if line.strip():
            out.append(line)
    return out


@cache
def _words(name: str, lang: str) -> frozenset[str]:
    """Every word of a word-list file (several per line allowed)."""
    return frozenset(w for line in _content_lines(name, lang) for w in line.split())


@cache
def _phrases(name: str, lang: str) -> tuple[str, ...]:
    """One entry per line, spaces kept ("prime minister"), in file order."""
    return tuple(" ".join(line.split()) for line in _content_lines(name, lang))


@cache
def _classes(name: str, lang: str) -> dict[str, frozenset[str]]:
    """`@class word word ...` lines; a class may span several lines."""
    out: dict[str, set[str]] = {}
    for line in _content_lines(name, lang):
        cols = line.split()
        if not cols[0].startswith("@"):
            raise ConfigError(f"{lang}/{name}: expected '@class word ...', got {line!r}")
        out.setdefault(cols[0][1:], set()).update(cols[1:])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _table(name: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows; lines starting with `#` and blank lines skipped."""
    return tuple(tuple(line.split("\t")) for line in _text(name, lang).splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def _mapping(name: str, lang: str) -> dict[str, str]:
    """Two-column tables as a dict (first column -> second)."""
    return {row[0].strip(): row[1].strip() if len(row) > 1 else ""
            for row in _table(name, lang)}


@cache
def _phrase_classes(name: str, lang: str) -> dict[str, tuple[str, ...]]:
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


# The public readers: `lang` None means the active language (see `use`).
def text(name: str, lang: str | None = None) -> str:
    return _text(name, _code(lang))


def words(name: str, lang: str | None = None) -> frozenset[str]:
    return _words(name, _code(lang))


def phrases(name: str, lang: str | None = None) -> tuple[str, ...]:
    return _phrases(name, _code(lang))


def classes(name: str, lang: str | None = None) -> dict[str, frozenset[str]]:
    return _classes(name, _code(lang))


def table(name: str, lang: str | None = None) -> tuple[tuple[str, ...], ...]:
    return _table(name, _code(lang))


def mapping(name: str, lang: str | None = None) -> dict[str, str]:
    return _mapping(name, _code(lang))


def phrase_classes(name: str, lang: str | None = None) -> dict[str, tuple[str, ...]]:
    return _phrase_classes(name, _code(lang))
