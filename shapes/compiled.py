"""The shapes compiled once into direct checks over one document's triples.

Per-document validation at ingest does not run pyshacl (tens of ms per
document): :func:`check` runs ``camket-shapes.ttl`` compiled into plain
Python checks over pyoxigraph triples, and reports the same results as
pyshacl (focus node, path, message, value) for the SHACL-core subset the
shapes use: ``sh:targetClass``, predicate paths, ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:nodeKind``,
``sh:minInclusive``, ``sh:minLength``, ``sh:pattern`` (+ ``sh:flags``),
``sh:in``, ``sh:lessThan``, ``sh:or``, ``sh:message``, ``sh:severity``.
A shape using anything else is refused when the shapes are compiled, so an
edit of the shapes file cannot be silently ignored (use pyshacl,
:func:`camket.shapes.validate`, for those). ``tests/shapes`` checks that
both validators agree on a violation of every constraint in the file.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import RDF as RDF_NS, BNode, Literal as RLiteral, Namespace, URIRef
from rdflib.collection import Collection

SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = ox.NamedNode(RDF + "type")
SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")

# (focus, path or None, message, severity, value or None)
Result = tuple
ValueTest = Callable[["Data", object], bool]

_TZ = r"(Z|[+-]\d\d:\d\d)?"
_LEXICAL: dict[str, Callable[[str], bool]] = {
    XSD + "string": lambda s: True,
    XSD + "integer": lambda s: re.fullmatch(r"[+-]?\d+", s) is not None,
    XSD + "gYear": lambda s: re.fullmatch(r"-?\d{4,}" + _TZ, s) is not None,
    XSD + "gYearMonth": lambda s: re.fullmatch(r"-?\d{4,}-(0[1-9]|1[0-2])" + _TZ, s) is not None,
    XSD + "date": lambda s: _parses(date.fromisoformat, s[:10]) and re.fullmatch(r"\d{4}-\d\d-\d\d" + _TZ, s)
    is not None,
    XSD + "dateTime": lambda s: re.fullmatch(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?" + _TZ, s) is not None
    and _parses(datetime.fromisoformat, s.replace("Z", "+00:00")),
}
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger",
                              "nonPositiveInteger", "unsignedInt", "unsignedLong")}


def _parses(fn, s: str) -> bool:
    try:
        fn(s)
        return True
    except ValueError:
        return False


def well_typed(lit: ox.Literal) -> bool:
    """The literal's lexical form is valid for its datatype (as rdflib judges it).
    Common forms pass a quick test; anything else is asked of rdflib, as pyshacl does."""
    test = _LEXICAL.get(lit.datatype.value)
    if test is not None and test(lit.value):
        return True
    return not getattr(RLiteral(lit.value, datatype=URIRef(lit.datatype.value)), "ill_typed", False)


def _number(term) -> Decimal | None:
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    return None


class Data:
    """One document's triples indexed for the checks (a set: duplicates count once)."""

    def __init__(self, triples: Iterable):
        self.out: dict[tuple, dict] = {}  # (s, p) -> {o: None}, insertion-ordered
        out = self.out
        for s, p, o, *_ in triples:
            objs = out.get((s, p))
            if objs is None:
                out[(s, p)] = {o: None}
            else:
                objs[o] = None
        types: dict[object, set] = defaultdict(set)
        supers: dict[object, set] = defaultdict(set)
        for (s, p), objs in out.items():
            if p == RDF_TYPE:
                types[s].update(objs)
            elif p == SUBCLASS:
                supers[s].update(objs)
        self.types = {s: _closure(cs, supers) for s, cs in types.items()} if supers else dict(types)
        self.instances: dict[object, list] = defaultdict(list)
        for s, cs in self.types.items():
            for c in cs:
                self.instances[c].append(s)

    def values(self, focus, path):
        return self.out.get((focus, path), ())

    def is_a(self, node, cls) -> bool:
        return not isinstance(node, ox.Literal) and cls in self.types.get(node, ())


