"""API latency: p50/p95 of /people/{id}/statements, /search, three named queries and the unfiltered
lists under 1 and 20 concurrent clients, with 1 and 2 server processes, side by side with the same
work sent straight to the store.

The server is a real ``camket serve --read-only`` process on a loopback port; clients are
threads with keep-alive ``http.client`` connections (the standard library's: a quarter of
httpx's CPU per request, which matters because the clients share the machine's cores with the
server). Each row also gives the CPU spent per request by the server's processes (read from
``/proc``) and by the clients. "Direct" runs the same lookup code
(:func:`camket.api.routers.statements.statement_page`), the same SQLite search and the same
bound SPARQL on a read-only handle of the same store in this process, with the same number
of threads. Overhead = API p50 - direct p50 at one client.

    python -m bench.bench_api --store /tmp/s10k --gold 10000      # build from oracle graphs if missing
    python -m bench.bench_api --store /tmp/s10k --workers 1,2     # camket serve --workers N, each
    python -m bench.bench_api --store /tmp/s --corpus data/corpus   # or ingest a corpus directory
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from bench.common import load_average, percentile, report, table
from bench.servers import start_camket_api
from camket.ontology import sparql_prefixes

NAMED = [("who-said-what", "speaker"), ("statements-citing-policy", "policy"), ("facts-statements", "doc")]
LISTS = ["/people", "/statements", "/pledges", "/documents"]


def build_store(path: Path, gold: int | None, corpus: str | None) -> None:
    from camket.store import EmbeddedStore
    store = EmbeddedStore(path)
    if len(store):
        return
    if gold:
        from bench.gold_graph import write_gold_nquads
        nq = path.with_suffix(".nq")
        with open(nq, "w", encoding="utf-8") as out:
            write_gold_nquads(gold, out)
        store.load_nquads(str(nq))
    elif corpus:
        from camket.ingest import ingest
        ingest([corpus], store, workers=2, on_error=lambda m: None)
    store.close()


def targets(store, n: int, seed: int = 7) -> dict:
    """Deterministic samples: speakers, policies cited, search strings."""
    rnd = random.Random(seed)
    people = [r["p"] for r in store.select("SELECT DISTINCT ?p WHERE { ?st ck:speaker ?p . ?p a schema:Person }")]
    policies = [r["p"] for r in store.select("SELECT DISTINCT ?p WHERE { ?st ck:mentions ?p . ?p a ck:PolicyDocument }")] \
        or [r["p"] for r in store.select("SELECT ?p WHERE { ?p a ck:PolicyDocument }")]
    people, policies = rnd.sample(people, min(n, len(people))), rnd.sample(policies, min(n, len(policies)))
    names = {r["e"].value: r["n"].value for r in store.select(
        "SELECT ?e (MIN(STR(?x)) AS ?n) WHERE { ?e schema:name ?x } GROUP BY ?e")}
    from camket.ontology.iri import fold
    words = [fold(names[p.value]) for p in people if p.value in names]
    words += [names.get(p.value, "") for p in policies[: n // 3]] + ["ha noi", "nghi quyet", "do thi thong minh"]
    docs = [ox.NamedNode(d) for d in rnd.sample(store.documents(), min(n, len(store.documents())))]
    return {"people": people, "policies": policies, "docs": docs, "search": [w for w in words if w]}


def start_server(store: str, port: int, workers: int = 1) -> subprocess.Popen:
    proc, base = start_camket_api(store, port, "--max-rows", "1000000", "--timeout", "60",
                                  "--workers", str(workers))
    settle(proc, base, workers)
    return proc


def settle(proc: subprocess.Popen, base: str, workers: int, quiet: float = 0.05, most_s: int = 900) -> None:
    """Wait out the server's start-up work: each process computes the VoID statistics of the
    service description and the whole-store list orders in background threads (seconds of CPU
    at 10k articles; two workers do it at once). Asking for the description waits for the first;
    then wait until the server's processes use less than ``quiet`` of a core for a second."""
    for _ in range(2 * workers):
        Client(base).get("/sparql", {"Accept": "text/turtle"})
    last = tree_cpu_s(proc.pid)
    for _ in range(most_s):
        time.sleep(1)
        now = tree_cpu_s(proc.pid)
        if now - last < quiet:
            return
        last = now


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` and its descendants, from ``/proc``."""
    return sum(tree_cpu_by_pid(pid).values())


def tree_cpu_by_pid(pid: int) -> dict[int, float]:
    """CPU seconds of process ``pid`` and of each of its descendants, by pid, from ``/proc``."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    todo, out, tick = [pid], {}, os.sysconf("SC_CLK_TCK")
    while todo:
        p = todo.pop()
        if p in stats:
            out[p] = (int(stats[p][11]) + int(stats[p][12])) / tick
        todo += children.get(p, [])
    return out


def busiest_share(before: dict[int, float], after: dict[int, float]) -> float:
    """The largest share (%) of the CPU used between two :func:`tree_cpu_by_pid` readings that one
    process used: with 2 workers and 20 keep-alive connections, how evenly the kernel split them."""
    used = {p: after[p] - before.get(p, 0.0) for p in after}
    total = sum(used.values())
    return 100 * max(used.values()) / total if total > 0 else float("nan")


class Client:
    """One keep-alive HTTP/1.1 connection (``http.client``): a request costs the bench ≈ 0.2 ms
    of CPU, against ≈ 0.6–1 ms for an ``httpx.Client``."""

    def __init__(self, base: str, timeout: float = 600):
        host, _, port = base.removeprefix("http://").partition(":")
        self.conn = http.client.HTTPConnection(host, int(port or 80), timeout=timeout)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, str, bytes]:
        """(status, Server-Timing header, body)."""
        self.conn.request("GET", path, headers=headers or {})
        r = self.conn.getresponse()
        return r.status, r.getheader("server-timing", ""), r.read()


def run_clients(calls: list, clients: int, make_state=lambda: None, reported: list | None = None) -> list[float]:
    """Run ``calls`` (functions taking a per-thread state) over ``clients`` threads; ms per call.
    What the calls return (the server's own timing, for API calls) goes into ``reported``."""
    times: list[float] = []
    lock = threading.Lock()
    chunks = [calls[i::clients] for i in range(clients)]

    def work(chunk):
        state = make_state()
        local, said = [], []
        for call in chunk:
            t0 = time.perf_counter()
            value = call(state)
            local.append(1000 * (time.perf_counter() - t0))
            if value is not None:
                said.append(value)
        with lock:
            times.extend(local)
            if reported is not None:
                reported.extend(said)
    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def workloads(base: str, store, search, t: dict, requests: int) -> dict:
    """name -> (API calls, direct calls): each call takes a per-thread state (a :class:`Client` or None)."""
    from camket.api.routers.queries import plan
    from camket.api.routers.statements import StatementFilter, statement_page
    from camket.named_queries import coerce_params, get_query
    from camket.ontology.iri import key_of

    def cycle(items):
        return [items[i % len(items)] for i in range(requests)]

    def api(path):
        def call(client):
            status, timing, body = client.get(path)
            assert status == 200, (path, status, body[:200])
            return float(timing.partition(";dur=")[2] or "nan")
        return call

    out = {}
    people = cycle(t["people"])
    out["/people/{id}/statements"] = (
        [api(f"/people/{quote(key_of(p.value))}/statements") for p in people],
        [lambda _, p=p: statement_page(store, StatementFilter(speaker=p), 20, 0, search) for p in people])
    words = cycle(t["search"])
    out["/search"] = ([api(f"/search?q={quote(w)}") for w in words],
                      [lambda _, w=w: search.search(w, limit=20) for w in words])
    for name, param in NAMED:
        q = get_query(name)
        values = cycle({"policy": t["policies"], "doc": t["docs"]}.get(param, t["people"]))
        direct = []
        for v in values:  # bound exactly as the API binds it
            text, subs = plan(store, q.text, coerce_params(q, {param: v.value}))
            subs = {ox.Variable(k): val for k, val in subs.items()} or None
            direct.append(lambda _, text=sparql_prefixes() + text, subs=subs: list(
                store._store.query(text, use_default_graph_as_union=True, substitutions=subs)))
        out[f"/queries/{name}"] = ([api(f"/queries/{name}?limit=500&{param}={quote(v.value)}") for v in values],
                                  direct)
    for path in LISTS:  # API only: the whole-store order is the API's own (cached per store generation)
        out[f"{path}?limit=100&offset=…"] = ([api(f"{path}?limit=100&offset={100 * (i % 50)}") for i in range(requests)],
                                             None)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, help="store directory (built if empty)")
    ap.add_argument("--gold", type=int, help="build the store from N oracle articles (bench.gold_graph)")
    ap.add_argument("--corpus", help="or build it by ingesting this corpus directory")
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint and concurrency level")
    ap.add_argument("--clients", default="1,20")
    ap.add_argument("--workers", default="1", help="server processes to measure, e.g. 1,2 (camket serve --workers)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--no-append", action="store_true", help="print only, do not write BENCHMARKS.md")
    args = ap.parse_args(argv)

    from camket.search import SearchIndex
    from camket.store import EmbeddedStore
    build_store(Path(args.store), args.gold, args.corpus)
    store = EmbeddedStore(args.store, read_only=True)
    search = SearchIndex.for_store(store)
    search.sync(store)
    search.warm()  # the typo matcher, as a server builds it at start (the direct twin of /search)
    n_docs = len(store.documents())
    t = targets(store, 50)
    rows, direct = [], {}
    for workers in [int(w) for w in args.workers.split(",")]:
        server = start_server(args.store, args.port, workers)
        try:
            rows += measure(f"http://127.0.0.1:{args.port}", server, store, search, t, args.requests,
                            [int(c) for c in args.clients.split(",")], workers, direct)
        finally:
            server.terminate()
            server.wait(30)
    notes = [f"store: {n_docs:,} documents, {len(store):,} quads ({'oracle graphs from bench.gold_graph' if args.gold else 'ingested'}); "
             f"{args.requests} requests per row, targets sampled from {len(t['people'])} speakers, "
             f"{len(t['policies'])} cited policies, {len(t['search'])} search strings",
             "API: `camket serve --read-only --workers N` (uvicorn; N processes, each with its own read-only store "
             "handle) over loopback, keep-alive `http.client` connections in threads of the bench process; direct: the same "
             "lookup code / SQLite search / bound SPARQL on a read-only handle of the same store, same thread count "
             "(measured once, shown on every row); list rows have no direct twin (their order is the API's own)",
             "overhead = API p50 - direct p50 with one client (HTTP, routing, validation, JSON); in-app = the "
             "server's own `Server-Timing` (routing, dependencies, lookup, JSON; not HTTP parsing or the network), "
             "in-app overhead = in-app p50 - direct p50",
             "CPU ms/req: CPU time per request of the server's processes (all workers, read from /proc), of the "
             "bench's client threads (the process's CPU while only they run), and of the direct calls; unlike wall "
             "times these hold on a loaded machine. Under N closed-loop clients on C cores, p50 ≈ N × (server + "
             "client CPU per request) / C",
             "busiest worker % CPU: the share of the server's CPU that its busiest process used. Each client "
             "keeps one connection, and the kernel hands each new connection to whichever worker accepts first: "
             "20 connections split 50/50 to 28/72 in trials, and the busier worker's clients wait longer, so a "
             "2-worker p95 at 20 clients moves with that split",
             f"machine: load average {load_average()} at the end of the run"]
    report("API latency", f"API latency, {n_docs:,} articles",
           table(["endpoint", "workers", "clients", "API p50 ms", "API p95 ms", "API req/s", "server CPU ms/req",
                  "client CPU ms/req", "busiest worker % CPU", "in-app p50 ms", "direct p50 ms", "direct p95 ms", "direct CPU ms/req",
                  "overhead p50 ms", "in-app overhead p50 ms"], rows), notes, append=not args.no_append)
    return 0


def measure(base: str, server: subprocess.Popen, store, search, t: dict, requests: int, levels: list[int],
            workers: int, direct: dict) -> list[list]:
    """Rows of one server configuration; ``direct`` caches the store-side timings across them."""
    rows = []
    for name, (api_calls, direct_calls) in workloads(base, store, search, t, requests).items():
        run_clients(api_calls[:10], 1, lambda: Client(base))  # warm-up (and the lists' first, uncached computation)
        for clients in levels:
            app_t, s0, c0, t0 = [], tree_cpu_by_pid(server.pid), time.process_time(), time.perf_counter()
            api_t = run_clients(api_calls, clients, lambda: Client(base), app_t)
            wall, client_cpu, s1 = time.perf_counter() - t0, time.process_time() - c0, tree_cpu_by_pid(server.pid)
            server_cpu = sum(s1.values()) - sum(s0.values())
            if direct_calls is not None and (name, clients) not in direct:
                run_clients(direct_calls[:10], 1)
                c0 = time.process_time()
                direct[name, clients] = run_clients(direct_calls, clients), time.process_time() - c0
            a50, (d, d_cpu) = percentile(api_t, 50), direct.get((name, clients), (None, None))
            d50 = percentile(d, 50) if d else None
            per = 1000 / len(api_calls)
            rows.append([name, workers, clients, a50, percentile(api_t, 95), len(api_calls) / wall,
                         server_cpu * per, client_cpu * per, busiest_share(s0, s1) if workers > 1 else "",
                         percentile(app_t, 50),
                         d50 if d else "", percentile(d, 95) if d else "", d_cpu * per if d else "",
                         a50 - d50 if d and clients == 1 else "", percentile(app_t, 50) - d50 if d and clients == 1 else ""])
            print(rows[-1], file=sys.stderr)
    return rows


if __name__ == "__main__":
    sys.exit(main())
