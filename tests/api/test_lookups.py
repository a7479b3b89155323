"""Lookups over both backends: expectations derived from the store with SPARQL (so they hold
as extraction improves), plus exact ones on the invented documents of :mod:`tests.api.corpus`."""
from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
import pytest

from camket.store import py

from . import corpus

KINDS = ["people", "organizations", "policies", "events", "places"]


def _all_pages(api, path: str, limit: int = 3) -> list[dict]:
    items, offset, total = [], 0, None
    while total is None or offset < total:
        page = api.json(f"{path}{'&' if '?' in path else '?'}limit={limit}&offset={offset}")
        total = page["total"]
        assert page["limit"] == limit and page["offset"] == offset
        items += page["items"]
        offset += limit
        if not page["items"]:
            break
    assert len(items) == total
    return items


def _check_evidence(api, evidence: list[dict] | dict) -> None:
    """Evidence (a list, or a page of it) slices the stored document text exactly."""
    evidence = evidence["items"] if isinstance(evidence, dict) else evidence
    assert evidence, "a fact without evidence"
    for ev in evidence:
        text = _doc_text(api, ev["document"])
        assert text[ev["start"]:ev["end"]] == ev["exact"]
        assert ev["document_iri"].endswith("/doc/" + ev["document"])


_TEXTS: dict = {}


def _doc_text(api, doc_id: str) -> str:
    key = (api.backend, doc_id)
    if key not in _TEXTS:
        _TEXTS[key] = api.json(f"/documents/{quote(doc_id)}")["text"]
    return _TEXTS[key]


def test_people_list_paginates_with_total_and_stable_order(api):
    n = py(api.rows("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }")[0]["n"])
    items = _all_pages(api, "/people")
    assert len(items) == n == len({i["iri"] for i in items})
    assert _all_pages(api, "/people", limit=5) == items  # same order whatever the page size


def test_person_statements_match_the_store(api):
    rows = api.rows("SELECT ?p (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a ck:Statement ; ck:speaker ?p . "
                    "?p a schema:Person } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 3")
    assert rows
    for r in rows:
        pid = quote(r["p"].value.rsplit("/", 1)[1])
        expected = {x["st"].value for x in api.rows("SELECT ?st WHERE { ?st ck:speaker ?p }", {"p": r["p"]})}
        got = _all_pages(api, f"/people/{pid}/statements", limit=2)
        assert {s["iri"] for s in got} == expected
        for s in got:
            assert s["speaker"]["iri"] == r["p"].value
            _check_evidence(api, s["evidence"])
        person = api.json(f"/people/{pid}")
        assert person["counts"]["statements"] == len(expected)


def test_invented_person_posts_over_time_and_accent_free_id(api):
    person = api.json("/people/tran-van-khai")  # accent-free spelling of the IRI key
    assert person["iri"] == corpus.PERSON_KHAI
    assert person["name"] == corpus.KHAI and "Khải" in person["aliases"]
    assert person["gender"] == "male" and person["honorific"] == "ông"
    [post] = person["posts"]
    assert post["role"] == "Chủ tịch" and post["organization"]["iri"] == corpus.ORG_UBND
    assert post["first_seen"] == "2023-05-10" and post["last_seen"] == "2024-02-01"
    assert [a["document"]["id"] for a in post["attestations"]] == ["tin-a", "tin-b"]
    for att in post["attestations"]:
        _check_evidence(api, att["evidence"])
    assert person["counts"] == {"documents": 2, "posts": 1, "statements": 4, "pledges": 0}
    page = api.json("/people/tran-van-khai/statements?limit=2")
    assert page["total"] == 4 and len(page["items"]) == 2
    assert [s["date"] for s in page["items"]] == ["2024-02-01", "2024-02-01"]  # newest first


