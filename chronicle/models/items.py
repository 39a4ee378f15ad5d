"""The labelled sentences of training/events (format in training/README.md), read once for
every model trained on them, with a hash of what was read for the model's meta.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def read_items(folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every item of the folder's JSON Lines files, and their hash and counts by file."""
    items, digest, counts = [], hashlib.sha256(), {}
    for path in sorted(folder.glob("*.jsonl")):
        data = path.read_bytes()
        digest.update(data)
        lines = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
        counts[path.name] = len(lines)
        items += lines
    return items, {"sha256": digest.hexdigest(), "files": counts}
