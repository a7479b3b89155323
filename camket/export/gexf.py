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
    node = _node_writer(proj)
    for _, batch in _batches(proj.sorted_nodes()):
        w.write("".join([node(n, ids) for n in batch]))
    w.write('    </nodes>\n    <edges>\n')
    edge = _edge_writer(proj, ids, version == "1.3")
    for first, batch in _batches(proj.sorted_edges()):
        w.write("".join([edge(i, e) for i, e in enumerate(batch, first)]))
    w.write('    </edges>\n  </graph>\n</gexf>\n')
    w.flush()


BATCH = 32  # elements formatted and joined per write (chunks stay ~64 KB)


def _batches(items: list) -> list[tuple[int, list]]:
    """(index of the first, slice) of ``BATCH`` items at a time."""
    return [(i, items[i:i + BATCH]) for i in range(0, len(items), BATCH)]


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
            listed = _list_formatter()
            return lambda x: f'{prefix}{listed(v)}"/>\n' if (v := get(x, proj)) else ""
        return lambda x: "" if is_empty(v := get(x, proj)) else f'{prefix}{attr(str(v))}"/>\n'
    return [one(col) for col in columns]


def _list_formatter():
    """``items`` -> ``attr(format_value("liststring", items))``, each item escaped once per export
    (items repeat: document ids, roles, spellings). Escaping is character by character, so the
    pieces of the JSON list can be escaped apart."""
    pieces: dict = {}

    def listed(items) -> str:
        out = []
        for item in items:
            piece = pieces.get(item)
            if piece is None:
                piece = pieces[item] = attr(_LIST_JSON(item))
            out.append(piece)
        return "[" + ", ".join(out) + "]"
    return listed


def _node_writer(proj: Projection):
    """``node(n, ids)`` -> the node's element; records its escaped id in ``ids``."""
    atts = _compiled(NODE_COLUMNS, proj)
    colors = {kind: '        </attvalues>\n        <viz:color r="%d" g="%d" b="%d"/>\n' % rgb
              for kind, rgb in KIND_COLORS.items()}
    no_color = '        </attvalues>\n        <viz:color r="0" g="0" b="0"/>\n'

    def node(n, ids: dict[str, str]) -> str:
        node_id = ids[n.id] = attr(n.id)
        start = f' start="{n.start}"' if n.start else ""
        return (f'      <node id="{node_id}" label="{attr(n.label)}"{start}>\n        <attvalues>\n'
                + "".join([f(n) for f in atts]) + colors.get(n.kind, no_color)
                + f'        <viz:size value="{node_size(n)}"/>\n      </node>\n')
    return node


def _edge_writer(proj: Projection, ids: dict[str, str], kind: bool):
    """``edge(i, e)`` -> the ``i``-th edge's element."""
    atts = _compiled(EDGE_COLUMNS, proj)
    labels: dict[tuple, str] = {}  # (kind, roles) -> escaped label

    def edge(i: int, e) -> str:
        kind_ = f' kind="{e.kind}"' if kind else ""
        start = f' start="{e.start}"' if e.start else ""
        source = ids.get(e.source) or attr(e.source)
        target = ids.get(e.target) or attr(e.target)
        key = (e.kind, frozenset(e.roles)) if e.roles else e.kind
        label = labels.get(key)
        if label is None:
            label = labels[key] = attr(edge_label(e))
        return (f'      <edge id="e{i}" source="{source}" target="{target}"{kind_}'
                f' label="{label}" weight="{e.weight}"{start}>\n        <attvalues>\n'
                + "".join([f(e) for f in atts]) + '        </attvalues>\n      </edge>\n')
    return edge
