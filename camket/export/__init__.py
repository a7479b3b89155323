"""Exports: the actor network for Gephi and network tools, and RDF dumps.

Public API::

    from camket.export import export, Filters, FORMATS, build_projection
    with open("camket.gexf", "wb") as fh:
        export(store, "gexf", fh, Filters(kinds=frozenset({"person", "body"}), since="2020"))
    proj = build_projection(store, Filters(ego="person/tran-van-a", depth=2))
    proj.nodes, proj.edges                  # Node / Edge objects (see projection)
    write = prepare(store, "trig", Filters(since="2021"))   # query now...
    write(stream)                                           # ...stream later

Formats (:data:`FORMATS`): ``gexf`` (1.3, or 1.2 with ``gexf_version="1.2"``),
``graphml``, ``csv`` (zip of Gephi's nodes.csv + edges.csv; or one table),
``nquads``, ``trig`` (per-document named graphs kept), ``turtle``, ``jsonld``.
Every writer streams to a binary file object.

Modules: :mod:`.projection` (store -> typed weighted graph, with
:mod:`.model`, :mod:`.sparql`, :mod:`.dates`; :mod:`.parallel` reads a large
store's query results in two processes), :mod:`.filters`
(shared filters), :mod:`.table` (attribute columns, colours), :mod:`.gexf`,
:mod:`.graphml`, :mod:`.csv`, :mod:`.rdf` (writers), :mod:`.formats`
(registry and :func:`export`), :mod:`.cli` (``camket export``).
The HTTP route lives in ``camket.api.export_routes``.
"""
from .filters import Filters
from .formats import FORMATS, Format, export, filename, get_format, media_type, prepare
from .projection import EDGE_KINDS, NODE_KINDS, Edge, Node, Projection
from .projection import build as build_projection

__all__ = ["export", "prepare", "filename", "media_type", "Filters", "FORMATS", "Format", "get_format", "build_projection",
           "Projection", "Node", "Edge", "NODE_KINDS", "EDGE_KINDS"]
