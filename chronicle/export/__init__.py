"""Exports: the whole store in formats other tools read.

    jsonl    the records of `chronicle extract`, re-created from the store
    csv      one event a row, POLECAT-like columns
    graphml  actors as nodes, events as weighted edges (Gephi, Cytoscape, networkx)
    gexf     the same graph for Gephi
    ftm      FollowTheMoney entities (Aleph, OpenSanctions tools); needs chronicle[ftm]

Each writer streams from one read transaction and returns how many records it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

from chronicle.errors import ConfigError

if TYPE_CHECKING:  # the CLI imports FORMATS at start-up: keep SQLAlchemy out of that
    from sqlalchemy.engine import Connection

FORMATS = ("jsonl", "csv", "graphml", "gexf", "ftm")
_WRITERS = {"jsonl": ("jsonl", "write_jsonl"), "csv": ("csv", "write_csv"),
            "graphml": ("graph", "write_graphml"), "gexf": ("graph", "write_gexf"),
            "ftm": ("ftm", "write_ftm")}


def export(conn: Connection, format: str, out: TextIO) -> int:
    if format not in _WRITERS:
        raise ConfigError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    module, name = _WRITERS[format]
    writer: Callable[[Connection, TextIO], int] = getattr(
        import_module(f"chronicle.export.{module}"), name)
    return writer(conn, out)


__all__ = ["FORMATS", "export"]
