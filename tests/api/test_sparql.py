"""/sparql with real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) over both backends:
every method and result format, dataset selection, service description, and the refusals."""
from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException
from urllib.error import HTTPError

from camket.store import py

from . import corpus

PREFIX = "PREFIX schema: <https://schema.org/>\nPREFIX ck: <https://w3id.org/camket/ns#>\n"
PEOPLE = PREFIX + "SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?p ?name"
CONSTRUCT = PREFIX + "CONSTRUCT { ?p schema:name ?name } WHERE { ?p a schema:Person ; schema:name ?name }"
METHODS = {"GET": ("GET", None), "POST-form": ("POST", "urlencoded"), "POST-direct": ("POST", "postdirectly")}


def _client(api, method: str, fmt, query: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(api.url + "/sparql")
    http, enc = METHODS[method]
    sw.setMethod(http)
    if enc:
        sw.setRequestMethod(enc)
    sw.setReturnFormat(fmt)
    sw.setQuery(query)
    return sw


def _expected_people(api) -> set[tuple[str, str]]:
    return {(r["p"].value, r["name"].value) for r in api.rows(PEOPLE.split("\n", 2)[2])}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_every_method_and_format(api, method, fmt):
    raw = _client(api, method, fmt, PEOPLE).query()
    assert raw.response.status == 200
    expected = _expected_people(api)
    if fmt == JSON:
        got = {(b["p"]["value"], b["name"]["value"]) for b in raw.convert()["results"]["bindings"]}
        assert raw.response.headers["content-type"].startswith("application/sparql-results+json")
    elif fmt == XML:
        doc = raw.convert()
        got = set()
        for res in doc.getElementsByTagName("result"):
            vals = {b.getAttribute("name"): b.firstChild.firstChild.data for b in res.getElementsByTagName("binding")}
            got.add((vals["p"], vals["name"]))
    elif fmt == CSV:
        rows = list(csv.DictReader(io.StringIO(raw.convert().decode())))
        got = {(r["p"], r["name"]) for r in rows}
    else:
        lines = raw.convert().decode().rstrip("\n").split("\n")
        assert lines[0] == "?p\t?name"
        got = {(a.strip("<>"), b.split('"')[1]) for a, b in (line.split("\t") for line in lines[1:])}
    assert got == expected and any(name == corpus.KHAI for _, name in got)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(api, method, fmt):
    q = PREFIX + f'ASK {{ ?p schema:name "{corpus.KHAI}"@vi }}'
    result = _client(api, method, fmt, q).query().convert()
    value = result["boolean"] if fmt == JSON else result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert value is True


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, JSONLD, N3])
def test_construct_every_rdf_format(api, method, fmt):
    graph = _client(api, method, fmt, CONSTRUCT).query().convert()
    if not isinstance(graph, rdflib.Graph):  # SPARQLWrapper hands some formats back as bytes
        parse_as = {TURTLE: "turtle", N3: "n3", JSONLD: "json-ld", RDFXML: "xml"}[fmt]
        graph = rdflib.Graph().parse(data=graph, format=parse_as)
    got = {(str(s), str(o)) for s, _, o in graph}
    assert got == _expected_people(api)


@pytest.mark.parametrize("accept,parse_as", [("application/n-triples", "nt"), ("text/turtle", "turtle"),
                                             ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_and_describe_by_accept_header(api, accept, parse_as):
    for q in (CONSTRUCT, f"DESCRIBE <{corpus.PERSON_KHAI}>"):
        r = httpx.get(api.url + "/sparql", params={"query": q}, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        g = rdflib.Graph().parse(data=r.content, format=parse_as)
        assert len(g) > 0


def test_rdflib_sparqlstore_select_and_construct(api):
    for method in ("GET", "POST", "POST_FORM"):
        store = SPARQLStore(api.url + "/sparql", method=method)
        got = {(str(r.p), str(r.name)) for r in store.query(PEOPLE)}
        assert got == _expected_people(api)
        g = store.query(CONSTRUCT).graph
        assert {(str(s), str(o)) for s, _, o in g} == got
        assert bool(store.query(PREFIX + "ASK { ?s a schema:Person }"))


def test_default_and_named_graph_uri(api):
    doc_b = "https://w3id.org/camket/id/doc/tin-b"
    n_b = py(api.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc_b}> {{ ?s ?p ?o }} }}")[0]["n"])
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    sw = SPARQLWrapper(api.url + "/sparql", defaultGraph=doc_b, returnFormat=JSON)
    sw.setQuery(q)
    assert int(sw.query().convert()["results"]["bindings"][0]["n"]["value"]) == n_b
    r = httpx.post(api.url + "/sparql", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                               "named-graph-uri": doc_b}, headers={"Accept": "application/json"})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [doc_b]


