"""Latency of the main API lookups, and the API's overhead over the store (used by bench_queries).

Runs the FastAPI app in process (``TestClient``, no network) over the bench's
store: paginated lists, a person page, a person's statements, a body page,
and ``/sparql`` with the same query that is also sent straight to the store,
so the difference is what the API layer costs per request.
"""
from __future__ import annotations

import time
from urllib.parse import quote

from bench.common import percentile

TOP_SPEAKER = ("SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ck:speaker ?x . ?x a schema:Person } "
               "GROUP BY ?x ORDER BY DESC(?n) LIMIT 1")
TOP_BODY = "SELECT ?x (COUNT(*) AS ?n) WHERE { ?m org:organization ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1"
DIRECT = ("SELECT ?st ?text WHERE {{ ?st a ck:Statement ; ck:speaker <{speaker}> ; ck:text ?text }} LIMIT 100")


SLOW_MS = 2000


def _times(call, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        call()
        out.append(1000 * (time.perf_counter() - t0))
    return out


CHILD = """
import json, sys
from bench.api_lookups import api_rows
from camket.store import open_store
job = json.loads(sys.stdin.read())
print(json.dumps(api_rows(open_store(job["path"], read_only=True), job["reps"], job["only"])))
"""


def api_rows_isolated(store, reps: int = 20, timeout_s: int = 120) -> list[list]:
    """:func:`api_rows`, each request in a read-only child process stopped after ``timeout_s``."""
    import json
    import subprocess
    import sys
    from bench.common import ROOT
    rows = []
    for only in range(len(API_PATHS) + 1):  # each path, then the /sparql overhead rows
        job = json.dumps({"path": str(store.location), "reps": reps, "only": only})
        try:
            res = subprocess.run([sys.executable, "-c", CHILD], input=job, capture_output=True, text=True,
                                 timeout=timeout_s, cwd=ROOT)
        except subprocess.TimeoutExpired:
            rows.append([f"GET {API_PATHS[only]}" if only < len(API_PATHS) else "/sparql overhead",
                         f"stopped after {timeout_s} s", f"> {1000 * timeout_s:,}", "", ""])
            continue
        if res.returncode == 0:
            rows.extend(json.loads(res.stdout.strip().splitlines()[-1]))
    return rows


API_PATHS = ["/people?limit=100", "/people/{speaker}", "/people/{speaker}/statements?limit=100",
             "/organizations/{body}", "/organizations/{body}?members_limit=100&limit=100&members_offset=100",
             "/organizations/{body}/members?limit=100&offset=100",
             "/statements?body={body}&limit=100&offset=1000", "/statements?limit=100", "/pledges?limit=100",
             "/documents?limit=100"]


def api_rows(store, reps: int = 20, only: int | None = None) -> list[list]:
    """Rows: endpoint, HTTP status, first request ms, p50 ms, p95 ms of the ``reps`` requests
    after it. The first request comes once the app has computed the whole-store list orders of a
    snapshot (a row says how long that took). Empty when the API is not installed."""
    try:
        from fastapi.testclient import TestClient
        from camket.api import graph
        from camket.api.app import create_app
        from camket.api.settings import Settings
    except ImportError:
        return []
    speaker, body = store.select(TOP_SPEAKER), store.select(TOP_BODY)
    if not speaker or not body:
        return []
    sp_iri, body_iri = speaker[0]["x"].value, body[0]["x"].value
    sp, bd = quote(graph.key_of(sp_iri), safe=""), quote(graph.key_of(body_iri), safe="")
    # no background search-index sync: on a store whose index lags (the 100k one's held 4,152 of
    # 100,000 documents) it indexes for minutes beside the timed requests (≈ 0.4 CPU-s per s)
    app = create_app(store, Settings(search_sync=False))
    client = TestClient(app)
    paths = [p.replace("{speaker}", sp).replace("{body}", bd) for p in API_PATHS]
    rows = []
    if getattr(app.state, "warm", None) is not None:  # a server that has been up for a while
        t0 = time.perf_counter()
        app.state.warm.join()
        if only in (None, 0):
            rows.append(["whole-store list orders, computed at start (background)", "", 1000 * (time.perf_counter() - t0), "", ""])
    for i, path in enumerate(paths):
        if only is not None and only != i:
            continue
        t0 = time.perf_counter()
        status = client.get(path).status_code
        first = 1000 * (time.perf_counter() - t0)
        # a request slower than SLOW_MS is timed once (the first call), not ``reps`` times
        t = [first] if first > SLOW_MS else _times(lambda p=path: client.get(p), reps)
        rows.append([f"GET {path.replace(sp, '{speaker}').replace(bd, '{body}')}", status, first,
                     percentile(t, 50), percentile(t, 95)])
    if only is not None and only != len(paths):
        return rows
    from camket.ontology import sparql_prefixes
    query = DIRECT.format(speaker=sp_iri)
    full = sparql_prefixes() + query
    direct = _times(lambda: store.select(query), reps)
    via = _times(lambda: client.get("/sparql", params={"query": full},
                                     headers={"Accept": "application/sparql-results+json"}), reps)
    rows.append(["same query straight to the store", "", "", percentile(direct, 50), percentile(direct, 95)])
    rows.append(["same query through GET /sparql", client.get("/sparql", params={"query": full}).status_code, "",
                 percentile(via, 50), percentile(via, 95)])
    harness = _times(lambda: client.get("/no-such-page"), reps)  # TestClient's own cost (a 404)
    rows.append(["TestClient's own cost (GET of an unknown path)", 404, "", percentile(harness, 50),
                 percentile(harness, 95)])
    rows.append(["API overhead (/sparql − straight − TestClient)", "", "",
                 percentile(via, 50) - percentile(direct, 50) - percentile(harness, 50), ""])
    return rows
