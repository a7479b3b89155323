"""App wiring (no server needed): CORS, JSON errors without stack traces, extra routers, the CLI."""
from __future__ import annotations

import sys
import types

from fastapi import APIRouter
from fastapi.testclient import TestClient

from camket.api import app as app_module
from camket.api.app import create_app
from camket.api.settings import Settings


class BrokenStore:
    """A store whose every query fails, to see what a client gets on an internal error."""

    def select(self, *a, **k):
        raise RuntimeError("secret internal detail /home/x/stack")

    query = select

    def documents(self):
        return []


def _client(settings=None, store=None) -> TestClient:
    return TestClient(create_app(store or BrokenStore(), settings or Settings(), search=False),
                      raise_server_exceptions=False)


def test_internal_errors_are_json_without_stack_trace():
    r = _client().get("/people")
    assert r.status_code == 500
    body = r.json()
    assert body["status"] == 500 and "internal error" in body["error"]
    assert "Traceback" not in r.text and "secret" not in r.text


def test_cors_is_configurable():
    c = _client(Settings(cors_origins=["https://research.example"]))
    r = c.options("/people", headers={"Origin": "https://research.example", "Access-Control-Request-Method": "GET"})
    assert r.headers["access-control-allow-origin"] == "https://research.example"
    r = _client().get("/docs", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_extra_routers_plug_in(monkeypatch):
    mod = types.ModuleType("camket_test_extra_routes")
    mod.router = APIRouter()
    mod.router.add_api_route("/extra-hello", lambda: {"hello": "world"})
    monkeypatch.setitem(sys.modules, mod.__name__, mod)
    monkeypatch.setattr(app_module, "EXTRA_ROUTERS", [mod.__name__, "camket.api.not_written_yet"])
    assert _client().get("/extra-hello").json() == {"hello": "world"}


def test_serve_command_is_registered():
    from camket.cli import _load_plugins, build_parser
    _load_plugins()
    args = build_parser().parse_args(["serve", "--port", "9", "--read-only", "--timeout", "3", "--max-rows", "7",
                                      "--cors", "*"])
    assert (args.port, args.read_only, args.timeout, args.max_rows, args.cors) == (9, True, 3.0, 7, ["*"])


def test_every_response_says_how_long_the_app_took():
    from fastapi.testclient import TestClient

    from camket.api.app import create_app
    from camket.store import EmbeddedStore
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        r = TestClient(create_app(EmbeddedStore(d + "/store"), search=False)).get("/people")
        name, _, dur = r.headers["server-timing"].partition(";dur=")
        assert name == "app" and float(dur) >= 0
