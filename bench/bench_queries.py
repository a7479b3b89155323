"""Query latency on Oxigraph vs rdflib in memory, exports, and whole-store validation. One command.

    python -m bench.bench_queries --articles 1000
    python -m bench.bench_queries --articles 100 --no-append      # CI smoke
    python -m bench.bench_queries --store /tmp/x/store-1-full      # reuse a store built by bench_ingest

Builds a store from ``--articles`` synthetic articles (by default their
oracle graphs, :mod:`bench.gold_graph`, written by camket's RDF writer so
10k-100k articles are affordable; ``--source extract`` runs the real
pipeline through ``camket extract``), bulk-loaded as ``camket load`` does
(both timed), or reuses ``--store``. Then, for every named query in
``queries/`` (parameters filled with real values from the store) and the
main lookups the API makes, p50/p95 latency straight on the embedded
Oxigraph store and on rdflib's in-memory SPARQL engine over the same quads,
with the ratio. Also GEXF/GraphML export time and RSS, and whole-store
``camket validate`` time against the per-document SHACL cost.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.api_lookups import api_rows, api_rows_isolated
from bench.common import ROOT, Timer, load_average, peak_rss_mb, percentile, report, table
from camket.statistics import GRAPH_STATS

PEOPLE_IN_BODY = ("SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?m org:organization ?org ; org:member ?p . "
                  "?p schema:name ?name } }")
# main lookups (what the API pages do): name -> (query, parameter -> sampler query)
LOOKUPS = {
    "statements of one speaker (page of 100)": (
        "SELECT ?st ?text ?doc WHERE { ?st a ck:Statement ; ck:speaker ?speaker ; ck:text ?text ; "
        "ck:inDocument ?doc } LIMIT 100", {"speaker": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ck:speaker ?x } "
                                           "GROUP BY ?x ORDER BY DESC(?n) LIMIT 1"}),
    "people in one body (page of 100)": (  # the name as the post's article writes it: GRAPH ?g, not a
        # join with every copy of the name in the union graph (same pairs: tests/queries/test_rewritten.py)
        PEOPLE_IN_BODY + " LIMIT 100", {"org": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?m org:organization ?x } "
                                                "GROUP BY ?x ORDER BY DESC(?n) LIMIT 1"}),
    "documents mentioning one entity (page of 100)": (
        "SELECT DISTINCT ?doc WHERE { ?e ck:mentionedIn ?doc } LIMIT 100",
        {"e": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ck:mentionedIn ?d } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1"}),
    "count of statements per speaker (top 20)": (
        "SELECT ?s (COUNT(*) AS ?n) WHERE { ?st ck:speaker ?s } GROUP BY ?s ORDER BY DESC(?n) LIMIT 20", {}),
    "entities ranked by documents (top 20)": (
        "SELECT ?e (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?e ck:mentionedIn ?doc } GROUP BY ?e "
        "ORDER BY DESC(?n) LIMIT 20", {}),
    "count of statements per speaker (top 20), statistics graph": (
        f"SELECT ?s ?n WHERE {{ GRAPH <{GRAPH_STATS}> {{ ?s ck:statementCount ?n }} }} ORDER BY DESC(?n) LIMIT 20",
        {}),
    "entities ranked by documents (top 20), statistics graph": (
        f"SELECT ?e ?n WHERE {{ GRAPH <{GRAPH_STATS}> {{ ?e ck:documentCount ?n }} }} ORDER BY DESC(?n) LIMIT 20",
        {}),
}
PARAM_SAMPLERS = {  # named-query parameter name fragments -> sampler query (first column)
    "doc": "SELECT ?x WHERE { GRAPH ?x { ?x a ck:Document } } LIMIT 1",
    "speaker": LOOKUPS["statements of one speaker (page of 100)"][1]["speaker"],
    "person": "SELECT ?x WHERE { ?x a schema:Person } LIMIT 1",
    "org": LOOKUPS["people in one body (page of 100)"][1]["org"],
    "body": LOOKUPS["people in one body (page of 100)"][1]["org"],
    "place": "SELECT ?x WHERE { ?x ck:placeType ?t } LIMIT 1",
    "policy": "SELECT ?x WHERE { ?x a ck:PolicyDocument } LIMIT 1",
    "entity": LOOKUPS["documents mentioning one entity (page of 100)"][1]["e"],
    "actor": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?p ck:actor ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    "event": "SELECT ?x WHERE { ?x a schema:Event } LIMIT 1",
}
OX_TIMEOUT_S = 120
SCALAR_DEFAULTS = {"int": "100", "year": "2025", "date": "2024-01-01", "string": "Nguyễn"}


# ------------------------------------------------------------------ building the store

def build_store(n: int, seed: int, workdir: Path, workers: int = 2, source: str = "gold") -> tuple[object, dict]:
    """Generate ``n`` articles, turn them into quads (``source``: ``extract`` runs the real pipeline
    through ``camket extract``; ``gold`` writes the oracle graphs of :mod:`bench.gold_graph`),
    bulk-load them into a fresh embedded store; returns (store, timings)."""
    from camket.scale import load_embedded
    from camket.store import open_store
    with Timer() as t_extract:
        parts, docs, errors = (_extract_parts if source == "extract" else _gold_parts)(n, seed, workdir, workers)
    store = open_store(workdir / "store")
    with Timer() as t_load:
        load_embedded(store, [str(p) for p in parts], append=True)
    quads = len(store)
    nq = parts[0]
    if len(parts) > 1:  # one file for the server bench
        nq = workdir / "all.nq"
        with nq.open("wb") as out:
            for p in parts:
                out.write(p.read_bytes())
    return store, {"documents": docs, "errors": errors, "extract_s": t_extract.seconds, "source": source,
                   "load_s": t_load.seconds, "quads": quads, "nq": nq, "nq_bytes": nq.stat().st_size}


def load_only(files: list[str], workdir: Path) -> tuple[object, dict]:
    """A fresh store bulk-loaded from existing N-Quads files (e.g. a previous run's parts)."""
    from camket.scale import load_embedded
    from camket.store import open_store
    store = open_store(workdir / "store")
    with Timer() as t_load:
        load_embedded(store, files, append=True)
    quads = len(store)
    return store, {"documents": len(store.documents()), "errors": 0, "extract_s": float("nan"),
                   "source": "files", "load_s": t_load.seconds, "quads": quads, "nq": Path(files[0]),
                   "nq_bytes": sum(Path(f).stat().st_size for f in files)}


def _extract_parts(n: int, seed: int, workdir: Path, workers: int) -> tuple[list[Path], int, int]:
    from bench.generate_corpus import write_corpus
    from camket.scale import extract_shard
    corpus, nq = workdir / "corpus.jsonl", workdir / "all.nq"
    write_corpus(n, corpus, None, seed)
    with nq.open("w", encoding="utf-8") as out:
        docs, errors = extract_shard([str(corpus)], out, (0, 1), workers)
    return [nq], docs, len(errors)


def _gold_part(args) -> int:
    from bench.gold_graph import write_gold_nquads
    path, count, seed, start = args
    with open(path, "w", encoding="utf-8") as out:
        return write_gold_nquads(count, out, seed, start)


def _gold_parts(n: int, seed: int, workdir: Path, workers: int) -> tuple[list[Path], int, int]:
    from concurrent.futures import ProcessPoolExecutor
    size = -(-n // max(1, workers))
    jobs = [(workdir / f"part-{i}.nq", min(size, n - i * size), seed, i * size)
            for i in range(max(1, workers)) if i * size < n]
    with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
        docs = sum(pool.map(_gold_part, jobs))
    return [j[0] for j in jobs], docs, 0


def ensure_statistics(store) -> float | None:
    """Build the precomputed statistics graph when the store has none (a store loaded
    before it existed); returns the seconds it took, or None when it was there."""
    from camket.statistics import has_statistics, rebuild
    if has_statistics(store):
        return None
    with Timer() as t:
        rebuild(store)
    store.flush()
    return t.seconds


def rdflib_dataset(store):
    """The store's quads in an rdflib in-memory Dataset (union default graph); (dataset, seconds, MB)."""
    import pyoxigraph as ox
    from rdflib import Dataset
    buf = io.BytesIO()
    store.dump(buf, ox.RdfFormat.N_QUADS)
    rss0 = peak_rss_mb()
    with Timer() as t:
        ds = Dataset(default_union=True)
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
    return ds, t.seconds, peak_rss_mb() - rss0


# ------------------------------------------------------------------ queries

def sample(store, query: str):
    rows = store.select(query)
    return next(iter(rows[0].values())) if rows else None


def named_query_cases(store) -> list[tuple[str, str, dict]]:
    """(label, query text, bindings) for each named query: required parameters filled, optional ones
    left out; plus one variant per optional IRI parameter bound to a real value ("one doc", "one org"...)."""
    from camket.named_queries import coerce_params, load_queries
    cases = []
    for q in load_queries().values():
        params = required_params(store, q)
        if params is None:
            cases.append((f"{q.name} (skipped: no value for a required parameter)", "", None))
            continue
        cases.append((q.name, q.text, coerce_params(q, params)))
        for p in q.params:
            key = next((k for k in PARAM_SAMPLERS if k in p.name), None)
            if p.optional and p.type == "iri" and key:
                value = sample(store, PARAM_SAMPLERS[key])
                if value is not None:
                    cases.append((f"{q.name} (one {p.name})", q.text,
                                  coerce_params(q, {**params, p.name: value.value})))
    return cases


def required_params(store, q) -> dict | None:
    params = {}
    for p in q.params:
        if p.optional:
            continue
        key = next((k for k in PARAM_SAMPLERS if k in p.name), None)
        value = sample(store, PARAM_SAMPLERS[key]) if p.type == "iri" and key else SCALAR_DEFAULTS.get(p.type)
        if value is None:
            return None
        params[p.name] = value.value if hasattr(value, "value") else value
    return params


def lookup_cases(store) -> list[tuple[str, str, dict]]:
    cases = []
    for label, (query, samplers) in LOOKUPS.items():
        bindings = {name: sample(store, sq) for name, sq in samplers.items()}
        if any(v is None for v in bindings.values()):
            cases.append((f"{label} (skipped: nothing to look up)", "", None))
        else:
            cases.append((label, query, bindings))
    return cases


class QueryTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise QueryTimeout()


def timed(run, max_reps: int, budget_s: float, timeout_s: int = 0) -> tuple[list[float], int | None]:
    """Latencies (ms) of up to ``max_reps`` runs within ``budget_s``; a run over ``timeout_s``
    (pure-Python engines only: SIGALRM) gives ([timeout_ms], None)."""
    times, rows = [], 0
    start = time.perf_counter()
    old = signal.signal(signal.SIGALRM, _alarm) if timeout_s else None
    try:
        while len(times) < max_reps and (not times or time.perf_counter() - start < budget_s):
            t0 = time.perf_counter()
            signal.alarm(timeout_s)
            try:
                rows = run()
            except QueryTimeout:
                return [1000.0 * timeout_s], None
            finally:
                signal.alarm(0)
            times.append(1000 * (time.perf_counter() - t0))
    finally:
        if old is not None:
            signal.signal(signal.SIGALRM, old)
    return times, rows


def latency_rows(store, ds, cases, reps: int, rdflib_budget: float, rdflib_timeout: int = 0) -> list[list]:
    rows = []
    for label, query, bindings in cases:
        if bindings is None:
            rows.append([label, "", "", "", "", "", "", ""])
            continue
        rows.append(latency_row(store, ds, label, query, bindings, reps, rdflib_budget, rdflib_timeout))
        print(f"  {label}: {rows[-1][2:5]}", file=sys.stderr)
    return rows


OX_CHILD = """
import json, sys, time
import pyoxigraph as ox
from camket.store import open_store
job = json.loads(sys.stdin.read())
store = open_store(job["path"], read_only=True)
def term(t):
    return ox.NamedNode(t[1]) if t[0] == "iri" else ox.Literal(t[1], datatype=ox.NamedNode(t[2]))
bindings = {n: term(t) for n, t in job["bindings"].items()}
times, rows, start = [], 0, time.perf_counter()
while len(times) < job["reps"] and (not times or time.perf_counter() - start < job["budget"]):
    t0 = time.perf_counter()
    rows = len(store.select(job["query"], bindings))
    times.append(1000 * (time.perf_counter() - t0))
print(json.dumps([times, rows]))
"""


def _term_json(t) -> list:
    import pyoxigraph as ox
    if isinstance(t, ox.NamedNode):
        return ["iri", t.value]
    return ["lit", t.value, t.datatype.value]


def ox_timed(path: str, query: str, bindings: dict, reps: int, budget_s: float,
             timeout_s: int) -> tuple[list[float], int | None]:
    """Like :func:`timed` through camket's store API (``select`` with its parameter binding) on a
    read-only handle in a child process, stopped after ``timeout_s`` (Rust cannot be interrupted)."""
    job = json.dumps({"path": path, "query": query, "reps": reps, "budget": budget_s,
                      "bindings": {n: _term_json(v) for n, v in (bindings or {}).items() if v is not None}})
    for attempt in range(3):  # a read-only open can race a compaction of the writer: retry
        try:
            res = subprocess.run([sys.executable, "-c", OX_CHILD], input=job, capture_output=True, text=True,
                                 timeout=timeout_s, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return [1000.0 * timeout_s], None
        if res.returncode == 0:
            break
        time.sleep(0.5)
    else:
        raise RuntimeError(res.stderr[-1000:])
    times, rows = json.loads(res.stdout)
    return times, rows


def latency_row(store, ds, label, query, bindings, reps, rdflib_budget, rdflib_timeout) -> list:
    from camket.ontology import sparql_prefixes
    from camket.store import bind
    text = sparql_prefixes() + bind(query, bindings)
    ox_t, n = ox_timed(str(store.location), query, bindings, reps, 10.0, OX_TIMEOUT_S)
    ox50 = percentile(ox_t, 50)
    if n is None:
        return [label, f"Oxigraph stopped after {OX_TIMEOUT_S} s", f"> {ox50:,.0f}", "-", "-", "-", "-", ""]
    if ds is None:
        return [label, n, ox50, percentile(ox_t, 95), "-", "-", "-", ""]
    rd_t, rd_n = timed(lambda: len(list(ds.query(text))), 5, rdflib_budget, rdflib_timeout)
    rd50 = percentile(rd_t, 50)
    if rd_n is None:
        return [label, n, ox50, percentile(ox_t, 95), f"> {rd50:,.0f}", "-", f"> {rd50 / ox50:.0f}×",
                f"rdflib stopped after {rdflib_timeout} s"]
    note = "" if rd_n == n else f"rows differ: rdflib {rd_n}"
    return [label, n, ox50, percentile(ox_t, 95), rd50, percentile(rd_t, 95), f"{rd50 / ox50:.1f}×", note]


# ------------------------------------------------------------------ exports and validation

def export_rows(store) -> list[list]:
    try:
        from camket.export import build_projection, export
    except ImportError:
        return []
    rows = []
    proj = build_projection(store)
    for fmt in ("gexf", "graphml"):
        sink = io.BytesIO()
        with Timer() as t:
            export(store, fmt, sink)
        rows.append([fmt, len(proj.nodes), len(proj.edges), t.seconds, sink.tell() / 1e6, round(peak_rss_mb())])
    return rows


def validation_rows(store, docs: int, whole_graph_max_quads: int) -> list[list]:
    from rdflib import Graph
    from camket.shapes import validate
    from camket.validation import document_graph_from_store, validate_store
    with Timer() as t_store:
        violations, n = validate_store(store)
    graphs = [document_graph_from_store(store, g) for g in store.documents()[:50]]
    with Timer() as t_docs:
        for g in graphs:
            validate(g)
    per_doc_ms = 1000 * t_docs.seconds / max(1, len(graphs))
    rows = [["camket validate (each document graph from the store)", n, t_store.seconds,
             1000 * t_store.seconds / max(1, n), len(violations)],
            ["per-document SHACL alone (graph in memory, 50 documents)", len(graphs), t_docs.seconds, per_doc_ms, ""]]
    quads = len(store)
    if quads <= whole_graph_max_quads:
        union = Graph()
        for g in store.documents():
            union += document_graph_from_store(store, g)
        with Timer() as t_union:
            v = [x for x in validate(union) if x.severity == "Violation"]
        rows.append(["one pyshacl run over the whole store as one graph", n, t_union.seconds,
                     1000 * t_union.seconds / max(1, n), len(v)])
    return rows


# ------------------------------------------------------------------ main

def bench(args, workdir: Path) -> None:
    from camket.store import open_store
    if args.store:
        store, build = open_store(args.store), None
    elif args.nq:
        store, build = load_only(args.nq, workdir)
    else:
        store, build = build_store(args.articles, args.seed, workdir, args.workers, args.source)
    stats_s = ensure_statistics(store)
    docs = len(store.documents())
    quads = len(store)
    ds, rd_load_s, rd_mb = rdflib_dataset(store) if not args.no_rdflib else (None, 0.0, 0.0)
    named = named_query_cases(store)
    if args.lookups_only:  # whole-store named queries grow with the store: keep the per-document ones
        named = [c for c in named if "(one " in c[0]]
    cases = named + lookup_cases(store)
    global OX_TIMEOUT_S
    OX_TIMEOUT_S = args.ox_timeout
    store.flush()
    lat = latency_rows(store, ds, cases, args.reps, args.rdflib_budget, args.rdflib_timeout)
    body = table(["query", "rows", "Oxigraph p50 ms", "Oxigraph p95 ms", "rdflib p50 ms", "rdflib p95 ms",
                  "rdflib / Oxigraph", "note"], lat)
    notes = [f"{docs:,} documents, {quads:,} quads ({quads / max(1, docs):.0f} per document); "
             f"load average at the end {load_average()} on {os.cpu_count()} cores (shared machine)"]
    if build:
        how = {"extract": "`camket extract` (the real pipeline)", "files": "N-Quads of an earlier run",
               "gold": "oracle graphs from the ground truth (`bench/gold_graph.py`, camket's RDF writer)"}[build["source"]]
        made = ("" if build["source"] == "files" else f", {args.workers} processes: {build['extract_s']:.1f} s "
                f"({build['documents'] / build['extract_s']:.1f} articles/s)")
        notes.append(f"quads made by {how}{made}; bulk load {build['load_s']:.2f} s "
                     f"({quads / max(build['load_s'], 1e-9):,.0f} quads/s)")
    if stats_s is not None:
        notes.append(f"statistics graph (camket.statistics) rebuilt for this store in {stats_s:.1f} s")
    if ds is not None:
        notes.append(f"rdflib Dataset parse: {rd_load_s:.1f} s ({quads / max(rd_load_s, 1e-9):,.0f} quads/s), "
                     f"+{rd_mb:,.0f} MB peak RSS")
    if args.no_api:
        api = []
    else:
        api = api_rows_isolated(store, args.reps, args.ox_timeout) if args.isolate_api else api_rows(store, args.reps)
    if api:
        body += "\n\nAPI lookups (FastAPI in process, no network):\n\n" + table(
            ["request", "status", "first request ms", "p50 ms", "p95 ms"], api)
    report("Queries", f"Queries, {docs:,} documents", body, notes, append=not args.no_append)
    exp = [] if args.no_exports else export_rows(store)
    if exp:
        report("Exports", f"Exports, {docs:,} documents",
               table(["format", "nodes", "edges", "seconds", "MB", "peak RSS MB (process)"], exp),
               append=not args.no_append)
    if args.no_validation:
        return
    val = validation_rows(store, docs, args.whole_graph_max_quads)
    report("Validation", f"Validation, {docs:,} documents",
           table(["how", "documents", "seconds", "ms / document", "violations"], val),
           append=not args.no_append)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", help="use this existing store instead of building one")
    ap.add_argument("--nq", nargs="+", help="build the store from these N-Quads files (skip generation)")
    ap.add_argument("--workers", type=int, default=2, help="processes when building (default 2)")
    ap.add_argument("--source", choices=["gold", "extract"], default="gold",
                    help="how the store is built: oracle graphs from the ground truth (default, fast) "
                         "or the real extraction pipeline")
    ap.add_argument("--reps", type=int, default=20, help="repetitions per query on Oxigraph (default 20)")
    ap.add_argument("--rdflib-budget", type=float, default=20.0, help="seconds per query on rdflib (≥ 1 run)")
    ap.add_argument("--ox-timeout", type=int, default=120, help="give up one Oxigraph query after this (s)")
    ap.add_argument("--rdflib-timeout", type=int, default=120, help="give up one rdflib run after this (s)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip the rdflib side (large stores)")
    ap.add_argument("--lookups-only", action="store_true",
                    help="named queries only with an entity/document parameter bound, plus the lookups")
    ap.add_argument("--isolate-api", action="store_true",
                    help="API requests in read-only child processes stopped after --ox-timeout (large stores)")
    ap.add_argument("--no-api", action="store_true", help="skip the API lookups")
    ap.add_argument("--no-exports", action="store_true", help="skip the GEXF/GraphML exports")
    ap.add_argument("--no-validation", action="store_true", help="skip the validation table")
    ap.add_argument("--whole-graph-max-quads", type=int, default=300_000,
                    help="run one pyshacl over the whole store only up to this size")
    ap.add_argument("--workdir", help="where corpus and store go (default: a temporary folder)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not append to BENCHMARKS.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="camket-bench-") as tmp:
        workdir = Path(args.workdir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        bench(args, workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
