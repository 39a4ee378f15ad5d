"""Chronicle: actors, events, quotes and dates from news and archives, with provenance."""

from chronicle import extract
from chronicle.api import Store, open
from chronicle.errors import (
    ChronicleError,
    ConfigError,
    InputError,
    ModelError,
    QueryError,
    StoreError,
)
from chronicle.pipeline import Settings, documents
from chronicle.records import (
    Actor,
    Document,
    Entity,
    Event,
    Location,
    Quote,
    Role,
    Span,
    Timex,
)

__all__ = [
    "Actor",
    "ChronicleError",
    "ConfigError",
    "Document",
    "Entity",
    "Event",
    "InputError",
    "Location",
    "ModelError",
    "QueryError",
    "Quote",
    "Role",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "Timex",
    "documents",
    "extract",
    "open",
]
