"""Actor network export (GraphML, GEXF) through networkx.

Nodes are actors (`name`, `kind`, `country`, `sector`); an edge runs from a source actor to
a target actor for each event type and date, with `weight` (how many events), `event_type`,
`events` (their ids, ";"-joined) and `start`/`end` (the first and last day the date stands
for; none when undated). The dates put the GEXF in dynamic mode, so Gephi's timeline can
replay the network. No self-loops (an actor acting on itself is no link), and actors
without an edge appear only when asked (`isolated`). Negated and hypothetical statements
are never edges. Both files read back with networkx.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, TextIO

import networkx as nx
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.export import ExportOptions
from chronicle.query.filter import EventFilter
from chronicle.query.listing import conditions
from chronicle.store import schema as s
from chronicle.store.reader import chunks


def actor_graph(conn: Connection, where: EventFilter | None = None, *,
                isolated: bool = False) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="chronicle actors")
    src, tgt, ev = s.event_actors.alias("src"), s.event_actors.alias("tgt"), s.events
    links = (sa.select(src.c.actor_id.label("source"), tgt.c.actor_id.label("target"),
                       ev.c.event_type, ev.c.date_start, ev.c.date_end, ev.c.id)
             .join(tgt, sa.and_(tgt.c.event_id == src.c.event_id, tgt.c.role == "target"))
             .join(ev, ev.c.id == src.c.event_id)
             .where(src.c.role == "source", src.c.actor_id != tgt.c.actor_id,
                    *conditions(conn, replace(where or EventFilter(), flagged=False)))
             .order_by(ev.c.date_start, ev.c.seq))
    edges: dict[tuple[str, str, str, Any, Any], list[str]] = defaultdict(list)
    for row in conn.execute(links):
        edges[(row.source, row.target, row.event_type, row.date_start, row.date_end)].append(
            row.id)
    actors = s.actors
    query = sa.select(actors.c.id, actors.c.name, actors.c.kind, actors.c.country,
                      actors.c.sector).order_by(actors.c.id)
    wanted = sorted({a for key in edges for a in key[:2]})
    rows = (conn.execute(query) if isolated else
            (r for part in chunks(wanted) for r in conn.execute(
                query.where(actors.c.id.in_(part)))))
    for actor in rows:
        graph.add_node(actor.id, name=actor.name, kind=actor.kind, label=actor.name,
                       country=actor.country or "", sector=actor.sector or "")
    for (source, target, kind, first, last), ids in edges.items():
        dates = {"start": first, "end": last} if first else {}
        graph.add_edge(source, target, key=f"{kind}/{first or 'undated'}", event_type=kind,
                       weight=len(ids), events=";".join(ids), **dates)
    return graph


def _count(graph: nx.MultiDiGraph) -> int:
    return graph.number_of_nodes() + graph.number_of_edges()


def write_graphml(conn: Connection, out: TextIO, options: ExportOptions) -> int:
    graph = actor_graph(conn, options.where, isolated=options.isolated)
    for line in nx.generate_graphml(graph):
        out.write(line + "\n")
    return _count(graph)


def write_gexf(conn: Connection, out: TextIO, options: ExportOptions) -> int:
    graph = actor_graph(conn, options.where, isolated=options.isolated)
    for line in nx.generate_gexf(graph):
        out.write(line + "\n")
    return _count(graph)
