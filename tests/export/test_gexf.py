"""GEXF read back by independent readers: graphology-gexf (node, the npm
package) and networkx; time values checked in the XML itself (graphology does
not surface ``start``)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from camket.export import build_projection, export
from camket.export.gexf import write_gexf
from camket.export.projection import Edge, Node, Projection

from . import expect
from .conftest import KHAI, P12, QUAN, SO

ROOT = Path(__file__).resolve().parents[2]
READER = Path(__file__).with_name("read_gexf.mjs")
NS13 = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}


@pytest.fixture(scope="module")
def proj(invented_store):
    return build_projection(invented_store)


@pytest.fixture(scope="module")
def gexf_file(invented_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("gexf") / "camket.gexf"
    with open(path, "wb") as fh:
        export(invented_store, "gexf", fh)
    return path


def graphology(path: Path) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: cannot run the graphology-gexf reader")
    if not (ROOT / "node_modules" / "graphology-gexf").is_dir():
        pytest.skip("graphology-gexf is not installed: run `npm ci` in the project root")
    done = subprocess.run(["node", str(READER), str(path)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_graphology_reads_nodes_edges_and_attributes(gexf_file, proj, invented_store):
    g = graphology(gexf_file)
    assert (g["order"], g["size"], g["type"]) == (len(proj.nodes), len(proj.edges), "directed")
    assert Counter(a["kind"] for a in g["nodes"].values()) == expect.node_counts(invented_store)
    khai = g["nodes"][KHAI]
    assert khai["label"] == "Trần Văn Khải" and khai["alternate_names"] == ["ông Khải"]
    assert khai["statements"] == expect.statements_by(invented_store, KHAI)
    assert khai["degree"] == proj.nodes[KHAI].degree and khai["iri"] == KHAI
    assert khai["color"] == "rgb(31,119,180)" and khai["size"] > g["nodes"][QUAN]["size"]
    assert g["nodes"][QUAN]["label"] == 'Đỗ "Bé" Quân <&>'
    kinds = Counter(e["attributes"]["kind"] for e in g["edges"])
    assert kinds == proj.edge_kinds()
    assert all(e["attributes"]["relation"] == e["attributes"]["kind"] for e in g["edges"])
    said = next(e["attributes"] for e in g["edges"]
                if (e["source"], e["target"], e["attributes"]["kind"]) == (KHAI, P12, "said_about"))
    assert said["weight"] == expect.said_about_weight(invented_store, KHAI, P12)
    assert said["documents"] == ["bai-a", "bai-b"]


def test_graphology_reads_gexf_1_2(invented_store, tmp_path, proj):
    path = tmp_path / "old.gexf"
    with open(path, "wb") as fh:
        export(invented_store, "gexf", fh, gexf_version="1.2")
    g = graphology(path)
    assert (g["order"], g["size"]) == (len(proj.nodes), len(proj.edges))
    assert Counter(e["attributes"]["relation"] for e in g["edges"]) == proj.edge_kinds()


def test_networkx_reads_it(gexf_file, proj, invented_store):
    g = nx.read_gexf(gexf_file)
    assert g.is_directed() and g.number_of_nodes() == len(proj.nodes)
    assert g.number_of_edges() == len(proj.edges)
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == expect.node_counts(invented_store)
    assert g.nodes[KHAI]["label"] == "Trần Văn Khải" and g.nodes[KHAI]["statements"] == 2
    assert g.nodes[KHAI]["start"] == expect.first_date(invented_store, KHAI)
    assert g.graph["mode"] == "dynamic"
    edges = {(s, t, d["relation"]): d for s, t, d in g.edges(data=True)}
    assert edges[(KHAI, P12, "said_about")]["weight"] == 2.0
    assert edges[(KHAI, SO, "holds_post_in")]["start"] == "2020-11-02"
    assert edges[(KHAI, SO, "holds_post_in")]["label"] == "Giám đốc"


def test_time_and_viz_in_the_xml(gexf_file, proj, invented_store):
    root = ET.parse(gexf_file).getroot()
    assert root.get("version") == "1.3"
    graph = root.find("g:graph", NS13)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    starts = {n.get("id"): n.get("start") for n in graph.iter("{http://gexf.net/1.3}node")}
    assert starts == {nid: expect.first_date(invented_store, nid) for nid in proj.nodes}
    for node in graph.iter("{http://gexf.net/1.3}node"):
        assert node.find("viz:color", NS13) is not None and node.find("viz:size", NS13) is not None
    edges = list(graph.iter("{http://gexf.net/1.3}edge"))
    assert {e.get("kind") for e in edges} == set(proj.edge_kinds())
    assert sorted(map(str, (e.get("start") for e in edges))) == sorted(map(str, (e.start for e in proj.edges.values())))
    declared = {a.get("title"): a.get("type") for a in graph.iter("{http://gexf.net/1.3}attribute")}
    assert declared["statements"] == "integer" and declared["alternate_names"] == "liststring"
    assert "type" not in declared


def test_gexf_1_2_namespace_and_no_edge_kind(invented_store):
    buf = io.BytesIO()
    export(invented_store, "gexf", buf, gexf_version="1.2")
    root = ET.fromstring(buf.getvalue())
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"
    assert all(e.get("kind") is None for e in root.iter("{http://www.gexf.net/1.2draft}edge"))
    assert nx.read_gexf(io.BytesIO(buf.getvalue())).number_of_nodes() == 10


def synthetic(n_nodes: int) -> Projection:
    proj = Projection()
    for i in range(n_nodes):
        nid = f"https://w3id.org/camket/id/person/p{i}"
        proj.nodes[nid] = Node(nid, "person", label=f"Người <{i}> & \x01", degree=1)
    ids = list(proj.nodes)
    for a, b in zip(ids, ids[1:]):
        proj.edges[(a, b, "said_about")] = Edge(a, b, "said_about", facts={1})
    return proj


class Recorder(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.sizes = []

    def write(self, data):
        self.sizes.append(len(data))
        return super().write(data)


def test_written_in_bounded_chunks_and_escaped():
    out = Recorder()
    write_gexf(synthetic(3000), out)
    assert len(out.sizes) > 10 and max(out.sizes) < 200_000
    g = nx.read_gexf(io.BytesIO(out.getvalue()))  # control character dropped, markup escaped
    assert g.number_of_nodes() == 3000 and g.nodes["https://w3id.org/camket/id/person/p7"]["label"] == "Người <7> & "


def test_empty_store_gives_valid_files(tmp_path):
    from camket.store import open_store
    store = open_store(tmp_path / "empty")
    path = tmp_path / "empty.gexf"
    with open(path, "wb") as fh:
        export(store, "gexf", fh)
    assert nx.read_gexf(path).number_of_nodes() == 0
    assert graphology(path)["order"] == 0
    for fmt in ("graphml", "csv", "nquads", "trig", "turtle", "jsonld"):
        buf = io.BytesIO()
        export(store, fmt, buf)
        assert buf.getvalue() or fmt in ("nquads", "trig", "turtle"), fmt
    buf = io.BytesIO()
    export(store, "jsonld", buf)
    assert json.loads(buf.getvalue())["@graph"] == []


def test_statements_and_pledges_as_nodes(invented_store, tmp_path):
    path = tmp_path / "facts.gexf"
    with open(path, "wb") as fh:
        export(invented_store, "gexf", fh, facts_as_nodes=True)
    g = nx.read_gexf(path)
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    assert kinds["statement"] == expect.values(invented_store, "SELECT (COUNT(DISTINCT ?s) AS ?c) WHERE "
                                                              "{ ?s a ck:Statement }")[0]["c"] == 3
    assert kinds["pledge"] == 1
    said = [(s, t) for s, t, d in g.edges(data=True) if d["relation"] == "said"]
    assert len(said) == 3 and all(g.nodes[t]["kind"] == "statement" for _, t in said)
    pledge = next(d for _, d in g.nodes(data=True) if d["kind"] == "pledge")
    assert pledge["label"] == "hoàn thành trước năm 2025" and pledge["date"] == "2025-01-01"
    assert graphology(path)["order"] == g.number_of_nodes()
