"""What several commands share: exit statuses and the failure report with its option."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TextIO

import click

from chronicle.failures import FailureReport
from chronicle.settings import Settings

# Exit statuses (CONTRACT.md): all read and analysed; the run could not run or read nothing;
# the run finished but some inputs or documents failed (each named on stderr).
EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 3


def failure_report(settings: Settings, errors_log: str | None,
                   echo: Callable[[str], None] | None = None) -> FailureReport:
    """One stderr line per bad input or failed document; tracebacks in the errors log."""
    return FailureReport(errors_log or settings.errors_log,
                         echo or (lambda line: click.echo(line, err=True)))


errors_log_option = click.option(
    "--errors-log", metavar="PATH", default=None,
    help="Append the traceback of each failed document here (default chronicle-errors.log "
         "in the working folder; env CHRONICLE_ERRORS_LOG).")


def output_lost(output: TextIO) -> None:
    """After a write failed: point standard output at the null device, so that Python's
    own flush at exit does not fail again with a traceback (a reader that closed the pipe,
    as `| head` does)."""
    if output is sys.stdout or getattr(output, "name", None) == "<stdout>":
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
