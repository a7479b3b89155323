"""SHACL shapes catch what researchers would not trust (camket.shapes)."""
from rdflib import RDF, Graph, Literal

from camket.ontology import CK, OA, SCHEMA, ID
from camket.shapes import validate


def test_statement_without_speaker_and_bad_kind():
    g = Graph()
    st = ID["statement/d/1-5"]
    g.add((st, RDF.type, CK.Statement))
    g.add((st, CK.text, Literal("abcd")))
    g.add((st, CK.speechKind, Literal("rumour")))
    messages = {v.message for v in validate(g)}
    assert "A statement must be attributed to exactly one person or body." in messages
    assert "A statement is either 'direct' (a quotation) or 'reported' (reported speech)." in messages
    assert "Every extracted fact must link to at least one evidence span in its document." in messages


def test_evidence_span_must_be_ordered():
    g = Graph()
    sp = ID["doc/d#char=9,3"]
    g.add((sp, RDF.type, CK.EvidenceSpan))
    g.add((sp, OA.start, Literal(9, datatype="http://www.w3.org/2001/XMLSchema#integer")))
    g.add((sp, OA.end, Literal(3, datatype="http://www.w3.org/2001/XMLSchema#integer")))
    g.add((sp, OA.exact, Literal("x")))
    violations = validate(g)
    assert any(v.message == "An evidence span must start before it ends." for v in violations)
    assert any("exactly one ingested document" in v.message for v in violations)
    assert all(v.focus == str(sp) for v in violations)


def test_person_name_too_short_names_focus_and_path():
    g = Graph()
    p = ID["person/x"]
    g.add((p, RDF.type, SCHEMA.Person))
    g.add((p, SCHEMA.name, Literal("X")))
    v = [v for v in validate(g) if v.path == str(SCHEMA.name)]
    assert v and v[0].focus == str(p) and "at least two characters" in v[0].message