def test_service_description_with_void(api):
    r = httpx.get(api.url + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd, void = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#"), rdflib.Namespace("http://rdfs.org/ns/void#")
    assert (None, rdflib.RDF.type, sd.Service) in g
    assert int(next(g.objects(None, void.triples))) == len(api.store)
    classes = {str(c): int(n) for part in g.objects(None, void.classPartition)
               for c in g.objects(part, void["class"]) for n in g.objects(part, void.entities)}
    n_people = py(api.rows("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }")[0]["n"])
    assert classes["https://schema.org/Person"] == n_people


def _status(api, query: str, method: str = "GET") -> tuple[int, str]:
    if method == "GET":
        r = httpx.get(api.url + "/sparql", params={"query": query}, timeout=30)
    else:
        r = httpx.post(api.url + "/sparql", content=query.encode(), timeout=30,
                       headers={"Content-Type": "application/sparql-query"})
    return r.status_code, r.json()["error"]


def test_malformed_query_is_400_with_parser_message(api):
    sw = _client(api, "GET", JSON, "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed):
        sw.query()
    status, msg = _status(api, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and "malformed query" in msg and ("1:" in msg or "expected" in msg)


@pytest.mark.parametrize("update", [
    'INSERT DATA { <http://x/a> <http://x/b> "c" }', "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
    "# a comment\nDROP ALL", "LOAD <http://example.org/data.ttl>", "CLEAR DEFAULT",
])
def test_updates_are_refused(api, update):
    before = len(api.store)
    for method in ("GET", "POST"):
        status, msg = _status(api, update, method)
        assert status == 403 and "read-only" in msg
    r = httpx.post(api.url + "/sparql", data={"update": update})
    assert r.status_code == 403
    r = httpx.post(api.url + "/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    sw = SPARQLWrapper(api.url + "/sparql")
    sw.setMethod("POST")
    sw.setQuery(update)
    with pytest.raises((SPARQLWrapperException, HTTPError)):
        sw.query()
    assert len(api.store) == before


def test_service_is_refused_but_words_inside_strings_are_fine(api):
    status, msg = _status(api, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in msg
    ok = 'SELECT ?service WHERE { BIND("SERVICE <x> DELETE" AS ?service) } # INSERT DATA'
    r = httpx.get(api.url + "/sparql", params={"query": ok}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["service"]["value"] == "SERVICE <x> DELETE"


def test_too_many_rows_is_413(api):
    """Rows that stream at once (a cross product first built a join table: over the 1 s test
    limit on a loaded machine, a 503 instead)."""
    assert len(api.rows("SELECT * WHERE { GRAPH ?g { ?a ?b ?c } } LIMIT 1001")) == 1001
    status, msg = _status(api, "SELECT * WHERE { GRAPH ?g { ?a ?b ?c } }")
    assert status == 413 and "1000 rows" in msg


def test_too_slow_is_503(api):
    """A bounded but slow cross product over one small document graph; the limit is 1 s in tests."""
    g = "<https://w3id.org/camket/id/doc/tin-b>"
    slow = (f"SELECT ?a WHERE {{ GRAPH {g} {{ ?a ?b ?c }} GRAPH {g} {{ ?d ?e ?f }} GRAPH {g} {{ ?h ?i ?j }} "
            "FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?j))) = 150) }")  # ~3 s of work, rows trickle out
    status, msg = _status(api, slow)
    assert status == 503 and "time limit" in msg.replace("s limit", "time limit")


def test_not_acceptable_and_bad_content_type(api):
    r = httpx.get(api.url + "/sparql", params={"query": PEOPLE}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "available" in r.json()["error"]
    r = httpx.post(api.url + "/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415


def test_format_parameter_overrides_accept(api):
    r = httpx.get(api.url + "/sparql", params={"query": PEOPLE, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(api.url + "/sparql", params={"query": PEOPLE, "format": "json"})
    assert json.loads(r.text)["head"]["vars"] == ["p", "name"]
