"""Fetching the projection's queries with a helper process (camket.export.parallel) gives the
rows one process gives, and the same export; a helper that cannot run leaves this process
to run everything."""
from __future__ import annotations

import io

from camket.export import export
from camket.export import parallel, sparql
from camket.export.sparql import EDGE_RULES, Q_DOCS, edge_query, fetch, name_queries, node_queries


def _queries() -> list[str]:
    return [Q_DOCS] + [q for _, q in node_queries(True) + name_queries(True)] + [edge_query(r) for r in EDGE_RULES]


def _gexf(store, **options) -> bytes:
    out = io.BytesIO()
    export(store, "gexf", out, **options)
    return out.getvalue().replace(b"lastmodifieddate", b"")


def test_two_processes_give_the_rows_of_one(invented_store, monkeypatch):
    queries = _queries()
    alone = list(fetch(invented_store, queries, parallel=False))
    assert sum(map(len, alone)) > 50
    monkeypatch.setattr(sparql, "PARALLEL_MIN_BYTES", 0)
    helpers, ran_here = [], []

    class Recorded(parallel._Helper):
        def __init__(self, *args):
            super().__init__(*args)
            helpers.append(self)
    monkeypatch.setattr(parallel, "_Helper", Recorded)
    real = parallel.fetch_two_processes

    def run_here_once_the_helper_sent_the_last(location, qs, run, prefixes):
        def here(q):
            assert helpers[0].wait_for(len(qs) - 1)  # deterministic: the helper has started
            ran_here.append(q)
            return run(q)
        return real(location, qs, here, prefixes)
    monkeypatch.setattr(parallel, "fetch_two_processes", run_here_once_the_helper_sent_the_last)
    assert list(fetch(invented_store, queries)) == alone
    assert 0 < len(ran_here) < len(queries) and queries[-1] not in ran_here


def test_same_export_with_a_helper(invented_store, monkeypatch):
    alone = _gexf(invented_store), _gexf(invented_store, facts_as_nodes=True)
    monkeypatch.setattr(sparql, "PARALLEL_MIN_BYTES", 0)
    assert (_gexf(invented_store), _gexf(invented_store, facts_as_nodes=True)) == alone


def test_a_helper_that_dies_leaves_the_work_here(invented_store, monkeypatch):
    queries = _queries()
    alone = list(fetch(invented_store, queries, parallel=False))
    monkeypatch.setattr(parallel, "HELPER", "import sys; sys.exit(3)")
    monkeypatch.setattr(sparql, "PARALLEL_MIN_BYTES", 0)
    assert list(fetch(invented_store, queries)) == alone