def _closure(classes: set, supers: dict) -> set:
    out, todo = set(classes), list(classes)
    while todo:
        for sup in supers.get(todo.pop(), ()):
            if sup not in out:
                out.add(sup)
                todo.append(sup)
    return out


class Shape:
    """A compiled node or property shape."""

    def __init__(self, node, path, message: str, severity: str):
        self.node, self.path, self.message, self.severity = node, path, message, severity
        self.targets: list = []
        self.value_tests: list[ValueTest] = []      # each value node must pass every test
        self.count: tuple[int | None, int | None] = (None, None)
        self.less_than: list = []
        self.properties: list[Shape] = []

    def values(self, data: Data, focus) -> list:
        return [focus] if self.path is None else data.values(focus, self.path)

    def results(self, data: Data, focus, out: list) -> list[Result]:
        """Append the results of ``focus`` against this shape to ``out``."""
        values = self.values(data, focus)
        lo, hi = self.count
        bad: list = []
        if (lo is not None and len(values) < lo) or (hi is not None and len(values) > hi):
            bad.append(None)
        for v in values:
            for test in self.value_tests:
                if not test(data, v):
                    bad.append(v.value)
            for other in self.less_than:
                for w in data.values(focus, other):
                    if not _less(v, w):
                        bad.append(v.value)
        if bad:
            path = None if self.path is None else self.path.value
            out.extend((focus.value, path, self.message, self.severity, value) for value in bad)
        for prop in self.properties:
            prop.results(data, focus, out)
        return out

    def conforms(self, data: Data, focus) -> bool:
        if self.path is None and not self.properties:  # a member of sh:or: tests on the node itself
            return all(test(data, focus) for test in self.value_tests)
        return not self.results(data, focus, [])


