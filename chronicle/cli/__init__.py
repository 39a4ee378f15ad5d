"""The command line: parse flags, call one library function, format. The only place that exits."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from chronicle import pipeline
from chronicle.cli.common import (
    EXIT_FAILED,
    EXIT_PARTIAL,
    errors_log_option,
    failure_report,
    output_lost,
)
from chronicle.cli.incidents import register as register_incident_commands
from chronicle.cli.ingest import ingest as ingest_command
from chronicle.cli.serve import register as register_serve_command
from chronicle.cli.store import register as register_store_commands
from chronicle.errors import ChronicleError
from chronicle.records import Document
from chronicle.settings import CHOICES, Settings


@click.group()
@click.version_option(package_name="chronicle")
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="Settings file (TOML; default ./chronicle.toml when present).")
@click.option("--model", default=None, help="spaCy pipeline to use (env CHRONICLE_MODEL).")
@click.option("--triggers", multiple=True, type=click.Path(dir_okay=False),
              help="Extra trigger lexicon file, read before the built-in one; repeatable "
                   "(env CHRONICLE_TRIGGERS).")
@click.option("--events", type=click.Choice(CHOICES["events"]), default=None,
              help="Which detectors name events: both (default), lexicon or model "
                   "(env CHRONICLE_EVENTS).")
@click.option("--speakers", type=click.Choice(CHOICES["speakers"]), default=None,
              help="Who decides a quote's speaker: ranked (the rules, then the learned "
                   "ranker; default) or rules (env CHRONICLE_SPEAKERS).")
@click.option("--arguments", type=click.Choice(CHOICES["arguments"]), default=None,
              help="Who decides an event's source and target: ranked (the rules, then the "
                   "learned ranker for a role they leave empty; default) or rules "
                   "(env CHRONICLE_ARGUMENTS).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, **flags: Any) -> None:
    """Chronicle: actors, events, quotes and dates from news, with provenance."""
    flags["triggers"] = flags["triggers"] or None  # none given: the config's stand
    try:
        ctx.obj = Settings.load(config, **flags)
    except ChronicleError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write JSON Lines here instead of standard output.")
@errors_log_option
@click.pass_obj
def extract(settings: Settings, inputs: tuple[str, ...], output: TextIO,
            errors_log: str | None) -> None:
    """Print the documents, actors, events, quotes and dates of INPUTS as JSON Lines.

    INPUTS are .txt, .md, .html, .jsonl files, folders (read recursively), or - for JSON
    Lines on standard input. Records are written as they become final: each document with
    its events, quotes and dates, and the actors at the end. A bad input or a document
    whose analysis fails costs one stderr line and the rest goes on. Exit status: 0 all
    read and analysed, 3 finished with failures, 1 nothing read or the run could not finish.
    """
    report = failure_report(settings, errors_log)
    documents = 0
    try:
        paths = [item if item == "-" else Path(item) for item in inputs]
        for record in pipeline.extract(paths, settings, on_error=report):
            if isinstance(record, Document):
                documents += 1
            output.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        output.flush()
    except ChronicleError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # the output cannot take more: a full disk, a closed pipe
        output_lost(output)
        click.echo(f"chronicle: cannot write the output ({exc.strerror or exc}); stopped "
                   f"after {documents} documents", err=True)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        output.flush()
        click.echo(f"chronicle: interrupted after {documents} documents", err=True)
        sys.exit(130)
    if documents == 0 and report.documents == 0:
        click.echo("chronicle: no document was read", err=True)
        sys.exit(EXIT_FAILED)
    if report.count:
        click.echo(report.summary(documents), err=True)
        sys.exit(EXIT_PARTIAL)


cli.add_command(ingest_command)
register_store_commands(cli)
register_incident_commands(cli)  # after the store commands: it extends `timeline`
register_serve_command(cli)


def main() -> None:
    try:
        cli(prog_name="chronicle")
    except ChronicleError as exc:  # raised outside a command's own handler
        click.echo(f"chronicle: {exc}", err=True)
        sys.exit(1)
