"""``camket serve`` (uvicorn) and ``camket search-index rebuild``; registered into :mod:`camket.cli`.

Importing this module also registers the search index's ingest hook, so
``camket ingest`` keeps the index in step with the store.
"""
from __future__ import annotations

import sys

from camket.cli import COMMANDS, EXTRA_PARSERS, command
from camket.store import open_store

try:  # keeps the search index in step with `camket ingest`
    import camket.search  # noqa: F401
except ImportError:  # pragma: no cover
    pass


@command("serve")
def cmd_serve(args) -> int:
    import uvicorn

    from .app import create_app
    from .settings import Settings
    settings = Settings(read_only=args.read_only, query_timeout=args.timeout, max_rows=args.max_rows,
                        cors_origins=args.cors or Settings().cors_origins, search_path=args.search_index)
    where = f"{args.store or 'the default store'} on http://{args.host}:{args.port} (SPARQL at /sparql, docs at /docs)"
    if args.workers > 1:
        if not args.read_only:
            print("camket: --workers N needs --read-only (only one process may write to a store)", file=sys.stderr)
            return 2
        return _serve_workers(args, settings, where)
    app = create_app(open_store(args.store, read_only=args.read_only), settings)
    print(f"camket: serving {where}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _serve_workers(args, settings, where: str) -> int:
    """N uvicorn processes (:mod:`camket.api.asgi`), each with its own read-only store handle;
    this process keeps the search index in step meanwhile."""
    import threading

    import uvicorn

    from .app import _sync_quietly
    from .asgi import export, http_protocol
    from camket.search import SearchIndex
    store = open_store(args.store, read_only=True)
    idx = SearchIndex.for_store(store, settings.search_path)
    threading.Thread(target=_sync_quietly, args=(idx, store), daemon=True, name="search-sync").start()
    export(args.store, settings)
    print(f"camket: serving {where} with {args.workers} worker processes", file=sys.stderr)
    uvicorn.run("camket.api.asgi:app_from_env", factory=True, workers=args.workers, host=args.host,
                port=args.port, log_level=args.log_level, http=http_protocol())
    return 0


@command("search-index")
def cmd_search_index(args) -> int:
    from camket.search import SearchIndex
    store = open_store(args.store)
    idx = SearchIndex.for_store(store, args.search_index)
    if args.action == "optimize":
        idx.tidy(growth=0)
        print(f"search index {idx.path}: segments merged", file=sys.stderr)
        return 0
    n = idx.rebuild(store) if args.action == "rebuild" else idx.sync(store)
    print(f"search index {idx.path}: {n} documents (re)indexed", file=sys.stderr)
    return 0


def _parsers(sub, store_help: str) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API and SPARQL endpoint")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--store", default=None, help=store_help)
    p.add_argument("--read-only", action="store_true", help="open the store read-only")
    p.add_argument("--timeout", type=float, default=10.0, help="SPARQL time limit per query, seconds (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="SPARQL result row limit (default 10000)")
    p.add_argument("--cors", action="append", help="allowed CORS origin (repeatable, '*' for any)")
    p.add_argument("--search-index", default=None, help="path of the search index (default: beside the store)")
    p.add_argument("--workers", type=int, default=1,
                   help="uvicorn worker processes (needs --read-only; each opens the store read-only)")
    p.add_argument("--log-level", default="info")

    p = sub.add_parser("search-index", help="bring the full-text search index in step with the store")
    p.add_argument("action", choices=["sync", "rebuild", "optimize"], nargs="?", default="sync",
                   help="sync: index new and changed documents (default); rebuild: from scratch; "
                        "optimize: merge the index's segments now (ingest does when it grew by a tenth)")
    p.add_argument("--store", default=None, help=store_help)
    p.add_argument("--search-index", default=None, help="path of the search index (default: beside the store)")


if "serve" in COMMANDS and _parsers not in EXTRA_PARSERS:
    EXTRA_PARSERS.append(_parsers)