def _less(a, b) -> bool:
    """SPARQL ``a < b``: numbers by value, other literals of one datatype (strings,
    ISO dates, ill-typed numbers: rdflib's order, so pyshacl's) by lexical form;
    anything else cannot be compared and fails."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return x < y
    if isinstance(a, ox.Literal) and isinstance(b, ox.Literal) and a.datatype == b.datatype:
        return a.value < b.value
    return False


# ------------------------------------------------------------------ compiling

SUPPORTED = {"type", "targetClass", "property", "path", "message", "severity", "name", "description",
             "minCount", "maxCount", "datatype", "class", "nodeKind", "minInclusive", "minLength",
             "pattern", "flags", "in", "lessThan", "or"}


def _node(term):
    """An rdflib term (from the shapes graph) as a pyoxigraph term."""
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        dt = term.datatype or (RDF + "langString" if term.language else XSD + "string")
        return ox.Literal(str(term), language=term.language) if term.language else \
            ox.Literal(str(term), datatype=ox.NamedNode(str(dt)))
    return ox.NamedNode(str(term))


class _Compiler:
    def __init__(self, graph):
        self.g, self.sh = graph, Namespace(SH)

    def one(self, node, key):
        return self.g.value(node, self.sh[key])

    def shape(self, node, message: str | None = None, severity: str | None = None) -> Shape:
        keys = {"type" if p == RDF_NS.type else str(p).removeprefix(SH) for p in self.g.predicates(node, None)}
        unknown = keys - SUPPORTED
        if unknown:
            raise ValueError(f"shape {node} uses {sorted(unknown)}: not supported by the compiled checks")
        msg = self.one(node, "message")
        sev = self.one(node, "severity")
        path = self.one(node, "path")
        if path is not None and not isinstance(path, URIRef):
            raise ValueError(f"shape {node}: only predicate paths are supported, not {path}")
        shape = Shape(node, None if path is None else ox.NamedNode(str(path)),
                      str(msg) if msg is not None else (message or f"{node} violated"),
                      str(sev).rsplit("#", 1)[-1] if sev is not None else (severity or "Violation"))
        shape.targets = [ox.NamedNode(str(c)) for c in self.g.objects(node, self.sh.targetClass)]
        self.constraints(node, shape)
        shape.properties = [self.shape(p) for p in self.g.objects(node, self.sh.property)]
        return shape

    def constraints(self, node, shape: Shape) -> None:
        def num(key):
            v = self.one(node, key)
            return None if v is None else int(v)
        shape.count = (num("minCount"), num("maxCount"))
        tests = shape.value_tests
        for key, value in ((str(p)[len(SH):], o) for p, o in self.g.predicate_objects(node)
                           if str(p).startswith(SH)):
            make = getattr(self, f"c_{key}", None)
            if make is not None:
                tests.append(make(node, value))
        shape.less_than = [ox.NamedNode(str(o)) for o in self.g.objects(node, self.sh.lessThan)]

    # one method per value constraint: returns test(data, value) -> bool
    def c_datatype(self, node, value) -> ValueTest:
        dt = str(value)
        return lambda d, v: isinstance(v, ox.Literal) and v.datatype.value == dt and well_typed(v)

    def c_class(self, node, value) -> ValueTest:
        cls = ox.NamedNode(str(value))
        return lambda d, v: d.is_a(v, cls)

    def c_nodeKind(self, node, value) -> ValueTest:
        allowed = {"IRI": (ox.NamedNode,), "BlankNode": (ox.BlankNode,), "Literal": (ox.Literal,),
                   "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode), "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
                   "IRIOrLiteral": (ox.NamedNode, ox.Literal)}[str(value)[len(SH):]]
        return lambda d, v: isinstance(v, allowed)

    def c_minInclusive(self, node, value) -> ValueTest:
        limit = _number(_node(value))
        return lambda d, v: (n := _number(v)) is not None and n >= limit

    def c_minLength(self, node, value) -> ValueTest:
        n = int(value)
        return lambda d, v: not isinstance(v, ox.BlankNode) and len(v.value) >= n

    def c_pattern(self, node, value) -> ValueTest:
        flags = str(self.one(node, "flags") or "")
        rx = re.compile(str(value), sum(getattr(re, f.upper()) for f in flags if f in "imsx"))
        return lambda d, v: not isinstance(v, ox.BlankNode) and rx.search(v.value) is not None

    def c_in(self, node, value) -> ValueTest:
        allowed = {_node(t) for t in Collection(self.g, value)}
        return lambda d, v: v in allowed

    def c_or(self, node, value) -> ValueTest:
        members = [self.shape(m) for m in Collection(self.g, value)]
        return lambda d, v: any(m.conforms(d, v) for m in members)


def compile_shapes(graph) -> list[Shape]:
    """Every shape with a target in the rdflib shapes ``graph``, compiled."""
    compiler = _Compiler(graph)
    return [compiler.shape(node) for node in sorted(set(graph.subjects(compiler.sh.targetClass, None)), key=str)]


@lru_cache(maxsize=1)
def compiled() -> list[Shape]:
    """``camket-shapes.ttl`` compiled (once per process)."""
    from . import shapes_graph
    return compile_shapes(shapes_graph())


def check(triples: Iterable, shapes: list[Shape] | None = None) -> list:
    """Violations of ``shapes`` (default: camket's) in ``triples`` (pyoxigraph triples or
    quads), as :class:`camket.shapes.Violation`, sorted like ``validate``."""
    from . import Violation
    data = Data(triples)
    out = []
    for shape in compiled() if shapes is None else shapes:
        foci = dict.fromkeys(f for c in shape.targets for f in data.instances.get(c, ()))
        results: list = []
        for focus in foci:
            shape.results(data, focus, results)
        out.extend(Violation(focus=f, path=p, message=m, severity=s, value=v) for f, p, m, s, v in results)
    return sorted(out, key=lambda v: (v.focus, v.path or "", v.message))
