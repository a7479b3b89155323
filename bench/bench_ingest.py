"""Ingest throughput end to end on the synthetic corpus, one command.

    python -m bench.bench_ingest --articles 1000            # 1 and 2 workers, with and without NLP
    python -m bench.bench_ingest --articles 100 --no-append # CI smoke
    python -m bench.bench_ingest --articles 1000 --scaling-only --repeat 3  # 1 and 2 workers, median of 3
    python -m bench.bench_ingest --articles 300 --writer-only     # the writer's CPU alone, on fixed input

Generates ``--articles`` articles (``bench/generate_corpus.py``, with gold),
then ingests them into a fresh embedded store once per configuration (:data:`CONFIGS`),
each in its own process so peak RSS is per run: 1 worker held to one core, 1 worker
unpinned, 2 workers, and 1 worker on one core with the ``nlp`` component skipped.
Reports articles/s and words/s, speed-up on 2 workers over one core, the time
split by stage (reading, then each pipeline component, RDF building, SHACL,
store write, the stored-hooks `camket ingest` runs (search index, statistics),
from ``report.timings``), peak
RSS, store size per 1,000 articles, and extraction F1 against the generated
ground truth using the shared scorer when it is found (``--scorer``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.cpu_stages import instrument
from bench.common import ROOT, cpu_seconds, load_average, peak_rss_mb, report, table

SCORER_CANDIDATES = [os.environ.get("CAMKET_SCORER", ""), str(ROOT.parent / "shared/eval/score.py"),
                     "/work/shared/eval/score.py"]
HOOK_MODULES = ["camket.search", "camket.statistics", "camket.curation"]
"""Modules whose import registers an ingest hook (the CLI imports them all)."""
CONFIGS = [("full, 1 worker, 1 core", 1, (), 1), ("full, 1 worker", 1, (), None), ("full, 2 workers", 2, (), None),
           ("no nlp, 1 worker, 1 core", 1, ("nlp",), 1)]
"""(name, workers, skipped components, cores the run may use: None for all). The first run is the
base of the speed-ups: one worker held to one core (``sched_setaffinity``), RocksDB's threads
included, so that its figure is a core's and the 2-worker speed-up is what a second core buys.
Unpinned, a one-worker run's RocksDB threads use the second core (≈ 1.06 cores at 1k articles,
≈ 1.3 at 5k, as compactions grow with the store)."""
SCALING = CONFIGS[:3]
"""The runs of ``--scaling-only``."""
NO_NLP = CONFIGS[3][0]


def find_scorer(explicit: str | None = None):
    """The shared scorer module (``score.py``), imported from where it lives, or None."""
    for cand in [explicit or ""] + SCORER_CANDIDATES:
        if cand and Path(cand).is_file():
            spec = importlib.util.spec_from_file_location("camket_shared_score", cand)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def score(scorer, gold_dir: Path, facts: list[dict]) -> dict:
    """Micro P/R/F1 overall and F1 per category, using the shared scorer's matching."""
    preds = {Path(d.get("doc") or "").stem: d for d in facts}
    totals: dict = {}
    for gpath in sorted(gold_dir.glob("*.json")):
        scorer.score_doc(json.loads(gpath.read_text(encoding="utf-8")), preds.get(gpath.stem), totals)
    overall = {"gold": 0, "pred": 0, "tp": 0}
    per_cat = {}
    for cat, t in totals.items():
        for k in overall:
            overall[k] += t[k]
        per_cat[cat] = scorer.prf(t)[2]
    p, r, f = scorer.prf(overall)
    return {"p": p, "r": r, "f1": f, "per_category": per_cat}


# ------------------------------------------------------------------ one run (child process)

