"""Exports read the resolved view: a researcher's merge shows as one node."""
from __future__ import annotations

import networkx as nx

DOCS = {
    "bai-1.txt": "Ngày 5/4/2024, ông Lê Minh Tuấn, Giám đốc Sở Y tế tỉnh Bến Tre, cho biết tỉnh sẽ xây thêm bệnh viện.\n",
    "bai-2.txt": "Ngày 9/9/2025, ông Lê Minh Tuân, Phó Chủ tịch UBND tỉnh Bến Tre, khẳng định ngành y tế đã hoàn thành kế hoạch.\n",
}


def people(path) -> dict[str, dict]:
    g = nx.read_graphml(path)
    return {n: d for n, d in g.nodes(data=True) if d.get("kind") == "person"}


def test_merge_judgement_reaches_the_export(tmp_path, store_dir, run_cli, monkeypatch):
    monkeypatch.setenv("CAMKET_JUDGEMENTS", str(tmp_path / "judgements.sqlite"))
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    before = tmp_path / "before.graphml"
    assert run_cli("export", "--format", "graphml", "-o", before, "--store", store_dir)[0] == 0
    assert len(people(before)) == 2
    code, _, err = run_cli("judge", "same-as", "person/lê-minh-tuấn", "person/lê-minh-tuân",
                           "--by", "Lan", "--why", "one official, promoted", "--store", store_dir)
    assert code == 0, err
    after = tmp_path / "after.graphml"
    assert run_cli("export", "--format", "graphml", "-o", after, "--store", store_dir)[0] == 0
    merged = people(after)
    assert len(merged) == 1
    (node,) = merged.values()
    assert {"Lê Minh Tuấn", "Lê Minh Tuân"} <= {node["label"], *str(node.get("alternate_names", "")).split('"')}
