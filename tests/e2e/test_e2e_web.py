"""The researcher pages in a real headless Chromium against a real uvicorn server.

Expectations are read from the store the server serves (extraction changes;
the pages must show what the store holds): search -> person page -> evidence
highlighted in the document -> back; a named query on the SPARQL page and its
CSV download; the graph view; a phone-sized page.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

from camket.api.web_data import web_url
from camket.named_queries import get_query
from camket.ontology.iri import fold

from .conftest import ARTIFACTS, require_browser, shot

require_browser()


def a_speaker(store) -> tuple[str, str]:
    """(IRI, name) of the person with most statements, else any person with evidence."""
    for where in ("?st ck:speaker ?p ; ck:evidence ?ev . ?p a schema:Person",
                  "?p a schema:Person ; ck:evidence ?ev"):
        rows = store.select(f"SELECT ?p (COUNT(?ev) AS ?n) WHERE {{ {where} }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")
        if rows:
            p = rows[0]["p"].value
            names = sorted(r["n"].value for r in store.select(f"SELECT ?n WHERE {{ <{p}> schema:name ?n }}"))
            return p, names[0]
    pytest.skip("the corpus store holds no person yet (extraction found none)")


@pytest.fixture
def offline(page, server):
    """Every request the page makes; the test asserts none leaves the server."""
    seen: list[str] = []
    page.on("request", lambda req: seen.append(req.url))
    return seen


def assert_local(urls: list[str], server: str) -> None:
    outside = [u for u in urls if not u.startswith(server) and not u.startswith("data:")]
    assert not outside, f"requests left the server: {outside[:5]}"


def test_search_person_evidence_in_document_and_back(page, server, corpus_store, offline):
    person_iri, name = a_speaker(corpus_store)
    person_url = web_url(person_iri)
    page.goto(f"{server}/web/search")
    page.fill("#q", fold(name))  # no accents typed
    page.press("#q", "Enter")
    hit = page.locator(f'li.hit a.hit-label[href="{person_url}"]')
    hit.wait_for()
    assert page.locator("li.hit .kind").first.is_visible()
    shot(page, "e2e-1-search")
    hit.click()
    page.wait_for_url(re.compile(re.escape(server + person_url) + "$"))
    assert page.locator("h1").inner_text().strip()
    shot(page, "e2e-2-person")

    link = page.locator("#statements a.evidence, #evidence-list a, #evidence ul a").first
    href = link.get_attribute("href")
    start, end = map(int, re.search(r"#char=(\d+),(\d+)$", href).groups())
    link.click()
    page.wait_for_url(re.compile(r"#char=\d+,\d+$"))
    targets = page.locator("#text .target")
    targets.first.wait_for()
    doc_url = page.url.split("#", 1)[0]
    text = page.request.get(doc_url + ".json").json()["text"]
    assert "".join(targets.all_inner_texts()) == text[start:end]
    box, viewport = targets.first.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"], "the highlighted evidence is scrolled into view"
    shot(page, "e2e-3-document-evidence")

    page.go_back()
    page.wait_for_url(re.compile(re.escape(server + person_url) + "$"))
    assert page.locator("h1").is_visible()
    shot(page, "e2e-4-back-to-person")
    assert_local(offline, server)


def test_named_query_on_sparql_page_and_csv_download(page, server, corpus_store, offline):
    name = "facts-entities"
    expected = len(corpus_store.select(get_query(name).text))
    page.goto(f"{server}/web/sparql")
    page.locator(f'a[data-name="{name}"]').click()
    page.locator("table.results").wait_for()
    columns = page.locator("table.results th").all_inner_texts()
    assert page.locator("table.results tbody tr").count() == min(expected, 1000)
    assert "org:Membership" in page.locator("#query").input_value() or "schema:Person" in \
        page.locator("#query").input_value()
    shot(page, "e2e-5-sparql")

    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "e2e-named-query.csv"
    download.save_as(str(path))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == columns and len(rows) - 1 == expected
    assert_local(offline, server)


def test_edit_and_run_a_query(page, server, offline):
    page.goto(f"{server}/web/sparql")
    page.fill("#query", "SELECT (COUNT(*) AS ?documents) WHERE { ?d a ck:Document }")
    page.click("#run")
    page.locator("table.results td").first.wait_for()
    assert int(page.locator("table.results td").first.inner_text()) >= 1


def test_graph_view_draws_the_neighbourhood(page, server, corpus_store, offline):
    person_iri, _ = a_speaker(corpus_store)
    url = web_url(person_iri).replace("/web/id/", "/web/graph/", 1)
    data = page.request.get(server + url + ".json").json()
    page.goto(server + url)
    page.wait_for_function("window.camketGraph && window.camketGraph.nodes().length > 0")
    assert page.evaluate("window.camketGraph.nodes().length") == len(data["nodes"])
    assert page.evaluate("window.camketGraph.edges().length") == len(data["edges"])
    assert page.locator("#cy canvas").count() > 0
    shot(page, "e2e-6-graph")
    assert_local(offline, server)


PHONE = (390, 844)
WIDEST_RIGHT_EDGE = """Math.max(...[...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-wrap, #cy'))  // these scroll inside themselves
    .map(e => e.getBoundingClientRect().right))"""


def test_pages_fit_a_phone(browser, server, corpus_store):
    person_iri, _ = a_speaker(corpus_store)
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, is_mobile=True)
    page = context.new_page()
    for name, url in (("person", web_url(person_iri)), ("sparql", "/web/sparql?name=facts-roles&run=1"),
                      ("search", "/web/search?q=ha+noi")):
        page.goto(server + url)
        overflow = page.evaluate(WIDEST_RIGHT_EDGE) - PHONE[0]
        assert overflow <= 1, f"{name} page is {overflow}px wider than a phone"
        shot(page, f"e2e-7-phone-{name}")
    context.close()


def test_a_highlighted_span_opens_its_entity(page, server, corpus_store, offline):
    person_iri, _ = a_speaker(corpus_store)
    doc = corpus_store.select(f"SELECT ?d WHERE {{ <{person_iri}> ck:evidence/ck:inDocument ?d }} LIMIT 1")[0]["d"]
    page.goto(server + web_url(doc.value))
    span = page.locator(f'#text a.hl[href="{web_url(person_iri)}"]').first
    span.click()
    page.wait_for_url(re.compile(re.escape(server + web_url(person_iri)) + "$"))
    assert page.locator(".entity-head .kind").inner_text().strip()
    assert_local(offline, server)


def a_busy_body(store) -> str:
    """The body with most documents mentioning it (its lists are the longest)."""
    rows = store.select("SELECT ?o (COUNT(DISTINCT ?d) AS ?n) WHERE { ?o a org:Organization ; ck:mentionedIn ?d } "
                        "GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1")
    if not rows or int(rows[0]["n"].value) < 2:
        pytest.skip("no body is mentioned in two documents of the corpus store")
    return rows[0]["o"].value


def test_next_moves_one_list_and_previous_comes_back(browser, server, corpus_store):
    body = web_url(a_busy_body(corpus_store))
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}{body}?limit=1")
    docs = page.locator("#documents ul.docs li")
    first = docs.first.inner_text()
    range_ = page.locator("#documents nav.pager .range").inner_text()
    assert range_.startswith("1–1 / ")
    page.locator("#documents nav.pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"documents_offset=1#documents$"))
    assert docs.count() == 1 and docs.first.inner_text() != first
    assert page.locator("#documents nav.pager .range").inner_text().startswith("2–2 / ")
    assert page.evaluate(WIDEST_RIGHT_EDGE) - PHONE[0] <= 1
    shot(page, "e2e-8-phone-body-second-document")
    page.locator("#documents nav.pager a[rel=prev]").click()
    page.wait_for_url(re.compile(r"\?limit=1#documents$"))
    assert docs.first.inner_text() == first
    context.close()
