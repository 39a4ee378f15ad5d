"""`chronicle ingest`: analyse and store, with a progress line, failures and retries.

Each bad input or failed document is one stderr line naming the record (file and line, or
document id), the stage and the exception; tracebacks go to the errors log. Exit status
(CONTRACT.md): 0 when every input was read and every document stored (or already there),
3 when the run finished with some inputs or documents failed, 1 when nothing could be read
or the run could not finish; Ctrl-C prints the summary so far and exits 130 (what was
stored stays stored; run the same command again to finish). Failed documents are kept in
the store: `--retry-failed` analyses only them again.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypedDict, Unpack

import click

from chronicle.cli.common import EXIT_FAILED, EXIT_PARTIAL, errors_log_option, failure_report
from chronicle.cli.store import _handled, _store, db_option
from chronicle.settings import Settings

if TYPE_CHECKING:
    from chronicle.ingest import IngestSummary


class _Flags(TypedDict):
    """How to analyse, and where failures go (the command's other flags)."""

    workers: int
    scheduler: str | None
    retry_failed: bool
    errors_log: str | None


@click.command()
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse with this many Dask worker processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Analyse on this Dask scheduler.")
@click.option("--retry-failed", is_flag=True,
              help="Analyse again the documents earlier runs could not analyse or store "
                   "(kept in the store), then INPUTS if any.")
@errors_log_option
@_handled
@click.pass_obj
def ingest(settings: Settings | None, inputs: tuple[str, ...], db: str,
           **flags: Unpack[_Flags]) -> None:
    """Analyse INPUTS and store the results; documents already stored are skipped.

    Each document is stored whole or not at all: after an interruption, run the same
    command again to finish. Exit status: 0 all stored, 3 finished with failures (each
    named on stderr; retry them with --retry-failed), 1 nothing read or the run could not
    finish.
    """
    settings = settings or Settings.load()
    retry_failed = flags["retry_failed"]
    if not inputs and not retry_failed:
        raise click.UsageError("give INPUTS to ingest, or --retry-failed")
    with _store(db, create=True) as store, IngestProgress() as progress:
        report = failure_report(settings, flags["errors_log"], progress.note)
        try:
            summary = store.ingest(inputs, settings=settings, on_error=report,
                                   on_progress=progress.update, on_note=progress.note,
                                   workers=flags["workers"], scheduler=flags["scheduler"],
                                   retry_failed=retry_failed)
        except KeyboardInterrupt:
            progress.stop()
            click.echo(f"chronicle: interrupted; {progress.line()}; run the same command "
                       "again to finish", err=True)
            sys.exit(130)
    click.echo(f"chronicle: {progress.line(summary)}", err=True)
    if summary.read == 0 and summary.complete and retry_failed and not inputs:
        click.echo("chronicle: no failed document to retry", err=True)
    elif summary.read == 0:
        click.echo("chronicle: no document was read", err=True)
        sys.exit(EXIT_FAILED)
    elif not summary.complete:
        sys.exit(EXIT_PARTIAL)


class IngestProgress:
    """A rich progress line on stderr (terminals only) with documents per second."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self._live = console.is_terminal
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"),
            TextColumn("{task.fields[stored]} stored, {task.fields[skipped]} skipped, "
                       "{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(),
            console=console, disable=not console.is_terminal, transient=True)
        self._task = self._progress.add_task("ingesting", stored=0, skipped=0, failed=0,
                                             rate=0.0)
        self.summary: IngestSummary | None = None

    def __enter__(self) -> IngestProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._progress.stop()

    def note(self, text: str) -> None:
        """One stderr line, printed above the progress line when there is one."""
        if self._live:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    def update(self, summary: IngestSummary) -> None:
        self.summary = summary
        self._progress.update(self._task, stored=summary.stored, skipped=summary.duplicates,
                              failed=summary.failed, rate=summary.rate)

    def line(self, summary: IngestSummary | None = None) -> str:
        s = summary or self.summary
        if s is None:
            return "nothing stored yet"
        unreadable = f", unreadable inputs {s.unreadable}" if s.unreadable else ""
        return (f"read {s.read}, stored {s.stored}, skipped as duplicates {s.duplicates}, "
                f"failed {s.failed}{unreadable} in {s.seconds:.1f} s ({s.rate:.1f} docs/s)")


