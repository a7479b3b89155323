"""Shared bench plumbing: machine facts, git commit, peak RSS, timing, markdown tables.

Every bench prints its table and appends it to ``BENCHMARKS.md`` under a
section heading (``Ingest``, ``Queries``, ``Validation``) with the machine,
date and commit it was measured on.
"""
from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine() -> str:
    return (f"{os.cpu_count()} cores ({cpu_model()}), {ram_gb():.0f} GB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its finished children), MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds(children: bool = False) -> float:
    """User + system CPU time of this process (or of its finished children)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


class Timer:
    """``with Timer() as t: ...``; then ``t.seconds``."""

    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def fmt(value) -> str:
    if isinstance(value, float):
        digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def report(section: str, title: str, body: str, notes: list[str] = (), path: Path | None = None,
           append: bool = True) -> str:
    """Print a block (heading, provenance, table, notes) and append it under ``## section``."""
    block = (f"### {title}\n\n{now()} · commit `{git_commit()}` · {machine()}\n\n{body}\n"
             + "".join(f"\n- {n}" for n in notes) + ("\n" if notes else ""))
    print(block)
    if append:
        append_section(path or BENCHMARKS, section, block)
    return block


def append_section(path: Path, section: str, block: str) -> None:
    """Insert ``block`` at the end of ``## section`` in ``path`` (created if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    heading = f"## {section}"
    lines = text.rstrip("\n").split("\n")
    if heading not in lines:
        lines += ["", heading, ""]
        lines += block.rstrip("\n").split("\n")
    else:
        start = lines.index(heading)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[end:end] = ([""] if lines[end - 1].strip() else []) + block.rstrip("\n").split("\n") + [""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
