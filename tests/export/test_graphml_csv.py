"""GraphML read back with networkx; CSV (Gephi spreadsheet layout) read back
with the csv module, from a zip, a folder and a single table."""
from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter

import networkx as nx
import pytest

from camket.export import build_projection, export

from . import expect
from .conftest import CTY, KHAI, P12, QUAN, SO


@pytest.fixture(scope="module")
def proj(invented_store):
    return build_projection(invented_store)


def test_networkx_reads_graphml(invented_store, proj):
    buf = io.BytesIO()
    export(invented_store, "graphml", buf)
    g = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert g.is_directed() and g.number_of_nodes() == len(proj.nodes)
    assert g.number_of_edges() == len(proj.edges)
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == expect.node_counts(invented_store)
    khai = g.nodes[KHAI]
    assert (khai["label"], khai["statements"], khai["degree"]) == ("Trần Văn Khải", 2, proj.nodes[KHAI].degree)
    assert khai["start"] == expect.first_date(invented_store, KHAI) and khai["color"] == "#1f77b4"
    assert g.nodes[QUAN]["label"] == 'Đỗ "Bé" Quân <&>'
    edges = {(s, t, d["relation"]): d for s, t, d in g.edges(data=True)}
    said = edges[(KHAI, P12, "said_about")]
    assert said["weight"] == 2.0 and said["documents"] == "bai-a | bai-b"
    assert edges[(KHAI, SO, "holds_post_in")]["start"] == "2020-11-02"
    assert Counter(r for _, _, r in edges) == proj.edge_kinds()


def read_tables(zip_bytes: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        return {name[:-4]: list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))
                for name in zf.namelist()}


def test_csv_zip_in_gephi_layout(invented_store, proj):
    buf = io.BytesIO()
    export(invented_store, "csv", buf)
    tables = read_tables(buf.getvalue())
    nodes, edges = tables["nodes"], tables["edges"]
    assert list(nodes[0])[:3] == ["Id", "Label", "kind"]
    assert list(edges[0])[:5] == ["Id", "Source", "Target", "Type", "Weight"]
    assert len(nodes) == len(proj.nodes) and len(edges) == len(proj.edges)
    assert Counter(n["kind"] for n in nodes) == expect.node_counts(invented_store)
    assert {e["Type"] for e in edges} == {"Directed"}
    assert Counter(e["kind"] for e in edges) == proj.edge_kinds()
    by_id = {n["Id"]: n for n in nodes}
    assert by_id[KHAI]["Label"] == "Trần Văn Khải" and by_id[KHAI]["start"] == "2020-11-02"
    assert by_id[QUAN]["Label"] == 'Đỗ "Bé" Quân <&>' and by_id[QUAN]["start"] == ""
    post = next(e for e in edges if (e["Source"], e["Target"]) == (QUAN, CTY))
    assert (post["kind"], post["Weight"], post["Label"], post["documents"]) == ("holds_post_in", "1", "Chủ tịch", "bai-c")


def test_csv_folder_and_single_table(invented_store, run_cli, tmp_path, proj):
    from camket.export.csv import write_csv_dir
    paths = write_csv_dir(proj, tmp_path / "gephi")
    assert [p.name for p in paths] == ["nodes.csv", "edges.csv"]
    buf = io.BytesIO()
    export(invented_store, "csv", buf, table="edges")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))
    assert rows == list(csv.DictReader(open(paths[1], encoding="utf-8")))
