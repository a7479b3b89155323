"""Running a user's SPARQL query with a time limit and a row limit.

The query runs in a worker thread (pyoxigraph releases the GIL) that collects
rows and checks the deadline and the row cap between rows; the caller waits
at most the time limit. A query stopped while it still yields rows ends at
once; one that computes for long before its first row (a huge aggregate)
keeps its worker thread until the engine returns, and the pool of workers is
bounded, so such queries cannot pile up.

Public API::

    executor = QueryExecutor(store, timeout=10, max_rows=10000, workers=4)
    result = await executor.run(query, default_graphs=[...], named_graphs=[...])
    # raises QueryError (400), TooSlow (503), TooLarge (413)
"""
from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox


class QueryError(Exception):
    """Malformed query (the parser's message) or one the engine cannot run."""


class TooSlow(Exception):
    """The query ran past the time limit."""


class TooLarge(Exception):
    """The result has more rows than allowed."""


@dataclass
class Result:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)


def supports_substitutions(store) -> bool:
    """True for the embedded store (pyoxigraph substitutes variables before evaluation, SEP-0007)."""
    return not hasattr(store, "sparql")


def raw_query(store, query: str, default_graphs: list[str], named_graphs: list[str], substitutions=None):
    """Run ``query`` as written (no added prefixes), union default graph unless graphs are given."""
    if hasattr(store, "sparql"):  # remote backend
        if substitutions:
            raise QueryError("variable substitution needs the embedded store")
        return store.sparql(query, default_graphs, named_graphs)
    kwargs = {"substitutions": {ox.Variable(k): v for k, v in substitutions.items()}} if substitutions else {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return store._store.query(query, **kwargs)


def collect(results, deadline: float, max_rows: int, stop: threading.Event) -> Result:
    """Materialise pyoxigraph results, enforcing the deadline and the row cap."""
    if isinstance(results, (bool, ox.QueryBoolean)):
        return Result("ask", boolean=bool(results))
    out = Result("select", variables=[v.value for v in results.variables]) \
        if isinstance(results, ox.QuerySolutions) else Result("graph")
    bucket = out.rows if out.kind == "select" else out.triples
    for item in results:
        if stop.is_set() or time.monotonic() > deadline:
            raise TooSlow()
        if len(bucket) >= max_rows:
            raise TooLarge()
        bucket.append([item[v] for v in out.variables] if out.kind == "select" else item)
    return out


class QueryExecutor:
    def __init__(self, store, timeout: float, max_rows: int, workers: int = 4):
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    def _run(self, query: str, dg: list[str], ng: list[str], stop: threading.Event, subs=None) -> Result:
        deadline = time.monotonic() + self.timeout
        try:
            results = raw_query(self.store, query, dg, ng, subs)
        except SyntaxError as err:
            raise QueryError(f"malformed query: {err}") from None
        except (ValueError, OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from None
        try:
            return collect(results, deadline, self.max_rows, stop)
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from None

    async def run(self, query: str, default_graphs=(), named_graphs=(), substitutions=None) -> Result:
        stop = threading.Event()
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self.pool, self._run, query, list(default_graphs), list(named_graphs), stop,
                                   substitutions)
        try:
            return await asyncio.wait_for(fut, self.timeout)
        except asyncio.TimeoutError:
            stop.set()
            raise TooSlow() from None

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
