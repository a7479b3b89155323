"""A streaming GEXF 1.3 (or 1.2) writer for the actor network.

Written by hand, element by element, to a binary stream: nothing is built
in memory beyond the projection itself (networkx's writer builds the whole
tree, and its 1.3 output has a wrong xsi namespace and no edge ``kind``).

What Gephi gets:

* nodes with ``label`` (the Vietnamese name), typed attributes (kind,
  subkind, alternate_names, iri, statements, pledges, degree, documents,
  date), ``viz:color`` by kind, ``viz:size`` by degree and ``start`` (the
  first date the node is attested) so the timeline can play the graph;
* directed edges with ``kind`` (1.3 only), ``label``, ``weight`` (number of
  supporting facts), ``start`` and attributes relation, documents, roles.
  No attribute is called ``type`` (readers take it for the edge direction).

GEXF 1.2 (``version="1.2"``) has no edge ``kind``: the relation is still in
the ``relation`` attribute, but Gephi may merge parallel edges of different
relations between the same two nodes. Prefer 1.3 unless a reader needs 1.2.
"""
from __future__ import annotations

import json
from datetime import date
from typing import BinaryIO

from camket import __version__

from .projection import Projection
from .table import (EDGE_COLUMNS, KIND_COLORS, NODE_COLUMNS, edge_label, edge_values, is_empty,
                    node_size, node_values)
from .xmlout import ChunkWriter, attr, text

VERSIONS = {
    "1.3": ("http://gexf.net/1.3", "http://gexf.net/1.3/viz",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
    "1.2": ("http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz",
            "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"),
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NUMERIC = ("integer", "long", "double", "float")


def write_gexf(proj: Projection, out: BinaryIO, version: str = "1.3",
               description: str = "camket actor network") -> None:
    """Write ``proj`` as GEXF ``version`` ("1.3" or "1.2") to the binary stream ``out``."""
    if version not in VERSIONS:
        raise ValueError(f"GEXF version must be one of {', '.join(VERSIONS)}")
    w = ChunkWriter(out)
    _header(w, proj, version, description)
    w.write('    <nodes>\n')
    for node in proj.sorted_nodes():
        _node(w, node, proj)
    w.write('    </nodes>\n    <edges>\n')
    for i, edge in enumerate(proj.sorted_edges()):
        _edge(w, i, edge, proj, version)
    w.write('    </edges>\n  </graph>\n</gexf>\n')
    w.flush()


def _header(w: ChunkWriter, proj: Projection, version: str, description: str) -> None:
    ns, viz, schema = VERSIONS[version]
    dynamic = any(n.start for n in proj.nodes.values())
    time = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    if dynamic and version == "1.3":
        time += ' timerepresentation="interval"'
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<gexf xmlns="{ns}" xmlns:viz="{viz}" xmlns:xsi="{XSI}" xsi:schemaLocation="{schema}"'
            f' version="{version}">\n'
            f'  <meta lastmodifieddate="{date.today().isoformat()}">\n'
            f'    <creator>camket {attr(__version__)}</creator>\n'
            f'    <description>{text(description)}</description>\n  </meta>\n'
            f'  <graph defaultedgetype="directed"{time}>\n')
    for cls, columns in (("node", NODE_COLUMNS), ("edge", EDGE_COLUMNS)):
        w.write(f'    <attributes class="{cls}" mode="static">\n')
        for col in columns:
            w.write(f'      <attribute id="{col.name}" title="{col.name}" type="{col.type}"/>\n')
        w.write('    </attributes>\n')


def _attvalues(values) -> str:
    parts = ['        <attvalues>\n']
    for col, value in values:
        if not is_empty(value):
            text_ = str(value) if col.type in NUMERIC else attr(format_value(col.type, value))
            parts.append(f'          <attvalue for="{col.name}" value="{text_}"/>\n')
    parts.append('        </attvalues>\n')
    return "".join(parts)


def format_value(type_: str, value) -> str:
    """A value as GEXF writes it; lists as ``["a", "b"]`` (Gephi's and graphology's list syntax)."""
    if type_.startswith("list"):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def _node(w: ChunkWriter, node, proj: Projection) -> None:
    start = f' start="{node.start}"' if node.start else ""
    r, g, b = KIND_COLORS.get(node.kind, (0, 0, 0))
    w.write(f'      <node id="{attr(node.id)}" label="{attr(node.label)}"{start}>\n'
            + _attvalues(node_values(node, proj))
            + f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
            f'        <viz:size value="{node_size(node)}"/>\n      </node>\n')


def _edge(w: ChunkWriter, i: int, edge, proj: Projection, version: str) -> None:
    kind = f' kind="{edge.kind}"' if version == "1.3" else ""
    start = f' start="{edge.start}"' if edge.start else ""
    w.write(f'      <edge id="e{i}" source="{attr(edge.source)}" target="{attr(edge.target)}"{kind}'
            f' label="{attr(edge_label(edge))}" weight="{edge.weight}"{start}>\n'
            + _attvalues(edge_values(edge, proj)) + '      </edge>\n')
