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
