"""The actor network projection and the shared filters, checked against the
invented store (see conftest) and against hand-written SPARQL on it."""
from __future__ import annotations

import pytest

from camket.export import EDGE_KINDS, Filters, build_projection
from camket.export.projection import iso_day

from . import expect
from .conftest import CTY, EVENT, ID, KHAI, LAMSON, MO, P7, P12, QUAN, SO, UBND


@pytest.fixture(scope="module")
def proj(invented_store):
    return build_projection(invented_store)


def kinds_of(proj):
    return {(e.source, e.target, e.kind) for e in proj.edges.values()}


def test_nodes_match_the_store(proj, invented_store):
    assert proj.kinds() == expect.node_counts(invented_store)
    assert set(proj.nodes) == expect.node_iris(invented_store)
    assert proj.kinds() == {"person": 3, "body": 3, "policy": 2, "place": 1, "event": 1}


def test_node_attributes(proj, invented_store):
    khai = proj.nodes[KHAI]
    assert (khai.kind, khai.label, khai.alternate_names) == ("person", "Trần Văn Khải", ["ông Khải"])
    assert khai.statements == expect.statements_by(invented_store, KHAI) == 2
    assert khai.pledges == 1 and len(khai.docs) == 2
    ubnd = proj.nodes[UBND]
    assert ubnd.subkind == "government" and ubnd.label == "Ủy ban nhân dân tỉnh Lam Sơn"  # tie: the longer
    assert ubnd.alternate_names == ["UBND tỉnh Lam Sơn"]
    assert proj.nodes[LAMSON].subkind == "province"
    assert (proj.nodes[P12].subkind, proj.nodes[P12].date) == ("Nghị quyết", "2020-12-20")
    assert proj.nodes[EVENT].date == "2021-03-04"
    assert proj.nodes[QUAN].label == 'Đỗ "Bé" Quân <&>'


def test_edges_are_typed_and_match_the_store(proj, invented_store):
    posts = {(e.source, e.target) for e in proj.edges.values() if e.kind in ("holds_post_in", "member_of")}
    assert posts == expect.membership_pairs(invented_store)
    said = {(e.source, e.target) for e in proj.edges.values() if e.kind == "said_about"}
    assert said == expect.said_about_pairs(invented_store)
    assert kinds_of(proj) >= {
        (KHAI, SO, "holds_post_in"), (KHAI, UBND, "member_of"), (QUAN, CTY, "holds_post_in"),
        (SO, UBND, "sub_organization_of"), (UBND, P12, "issued"), (P12, P7, "cites"),
        (P12, P7, "implements"), (KHAI, EVENT, "spoke_at"), (KHAI, P12, "committed_to"),
        (KHAI, LAMSON, "concerns_place"), (UBND, EVENT, "organized"), (EVENT, LAMSON, "held_in"),
        (MO, KHAI, "said_about")}
    assert len(proj.edges) == 15
    assert {e.kind for e in proj.edges.values()} <= set(EDGE_KINDS)


def test_weights_documents_roles_and_time(proj, invented_store):
    said = proj.edges[(KHAI, P12, "said_about")]
    assert said.weight == expect.said_about_weight(invented_store, KHAI, P12) == 2
    assert proj.doc_id(sorted(said.docs)[0]) == "bai-a" and len(said.docs) == 2
    post = proj.edges[(KHAI, SO, "holds_post_in")]
    assert (post.roles, post.start) == ({"Giám đốc"}, "2020-11-02")  # ck:attestedOn wins over the doc date
    assert proj.edges[(KHAI, UBND, "member_of")].start == "2022-06-01"  # gYearMonth document date
    assert proj.edges[(QUAN, CTY, "holds_post_in")].start is None     # undated document
    for nid in (KHAI, MO, QUAN, SO, UBND, P12):
        assert proj.nodes[nid].start == expect.first_date(invented_store, nid), nid


def test_degree_counts_incident_edges(proj):
    for node in proj.nodes.values():
        assert node.degree == sum(node.id in (e.source, e.target) for e in proj.edges.values())


def test_facts_as_nodes(invented_store):
    proj = build_projection(invented_store, facts_as_nodes=True)
    assert proj.kinds()["statement"] == 3 and proj.kinds()["pledge"] == 1
    counts = proj.edge_kinds()
    assert counts["said"] == 3 and counts["mentions"] == 4 and counts["at_event"] == 1
    assert counts["from_statement"] == 1 and counts["said_about"] == 0
    pledge = next(n for n in proj.nodes.values() if n.kind == "pledge")
    assert pledge.label == "hoàn thành trước năm 2025" and pledge.date == "2025-01-01"


# ---------------------------------------------------------------- filters
def test_kinds_filter(invented_store):
    proj = build_projection(invented_store, Filters(kinds=frozenset({"person", "body"})))
    assert set(proj.kinds()) == {"person", "body"}
    assert {e.kind for e in proj.edges.values()} == {"holds_post_in", "member_of", "sub_organization_of",
                                                     "said_about"}


