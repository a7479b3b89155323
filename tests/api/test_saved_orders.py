"""Whole-store list orders saved beside the store (camket.api.saved_orders): read by a read-only
server instead of computed, equal to computing them, ignored once the store changed."""
from __future__ import annotations

from camket import statistics, void_stats
from camket.api import saved_orders, store_cache, warm
from camket.store import open_store
from tests.queries.test_rewritten import DOCS, ID, _doc_quads


def _load(store, docs) -> None:
    for doc in docs:
        store.load_nquads(("\n".join(_doc_quads(doc, DOCS[doc])) + "\n").encode())
        statistics.refresh(store, [f"{ID}doc/{doc}"])


def _warmed(path) -> dict:
    reader = open_store(path, read_only=True)
    thread = warm.warm(reader)
    thread.join(30)
    return store_cache._state(reader).values


def test_a_snapshot_reads_the_saved_orders_until_an_ingest(tmp_path, monkeypatch):
    path = tmp_path / "s"
    store = open_store(path)
    docs = sorted(DOCS)
    _load(store, docs[:-1])
    assert saved_orders.load(store) is None  # nothing saved
    void_stats.write(store, "t1")
    saved = saved_orders.save(store, "t1")
    assert saved == tmp_path / "s.orders.json" and saved.exists()
    expected = saved_orders.compute(store)
    loaded = saved_orders.load(store).values
    assert loaded["documents"] == expected["documents"] and loaded["pledges"] == expected["pledges"]
    assert loaded["statements-by-document"] == expected["statements-by-document"]
    assert len(loaded["documents"]) == len(docs) - 1 and loaded["entities:person"]
    store.flush()
    del store
    monkeypatch.setattr(saved_orders, "compute", lambda s: (_ for _ in ()).throw(AssertionError("recomputed")))
    from camket.api import graph
    monkeypatch.setattr(graph, "newest_documents", lambda s: (_ for _ in ()).throw(AssertionError("recomputed")))
    values = _warmed(path)
    assert values["documents"] == expected["documents"]  # from the file
    assert values["pledges"] == expected["pledges"]
    monkeypatch.undo()
    store = open_store(path)
    _load(store, docs[-1:])  # an ingest drops the token: the file no longer matches
    assert void_stats.token(store) is None and saved_orders.load(store) is None
    store.flush()
    del store
    assert len(_warmed(path)["documents"]) == len(docs)  # computed afresh


def test_a_file_of_another_state_is_ignored(tmp_path):
    store = open_store(tmp_path / "s")
    _load(store, sorted(DOCS))
    void_stats.write(store, "t1")
    saved_orders.save(store, "t1")
    void_stats.write(store, "t2")  # written again since: another token
    assert void_stats.token(store) == "t2" and saved_orders.load(store) is None


def test_camket_void_stats_writes_counts_and_orders(tmp_path, capsys):
    from camket.cli import main
    store = open_store(tmp_path / "s")
    _load(store, sorted(DOCS))
    store.flush()
    del store
    assert main(["void-stats", "--store", str(tmp_path / "s")]) == 0
    assert "list orders saved" in capsys.readouterr().out
    reader = open_store(tmp_path / "s", read_only=True)
    assert void_stats.read(reader) is not None and saved_orders.load(reader) is not None


def test_the_largest_bodies_pages_are_read_from_the_file(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient
    from camket.api import entities, posts, statement_order
    from camket.api.app import create_app
    store = open_store(tmp_path / "s")
    _load(store, sorted(DOCS))
    void_stats.write(store, "t1")
    saved_orders.save(store, "t1")
    body = store.select(saved_orders.Q_TOP_BODIES % 1)[0]["b"].value
    store.flush()
    del store
    path = f"/organizations/{body.rsplit('/', 1)[1]}?limit=1&members_limit=1&evidence_limit=1"
    fresh = TestClient(create_app(open_store(tmp_path / "s", read_only=True))).get(path).json()
    assert fresh["members"]["total"] and fresh["statements"]["total"]
    for module, name in ((posts, "_members"), (statement_order, "_compute"), (entities, "_evidence_order")):
        monkeypatch.setattr(module, name, lambda *a: (_ for _ in ()).throw(AssertionError("recomputed")))
    app = create_app(open_store(tmp_path / "s", read_only=True))
    app.state.warm.join(30)
    assert TestClient(app).get(path).json() == fresh  # the same page, no order computed


def test_warming_fills_the_caches_the_lists_read(tmp_path, monkeypatch):
    """:func:`saved_orders.whole_store` is the one table of orders: once a snapshot is warmed
    from it (no file saved), every list's accessor finds its order in the cache."""
    from camket.api import entities, graph
    from camket.api.routers import pledges, statements
    store = open_store(tmp_path / "s")
    _load(store, sorted(DOCS))
    expected = saved_orders.compute(store)
    store.flush()
    del store
    reader = open_store(tmp_path / "s", read_only=True)
    warm.warm(reader).join(30)
    for module, name in ((graph, "newest_documents"), (statements, "_per_document"), (entities, "_every"),
                         (pledges, "_ordered")):
        monkeypatch.setattr(module, name, lambda *a: (_ for _ in ()).throw(AssertionError("recomputed")))
    assert graph.document_order(reader) == expected["documents"]
    assert statements.statement_documents(reader) == expected["statements-by-document"]
    assert entities.entity_order(reader, "person") == expected["entities:person"]
    assert pledges.pledge_order(reader) == expected["pledges"]
