"""GEXF export of a large actor network: time per phase and peak memory.

    python -m bench.bench_export                   # 100k nodes (default), appends to BENCHMARKS.md
    python -m bench.bench_export --nodes 10000 --no-append

Generates a synthetic store shaped like camket's (one named graph per
article, ~200 quads each: typed entities with names, memberships,
statements with mentions, pledges, sub-organisations, issuers, events) so
that the projection has ``--nodes`` nodes, bulk-loads it, then runs the
export in a child process (``--measure``) so its peak RSS is the export's
alone: projection (SPARQL + aggregation) time, GEXF writing time, file size.
Also times ``camket export`` end to end as a subprocess.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Timer, peak_rss_mb, report, table

ID = "https://w3id.org/camket/id/"
CK, SCHEMA, ORG, ELI = ("https://w3id.org/camket/ns#", "https://schema.org/", "http://www.w3.org/ns/org#",
                        "http://data.europa.eu/eli/ontology#")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SHARES = (("person", SCHEMA + "Person", 0.60), ("org", ORG + "Organization", 0.20),
          ("place", CK + "Province", 0.04), ("policy", CK + "PolicyDocument", 0.08),
          ("event", SCHEMA + "Event", 0.08))
OWN, POPULAR = 20, 15  # entities first typed by each article, popular entities it also names


def entity_pool(n: int) -> dict[str, list[str]]:
    return {kind: [f"{ID}{kind}/{kind}-{i}" for i in range(max(1, int(n * share)))]
            for kind, _, share in SHARES}


def article(i: int, pool: dict[str, list[str]], flat: list[tuple[str, str]], rng: random.Random) -> list[str]:
    """N-Quads lines of article ``i``."""
    g = f"<{ID}doc/a{i}>"
    q = lambda s, p, o: f"{s} <{p}> {o} {g} .\n"  # noqa: E731
    year = 2015 + i % 11
    lines = [q(g, RDF_TYPE, f"<{CK}Document>"),
             q(g, "http://purl.org/dc/terms/date", f'"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"'
               '^^<http://www.w3.org/2001/XMLSchema#date>')]
    own = flat[i * OWN:(i + 1) * OWN]
    named = own + [flat[min(len(flat) - 1, int(rng.paretovariate(1.2)) - 1)] for _ in range(POPULAR)]
    cls = {kind: c for kind, c, _ in SHARES}
    for kind, iri in named:
        lines += [q(f"<{iri}>", RDF_TYPE, f"<{cls[kind]}>"),
                  q(f"<{iri}>", SCHEMA + "name", f'"Tên {iri.rsplit("-", 1)[1]} của {kind}"@vi'),
                  q(f"<{iri}>", CK + "mentionedIn", g)]
    by_kind = {k: [iri for kk, iri in named if kk == k] or pool[k][:1] for k in pool}
    pick = lambda k: f"<{rng.choice(by_kind[k])}>"  # noqa: E731
    for j in range(6):
        m = f"<{ID}membership/a{i}-{j}>"
        lines += [q(m, RDF_TYPE, f"<{ORG}Membership>"), q(m, ORG + "member", pick("person")),
                  q(m, ORG + "organization", pick("org")), q(m, CK + "title", '"Giám đốc"@vi')]
    for j in range(8):
        st = f"<{ID}statement/a{i}/{j}>"
        lines += [q(st, RDF_TYPE, f"<{CK}Statement>"), q(st, CK + "speaker", pick("person")),
                  q(st, CK + "mentions", pick(rng.choice(("org", "policy", "place", "person")))),
                  q(st, CK + "mentions", pick("policy")), q(st, CK + "atEvent", pick("event"))]
    for j in range(2):
        pl = f"<{ID}pledge/a{i}/{j}>"
        lines += [q(pl, RDF_TYPE, f"<{CK}Pledge>"), q(pl, CK + "actor", pick("org")),
                  q(pl, CK + "concernsPlace", pick("place")), q(pl, CK + "fromPolicy", pick("policy")),
                  q(pick("org"), ORG + "subOrganizationOf", pick("org")),
                  q(pick("policy"), ELI + "passed_by", pick("org"))]
    lines += [q(pick("event"), SCHEMA + "organizer", pick("org")), q(pick("event"), SCHEMA + "location", pick("place"))]
    return lines


def generate(n_nodes: int, path: Path, seed: int = 7) -> tuple[int, int]:
    """Write the synthetic N-Quads; returns (articles, quads)."""
    rng = random.Random(seed)
    pool = entity_pool(n_nodes)
    flat = [(kind, iri) for kind, iris in pool.items() for iri in iris]
    rng.shuffle(flat)
    n_articles, quads = -(-len(flat) // OWN), 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n_articles):
            lines = article(i, pool, flat, rng)
            quads += len(lines)
            fh.writelines(lines)
    return n_articles, quads


def hwm_mb() -> float:
    """Peak RSS of this process image. ``ru_maxrss`` is not used here: across
    fork/exec Linux carries the parent's peak (the bulk load) into the child."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def measure(store_path: str, out: str) -> dict:
    """In the child: projection and GEXF writing, timed, with this process's peak RSS."""
    from camket.export import build_projection
    from camket.export.gexf import write_gexf
    from camket.store import open_store
    store = open_store(store_path)
    cpu0, helper0 = time.process_time(), children_cpu_s()
    with Timer() as t_proj:
        proj = build_projection(store)
    own, helper = time.process_time(), children_cpu_s()  # the helper process ran part of the queries
    rss_proj = hwm_mb()
    with Timer() as t_write, open(out, "wb") as fh:
        write_gexf(proj, fh)
    return {"nodes": len(proj.nodes), "edges": len(proj.edges), "projection_s": t_proj.seconds,
            "projection_cpu_s": own - cpu0 + helper - helper0, "helper_cpu_s": helper - helper0,
            "write_s": t_write.seconds,
            "write_cpu_s": time.process_time() - own,
            "rss_after_projection_mb": rss_proj, "peak_rss_mb": hwm_mb(), "gexf_mb": Path(out).stat().st_size / 1e6}


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(n_nodes: int, work: Path) -> tuple[list, dict]:
    from camket.store import open_store
    nq, store_dir = work / "synthetic.nq", work / "store"
    with Timer() as t_gen:
        articles, quads = generate(n_nodes, nq)
    with Timer() as t_load:
        store = open_store(store_dir)
        store.load_nquads(nq)
        store.flush()
        store.close()
    child = subprocess.run([sys.executable, "-m", "bench.bench_export", "--measure", str(store_dir),
                            str(work / "out.gexf")], capture_output=True, text=True, cwd=ROOT, check=True)
    m = json.loads(child.stdout)
    t0, cpu0 = time.perf_counter(), children_cpu_s()
    subprocess.run([str(Path(sys.executable).with_name("camket")), "export", "-f", "gexf", "-o",
                    str(work / "cli.gexf"), "--store", str(store_dir)], check=True, cwd=ROOT)
    m.update(articles=articles, quads=quads, generate_s=t_gen.seconds, load_s=t_load.seconds,
             cli_s=time.perf_counter() - t0, cli_cpu_s=children_cpu_s() - cpu0)
    row = [f"{m['nodes']:,} / {m['edges']:,}", f"{quads:,}", m["projection_s"],
           f"{m['projection_cpu_s']:.2f} ({m['helper_cpu_s']:.2f})",
           m["write_s"], m["write_cpu_s"], m["cli_s"], m["cli_cpu_s"], m["gexf_mb"], m["rss_after_projection_mb"],
           m["peak_rss_mb"]]
    return row, m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, action="append", help="graph size(s) (default 100000)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not touch BENCHMARKS.md")
    ap.add_argument("--measure", nargs=2, metavar=("STORE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    rows, details = [], []
    for n in args.nodes or [100_000]:
        with tempfile.TemporaryDirectory(prefix="camket-bench-export-") as tmp:
            row, m = run(n, Path(tmp))
        rows.append(row)
        details.append(m)
        print(json.dumps(m), file=sys.stderr)
    body = table(["nodes / edges", "quads in store", "projection s",
                  "projection CPU s (of which helper)", "GEXF write s",
                  "GEXF write CPU s", "camket export s (CLI)", "camket export CPU s", "GEXF MB",
                  "RSS after projection MB", "peak RSS MB"], rows)
    notes = [f"synthetic store: {d['articles']:,} articles, generated in {d['generate_s']:.1f} s, "
             f"bulk-loaded in {d['load_s']:.1f} s" for d in details]
    notes.append("projection = SPARQL over the store (one query per class, property and relation; a helper "
                 "process runs the list from its other end, camket.export.parallel) + aggregation into weighted "
                 "edges, held in memory; the GEXF is streamed in 64 KB chunks, so writing it adds little to the "
                 "peak (compare the two RSS columns); projection CPU is this process's + the helper's: on two idle "
                 "cores the projection's wall time is about this process's share")
    notes.append("peak RSS is the export process's own (VmHWM of a child process), store caches included; "
                 "CPU s = user + system time of that process (all its threads): on a shared machine the "
                 "figure to compare, wall time depends on the others' load")
    notes.append("load average while measuring: %.1f (1 min) on %d cores; other work on the machine makes "
                 "times upper bounds" % (os.getloadavg()[0], os.cpu_count() or 1))
    report("Exports", "Export: GEXF of a large actor network (bench/bench_export.py)", body, notes,
           append=not args.no_append)
    return 0


if __name__ == "__main__":
    sys.exit(main())
