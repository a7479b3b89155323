"""The embedded store (camket.store.EmbeddedStore): releasing its read caches."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from camket.store import StoreError, open_store

DOC = "https://w3id.org/camket/id/doc/"


def _nt(i: int) -> str:
    return f'<{DOC}d{i}> <https://schema.org/text> "văn bản {i}" .\n<{DOC}d{i}> <https://schema.org/identifier> "d{i}" .'


def test_flush_releases_the_caches_and_the_store_reads_and_writes_on(tmp_path):
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d{i}", _nt(i)) for i in range(3)])
    before = id(store._store)
    store.flush()  # written to disk, then closed and reopened
    assert id(store._store) != before or store._store is not None
    assert len(store) == 6
    assert store.select("SELECT ?t WHERE { GRAPH ?g { ?g schema:identifier ?t } }", {"g": ox.NamedNode(f"{DOC}d1")})[0]["t"].value == "d1"
    store.replace_document(f"{DOC}d1", _nt(9))
    store.release_caches()
    assert {r["t"].value for r in store.select("SELECT ?t WHERE { GRAPH ?g { ?s schema:identifier ?t } }")} == {"d0", "d2", "d9"}
    store.close()
    assert len(open_store(tmp_path / "s", read_only=True)) == 6


def test_release_while_a_result_is_still_being_read_says_so(tmp_path):
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d{i}", _nt(i)) for i in range(3)])
    pending = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")  # not read yet: holds the database
    with pytest.raises(StoreError, match="still being read"):
        store.release_caches()
    del pending


def test_flush_releases_the_caches_at_most_every_release_seconds(tmp_path, monkeypatch):
    import camket.store as cs
    store = open_store(tmp_path / "s")
    released = []
    real = store.release_caches
    monkeypatch.setattr(store, "release_caches", lambda: (released.append(1), real()))
    monkeypatch.setattr(cs, "RELEASE_SECONDS", 3600.0)
    store.flush()
    store.flush()
    assert released == []  # opened just now: nothing to release yet
    monkeypatch.setattr(cs, "RELEASE_SECONDS", 0.0)
    store.flush()
    store.flush(release=False)
    assert released == [1]
    store.replace_document(f"{DOC}d1", _nt(1))
    assert len(store) == 2
