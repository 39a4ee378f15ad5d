"""Chronicle: actors, events, quotes and dates from news and archives, with provenance."""

from chronicle.api import Store, extract, open
from chronicle.errors import (
    ChronicleError,
    ConfigError,
    DocumentError,
    InputError,
    ModelError,
    QueryError,
    StoreError,
)
from chronicle.pipeline import documents
from chronicle.records import (
    Actor,
    Document,
    Entity,
    Event,
    Incident,
    Location,
    Quote,
    Role,
    Span,
    Timex,
)
from chronicle.settings import Settings

__all__ = [
    "Actor",
    "ChronicleError",
    "ConfigError",
    "Document",
    "DocumentError",
    "Entity",
    "Event",
    "Incident",
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
