"""The export formats and the one entry point that writes any of them.

:data:`FORMATS` maps a format name to its media type, file extension and
whether it is a projection of the actor network (gexf, graphml, csv) or an
RDF dump (nquads, trig, turtle, jsonld). :func:`export` writes one to a
binary stream; :func:`prepare` splits it into the querying (now) and the
writing (later, e.g. while an HTTP response streams).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable

from .filters import Filters


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    network: bool  # True: actor network projection; False: RDF dump


FORMATS = {f.name: f for f in (
    Format("gexf", "application/gexf+xml", ".gexf", True),
    Format("graphml", "application/graphml+xml", ".graphml", True),
    Format("csv", "application/zip", ".zip", True),
    Format("nquads", "application/n-quads", ".nq", False),
    Format("trig", "application/trig", ".trig", False),
    Format("turtle", "text/turtle", ".ttl", False),
    Format("jsonld", "application/ld+json", ".jsonld", False),
)}
CSV_TABLE_MEDIA_TYPE = "text/csv; charset=utf-8"


def get_format(name: str) -> Format:
    if name not in FORMATS:
        raise ValueError(f"unknown export format {name!r}; known: {', '.join(FORMATS)}")
    return FORMATS[name]


def prepare(store, fmt: str, filters: Filters | None = None, *, gexf_version: str = "1.3",
            facts_as_nodes: bool = False, table: str | None = None) -> Callable[[BinaryIO], None]:
    """Do the querying and filtering now (errors surface here, e.g. an unknown
    ego entity) and return ``write(out)`` that streams the result."""
    spec = get_format(fmt)
    filters = filters or Filters()
    if gexf_version not in ("1.3", "1.2"):
        raise ValueError("gexf_version must be 1.3 or 1.2")
    if table not in (None, "nodes", "edges"):
        raise ValueError("table must be nodes or edges")
    if not spec.network:
        from .filters import selected_documents
        from .rdf import write_rdf
        graphs = selected_documents(store, filters)
        return lambda out: write_rdf(store, fmt, out, graphs=graphs)
    from .projection import build
    proj = build(store, filters, facts_as_nodes=facts_as_nodes)
    if fmt == "gexf":
        from .gexf import write_gexf
        return lambda out: write_gexf(proj, out, version=gexf_version)
    if fmt == "graphml":
        from .graphml import write_graphml
        return lambda out: write_graphml(proj, out)
    from .csv import write_csv_table, write_csv_zip
    if table:
        return lambda out: write_csv_table(proj, table, out)
    return lambda out: write_csv_zip(proj, out)


def export(store, fmt: str, out: BinaryIO, filters: Filters | None = None, **options) -> None:
    """Write ``store`` as ``fmt`` to the binary stream ``out``.

    ``filters`` apply to every format. Options: ``gexf_version`` ("1.3" or
    "1.2"), ``facts_as_nodes`` (statements and pledges as nodes, network
    formats), ``table`` ("nodes"/"edges": one CSV table instead of the zip).
    """
    prepare(store, fmt, filters, **options)(out)


def filename(fmt: str, table: str | None = None) -> str:
    """The download name: ``camket.gexf``, ``camket-csv.zip``, ``camket-nodes.csv``..."""
    if fmt == "csv":
        return f"camket-{table}.csv" if table else "camket-csv.zip"
    return "camket" + get_format(fmt).extension


def media_type(fmt: str, table: str | None = None) -> str:
    return CSV_TABLE_MEDIA_TYPE if fmt == "csv" and table else get_format(fmt).media_type
