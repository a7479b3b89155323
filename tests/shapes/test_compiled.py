"""The compiled checks (camket.shapes.compiled) agree with pyshacl on every constraint.

For each constraint of each shape in ``camket-shapes.ttl``, a valid document
graph (``valid_document.ttl``) is mutated to violate it; pyshacl and the
compiled checks must report exactly the same results (focus, path, message,
severity, value), and that list must hold the violated constraint.
"""
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from camket.shapes import shapes_graph, validate
from camket.shapes.compiled import check, compile_shapes

SH = Namespace("http://www.w3.org/ns/shacl#")
VALID = Path(__file__).with_name("valid_document.ttl")
STRANGER = URIRef("https://example.org/not-typed")


def base() -> Graph:
    return Graph().parse(VALID, format="turtle")


def as_triples(g: Graph) -> list:
    return list(ox.parse(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES))


def results(violations) -> list[tuple]:
    return sorted((v.focus, v.path or "", v.message, v.severity, v.value or "") for v in violations)


def focus_of(g: Graph, node) -> URIRef:
    """An instance of one of the shape's target classes in the valid graph."""
    for cls in shapes_graph().objects(node, SH.targetClass):
        for s in g.subjects(RDF.type, cls):
            return s
    raise AssertionError(f"valid_document.ttl has no instance for {node}")


def replace(g: Graph, focus, path, value) -> None:
    g.remove((focus, path, None))
    g.add((focus, path, value))


def extra_value(v):
    if isinstance(v, Literal):
        return Literal(str(v) + "2", datatype=v.datatype, lang=v.language)
    return URIRef(str(v) + "-2")


def mutations(sg: Graph, g: Graph, focus, prop):
    """(label, mutate(g)) pairs, each violating one constraint of property shape ``prop``."""
    path = sg.value(prop, SH.path)
    for key, param in sg.predicate_objects(prop):
        yield from mutations_for(sg, str(key).removeprefix(str(SH)), param, focus, path, g.value(focus, path))


def mutations_for(sg: Graph, key: str, param, focus, path, current):
    if key == "minCount":
        yield key, lambda g: g.remove((focus, path, None))
    elif key == "maxCount":
        yield key, lambda g: [g.add((focus, path, extra_value(current))) for _ in range(int(param))]
    elif key == "datatype":
        wrong = Literal("x", lang="vi") if param == XSD.string else Literal("x")
        yield key, lambda g, w=wrong: replace(g, focus, path, w)
        if param != XSD.string:
            yield "ill-typed", lambda g: replace(g, focus, path, Literal("abc", datatype=param))
    elif key == "pattern":
        yield key, lambda g: replace(g, focus, path, Literal("no match"))
    elif key == "minLength":
        yield key, lambda g: replace(g, focus, path, Literal("x" * (int(param) - 1)))
    elif key in ("class", "or"):
        yield key, lambda g: replace(g, focus, path, STRANGER)
        yield key + " (literal)", lambda g: replace(g, focus, path, Literal("soon"))
    elif key == "in":
        items = list(Collection(sg, param))
        wrong = Literal("zzz") if isinstance(items[0], Literal) else URIRef("https://schema.org/Other")
        yield key, lambda g, w=wrong: replace(g, focus, path, w)
    elif key == "minInclusive":
        yield key, lambda g: replace(g, focus, path, Literal(-1, datatype=XSD.integer))
    elif key == "lessThan":
        yield key, lambda g: replace(g, focus, path, Literal(int(g.value(focus, param)) + 5,
                                                              datatype=XSD.integer))
    else:
        assert key in ("path", "message", "severity"), f"no mutation for sh:{key}: add one to this test"


def cases():
    sg, g = shapes_graph(), base()
    for node in sorted(set(sg.subjects(SH.targetClass, None)), key=str):
        focus = focus_of(g, node)
        for prop in sg.objects(node, SH.property):
            for label, mutate in mutations(sg, g, focus, prop):
                name = f"{str(node).rsplit('#')[-1]}-{str(sg.value(prop, SH.path)).rsplit('/')[-1]}-{label}"
                yield pytest.param(focus, str(sg.value(prop, SH.path)), str(sg.value(prop, SH.message)),
                                   mutate, id=name)
        if sg.value(node, SH["or"]) is not None:  # a node-level sh:or of property shapes
            paths = [sg.value(m, SH.path) for m in Collection(sg, sg.value(node, SH["or"]))]
            yield pytest.param(focus, "", str(sg.value(node, SH.message)),
                               lambda g, f=focus, ps=paths: [g.remove((f, p, None)) for p in ps],
                               id=f"{str(node).rsplit('#')[-1]}-or")


def test_the_valid_document_passes_both():
    g = base()
    assert validate(g) == [] and check(as_triples(g)) == []


def test_a_real_extraction_passes_both():
    from camket.loaders.pipeline import Pipeline
    from camket.loaders.rdf import document_triples, to_ntriples
    from camket.loaders.read import iter_documents
    corpus = Path(__file__).resolve().parents[2] / "data" / "corpus"
    doc = next(d for d in iter_documents([str(sorted(corpus.glob("*.txt"))[0])]))
    triples = document_triples(Pipeline(["structure", "places", "organizations", "people", "roles",
                                         "policies", "events", "statements", "pledges", "resolve"])(doc))
    assert len(triples) > 100
    assert check(triples) == []
    assert validate(Graph().parse(data=to_ntriples(triples), format="nt")) == []


@pytest.mark.parametrize("focus, path, message, mutate", list(cases()))
def test_both_validators_flag_the_same(focus, path, message, mutate):
    g = base()
    mutate(g)
    slow, fast = results(validate(g)), results(check(as_triples(g)))
    assert fast == slow
    assert any(r[0] == str(focus) and r[1] == path and r[2] == message for r in fast), fast


def test_every_constraint_has_a_case():
    """The parametrised cases cover each constraint of every property shape."""
    sg = shapes_graph()
    constrained = [(n, p) for n in set(sg.subjects(SH.targetClass, None)) for p in sg.objects(n, SH.property)]
    assert len(constrained) > 30
    assert len(list(cases())) >= len(constrained) + 1


def test_every_shape_says_what_is_wrong():
    """Each property shape (and each node shape with node-level constraints) has a researcher's message."""
    sg = shapes_graph()
    for node in set(sg.subjects(SH.targetClass, None)):
        for prop in sg.objects(node, SH.property):
            assert sg.value(prop, SH.message) is not None, prop
        if sg.value(node, SH["or"]) is not None:
            assert sg.value(node, SH.message) is not None, node


def test_unsupported_constraints_are_refused():
    sg = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ; sh:message "m" ] .""", format="turtle")
    with pytest.raises(ValueError, match="qualifiedMinCount"):
        compile_shapes(sg)


def test_node_kind_agrees_with_pyshacl():
    import pyshacl
    sg = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ; sh:message "p must be an IRI" ] .""",
                        format="turtle")
    g = Graph().parse(data="""@prefix ex: <https://example.org/> .
        ex:a a ex:C ; ex:p "literal", ex:b .""", format="turtle")
    conforms, _, _ = pyshacl.validate(g, shacl_graph=sg)
    found = check(as_triples(g), compile_shapes(sg))
    assert not conforms
    assert [(v.focus, v.message, v.value) for v in found] == [("https://example.org/a", "p must be an IRI",
                                                                "literal")]
