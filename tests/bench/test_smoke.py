"""CI smoke run of every bench: each one command, as a user runs it, on ~100 articles.

The figures they print are not asserted (speed is measured by the benches,
not by tests); what is asserted is that each bench runs to the end on a fresh
machine, prints its table, and leaves BENCHMARKS.md alone under --no-append.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMOKE_RUNS = {
    "bench_ingest": ["--articles", "100"],
    "bench_queries": ["--articles", "100", "--reps", "2", "--rdflib-budget", "1"],
    "bench_servers": ["--articles", "100", "--reps", "2"],
    "bench_backends": ["--articles", "100", "--reps", "2"],
    "bench_export": ["--nodes", "2000"],
    "bench_pages": ["--articles", "100", "--reps", "2"],
    "bench_api": ["--gold", "100", "--requests", "20", "--clients", "1,4", "--store", "{tmp}/store"],
    "bench_load": ["--requests", "200", "--clients", "10"],
    "bench_extract": ["--repeat", "1"],
    "bench_rss": ["--articles", "100", "--tiny", "--every", "0.2"],
}


def test_every_bench_script_has_a_smoke_run():
    scripts = {p.stem for p in (ROOT / "bench").glob("bench_*.py")}
    assert scripts == set(SMOKE_RUNS), "add the new bench to SMOKE_RUNS (or remove the stale entry)"


@pytest.mark.parametrize("bench", sorted(SMOKE_RUNS))
def test_bench_runs_end_to_end(bench, tmp_path):
    before = (ROOT / "BENCHMARKS.md").read_bytes()
    args = [a.format(tmp=tmp_path) for a in SMOKE_RUNS[bench]]
    done = subprocess.run([sys.executable, "-m", f"bench.{bench}", *args, "--no-append"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{bench} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert "|---|" in done.stdout, f"{bench} printed no table:\n{done.stdout[-2000:]}"
    assert (ROOT / "BENCHMARKS.md").read_bytes() == before