@pytest.mark.parametrize("query,expected", [
    ("speaker=tran-van-khai", 4), ("body=" + quote("ủy-ban-nhân-dân-tỉnh-lâm-hà"), 4),
    ("policy=77-nq-tw", 2), ("place=" + quote("lâm-hà"), 3), ("kind=direct&speaker=tran-van-khai", 1),
    ("speaker=tran-van-khai&date_from=2024-01-01", 2), ("speaker=tran-van-khai&date_to=2023-12-31", 2),
    ("q=" + quote("KHU DO THI"), 2), ("q=" + quote("hỗ trợ các địa phương"), 1),
])
def test_statement_filters(api, query, expected):
    page = api.json(f"/statements?{query}&limit=50")
    if "q=" not in query:
        assert page["total"] == expected, page
    else:
        invented = [s for s in page["items"] if s["document"]["id"] in ("tin-a", "tin-b")]
        assert len(invented) == expected
    for s in page["items"]:
        _check_evidence(api, s["evidence"])


def test_statement_filter_by_event(api):
    event = api.rows("SELECT ?e WHERE { ?e a schema:Event ; schema:name ?n FILTER(STR(?n) = 'Hội nghị Đô thị Xanh 2023') }")
    eid = quote(event[0]["e"].value.rsplit("/", 1)[1])
    assert api.json(f"/statements?event={eid}")["total"] == 3
    ev = api.json(f"/events/{eid}")
    assert ev["date"] == "2023-05-10" and ev["places"][0]["name"] == "Hà Nội"
    assert ev["organizers"][0]["name"] == corpus.BO and [d["id"] for d in ev["documents"]] == ["tin-a"]
    assert ev["statements"]["total"] == 3


def test_organization_members_and_statements(api):
    org = api.json("/organizations/" + quote("ủy-ban-nhân-dân-tỉnh-lâm-hà"))
    assert org["org_kind"] == "government"
    assert [m["person"]["name"] for m in org["members"]["items"]] == [corpus.KHAI]
    assert org["members"]["total"] == 1
    assert org["statements"]["total"] == 4  # its chairman's statements
    _check_evidence(api, org["evidence"])


def _pages(api, path: str, part: str, limit: int) -> list[dict]:
    """Every item of the ``part`` page of ``path`` (``{part}_limit``/``{part}_offset``)."""
    items, total = [], None
    while total is None or len(items) < total:
        page = api.json(f"{path}?{part}_limit={limit}&{part}_offset={len(items)}")[part]
        total = page["total"]
        assert page["items"] and page["limit"] == limit and page["offset"] == len(items)
        items += page["items"]
    return items


def test_organization_members_and_evidence_pages_slice_the_full_listing(api):
    """Members paged in the order of the full posts listing (first seen, role, IRI), with a total;
    evidence paged in the order of the full evidence list (document, start, end)."""
    from camket.api import graph
    from camket.api.entities import evidence
    from camket.api.posts import posts_of
    [row] = api.rows("SELECT ?o (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership ; org:organization ?o } "
                     "GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1")
    assert py(row["n"]) >= 3
    x = graph.cluster(api.store, row["o"])
    path = "/organizations/" + quote(graph.key_of(row["o"].value))
    full = posts_of(api.store, x, "org")
    members = _pages(api, path, "members", 2)
    assert [m["iri"] for m in members] == [p.iri for p in full] and len(members) == py(row["n"])
    shown = [{**p.model_dump(), "attestations": p.model_dump()["attestations"][:3]} for p in full]
    assert members == shown  # each post's first three attestations, and how many there are
    assert _all_pages(api, f"/organizations/{quote(graph.key_of(row['o'].value))}/members", limit=2) == shown
    first = api.json(f"{path}?members_limit=1")["members"]
    assert first["total"] == len(full) and [m["iri"] for m in first["items"]] == [full[0].iri]
    spans = evidence(api.store, x)
    assert len(spans) >= 3
    assert _pages(api, path, "evidence", 2) == [e.model_dump() for e in spans]


