"""The tabular view of a projection shared by the GEXF, GraphML and CSV writers.

:data:`NODE_COLUMNS` and :data:`EDGE_COLUMNS` name each attribute, its type
(GEXF type names: string, integer, double, liststring, anyURI) and how to read
it from a :class:`~.projection.Node` / :class:`~.projection.Edge`. The node
label and id, the edge source/target/weight/label and ``start`` are written
by each format in its own way. Colours and sizes for Gephi's viz are here too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from .projection import Edge, Node, Projection

KIND_COLORS = {  # colour-blind-safe-ish palette (Tableau 10)
    "person": (31, 119, 180), "body": (255, 127, 14), "policy": (44, 160, 44),
    "place": (140, 86, 75), "event": (148, 103, 189), "statement": (127, 127, 127),
    "pledge": (214, 39, 40),
}
RELATION_LABELS = {
    "holds_post_in": "giữ chức tại", "member_of": "thành viên của", "sub_organization_of": "trực thuộc",
    "said_about": "phát biểu về", "spoke_at": "phát biểu tại", "cites": "viện dẫn",
    "implements": "triển khai", "issued": "ban hành", "committed_to": "cam kết",
    "concerns_place": "liên quan địa bàn", "organized": "tổ chức", "held_in": "diễn ra tại",
    "said": "phát biểu", "mentions": "nhắc đến", "at_event": "tại sự kiện",
    "from_statement": "từ phát biểu",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    get: Callable[[Any, Projection], Any]


NODE_COLUMNS = (
    Column("kind", "string", lambda n, p: n.kind),
    Column("subkind", "string", lambda n, p: n.subkind),
    Column("alternate_names", "liststring", lambda n, p: n.alternate_names),
    Column("iri", "anyURI", lambda n, p: n.id),
    Column("statements", "integer", lambda n, p: n.statements),
    Column("pledges", "integer", lambda n, p: n.pledges),
    Column("degree", "integer", lambda n, p: n.degree),
    Column("documents", "integer", lambda n, p: len(n.docs)),
    Column("date", "string", lambda n, p: n.date),
)
EDGE_COLUMNS = (
    Column("relation", "string", lambda e, p: e.kind),
    Column("documents", "liststring", lambda e, p: sorted(p.doc_id(g) for g in e.docs)),
    Column("roles", "liststring", lambda e, p: sorted(e.roles or ())),
)


def node_values(node: Node, proj: Projection) -> list[tuple[Column, Any]]:
    return [(c, c.get(node, proj)) for c in NODE_COLUMNS]


def edge_values(edge: Edge, proj: Projection) -> list[tuple[Column, Any]]:
    return [(c, c.get(edge, proj)) for c in EDGE_COLUMNS]


def edge_label(edge: Edge) -> str:
    """What Gephi shows on the edge: the post held, else the relation in Vietnamese."""
    if edge.roles:
        return " / ".join(sorted(edge.roles))
    return RELATION_LABELS.get(edge.kind, edge.kind)


def node_size(node: Node) -> float:
    return round(8 + 4 * math.sqrt(node.degree), 2)


def color_hex(kind: str) -> str:
    return "#%02x%02x%02x" % KIND_COLORS.get(kind, (0, 0, 0))


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []
