"""Curation on a remote SPARQL store (``oxigraph serve``): judge, re-ingest, resolved graph."""
from __future__ import annotations

import subprocess

import pytest

from camket.curation import GRAPH_RESOLVED
from camket.ontology import ID
from camket.store import open_store

from tests.api.conftest import OXIGRAPH, free_port, wait_for

TEXT = "[Giàng A Lử] nói: \"Mùa này mưa nhiều\". [Giang A Lu] cam kết sửa đường.\n"


@pytest.fixture
def url(tmp_path):
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def test_judgements_on_a_remote_store(url, tmp_path, corpus, run_cli, monkeypatch):
    monkeypatch.setenv("CAMKET_JUDGEMENTS", str(tmp_path / "judgements.sqlite"))
    monkeypatch.setenv("CAMKET_SEARCH_INDEX", str(tmp_path / "search.sqlite"))
    folder = corpus({"r.txt": TEXT})
    assert run_cli("ingest", folder, "--store", url)[0] == 0
    code, out, err = run_cli("judge", "same-as", "person/giàng-a-lử", "person/giang-a-lu", "--by", "Hà",
                             "--why", "one village head", "--store", url)
    assert code == 0, err
    corpus({"r.txt": "Tin vắn. " + TEXT})
    code, _, err = run_cli("ingest", folder, "--store", url)
    assert code == 0 and "1 merged clusters" in err and "ORPHANED" not in err
    store = open_store(url)
    rows = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?a owl:sameAs ?b }} }}")
    assert [(r["a"].value, r["b"].value) for r in rows] == [(f"{ID}person/giang-a-lu", f"{ID}person/giàng-a-lử")]
