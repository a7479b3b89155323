"""/queries (named queries, typed safe binding, hostile values) and /search, over both backends."""
from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from camket.named_queries import load_queries
from camket.store import py

from . import corpus

HOSTILE = ['direct" } ; DROP ALL ; #', '"""', "}", "# not a comment", "a\nb\r\nc", "'; DELETE WHERE { ?s ?p ?o }",
           '\\" ) } UNION { ?s ?p ?o } #', "<http://x/>", "\u0000"]


def test_queries_are_listed_with_their_parameters(api):
    listed = {q["name"]: q for q in api.json("/queries")}
    assert set(listed) == set(load_queries())
    for name, q in load_queries().items():
        assert listed[name]["description"] == q.description
        assert [p["name"] for p in listed[name]["params"]] == [p.name for p in q.params]
        assert listed[name]["url"].endswith(f"/queries/{name}")


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_named_query_runs(api, name):
    q = load_queries()[name]
    if any(not p.optional for p in q.params):
        pytest.skip("has required parameters")
    page = api.json(f"/queries/{name}?limit=5")
    assert page["total"] == len(api.rows(q.text)) and len(page["rows"]) <= 5


def test_named_query_binds_an_iri_parameter(api):
    q = load_queries()["facts-statements"]
    doc = "https://w3id.org/camket/id/doc/tin-a"
    page = api.json(f"/queries/facts-statements?doc={quote(doc)}")
    assert page["total"] == 3 and {r["doc"] for r in page["rows"]} == {doc}
    assert [p.name for p in q.params] == ["doc"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_iri_values_are_rejected(api, value):
    r = api.get("/queries/facts-statements", params={"doc": value})
    assert r.status_code == 400 and "doc" in r.json()["error"]


def test_unknown_parameter_and_query(api):
    assert api.get("/queries/facts-statements?nope=1").status_code == 400
    assert api.get("/queries/no-such-query").status_code == 404


@pytest.fixture(scope="module")
def typed_api(api, tmp_path_factory):
    """The same store, with a query directory holding a query with string/int/date parameters."""
    from camket.api.app import create_app
    from camket.api.settings import Settings

    from .conftest import TEST_SETTINGS, Server
    qdir = tmp_path_factory.mktemp(f"queries-{api.backend}")
    (qdir / "said.rq").write_text(
        "# title: Statements of a kind\n# description: test query with typed parameters\n"
        "# param: kind string — direct or reported\n# param: verb string optional — speech verb\n"
        "# param: speaker iri optional — who\n"
        "SELECT ?st ?text WHERE { ?st a ck:Statement ; ck:speechKind ?kind ; ck:text ?text .\n"
        "  OPTIONAL { ?st ck:speechVerb ?v } OPTIONAL { ?st ck:speaker ?speaker } } ORDER BY ?st\n", encoding="utf-8")
    app = create_app(api.store, Settings(queries_dir=str(qdir), **TEST_SETTINGS))
    with Server(app) as url:
        yield url


def test_string_parameter_binds_as_a_literal(api, typed_api):
    n_direct = py(api.rows("SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st ck:speechKind \"direct\" }")[0]["n"])
    r = httpx.get(typed_api + "/queries/said", params={"kind": "direct", "limit": 500})
    assert r.status_code == 200 and r.json()["total"] == n_direct >= 1


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_values_are_bound_never_pasted(api, typed_api, value):
    before = len(api.store)
    r = httpx.get(typed_api + "/queries/said", params={"kind": value})
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 0  # no statement has that kind: the value stayed one literal
    assert len(api.store) == before


def test_typed_parameter_errors(typed_api):
    r = httpx.get(typed_api + "/queries/said", params={"kind": "direct", "speaker": "not an iri"})
    assert r.status_code == 400 and "speaker" in r.json()["error"]
    r = httpx.get(typed_api + "/queries/said")
    assert r.status_code == 400 and "required" in r.json()["error"]


def test_named_query_in_sparql_formats(api):
    r = api.get("/queries/facts-statements?format=csv&doc=" + quote("https://w3id.org/camket/id/doc/tin-a"))
    assert r.headers["content-type"].startswith("text/csv") and r.text.count("\r\n") == 4


# ------------------------------------------------------------------ search
@pytest.mark.parametrize("q,kind,iri", [
    ("tran van khai", "person", corpus.PERSON_KHAI),
    ("TRẦN VĂN KHẢI", "person", corpus.PERSON_KHAI),
    ("doan thi ngat", "person", corpus.PERSON_NGAT),
    ("nghi quyet 77", "policy", "https://w3id.org/camket/id/policy/77-nq-tw"),
    ("77-NQ/TW", "policy", "https://w3id.org/camket/id/policy/77-nq-tw"),
    ("uy ban nhan dan tinh lam ha", "organization", corpus.ORG_UBND),
    ("Ha Noi", "place", None),
])
def test_search_is_accent_and_case_insensitive_and_ranked(api, q, kind, iri):
    res = api.json("/search?q=" + quote(q))
    assert res["total"] >= 1 and not res["fuzzy"]
    top = res["items"][0]
    assert top["kind"] == kind
    if iri:
        assert top["iri"] == iri


def test_search_is_typo_tolerant_for_names(api):
    res = api.json("/search?q=" + quote("tran van khia"))
    assert res["fuzzy"] and res["items"][0]["iri"] == corpus.PERSON_KHAI
    res = api.json("/search?q=" + quote("doan thi ngap"))
    assert res["items"][0]["iri"] == corpus.PERSON_NGAT


def test_search_statements_and_kinds_filter_and_pages(api):
    res = api.json("/search?q=" + quote("khu do thi thong minh") + "&kind=statement")
    assert res["items"] and all(h["kind"] == "statement" for h in res["items"])
    assert any("12 khu đô thị thông minh" in h["snippet"] for h in res["items"])
    full = api.json("/search?q=lam+ha&limit=50")
    paged = api.json("/search?q=lam+ha&limit=2&offset=1")
    assert paged["total"] == full["total"] and paged["items"] == full["items"][1:3]


def test_search_rejects_empty_and_handles_fts_syntax(api):
    assert api.get("/search?q=").status_code == 422
    for q in ['"', "AND OR NOT", "*", "a:b", "(((", "NEAR(x y)"]:
        assert api.get("/search", params={"q": q}).status_code == 200


IRI_VALUES = {"doc": "https://w3id.org/camket/id/doc/tin-a", "speaker": corpus.PERSON_KHAI,
              "person": corpus.PERSON_KHAI, "actor": corpus.ORG_UBND, "org": corpus.ORG_UBND,
              "policy": "https://w3id.org/camket/id/policy/77-nq-tw"}


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_bound_named_queries_match_the_store(api, name):
    """However the API binds a parameter (inside the WHERE, by substitution), rows equal the
    plain trailing-VALUES binding run straight on the store."""
    from camket.named_queries import coerce_params
    q = load_queries()[name]
    params = {p.name: IRI_VALUES[p.name] for p in q.params if p.type == "iri" and p.name in IRI_VALUES}
    if not params:
        pytest.skip("no IRI parameter with a known test value")
    expected = [{k: py(v) for k, v in r.items() if v is not None} for r in api.rows(q.text, coerce_params(q, params))]
    got = api.json(f"/queries/{name}?limit=500&" + "&".join(f"{k}={quote(v)}" for k, v in params.items()))["rows"]
    key = lambda r: sorted((k, str(v)) for k, v in r.items())  # noqa: E731
    assert sorted(map(key, got)) == sorted(map(key, expected))
    assert len(got) == len(expected)
