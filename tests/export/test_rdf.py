"""RDF dumps read back with pyoxigraph and rdflib: every quad, every
per-document named graph, the JSON-LD context; filtered dumps keep only the
selected graphs."""
from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Dataset, URIRef

from camket.export import Filters, export

from .conftest import KHAI

DOC = "https://w3id.org/camket/id/doc/"
QUAD_FORMATS = {"nquads": ("nquads", ox.RdfFormat.N_QUADS), "trig": ("trig", ox.RdfFormat.TRIG),
                "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


def dump(store, fmt: str, filters: Filters | None = None) -> bytes:
    buf = io.BytesIO()
    export(store, fmt, buf, filters)
    return buf.getvalue()


def store_quads(store, graphs=None) -> set[ox.Quad]:
    return {q for q in store.quads() if graphs is None or q.graph_name.value in graphs}


def rdflib_quads(data: bytes, fmt: str) -> tuple[int, set[str]]:
    ds = Dataset()
    ds.parse(data=data, format=fmt)
    named = {str(c.identifier) for c in ds.graphs() if len(c) and str(c.identifier).startswith(DOC)}
    return sum(1 for _ in ds.quads((None, None, None, None))), named


@pytest.mark.parametrize("fmt", list(QUAD_FORMATS))
def test_quad_dumps_keep_every_named_graph(invented_store, fmt):
    data = dump(invented_store, fmt)
    rdflib_fmt, ox_fmt = QUAD_FORMATS[fmt]
    assert set(ox.parse(data, format=ox_fmt)) == store_quads(invented_store)
    count, graphs = rdflib_quads(data, rdflib_fmt)
    assert count == len(invented_store)
    assert graphs == set(invented_store.documents()) == {DOC + d for d in ("bai-a", "bai-b", "bai-c")}


def test_jsonld_has_a_readable_context(invented_store):
    doc = json.loads(dump(invented_store, "jsonld"))
    assert doc["@context"]["schema"] == "https://schema.org/" and doc["@context"]["ck"].endswith("/ns#")
    graph_a = next(g for g in doc["@graph"] if g["@id"] == "id:doc/bai-a")
    khai = next(n for n in graph_a["@graph"] if n["@id"] == "id:person/tran-van-khai")
    assert khai["@type"] == ["schema:Person"]
    assert khai["schema:name"] == [{"@value": "Trần Văn Khải", "@language": "vi"}]


def test_turtle_is_the_union(invented_store):
    data = dump(invented_store, "turtle")
    union = {(q.subject, q.predicate, q.object) for q in invented_store.quads()}
    assert {(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)} == union
    g = rdflib.Graph().parse(data=data, format="turtle")
    assert len(g) == len(union)
    assert (URIRef(KHAI), rdflib.RDF.type, URIRef("https://schema.org/Person")) in g
    assert data.startswith(b"@prefix")


@pytest.mark.parametrize("filters, docs", [
    (Filters(documents=frozenset({"bai-c"})), {"bai-c"}),
    (Filters(since="2022"), {"bai-b"}),
    (Filters(until="2021-12-31"), {"bai-a"}),
    (Filters(ego="Lê Thị Mơ"), {"bai-b"}),
    (Filters(min_weight=2), {"bai-a", "bai-b"}),
])
def test_filtered_dumps_keep_selected_graphs(invented_store, filters, docs):
    graphs = {DOC + d for d in docs}
    data = dump(invented_store, "trig", filters)
    assert set(ox.parse(data, format=ox.RdfFormat.TRIG)) == store_quads(invented_store, graphs)
    count, named = rdflib_quads(dump(invented_store, "nquads", filters), "nquads")
    assert named == graphs and count == len(store_quads(invented_store, graphs))