def test_date_range_counts_only_facts_inside(invented_store):
    proj = build_projection(invented_store, Filters(since="2022"))
    assert proj.edges[(KHAI, P12, "said_about")].weight == 1
    assert set(kinds_of(proj)) == {(KHAI, UBND, "member_of"), (MO, KHAI, "said_about"),
                                   (KHAI, P12, "said_about"), (P12, P7, "implements")}
    assert QUAN not in proj.nodes and SO not in proj.nodes  # undated / only 2021 mentions
    early = build_projection(invented_store, Filters(until="2020-12"))
    assert set(kinds_of(early)) == {(KHAI, SO, "holds_post_in")}
    assert set(early.nodes) == {KHAI, SO}


def test_document_filter_accepts_ids_and_iris(invented_store):
    by_id = build_projection(invented_store, Filters(documents=frozenset({"bai-c"})))
    assert set(by_id.nodes) == {QUAN, CTY} and len(by_id.edges) == 1
    by_iri = build_projection(invented_store, Filters(documents=frozenset({"https://w3id.org/camket/id/doc/bai-c"})))
    assert set(by_iri.nodes) == set(by_id.nodes)


def test_min_weight_and_isolates(invented_store):
    proj = build_projection(invented_store, Filters(min_weight=2))
    assert list(proj.edges) == [(KHAI, P12, "said_about")] and len(proj.nodes) == 10
    lean = build_projection(invented_store, Filters(min_weight=2, drop_isolates=True))
    assert set(lean.nodes) == {KHAI, P12}
    assert lean.nodes[KHAI].degree == 1


def test_ego_network(invented_store):
    one = build_projection(invented_store, Filters(ego="Lê Thị Mơ", depth=1))
    assert set(one.nodes) == {MO, KHAI}
    two = build_projection(invented_store, Filters(ego="person/le-thi-mo", depth=2))
    assert set(two.nodes) == {MO, KHAI, SO, UBND, P12, LAMSON, EVENT}
    assert build_projection(invented_store, Filters(ego=MO, depth=0)).nodes.keys() == {MO}
    folded = build_projection(invented_store, Filters(ego="le thi mo"))
    assert set(folded.nodes) == set(one.nodes)


@pytest.mark.parametrize("kwargs, message", [
    ({"ego": "Nguyễn Không Có"}, "no entity"),
    ({"kinds": frozenset({"animal"})}, "unknown node kind"),
    ({"since": "last year"}, "not a date"),
    ({"min_weight": 0}, "min_weight"),
])
def test_bad_filters_say_why(invented_store, kwargs, message):
    with pytest.raises(ValueError, match=message):
        build_projection(invented_store, Filters(**kwargs))


def test_iso_day():
    assert iso_day("2024") == "2024-01-01" and iso_day("2024", end=True) == "2024-12-31"
    assert iso_day("2024-02", end=True) == "2024-02-29" and iso_day("2024-02-07T10:00") == "2024-02-07"
    assert iso_day("tháng trước") is None


def test_ego_accepts_an_iri_tail_without_diacritics():
    from camket.export.filters import resolve_entity
    from camket.export.projection import Node, Projection
    proj = Projection()
    for key in ("trần-văn-khải", "trần-văn-khai"):
        proj.nodes[f"https://w3id.org/camket/id/person/{key}"] = Node(f"https://w3id.org/camket/id/person/{key}",
                                                                       "person", label=key)
    assert resolve_entity(proj, "person/trần-văn-khải").endswith("khải")
    with pytest.raises(ValueError, match="ambiguous"):
        resolve_entity(proj, "person/tran-van-khai")  # two candidates fold alike: not guessed
    with pytest.raises(ValueError, match="no entity"):
        resolve_entity(proj, "person/tran-van-binh")


def test_undated_document_takes_its_latest_event_date(tmp_path):
    from .conftest import make_store
    store = make_store(tmp_path / "s", {"bai-d": """
id:doc/bai-d a ck:Document ; schema:identifier "bai-d" .
id:event/hop-a a schema:Event ; schema:name "Họp A"@vi ; schema:startDate "2019-05"^^xsd:gYearMonth .
id:event/hop-b a schema:Event ; schema:name "Họp B"@vi ; schema:startDate "2023-02-01"^^xsd:date .
id:person/x a schema:Person ; schema:name "Vũ Thị X"@vi .
id:membership/x a org:Membership ; org:member id:person/x ; org:organization id:org/y .
id:org/y a org:Organization ; schema:name "Hội Y"@vi .
"""})
    proj = build_projection(store)
    assert proj.doc_dates == {ID + "doc/bai-d": "2023-02-01"}
    assert proj.nodes[ID + "person/x"].start == "2023-02-01"
