"""``camket export``: write the actor network or an RDF dump to a file.

    camket export --format gexf -o camket.gexf [--kinds person,body] [--since 2020]
        [--until 2022-06] [--doc ID ...] [--min-weight 2] [--ego IRI|NAME --depth 2]
        [--with-facts] [--drop-isolates] [--gexf-version 1.2] [--read-only]

``-o -`` writes to stdout. For ``csv``, ``-o x.zip`` writes a zip and any
other path a folder holding nodes.csv and edges.csv. Registered with the
main CLI through ``COMMANDS`` / ``EXTRA_PARSERS``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from camket.cli import COMMANDS, EXTRA_PARSERS
from camket.store import DEFAULT_STORE, StoreError, open_store

from .filters import Filters
from .formats import FORMATS, export
from .projection import NODE_KINDS


def filters_from_args(args: argparse.Namespace) -> Filters:
    kinds = frozenset(k.strip() for k in args.kinds.split(",") if k.strip()) if args.kinds else None
    docs = frozenset(d for group in args.doc for d in group.split(",") if d) if args.doc else None
    return Filters(kinds=kinds, since=args.since, until=args.until, documents=docs,
                   min_weight=args.min_weight, ego=args.ego, depth=args.depth,
                   drop_isolates=args.drop_isolates)


def cmd_export(args: argparse.Namespace) -> int:
    filters = filters_from_args(args)
    store = open_store(_existing(args.store), read_only=args.read_only)
    options = {"gexf_version": args.gexf_version, "facts_as_nodes": args.with_facts}
    if args.output == "-":
        export(store, args.format, sys.stdout.buffer, filters, **options)
        sys.stdout.buffer.flush()
    elif args.format == "csv" and not args.output.endswith(".zip"):
        from .csv import write_csv_dir
        from .projection import build
        paths = write_csv_dir(build(store, filters, facts_as_nodes=args.with_facts), args.output)
        print(f"wrote {', '.join(map(str, paths))}", file=sys.stderr)
    else:
        with open(args.output, "wb") as fh:
            export(store, args.format, fh, filters, **options)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _existing(location: str | None) -> str:
    """The store location; a local store that does not exist is an error, not a new empty store."""
    location = str(location or DEFAULT_STORE)
    if "://" not in location and not Path(location).is_dir():
        raise StoreError(f"no store at {location} (run `camket ingest` first or pass --store)")
    return location


def add_parser(sub, store_help: str) -> None:
    p = sub.add_parser("export", help="export the actor network (GEXF, GraphML, CSV) or an RDF dump",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("--format", "-f", choices=list(FORMATS), default="gexf")
    p.add_argument("--output", "-o", required=True, help="file to write (- for stdout; csv: folder or .zip)")
    p.add_argument("--store", default=None, help=store_help)
    p.add_argument("--read-only", action="store_true",
                   help="open the store read-only (export while a server or an ingest holds it)")
    g = p.add_argument_group("filters (all formats)")
    g.add_argument("--kinds", help=f"comma-separated node kinds to keep ({', '.join(NODE_KINDS)})")
    g.add_argument("--since", help="facts dated on/after (YYYY, YYYY-MM or YYYY-MM-DD)")
    g.add_argument("--until", help="facts dated on/before (inclusive)")
    g.add_argument("--doc", action="append", help="only facts from this document id or IRI (repeatable)")
    g.add_argument("--min-weight", type=int, default=1, help="drop edges with fewer supporting facts")
    g.add_argument("--ego", help="only the network around this entity (IRI, IRI tail or name)")
    g.add_argument("--depth", type=int, default=1, help="ego network depth (default 1)")
    g.add_argument("--drop-isolates", action="store_true", help="leave out nodes without edges")
    o = p.add_argument_group("network options")
    o.add_argument("--with-facts", action="store_true", help="statements and pledges as nodes")
    o.add_argument("--gexf-version", choices=["1.3", "1.2"], default="1.3",
                   help="GEXF version (1.2 for older readers)")


COMMANDS["export"] = cmd_export
EXTRA_PARSERS.append(add_parser)
