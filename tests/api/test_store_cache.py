"""Whole-store list results are reused until the store changes (camket.api.store_cache)."""
from __future__ import annotations

from camket.api import store_cache
from camket.ontology import ID
from camket.store import EmbeddedStore

CK = "https://w3id.org/camket/ns#"


def _add(store, n: int) -> None:
    g = f"{ID}doc/d{n}"
    store.replace_document(g, f'<{g}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}Document> .\n'
                              f'<{g}> <{CK}sha256> "h{n}" .\n<{g}> <{CK}extractorVersion> "1" .\n')


def _documents(store) -> int:
    return len(store.select("SELECT ?d WHERE { ?d a ck:Document }"))


def test_a_writable_store_is_recounted_when_its_documents_change(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "store")
    _add(store, 1)
    calls = []
    count = lambda: calls.append(1) or _documents(store)  # noqa: E731
    assert store_cache.cached(store, "n", count) == 1
    assert store_cache.cached(store, "n", count) == 1 and len(calls) == 1  # reused
    monkeypatch.setattr(store_cache, "FINGERPRINT_TTL", 0.0)
    _add(store, 2)
    assert store_cache.cached(store, "n", count) == 2 and len(calls) == 2


def test_a_read_only_snapshot_is_reused_until_refreshed(tmp_path):
    writer = EmbeddedStore(tmp_path / "store")
    _add(writer, 1)
    writer.flush()
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    assert store_cache.cached(reader, "n", lambda: _documents(reader)) == 1
    _add(writer, 2)
    writer.flush()
    assert store_cache.cached(reader, "n", lambda: _documents(reader)) == 1  # the same snapshot
    reader.refresh()
    assert store_cache.cached(reader, "n", lambda: _documents(reader)) == 2


def test_one_slow_computation_does_not_hold_up_another_name_or_key(tmp_path):
    """A lock per name (per memo key): a whole-store order being computed in the background
    does not make a request for another value wait for it."""
    import threading
    writer = EmbeddedStore(tmp_path / "store")
    _add(writer, 1)
    writer.flush()
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)
        return "slow"
    threads = [threading.Thread(target=store_cache.cached, args=(reader, "slow", slow)),
               threading.Thread(target=store_cache.memo, args=(reader, "f", "k1", slow))]
    for t in threads:
        t.start()
        assert started.wait(5)
        started.clear()
    try:
        out = []
        other = threading.Thread(target=lambda: out.append(
            (store_cache.cached(reader, "fast", lambda: 1), store_cache.memo(reader, "f", "k2", lambda: 2))))
        other.start()
        other.join(3)
        assert out == [(1, 2)]  # answered while "slow" and "k1" are still being computed
    finally:
        release.set()
        for t in threads:
            t.join(5)
    assert store_cache.cached(reader, "slow", lambda: "again") == "slow"
    assert store_cache.memo(reader, "f", "k1", lambda: "again") == "slow"


def test_the_list_orders_are_warmed_on_a_snapshot_only(tmp_path):
    from camket.api import warm
    writer = EmbeddedStore(tmp_path / "store")
    _add(writer, 1)
    assert warm.warm(writer) is None
    writer.flush()
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    thread = warm.warm(reader)
    thread.join(30)
    assert not thread.is_alive()
    values = store_cache._state(reader).values
    assert values["documents"] == [f"{ID}doc/d1"]
    assert {"statements-by-document", "entities:person", "pledges"} <= set(values)
