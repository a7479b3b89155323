"""SHACL shapes (``camket-shapes.ttl``) and validation.

Public API::

    from camket.shapes import validate, Violation, SHAPES_PATH
    violations = validate(graph)        # [] when the graph conforms

Every document's graph is validated alone before it is stored (fast, local
checks); ``camket validate`` runs the same shapes over the whole store.
"""
from __future__ import annotations

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
