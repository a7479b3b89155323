"""End-to-end fixtures: a real uvicorn server over a store ingested from ``data/corpus``,
and a real headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright.

Test modules call :func:`require_browser` first: they are skipped, with the
reason, when ``/usr/bin/chromium`` (or ``$CAMKET_CHROMIUM``) or the
``playwright`` package is absent. Screenshots go to ``test-artifacts/`` (gitignored).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CAMKET_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]



def require_browser() -> None:
    """Skip (with the reason) unless Chromium and Playwright are installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"end-to-end browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api", reason="end-to-end tests need `pip install playwright`")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    from camket.ingest import ingest
    from camket.store import open_store
    store = open_store(tmp_path_factory.mktemp("e2e") / "store")
    ingest([str(CORPUS)], store, on_error=lambda msg: None)
    return store


@pytest.fixture(scope="session")
def server(corpus_store):
    """Base URL of a uvicorn server (in a thread) serving the app over the corpus store."""
    import uvicorn

    from camket.api.app import create_app
    from camket.api.settings import Settings
    port = free_port()
    app = create_app(corpus_store, Settings(query_timeout=10, max_rows=10000))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def shot(pg, name: str) -> Path:
    """Save a screenshot of the page as ``test-artifacts/<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path
