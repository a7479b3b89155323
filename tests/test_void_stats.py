"""VoID counts stored in the statistics graph (camket.void_stats): equal to counting the store
afresh, read back by the API's service description, dropped by the next ingest refresh."""
from __future__ import annotations

from camket import statistics, void_stats
from camket.store import open_store
from tests.queries.test_rewritten import DOCS, ID, _doc_quads


def _load(store, docs) -> None:
    for doc in docs:
        store.load_nquads(("\n".join(_doc_quads(doc, DOCS[doc])) + "\n").encode())
        statistics.refresh(store, [f"{ID}doc/{doc}"])


def test_written_counts_equal_a_fresh_count_and_an_ingest_drops_them(tmp_path):
    store = open_store(tmp_path / "s")
    docs = sorted(DOCS)
    _load(store, docs[:-1])
    assert void_stats.read(store) is None
    written = void_stats.write(store)
    assert void_stats.read(store) == written == void_stats.compute(store)  # its own triples counted
    assert written["classes"][f"{ID.rsplit('/id/', 1)[0]}/ns#Document"] == len(docs) - 1
    assert void_stats.write(store) == written  # rewriting replaces, does not add
    _load(store, docs[-1:])
    assert void_stats.read(store) is None  # stale after an ingest: dropped


def test_the_service_description_reads_the_stored_counts(tmp_path, monkeypatch):
    from camket.api.routers import sparql
    store = open_store(tmp_path / "s")
    _load(store, sorted(DOCS))
    written = void_stats.write(store)
    monkeypatch.setattr(void_stats, "compute", lambda s: (_ for _ in ()).throw(AssertionError("recounted")))
    assert sparql._compute_stats(store) == written
