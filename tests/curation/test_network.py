"""The resolved view on the exported actor network: merges, names, rejected facts."""
from __future__ import annotations

from camket.curation.network import resolve_projection
from camket.curation.view import ResolvedView
from camket.export.projection import Edge, Node, Projection, finish

D1, D2 = "doc/1", "doc/2"


def network() -> Projection:
    proj = Projection(doc_ids={D1: "1", D2: "2"})
    for nid, label, doc in (("p/a", "Lò Văn Hùng", D1), ("p/b", "Lo Van Hung", D2), ("o/x", "Sở Y tế", D1),
                            ("o/y", "Sở Nội vụ", D2)):
        proj.nodes[nid] = Node(nid, "person" if nid[0] == "p" else "body", label, docs={doc}, statements=1)
    proj.edges[("p/a", "o/x", "said_about")] = Edge("p/a", "o/x", "said_about", {hash(("st/1", D1))}, {D1},
                                                  start="2024-01-01")
    proj.edges[("p/b", "o/x", "said_about")] = Edge("p/b", "o/x", "said_about", {hash(("st/2", D2))}, {D2},
                                                  start="2023-05-01")
    proj.edges[("p/b", "o/y", "said_about")] = Edge("p/b", "o/y", "said_about", {hash(("st/3", D2))}, {D2})
    proj.edges[("p/a", "p/b", "said_about")] = Edge("p/a", "p/b", "said_about", {hash(("st/4", D1))}, {D1})
    return proj


def test_merge_rename_reject_on_the_network():
    proj = network()
    view = ResolvedView(same_as={"p/b": "p/a"}, status={"st/3": "rejected"}, names={"p/a": "Lò Văn Hùng (Hội ND)"})
    resolve_projection(proj, view)
    finish(proj)
    assert set(proj.nodes) == {"p/a", "o/x", "o/y"}
    a = proj.nodes["p/a"]
    assert a.label == "Lò Văn Hùng (Hội ND)" and {"Lò Văn Hùng", "Lo Van Hung"} <= set(a.alternate_names)
    assert a.docs == {D1, D2} and a.statements == 2
    assert set(proj.edges) == {("p/a", "o/x", "said_about")}      # merged; rejected and loop edges gone
    edge = proj.edges[("p/a", "o/x", "said_about")]
    assert edge.weight == 2 and edge.docs == {D1, D2} and edge.start == "2023-05-01"


def test_empty_view_changes_nothing():
    proj = network()
    resolve_projection(proj, ResolvedView())
    assert len(proj.edges) == 4 and len(proj.nodes) == 4
