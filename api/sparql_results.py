"""Query results in the SPARQL 1.1 formats, and content negotiation between them.

* solutions / booleans: SPARQL JSON, XML, CSV, TSV (written here, because the
  endpoint collects rows itself to enforce its row and time limits);
* graphs (CONSTRUCT/DESCRIBE): Turtle, N-Triples, JSON-LD, RDF/XML, N3 (pyoxigraph).

Public API::

    negotiate(kind, accept, fmt) -> (media_type, writer)   # raises NotAcceptable
    writer(result) -> bytes
"""
from __future__ import annotations

import csv
import io
import json
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from camket.ontology import PREFIXES

from .sparql_exec import Result

SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"


class NotAcceptable(Exception):
    """No format the client accepts fits this kind of result."""


def _term_json(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def to_json(r: Result) -> bytes:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean}).encode()
    bindings = [{v: _term_json(t) for v, t in zip(r.variables, row) if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _term_xml(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def to_xml(r: Result) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    if r.kind == "ask":
        out.append(f"</head>\n<boolean>{'true' if r.boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out).encode()
    out += [f'<variable name={quoteattr(v)}/>' for v in r.variables]
    out.append("</head>\n<results>")
    for row in r.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                        for v, t in zip(r.variables, row) if t is not None)
        out.append(f"<result>{cells}</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode()


def _rows_or_boolean(r: Result) -> tuple[list[str], list[list]]:
    if r.kind == "ask":
        return ["boolean"], [[ox.Literal(r.boolean)]]
    return r.variables, r.rows


def to_csv(r: Result) -> bytes:
    names, rows = _rows_or_boolean(r)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    for row in rows:
        w.writerow(["" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return buf.getvalue().encode()


def _tsv_term(t) -> str:
    if t is None:
        return ""
    return str(t).replace("\t", "\\t")


def to_tsv(r: Result) -> bytes:
    names, rows = _rows_or_boolean(r)
    lines = ["\t".join("?" + n for n in names)] + ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _rdf(fmt: ox.RdfFormat) -> Callable[[Result], bytes]:
    def write(r: Result) -> bytes:
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML) else None
        return ox.serialize(r.triples, format=fmt, prefixes=prefixes) or b""
    return write


SOLUTION_FORMATS: dict[str, Callable[[Result], bytes]] = {
    SRJ: to_json, "application/json": to_json, SRX: to_xml, "application/xml": to_xml, "text/xml": to_xml,
    "text/csv": to_csv, "text/tab-separated-values": to_tsv,
}
GRAPH_FORMATS: dict[str, Callable[[Result], bytes]] = {
    "text/turtle": _rdf(ox.RdfFormat.TURTLE), "application/turtle": _rdf(ox.RdfFormat.TURTLE),
    "application/x-turtle": _rdf(ox.RdfFormat.TURTLE),
    "application/n-triples": _rdf(ox.RdfFormat.N_TRIPLES), "text/plain": _rdf(ox.RdfFormat.N_TRIPLES),
    "application/ld+json": _rdf(ox.RdfFormat.JSON_LD), "application/x-json+ld": _rdf(ox.RdfFormat.JSON_LD),
    "application/rdf+xml": _rdf(ox.RdfFormat.RDF_XML), "application/xml": _rdf(ox.RdfFormat.RDF_XML),
    "text/n3": _rdf(ox.RdfFormat.N3), "text/rdf+n3": _rdf(ox.RdfFormat.N3),
}
SHORT_NAMES = {"json": SRJ, "xml": SRX, "csv": "text/csv", "tsv": "text/tab-separated-values",
               "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
               "ntriples": "application/n-triples", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
               "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "n3": "text/n3"}


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    out = []
    for i, part in enumerate(p for p in (accept or "*/*").split(",") if p.strip()):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        out.append((q, i, media.lower()))
    return sorted(out, key=lambda t: (-t[0], t[1]))


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, Callable[[Result], bytes]]:
    """The media type and writer for a result of ``kind`` (``select``, ``ask`` or ``graph``)."""
    table = GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS
    default = "text/turtle" if kind == "graph" else SRJ
    if fmt:  # ?format= / ?output= (SPARQLWrapper sends it); unknown values fall back to Accept
        aliases = {"json": "application/ld+json", "xml": "application/rdf+xml"} if kind == "graph" else {}
        media = aliases.get(fmt.lower()) or SHORT_NAMES.get(fmt.lower(), fmt.lower())
        if media in table:
            return media, table[media]
    for q, _, media in _accepted(accept or "*/*"):
        if q <= 0:
            continue
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default, table[default]
    raise NotAcceptable(f"none of the accepted types ({accept}) can carry a {kind} result; "
                        f"available: {', '.join(sorted(table))}")
