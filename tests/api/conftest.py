"""API test fixtures: one store per backend, each served by a real uvicorn on a free loopback port.

* ``embedded``: an on-disk Oxigraph store with the bundled corpus ingested
  plus the invented documents of :mod:`tests.api.corpus`;
* ``remote``: a real ``oxigraph serve`` process; the same documents are put
  into it through the Graph Store Protocol, and the API runs over
  :class:`camket.remote.RemoteStore`.

``api`` is parametrised over both, so every API test runs against both backends.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.search import SearchIndex
from camket.store import EmbeddedStore

from . import corpus

ROOT = Path(__file__).resolve().parents[2]
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
TEST_SETTINGS = dict(query_timeout=1.0, max_rows=1000, sparql_workers=4)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@dataclass
class Api:
    backend: str
    url: str
    store: object

    def get(self, path: str, **kw) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kw)

    def json(self, path: str, **kw):
        r = self.get(path, **kw)
        assert r.status_code == 200, (path, r.status_code, r.text[:500])
        return r.json()

    def rows(self, query: str, bindings=None) -> list[dict]:
        return self.store.select(query, bindings)


class Server:
    """uvicorn serving ``app`` in a thread of the test process."""

    def __init__(self, app):
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        url = f"http://127.0.0.1:{self.port}"
        wait_for(url + "/openapi.json")
        return url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def _fill(store) -> None:
    from camket.ingest import ingest
    ingest([str(ROOT / "data" / "corpus")], store, on_error=lambda msg: None)
    for graph_iri, nt in corpus.documents():
        store.replace_document(graph_iri, nt)


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("api") / "store")
    _fill(store)
    return store


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                             "--bind", f"127.0.0.1:{port}", "--timeout-s", "20"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def remote_store(oxigraph_url, embedded_store, tmp_path_factory):
    from camket.remote import RemoteStore
    store = RemoteStore(oxigraph_url)
    store.search_index_path = str(tmp_path_factory.mktemp("remote-search") / "index.sqlite")
    for g in embedded_store.documents():  # Graph Store Protocol PUT, one graph per document
        quads = embedded_store._store.quads_for_pattern(None, None, None, ox.NamedNode(g))
        store.replace_document(g, ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode())
    return store


@pytest.fixture(scope="session", params=["embedded", "remote"])
def api(request):
    store = request.getfixturevalue(f"{request.param}_store")
    search = SearchIndex.for_store(store, build=True)
    app = create_app(store, Settings(**TEST_SETTINGS), search=search)
    with Server(app) as url:
        yield Api(request.param, url, store)
