"""Whole-store validation (``camket validate``): the shapes over every document graph.

Each named graph is validated on its own (the shapes are local to a
document's graph, as at ingest), so memory stays bounded by the largest
document; a violation names the document it was found in.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from camket.shapes import Violation, validate


def document_graph_from_store(store, graph_iri: str) -> Graph:
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                          {"g": ox.NamedNode(graph_iri)}, union=False)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def validate_store(store) -> tuple[list[str], int]:
    """Lines describing every violation in the store, and the number of documents checked."""
    out: list[str] = []
    docs = store.documents()
    for doc in docs:
        violations: list[Violation] = [v for v in validate(document_graph_from_store(store, doc))
                                       if v.severity == "Violation"]
        out.extend(f"{doc}: {v}" for v in violations)
    return out, len(docs)
