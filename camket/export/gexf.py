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
from .table import EDGE_COLUMNS, KIND_COLORS, NODE_COLUMNS, edge_label, is_empty, node_size
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
    ids: dict[str, str] = {}  # node IRI -> escaped, once (edges repeat them)
    w.write('    <nodes>\n')
    node_atts = _compiled(NODE_COLUMNS, proj)
    for node in proj.sorted_nodes():
        ids[node.id] = attr(node.id)
        _node(w, node, ids[node.id], node_atts)
    w.write('    </nodes>\n    <edges>\n')
    edge_atts = _compiled(EDGE_COLUMNS, proj)
    kind = version == "1.3"
    for i, edge in enumerate(proj.sorted_edges()):
        _edge(w, i, edge, ids, edge_atts, kind)
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


_LIST_JSON = json.JSONEncoder(ensure_ascii=False).encode


def format_value(type_: str, value) -> str:
    """A value as GEXF writes it; lists as ``["a", "b"]`` (Gephi's and graphology's list syntax)."""
    if type_.startswith("list"):
        return _LIST_JSON(list(value))
    return str(value)


def _compiled(columns, proj: Projection):
    """For each column, a function of a node/edge giving its ``<attvalue>`` line, or "" when empty."""
    def one(col):
        prefix, get = f'          <attvalue for="{col.name}" value="', col.get
        if col.type in NUMERIC:
            return lambda x: "" if (v := get(x, proj)) is None else f'{prefix}{v}"/>\n'
        if col.type.startswith("list"):
            return lambda x: f'{prefix}{attr(_LIST_JSON(v))}"/>\n' if (v := list(get(x, proj))) else ""
        return lambda x: "" if is_empty(v := get(x, proj)) else f'{prefix}{attr(str(v))}"/>\n'
    return [one(col) for col in columns]


def _node(w: ChunkWriter, node, node_id: str, atts) -> None:
    start = f' start="{node.start}"' if node.start else ""
    r, g, b = KIND_COLORS.get(node.kind, (0, 0, 0))
    w.write(f'      <node id="{node_id}" label="{attr(node.label)}"{start}>\n        <attvalues>\n'
            + "".join([f(node) for f in atts])
            + '        </attvalues>\n'
            f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
            f'        <viz:size value="{node_size(node)}"/>\n      </node>\n')


def _edge(w: ChunkWriter, i: int, edge, ids: dict[str, str], atts, kind: bool) -> None:
    kind_ = f' kind="{edge.kind}"' if kind else ""
    start = f' start="{edge.start}"' if edge.start else ""
    source = ids.get(edge.source) or attr(edge.source)
    target = ids.get(edge.target) or attr(edge.target)
    w.write(f'      <edge id="e{i}" source="{source}" target="{target}"{kind_}'
            f' label="{attr(edge_label(edge))}" weight="{edge.weight}"{start}>\n        <attvalues>\n'
            + "".join([f(edge) for f in atts]) + '        </attvalues>\n      </edge>\n')
