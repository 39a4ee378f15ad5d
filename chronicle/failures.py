"""Telling the user what failed: one line each, tracebacks in a log file, counts.

The command line and the Python API pass a `FailureReport` as the `on_error` of a run.
Each bad input or failed document becomes one line (`chronicle: skipped <record>: <why>`),
naming the file and line or the document id; a failed document's line also names the stage
and the exception, and says where its traceback went: the full traceback is appended to
`Settings.errors_log` (chronicle-errors.log in the working folder by default), which is
created only when there is something to put in it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

from chronicle.errors import DocumentError, InputError


class FailureReport:
    """Counts and reports what a run could not read (`inputs`) or analyse (`documents`)."""

    def __init__(self, errors_log: str | os.PathLike[str] | None,
                 echo: Callable[[str], None]):
        self.errors_log = os.fspath(errors_log) if errors_log else None
        self.echo = echo
        self.inputs = 0  # bad files and records: nothing could be read from them
        self.documents = 0  # documents read whose analysis or storing failed
        self._log_problem: str | None = None

    @property
    def count(self) -> int:
        return self.inputs + self.documents

    def __call__(self, error: InputError) -> None:
        line = f"chronicle: skipped {error}"
        if isinstance(error, DocumentError):
            self.documents += 1
            if error.trace:
                line += f" ({self._logged(error)})"
        else:
            self.inputs += 1
        self.echo(line)

    def _logged(self, error: DocumentError) -> str:
        """Append the traceback to the log; says where it went (or why it did not)."""
        if not self.errors_log:
            return "no traceback log"
        if self._log_problem is None:
            try:
                with open(self.errors_log, "a", encoding="utf-8") as log:
                    stamp = datetime.now(UTC).isoformat(timespec="seconds")
                    log.write(f"--- {stamp} {error.where} document {error.doc!s} "
                              f"stage {error.stage}\n{error.trace.rstrip()}\n\n")
            except OSError as exc:
                self._log_problem = exc.strerror or type(exc).__name__
        if self._log_problem is not None:
            return f"traceback not written to {self.errors_log}: {self._log_problem}"
        return f"traceback in {self.errors_log}"

    def summary(self, analysed: int) -> str:
        """The closing line of a run that had failures."""
        parts = [f"{analysed} documents analysed"]
        if self.documents:
            parts.append(f"{self.documents} failed")
        if self.inputs:
            parts.append(f"{self.inputs} inputs could not be read")
        return "chronicle: finished with failures: " + ", ".join(parts)
