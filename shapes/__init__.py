"""SHACL shapes (``camket-shapes.ttl``) and validation.

Public API::

    from camket.shapes import validate, validate_triples, Violation, SHAPES_PATH
    violations = validate(graph)              # pyshacl on an rdflib graph; [] when it conforms
    violations = validate_triples(triples)    # one document's pyoxigraph triples: compiled checks

Every document's graph is validated alone before it is stored, by the shapes
compiled into direct checks (:mod:`camket.shapes.compiled`, ~1-2 ms per
document; pyshacl instead when ``CAMKET_SHACL=pyshacl``, the strict mode);
``camket validate`` runs pyshacl with the same shapes over the whole store.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace

SHAPES_PATH = Path(__file__).with_name("camket-shapes.ttl")
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL result a researcher can act on."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        val = f" (value: {self.value[:80]})" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{val}"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def validate(graph: Graph) -> list[Violation]:
    """SHACL-validate ``graph`` against camket's shapes; list the violations."""
    import pyshacl

    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none",
                                           advanced=True, abort_on_first=False, allow_warnings=True)
    if conforms:
        return []
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        out.append(Violation(focus=str(report.value(result, SH.focusNode)),
                             path=str(path) if path is not None else None,
                             message=str(report.value(result, SH.resultMessage) or "shape violated"),
                             severity=severity, value=str(value) if value is not None else None))
    return sorted(out, key=lambda v: (v.focus, v.path or "", v.message))


def validate_triples(triples, strict: bool | None = None) -> list[Violation]:
    """One document's pyoxigraph triples against the shapes: the compiled checks, or
    pyshacl when ``strict`` (default: ``CAMKET_SHACL=pyshacl`` in the environment)."""
    if strict is None:
        strict = os.environ.get("CAMKET_SHACL", "") == "pyshacl"
    if not strict:
        from .compiled import check
        return check(triples)
    import pyoxigraph as ox
    triples = [t if isinstance(t, (ox.Triple, ox.Quad)) else ox.Triple(*t) for t in triples]  # also rdf.Triple
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return validate(Graph().parse(data=data, format="nt"))
