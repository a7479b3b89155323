"""RemoteStore against a real ``oxigraph serve``: Graph Store Protocol writes, SPARQL reads, ingest."""
from __future__ import annotations

import io
import subprocess

import pyoxigraph as ox
import pytest

from camket.ingest import ingest
from camket.remote import RemoteStore
from camket.store import StoreError, open_store

from tests.api import corpus
from tests.api.conftest import OXIGRAPH, free_port, wait_for

DOC_A = "https://w3id.org/camket/id/doc/tin-a"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi-remote")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def store(url, tmp_path_factory):
    s = open_store(url)
    s.search_index_path = str(tmp_path_factory.mktemp("remote-idx") / "i.sqlite")
    for g, nt in corpus.documents():
        s.replace_document(g, nt)
    return s


def test_open_store_picks_the_remote_backend(store):
    assert isinstance(store, RemoteStore) and store.kind == "remote"
    assert store.documents() == [DOC_A, "https://w3id.org/camket/id/doc/tin-b"]


def test_reads_like_the_embedded_store(store, tmp_path):
    from camket.store import EmbeddedStore
    local = EmbeddedStore(tmp_path / "s")
    for g, nt in corpus.documents():
        local.replace_document(g, nt)
    assert len(store) == len(local)
    assert store.document_state(DOC_A) == local.document_state(DOC_A) is not None
    q = "SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?p ?n"
    assert store.select(q) == local.select(q)
    assert bool(store.query("ASK { ?s a ck:Statement }"))
    triples = list(store.query("CONSTRUCT { ?s a ck:Statement } WHERE { ?s a ck:Statement }"))
    assert len(triples) == 5 and all(isinstance(t, ox.Triple) for t in triples)
    assert set(store.quads()) == set(local.quads())


def test_replace_is_whole_graph_and_remove(store):
    g = "https://w3id.org/camket/id/doc/tmp-x"
    store.replace_document(g, '<http://x/a> <http://x/b> "1" .\n<http://x/a> <http://x/b> "2" .')
    store.replace_document(g, '<http://x/a> <http://x/b> "3" .')
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    assert [r["o"].value for r in rows] == ["3"]
    store.remove_document(g)
    assert g not in store.documents()


def test_dump_and_load_nquads_round_trip(store, url, tmp_path):
    buf = io.BytesIO()
    store.dump(buf)
    quads = list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(store)


def test_read_only_refuses_writes(url):
    ro = RemoteStore(url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_document("https://w3id.org/camket/id/doc/x", "")


def test_errors_are_clear(store):
    with pytest.raises(SyntaxError):
        store.select("SELECT ?x WHERE { ?x")
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}")


def test_ingest_through_the_graph_store_protocol(store, tmp_path):
    src = tmp_path / "bai-moi.txt"
    src.write_text("Ông Hồ Văn Tín, Giám đốc Sở Thủy lợi tỉnh Đông Lâm, cho biết sẽ làm xong 3 hồ chứa.\n",
                   encoding="utf-8")
    report = ingest([str(src)], store, on_error=lambda m: None)
    assert report.ingested == ["bai-moi"] or report.failed  # extraction may still reject it; store is untouched then
    if report.ingested:
        g = "https://w3id.org/camket/id/doc/bai-moi"
        assert store.document_state(g) is not None
        assert ingest([str(src)], store).unchanged == ["bai-moi"]


def test_updates_and_the_statistics_graph_on_a_server(store):
    from camket import statistics
    store.update("INSERT DATA { GRAPH <urn:camket:test> { <urn:a> schema:name \"A\" } }")
    assert store.select("SELECT ?n WHERE { GRAPH <urn:camket:test> { <urn:a> schema:name ?n } }")[0]["n"].value == "A"
    store.remove_document("urn:camket:test")
    # the statistics hook keeps the derived graph on a server as on the embedded store
    assert statistics.writable(store)
    statistics.refresh(store, store.documents())
    assert statistics.has_statistics(store)
    held = {(r["s"].value, r["p"].value, r["o"].value) for r in store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{statistics.GRAPH_STATS}> {{ ?s ?p ?o }} }}")}
    statistics.rebuild(store)
    rebuilt = {(r["s"].value, r["p"].value, r["o"].value) for r in store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{statistics.GRAPH_STATS}> {{ ?s ?p ?o }} }}")}
    assert held == rebuilt and rebuilt
