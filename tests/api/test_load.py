"""Bounded load on loopback: 50 concurrent clients, 500 requests over a mix of lookups, all 2xx.

A real uvicorn (in a thread of this process) over the embedded test store;
the full, configurable form is ``python -m bench.bench_load``.
"""
from __future__ import annotations

import asyncio

from bench.bench_load import request_mix, run_load, summary_rows
from camket.api.app import create_app
from camket.api.settings import Settings
from camket.search import SearchIndex

from .conftest import TEST_SETTINGS, Server

CLIENTS, REQUESTS = 50, 500


def test_fifty_clients_get_no_errors(embedded_store):
    mix = request_mix(embedded_store)
    assert {kind for kind, _, _ in mix} == {"person statements", "search", "sparql", "who-said-what"}
    app = create_app(embedded_store, Settings(**{**TEST_SETTINGS, "query_timeout": 20.0}),
                     search=SearchIndex.for_store(embedded_store, build=True))
    with Server(app) as url:
        result = asyncio.run(run_load(url, mix, CLIENTS, REQUESTS))
    assert result.total == REQUESTS
    assert not result.failures, result.failures[:5]
    overall = summary_rows(result)[-1]
    print(f"\n{CLIENTS} clients, {REQUESTS} requests in {result.seconds:.1f} s; p50/p95/p99 ms: "
          f"{overall[2]:.0f}/{overall[3]:.0f}/{overall[4]:.0f}")
