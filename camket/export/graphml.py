"""A streaming GraphML writer for the actor network (networkx, igraph,
Cytoscape, yEd read it).

Same nodes, edges and attributes as the GEXF export (see
:mod:`camket.export.table`), plus ``label``, ``start`` and a hex ``color``
on nodes and ``label``, ``weight``, ``start`` on edges. GraphML has no list
type: lists are written as one string joined by `` | ``.
"""
from __future__ import annotations

from typing import BinaryIO

from .projection import Projection
from .table import EDGE_COLUMNS, NODE_COLUMNS, color_hex, edge_label, edge_values, is_empty, node_values
from .xmlout import ChunkWriter, attr, text

GRAPHML_TYPES = {"string": "string", "anyURI": "string", "liststring": "string",
                 "integer": "int", "double": "double"}
LIST_SEPARATOR = " | "
NODE_EXTRA = (("label", "string"), ("start", "string"), ("color", "string"))
EDGE_EXTRA = (("label", "string"), ("weight", "double"), ("start", "string"))


def write_graphml(proj: Projection, out: BinaryIO) -> None:
    """Write ``proj`` as GraphML to the binary stream ``out``."""
    w = ChunkWriter(out)
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
            ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    _keys(w, "node", NODE_EXTRA + tuple((c.name, c.type) for c in NODE_COLUMNS))
    _keys(w, "edge", EDGE_EXTRA + tuple((c.name, c.type) for c in EDGE_COLUMNS))
    w.write('  <graph id="camket" edgedefault="directed">\n')
    for node in proj.sorted_nodes():
        extra = [("label", node.label), ("start", node.start), ("color", color_hex(node.kind))]
        _element(w, f'<node id="{attr(node.id)}">', "node", extra, node_values(node, proj), "</node>")
    for i, edge in enumerate(proj.sorted_edges()):
        extra = [("label", edge_label(edge)), ("weight", float(edge.weight)), ("start", edge.start)]
        _element(w, f'<edge id="e{i}" source="{attr(edge.source)}" target="{attr(edge.target)}">',
                 "edge", extra, edge_values(edge, proj), "</edge>")
    w.write('  </graph>\n</graphml>\n')
    w.flush()


def _keys(w: ChunkWriter, cls: str, columns) -> None:
    for name, type_ in columns:
        w.write(f'  <key id="{cls[0]}_{name}" for="{cls}" attr.name="{name}"'
                f' attr.type="{GRAPHML_TYPES.get(type_, type_)}"/>\n')


def _element(w: ChunkWriter, open_tag: str, cls: str, extra, values, close_tag: str) -> None:
    w.write(f'    {open_tag}\n')
    pairs = list(extra) + [(col.name, value) for col, value in values]
    for name, value in pairs:
        if is_empty(value):
            continue
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(value)
        w.write(f'      <data key="{cls[0]}_{name}">{text(value)}</data>\n')
    w.write(f'    {close_tag}\n')
