"""Memory of an ingest over its run: resident set size against documents stored.

    python -m bench.bench_rss --articles 1000,10000            # generated articles (300-3,000 words)
    python -m bench.bench_rss --articles 100000 --tiny         # one-sentence articles
    python -m bench.bench_rss --articles 100 --no-append       # CI smoke

For each size, ``camket ingest`` (one worker, or ``--workers N``) runs in a
child process over a JSONL corpus (``bench/generate_corpus.py``, or with
``--tiny`` one or two sentences per article); every ``--every`` seconds the
bench reads the child's ``VmRSS`` and ``VmHWM`` (and its workers') from ``/proc`` and the
number of documents the search index says are stored. The table gives the
peak RSS, the RSS when 10 %, 50 % and 100 % of the documents were stored,
wall time and store size: flat memory means the peak does not grow with the
corpus.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, load_average, report, table

TINY = ["Ông {n} Văn {m}, Giám đốc Sở Xây dựng tỉnh {p}, cho biết tỉnh sẽ hoàn thành dự án vào năm 20{y}.",
        "Bà {n} Thị {m} nói: \"Chúng tôi sẽ làm xong trước tháng {d}.\" Trời hôm nay mưa nhẹ.",
        "Giá rau ở {p} tăng nhẹ trong tuần qua."]
NAMES, MIDDLE = ["Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"], ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh"]
PLACES = ["Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Quảng Trị"]


def tiny_corpus(n: int, out: Path) -> None:
    """``n`` articles of one or two sentences, varied names, places and years."""
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = TINY[i % 3].format(n=NAMES[i % 6], m=MIDDLE[i % 7], p=PLACES[i % 5], y=25 + i % 10, d=1 + i % 12)
            f.write(json.dumps({"id": f"t{i}", "text": f"Tin {i}. {text}"}, ensure_ascii=False) + "\n")


def generated_corpus(n: int, out: Path, seed: int) -> None:
    subprocess.run([sys.executable, "-m", "bench.generate_corpus", "--articles", str(n), "--seed", str(seed),
                    "--out", str(out)], check=True, cwd=ROOT, capture_output=True)


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """``field`` of ``/proc/PID/status`` in MB: ``VmRSS``, or its parts ``RssAnon`` (heap, the
    store's buffers) and ``RssFile`` (mapped files: libraries, a memory-mapped index)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def stored(index: Path) -> int:
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM indexed").fetchone()[0]
    except sqlite3.Error:
        return 0


def run(corpus: Path, store: Path, workers: int, every: float) -> dict:
    """Ingest ``corpus`` in a child process, sampling its memory as it goes."""
    cmd = [sys.executable, "-m", "camket.cli", "ingest", str(corpus), "--store", str(store), "--workers", str(workers),
           "--max-bytes", str(corpus.stat().st_size + 1)]  # one JSONL file holds the corpus
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple] = []  # (documents stored, writer MB, largest worker MB, writer anon MB, file MB,
    #                             the writer's high-water mark so far MB)
    while child.poll() is None:
        samples.append((stored(store.parent / (store.name + ".search.sqlite")), rss_mb(child.pid),
                        max((rss_mb(c) for c in children(child.pid)), default=0.0),
                        rss_mb(child.pid, "RssAnon"), rss_mb(child.pid, "RssFile"), rss_mb(child.pid, "VmHWM")))
        time.sleep(every)
    err = child.stderr.read()
    if child.returncode != 0:
        raise SystemExit(f"ingest failed ({child.returncode}): {err[-2000:]}")
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    return {"seconds": time.perf_counter() - t0, "samples": samples, "store_mb": size / 2**20,
            "summary": err.strip().splitlines()[-1]}


def at(samples, fraction: float, total: int) -> float:
    """Writer RSS at the first sample with ``fraction`` of the documents stored."""
    samples = [x for x in samples if x[1] > 0]  # not the sample taken as the process exited
    return next((x[1] for x in samples if x[0] >= fraction * total), samples[-1][1] if samples else 0.0)


def row(n: int, res: dict) -> list:
    s = res["samples"]
    peak = max(s, key=lambda x: x[1], default=(0, 0, 0, 0, 0, 0))
    return [f"{n:,}", f"{peak[1]:.0f}", f"{max((x[5] for x in s), default=0):.0f}", f"{peak[3]:.0f} / {peak[4]:.0f}", f"{at(s, .1, n):.0f}", f"{at(s, .5, n):.0f}",
            f"{at(s, 1, n):.0f}", f"{max((x[2] for x in s), default=0):.0f}" if any(x[2] for x in s) else "-",
            f"{res['seconds']:.0f}", f"{n / res['seconds']:.1f}", f"{res['store_mb']:.0f}", load_average()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", default="100", help="comma-separated sizes")
    ap.add_argument("--tiny", action="store_true", help="one or two sentences per article")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--every", type=float, default=0.5, help="seconds between samples")
    ap.add_argument("--workdir", help="where corpora and stores go (default: a temporary folder)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not append to BENCHMARKS.md")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="camket-rss-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in (int(x) for x in args.articles.split(",")):
            corpus = work / f"{'tiny' if args.tiny else 'articles'}-{n}.jsonl"
            if not corpus.exists():
                tiny_corpus(n, corpus) if args.tiny else generated_corpus(n, corpus, args.seed)
            res = run(corpus, work / f"store-{n}", args.workers, args.every)
            print(f"{n}: {res['summary']}", file=sys.stderr)
            rows.append(row(n, res))
    kind = "one- or two-sentence articles" if args.tiny else "generated articles (300-3,000 words)"
    title = f"Ingest memory over the run: {kind}, {args.workers} worker(s)"
    head = ["articles", "peak RSS MB", "high-water MB", "anon / file MB at the peak", "RSS at 10 %", "at 50 %", "at 100 %", "worker peak MB", "wall s",
            "articles/s", "store MB", "load avg after"]
    notes = ["RSS of the `camket ingest` process (the one writer), sampled from /proc every "
             f"{args.every} s; documents stored read from the search index beside the store; high-water: the kernel's "
             "`VmHWM` (peaks between samples too) at the last sample"]
    report("Ingest memory", title, table(head, rows), notes, append=not args.no_append)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
