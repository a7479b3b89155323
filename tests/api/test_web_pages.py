"""The researcher web pages and their JSON twins over a small invented document."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.api.web_data import web_url
from camket.api.web_document import segments
from camket.loaders.model import Analysis, Membership, Pledge, Span, Statement
from camket.loaders.rdf import document_graph
from camket.loaders.read import SourceDocument
from camket.ontology import iri
from camket.store import open_store

TEXT = ("Diễn đàn Đô thị số Hòa Vân 2031 diễn ra ngày 12/4/2031 tại tỉnh Hòa Vân.\n"
        "Phát biểu tại diễn đàn, ông Lò Văn Thạch, Giám đốc Sở Khoa học và Công nghệ tỉnh Hòa Vân, cho biết: "
        "\"Tỉnh sẽ xây dựng 4 trung tâm điều hành thông minh trước năm 2034\".\n"
        "Theo ông Thạch, Nghị quyết số 81-NQ/TW của Bộ Chính trị về phát triển đô thị số là kim chỉ nam.\n"
        "Kế hoạch số 15/KH-UBND của UBND tỉnh Hòa Vân thực hiện Nghị quyết 81-NQ/TW.\n")
DOC_ID = "hoa-van-dien-dan"


def span(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text))


def sample_analysis() -> Analysis:
    doc = SourceDocument(doc_id=DOC_ID, text=TEXT, source=f"{DOC_ID}.txt", title="Diễn đàn đô thị số Hòa Vân",
                         date="2031-04-12", publisher="Báo Thử Nghiệm",
                         sha256=hashlib.sha256(TEXT.encode()).hexdigest())
    a = Analysis(doc)
    place = a.entity("place", "Hòa Vân", span("Hòa Vân", 1), place_type="province")
    a.entity("place", "Hòa Vân", span("Hòa Vân", 0))
    ubnd = a.entity("org", "UBND tỉnh Hòa Vân", span("UBND tỉnh Hòa Vân"), org_kind="committee")
    so = a.entity("org", "Sở Khoa học và Công nghệ tỉnh Hòa Vân", span("Sở Khoa học và Công nghệ tỉnh Hòa Vân"),
                  org_kind="department", parent=ubnd)
    bct = a.entity("org", "Bộ Chính trị", span("Bộ Chính trị"), org_kind="party")
    person = a.entity("person", "Lò Văn Thạch", span("Lò Văn Thạch"), gender="male", honorific="ông")
    event = a.entity("event", "Diễn đàn Đô thị số Hòa Vân 2031", span("Diễn đàn Đô thị số Hòa Vân 2031"),
                     date="2031-04-12", place=place, organizers=[ubnd])
    nq = a.entity("policy", "Nghị quyết số 81-NQ/TW", span("Nghị quyết số 81-NQ/TW"), key="81-NQ/TW",
                  number="81-NQ/TW", policy_type="Nghị quyết", issuer=bct, title="về phát triển đô thị số",
                  date="2029-06-01")
    a.entity("policy", "Nghị quyết 81-NQ/TW", span("Nghị quyết 81-NQ/TW"), key="81-NQ/TW")
    a.entity("policy", "Kế hoạch số 15/KH-UBND", span("Kế hoạch số 15/KH-UBND"), key="15/KH-UBND",
             number="15/KH-UBND", policy_type="Kế hoạch", issuer=ubnd, implements=[nq])
    a.memberships.append(Membership(person, "Giám đốc Sở Khoa học và Công nghệ tỉnh Hòa Vân", "Giám đốc", so,
                                    span("Lò Văn Thạch, Giám đốc Sở Khoa học và Công nghệ tỉnh Hòa Vân"),
                                    "2031-04-12"))
    quote_ = span("Tỉnh sẽ xây dựng 4 trung tâm điều hành thông minh trước năm 2034")
    st1 = Statement(person, "direct", quote_, verb="cho biết", event=event, mentions=[place],
                    evidence=[Span(span("Phát biểu tại diễn đàn").start, quote_.end + 1)])
    st2 = Statement(person, "reported", span("Nghị quyết số 81-NQ/TW của Bộ Chính trị về phát triển đô thị số "
                                             "là kim chỉ nam"), mentions=[nq])
    a.statements += [st1, st2]
    a.pledges.append(Pledge(person, span("xây dựng 4 trung tâm điều hành thông minh trước năm 2034"),
                            deadline="2034", quantity="4", places=[place], statement=st1, policy=nq))
    return a


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("web") / "store")
    store.replace_document(str(iri.document(DOC_ID)), document_graph(sample_analysis()).serialize(format="nt"))
    with TestClient(create_app(store, Settings(query_timeout=5, max_rows=1000))) as c:
        yield c


PERSON = "/web/id/person/" + quote(iri.name_key("Lò Văn Thạch"))
POLICY = "/web/id/policy/81-nq-tw"
DOC = f"/web/id/doc/{DOC_ID}"


def test_search_is_accent_insensitive_ranked_and_typed(client):
    page = client.get("/web/search.json", params={"q": "lo van thach"}).json()
    assert page["items"][0]["kind"] == "person"
    assert page["items"][0]["label"] == "Lò Văn Thạch"
    assert page["items"][0]["url"] == PERSON
    hits = client.get("/web/search.json", params={"q": "nghi quyet 81"}).json()["items"]
    assert hits[0]["kind"] == "policy" and hits[0]["url"] == POLICY
    html = client.get("/web/search", params={"q": "lo van thach"}).text
    assert f'href="{PERSON}"' in html and "Người" in html


def test_search_statement_hit_links_to_its_evidence(client):
    hits = client.get("/web/search.json", params={"q": "kim chi nam"}).json()["items"]
    st = next(h for h in hits if h["kind"] == "statement")
    assert st["url"].startswith(DOC + "#char=") and st["label"] == "Lò Văn Thạch"


def test_json_twin_by_suffix_and_by_accept_header(client):
    by_suffix = client.get(PERSON + ".json").json()
    by_accept = client.get(PERSON, headers={"Accept": "application/json"}).json()
    assert by_suffix == by_accept
    assert client.get(PERSON).headers["content-type"].startswith("text/html")


def test_person_page(client):
    page = client.get(PERSON + ".json").json()
    assert page["kind"] == "person" and page["name"] == "Lò Văn Thạch"
    assert [p["role"] for p in page["posts"]["items"]] == ["Giám đốc"]
    assert page["posts"]["items"][0]["first_seen"] == "2031-04-12"
    assert page["statements"]["total"] == 2
    direct = next(s for s in page["statements"]["items"] if s["kind"] == "direct")
    assert direct["event"]["name"].startswith("Diễn đàn") and direct["evidence"][0]["url"].startswith(DOC)
    assert [p["name"] for p in page["policies_cited"]] == ["81-NQ/TW"]
    assert page["documents"]["total"] == 1 and page["documents"]["items"][0]["id"] == DOC_ID
    assert page["evidence"][0]["url"].startswith(DOC + "#char=")
    assert page["pledges"]["items"][0]["deadline"] == "2034"
    html = client.get(PERSON).text
    assert "Chức vụ theo thời gian" in html and "Posts over time" in html
    assert "kim chỉ nam" in html and 'href="/web/graph/person/' in html


def test_body_page_members_and_sub_bodies(client):
    so = client.get("/web/id/org/" + quote(iri.name_key("Sở Khoa học và Công nghệ tỉnh Hòa Vân")) + ".json").json()
    assert so["kind"] == "organization"
    assert [p["person"]["name"] for p in so["posts"]["items"]] == ["Lò Văn Thạch"]
    assert so["statements"]["total"] == 2  # a body's page shows what its members said
    ubnd = client.get("/web/id/org/" + quote(iri.name_key("UBND tỉnh Hòa Vân")) + ".json").json()
    rel = {(r["en"]): [i["name"] for i in r["items"]] for r in ubnd["relations"]}
    assert rel["Sub-bodies"] == ["Sở Khoa học và Công nghệ tỉnh Hòa Vân"]
    assert rel["Documents issued"] == ["15/KH-UBND"]


def test_policy_page(client):
    page = client.get(POLICY + ".json").json()
    attrs = {a["en"]: a["values"] for a in page["attributes"]}
    assert attrs["Number"] == ["81-NQ/TW"] and attrs["Type"] == ["Nghị quyết"]
    assert attrs["Date"] == ["2029-06-01"] and attrs["Title"] == ["về phát triển đô thị số"]
    rel = {r["en"]: [i["name"] for i in r["items"]] for r in page["relations"]}
    assert rel["Implemented by"] == ["15/KH-UBND"] and rel["Issued by"] == ["Bộ Chính trị"]
    assert [r["name"] for r in page["cited_by"]] == ["Lò Văn Thạch"]
    assert page["pledges"]["total"] == 1
    assert "Được thực hiện bởi" in client.get(POLICY).text


def test_place_and_event_pages(client):
    place = client.get("/web/id/place/" + quote(iri.name_key("Hòa Vân")) + ".json").json()
    assert place["kind"] == "place" and place["pledges"]["total"] == 1
    assert any(r["en"] == "Events held here" for r in place["relations"])
    event = client.get("/web/id/event/" + quote(iri.name_key("Diễn đàn Đô thị số Hòa Vân 2031")) + ".json").json()
    assert [s["name"] for s in event["speakers"]] == ["Lò Văn Thạch"]
    assert event["statements"]["total"] == 1


def test_document_view_highlights_every_span(client):
    page = client.get(DOC + ".json").json()
    kinds = {s["kind"] for s in page["spans"]}
    assert {"person", "organization", "place", "policy", "event", "statement", "pledge", "membership"} <= kinds
    person_span = next(s for s in page["spans"] if s["kind"] == "person")
    assert TEXT[person_span["start"]:person_span["end"]] == "Lò Văn Thạch" and person_span["url"] == PERSON
    html = client.get(DOC).text
    assert f'class="hl e-person f-membership f-statement" data-s="{person_span["start"]}"' in html
    assert 'id="fact-statement_' in html and "/web/static/doc.js" in html


def test_fact_iri_redirects_to_evidence(client):
    page = client.get(DOC + ".json").json()
    st = page["statements"][0]
    r = client.get(web_url(st["iri"]), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(DOC + "#char=")


def test_graph_view(client):
    page = client.get(PERSON.replace("/id/", "/graph/") + ".json").json()
    names = {n["name"] for n in page["nodes"]}
    assert {"Lò Văn Thạch", "Sở Khoa học và Công nghệ tỉnh Hòa Vân", "81-NQ/TW"} <= names
    assert any("giữ chức" in e["vi"] for e in page["edges"])
    html = client.get(PERSON.replace("/id/", "/graph/")).text
    assert "/web/static/vendor/cytoscape.min.js" in html and 'id="graph-data"' in html
    assert client.get("/web/static/vendor/cytoscape.min.js").status_code == 200


def test_sparql_page_named_queries_table_and_downloads(client):
    page = client.get("/web/sparql.json").json()
    assert any(q["name"] == "facts-roles" for q in page["queries"])
    page = client.get("/web/sparql.json", params={"name": "facts-roles"}).json()
    assert "org:Membership" in page["query"]
    person = next(c for row in page["result"]["rows"] for c in row if c and c["value"] == "Lò Văn Thạch")
    assert person["type"] == "literal"
    iris = [c for row in page["result"]["rows"] for c in row if c and c["type"] == "uri"]
    assert all(c["url"].startswith("/web/id/") for c in iris)
    csv = client.get("/web/sparql.csv", params={"name": "facts-roles"})
    assert csv.headers["content-type"].startswith("text/csv") and "Lò Văn Thạch" in csv.text
    html = client.get("/web/sparql", params={"name": "facts-roles", "run": "1"}).text
    assert 'id="download-csv"' in html and "<table" in html


def test_sparql_page_reports_errors(client):
    assert "malformed" in client.get("/web/sparql", params={"query": "SELECT WHERE {"}).text
    r = client.get("/web/sparql.json", params={"query": "DROP ALL"})
    assert r.status_code == 400 and r.json()["error"]
    r = client.get("/web/sparql.json", params={"name": "no-such-query"})
    assert r.status_code == 400


def test_not_found_and_static_safety(client):
    r = client.get("/web/id/person/khong-co-ai")
    assert r.status_code == 404 and "not found" in r.text
    assert client.get("/web/id/person/khong-co-ai.json").status_code == 404
    assert client.get("/web/static/../web.py").status_code == 404
    assert client.get("/web/static/web.css").status_code == 200


def test_openapi_documents_pages_and_twins(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/web/search", "/web/search.json", "/web/id/{path}", "/web/id/{path}.json",
              "/web/graph/{path}.json", "/web/sparql", "/web/sparql.json", "/web/sparql.csv"):
        assert p in paths, p


def test_segments_cover_text_and_nest():
    spans = [{"start": 0, "end": 10, "kind": "statement", "url": "#s"},
             {"start": 2, "end": 5, "kind": "person", "url": "/p"}]
    segs = segments("abcdefghijkl", spans)
    assert "".join(s["text"] for s in segs) == "abcdefghijkl"
    inner = next(s for s in segs if s["start"] == 2)
    assert inner["entity"]["url"] == "/p" and inner["facts"] == ["statement"]
    assert segs[-1]["entity"] is None and segs[-1]["fact"] is None


def test_search_kind_filter_and_newest_documents(client):
    hits = client.get("/web/search.json", params={"q": "hoa van", "kind": "place"}).json()["items"]
    assert hits and {h["kind"] for h in hits} == {"place"}
    home = client.get("/web/search.json").json()
    assert [d["id"] for d in home["documents"]] == [DOC_ID]
    assert "Bài viết mới nhất" in client.get("/web/search").text


def test_twin_schemas_in_openapi(client):
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/web/search.json"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/SearchPage")
    assert {"EntityPage", "DocumentPage", "GraphPage", "SparqlPage"} <= set(spec["components"]["schemas"])


def test_only_web_and_page_links_are_clickable(client):
    html = client.get("/web/sparql", params={"query": "SELECT ?x WHERE { BIND(IRI('javascript:alert(1)') AS ?x) }"}).text
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html
    doc = client.get(DOC + ".json").json()
    assert doc["url"] == DOC and doc["source_url"] is None
