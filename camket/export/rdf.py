"""RDF dumps: N-Quads, TriG, Turtle and JSON-LD, streamed.

* N-Quads and TriG keep one named graph per document (the document's IRI);
* Turtle is the union of the selected graphs (duplicate triples merged);
* JSON-LD keeps the named graphs (``{"@id": doc, "@graph": [...]}``) under a
  readable ``@context`` (the camket prefixes, so keys read ``schema:name``,
  ``org:member``, ``ck:speaker``) and is written by hand, subject by subject.

Which graphs: :func:`camket.export.filters.selected_documents` (every graph
and the default graph when nothing is filtered). Quads are read one graph at
a time with SPARQL, so any store backend works and memory stays bounded by
the largest document.
"""
from __future__ import annotations

import json
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from camket.ontology import PREFIXES

from .filters import Filters, selected_documents
from .xmlout import ChunkWriter

RDF_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
               "turtle": ox.RdfFormat.TURTLE, "jsonld": None}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Q_GRAPH = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
Q_DEFAULT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
Q_UNION = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"


_ALL = object()


def write_rdf(store, fmt: str, out: BinaryIO, filters: Filters | None = None, graphs=_ALL) -> None:
    """Dump the store as ``fmt`` to ``out``: the graphs ``filters`` select, or
    the named graphs ``graphs`` (IRIs; None = everything) when given."""
    if fmt not in RDF_FORMATS:
        raise ValueError(f"RDF format must be one of {', '.join(RDF_FORMATS)}")
    if graphs is _ALL:
        graphs = selected_documents(store, filters or Filters())
    if fmt == "jsonld":
        write_jsonld(store, graphs, out)
    elif fmt == "turtle":
        ox.serialize(union_triples(store, graphs), out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    else:
        ox.serialize(quads(store, graphs), out, RDF_FORMATS[fmt], prefixes=PREFIXES)


def graph_names(store, graphs: list[str] | None) -> list[str]:
    return graphs if graphs is not None else list(store.documents())


def _solutions(store, query: str, bindings=None, union: bool = True) -> Iterator:
    if hasattr(store, "query"):
        kwargs = {} if union else {"union": False}
        yield from store.query(query, bindings, **kwargs)
    else:
        yield from store.select(query, bindings)


def _default_graph(store) -> Iterator[tuple]:
    try:
        for sol in _solutions(store, Q_DEFAULT, union=False):
            yield sol["s"], sol["p"], sol["o"]
    except TypeError:  # backend without a way to address the default graph alone
        return


def graph_triples(store, graph: str) -> Iterator[tuple]:
    for sol in _solutions(store, Q_GRAPH, {"g": ox.NamedNode(graph)}):
        yield sol["s"], sol["p"], sol["o"]


def quads(store, graphs: list[str] | None) -> Iterator[ox.Quad]:
    """Quads of the named graphs ``graphs`` (None: all graphs and the default graph)."""
    if graphs is None:
        for s, p, o in _default_graph(store):
            yield ox.Quad(s, p, o, ox.DefaultGraph())
    for g in graph_names(store, graphs):
        node = ox.NamedNode(g)
        for s, p, o in graph_triples(store, g):
            yield ox.Quad(s, p, o, node)


def union_triples(store, graphs: list[str] | None) -> Iterator[ox.Triple]:
    if graphs is None:
        for sol in _solutions(store, Q_UNION):
            yield ox.Triple(sol["s"], sol["p"], sol["o"])
        for s, p, o in _default_graph(store):
            yield ox.Triple(s, p, o)
        return
    seen: set[ox.Triple] = set()
    for g in graphs:  # a selection is small enough to de-duplicate in memory
        for s, p, o in graph_triples(store, g):
            triple = ox.Triple(s, p, o)
            if triple not in seen:
                seen.add(triple)
                yield triple


# ---------------------------------------------------------------- JSON-LD
def jsonld_context() -> dict:
    """The @context: camket's prefixes (``ck``, ``schema``, ``org``...)."""
    return dict(PREFIXES)


def compact(iri: str) -> str:
    """``https://schema.org/name`` -> ``schema:name`` (longest matching namespace)."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            local = iri[len(ns):]
            if local and not local.startswith("//"):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def _term(term) -> object:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    return {"@id": compact(term.value)}


def node_objects(triples: Iterable[tuple]) -> Iterator[dict]:
    """Triples sorted by subject -> one JSON-LD node object per subject."""
    current, obj = None, None
    for s, p, o in triples:
        if s != current:
            if obj is not None:
                yield obj
            current = s
            obj = {"@id": _term(s)["@id"]}
        if p.value == RDF_TYPE and isinstance(o, ox.NamedNode):
            obj.setdefault("@type", []).append(compact(o.value))
        else:
            obj.setdefault(compact(p.value), []).append(_term(o))
    if obj is not None:
        yield obj


def write_jsonld(store, graphs: list[str] | None, out: BinaryIO) -> None:
    w = ChunkWriter(out)
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    w.write('{\n  "@context": ' + dump(jsonld_context()) + ',\n  "@graph": [')
    first = True
    if graphs is None:
        for obj in node_objects(_default_graph(store)):
            w.write(("\n    " if first else ",\n    ") + dump(obj))
            first = False
    for g in graph_names(store, graphs):
        w.write(("\n    " if first else ",\n    ") + '{"@id": ' + dump(compact(g)) + ', "@graph": [')
        first = False
        inner = True
        for obj in node_objects(graph_triples(store, g)):
            w.write(("\n      " if inner else ",\n      ") + dump(obj))
            inner = False
        w.write("\n    ]}")
    w.write("\n  ]\n}\n")
    w.flush()
