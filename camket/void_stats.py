"""The service description's VoID counts, kept in the statistics graph once written.

``GET /sparql`` without a query describes the endpoint with VoID counts: quads,
documents and entities per class. Counting them reads the whole store (≈ 11
CPU-seconds at 100,000 articles: the quads 5.7, the classes 4.9), which the API
did at every start. :func:`write` stores them in the statistics graph
(:data:`camket.statistics.GRAPH_STATS`) on the node :data:`VOID_NODE`, counting
its own triples; :func:`read` returns them, None when absent. They would be
stale after any change, so an incremental statistics refresh (every ingest)
drops them (:func:`drop`) and a full rebuild replaces the graph without them:
they are there only when written after the last change, e.g. after a bulk load::

    camket void-stats --store DIR       # or: python -m camket.void_stats --store DIR

That command also saves the API's whole-store list orders beside an embedded
store (:mod:`camket.api.saved_orders`), tied to a token written here and
dropped with the counts.

Public API::

    compute(store) -> {"triples": int, "documents": int, "classes": {class IRI: entities}}
    write(store, token=None) -> that dict;  read(store) -> that dict | None;  drop(store)
    token(store) -> the token written with them | None
"""
from __future__ import annotations

import argparse

from camket.statistics import GRAPH_STATS, _update
from camket.store import py, term_to_sparql

VOID = "http://rdfs.org/ns/void#"
VOID_NODE = GRAPH_STATS + "#void"
TOKEN = "https://w3id.org/camket/ns#precomputedToken"  # names what was precomputed with these counts


def compute(store) -> dict:
    from camket.stats import CLASS_QUERY
    classes = {py(r["class"]): py(r["n"]) for r in store.select(CLASS_QUERY)}
    return {"triples": len(store), "documents": len(store.documents()), "classes": classes}


def _lines(stats: dict) -> list[str]:
    v = f"<{VOID_NODE}>"
    out = [f"{v} <{VOID}documents> {int(stats['documents'])} ."]
    for i, (cls, n) in enumerate(sorted(stats["classes"].items())):
        part = f"<{VOID_NODE}-class-{i}>"
        out += [f"{v} <{VOID}classPartition> {part} .", f"{part} <{VOID}class> <{cls}> .",
                f"{part} <{VOID}entities> {int(n)} ."]
    return out


def write(store, token: str | None = None) -> dict:
    """Count and store the VoID figures (the count includes the triples written here), with
    ``token`` (:func:`token`) when given: dropped with them by the next change."""
    drop(store)
    stats = compute(store)
    lines = _lines(stats)
    if token:
        lines.append(f"<{VOID_NODE}> <{TOKEN}> {term_to_sparql(token)} .")
    stats["triples"] += len(lines) + 1  # these lines and the void:triples one
    lines.append(f"<{VOID_NODE}> <{VOID}triples> {stats['triples']} .")
    _update(store, "INSERT DATA { GRAPH <%s> {\n%s\n} }" % (GRAPH_STATS, "\n".join(lines)))
    return stats


def read(store) -> dict | None:
    """The stored figures, or None when none are stored (never written, or dropped since)."""
    head = store.select(f"SELECT ?t ?d WHERE {{ GRAPH <{GRAPH_STATS}> {{ <{VOID_NODE}> <{VOID}triples> ?t ; "
                        f"<{VOID}documents> ?d }} }}")
    if not head:
        return None
    parts = store.select(f"SELECT ?c ?n WHERE {{ GRAPH <{GRAPH_STATS}> {{ <{VOID_NODE}> <{VOID}classPartition> ?p . "
                         f"?p <{VOID}class> ?c ; <{VOID}entities> ?n }} }}")
    return {"triples": py(head[0]["t"]), "documents": py(head[0]["d"]),
            "classes": {r["c"].value: py(r["n"]) for r in parts}}


def token(store) -> str | None:
    """The token written with the figures (what was precomputed with them is valid), or None."""
    rows = store.select(f"SELECT ?t WHERE {{ GRAPH <{GRAPH_STATS}> {{ <{VOID_NODE}> <{TOKEN}> ?t }} }}")
    return rows[0]["t"].value if rows else None


def drop(store) -> None:
    """Remove the stored figures and token (what a change of the store makes stale)."""
    _update(store, " ;\n".join(
        f"DELETE WHERE {{ GRAPH <{GRAPH_STATS}> {{ ?x <{p}> ?o }} }}"
        for p in [f"{VOID}{p}" for p in ("triples", "documents", "classPartition", "class", "entities")] + [TOKEN]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m camket.void_stats", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="store directory or SPARQL server URL")
    return run(ap.parse_args(argv))


def run(args) -> int:
    """Write the VoID counts and, beside an embedded store, the API's list orders."""
    import uuid
    from camket.store import open_store
    store, tag = open_store(args.store), uuid.uuid4().hex
    stats = write(store, tag)
    print(f"{stats['triples']:,} triples, {stats['documents']:,} documents, {len(stats['classes'])} classes")
    try:
        from camket.api import saved_orders
    except ImportError:  # the API is not installed: no list orders to save
        return 0
    saved = saved_orders.save(store, tag)
    if saved:
        print(f"list orders saved to {saved}")
    return 0


def add_parsers(sub, store_help: str) -> None:
    p = sub.add_parser("void-stats", help="store the VoID counts and the API's list orders (after a bulk load)")
    p.add_argument("--store", default=None, help=store_help)


def _register() -> None:
    """``camket void-stats`` (this module is one of :data:`camket.cli.PLUGIN_MODULES`)."""
    from camket.cli import COMMANDS, EXTRA_PARSERS
    COMMANDS["void-stats"] = run
    if add_parsers not in EXTRA_PARSERS:
        EXTRA_PARSERS.append(add_parsers)


_register()

if __name__ == "__main__":
    raise SystemExit(main())
