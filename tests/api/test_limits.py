"""Request size limit (JSON 413, declared or streamed) and CORS: off by default, read-only unless configured."""
from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.api.settings import Settings

from .conftest import TEST_SETTINGS, Server

LIMIT = 2_000
QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
SPARQL = {"content-type": "application/sparql-query", "accept": "application/sparql-results+json"}


def _client(store, **settings) -> TestClient:
    return TestClient(create_app(store, Settings(**{**TEST_SETTINGS, **settings}), search=False),
                      raise_server_exceptions=False)


def _padded(size: int) -> str:
    return QUERY + "\n#" + "x" * (size - len(QUERY) - 2)


def _assert_413(r) -> None:
    assert r.status_code == 413, (r.status_code, r.text[:200])
    assert r.json()["status"] == 413 and "too large" in r.json()["error"] and f"{LIMIT:,}" in r.json()["error"]


def test_default_limit_is_one_megabyte():
    assert Settings().max_request_bytes == 1 << 20


def test_body_under_the_limit_is_answered(embedded_store):
    r = _client(embedded_store, max_request_bytes=LIMIT).post("/sparql", content=_padded(LIMIT - 10), headers=SPARQL)
    assert r.status_code == 200, r.text[:200]


def test_declared_length_over_the_limit_is_413(embedded_store):
    c = _client(embedded_store, max_request_bytes=LIMIT)
    _assert_413(c.post("/sparql", content=_padded(LIMIT + 1), headers=SPARQL))
    _assert_413(c.post("/sparql", data={"query": _padded(LIMIT * 5)}))


def test_streamed_body_over_the_limit_is_413(embedded_store):
    def chunks():  # no Content-Length: chunked transfer through a real server
        for _ in range(50):
            yield b"#" + b"x" * 499 + b"\n"
    with Server(create_app(embedded_store, Settings(**TEST_SETTINGS, max_request_bytes=LIMIT), search=False)) as url:
        _assert_413(httpx.post(url + "/sparql", content=chunks(), headers=SPARQL, timeout=30))
        ok = httpx.post(url + "/sparql", content=iter([QUERY.encode()]), headers=SPARQL, timeout=30)
        assert ok.status_code == 200, ok.text[:200]


def test_cors_is_off_by_default(embedded_store):
    c = _client(embedded_store)
    r = c.get("/people", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    r = c.options("/sparql", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_cors_allows_no_writes_unless_configured(embedded_store, method):
    origin = {"Origin": "https://research.example", "Access-Control-Request-Method": method}
    c = _client(embedded_store, cors_origins=["https://research.example"])
    assert c.options("/people", headers={**origin, "Access-Control-Request-Method": "GET"}).status_code == 200
    r = c.options("/sparql", headers=origin)
    assert r.status_code == 400 and method not in r.headers.get("access-control-allow-methods", "")
    c = _client(embedded_store, cors_origins=["https://research.example"], cors_methods=["GET", method])
    r = c.options("/sparql", headers=origin)
    assert r.status_code == 200 and method in r.headers["access-control-allow-methods"]
