"""The FastAPI application: routers, error handling, CORS, extra routers.

Public API::

    from camket.api.app import create_app
    from camket.api.settings import Settings
    app = create_app(store, Settings(query_timeout=5, max_rows=10_000, cors_origins=["*"]))

Errors are JSON ``{"error": message, "status": code}``, never a stack trace.
Modules named in :data:`EXTRA_ROUTERS` are included when importable (each
exposes ``router``), so exports and web pages plug in without editing this file.
"""
from __future__ import annotations

import importlib
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException

from camket import __version__

from .body_limit import BodyLimit
from .graph import Moved, NotFound
from .settings import Settings
from .timing import ServerTiming
from .warm import warm
from .sparql_exec import QueryError, QueryExecutor, TooLarge, TooSlow

log = logging.getLogger("camket.api")

ROUTERS = ["sparql", "people", "statements", "organizations", "policies", "pledges", "events", "places",
           "documents", "search", "queries", "memberships"]
EXTRA_ROUTERS = ["camket.api.export_routes", "camket.api.web", "camket.api.curation_routes"]


def create_app(store, settings: Settings | None = None, search=None) -> FastAPI:
    """The API over ``store`` (embedded or remote); ``search`` defaults to the store's index."""
    settings = settings or Settings()
    app = FastAPI(title="camket", version=__version__,
                  description="Who said what in Vietnamese news: SPARQL endpoint, lookups with evidence, search.")
    app.state.store, app.state.settings = store, settings
    app.state.sparql = QueryExecutor(store, settings.query_timeout, settings.max_rows, settings.sparql_workers)
    app.state.search = (search or None) if search is not None else _open_search(store, settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(ServerTiming)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=settings.cors_methods,
                           allow_headers=["*"])
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"camket.api.routers.{name}").router)
    for module in EXTRA_ROUTERS:
        _include_extra(app, module)
    _error_handlers(app)
    _warm_void(app)
    app.state.warm = warm(store)  # the whole-store list orders of a read-only snapshot, in the background
    app.router.add_event_handler("shutdown", app.state.sparql.shutdown)
    return app


def _open_search(store, settings: Settings):
    """The store's search index, brought up to date in a background thread (serves meanwhile)."""
    try:
        import threading

        from camket.search import SearchIndex
        idx = SearchIndex.for_store(store, settings.search_path)
        sync = settings.search_sync  # else another process keeps it in step (camket serve --workers N)
        threading.Thread(target=_sync_quietly, args=(idx, store, sync), daemon=True, name="search-sync").start()
        return idx
    except Exception as err:  # noqa: BLE001 - the API still serves everything else
        log.warning("search index unavailable: %s", err)
        return None


def _warm_void(app: FastAPI) -> None:
    """Compute the service description's VoID counts in the background (seconds on a large store)."""
    import threading
    import time

    from .routers.sparql import _compute_stats

    def run():
        try:
            app.state.void_cache = (time.monotonic(), _compute_stats(app.state.store))
        except Exception as err:  # noqa: BLE001
            log.warning("VoID statistics failed: %s", err)
    threading.Thread(target=run, daemon=True, name="void-stats").start()


def _sync_quietly(idx, store, sync: bool = True) -> None:
    """Bring the index in step (``sync``), then build its typo-tolerant name matcher, so that
    no request waits for it (≈ 0.5 s of CPU at 10,000 articles, holding the interpreter)."""
    try:
        n = idx.sync(store) if sync else 0
        if n:
            log.info("search index: %d documents (re)indexed", n)
        idx.warm()
    except Exception as err:  # noqa: BLE001
        log.warning("search index sync failed: %s", err)


def _include_extra(app: FastAPI, module: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and module.startswith(err.name):
            return
        raise
    app.include_router(mod.router)


def _json(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Moved)
    async def moved(request: Request, err: Moved):
        """Old ids of merged nodes keep resolving: 307 to the canonical id."""
        from urllib.parse import quote
        path = request.url.path
        for old in (err.old_key, quote(err.old_key)):
            if old in path:
                path = path.replace(old, quote(err.new_key), 1)
                break
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(path + query, status_code=307)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, err: NotFound):
        return _json(404, str(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException):
        return _json(err.status_code, str(err.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError):
        msgs = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in err.errors())
        return _json(422, f"invalid request: {msgs}")

    @app.exception_handler(QueryError)
    async def query_error(request: Request, err: QueryError):
        return _json(400, str(err))

    @app.exception_handler(TooSlow)
    async def too_slow(request: Request, err: TooSlow):
        return _json(503, f"query stopped: it ran longer than the {app.state.settings.query_timeout:g} s limit")

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, err: TooLarge):
        return _json(413, f"result too large: more than {app.state.settings.max_rows} rows")

    @app.exception_handler(Exception)
    async def internal(request: Request, err: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return _json(500, f"internal error ({type(err).__name__}); the server log has the details")
