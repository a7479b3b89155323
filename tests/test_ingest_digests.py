"""Stored-hooks fed by ingest's digests (what each hook needs of a document, computed from its
triples while extracting) leave the same search index and statistics as hooks that read the
documents back from the store."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

import camket.ingest as ingest_mod
from camket import statistics
from camket.ingest import ingest
from camket.search import SearchIndex, _rows, digest_of_triples, rows_of_triples
from camket.store import open_store
from tests.test_statistics import _stats

CORPUS = "data/corpus"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("digest") / "store")
    report = ingest([CORPUS], store, on_error=lambda m: None)
    assert len(report.ingested) == 5
    return store


def _graphs(store) -> list[str]:
    return sorted(r["g"].value for r in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ck:Document } }"))


def _triples(store, g: str) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def test_search_rows_of_triples_equal_the_rows_read_back(ingested):
    for g in _graphs(ingested):
        entries, names = rows_of_triples(g, _triples(ingested, g))
        assert len(entries) > 10 and names
        assert (entries, names) == _rows(ingested, ox.NamedNode(g))


def test_the_search_digest_carries_the_state_so_indexing_reads_nothing_back(ingested, tmp_path):
    import camket.search as search_mod
    states = ingest_mod.document_states(ingested, _graphs(ingested))
    digests = {g: digest_of_triples(g, _triples(ingested, g)) for g in _graphs(ingested)}
    assert {g: state for g, (_, state) in digests.items()} == {g: "|".join(st) for g, st in states.items()}
    assert digest_of_triples("urn:x:elsewhere", _triples(ingested, _graphs(ingested)[0]))[1] is None

    class NoReads:  # the store as the hook sees it, failing on any read
        location = tmp_path / "noreads"

        def select(self, *a, **k):
            pytest.fail("the search hook read the store although it had every digest")
        query = select
    search_mod._on_stored(NoReads(), list(digests), digests)
    index = SearchIndex.for_store(NoReads())
    with sqlite3.connect(index.path) as db:
        assert dict(db.execute("SELECT doc, state FROM indexed")) == {g: "|".join(st) for g, st in states.items()}


def test_statistics_contributions_of_triples_equal_those_read_back(ingested):
    for g in _graphs(ingested):
        added, suborg, _ = statistics.contributions_of_triples(g, _triples(ingested, g))
        assert added == statistics._contributions(ingested, [g])[g]
        assert bool(suborg) == bool(ingested.query(statistics.Q_HAS_SUBORG % {"g": g}))
        assert any(n.get("statementCount") for n in added.values())


def _index_rows(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT kind, iri, doc, label, exact, names, body, context FROM entries"))


def test_ingest_hands_the_digests_to_the_hooks_and_they_match_a_rebuild(ingested, tmp_path, monkeypatch):
    import camket.search as search_mod
    read_back = []
    monkeypatch.setattr(statistics, "_contributions", lambda store, docs: read_back.extend(docs) or {})
    monkeypatch.setattr(search_mod, "_rows", lambda store, g: read_back.append(g))
    other = open_store(tmp_path / "again")
    first = sorted(Path(CORPUS).glob("*.txt"))[0]
    ingest([str(first)], other, on_error=lambda m: None, link=False)  # statistics built whole
    report = ingest([CORPUS], other, on_error=lambda m: None, link=False)  # then refreshed
    assert len(report.ingested) == 4 and len(report.unchanged) == 1
    assert read_back == []  # no document was read back: rows and contributions came from digests
    monkeypatch.undo()
    hooked = _index_rows(SearchIndex.for_store(other).path)
    SearchIndex.for_store(other).rebuild(other)
    assert hooked == _index_rows(SearchIndex.for_store(other).path) and len(hooked) > 50
    incremental = _stats(other)
    statistics.rebuild(other)
    assert incremental == _stats(other)


def test_hooks_without_digests_read_the_store(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(ingest_mod, "STORED_HOOKS", [lambda store, graphs, *rest: calls.append(rest)])
    ingest_mod.run_hooks(None, ["g"], {"g": {}})
    assert calls == [()]


def test_refresh_from_digests_equals_a_rebuild_and_skips_an_unchanged_hierarchy(tmp_path, monkeypatch):
    from tests.queries.test_rewritten import DOCS, ID, _doc_quads
    store = open_store(tmp_path / "s")
    closures = []
    real_closure = statistics.closure
    monkeypatch.setattr(statistics, "closure", lambda s: closures.append(1) or real_closure(s))

    def load(doc, facts):
        quads = list(ox.parse(("\n".join(_doc_quads(doc, facts)) + "\n").encode(), format=ox.RdfFormat.N_QUADS))
        store._store.extend(quads)
        g = f"{ID}doc/{doc}"
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        statistics.refresh(store, [g], {g: statistics.contributions_of_triples(g, triples)})

    load("d3", DOCS["d3"])  # built whole
    recounted = []
    real_stats = statistics.entity_stats
    monkeypatch.setattr(statistics, "entity_stats", lambda s, iris=None, named=None:
                        recounted.extend((iris or []) + (named or [])) or real_stats(s, iris, named))
    load("d1", DOCS["d1"])  # a new edge: the hierarchy is recomputed
    assert recounted == []  # new entities counted from the digest, known ones named by their labels
    load("d2", DOCS["d2"])  # another
    assert len(closures) == 3
    load("d4", DOCS["d1"])  # restates an edge the closure holds: not recomputed
    assert len(closures) == 3
    assert recounted == []  # what it names, it names by their labels: counts grow by its share
    incremental = _stats(store)
    statistics.rebuild(store)
    assert incremental == _stats(store)
    assert any(p.endswith("withinBody") for _, p, _ in incremental)


def test_a_new_entity_is_labelled_by_the_spelling_most_documents_use():
    e = "https://w3id.org/camket/id/org/ubnd-y"
    short, long_ = ('"UBND tỉnh Y"@vi', "UBND tỉnh Y"), ('"Ủy ban nhân dân tỉnh Y"@vi', "Ủy ban nhân dân tỉnh Y")
    digests = {"a": ({}, [], {e: {short}}), "b": ({}, [], {e: {long_}}), "c": ({}, [], {e: {short}})}
    assert statistics._most_spelled(statistics._spellings(digests).get(e)) == short[0]
    tie = statistics._spellings({k: digests[k] for k in "ab"}).get(e)
    assert statistics._most_spelled(tie) == long_[0]  # a tie: the longest
    assert statistics._most_spelled(statistics._spellings(digests).get("other")) is None
