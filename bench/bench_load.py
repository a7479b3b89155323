"""Load: N concurrent async clients send a fixed number of requests to a real server on loopback.

The mix cycles through ``/people/{id}/statements``, ``/search``, ``/sparql``
and ``/queries/who-said-what`` with ids and words sampled from the store. Every
answer must be 2xx; the script prints p50/p95/p99 per kind and overall and
appends a "Load" section to BENCHMARKS.md. ``tests/api/test_load.py`` runs the
same :func:`run_load` in a short bounded form.

    python -m bench.bench_load --clients 50 --requests 5000 --store /tmp/s   # ingests data/corpus if empty
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.common import percentile, report, table

ROOT = Path(__file__).resolve().parent.parent
SPARQL = "SELECT ?s ?name WHERE { ?s a <https://schema.org/Person> ; <https://schema.org/name> ?name } LIMIT 20"


@dataclass
class LoadResult:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def request_mix(store, n: int = 20, seed: int = 7) -> list[tuple[str, str, dict]]:
    """(kind, path, query params) samples, deterministic for a given store."""
    from camket.api.graph import key_of
    from camket.ontology.iri import fold
    rnd = random.Random(seed)
    rows = store.select("SELECT DISTINCT ?p (MIN(STR(?n)) AS ?name) WHERE { ?st ck:speaker ?p . "
                        "?p a schema:Person ; schema:name ?n } GROUP BY ?p")
    rows = rnd.sample(rows, min(n, len(rows)))
    mix = []
    for r in rows:
        mix.append(("person statements", f"/people/{key_of(r['p'].value)}/statements", {}))
        mix.append(("search", "/search", {"q": fold(r["name"].value)}))
        mix.append(("sparql", "/sparql", {"query": SPARQL, "format": "json"}))
        mix.append(("who-said-what", "/queries/who-said-what", {"speaker": r["p"].value, "limit": 20}))
    return mix


async def run_load(url: str, mix: list, clients: int, requests: int, timeout: float = 60) -> LoadResult:
    """Send ``requests`` requests cycling over ``mix`` from ``clients`` concurrent keep-alive clients."""
    result, todo = LoadResult(), iter(itertools.islice(itertools.cycle(mix), requests))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient) -> None:
        for kind, path, params in todo:  # a shared iterator: each request is taken exactly once
            t0 = time.perf_counter()
            try:
                r = await client.get(path, params=params)
                ok, why = 200 <= r.status_code < 300, f"{r.status_code} {r.text[:120]}"
            except httpx.HTTPError as err:
                ok, why = False, f"{type(err).__name__}: {err}"
            result.latencies.setdefault(kind, []).append(time.perf_counter() - t0)
            if not ok:
                result.failures.append(f"{kind} {path} {params}: {why}")

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    result.seconds = time.perf_counter() - t0
    return result


def summary_rows(result: LoadResult) -> list[list]:
    def row(kind, values):
        ms = [v * 1000 for v in values]
        return [kind, len(ms), percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), max(ms)]
    rows = [row(k, v) for k, v in sorted(result.latencies.items())]
    return rows + [row("all", [x for v in result.latencies.values() for x in v])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--store", help="store directory (data/corpus is ingested into it if empty)")
    ap.add_argument("--corpus", default=str(ROOT / "data" / "corpus"))
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--workers", type=int, default=1, help="server processes (camket serve --workers)")
    ap.add_argument("--no-append", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = ap.parse_args(argv)
    from bench.bench_api import build_store, start_server
    from camket.store import EmbeddedStore
    store_dir = Path(args.store or tempfile.mkdtemp(prefix="camket-load-"))
    build_store(store_dir, None, args.corpus)
    store = EmbeddedStore(store_dir, read_only=True)
    mix, n_docs = request_mix(store), len(store.documents())
    store.close()
    server = start_server(str(store_dir), args.port, args.workers)
    try:
        result = asyncio.run(run_load(f"http://127.0.0.1:{args.port}", mix, args.clients, args.requests))
    finally:
        server.terminate()
        server.wait(30)
    body = table(["request", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"], summary_rows(result))
    notes = [f"{args.clients} concurrent httpx.AsyncClient connections, {args.requests:,} requests, "
             f"{n_docs:,} documents; `camket serve --read-only --workers {args.workers}` on loopback",
             f"throughput {result.total / result.seconds:,.0f} requests/s over {result.seconds:.1f} s; "
             f"errors (non-2xx or transport): {len(result.failures)}"]
    notes += [f"error: `{f[:200]}`" for f in result.failures[:3]]
    report("Load", f"Load: {args.clients} clients, {args.requests:,} requests", body, notes,
           append=not args.no_append)
    for f in result.failures[:10]:
        print("FAILED", f)
    return 1 if result.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
