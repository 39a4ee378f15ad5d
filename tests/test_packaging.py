"""What a wheel ships: every data file the code reads (word lists, templates, the model
weights) is named in pyproject's package data, so an installed Chronicle is whole."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_of_the_package_is_shipped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["chronicle"]
    package = ROOT / "chronicle"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data and any(name.startswith("models/") for name in data)
    missing = [name for name in data
               if not any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)]
    assert not missing
