"""Entity pages show long lists one page at a time: totals, prev/next links, the same data in
the HTML page and its JSON twin. The corpus: five invented articles, each with one member of
the same invented body saying one thing."""
from __future__ import annotations

import hashlib
import html
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.api.web_lists import Paging
from camket.curation import Judgements
from camket.curation.apply import record
from camket.loaders.model import Analysis, Membership, Span, Statement
from camket.loaders.rdf import document_graph
from camket.loaders.read import SourceDocument
from camket.ontology import iri
from camket.store import open_store

BODY = "Sở Thử Nghiệm tỉnh Hòa Vân"
PEOPLE = ["Lò Văn An", "Lò Văn Bình", "Lò Văn Cường", "Lò Văn Dũng", "Lò Văn Giang"]
N = len(PEOPLE)


def _analysis(i: int, person: str) -> Analysis:
    said = f"Sở sẽ mở {i + 2} phòng thí nghiệm mới"
    text = f"Ông {person}, Giám đốc {BODY}, cho biết: \"{said}\".\n"
    at = text.index
    doc = SourceDocument(doc_id=f"thu-nghiem-{i}", text=text, source=f"thu-nghiem-{i}.txt", title=f"Bài thử {i}",
                         date=f"2031-0{i + 1}-15", publisher="Báo Thử Nghiệm", sha256=hashlib.sha256(text.encode()).hexdigest())
    a = Analysis(doc)
    body = a.entity("org", BODY, Span(at(BODY), at(BODY) + len(BODY)), org_kind="department")
    who = a.entity("person", person, Span(at(person), at(person) + len(person)), gender="male", honorific="ông")
    post = f"{person}, Giám đốc {BODY}"
    a.memberships.append(Membership(who, f"Giám đốc {BODY}", "Giám đốc", body, Span(at(post), at(post) + len(post)),
                                    f"2031-0{i + 1}-15"))
    a.statements.append(Statement(who, "direct", Span(at(said), at(said) + len(said)), verb="cho biết"))
    return a


def _store(path):
    store = open_store(path)
    for i, person in enumerate(PEOPLE):
        store.replace_document(str(iri.document(f"thu-nghiem-{i}")), document_graph(_analysis(i, person)).serialize(format="nt"))
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(_store(tmp_path_factory.mktemp("web-lists") / "store"),
                               Settings(query_timeout=5, max_rows=1000))) as c:
        yield c


URL = "/web/id/org/" + quote(iri.name_key(BODY))
LISTS = {"posts": lambda p: p["person"]["name"], "statements": lambda s: s["text"], "documents": lambda d: d["id"]}


def _walk(client, name: str, limit: int) -> list[dict]:
    """Every page of list ``name`` reached by following its ``next`` links from the first page."""
    pages, url = [], f"{URL}.json?limit={limit}"
    while url:
        pages.append(client.get(url).json()[name])
        nxt = pages[-1]["next"]
        url = nxt and nxt.split("#")[0].replace(URL, URL + ".json", 1)
    return pages


@pytest.mark.parametrize("name", sorted(LISTS))
def test_next_links_walk_the_whole_list_once_in_order(client, name):
    whole = client.get(f"{URL}.json?limit=500").json()[name]
    assert whole["total"] == N and len(whole["items"]) == N and whole["next"] is None and whole["prev"] is None
    pages = _walk(client, name, 2)
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert [p["offset"] for p in pages] == [0, 2, 4] and {p["total"] for p in pages} == {N}
    assert pages[0]["prev"] is None and pages[-1]["next"] is None
    assert pages[1]["prev"] == f"{URL}?limit=2#{name}" and pages[2]["prev"] == f"{URL}?limit=2&{name}_offset=2#{name}"
    key = LISTS[name]
    assert [key(i) for p in pages for i in p["items"]] == [key(i) for i in whole["items"]]


