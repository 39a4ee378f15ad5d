"""One exception root, so callers catch Chronicle's failures and nothing else.

    ChronicleError
     ├── InputError      a file or record that cannot be read (the batch goes on)
     ├── ConfigError     a bad flag, setting or environment value
     ├── ModelError      the spaCy pipeline cannot be loaded
     ├── StoreError      the database cannot be opened, migrated, read or written
     │    └── StoreBusy  it cannot answer now: connections all taken, a query over
     │                   its time budget or cancelled (a server answers 503)
     └── QueryError      a search or filter the store cannot run (e.g. bad FTS syntax)

Messages are one line and say what to do next. Third-party errors are translated where
they occur (readers, store backends); the CLI prints `chronicle: <message>` and exits 1.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """Base of every error Chronicle raises on purpose."""


class InputError(ChronicleError):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


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
