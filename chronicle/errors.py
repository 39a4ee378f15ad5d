"""One exception root, so callers catch Chronicle's failures and nothing else.

    ChronicleError
     ├── InputError      a file or record that cannot be read (the batch goes on)
     │    └── DocumentError   a document whose analysis failed (that document only)
     ├── ConfigError     a bad flag, setting or environment value
     ├── ModelError      the spaCy pipeline cannot be loaded
     ├── StoreError      the database cannot be opened, migrated, read or written
     │    └── StoreBusy  it cannot answer now: connections all taken, a query over
     │                   its time budget or cancelled (a server answers 503)
     └── QueryError      a search or filter the store cannot run (e.g. bad FTS syntax)

Messages are one line and say what to do next. Third-party errors are translated where
they occur (readers, store backends); the CLI prints `chronicle: <message>` and exits 1.
A DocumentError is the one exception to "translate at the boundary": it wraps whatever the
analysis of one document raised (a bug, a runaway), with the stage and the traceback, so
that one document costs only itself and the report can still name what went wrong.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """Base of every error Chronicle raises on purpose."""


class InputError(ChronicleError):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class DocumentError(InputError):
    """One document could not be analysed or stored; the run goes on without it.

    `where` is the file and line (or the source) it came from, `doc` its id, `stage` the
    step that failed (read, clean, nlp, actors, dates, quotes, events, resolve, store), `error`
    the exception as "Type: message" and `trace` its traceback text (for a log file). It
    pickles as plain fields, so failures cross from Dask workers to the client intact.
    """

    def __init__(self, where: str, doc: str | None, stage: str, error: str,
                 trace: str = ""):
        named = f"{where} (document {doc})" if doc and doc != where else where
        reason = f"{stage} failed: {error}"
        ChronicleError.__init__(self, f"{named}: {reason}")
        self.source = where
        self.reason = reason
        self.where = where
        self.doc = doc
        self.stage = stage
        self.error = error
        self.trace = trace

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str | None, str, str, str]]:
        return (DocumentError, (self.where, self.doc, self.stage, self.error, self.trace))


class ConfigError(ChronicleError):
    pass


class ModelError(ChronicleError):
    pass


class StoreError(ChronicleError):
    pass


class StoreBusy(StoreError):
    """Asking again later (or asking less) may work; nothing is wrong with the store."""


class QueryError(ChronicleError):
    pass