def test_members_oldest_post_first_and_documents_newest_first(client):
    page = client.get(f"{URL}.json").json()
    assert [p["person"]["name"] for p in page["posts"]["items"]] == PEOPLE
    assert [d["id"] for d in page["documents"]["items"]] == [f"thu-nghiem-{i}" for i in reversed(range(N))]
    assert {e["document"] for e in page["evidence"]} == {f"thu-nghiem-{i}" for i in range(N)}


def test_moving_one_list_keeps_the_others(client):
    page = client.get(f"{URL}.json?limit=2&posts_offset=2&statements_offset=4").json()
    assert page["posts"]["offset"] == 2 and page["statements"]["offset"] == 4 and page["documents"]["offset"] == 0
    assert page["documents"]["next"] == f"{URL}?limit=2&posts_offset=2&statements_offset=4&documents_offset=2#documents"
    assert page["statements"]["next"] is None and len(page["statements"]["items"]) == 1
    shown = {e["document"] for e in page["evidence"]}  # mentions: in the documents shown only
    assert shown == {d["id"] for d in page["documents"]["items"]} and len(shown) == 2
    past_the_end = client.get(f"{URL}.json?limit=2&posts_offset=9").json()["posts"]
    assert past_the_end["items"] == [] and past_the_end["total"] == N and past_the_end["next"] is None


def test_html_page_shows_the_twins_data_and_links(client):
    query = "?limit=2&posts_offset=2"
    twin, page = client.get(f"{URL}.json{query}").json(), client.get(URL + query).text
    for name, key in LISTS.items():
        lst = twin[name]
        assert f"{lst['offset'] + 1}–{lst['offset'] + len(lst['items'])} / {lst['total']}" in page
        for link in (lst["prev"], lst["next"]):
            if link:
                assert f'href="{html.escape(link)}"' in page
    assert all(html.escape(p["person"]["name"]) in page for p in twin["posts"]["items"])
    hidden = [p for p in PEOPLE if p not in {x["person"]["name"] for x in twin["posts"]["items"]}]
    assert not any(f">{p}</a> — <strong>" in page for p in hidden)  # other members are on other pages
    assert all(st["text"] in page for st in twin["statements"]["items"])


def test_page_links_leave_default_limit_and_zero_offsets_out():
    paging = Paging("/web/id/org/x", 20, {"posts": 0, "statements": 40})
    assert paging.link("posts", 20) == "/web/id/org/x?posts_offset=20&statements_offset=40#posts"
    assert paging.link("statements", 0) == "/web/id/org/x#statements"
    assert paging.page("documents", 20, list(range(20)))["next"] is None
    assert paging.page("documents", 21, list(range(20)))["next"] == "/web/id/org/x?statements_offset=40&documents_offset=20#documents"


def test_openapi_documents_the_paged_lists(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/web/id/{path}.json"]["get"]["parameters"]}
    assert {"limit", "posts_offset", "statements_offset", "pledges_offset", "documents_offset"} <= params
    schemas = spec["components"]["schemas"]
    documents = schemas["EntityPage"]["properties"]["documents"]
    listed = schemas[documents["$ref"].rsplit("/", 1)[-1]]
    assert {"total", "limit", "offset", "items", "prev", "next"} <= set(listed["properties"])


def test_a_rejected_post_leaves_the_members_list_and_its_total(tmp_path):
    store = _store(tmp_path / "store")
    post = next(r["m"].value for r in store.select(
        "SELECT ?m WHERE { ?m a org:Membership ; org:member ?p . ?p schema:name ?n } ORDER BY ?n LIMIT 1"))
    record(store, Judgements(tmp_path / "judgements.sqlite"), "reject", post, None, by="Lan", why="test")
    with TestClient(create_app(store, Settings(query_timeout=5, max_rows=1000))) as c:
        posts = c.get(f"{URL}.json?limit=2").json()["posts"]
        rest = c.get(f"{URL}.json?limit=2&posts_offset=2").json()["posts"]
    shown = [p["iri"] for p in posts["items"] + rest["items"]]
    assert posts["total"] == N - 1 and post not in shown and len(shown) == N - 1
