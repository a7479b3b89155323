"""The ``camket`` command. One core (:mod:`camket.ingest`, :mod:`camket.store`,
:mod:`camket.named_queries`, :mod:`camket.facts`) shared with the API.

Sub-commands: ``ingest``, ``validate``, ``query``, ``facts``, ``stats``,
``serve`` (when the API is installed). Run ``camket COMMAND --help``.
Exit codes: 0 success, 1 something failed (bad input, violations), 2 usage.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Callable

from camket import __version__
from camket.store import DEFAULT_STORE, StoreError, open_store, py

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def register(fn):
        COMMANDS[name] = fn
        return fn
    return register


@command("ingest")
def cmd_ingest(args) -> int:
    from camket.ingest import ingest
    store = open_store(args.store)
    try:
        report = ingest(args.paths, store, workers=args.workers, max_bytes=args.max_bytes,
                        force=args.force, skip=tuple(args.skip or ()), link=not args.no_link, freeze_gc=True)
    finally:
        store.close()
    print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


@command("validate")
def cmd_validate(args) -> int:
    from camket.validation import validate_store
    store = open_store(args.store)
    violations, n_docs = validate_store(store)
    for v in violations:
        print(v)
    print(f"{n_docs} documents checked, {len(violations)} violations", file=sys.stderr)
    return 1 if violations else 0


@command("query")
def cmd_query(args) -> int:
    from camket.named_queries import coerce_params, get_query
    query = get_query(args.query)
    params = dict(p.split("=", 1) for p in args.param or [])
    store = open_store(args.store)
    rows = store.select(query.text, coerce_params(query, params))
    write_rows(rows, args.format, sys.stdout)
    return 0


def write_rows(rows: list[dict], fmt: str, out) -> None:
    names = list(rows[0]) if rows else []
    plain = [{k: ("" if v is None else py(v)) for k, v in r.items()} for r in rows]
    if fmt == "json":
        json.dump(plain, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.DictWriter(out, fieldnames=names, delimiter="," if fmt == "csv" else "\t")
        writer.writeheader()
        writer.writerows(plain)
    else:
        widths = {n: min(60, max([len(n)] + [len(str(r[n])) for r in plain])) for n in names}
        out.write("  ".join(n.ljust(widths[n]) for n in names) + "\n")
        for r in plain:
            out.write("  ".join(str(r[n])[:60].ljust(widths[n]) for n in names) + "\n")
        out.write(f"({len(plain)} rows)\n")


@command("facts")
def cmd_facts(args) -> int:
    from camket.facts import collect
    from camket.ontology import iri
    store = open_store(args.store)
    doc = str(iri.document(args.doc)) if args.doc else None
    data = collect(store, doc)
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for d in data:
            counts = ", ".join(f"{k} {len(d[k])}" for k in d if k != "doc")
            print(f"{d['doc']}: {counts}")
    return 0


@command("stats")
def cmd_stats(args) -> int:
    from camket.stats import store_stats
    stats = store_stats(open_store(args.store))
    if args.format == "json":
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for key, value in stats.items():
            if isinstance(value, dict):
                print(f"{key}:")
                for k, v in value.items():
                    print(f"  {k:<28}{v:>10}")
            else:
                print(f"{key:<30}{value:>10}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="camket", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"camket {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    store_help = f"store directory or SPARQL server URL (default: $CAMKET_STORE or {DEFAULT_STORE})"

    p = sub.add_parser("ingest", help="read articles into the store")
    p.add_argument("paths", nargs="+", help="files, folders (recursive) or - for stdin")
    p.add_argument("--store", default=None, help=store_help)
    p.add_argument("--workers", type=int, default=1,
                   help="extraction processes (default 1); with 2 or more, this process writes and they extract")
    p.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024, help="largest file accepted")
    p.add_argument("--force", action="store_true", help="re-extract documents even when unchanged")
    p.add_argument("--skip", action="append", help="pipeline component to leave out (repeatable)")
    p.add_argument("--no-link", action="store_true",
                   help="do not link spelling variants across documents after the batch")

    p = sub.add_parser("validate", help="check the whole store against the SHACL shapes")
    p.add_argument("--store", default=None, help=store_help)

    p = sub.add_parser("query", help="run a named query or a .rq file")
    p.add_argument("query", help="name of a query in queries/ or a path to a .rq file")
    p.add_argument("--param", "-p", action="append", help="NAME=VALUE (repeatable)")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--store", default=None, help=store_help)

    p = sub.add_parser("facts", help="print the extracted facts per document")
    p.add_argument("--doc", help="only this document id")
    p.add_argument("--format", choices=["json", "summary"], default="json")
    p.add_argument("--store", default=None, help=store_help)

    p = sub.add_parser("stats", help="counts by class, documents, store size")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--store", default=None, help=store_help)

    for extra in EXTRA_PARSERS:
        extra(sub, store_help)
    return parser


EXTRA_PARSERS: list[Callable] = []  # other modules add sub-commands here (serve, export...)


def main(argv: list[str] | None = None) -> int:
    _load_plugins()
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, KeyError, ValueError, OSError) as err:
        msg = err.args[0] if isinstance(err, KeyError) and err.args else err
        print(f"camket {args.command}: error: {msg}", file=sys.stderr)
        return 1


PLUGIN_MODULES = ["camket.api.cli", "camket.export.cli", "camket.scale", "camket.curation.cli", "camket.void_stats"]


def _load_plugins() -> None:
    """Import optional command modules (each registers its sub-commands)."""
    import importlib
    for mod in PLUGIN_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as err:
            if err.name and not mod.startswith(err.name):
                raise


if __name__ == "__main__":  # python -m camket.cli
    sys.exit(main())
