"""The store's read commands: search, timeline, actor, export. Parse, call, format.

`register(cli)` adds them to the main group (`ingest` is in cli/ingest.py). Library errors
(a damaged or foreign store included) become one stderr line `chronicle: <message>` and exit
code 1. Only `ingest` writes: these commands open the store read-only.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

import click

from chronicle.api import DEFAULT_DB, Store
from chronicle.api import open as open_store
from chronicle.errors import ChronicleError
from chronicle.export import FORMATS
from chronicle.query.filter import EventFilter
from chronicle.records import PLOVER_TYPES

if TYPE_CHECKING:
    from chronicle.query import ActorProfile, AmbiguousActor, Results, SearchHit, TimelineEvent

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="CHRONICLE_DB",
    help="SQLite file or postgresql://user@host/db URL (env CHRONICLE_DB).")
filter_options = [
    click.option("--actor", help="Any name or alias of an actor (case and accents ignored)."),
    click.option("--type", "type_", metavar="TYPE",
                 help=f"PLOVER event type: {', '.join(PLOVER_TYPES)}."),
    click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY[-MM[-DD]])."),
    click.option("--to", "date_to", metavar="DATE", help="Up to this date, inclusive."),
    click.option("--country", metavar="CODE", help="Where events happened: ISO alpha-3 code "
                 "or country name."),
    click.option("--outlet", help="Events reported by this outlet (publisher)."),
    click.option("--place", help="Events at this place (its name as stored)."),
]


def _filters(func: F) -> F:
    """Adds the filter flags; the command receives them as one `where: EventFilter`."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        where = EventFilter(actor=kwargs.pop("actor"), type=kwargs.pop("type_"),
                            date_from=kwargs.pop("date_from"), date_to=kwargs.pop("date_to"),
                            country=kwargs.pop("country"), outlet=kwargs.pop("outlet"),
                            place=kwargs.pop("place"))
        return func(*args, where=where, **kwargs)

    command: Any = wrapper
    for option in reversed(filter_options):
        command = option(command)
    return cast(F, command)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"chronicle: {message}", err=True)
    sys.exit(code)


