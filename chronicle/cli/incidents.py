"""The incident commands: `timeline --incidents` (one row per happening, with its number of
reports), `timeline --incidents --by month` (happenings over time) and `incident ID` (one
happening: every report, side by side where they disagree). Parse, call, format.

`register()` gives the store's `timeline` command its two incident flags by wrapping it
(same flags, same help, plus `--incidents` and `--by`), so cli/store.py is not changed and
does not import this module.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from chronicle.cli.store import _console, _emit, _fail, _handled, _short, _store, db_option
from chronicle.query.filter import EventFilter

if TYPE_CHECKING:
    from chronicle.query import Results
    from chronicle.query.incidents import IncidentRow, IncidentView, PeriodCount
    from chronicle.records import Disagreement

INCIDENT_COLUMNS = ("id", "date", "event_type", "reports", "documents", "independent",
                    "single_outlet", "outlets", "source", "source_names", "target",
                    "target_names", "location_name", "country", "confidence", "first_report",
                    "last_report", "disagreements", "events")
COUNT_COLUMNS = ("period", "incidents", "reports")
PERIODS = ("day", "week", "month", "year")


def timeline_incidents(db: str, where: EventFilter, fmt: str, limit: int | None,
                       by: str | None) -> None:
    """What `chronicle timeline --incidents` prints."""
    with _store(db) as store:
        if by:
            counts = store.incident_counts(by, where)
            _emit(counts.to_json(), fmt, lambda: _counts_table(counts, by), COUNT_COLUMNS)
            return
        rows = store.incidents_where(where, limit=limit)
    _emit([flat_incident(r.to_json()) for r in rows] if fmt == "csv" else rows.to_json(),
          fmt, lambda: _incidents_table(rows), INCIDENT_COLUMNS)


def flat_incident(row: dict[str, Any]) -> dict[str, Any]:
    """An incident row flattened for CSV: lists joined, counts for lists of documents."""
    flat = dict(row)
    loc = flat.pop("location", None) or {}
    flat.update({"location_name": loc.get("name"), "country": loc.get("country"),
                 "documents": len(row["documents"]), "events": ";".join(row["events"]),
                 "outlets": "; ".join(row["outlets"]),
                 "disagreements": ";".join(d["field"] for d in row["disagreements"])})
    for key in ("source", "target"):
        flat[key] = ";".join(flat[key])
    for key in ("source_names", "target_names"):
        flat[key] = "; ".join(flat[key])
    return flat


def _who(row: IncidentRow) -> str:
    inc = row.incident
    source = ", ".join(row.names.get(a, a) for a in inc.source) or "?"
    target = ", ".join(row.names.get(a, a) for a in inc.target) or "?"
    return f"{source} -> {target}"


def _incidents_table(rows: Results[IncidentRow]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(rows)} incidents")
    for name, options in (("date", {"no_wrap": True}), ("type", {"no_wrap": True}),
                          ("reports", {"justify": "right"}), ("outlets", {"max_width": 28}),
                          ("source -> target", {"max_width": 40}), ("where", {"max_width": 20}),
                          ("disagree", {"max_width": 18}), ("id", {"no_wrap": True})):
        table.add_column(name, **options)
    for row in rows:
        inc = row.incident
        outlets = ", ".join(inc.outlets) or "-"
        if inc.single_outlet:
            outlets += " (one source)"
        table.add_row(inc.date or "undated", inc.event_type, str(len(inc.events)), outlets,
                      _who(row), inc.location.name if inc.location else "",
                      ", ".join(d.field for d in inc.disagreements), inc.id)
    return table


def _counts_table(counts: Results[PeriodCount], by: str) -> Any:
    from rich.table import Table

    table = Table(title=f"incidents by {by}")
    table.add_column(by)
    table.add_column("incidents", justify="right")
    table.add_column("reports", justify="right")
    table.add_column("", ratio=1)
    top = max((c.incidents for c in counts), default=1)
    for c in counts:
        table.add_row(c.period, str(c.incidents), str(c.reports),
                      "█" * max(1, round(30 * c.incidents / top)))
    return table


def _value_text(d: Disagreement, value: Any, docs: tuple[str, ...], outlets: tuple[str, ...]
                ) -> str:
    who = ", ".join(outlets) if outlets else ", ".join(docs)
    return f"{value} ({who})"


def _print_view(view: IncidentView) -> None:
    console = _console()
    inc, names = view.incident, view.row.names
    sources = "one source only" if inc.single_outlet else f"{inc.independent} independent sources"
    console.print(f"[bold]{inc.event_type}[/bold] {inc.date or 'undated'} "
                  f"{inc.location.name if inc.location else ''} ({inc.id})", markup=True)
    lines = [("who", _who(view.row)),
             ("reports", f"{len(inc.events)} in {len(inc.documents)} documents, {sources}: "
                         f"{', '.join(inc.outlets) or '-'}"),
             ("reported", f"{inc.first_report or '?'} to {inc.last_report or '?'}"),
             ("confidence", f"{inc.confidence:.2f}; tied by {', '.join(inc.agreed) or '-'}")]
    for d in inc.disagreements:
        outlets = d.outlets or tuple(() for _ in d.values)
        values = "; ".join(_value_text(d, _named(d.field, v, names), docs, o)
                           for (v, docs), o in zip(d.values, outlets, strict=True))
        bounds = f" [{d.low}-{d.high}]" if d.low is not None else ""
        lines.append((f"disagree: {d.field}", values + bounds))
    for label, value in lines:
        console.print(f"{label}: {value}", markup=False)
    for r in view.reports:
        e = r.event
        why = f" tied by {', '.join(r.link.agreed)}" if r.link and r.link.score is not None \
            else ""
        console.print(f"\n[{e.event_type} {e.date or 'undated'}] {r.outlet or '-'}, "
                      f"{r.doc_title or e.doc} ({e.id}){why}", markup=False)
        console.print(f"  {_short(e.sentence, 400)}", markup=False)
        for quote, speaker in r.quotes:
            console.print(f"    “{_short(quote.text, 200)}” ({speaker or 'unknown speaker'})",
                          markup=False)


def _named(field: str, value: Any, names: dict[str, str]) -> Any:
    if field in ("source", "target") and isinstance(value, str):
        return ", ".join(names.get(a.strip(), a.strip()) for a in value.split(","))
    return value


@click.command()
@click.argument("incident_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@_handled
def incident(incident_id: str, db: str, fmt: str) -> None:
    """One incident: its reports (sentence, outlet, quotes near it), how many independent
    sources carry it, and where they disagree (deaths, date, place, perpetrator)."""
    with _store(db) as store:
        view = store.incident(incident_id)
    if view is None:
        _fail(f"no incident has the id {incident_id!r}: `chronicle timeline --incidents` "
              "lists them")
        return
    if fmt == "json":
        click.echo(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_view(view)
    sys.stdout.flush()


def with_incidents(timeline: click.Command) -> click.Command:
    """The `timeline` command with `--incidents` and `--by`; without them, as it was."""
    base = timeline.callback
    assert base is not None

    def callback(**kwargs: Any) -> Any:
        rows, by = kwargs.pop("incidents"), kwargs.pop("by")
        if not rows and not by:
            return base(**kwargs)
        where = EventFilter(actor=kwargs["actor"], type=kwargs["type_"],
                            date_from=kwargs["date_from"], date_to=kwargs["date_to"])
        return _handled(timeline_incidents)(kwargs["db"], where, kwargs["fmt"],
                                            kwargs["limit"], by)

    flags = [click.Option(["--incidents"], is_flag=True,
                          help="One row per incident (events that report one happening, "
                               "with the number of reports) instead of per event."),
             click.Option(["--by"], type=click.Choice(PERIODS),
                          help="Count incidents and their reports per period instead.")]
    help_text = (timeline.help or "") + (
        "\n\nWith --incidents, one row per incident: the events that report one happening "
        "(in one or several documents) grouped, with how many reports and independent "
        "outlets carry it; with --by, incidents counted per day, week, month or year.")
    return click.Command(timeline.name, callback=callback, params=[*timeline.params, *flags],
                         help=help_text, short_help=timeline.short_help)


def register(group: click.Group) -> None:
    """Add `incident` and the incident flags of `timeline` to the `chronicle` group."""
    timeline = group.commands.get("timeline")
    if timeline is not None:
        group.add_command(with_incidents(timeline))
    group.add_command(incident)
