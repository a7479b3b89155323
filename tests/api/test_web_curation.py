"""Entity pages apply researchers' judgements: merged spellings, rejected facts, pledge status."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.curation import Judgements
from camket.curation.apply import record
from camket.loaders.model import Analysis, Span, Statement
from camket.loaders.rdf import document_graph
from camket.loaders.read import SourceDocument
from camket.ontology import iri
from camket.store import open_store

from .test_web_pages import DOC_ID, sample_analysis, span

TEXT2 = "Ông Lò Văn Thach cho biết: \"Hòa Vân sẽ mở thêm hai trường nghề\".\n"
A, B = iri.person("Lò Văn Thạch"), iri.person("Lò Văn Thach")


def tone_slip_analysis() -> Analysis:
    doc = SourceDocument(doc_id="hoa-van-truong-nghe", text=TEXT2, source="hoa-van-truong-nghe.txt",
                         sha256=hashlib.sha256(TEXT2.encode()).hexdigest(), date="2031-09-01")
    a = Analysis(doc)
    start = TEXT2.index("Lò Văn Thach")
    person = a.entity("person", "Lò Văn Thach", span_of(start, "Lò Văn Thach"))
    said = TEXT2.index("Hòa Vân sẽ")
    a.statements.append(Statement(person, "direct", span_of(said, "Hòa Vân sẽ mở thêm hai trường nghề")))
    return a


def span_of(start: int, text: str) -> Span:
    return Span(start, start + len(text))


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    root = tmp_path_factory.mktemp("judged")
    store = open_store(root / "store")
    for analysis in (sample_analysis(), tone_slip_analysis()):
        store.replace_document(str(iri.document(analysis.doc.doc_id)),
                               document_graph(analysis).serialize(format="nt"))
    log = Judgements(root / "judgements.sqlite")
    first = {"by": "Lan", "why": "test"}
    record(store, log, "same-as", str(A), str(B), **first)
    rejected = str(iri.fact("statement", DOC_ID, *_reported()))
    record(store, log, "reject", rejected, None, **first)
    pledge = next(r["p"].value for r in store.select("SELECT ?p WHERE { ?p a ck:Pledge }"))
    record(store, log, "pledge-status", pledge, "kept", **first)
    with TestClient(create_app(store, Settings(query_timeout=5, max_rows=1000))) as c:
        yield c, rejected


def _reported() -> tuple[int, int]:
    s = span("Nghị quyết số 81-NQ/TW của Bộ Chính trị về phát triển đô thị số là kim chỉ nam")
    return s.start, s.end


def test_merged_spelling_redirects_to_one_page_with_both_facts(judged):
    client, _ = judged
    old = "/web/id/person/" + quote(iri.name_key("Lò Văn Thach"))
    r = client.get(old, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/web/id/person/" + quote(iri.name_key("Lò Văn Thạch"))
    page = client.get(r.headers["location"] + ".json").json()
    assert page["merged"] == [str(B)] and "Lò Văn Thach" in page["aliases"]
    texts = [s["text"] for s in page["statements"]["items"]]
    assert "Hòa Vân sẽ mở thêm hai trường nghề" in texts


def test_rejected_statement_is_left_out_and_pledge_status_shown(judged):
    client, rejected = judged
    page = client.get("/web/id/person/" + quote(iri.name_key("Lò Văn Thạch")) + ".json").json()
    assert rejected not in [s["iri"] for s in page["statements"]["items"]]
    assert page["statements"]["total"] == 2  # one direct quote here, one in the other article
    assert page["pledges"]["items"][0]["pledge_status"] == "kept"
    assert "đã thực hiện" in client.get("/web/id/person/" + quote(iri.name_key("Lò Văn Thạch"))).text


def test_graph_of_a_merged_entity_is_one_node(judged):
    client, _ = judged
    r = client.get("/web/graph/person/" + quote(iri.name_key("Lò Văn Thach")) + ".json")
    names = [n["name"] for n in r.json()["nodes"]]
    assert r.history and names.count("Lò Văn Thạch") == 1 and "Lò Văn Thach" not in names


def test_document_view_marks_judged_facts(judged):
    client, rejected = judged
    page = client.get(f"/web/id/doc/{DOC_ID}.json").json()
    assert {s["iri"]: s["curation"] for s in page["statements"]}[rejected] == "rejected"
    assert page["pledges"][0]["pledge_status"] == "kept"
    assert "bị bác" in client.get(f"/web/id/doc/{DOC_ID}").text
