"""End to end on text: invented articles -> ``camket ingest`` -> ``camket
export``. What extraction finds changes as the extractors improve, so every
expected number is read from the store with SPARQL, never hard-coded."""
from __future__ import annotations

from collections import Counter

import networkx as nx
import pyoxigraph as ox

from camket.statistics import GRAPH_STATS
from camket.store import open_store

from . import expect

ARTICLES = {
    "bai-1.txt": (
        "Lam Sơn đẩy mạnh xây dựng đô thị thông minh\n\n"
        "Ngày 12/3/2024, tại thành phố Bình Khê, UBND tỉnh Lam Sơn tổ chức Hội thảo chuyển đổi số "
        "tỉnh Lam Sơn năm 2024.\n\n"
        "Phát biểu tại hội thảo, ông Trần Văn Khải, Giám đốc Sở Thông tin và Truyền thông tỉnh Lam Sơn, "
        "cho biết tỉnh sẽ triển khai Nghị quyết số 12-NQ/TU ngày 20/12/2020 của Ban Thường vụ Tỉnh ủy Lam Sơn.\n\n"
        "\"Chúng tôi cam kết hoàn thành trung tâm điều hành thông minh trước năm 2025\", ông Khải nhấn mạnh.\n\n"
        "Bà Lê Thị Mơ, Phó Chủ tịch UBND tỉnh Lam Sơn, cho rằng tỉnh cần thêm vốn cho chuyển đổi số.\n"),
    "bai-2.txt": (
        "Bình Khê ra mắt trung tâm dữ liệu\n\n"
        "Ngày 5/6/2025, Phó Chủ tịch UBND tỉnh Lam Sơn Lê Thị Mơ cho biết trung tâm dữ liệu của tỉnh "
        "đã đi vào hoạt động.\n\n"
        "Theo bà Mơ, tỉnh Lam Sơn sẽ tiếp tục thực hiện Nghị quyết số 12-NQ/TU.\n"),
}


def test_ingest_then_export_matches_the_store(run_cli, tmp_path):
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    # without the underthesea component (slow to load): this test is about exports, not extraction
    assert run_cli("ingest", corpus, "--store", store_dir, "--skip", "nlp")[0] == 0
    for fmt, out in (("gexf", "a.gexf"), ("nquads", "a.nq")):
        code, _, err = run_cli("export", "-f", fmt, "-o", tmp_path / out, "--store", store_dir)
        assert code == 0, err

    store = open_store(store_dir)
    g = nx.read_gexf(tmp_path / "a.gexf")
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == expect.node_counts(store)
    assert set(g.nodes) == expect.node_iris(store)
    edges = [(s, t, d["relation"]) for s, t, d in g.edges(data=True)]
    posts = {(s, t) for s, t, r in edges if r in ("holds_post_in", "member_of")}
    assert posts == expect.membership_pairs(store)
    assert {(s, t) for s, t, r in edges if r == "said_about"} == expect.said_about_pairs(store)
    for nid, data in g.nodes(data=True):
        if data["kind"] == "person":
            assert data["statements"] == expect.statements_by(store, nid)
    dumped = set(ox.parse(path=str(tmp_path / "a.nq"), format=ox.RdfFormat.N_QUADS))
    derived = ox.NamedNode(GRAPH_STATS)  # precomputed statistics: rebuilt by the load hook, not dumped
    assert dumped == {q for q in store.quads() if q.graph_name != derived} and len(store.documents()) == 2
    assert any(q.graph_name == derived for q in store.quads())