def run_one(corpus: str, store_dir: str, workers: int, skip: tuple[str, ...], gold: str | None,
            scorer_path: str | None, cores: int | None = None) -> dict:
    if cores:  # before any thread starts: the store's threads and the workers inherit it
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cores])
    from camket.ingest import ingest
    from camket.store import open_store
    for mod in HOOK_MODULES:  # what `camket ingest` runs: the stored-hooks included
        importlib.import_module(mod)
    store = open_store(store_dir)
    stages = instrument(store) if workers == 1 else {}
    errors: list[str] = []
    cpu0, thread0 = cpu_seconds(), time.thread_time()
    t0 = time.perf_counter()
    rep = ingest([corpus], store, workers=workers, skip=skip, on_error=errors.append, freeze_gc=True)
    store.flush()
    seconds = time.perf_counter() - t0
    writer_cpu, writer_thread = cpu_seconds() - cpu0, time.thread_time() - thread0
    cpu = writer_cpu + cpu_seconds(children=True)
    out = {"seconds": seconds, "cpu_s": cpu, "writer_cpu_s": writer_cpu, "writer_thread_cpu_s": writer_thread,
           "load": load_average(), "ingested": rep.n_ingested, "failed": len(rep.failed),
           "errors": errors[:3], "timings": dict(rep.timings), "cpu_stages": dict(stages), "facts": dict(rep.facts),
           "rss_main_mb": peak_rss_mb(), "rss_workers_mb": peak_rss_mb(children=True),
           "quads": len(store), "store_bytes": store.size_bytes(), "cpus": len(os.sched_getaffinity(0))}
    scorer = find_scorer(scorer_path)
    if gold and scorer:
        from camket.facts import collect
        out["score"] = score(scorer, Path(gold), collect(store))
    store.close()
    return out


def spawn(corpus: Path, store_dir: Path, workers: int, skip, gold: Path, scorer: str | None,
          cores: int | None = None) -> dict:
    cmd = [sys.executable, "-m", "bench.bench_ingest", "--run-one", str(corpus), "--store", str(store_dir),
           "--workers", str(workers), "--gold", str(gold)] + [f"--skip={s}" for s in skip]
    if cores:
        cmd += ["--cores", str(cores)]
    if scorer:
        cmd += ["--scorer", scorer]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"bench run failed: {' '.join(cmd)}\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_writer(corpus: str, store_dir: str) -> dict:
    """The writer alone (``_write_all``: store write, stored-hooks, journal, flushes) on the
    corpus's documents extracted first and packed as workers hand them, in batches cut by
    bytes and documents only: its CPU per article then does not depend on the machine's
    load (with workers a slow run cuts more, smaller batches by ``BATCH_SECONDS``). The
    results' unpickling, done by the pool's thread in the writer's process, counts here
    in the main thread; linking at the end of an ingest is not included."""
    import pickle
    import camket.ingest as ing
    from camket.loaders.read import iter_documents
    from camket.store import open_store
    for mod in HOOK_MODULES:
        importlib.import_module(mod)
    blobs = [pickle.dumps(ing._extract_safe((d, (), True)).pack()) for d in iter_documents([corpus])]
    ing.BATCH_SECONDS = float("inf")
    store, rep, errors = open_store(store_dir), ing.IngestReport(), []
    cpu0, thread0 = cpu_seconds(), time.thread_time()
    ing._write_all((pickle.loads(b) for b in blobs), store, rep, errors.append, ing.Progress())
    store.flush()
    out = {"n": len(blobs), "process_s": cpu_seconds() - cpu0, "thread_s": time.thread_time() - thread0,
           "store_s": rep.timings["store"], "hooks_s": rep.timings["hooks"], "errors": errors[:3],
           "load": load_average()}
    store.close()
    return out


def writer_bench(n: int, seed: int, workdir: Path, append: bool) -> None:
    from bench.generate_corpus import write_corpus
    corpus = workdir / "corpus.jsonl"
    write_corpus(n, corpus, None, seed)
    cmd = [sys.executable, "-m", "bench.bench_ingest", "--run-writer", str(corpus), "--store", str(workdir / "store-w")]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"bench run failed: {' '.join(cmd)}\n{res.stderr[-3000:]}")
    r = json.loads(res.stdout.strip().splitlines()[-1])
    per = lambda k: 1000 * r[k] / max(1, r["n"])  # noqa: E731
    body = table(["articles", "writer process CPU ms / article", "of which its main thread",
                  "store write wall ms / article", "stored-hooks wall ms / article", "load avg after"],
                 [[r["n"], per("process_s"), per("thread_s"), per("store_s"), per("hooks_s"), r["load"]]])
    notes = [f"{n:,} synthetic articles (seed {seed}) extracted first, then written by the ingest's writer "
             "(camket.ingest._write_all) in batches cut by bytes and documents only, as a pool's results "
             "(packed, pickled): the writer's CPU per article, which decides what a second worker can add, "
             "measured apart from the extraction and from the machine's load; no linking",
             "errors: " + "; ".join(r["errors"]) if r["errors"] else "no ingest errors"]
    report("Ingest", f"Ingest writer alone, {n:,} articles", body, notes, append=append)


# ------------------------------------------------------------------ report

