"""The export formats and the one entry point that writes any of them.

:data:`FORMATS` maps a format name to its media type, file extension and
whether it is a projection of the actor network (gexf, graphml, csv) or an
RDF dump (nquads, trig, turtle, jsonld). :func:`export` writes one to a
binary stream.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

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


def export(store, fmt: str, out: BinaryIO, filters: Filters | None = None, *,
           gexf_version: str = "1.3", facts_as_nodes: bool = False, table: str | None = None) -> None:
    """Write ``store`` as ``fmt`` to the binary stream ``out``.

    ``filters`` apply to every format; ``facts_as_nodes`` adds statements and
    pledges as nodes (network formats); ``table`` ("nodes"/"edges") writes a
    single CSV table instead of the zip of both.
    """
    spec = get_format(fmt)
    filters = filters or Filters()
    if not spec.network:
        from .rdf import write_rdf
        write_rdf(store, fmt, out, filters)
        return
    from .projection import build
    proj = build(store, filters, facts_as_nodes=facts_as_nodes)
    if fmt == "gexf":
        from .gexf import write_gexf
        write_gexf(proj, out, version=gexf_version)
    elif fmt == "graphml":
        from .graphml import write_graphml
        write_graphml(proj, out)
    elif table:
        from .csv import write_csv_table
        write_csv_table(proj, table, out)
    else:
        from .csv import write_csv_zip
        write_csv_zip(proj, out)