def test_a_post_shows_its_first_attestations_and_pages_through_all(api):
    """A body's member page carries each post's first ``attestations_limit`` attestations and
    their count; ``/memberships/{id}/attestations`` pages through every one, with evidence."""
    body = "/organizations/" + quote("ủy-ban-nhân-dân-tỉnh-lâm-hà")
    [post] = api.json(f"{body}?attestations_limit=1")["members"]["items"]
    assert post["attestation_count"] == 2 and [a["document"]["id"] for a in post["attestations"]] == ["tin-a"]
    assert post["first_seen"] == "2023-05-10" and post["last_seen"] == "2024-02-01"  # of every attestation
    [full] = api.json(body)["members"]["items"]
    assert [a["document"]["id"] for a in full["attestations"]] == ["tin-a", "tin-b"]
    key = quote(post["iri"].rsplit("/membership/", 1)[1])
    atts = _all_pages(api, f"/memberships/{key}/attestations", limit=1)
    assert atts == full["attestations"] and [a["date"] for a in atts] == ["2023-05-10", "2024-02-01"]
    for att in atts:
        _check_evidence(api, att["evidence"])
    assert api.get(f"/memberships/{key}-none/attestations").status_code == 404
    assert api.get(f"{body}?attestations_limit=0").status_code == 422


def test_policy_detail_cited_by_and_pledges(api):
    pol = api.json("/policies/77-nq-tw")
    assert pol["number"] == "77-NQ/TW" and pol["type"] == "Nghị quyết" and pol["title"] == "về đô thị số"
    assert pol["issuer_name"] == "Bộ Chính trị" and pol["date"] == "2022-01-20"
    assert [r["name"] for r in pol["cited_by"]] == [corpus.KHAI]
    assert pol["statements"]["total"] == 2
    [pledge] = pol["pledges"]
    assert pledge["deadline"] == "2025" and pledge["quantity"] == "12 khu đô thị thông minh"
    _check_evidence(api, pledge["evidence"])
    assert any(p["id"] == "77-nq-tw" for p in _all_pages(api, "/policies", limit=10))


def test_pledges_filters(api):
    assert api.json("/pledges?actor=" + quote("ủy-ban-nhân-dân-tỉnh-lâm-hà"))["total"] == 1
    assert api.json("/pledges?place=" + quote("lâm-hà"))["items"][0]["places"][0]["name"] == "Lâm Hà"
    inside = api.json("/pledges?deadline_from=2025-01-01&deadline_to=2025-12-31&limit=100")["items"]
    assert any(p["quantity"] == "12 khu đô thị thông minh" for p in inside)
    before = api.json("/pledges?deadline_to=2024-12-31&limit=100")["items"]
    assert all(p["deadline"] is not None and p["deadline"][:10] <= "2024-12-31"[:len(p["deadline"])] for p in before)


def test_place_detail(api):
    place = api.json("/places/" + quote("lâm-hà"))
    assert place["place_type"] == "province" and len(place["pledges"]) == 1
    assert place["statements"]["total"] == 3