def _handled(func: F) -> F:
    """Library errors end the command with one line, never a traceback."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ChronicleError as exc:
            _fail(str(exc))
    return wrapper  # type: ignore[return-value]


@contextmanager
def _store(db: str, create: bool = False) -> Iterator[Store]:
    """`ingest` creates and upgrades; every other command opens read-only, never writing
    a byte to the store (it may sit on read-only media, or be a file that is no store)."""
    store = open_store(db, create=create, readonly=not create)
    try:
        yield store
    finally:
        store.close()


@click.command()
@click.argument("query")
@db_option
@_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@_handled
def search(query: str, db: str, where: EventFilter, fmt: str, limit: int) -> None:
    """Full-text search of QUERY in the stored documents.

    With --actor or --type, searches the sentences of that actor's (or type's) events and
    the actor's quotes instead. SQLite syntax: words (all must occur), "exact phrase", OR,
    NOT, prefix*. In JSON and CSV the hits are marked «like this» in `snippet`; `start` and
    `end` are the offsets of the first hit in the document text.
    """
    with _store(db) as store:
        hits = store.search_where(query, where, limit=limit)
    _emit(hits.to_json(), fmt, lambda: _search_table(hits), SEARCH_COLUMNS)


@click.command()
@db_option
@_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@_handled
def timeline(db: str, where: EventFilter, fmt: str, limit: int | None) -> None:
    """Events in date order (partial dates at their first day, undated last)."""
    with _store(db) as store:
        if fmt == "csv":  # the one CSV schema of Chronicle, as `export --format csv`
            store.export_events(where, sys.stdout, limit=limit)
            return
        rows = store.events(where, limit=limit)
    _emit(rows.to_json(), fmt, lambda: _timeline_table(rows), ())


@click.command()
@click.argument("name")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@_handled
def actor(name: str, db: str, fmt: str) -> None:
    """The profile of the actor called NAME: names, roles, events, counterparts, quotes.

    When NAME fits several actors, lists them (exit code 1): ask again with an id.
    """
    from chronicle.query import AmbiguousActor

    with _store(db) as store:
        try:
            profile = store.actor(name)
        except AmbiguousActor as exc:
            _candidates(exc, fmt)
            sys.exit(1)
    _profile(profile, fmt)


@click.command()
@db_option
@_filters
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
@click.option("--isolated", is_flag=True,
              help="graphml, gexf: also the actors without a link.")
@_handled
def export(db: str, where: EventFilter, fmt: str, output: TextIO, isolated: bool) -> None:
    """Write the store as jsonl, csv, graphml, gexf or ftm (FollowTheMoney).

    With the filters of `timeline`, only the matching events are written, with the
    documents and actors they point at. CSV rows keep negated and hypothetical statements,
    flagged in their own columns.
    """
    from chronicle.export import ExportOptions

    options = ExportOptions(where=where if where.narrowed else None, isolated=isolated)
    with _store(db) as store:
        count = store.export(fmt, output, options)
    output.flush()
    if output is not sys.stdout and getattr(output, "name", "-") != "<stdout>":
        click.echo(f"chronicle: wrote {count} records", err=True)


SEARCH_COLUMNS = ("doc", "start", "end", "kind", "ref", "doc_title", "doc_date", "score",
                  "snippet")


def _emit(rows: list[dict[str, Any]], fmt: str, table: Callable[[], Any],
          columns: tuple[str, ...]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = sys.stdout
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _console().print(table())


def _console() -> Any:
    """A console that, written to a file or a pipe, is wide enough for one row a line."""
    import shutil

    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=max(140, shutil.get_terminal_size().columns))
    return console


def _short(text: str, size: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _search_table(hits: Results[SearchHit]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(hits)} hits", show_lines=False)
    for name in ("document", "date", "in", "snippet"):
        table.add_column(name)
    for hit in hits:
        snippet = Text()
        for part, marked in hit.parts:
            snippet.append(part, style="bold" if marked else None)
        table.add_row(f"{hit.doc_title or hit.doc}\n{hit.doc}:{hit.start}-{hit.end}",
                      hit.doc_date or "", hit.kind, snippet)
    return table


def _timeline_table(rows: Results[TimelineEvent]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(rows)} events")
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("source -> target", max_width=40)
    table.add_column("trigger", max_width=18)
    table.add_column("sentence", ratio=1)
    for row in rows:
        who = (f"{', '.join(row.source_names) or '?'} -> {', '.join(row.target_names) or '?'}")
        table.add_row(row.event.date or "undated", row.event.event_type, who,
                      row.event.trigger, _short(row.event.sentence))
    return table


def _candidates(exc: AmbiguousActor, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"error": str(exc), "candidates":
                               [c.to_json() for c in exc.candidates]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"chronicle: {exc.name!r} fits {len(exc.candidates)} actors; ask again with "
               "an id:", err=True)
    for c in exc.candidates:
        aliases = f" (also {', '.join(c.aliases)})" if c.aliases else ""
        click.echo(f"  {c.id}\t{c.name}\t{c.kind}\t{c.events} events{aliases}", err=True)


def _profile(profile: ActorProfile, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(profile.to_json(), ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    a = profile.actor
    console = _console()
    console.print(f"[bold]{a.name}[/bold] ({a.kind}, {a.id})", markup=True)
    lines = [("also called", ", ".join(a.aliases) or "-"),
             ("seen", f"{profile.first_seen or '?'} to {profile.last_seen or '?'} "
                      f"in {profile.documents} documents, {len(a.mentions)} mentions")]
    lines += [("role", " ".join(p for p in (r.title, f"of {r.of}" if r.of else "",
                                            f"({r.start or '?'} to {r.end or '?'})"
                                            if r.start or r.end else "") if p))
              for r in a.roles]
    for label, value in lines:
        console.print(f"{label}: {value}", markup=False)
    events = Table(title="events")
    for name in ("type", "as source", "towards", "as target", "from"):
        events.add_column(name)
    as_source, as_target = profile.events.get("source", {}), profile.events.get("target", {})
    partners = profile.partners_by_type
    for kind in sorted(set(as_source) | set(as_target)):
        events.add_row(kind, str(as_source.get(kind, 0)),
                       _short(", ".join(partners.get("source", {}).get(kind, [])), 60),
                       str(as_target.get(kind, 0)),
                       _short(", ".join(partners.get("target", {}).get(kind, [])), 60))
    console.print(events)
    if profile.counterparts:
        console.print("counterparts: " + ", ".join(f"{c.name} ({c.count})"
                                                   for c in profile.counterparts), markup=False)
    for quote in profile.quotes[:10]:
        console.print(f"  “{_short(quote.text, 150)}” ({quote.doc})", markup=False)


COMMANDS = (search, timeline, actor, export)


def register(group: click.Group) -> None:
    """Add the store commands to the `chronicle` group."""
    for command in COMMANDS:
        group.add_command(command)
