"""The precomputed statistics graph: counts, labels and the sub-body closure, kept in step
with ingest by the stored hook, and equal after incremental refreshes to a full rebuild."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from camket import statistics
from camket.ingest import STORED_HOOKS
from camket.store import open_store
from tests.queries.test_rewritten import DOCS, ID, _doc_quads


def _stats(store) -> list[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{statistics.GRAPH_STATS}> {{ ?s ?p ?o }} }}")
    return sorted((r["s"].value, r["p"].value, str(r["o"])) for r in rows)


def _load(store, docs) -> None:
    for doc in docs:
        store.load_nquads(("\n".join(_doc_quads(doc, DOCS[doc])) + "\n").encode())
        statistics.refresh(store, [f"{ID}doc/{doc}"])


def test_hook_is_registered():
    assert statistics._on_stored in STORED_HOOKS


def test_counts_labels_and_closure(tmp_path):
    store = open_store(tmp_path / "s")
    _load(store, DOCS)
    an, binh = ID + "person/an", ID + "person/binh"
    ranked = statistics.rankings(store, "statementCount", 5)
    assert ranked == [(an, "Nguyễn An", 2), (binh, "Trần Bình", 2)]
    assert dict((e, n) for e, _, n in statistics.rankings(store, "documentCount", 20))[an] == 2
    assert statistics.rankings(store, "pledgeCount", 1)[0][2] == 1
    closure = [(s, o) for s, p, o in _stats(store) if p.endswith("withinBody")]
    assert closure == sorted([(ID + "org/bo-b", f"<{ID}org/chinh-phu>"), (ID + "org/cuc-a", f"<{ID}org/bo-b>"),
                              (ID + "org/cuc-a", f"<{ID}org/chinh-phu>")])


@pytest.mark.parametrize("settled", [50, 1])  # 1: counts of settled entities grow by each new document's share
def test_incremental_refresh_equals_a_rebuild(tmp_path, monkeypatch, settled):
    monkeypatch.setattr(statistics, "SETTLED", settled)
    store = open_store(tmp_path / "s")
    _load(store, ["d3"])  # first batch: nothing stored yet, built whole
    _load(store, ["d1", "d2"])  # then entity by entity
    incremental = _stats(store)
    statistics.rebuild(store)
    assert incremental == _stats(store)
    assert len(incremental) > 20


def test_label_is_the_most_frequent_spelling(tmp_path):
    store = open_store(tmp_path / "s")
    g = ox.NamedNode(ID + "doc/x")
    quads = []
    for i, name in enumerate(["UBND tỉnh Y", "Ủy ban nhân dân tỉnh Y", "Ủy ban nhân dân tỉnh Y"]):
        g = ox.NamedNode(f"{ID}doc/x{i}")
        e = ox.NamedNode(ID + "org/ubnd-y")
        quads += [ox.Quad(e, ox.NamedNode("https://schema.org/name"), ox.Literal(name, language="vi"), g),
                  ox.Quad(e, ox.NamedNode("https://w3id.org/camket/ns#mentionedIn"), g, g)]
    store._store.extend(quads)
    statistics.rebuild(store)
    assert statistics.rankings(store, "documentCount", 1) == [(ID + "org/ubnd-y", "Ủy ban nhân dân tỉnh Y", 3)]


def test_camket_stats_shows_the_rankings(tmp_path):
    from camket.stats import store_stats
    store = open_store(tmp_path / "s")
    _load(store, DOCS)
    stats = store_stats(store)
    assert stats["most quoted (statements)"] == {"Nguyễn An": 2, "Trần Bình": 2}
    assert list(stats["most mentioned (documents)"].items())[0] == ("Trần Bình", 3)
