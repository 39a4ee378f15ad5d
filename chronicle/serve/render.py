"""Templates and the helpers they use: URLs, anchors, JSON for scripts, PLOVER colours.

Every value reaches HTML through Jinja2 autoescaping or `markupsafe.escape`; the only
Markup built in Python is built from escaped pieces (see highlight.py). JSON that pages hand
to their scripts goes into `<script type="application/json">` with `<`, `>`, `&` and the
line separators escaped, so a name such as `</script><script>` stays a string.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup, escape

from chronicle.records import PLOVER_TYPES
from chronicle.serve.ids import encode as encode_id

TEMPLATES = Path(__file__).parent / "templates"
# PLOVER's own split: cooperation first, then the one neutral type, then conflict.
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICTUAL = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
               "ASSAULT"}
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_NOT_ANCHOR = re.compile(r"[^\w-]")
# One colour per PLOVER type (charts, map, legends): greens and blues for cooperation,
# ochre for the neutral REQUEST, oranges, reds and purples for conflict.
TYPE_COLOURS = {
    "AGREE": "#0b6e4f", "CONSULT": "#1f5fae", "SUPPORT": "#2a9d8f", "CONCEDE": "#57a773",
    "COOPERATE": "#3a7ca5", "AID": "#4c956c", "RETREAT": "#81b29a", "REQUEST": "#b08900",
    "ACCUSE": "#e07a1f", "REJECT": "#c8553d", "THREATEN": "#d62828", "PROTEST": "#f28482",
    "SANCTION": "#9c4f96", "MOBILIZE": "#8d5524", "COERCE": "#a4161a", "ASSAULT": "#6a040f"}


def safe_json(value: Any) -> str:
    """JSON that cannot close the script element it sits in. (str.replace, not
    str.translate: a timeline's two megabytes escape in 6 ms instead of 80.)"""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES:
        text = text.replace(char, escaped)
    return text


def json_script(value: Any, element_id: str) -> Markup:
    return Markup('<script type="application/json" id="{}">{}</script>').format(
        element_id, Markup(safe_json(value)))


def doc_url(doc_id: str) -> str:
    """Document ids are as ingested (paths with `/`, `#`, `..` included): see ids.py."""
    return "/documents/" + encode_id(doc_id)


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def with_query(path: str, **params: Any) -> str:
    kept = {k.rstrip("_"): v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def filter_url(path: str, filters: dict[str, Any], **changes: Any) -> str:
    """`path` with the current filters and some changed (None or "" removes one); the page
    number is dropped, since a new filter starts a new list."""
    params = {k: v for k, v in filters.items() if v not in (None, "") and k != "page"}
    for key, value in changes.items():
        name = key.rstrip("_")
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = value
    return path + ("?" + urlencode(params) if params else "")


def monthly(counts: list[list[Any]]) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """[day, type, n] rows summed by month: the table beside the counts chart."""
    months: dict[str, dict[str, int]] = {}
    for day, kind, n in counts:
        by_type = months.setdefault(str(day)[:7], {})
        by_type[kind] = by_type.get(kind, 0) + int(n)
    return [(month, sum(t.values()), sorted(t.items(), key=lambda kv: (-kv[1], kv[0])))
            for month, t in sorted(months.items())]


def anchor(kind: str, record_id: str, doc_id: str) -> str:
    """A stable element id for a record on its document page ("ev-e3", "q-q1")."""
    local = record_id
    for sep in ("#", ":"):
        if record_id.startswith(doc_id + sep):
            local = record_id[len(doc_id) + 1:]
            break
    return f"{kind}-{_NOT_ANCHOR.sub('_', local)}"


def tone(event_type: str) -> str:
    if event_type in COOPERATIVE:
        return "coop"
    if event_type in CONFLICTUAL:
        return "conflict"
    return "neutral"


def safe_href(url: str | None) -> str | None:
    """Only web links become links: a stored `javascript:` URL stays text."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return url
    return None


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def role_text(role: Any) -> str:
    parts = [role.title]
    if role.of:
        parts.append(f"of {role.of}")
    if role.start or role.end:
        span = role.start if role.start == role.end else f"{role.start or '?'} – {role.end or '?'}"
        parts.append(f"({span})")
    return " ".join(parts)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             auto_reload=False,  # no stat() of every template per page
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(doc_url=doc_url, actor_url=actor_url, with_query=with_query,
                       filter_url=filter_url, COLOURS=TYPE_COLOURS, monthly=monthly,
                       safe_json=safe_json,
                       anchor=anchor, tone=tone, safe_href=safe_href, plural=plural,
                       role_text=role_text, json_script=json_script,
                       PLOVER_TYPES=PLOVER_TYPES, zip=zip)
    env.filters["e"] = escape
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
