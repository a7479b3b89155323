"""Filtered statement pages ordered in Python (camket.api.statement_order) give the order the
SPARQL definition gives: newest document first (undated last), then document IRI, then the
first evidence start, then the statement IRI; every page is a slice of that one order."""
from __future__ import annotations

import pytest

from camket.api import statement_order, store_cache
from camket.api.routers.statements import StatementFilter, statement_page
from camket.ontology import ID
from camket.store import EmbeddedStore

CK, OA = "https://w3id.org/camket/ns#", "http://www.w3.org/ns/oa#"
ORG, DATE = "http://www.w3.org/ns/org#", "http://purl.org/dc/terms/date"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
SPEAKER, MEMBER, BODY = f"{ID}person/a", f"{ID}person/b", f"{ID}org/x"
# document -> (date or None, [(statement suffix, start or None, speaker)])
DOCS = {"d1": ("2021-03-01", [("s1", 40, SPEAKER), ("s2", 5, SPEAKER), ("s3", 5, MEMBER)]),
        "d2": ("2023-01-01", [("s4", 9, SPEAKER)]),
        "d0": ("2023-01-01", [("s5", None, SPEAKER), ("s6", 1, MEMBER)]),
        "d3": (None, [("s7", 3, SPEAKER)]),
        "d4": ("2022-06-30", [("s8", 2, MEMBER), ("s9", 7, SPEAKER)])}


def _doc(name: str) -> tuple[str, str]:
    g = f"{ID}doc/{name}"
    date, statements = DOCS[name]
    lines = [f"<{g}> <{TYPE}> <{CK}Document> ."]
    if date:
        lines.append(f'<{g}> <{DATE}> "{date}"^^<{XSD_DATE}> .')
    if name == "d1":
        lines.append(f"<{ID}membership/b-x> <{ORG}organization> <{BODY}> .")
        lines.append(f"<{ID}membership/b-x> <{ORG}member> <{MEMBER}> .")
    for suffix, start, speaker in statements:
        st = f"{ID}statement/{suffix}"
        lines += [f"<{st}> <{TYPE}> <{CK}Statement> .", f"<{st}> <{CK}speaker> <{speaker}> .",
                  f"<{st}> <{CK}inDocument> <{g}> .", f'<{st}> <{CK}speechKind> "direct" .',
                  f'<{st}> <{CK}text> "{suffix}" .']
        if start is not None:
            lines += [f"<{st}> <{CK}evidence> <{g}#char={start},{start + 1}> .",
                      f'<{g}#char={start},{start + 1}> <{OA}start> "{start}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                      f'<{g}#char={start},{start + 1}> <{OA}end> "{start + 1}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                      f'<{g}#char={start},{start + 1}> <{CK}inDocument> <{g}> .',
                      f'<{g}#char={start},{start + 1}> <{OA}exact> "{suffix}" .']
    return g, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "store"
    writer = EmbeddedStore(path)
    for name in DOCS:
        writer.replace_document(*_doc(name))
    writer.flush()
    del writer
    return EmbeddedStore(path, read_only=True)


def _sparql_order(store, where: str) -> list[str]:
    """The order as one SPARQL query defines it (what the API asked Oxigraph before)."""
    q = f"""SELECT ?st ?doc (SAMPLE(?d) AS ?date) (MIN(?s) AS ?start) WHERE {{ {where}
      OPTIONAL {{ ?doc dcterms:date ?d }} OPTIONAL {{ ?st ck:evidence/oa:start ?s }} }}
      GROUP BY ?st ?doc ORDER BY DESC(?date) ?doc ?start ?st"""
    return [r["st"].value.rsplit("/", 1)[1] for r in store.select(q)]


@pytest.mark.parametrize("who", [SPEAKER, BODY])
def test_every_page_is_a_slice_of_the_sparql_order(store, who):
    import pyoxigraph as ox
    f = StatementFilter(speaker=[ox.NamedNode(who)]) if who == SPEAKER else StatementFilter(body=[ox.NamedNode(who)])
    pattern = (f"?st ck:speaker <{SPEAKER}> ." if who == SPEAKER else
               f"{{ ?st ck:speaker <{BODY}> }} UNION {{ ?mb org:organization <{BODY}> ; org:member ?sp . ?st ck:speaker ?sp }}")
    expected = _sparql_order(store, f"{pattern} ?st a ck:Statement ; ck:inDocument ?doc .")
    assert len(expected) == (6 if who == SPEAKER else 3)
    if who == SPEAKER:  # newest first, IRI among equal dates, first start (none first), undated last
        assert expected == ["s5", "s4", "s9", "s2", "s1", "s7"]
    for limit in (1, 2, 4, 100):
        for offset in range(len(expected) + 1):
            page = statement_page(store, f, limit, offset)
            assert page.total == len(expected)
            assert [s.iri.rsplit("/", 1)[1] for s in page.items] == expected[offset:offset + limit]


def test_a_snapshot_keeps_each_filters_order_and_a_writable_store_does_not(store, tmp_path, monkeypatch):
    calls = []
    real = statement_order._compute
    monkeypatch.setattr(statement_order, "_compute", lambda s, w: calls.append(w) or real(s, w))
    where = f"?st ck:speaker <{SPEAKER}> . ?st a ck:Statement ; ck:inDocument ?doc ."
    other = f"?st ck:speaker <{MEMBER}> . ?st a ck:Statement ; ck:inDocument ?doc ."
    assert statement_order.ordered(store, where).total == 6
    assert statement_order.ordered(store, other).total == 3
    assert statement_order.ordered(store, where).total == 6 and len(calls) == 2  # kept per filter
    monkeypatch.setattr(store_cache, "MEMO_SIZE", 1)
    assert statement_order.ordered(store, where + " FILTER(true)").total == 6  # a third filter evicts both
    statement_order.ordered(store, where)  # computed again
    assert len(calls) == 4
    writable = EmbeddedStore(tmp_path / "w")
    writable.replace_document(*_doc("d2"))
    assert statement_order.ordered(writable, where).total == 1
    writable.replace_document(*_doc("d4"))
    assert statement_order.ordered(writable, where).total == 2  # an ingest shows at once
