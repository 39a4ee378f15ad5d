"""Actor network export (GraphML, GEXF) through networkx.

Nodes are actors (`name`, `kind`); there is one edge per source -> target -> event type,
keyed by the type, with `weight` = how many events. Negated and hypothetical statements
are left out. Both files read back with networkx.read_graphml / read_gexf.
"""

from __future__ import annotations

from typing import TextIO

import networkx as nx
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronicle.store import schema as s


def actor_graph(conn: Connection) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="chronicle actors")
    for row in conn.execute(sa.select(s.actors.c.id, s.actors.c.name, s.actors.c.kind)
                            .order_by(s.actors.c.id)):
        graph.add_node(row.id, name=row.name, kind=row.kind, label=row.name)
    src, tgt, ev = s.event_actors.alias("src"), s.event_actors.alias("tgt"), s.events
    weight = sa.func.count(sa.distinct(ev.c.id))
    edges = (sa.select(src.c.actor_id.label("source"), tgt.c.actor_id.label("target"),
                       ev.c.event_type, weight.label("weight"))
             .join(tgt, sa.and_(tgt.c.event_id == src.c.event_id, tgt.c.role == "target"))
             .join(ev, ev.c.id == src.c.event_id)
             .where(src.c.role == "source", ev.c.negated.is_(False),
                    ev.c.hypothetical.is_(False))
             .group_by(src.c.actor_id, tgt.c.actor_id, ev.c.event_type)
             .order_by(src.c.actor_id, tgt.c.actor_id, ev.c.event_type))
    for row in conn.execute(edges):
        graph.add_edge(row.source, row.target, key=row.event_type,
                       event_type=row.event_type, weight=int(row.weight))
    return graph


def write_graphml(conn: Connection, out: TextIO) -> int:
    graph = actor_graph(conn)
    for line in nx.generate_graphml(graph):
        out.write(line + "\n")
    return graph.number_of_nodes() + graph.number_of_edges()


def write_gexf(conn: Connection, out: TextIO) -> int:
    graph = actor_graph(conn)
    for line in nx.generate_gexf(graph):
        out.write(line + "\n")
    return graph.number_of_nodes() + graph.number_of_edges()
