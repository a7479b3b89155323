"""``camket export`` and ``GET /export/{format}``: files, filters, errors,
media types, download names, and a response that really streams."""
from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from camket.export import FORMATS, build_projection

from .conftest import ID, KHAI, MO, make_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """A closed copy of the invented store (the CLI opens it itself)."""
    path = tmp_path_factory.mktemp("cli") / "store"
    make_store(path).close()
    return str(path)


def test_cli_writes_every_format(run_cli, store_path, tmp_path, invented_store):
    for fmt in FORMATS:
        out = tmp_path / f"x{FORMATS[fmt].extension}"
        code, _, err = run_cli("export", "--format", fmt, "-o", out, "--store", store_path)
        assert code == 0 and out.stat().st_size > 0, (fmt, err)
    g = nx.read_gexf(tmp_path / "x.gexf")
    assert g.number_of_nodes() == len(build_projection(invented_store).nodes)
    with zipfile.ZipFile(tmp_path / "x.zip") as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]


def test_cli_filters_folder_and_stdout(run_cli, store_path, tmp_path):
    code, _, _ = run_cli("export", "-f", "csv", "-o", tmp_path / "gephi", "--store", store_path,
                         "--ego", "Lê Thị Mơ", "--depth", "1")
    assert code == 0
    nodes = list(csv.DictReader(open(tmp_path / "gephi" / "nodes.csv", encoding="utf-8")))
    assert {n["Id"] for n in nodes} == {MO, KHAI}
    code, out, _ = run_cli("export", "-f", "gexf", "-o", "-", "--store", store_path, "--kinds", "person",
                           "--doc", "bai-b", "--gexf-version", "1.2")
    assert code == 0 and 'version="1.2"' in out and "Lê Thị Mơ" in out and "UBND" not in out


@pytest.mark.parametrize("args, message", [
    (["--ego", "Không Ai"], "no entity"),
    (["--kinds", "person,animal"], "unknown node kind"),
    (["--since", "hôm qua"], "not a date"),
])
def test_cli_bad_filters_exit_1_with_a_reason(run_cli, store_path, tmp_path, args, message):
    code, _, err = run_cli("export", "-f", "gexf", "-o", tmp_path / "x.gexf", "--store", store_path, *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_cli_read_only_while_another_process_holds_the_store(run_cli, store_path, tmp_path):
    import subprocess
    import sys
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", store_path],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        code, _, err = run_cli("export", "-f", "gexf", "-o", tmp_path / "x.gexf", "--store", store_path)
        assert code == 1 and "--read-only" in err
        code, _, err = run_cli("export", "-f", "gexf", "-o", tmp_path / "x.gexf", "--store", store_path,
                               "--read-only")
        assert code == 0, err
        assert nx.read_gexf(tmp_path / "x.gexf").number_of_nodes() == 10
    finally:
        holder.communicate("", timeout=10)


def test_cli_missing_store(run_cli, tmp_path):
    code, _, err = run_cli("export", "-f", "gexf", "-o", tmp_path / "x.gexf", "--store", tmp_path / "none")
    assert code == 1 and "no store at" in err and not (tmp_path / "none").exists()


def make_client(store) -> TestClient:
    try:
        from camket.api.app import create_app
        return TestClient(create_app(store))
    except ImportError:  # the API package is optional: mount the router alone
        from camket.api.export_routes import router
        app = FastAPI()
        app.state.store = store
        app.include_router(router)
        return TestClient(app)


@pytest.fixture(scope="module")
def client(invented_store):
    return make_client(invented_store)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_api_media_type_and_file_name(client, fmt):
    r = client.get(f"/export/{fmt}")
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment;") and FORMATS[fmt].extension + '"' in disposition


def test_api_filters_and_reads_back(client):
    r = client.get("/export/gexf", params={"kinds": "person,body", "min_weight": 1})
    g = nx.read_gexf(io.BytesIO(r.content))
    assert {d["kind"] for _, d in g.nodes(data=True)} == {"person", "body"}
    r = client.get("/export/nquads", params={"doc": ["bai-c"]})
    graphs = {q.graph_name.value for q in ox.parse(r.content, format=ox.RdfFormat.N_QUADS)}
    assert graphs == {ID + "doc/bai-c"}
    with zipfile.ZipFile(io.BytesIO(client.get("/export/csv").content)) as zf:  # zip streamed unseekable
        assert len(list(csv.DictReader(io.TextIOWrapper(zf.open("edges.csv"), encoding="utf-8")))) == 15
    quads = ox.parse(client.get("/export/trig", params={"since": "2022"}).content, format=ox.RdfFormat.TRIG)
    assert {q.graph_name.value for q in quads} == {ID + "doc/bai-b"}
    r = client.get("/export/csv", params={"table": "nodes", "since": "2022"})
    assert r.headers["content-type"].startswith("text/csv") and "camket-nodes.csv" in r.headers["content-disposition"]
    assert {row["Id"] for row in csv.DictReader(io.StringIO(r.text))} == {KHAI, MO, ID + "org/ubnd-lam-son",
                                                                          ID + "policy/12-nq-tu", ID + "policy/7-nq-tw"}


@pytest.mark.parametrize("query, status", [
    ("/export/xlsx", 404), ("/export/gexf?ego=Kh%C3%B4ng%20Ai", 400), ("/export/gexf?kinds=animal", 400),
    ("/export/gexf?min_weight=0", 422), ("/export/gexf?gexf_version=2.0", 422),
])
def test_api_errors_are_json(client, query, status):
    r = client.get(query)
    assert r.status_code == status and "Traceback" not in r.text
    assert r.headers["content-type"].startswith("application/json")


def big_store(path, people: int):
    """One document naming ``people`` invented people, each speaking about the next."""
    lines = [f"<{ID}doc/lon> a ck:Document ; schema:identifier \"lon\" ."]
    for i in range(people):
        lines.append(f"<{ID}person/p{i}> a schema:Person ; schema:name \"Người Số {i}\"@vi .")
        lines.append(f"<{ID}statement/lon/{i}-{i + 1}> a ck:Statement ; ck:speaker <{ID}person/p{i}> ;"
                     f" ck:mentions <{ID}person/p{(i + 1) % people}> .")
    return make_store(path, {"lon": "\n".join(lines).replace("%", "%%")})


def test_api_streams_large_exports_in_chunks(tmp_path):
    client = make_client(big_store(tmp_path / "big", 1200))
    with client.stream("GET", "/export/gexf") as r:
        sizes = [len(chunk) for chunk in r.iter_bytes()]
        assert r.status_code == 200
    assert len(sizes) > 5 and max(sizes) <= 1 << 17


def test_stream_stops_the_writer_when_the_client_goes_away():
    import threading
    import time

    from camket.api.export_routes import stream

    def endless(out):
        while True:
            out.write(b"x" * 70_000)

    chunks = stream(endless)
    assert len(next(chunks)) >= 65_536
    chunks.close()  # what Starlette does when the client disconnects
    deadline = time.monotonic() + 5
    while any(t.name == "camket-export" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "camket-export" for t in threading.enumerate())


def test_stream_hands_writer_errors_to_the_response():
    from camket.api.export_routes import stream

    def broken(out):
        out.write(b"<gexf>")
        raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"):
        list(stream(broken))
