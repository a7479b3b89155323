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
    assert store.release_caches(force=True)
    assert {r["t"].value for r in store.select("SELECT ?t WHERE { GRAPH ?g { ?s schema:identifier ?t } }")} == {"d0", "d2", "d9"}
    store.close()
    assert len(open_store(tmp_path / "s", read_only=True)) == 6


def test_release_while_a_result_is_still_being_read_says_so(tmp_path):
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d{i}", _nt(i)) for i in range(3)])
    pending = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")  # not read yet: holds the database
    with pytest.raises(StoreError, match="still being read"):
        store.release_caches(force=True)
    del pending


def test_the_caches_are_released_at_most_every_release_seconds_whoever_asks(tmp_path, monkeypatch):
    """One rate limit for a flush and for any other caller (linking's long look-ups)."""
    import camket.store as cs
    store = open_store(tmp_path / "s")
    reopened = []
    real = store.release_caches
    monkeypatch.setattr(store, "release_caches", lambda force=False: reopened.append(real(force)))
    monkeypatch.setattr(cs, "RELEASE_SECONDS", 3600.0)
    store.flush()
    store.flush()
    assert reopened == [False, False]  # opened just now: nothing to release yet
    assert not real() and real(force=True)  # asked directly: the same limit, unless forced
    monkeypatch.setattr(cs, "RELEASE_SECONDS", 0.0)
    store.flush()
    store.flush(release=False)
    assert reopened == [False, False, True]
    assert real()  # 0 s since the last release is old enough now
    store.replace_document(f"{DOC}d1", _nt(1))
    assert len(store) == 2


def test_replace_documents_loads_one_n_quads_text_placing_each_document_in_its_graph(tmp_path):
    from camket.store import as_nquads
    docs = [(f"{DOC}d0", _nt(0).encode("utf-8")), (f"{DOC}d1", _nt(1) + "\n")]  # bytes or text, last line either way
    assert as_nquads(docs).count(f"<{DOC}d1> .\n".encode()) == 2
    store = open_store(tmp_path / "s")
    store.replace_documents(docs)
    held = {(q.object.value, q.graph_name.value) for q in store.quads()}
    assert held == {("văn bản 0", f"{DOC}d0"), ("d0", f"{DOC}d0"), ("văn bản 1", f"{DOC}d1"), ("d1", f"{DOC}d1")}


@pytest.mark.parametrize("odd", ['<http://x/s> <http://x/p> "1".', '<http://x/s> <http://x/p> "1" . # c .',
                                 ""])
def test_text_not_in_plain_line_form_is_parsed_and_stays_in_its_graph(tmp_path, odd):
    """A dot with no space, a comment after a triple, a blank line: the quads are parsed, none
    lands in the default graph."""
    from camket.store import as_nquads
    docs = [(f"{DOC}d0", f"{_nt(0)}\n{odd}\n{_nt(5)}"), (f"{DOC}d1", f"{odd}\n{_nt(1)}")]
    assert as_nquads(docs) is None
    store = open_store(tmp_path / "s")
    store.replace_documents(docs)
    graphs = [q.graph_name for q in store.quads()]
    assert all(isinstance(g, ox.NamedNode) for g in graphs)
    assert len(graphs) == 6 + (2 if odd else 0)


def test_stored_graphs_names_only_the_graphs_the_store_holds(tmp_path):
    from camket.ingest import document_states
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d{i}", _nt(i)) for i in range(2)])
    asked = [f"{DOC}d0", f"{DOC}d1", f"{DOC}new"]
    assert store.stored_graphs(asked) == {f"{DOC}d0", f"{DOC}d1"}
    assert store.stored_graphs([f"{DOC}new"]) == set()
    # the document states are asked only of the graphs present: none present, no query at all
    store.select = lambda *a, **k: pytest.fail("queried the quad indexes for documents not in the store")
    assert document_states(store, [f"{DOC}new", f"{DOC}other"]) == {}


def test_reopening_keeps_only_the_newest_rocksdb_info_logs(tmp_path):
    from camket.store import INFO_LOGS_KEPT
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d0", _nt(0))])
    for _ in range(INFO_LOGS_KEPT + 4):
        assert store.release_caches(force=True)
    logs = sorted(p.name for p in (tmp_path / "s").glob("LOG.old.*"))
    assert len(logs) == INFO_LOGS_KEPT  # one more per opening, the oldest deleted
    assert len(store) == 2


def test_a_callers_shorter_interval_is_stretched_to_what_reopening_costs(tmp_path, monkeypatch):
    import camket.store as cs
    monkeypatch.setattr(cs, "RELEASE_SECONDS", 3600.0)
    store = open_store(tmp_path / "s")
    store.replace_documents([(f"{DOC}d0", _nt(0))])
    assert not store.release_caches()  # the default interval: an hour
    assert store.release_caches(every=0.0)  # a caller's own: now
    store._reopen_seconds = 1000.0  # as if reopening were slow: at most a share of the time
    assert not store.release_caches(every=0.0)
    assert len(store) == 2
