"""The same ingest and the same API on three stores: embedded Oxigraph, Oxigraph server, Virtuoso. One command.

    python -m bench.bench_backends --articles 100

Writes ``--articles`` synthetic articles, then for each backend found on this
machine (embedded always; ``oxigraph`` from the test extras; Debian's
``virtuoso-t``): starts the server on 127.0.0.1 in a temporary folder, runs
the real ``camket ingest CORPUS --store URL`` (timed, CPU of the camket
process and of the server), checks that ``camket facts`` gives the same facts
as on the embedded store, starts ``camket serve --store URL --read-only`` and
times the main API lookups over loopback, checking each answer is the same
JSON as the embedded store's. Prints the table and appends it to
BENCHMARKS.md (section "Servers").
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.common import ROOT, Timer, cpu_seconds, percentile, report, table
from bench.generate_corpus import write_corpus
from bench.servers import start_camket_api, start_oxigraph, start_virtuoso, virtuoso_available

CAMKET = str(Path(sys.executable).parent / "camket")


def camket(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([CAMKET, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"camket {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done


def ingest(corpus: Path, store: str) -> dict:
    cpu0 = cpu_seconds(children=True)
    with Timer() as t:
        camket("ingest", str(corpus), "--store", store)
    return {"wall": t.seconds, "cpu": cpu_seconds(children=True) - cpu0}


def facts(store: str) -> list:
    return json.loads(camket("facts", "--store", store, "--format", "json").stdout)


def lookup_paths(base: str) -> dict[str, str]:
    """API paths to time, with ids taken from the embedded store's own listings."""
    people = httpx.get(f"{base}/people", params={"limit": 5}).json()["items"]
    policies = httpx.get(f"{base}/policies", params={"limit": 5}).json()["items"]
    person, policy = people[0], policies[0]
    return {
        "/people?limit=20": "/people?limit=20",
        "/people/{id}/statements": f"/people/{quote(person['id'])}/statements?limit=20",
        "/statements?limit=20": "/statements?limit=20",
        "/policies/{id}": f"/policies/{quote(policy['id'])}",
        "/search": f"/search?q={quote(person['name'])}",
        "/queries/who-said-what": f"/queries/who-said-what?speaker={quote(person['iri'])}",
    }


def comparable(body: object) -> object:
    """An answer without what legitimately differs between stores (search scores, absolute URLs)."""
    if isinstance(body, dict):
        return {k: comparable(v) for k, v in body.items() if k not in ("score", "url")}
    if isinstance(body, list):
        return [comparable(v) for v in body]
    return body


def time_api(base: str, paths: dict[str, str], reps: int) -> dict[str, tuple[float, float, object]]:
    out = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for label, path in paths.items():
            times, body = [], None
            for _ in range(reps):
                t0 = time.perf_counter()
                resp = client.get(path)
                times.append(1000 * (time.perf_counter() - t0))
                resp.raise_for_status()
                body = comparable(resp.json())
            out[label] = (percentile(times, 50), percentile(times, 95), body)
    return out


def run_backend(name: str, store: str, corpus: Path, reps: int, reference: dict | None) -> tuple[list, dict]:
    run = ingest(corpus, store)
    got_facts = facts(store)
    api, base = start_camket_api(store)
    try:
        paths = reference["paths"] if reference else lookup_paths(base)
        timed = time_api(base, paths, reps)
    finally:
        api.terminate()
        api.wait(30)
    same_facts = "reference" if reference is None else ("yes" if got_facts == reference["facts"] else "NO")
    same_api = ("reference" if reference is None else
                f"{sum(timed[k][2] == reference['api'][k][2] for k in timed)}/{len(timed)}")
    row = [name, run["wall"], run["cpu"], same_facts, same_api]
    row += [f"{p50:.1f} / {p95:.1f}" for p50, p95, _ in timed.values()]
    return row, {"facts": got_facts, "paths": paths, "api": timed}


def bench(args, tmp: Path) -> tuple[list[str], list[list], list[str]]:
    corpus = tmp / "corpus.jsonl"
    info = write_corpus(args.articles, corpus, seed=args.seed)
    rows, reference = [], None
    engines = [("embedded Oxigraph (folder)", None), ("Oxigraph server (HTTP)", start_oxigraph)]
    notes = [f"{args.articles:,} synthetic articles (seed {args.seed}), {info['words']:,} words, "
             f"ingested by the real pipeline (`camket ingest CORPUS --store URL`); {args.reps} requests per lookup"]
    if virtuoso_available():
        engines.append(("Virtuoso 7 (HTTP)", start_virtuoso))
    else:
        notes.append("Virtuoso not installed here (apt-get install virtuoso-opensource): skipped")
    for name, start in engines:
        server = start(tmp)[0] if start else None
        try:
            store = server.camket_url if server else str(tmp / "embedded")
            row, result = run_backend(name, store, corpus, args.reps, reference)
        finally:
            if server:
                server.stop()
        rows.append(row)
        reference = reference or result
    header = ["store", "ingest wall s", "camket CPU s", "facts as embedded", "API answers as embedded"]
    header += [f"{label} p50/p95 ms" for label in reference["paths"]]
    notes.append("CPU s = the camket ingest process only (a server's own CPU is not counted); "
                 "answers compared as JSON without search scores and absolute URLs")
    return header, rows, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reps", type=int, default=20, help="requests per lookup (default 20)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not append to BENCHMARKS.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="camket-backends-") as tmp:
        header, rows, notes = bench(args, Path(tmp))
    report("Servers", f"The same ingest and API on three stores, {args.articles:,} articles",
           table(header, rows), notes, append=not args.no_append)
    mismatched = [r[0] for r in rows[1:] if r[3] != "yes" or r[4].split("/")[0] != r[4].split("/")[1]]
    if mismatched:
        print(f"answers differ from the embedded store on: {', '.join(mismatched)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
