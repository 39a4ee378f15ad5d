"""Full-text matching, the one query that differs between SQLite and PostgreSQL.

Both backends return the matched text with every hit wrapped in MARK_START/MARK_END (FTS5
`highlight()`, PostgreSQL `ts_headline(..., HighlightAll=true)`), so offsets and snippets
are computed once, in Python, the same way for both (see query.py).

Query syntax follows the backend: FTS5 (`"exact phrase"`, `OR`, `NOT`, `prefix*`) in
SQLite, web-search syntax (`"exact phrase"`, `or`, `-word`) in PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from chronicle.errors import QueryError
from chronicle.store import schema as s
from chronicle.store.database import is_damage, is_interrupt

MARK_START, MARK_END = "\x02", "\x03"
_PG_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # "document", "event" or "quote"
    ref: str  # the id of that document, event or quote
    doc: str
    base: int  # where the matched text starts in the document text
    marked: str  # the matched text with hits between MARK_START and MARK_END
    score: float  # higher is better, comparable within one kind only


@dataclass(frozen=True, slots=True)
class Filters:
    date_from: str | None = None  # first day, inclusive
    date_to: str | None = None  # last day, inclusive
    actor_ids: tuple[str, ...] | None = None
    event_type: str | None = None
    country: str | None = None  # of the event's place: ISO alpha-3 or name (events only)
    outlet: str | None = None  # the publisher of the document
    place: str | None = None  # the name of the event's place (events only)


@dataclass(frozen=True, slots=True)
class _Target:
    """One kind of searched text: its table, the column searched, and where that text
    starts in its document (None: it is the document)."""

    kind: str
    table: sa.Table
    column: sa.Column[Any]
    base: sa.Column[Any] | None

    @property
    def doc_id(self) -> sa.Column[Any]:
        return s.documents.c.id if self.kind == "document" else self.table.c.doc_id


_TARGETS = {
    "document": _Target("document", s.documents, s.documents.c.text, None),
    "event": _Target("event", s.events, s.events.c.sentence, s.events.c.start),
    "quote": _Target("quote", s.quotes, s.quotes.c.text, s.quotes.c.start),
}


_TOKEN = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
_BAREWORD = re.compile(r"[^\W]+\*?", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
MAX_TERMS = 64  # words and phrases in one search
MAX_PREFIXES = 8  # of which prefix words (word*): each reads a slice of the index


def fts5_query(query: str) -> str:
    """Words FTS5 would reject ("al-Assad", "U.S.") become phrases; operators stay.

    An unbalanced double quote is left alone so that FTS5 reports it.
    """
    if query.count('"') % 2:
        return query
    out = []
    for token in _TOKEN.findall(query):
        if token in _OPERATORS or token in "()" or token.startswith('"'):
            out.append(token)
        elif _BAREWORD.fullmatch(token):
            out.append(token)
        else:
            out.append('"' + token + '"')
    return " ".join(out)


def match(conn: Connection, kind: str, query: str, filters: Filters, limit: int) -> list[Match]:
    """The best `limit` hits of `query` in one kind of text, filters applied."""
    check_cost(query)
    target = _TARGETS[kind]
    where = _filters(kind, target.table, filters)
    if conn.dialect.name == "sqlite":
        rows = _sqlite(conn, target, where, query, limit)
    else:
        rows = _run(conn, _postgres(target, where, query, limit))
    return [Match(kind=kind, ref=r.id, doc=r.doc, base=int(r.base), marked=r.marked or "",
                  score=float(r.score)) for r in rows]


def count(conn: Connection, kind: str, query: str, filters: Filters) -> int:
    """How many texts of one kind `query` matches, filters applied (the total of a page)."""
    check_cost(query)
    target = _TARGETS[kind]
    table = target.table
    where = _filters(kind, table, filters)
    if conn.dialect.name == "sqlite":
        fts_name = table.name + "_fts"
        fts = sa.table(fts_name, sa.column("rowid"))
        fts_ref: ColumnElement[Any] = sa.literal_column(fts_name)
        select = sa.select(sa.func.count()).select_from(
            fts.join(table, table.c.seq == fts.c.rowid))
        where.append(fts_ref.op("MATCH")(fts5_query(query)))
    else:
        tsquery = sa.func.websearch_to_tsquery(sa.cast(sa.literal("english"), REGCONFIG),
                                               query)
        vector: ColumnElement[Any] = sa.literal_column(table.name + ".search_vector")
        select = sa.select(sa.func.count()).select_from(table)
        where.append(vector.op("@@")(tsquery))
    if kind != "document":
        select = select.join(s.documents, s.documents.c.id == table.c.doc_id)
    return int(_run(conn, select.where(*where))[0][0])


def matches(dialect: str, kind: str, query: str) -> ColumnElement[bool]:
    """A WHERE condition on the kind's table: its text matches `query` (no limit, no
    ranking), for counting matches by facet."""
    check_cost(query)
    table = _TARGETS[kind].table
    if dialect == "sqlite":
        fts_name = table.name + "_fts"
        fts = sa.table(fts_name, sa.column("rowid"))
        fts_ref: ColumnElement[Any] = sa.literal_column(fts_name)
        return table.c.seq.in_(sa.select(fts.c.rowid).where(
            fts_ref.op("MATCH")(fts5_query(query))))
    tsquery = sa.func.websearch_to_tsquery(sa.cast(sa.literal("english"), REGCONFIG), query)
    vector: ColumnElement[Any] = sa.literal_column(table.name + ".search_vector")
    return vector.op("@@")(tsquery)


def run_checked(conn: Connection, select: sa.Select) -> list[sa.Row]:
    """Rows of a select that uses `matches`: a query FTS5 rejects is a QueryError."""
    return _run(conn, select)


def check_cost(query: str) -> None:
    """Refuse searches whose cost has no bound: every word is a scan of its index entries,
    and a prefix (`a*`) reads every word it starts; hundreds of them took minutes."""
    terms = [t for t in _TOKEN.findall(query)
             if t not in "()" and t.upper() not in _OPERATORS and t.lower() != "or"]
    prefixes = sum(t.endswith("*") for t in terms)
    if len(terms) > MAX_TERMS:
        raise QueryError(f"bad search query: {len(terms)} words; at most {MAX_TERMS} "
                         "are searched at once")
    if prefixes > MAX_PREFIXES:
        raise QueryError(f"bad search query: {prefixes} prefix words (word*); at most "
                         f"{MAX_PREFIXES} are searched at once")


def base_or_zero(base: sa.Column | None) -> ColumnElement:
    return (base if base is not None else sa.literal(0)).label("base")


def _sqlite(conn: Connection, target: _Target, where: list[ColumnElement[Any]], query: str,
            limit: int) -> list[Any]:
    """Rank every match first, then mark up only the best `limit`: highlight() reads
    the whole text, and a common word matches thousands of them."""
    table = target.table
    fts_name = table.name + "_fts"
    fts = sa.table(fts_name, sa.column("rowid"))
    fts_ref: ColumnElement[Any] = sa.literal_column(fts_name)
    matched = fts_ref.op("MATCH")(fts5_query(query))
    score = (-sa.func.bm25(fts_ref)).label("score")
    ranked = (sa.select(table.c.seq, score)
              .select_from(fts.join(table, table.c.seq == fts.c.rowid)))
    if target.kind != "document":
        ranked = ranked.join(s.documents, s.documents.c.id == table.c.doc_id)
    best = _run(conn, ranked.where(matched, *where).order_by(sa.desc("score"), table.c.seq)
                .limit(limit))
    if not best:
        return []
    # `rowid + 0`: FTS5 would run the whole query again for each rowid of a plain IN.
    marked = sa.func.highlight(fts_ref, 0, MARK_START, MARK_END).label("marked")
    found = {r.seq: r for r in _run(conn, sa.select(
        table.c.seq, table.c.id, target.doc_id.label("doc"), base_or_zero(target.base),
        marked).select_from(fts.join(table, table.c.seq == fts.c.rowid))
        .where(matched, (fts.c.rowid + 0).in_([r.seq for r in best])))}
    return [_Hit(found[r.seq].id, found[r.seq].doc, found[r.seq].base, found[r.seq].marked,
                 r.score) for r in best if r.seq in found]


@dataclass(frozen=True, slots=True)
class _Hit:
    id: str
    doc: str
    base: int
    marked: str | None
    score: float


def _postgres(target: _Target, where: list[ColumnElement[Any]], query: str,
              limit: int) -> sa.Select[Any]:
    table = target.table
    tsquery = sa.func.websearch_to_tsquery(sa.cast(sa.literal("english"), REGCONFIG), query)
    vector: ColumnElement[Any] = sa.literal_column(table.name + ".search_vector")
    score = sa.func.ts_rank_cd(vector, tsquery)
    ranked = sa.select(table.c.seq, score.label("score")).where(vector.op("@@")(tsquery),
                                                                *where)
    if target.kind != "document":
        ranked = ranked.join(s.documents, s.documents.c.id == table.c.doc_id)
    best = ranked.order_by(sa.desc("score"), table.c.seq).limit(limit).subquery()
    headline = sa.func.ts_headline(sa.cast(sa.literal("english"), REGCONFIG), target.column,
                                   tsquery, _PG_HEADLINE)
    return (sa.select(table.c.id, target.doc_id.label("doc"), base_or_zero(target.base),
                      headline.label("marked"), best.c.score)
            .select_from(best.join(table, table.c.seq == best.c.seq))
            .order_by(best.c.score.desc(), table.c.seq))


def _filters(kind: str, table: sa.Table, f: Filters) -> list[ColumnElement]:
    dated = table.c.date_start if kind == "event" else s.documents.c.date_start
    where: list[ColumnElement] = []
    if f.date_from:
        where.append(dated >= f.date_from)
    if f.date_to:
        where.append(dated <= f.date_to)
    if kind == "event":
        if f.event_type:
            where.append(table.c.event_type == f.event_type)
        if f.actor_ids is not None:
            involved = (sa.select(s.event_actors.c.event_id)
                        .where(s.event_actors.c.actor_id.in_(f.actor_ids)))
            where.append(table.c.id.in_(involved))
        if f.place:
            where.append(table.c.location_name == f.place)
        if f.country:
            where.append(sa.or_(table.c.country_code == f.country.upper(),
                                sa.func.lower(table.c.country) == f.country.lower()))
    elif kind == "quote" and f.actor_ids is not None:
        where.append(table.c.speaker_id.in_(f.actor_ids))
    if f.outlet:
        where.append(s.documents.c.outlet == f.outlet)
    return where


def _run(conn: Connection, select: sa.Select) -> list[Any]:
    try:
        return list(conn.execute(select))
    except sa.exc.OperationalError as exc:  # FTS5 rejects the query syntax
        if is_interrupt(exc) or is_damage(exc) or conn.dialect.name != "sqlite":
            raise  # stopped by its time budget, a damaged page, a server: not the syntax
        reason = str(exc.orig).strip().splitlines()[0]
        raise QueryError(f"bad search query: {reason} (put words with punctuation in double "
                         'quotes, e.g. "U.S.")') from exc
