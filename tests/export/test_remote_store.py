"""Exports read any store backend through SPARQL: the same invented corpus on
a real ``oxigraph serve`` gives the same network and the same quads."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from camket.export import Filters, build_projection, export
from camket.store import open_store

from .conftest import DOCS, ID, doc_ntriples

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    from tests.api.conftest import free_port, wait_for
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi-export")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        store = open_store(f"http://127.0.0.1:{port}")
        for doc_id, body in DOCS.items():
            store.replace_document(ID + "doc/" + doc_id, doc_ntriples(body))
        yield store
    finally:
        proc.terminate()
        proc.wait(10)


def summary(proj):
    return ({n.id: (n.kind, n.label, n.start, n.degree, n.statements) for n in proj.nodes.values()},
            {k: (e.weight, e.start, sorted(e.docs)) for k, e in proj.edges.items()})


def test_remote_projection_equals_embedded(remote, invented_store):
    assert summary(build_projection(remote)) == summary(build_projection(invented_store))
    ego = Filters(ego="Lê Thị Mơ", depth=2, since="2021")
    assert summary(build_projection(remote, ego)) == summary(build_projection(invented_store, ego))


def test_remote_rdf_dump_equals_embedded(remote, invented_store):
    for fmt, ox_fmt in (("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        dumps = []
        for store in (remote, invented_store):
            buf = io.BytesIO()
            export(store, fmt, buf, Filters(documents=frozenset({"bai-a", "bai-b"})))
            dumps.append(set(ox.parse(buf.getvalue(), format=ox_fmt)))
        assert dumps[0] == dumps[1] and len(dumps[0]) > 50
