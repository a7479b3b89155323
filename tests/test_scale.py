"""``camket extract --shard`` (N-Quads, no store) and ``camket load`` (bulk load, replace)."""
from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

from camket import scale
from camket.loaders.pipeline import DEFAULT_ORDER
from camket.ontology import iri
from camket.store import open_store

# the sharding and loading are under test, not the extractors (which change concurrently)
SKIP = tuple(n for n in DEFAULT_ORDER if n not in ("structure", "places"))
SKIP_ARGS = [f"--skip={n}" for n in SKIP]

ARTICLES = [
    ("bac-son-1", "Ngày 4/5/2023, tại tỉnh Lạng Sơn, ông Vi Đức Khang, Giám đốc Sở Công Thương tỉnh Lạng Sơn, "
                  "cho biết tỉnh sẽ hoàn thành 12 chợ biên giới trước năm 2026."),
    ("bac-son-2", "Bà Nông Thị Duyên nhấn mạnh: \"Chúng ta cần thêm vốn cho hạ tầng cửa khẩu.\""),
    ("bac-son-3", "Theo ông Hoàng Văn Lực, các hợp tác xã sẽ mở rộng vùng trồng hồi tại Lạng Sơn."),
    ("bac-son-4", "Ủy ban nhân dân tỉnh Cao Bằng đặt mục tiêu đến năm 2030 đón 3 triệu lượt khách."),
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in ARTICLES),
                    encoding="utf-8")
    return path


def graphs(nquads: str) -> set[str]:
    return {q.graph_name.value for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}


def test_parse_shard():
    assert scale.parse_shard("2/5") == (2, 5)
    for bad in ("5/5", "-1/3", "a/b", "3", "0/0"):
        with pytest.raises(ValueError):
            scale.parse_shard(bad)


def test_shards_partition_ids():
    ids = [f"doc-{k}" for k in range(200)]
    owners = [[i for i in range(4) if scale.in_shard(d, i, 4)] for d in ids]
    assert all(len(o) == 1 for o in owners)
    assert {o[0] for o in owners} == {0, 1, 2, 3}


def test_to_nquads_puts_triples_in_the_graph():
    nt = '<http://x/s> <http://x/p> "a b ." .\n<http://x/s> <http://x/p> <http://x/o> .\n'
    out = scale.to_nquads(nt, "http://x/g")
    quads = list(ox.parse(out.encode(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == 2 and {q.graph_name.value for q in quads} == {"http://x/g"}
    assert quads[0].object.value == "a b ."


def test_shards_are_disjoint_and_cover_the_corpus(corpus):
    parts = []
    for i in range(3):
        out = io.StringIO()
        n, errors = scale.extract_shard([str(corpus)], out, (i, 3), skip=SKIP)
        assert not errors
        parts.append(graphs(out.getvalue()) if n else set())
    assert sum(len(p) for p in parts) == len(ARTICLES)
    assert set().union(*parts) == {str(iri.document(i)) for i, _ in ARTICLES}


def test_extract_then_load_equals_ingest(corpus, tmp_path, run_cli):
    code, _, err = run_cli("extract", corpus, "--shard", "0/1", "-o", tmp_path / "all.nq", *SKIP_ARGS)
    assert code == 0, err
    code, _, err = run_cli("load", tmp_path / "all.nq", "--store", tmp_path / "loaded")
    assert code == 0, err
    code, _, _ = run_cli("ingest", corpus, "--store", tmp_path / "ingested", *SKIP_ARGS)
    assert code == 0
    loaded, ingested = open_store(tmp_path / "loaded"), open_store(tmp_path / "ingested")
    assert loaded.documents() == ingested.documents()
    assert len(loaded) == len(ingested)


def test_extract_with_two_workers_writes_what_one_writes(corpus):
    outs = []
    for workers in (1, 2):
        out = io.StringIO()
        n, errors = scale.extract_shard([str(corpus)], out, workers=workers, skip=SKIP)
        assert n == len(ARTICLES) and not errors
        outs.append(sorted(line for line in out.getvalue().splitlines() if "generatedAtTime" not in line))
    assert outs[0] == outs[1]


def test_load_replaces_graphs_already_there(corpus, tmp_path, run_cli):
    assert run_cli("extract", corpus, "-o", tmp_path / "all.nq", *SKIP_ARGS)[0] == 0
    store_dir = tmp_path / "s"
    assert run_cli("load", tmp_path / "all.nq", "--store", store_dir)[0] == 0
    first = len(open_store(store_dir))
    assert run_cli("load", tmp_path / "all.nq", "--store", store_dir)[0] == 0
    assert len(open_store(store_dir)) == first


def test_load_missing_file_is_an_error(tmp_path, run_cli):
    code, _, err = run_cli("load", tmp_path / "nope.nq", "--store", tmp_path / "s")
    assert code == 1 and "no such file" in err


def test_update_requests_never_drop_a_graph_twice(corpus, tmp_path, monkeypatch):
    out = io.StringIO()
    scale.extract_shard([str(corpus)], out, skip=SKIP)
    path = tmp_path / "all.nq"
    path.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setattr(scale, "UPDATE_BATCH_QUADS", 5)
    requests = list(scale.update_requests(str(path)))
    assert len(requests) > 1
    store = ox.Store()
    for req in requests:
        store.update(req)
    assert len(store) == len(list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)))
    drops = [line for r in requests for line in r.splitlines() if line.startswith("DROP")]
    assert len(drops) == len(set(drops)) == len(ARTICLES)


def test_invalid_document_crosses_process_boundaries():
    """A worker hands an InvalidDocument back to the writer by pickling it (ingest --workers N)."""
    import pickle
    from camket.ingest import InvalidDocument
    from camket.shapes import Violation
    err = pickle.loads(pickle.dumps(InvalidDocument("a.txt", [Violation("http://x/f", None, "bad")])))
    assert err.source == "a.txt" and err.violations[0].message == "bad" and "bad" in str(err)


@pytest.fixture
def oxigraph_server(tmp_path):
    """An Oxigraph server on loopback (pip package ``oxigraph``, test extras), stopped by its pid."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path
    import httpx
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.skip("oxigraph server not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "srv"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(10)


def server_quads(base: str) -> int:
    import httpx
    r = httpx.post(f"{base}/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_load_into_a_sparql_server_both_ways(corpus, tmp_path, run_cli, oxigraph_server):
    assert run_cli("extract", corpus, "-o", tmp_path / "all.nq", *SKIP_ARGS)[0] == 0
    expected = len(list(ox.parse(path=str(tmp_path / "all.nq"), format=ox.RdfFormat.N_QUADS)))
    for endpoint in ("/store", "/update", "/store"):  # Graph Store Protocol, SPARQL Update; reloads replace
        code, _, err = run_cli("load", tmp_path / "all.nq", "--store", oxigraph_server + endpoint)
        assert code == 0, err
        assert server_quads(oxigraph_server) == expected
