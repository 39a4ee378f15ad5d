"""Exports: the store, or the events a filter keeps, in formats other tools read.

    jsonl    the records of `chronicle extract`, re-created from the store
    csv      one event a row, POLECAT-like columns (the one CSV schema of Chronicle)
    graphml  actors as nodes, source -> target edges per type and day (Gephi, networkx)
    gexf     the same graph for Gephi, in dynamic mode (edges carry their dates)
    ftm      FollowTheMoney entities (Aleph, OpenSanctions tools); needs chronicle[ftm]

Each writer streams from one read transaction and returns how many records it wrote. With
a filter (the flags of `timeline`), the writers keep the matching events and what they
point at (their documents and actors); without one, everything. Negated and hypothetical
statements are kept and flagged in jsonl and csv, and left out of graphs and FtM.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

from chronicle.errors import ConfigError

if TYPE_CHECKING:  # the CLI imports FORMATS at start-up: keep SQLAlchemy out of that
    from sqlalchemy.engine import Connection

    from chronicle.query.filter import EventFilter

FORMATS = ("jsonl", "csv", "graphml", "gexf", "ftm")
_WRITERS = {"jsonl": ("jsonl", "write_jsonl"), "csv": ("csv", "write_csv"),
            "graphml": ("graph", "write_graphml"), "gexf": ("graph", "write_gexf"),
            "ftm": ("ftm", "write_ftm")}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    where: EventFilter | None = None  # None: the whole store
    isolated: bool = False  # graphs: also actors without an edge


def export(conn: Connection, format: str, out: TextIO,
           options: ExportOptions | None = None) -> int:
    if format not in _WRITERS:
        raise ConfigError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    module, name = _WRITERS[format]
    writer: Callable[[Connection, TextIO, ExportOptions], int] = getattr(
        import_module(f"chronicle.export.{module}"), name)
    return writer(conn, out, options or ExportOptions())


__all__ = ["FORMATS", "ExportOptions", "export"]
