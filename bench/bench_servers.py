"""Bulk load and lookups on SPARQL servers on loopback: Oxigraph server and Virtuoso. One command.

    python -m bench.bench_servers --articles 1000

Turns ``--articles`` synthetic articles into N-Quads (oracle graphs, or
``--source extract`` for the real pipeline), then for each engine found on this machine: starts it on 127.0.0.1
in a temporary folder, loads the quads (Oxigraph server: ``camket load URL/store``,
Graph Store Protocol; Virtuoso: its bulk loader through ``isql``), runs the
main lookups of :mod:`bench.bench_queries` over HTTP, and stops it. The
embedded store is measured alongside. Engines: ``oxigraph`` (pip package
``oxigraph``, in the test extras), ``virtuoso-t`` (Debian package
``virtuoso-opensource``; skipped when absent).
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.bench_queries import LOOKUPS, build_store, sample
from bench.common import ROOT, Timer, percentile, report, table
from bench.servers import isql, start_oxigraph, start_virtuoso, virtuoso_available


def virtuoso_bulk_load(sql_port: int, nq: Path, folder: Path) -> None:
    target = folder / "virtuoso" / nq.name
    shutil.copy(nq, target)
    isql(sql_port, f"ld_dir('{target.parent}', '{target.name}', 'urn:camket:default');\n"
                   "rdf_loader_run();\ncheckpoint;\n")


def http_select(client, url: str, query: str) -> int:
    resp = client.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    resp.raise_for_status()
    return len(resp.json()["results"]["bindings"])


def inline_values(query: str, bindings: dict) -> str:
    """Bindings as a VALUES block at the top of WHERE (Virtuoso 7 rejects a trailing VALUES
    on a variable that is not projected)."""
    from camket.store import term_to_sparql
    if not bindings:
        return query
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(term_to_sparql(v) for v in bindings.values())
    return query.replace("WHERE {", f"WHERE {{ VALUES ({names}) {{ ({values}) }}", 1)


def lookup_texts(store) -> list[tuple[str, str]]:
    """The lookups of bench_queries with their parameters filled in, as full query texts."""
    from camket.ontology import sparql_prefixes
    out = []
    for label, (query, samplers) in LOOKUPS.items():
        bindings = {name: sample(store, sq) for name, sq in samplers.items()}
        if all(v is not None for v in bindings.values()):
            out.append((label, sparql_prefixes() + inline_values(query, bindings)))
    return out


def latencies(run, reps: int) -> tuple[float, float, int]:
    times, rows = [], 0
    for _ in range(reps):
        t0 = time.perf_counter()
        rows = run()
        times.append(1000 * (time.perf_counter() - t0))
    return percentile(times, 50), percentile(times, 95), rows


def cell(measured: tuple[float, float, int]) -> str:
    p50, p95, rows = measured
    return f"{p50:.1f} / {p95:.1f} ({rows} rows)"


def bench(args, tmp: Path) -> None:
    store, build = build_store(args.articles, args.seed, tmp, args.workers, args.source)
    nq = build["nq"]
    quads = build["quads"]
    queries = lookup_texts(store)
    header = ["engine", "load s", "quads/s"] + [f"{label} p50/p95 ms" for label, _ in queries]
    rows = [["embedded Oxigraph (pyoxigraph, bulk_load)", build["load_s"], quads / build["load_s"]]
            + [cell(latencies(lambda q=q: len(list(store._store.query(q, use_default_graph_as_union=True))),
                              args.reps)) for _, q in queries]]
    engines = [("Oxigraph server over HTTP (camket load URL/store)", start_oxigraph, None)]
    if virtuoso_available():
        engines.append(("Virtuoso 7 over HTTP (isql bulk loader)", start_virtuoso, None))
    notes = [f"{build['documents']:,} documents, {quads:,} quads; N-Quads file {build['nq_bytes'] / 1e6:.0f} MB"]
    if len(engines) == 1:
        notes.append("Virtuoso not installed here (apt-get install virtuoso-opensource): skipped")
    for name, start, _ in engines:
        rows.append(run_engine(name, start, nq, tmp, queries, args.reps, quads))
    report("Servers", f"SPARQL servers on loopback, {build['documents']:,} documents",
           table(header, rows), notes, append=not args.no_append)


def run_engine(name, start, nq: Path, tmp: Path, queries, reps: int, quads: int) -> list:
    import httpx
    from camket.scale import load_http
    server, target = start(tmp)
    try:
        with Timer() as t:
            if isinstance(target, str):
                load_http(target, [str(nq)], append=True)
            else:
                virtuoso_bulk_load(target, nq, tmp)
        with httpx.Client(timeout=600) as client:  # one keep-alive connection, as an app would hold
            cells = [cell(latencies(lambda q=q: http_select(client, server.query_url, q), reps))
                     for _, q in queries]
        return [name, t.seconds, quads / t.seconds] + cells
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--source", choices=["gold", "extract"], default="gold",
                    help="quads from oracle graphs (default) or the real pipeline")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--no-append", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="camket-bench-") as tmp:
        bench(args, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
