"""What several commands share: exit statuses and the failure report with its option."""

from __future__ import annotations

from collections.abc import Callable

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
