"""``camket serve --workers N``: refused without --read-only; each worker builds its app from the environment."""
from __future__ import annotations

from fastapi.testclient import TestClient

from camket.api import asgi
from camket.api.settings import Settings
from camket.store import EmbeddedStore


def test_workers_need_a_read_only_store(run_cli, store_dir):
    code, _, err = run_cli("serve", "--store", store_dir, "--workers", "2")
    assert code == 2 and "--read-only" in err


def test_a_worker_opens_the_store_read_only_with_the_parent_settings(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "store")
    store.close()
    monkeypatch.setenv(asgi.ENV, "")
    asgi.export(str(tmp_path / "store"), Settings(max_rows=7, search_path=str(tmp_path / "idx.sqlite")))
    app = asgi.app_from_env()
    assert app.state.store.read_only and app.state.settings.max_rows == 7
    assert app.state.settings.search_sync is False  # the parent process keeps the index in step
    assert TestClient(app).get("/people").json()["total"] == 0


def test_workers_speak_httptools_with_nagle_off_on_every_connection():
    """uvicorn gives workers a socket of protocol 0, on which asyncio leaves Nagle on."""
    import asyncio
    import pickle
    import socket

    import uvicorn
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    from uvicorn.server import ServerState

    protocol = asgi.http_protocol()
    assert issubclass(protocol, HttpToolsProtocol)
    assert pickle.loads(pickle.dumps(protocol)) is protocol  # uvicorn pickles it into each worker
    config = uvicorn.Config(app=lambda *a: None, http=protocol)
    config.load()

    async def accept_one():
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # protocol 0, as uvicorn makes it
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.create_connection(listener.getsockname())
        conn, _ = listener.accept()
        assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        transport, _ = await asyncio.get_running_loop().connect_accepted_socket(
            lambda: protocol(config=config, server_state=ServerState(), app_state={}), conn)
        nodelay = conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        transport.close()
        client.close()
        listener.close()
        return nodelay

    assert asyncio.run(accept_one()) != 0


def test_camket_serve_with_two_worker_processes_answers(run_cli, store_dir, tmp_path):
    """The real thing: `camket serve --workers 2 --read-only` starts both workers and serves."""
    import httpx

    from bench.servers import start_camket_api

    doc = tmp_path / "a.txt"
    doc.write_text("Sáng 3/4, ông Lý Văn Tường, Giám đốc Sở Tư pháp tỉnh Kon Tum, cho biết sẽ hoàn thành.",
                   encoding="utf-8")
    assert run_cli("ingest", doc, "--store", store_dir)[0] == 0
    proc, base = start_camket_api(str(store_dir), None, "--workers", "2")
    try:
        people = httpx.get(f"{base}/people", timeout=30).json()
        assert [p["name"] for p in people["items"]] == ["Lý Văn Tường"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
