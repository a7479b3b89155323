"""loaders/rdf.py: the writer's light triples and their N-Triples."""
from pathlib import Path

import pyoxigraph as ox

from camket.loaders.pipeline import Pipeline
from camket.loaders.rdf import Triple, document_triples, to_ntriples, to_oxigraph
from camket.loaders.read import iter_documents

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def serialised(triples) -> str:
    return ox.serialize(to_oxigraph(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def test_document_triples_read_like_pyoxigraph_triples():
    doc = next(iter_documents([str(sorted(CORPUS.glob("*.txt"))[0])]))
    analysis = Pipeline(["structure", "places", "organizations", "people"])(doc)
    triples = document_triples(analysis, "2026-01-01T00:00:00Z")
    assert triples and all(isinstance(t, Triple) for t in triples)
    t = triples[0]
    s, p, o = t
    assert (t.subject, t.predicate, t.object) == (s, p, o)
    assert to_oxigraph([t]) == [ox.Triple(s, p, o)]
    assert to_ntriples(triples) == serialised(triples)


def test_ntriples_escape_literals_as_pyoxigraph_does():
    s, p = ox.NamedNode("https://example.org/doc#char=1,2"), ox.NamedNode("https://example.org/p")
    values = ['a "quoted" word', "back\\slash", "line\nbreak\rand\ttab", "\x00\x01\x1f\x7f", "Ủy ban 😀", ""]
    triples = [Triple(s, p, o) for v in values
               for o in (ox.Literal(v), ox.Literal(v, language="vi"), ox.Literal(v, datatype=XSD_INTEGER))]
    assert to_ntriples(triples) == serialised(triples)
    assert len(to_ntriples(triples).splitlines()) == len(triples)