def throughput_rows(runs: dict, n: int, n_words: int) -> list[list]:
    base = runs[CONFIGS[0][0]]["seconds"]
    rows = []
    for name, r in runs.items():
        f1 = r.get("score", {}).get("f1")
        done = max(1, r["ingested"] + r["failed"])
        rows.append([name, r["ingested"], r["failed"], r["seconds"], n / r["seconds"], round(n_words / r["seconds"]),
                     f"{base / r['seconds']:.2f}×", 1000 * r["cpu_s"] / done, done / r["cpu_s"],
                     round(r["rss_main_mb"]), round(r["rss_workers_mb"]) or "-",
                     r["store_bytes"] / 1e6 * 1000 / max(1, r["ingested"]), round(r["quads"] / max(1, r["ingested"])),
                     "n/a" if f1 is None else f"{f1:.3f}", r["load"]])
    return rows


def stage_rows(run: dict, n: int) -> list[list]:
    """CPU seconds by stage (in-process run) beside the pipeline's wall-clock timings; "other"
    is the rest of the run's CPU (linking, batching, state look-ups, model loading...)."""
    cpu, wall = dict(run["cpu_stages"]), run["timings"]
    cpu["other"] = max(0.0, run["cpu_s"] - sum(cpu.values()))
    total = run["cpu_s"] or 1.0
    names = ["reading"] + [k for k in wall if k != "reading"]
    names += [k for k in cpu if k not in names]
    return [[stage, 1000 * cpu.get(stage, 0.0) / max(1, n), f"{100 * cpu.get(stage, 0.0) / total:.0f}%",
             1000 * wall[stage] / max(1, n) if stage in wall else "-"] for stage in names]


EXTRACTION = ("rdf", "shacl", "digest")
"""``report.timings`` stages a worker spends extracting, beside the pipeline's components."""


def worker_rows(runs: dict) -> list[list]:
    """Where a run's CPU is, by process, and how long its workers waited: the figures that
    decide the speed-up on idle cores and, unlike wall time, hold on a loaded machine."""
    base = runs[CONFIGS[0][0]]
    rows = []
    for name, r in runs.items():
        done = max(1, r["ingested"] + r["failed"])
        t = r["timings"]
        busy = sum(v for k, v in t.items() if k not in ("store", "hooks", "idle", "reading"))
        idle = t.get("idle")
        writer = r.get("writer_cpu_s", r["cpu_s"])
        rows.append([name, 1000 * r["cpu_s"] / done, 1000 * writer / done,
                     1000 * r.get("writer_thread_cpu_s", 0.0) / done, 1000 * (r["cpu_s"] - writer) / done,
                     "-" if idle is None else 1000 * idle / done,
                     "-" if idle is None else f"{100 * idle / max(1e-9, idle + busy):.0f}%",
                     f"{2 * base['cpu_s'] / r['cpu_s']:.2f}×" if "idle" in t else "-"])
    return rows


def f1_rows(runs: dict) -> list[list]:
    scored = {k: r["score"]["per_category"] for k, r in runs.items() if "score" in r}
    if CONFIGS[0][0] not in scored or NO_NLP not in scored:
        return []
    full, bare = scored[CONFIGS[0][0]], scored[NO_NLP]
    return [[cat, f"{full[cat]:.3f}", f"{bare.get(cat, 0):.3f}", f"{full[cat] - bare.get(cat, 0):+.3f}"]
            for cat in full]


