"""Scale-out: ``camket extract`` (shards to N-Quads, no store) and ``camket load`` (bulk load).

For a batch cluster, each machine runs one shard and writes N-Quads::

    camket extract corpus/ --shard 3/16 -o part-03.nq --workers 2
    camket load part-*.nq --store .camket/store                   # embedded Oxigraph, bulk path
    camket load part-*.nq --store http://127.0.0.1:7878/store     # Oxigraph server (Graph Store Protocol)
    camket load part-*.nq --store http://127.0.0.1:8890/sparql-auth --user dba:dba   # SPARQL 1.1 Update

A document belongs to shard ``i/N`` when a stable hash of its id is ``i``
modulo ``N``, so shards are disjoint and cover the corpus whatever order the
files are listed in. Each document is extracted and validated exactly as by
``camket ingest`` (:func:`camket.ingest.extract`) and written as quads in its
named graph (the document IRI). Loading replaces graphs the store already
holds (``--append`` skips that check).
"""
from __future__ import annotations

import hashlib
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Iterable, Iterator

from camket.cli import COMMANDS, EXTRA_PARSERS

UPDATE_BATCH_QUADS = 20_000


def parse_shard(text: str) -> tuple[int, int]:
    """``"i/N"`` -> (i, N) with 0 <= i < N."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError(f"bad --shard {text!r}: want i/N, e.g. 0/4") from None
    if n < 1 or not 0 <= i < n:
        raise ValueError(f"bad --shard {text!r}: need 0 <= i < N")
    return i, n


def in_shard(doc_id: str, i: int, n: int) -> bool:
    digest = hashlib.sha1(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == i


def to_nquads(ntriples: str, graph_iri: str) -> str:
    """N-Triples lines (as ``extract`` returns them) placed in the named graph ``graph_iri``."""
    g = f" <{graph_iri}> .\n"
    out = []
    for line in ntriples.splitlines():
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        if not line.endswith("."):
            raise ValueError(f"not an N-Triples line: {line[:80]!r}")
        out.append(line[:-1].rstrip() + g)
    return "".join(out)


def _extract_one(args):
    """One document's extraction, or its error; the process freezes its long-lived objects
    as ``camket ingest`` does (:func:`camket.ingest.freeze_long_lived`): a shard is a batch job."""
    from camket.ingest import extract, freeze_long_lived
    doc, skip = args
    freeze_long_lived()
    try:
        return extract(doc, skip)
    except Exception as err:  # noqa: BLE001 - report per document, keep going
        return f"{doc.source}: {err}"


def _extract_packed(args):
    """:func:`_extract_one` in a pool worker: the N-Triples go back compressed
    (see :attr:`camket.ingest.Extracted.nt`)."""
    res = _extract_one(args)
    return res if isinstance(res, str) else res.pack()


def extract_shard(paths: Iterable[str], out: IO[str], shard: tuple[int, int] = (0, 1), workers: int = 1,
                  skip: tuple[str, ...] = (), max_bytes: int | None = None) -> tuple[int, list[str]]:
    """Write the quads of every document of ``shard`` to ``out``; (documents written, errors)."""
    from camket.loaders.read import DEFAULT_MAX_BYTES, iter_documents
    errors: list[str] = []

    def docs() -> Iterator:
        for doc in iter_documents(paths, max_bytes or DEFAULT_MAX_BYTES):
            if isinstance(doc, Exception):
                errors.append(str(doc))
            elif in_shard(doc.doc_id, *shard):
                yield doc, skip

    n = 0
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            from camket.ingest import PREFETCH, _bounded_map  # not Executor.map: it reads every document first
            n = _write(_bounded_map(pool, _extract_packed, docs(), window=PREFETCH * workers), out, errors)
    else:
        n = _write(map(_extract_one, docs()), out, errors)
    return n, errors


def _write(results, out: IO[str], errors: list[str]) -> int:
    n = 0
    for res in results:
        if isinstance(res, str):
            errors.append(res)
            continue
        out.write(to_nquads(res.ntriples, res.graph_iri))
        n += 1
    return n


# ------------------------------------------------------------------ loading

def graphs_in(path: str) -> set[str]:
    import pyoxigraph as ox
    return {q.graph_name.value for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS)
            if isinstance(q.graph_name, ox.NamedNode)}


def load_embedded(store, files: list[str], append: bool = False) -> None:
    """Bulk-load N-Quads files into an :class:`~camket.store.EmbeddedStore`."""
    from camket.ingest import STORED_HOOKS
    existing = set() if append else set(store.documents())
    for path in files:
        graphs = graphs_in(path) if existing or STORED_HOOKS else set()
        for g in graphs & existing:
            store.remove_document(g)
        store.load_nquads(path)
        for hook in STORED_HOOKS if graphs else ():
            hook(store, sorted(graphs))
    store.flush()


def load_http(url: str, files: list[str], append: bool = False, auth: tuple[str, str] | None = None) -> None:
    """Load into a SPARQL server: POST to a Graph Store ``/store`` URL, else SPARQL 1.1 Update."""
    import httpx
    with httpx.Client(timeout=600, auth=httpx.DigestAuth(*auth) if auth else None) as client:
        for path in files:
            if url.rstrip("/").endswith("/store"):
                if not append:
                    _update(client, url.rstrip("/")[: -len("/store")] + "/update",
                            "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in graphs_in(path)).rstrip(" ;\n"))
                data = Path(path).read_bytes()
                resp = client.post(url, content=data, headers={"Content-Type": "application/n-quads"})
                if resp.status_code >= 400:
                    raise OSError(f"POST {url} failed: HTTP {resp.status_code}: {resp.text[:300]}")
            else:
                for request in update_requests(path, append):
                    _update(client, url, request)


def _update(client, url: str, request: str) -> None:
    if not request.strip():
        return
    resp = client.post(url, data={"update": request})
    if resp.status_code >= 400:
        raise OSError(f"SPARQL update to {url} failed: HTTP {resp.status_code}: {resp.text[:300]}")


def update_requests(path: str, append: bool = False) -> Iterator[str]:
    """SPARQL 1.1 Update requests of about UPDATE_BATCH_QUADS quads each; a graph is dropped
    (unless ``append``) by the request that first carries it, never by a later one."""
    import pyoxigraph as ox
    by_graph: dict[str, list[str]] = {}
    seen: set[str] = set()
    size = 0
    for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
        g = q.graph_name.value
        if size >= UPDATE_BATCH_QUADS and g not in by_graph:
            yield _request(by_graph, append, seen)
            by_graph, size = {}, 0
        by_graph.setdefault(g, []).append(f"{q.subject} {q.predicate} {q.object} .")
        size += 1
    if by_graph:
        yield _request(by_graph, append, seen)


def _request(by_graph: dict[str, list[str]], append: bool, seen: set[str]) -> str:
    parts = [] if append else [f"DROP SILENT GRAPH <{g}>" for g in by_graph if g not in seen]
    seen.update(by_graph)
    parts += [f"INSERT DATA {{ GRAPH <{g}> {{\n" + "\n".join(t) + "\n}}" for g, t in by_graph.items()]
    return " ;\n".join(parts)


# ------------------------------------------------------------------ commands

def cmd_extract(args) -> int:
    shard = parse_shard(args.shard)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        n, errors = extract_shard(args.paths, out, shard, args.workers, tuple(args.skip or ()), args.max_bytes)
    finally:
        if out is not sys.stdout:
            out.close()
    for err in errors:
        print(err, file=sys.stderr)
    print(f"shard {args.shard}: {n} documents written, {len(errors)} failed", file=sys.stderr)
    return 1 if errors else 0


def cmd_load(args) -> int:
    from camket.store import open_store
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise ValueError(f"no such file: {', '.join(missing)}")
    location = args.store or ""
    if location.startswith(("http://", "https://")):
        import httpx
        auth = tuple(args.user.split(":", 1)) if args.user else None
        try:
            load_http(location, args.files, args.append, auth)  # type: ignore[arg-type]
        except httpx.HTTPError as err:
            raise OSError(f"cannot load into {location}: {err}") from err
    else:
        load_embedded(open_store(args.store), args.files, args.append)
    print(f"loaded {len(args.files)} file(s) into {location or 'the default store'}", file=sys.stderr)
    return 0


def add_parsers(sub, store_help: str) -> None:
    p = sub.add_parser("extract", help="extract documents to N-Quads, no store (one shard of a batch)")
    p.add_argument("paths", nargs="+", help="files, folders (recursive) or - for stdin")
    p.add_argument("--shard", default="0/1", help="i/N: only documents whose id hashes to i modulo N")
    p.add_argument("-o", "--output", default="-", help="N-Quads file to write (default stdout)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--skip", action="append", help="pipeline component to leave out (repeatable)")
    p.add_argument("--max-bytes", type=int, default=None, help="largest file accepted")

    p = sub.add_parser("load", help="bulk-load N-Quads files into the store or a SPARQL server")
    p.add_argument("files", nargs="+", help="N-Quads files (from camket extract)")
    p.add_argument("--store", default=None, help=store_help + "; a URL ending in /store uses the "
                   "Graph Store Protocol, any other URL SPARQL 1.1 Update")
    p.add_argument("--append", action="store_true", help="do not drop graphs already present first")
    p.add_argument("--user", help="USER:PASSWORD for a server that needs it (digest auth)")


COMMANDS["extract"] = cmd_extract
COMMANDS["load"] = cmd_load
if add_parsers not in EXTRA_PARSERS:
    EXTRA_PARSERS.append(add_parsers)