def test_document_has_text_and_every_fact_with_its_span(api):
    doc = api.json("/documents/tin-a")
    assert doc["text"] == corpus.TEXT_A and doc["date"] == "2023-05-10" and doc["publisher"] == "Báo Thử Nghiệm"
    assert len(doc["statements"]) == 3 and len(doc["pledges"]) == 1 and len(doc["memberships"]) == 2
    assert {m["entity"]["kind"] for m in doc["entities"]} == {"person", "organization", "place", "policy", "event"}
    facts = doc["statements"] + doc["pledges"] + doc["memberships"] + doc["entities"]
    for fact in facts:
        assert all(e["document"] == "tin-a" for e in fact["evidence"])
        for e in fact["evidence"]:
            assert corpus.TEXT_A[e["start"]:e["end"]] == e["exact"]
    assert [s["evidence"][0]["start"] for s in doc["statements"]] == sorted(
        s["evidence"][0]["start"] for s in doc["statements"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_lookup_on_every_kind(api, kind):
    """Each list pages; the first items of each kind open, with evidence for the entity."""
    items = _all_pages(api, f"/{kind}", limit=25)
    for item in items[:4]:
        detail = api.json(f"/{kind}/{quote(item['id'])}")
        assert detail["iri"] == item["iri"]
        _check_evidence(api, detail["evidence"])
        for s in detail.get("statements", {}).get("items", []):
            _check_evidence(api, s["evidence"])


def test_every_document_opens_with_spans_inside_its_text(api):
    for d in _all_pages(api, "/documents", limit=4):
        doc = api.json(f"/documents/{quote(d['id'])}")
        for fact in doc["statements"] + doc["pledges"] + doc["memberships"] + doc["entities"]:
            for e in fact["evidence"]:
                if e["document"] == d["id"]:
                    assert doc["text"][e["start"]:e["end"]] == e["exact"]


def test_statement_and_pledge_by_id(api):
    st = api.json("/statements?speaker=tran-van-khai&limit=1")["items"][0]
    assert api.json(f"/statements/{quote(st['id'])}") == st
    pl = api.json("/pledges?policy=77-nq-tw")["items"][0]
    assert api.json(f"/pledges/{quote(pl['id'])}") == pl


@pytest.mark.parametrize("path,status", [
    ("/people/no-such-person", 404), ("/policies/%3Cbad%3E", 404), ("/documents/nope", 404),
    ("/statements?speaker=nobody-at-all", 404), ("/people?limit=0", 422), ("/people?limit=100000", 422),
    ("/statements?date_from=yesterday", 422), ("/no/such/path", 404), ("/statements/x%22%7D", 404),
])
def test_errors_are_json_without_trace(api, path, status):
    r = api.get(path)
    assert r.status_code == status
    body = r.json()
    assert body["status"] == status and body["error"] and "Traceback" not in r.text


def test_openapi_docs(api):
    assert api.get("/docs").status_code == 200
    paths = api.json("/openapi.json")["paths"]
    for p in ("/sparql", "/people/{id}/statements", "/statements", "/search", "/queries/{name}", "/documents/{id}"):
        assert p in paths


@pytest.mark.parametrize("path,sparql_total", [
    ("/statements", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ck:Statement }"),
    ("/pledges", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ck:Pledge }"),
    ("/documents", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ck:Document }")])
def test_unfiltered_lists_page_through_everything_in_one_stable_order(api, path, sparql_total):
    n = py(api.rows(sparql_total)[0]["n"])
    items = _all_pages(api, path, limit=7)
    assert len(items) == n == len({i["iri"] for i in items}) and api.json(path)["total"] == n
    assert _all_pages(api, path, limit=3) == items  # page boundaries inside a document change nothing
    if path != "/pledges":  # newest document first
        dates = [(i.get("date") or "") for i in items]
        assert dates == sorted(dates, reverse=True)


def test_a_filter_value_of_its_second_kind_reads_no_list_of_the_first(api):
    """``/pledges?actor=<a body>``: the body's exact IRI is found before the accent-free
    fallback reads every person (0.3 s at 100k articles)."""
    from camket.api import graph
    seen: list[str] = []

    class Spy:
        def __getattr__(self, name):
            return getattr(api.store, name)

        def select(self, q, *a, **k):
            seen.append(q)
            return api.store.select(q, *a, **k)

        def query(self, q, *a, **k):
            seen.append(q)
            return api.store.query(q, *a, **k)

    org = graph.ref_or_none("ủy-ban-nhân-dân-tỉnh-lâm-hà", ("person", "organization"), Spy())
    assert org.value == corpus.ORG_UBND and seen
    assert not any("SELECT DISTINCT ?s" in q for q in seen)