def median_runs(corpus: Path, gold: Path, scorer: str | None, workdir: Path, configs, repeat: int) -> dict:
    """Each configuration run ``repeat`` times, the configurations taking turns (so a slow spell
    of a shared machine falls on all of them), each into a fresh store: per configuration the run
    of median wall time, with every run's wall time in ``walls``."""
    import shutil
    tries: dict[str, list[dict]] = {config[0]: [] for config in configs}
    for _ in range(repeat):
        for name, workers, skip, cores in configs:
            store = workdir / f"store-{workers}-{'-'.join(skip) or 'full'}-{cores or 'all'}"
            shutil.rmtree(store, ignore_errors=True)
            for extra in store.parent.glob(store.name + ".*"):  # the search index, journals
                extra.unlink()
            tries[name].append(spawn(corpus, store, workers, skip, gold, scorer, cores))
            print(f"{name}: {tries[name][-1]['seconds']:.1f} s", file=sys.stderr)
    runs = {}
    for name, done in tries.items():
        ranked = sorted(done, key=lambda r: r["seconds"])
        runs[name] = {**ranked[(len(ranked) - 1) // 2], "walls": [r["seconds"] for r in done]}
    return runs


def bench(n: int, seed: int, workdir: Path, scorer: str | None, append: bool, configs=CONFIGS,
          repeat: int = 1) -> None:
    from bench.generate_corpus import write_corpus
    corpus, gold = workdir / "corpus.jsonl", workdir / "gold"
    info = write_corpus(n, corpus, gold, seed)
    runs = median_runs(corpus, gold, scorer, workdir, configs, repeat)
    words = info["words"]
    body = table(["run", "stored", "failed", "wall s", "articles/s", "words/s", "speed-up", "CPU ms / article",
                  "articles per CPU-second", "peak RSS MB", "workers' peak RSS MB", "store MB / 1k articles",
                  "quads / article", "F1", "load avg after"],
                 throughput_rows(runs, n, words))
    body += "\n\nCPU by process and workers' waiting (per article):\n\n" + table(
        ["run", "CPU ms", "writer process CPU ms", "of which its main thread", "workers' CPU ms",
         "workers idle ms (wall)", "workers idle share", "2-worker ceiling on 2 idle cores"], worker_rows(runs))
    first = runs[CONFIGS[0][0]]
    body += "\n\nTime by stage (full, 1 worker; per document processed, stored or not):\n\n" + table(
        ["stage", "CPU ms / article", "share of CPU", "wall ms / article (report.timings)"],
        stage_rows(first, first["ingested"] + first["failed"]))
    if f1_rows(runs):
        body += "\n\nF1 by category, with and without the NLP component:\n\n" + table(
            ["category", "full", "no nlp", "NLP buys"], f1_rows(runs))
    notes = [f"{n:,} synthetic articles (seed {seed}), {words:,} words, {words / n:,.0f} words/article",
             f"each configuration run {repeat} time(s), taking turns; the figures are those of the run of "
             "median wall time (walls of every run: " + "; ".join(
                 f"{name} " + " / ".join(f"{w:.1f}" for w in r["walls"]) + " s" for name, r in runs.items()) + ")",
             "CPU ms / article = user+system CPU of the run (writer and workers) per document: the figure that "
             "holds on a shared machine, where wall time depends on the others' load",
             "writer process = the one that reads, commits and runs the stored-hooks (its main thread; "
             "the rest of its CPU is RocksDB's threads); workers idle = wall time a worker spent between two "
             "documents (handing a result back, waiting for the next document), share = of its wall time; "
             "speed-up = wall time of the first run (one worker held to one core, its RocksDB threads "
             "included: what one core does) over each run's; unpinned, the one-worker run's RocksDB threads "
             "use the idle second core (compare its CPU ms and wall s); 2-worker ceiling = twice the first "
             "run's CPU per article over the run's: the speed-up if both cores were busy all the time",
             "errors: " + "; ".join(e for r in runs.values() for e in r["errors"])[:500]
             if any(r["errors"] for r in runs.values()) else "no ingest errors"]
    report("Ingest", f"Ingest, {n:,} articles", body, notes, append=append)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", help="where corpus and stores go (default: a temporary folder)")
    ap.add_argument("--scorer", help="path to the shared score.py (found automatically when beside the repo)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not append to BENCHMARKS.md")
    ap.add_argument("--scaling-only", action="store_true",
                    help="only the 1-worker (one core, and unpinned) and 2-worker runs, not the one without NLP")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each configuration this many times, taking turns, and report the median run")
    ap.add_argument("--writer-only", action="store_true",
                    help="only the writer's CPU per article on fixed input (no workers, load-independent)")
    ap.add_argument("--run-one", metavar="CORPUS", help=argparse.SUPPRESS)
    ap.add_argument("--run-writer", metavar="CORPUS", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--cores", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--skip", action="append", default=[], help=argparse.SUPPRESS)
    ap.add_argument("--gold", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run_one:
        print(json.dumps(run_one(args.run_one, args.store, args.workers, tuple(args.skip), args.gold,
                                 args.scorer, args.cores)))
        return 0
    if args.run_writer:
        print(json.dumps(run_writer(args.run_writer, args.store)))
        return 0
    with tempfile.TemporaryDirectory(prefix="camket-bench-") as tmp:
        if args.writer_only:
            writer_bench(args.articles, args.seed, Path(args.workdir or tmp), not args.no_append)
            return 0
        bench(args.articles, args.seed, Path(args.workdir or tmp), args.scorer, not args.no_append,
              SCALING if args.scaling_only else CONFIGS, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
