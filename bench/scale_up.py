"""A large store from a smaller one: K copies of its documents, the entities shared. One command.

    python -m bench.scale_up --source /tmp/s10k --copies 10 --out /tmp/s100k

Generating and extracting 100,000 articles takes hours on a small machine;
the query and API benches only need a store of that size and shape. This
dumps the source store's document graphs and writes them ``--copies`` times,
renumbering the synthetic document ids (``gen-NNNNNNN``, see
:mod:`bench.generate_corpus`) in every document-scoped IRI and literal, so
copy ``k`` of ``gen-0000013`` is ``gen-{k*stride+13}``. People, bodies,
policies, places and events keep their IRIs: a 100k store made from a 10k
one has 10x the documents, statements, pledges and spans, with the same
population of actors each quoted 10x as often — a denser graph than 100k
independently generated articles would give, so lookups of an actor's
facts are the harder case. The result is bulk-loaded into ``--out``.
"""
from __future__ import annotations

import argparse
import io
import re
import time
from pathlib import Path

DOC_ID = re.compile(rb"gen-(\d{7})")


def renumber(line: bytes, offset: int) -> bytes:
    return DOC_ID.sub(lambda m: b"gen-%07d" % (int(m.group(1)) + offset), line)


def copies(nquads: bytes, k: int, stride: int):
    """N-Quads of ``k`` renumbered copies, one copy at a time."""
    for i in range(k):
        if i == 0:
            yield nquads
        else:
            yield b"".join(renumber(line, i * stride) for line in io.BytesIO(nquads))


def read_source(source: str) -> bytes:
    """N-Quads of a store folder (dumped) or of an ``.nq`` file."""
    import pyoxigraph as ox
    from camket.store import open_store
    if source.endswith(".nq"):
        return Path(source).read_bytes()
    buf = io.BytesIO()
    open_store(source, read_only=True).dump(buf, ox.RdfFormat.N_QUADS)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True, help="store folder, or N-Quads file (.nq), to copy")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--out", required=True, help="new store folder (must not exist)")
    args = ap.parse_args(argv)
    import pyoxigraph as ox
    out = Path(args.out)
    if out.exists():
        ap.error(f"--out {out} exists: give a new folder")
    t0 = time.perf_counter()
    nquads = read_source(args.source)
    ids = {int(m) for m in re.findall(rb"/doc/gen-(\d{7})>", nquads)}
    stride = 10 ** len(str(max(ids) + 1)) if ids else 1
    print(f"read {len(nquads) / 1e6:.0f} MB of N-Quads from {args.source} in {time.perf_counter() - t0:.0f} s; "
          f"{len(ids):,} synthetic documents, stride {stride:,}", flush=True)
    dest = ox.Store(str(out))
    for i, part in enumerate(copies(nquads, args.copies, stride)):
        dest.bulk_load(part, format=ox.RdfFormat.N_QUADS)
        print(f"copy {i + 1}/{args.copies} loaded, {time.perf_counter() - t0:.0f} s", flush=True)
    dest.flush()
    dest.optimize()
    print(f"{len(dest):,} quads in {out} after {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
