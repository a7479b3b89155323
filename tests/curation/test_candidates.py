"""``camket dedupe``: likely duplicates with evidence, safeguards, and the review loop."""
from __future__ import annotations

import io
import json

import pytest

from camket.curation.candidates import close_spelling, edit_distance
from camket.curation.cli import review
from camket.curation.judgements import Judgements
from camket.store import open_store

DOCS = {
    "d1.txt": "[Lò Văn Hùng], Chủ tịch {Hội Nông dân Bản Xèo}, đến thăm. [Cà Thị Mỷ], Giám đốc {Sở Y tế Bản Xèo}, "
              "cũng có mặt. [Đặng Thị Lan] nói: \"Mùa này thu hoạch sớm\".\n",
    "d2.txt": "[Lo Van Hung] nói: \"Giá phân bón tăng\". [Cầm Thị Mỷ], Giám đốc {Sở Y tế Bản Xèo}, kiểm tra trạm. "
              "[Đặng Thị Loan] cam kết xây thêm hai trạm y tế.\n",
    "d3.txt": "[Lò Văng Hùng] đọc diễn văn khai mạc.\n",
}


@pytest.fixture
def store_path(tmp_path, corpus, run_cli):
    store = tmp_path / "store"
    assert run_cli("ingest", corpus(DOCS), "--store", store)[0] == 0
    return store


def pairs(out: str) -> set[frozenset]:
    return {frozenset((c["a"].rsplit("/", 1)[-1], c["b"].rsplit("/", 1)[-1])) for c in json.loads(out)}


def test_candidates_signals_and_safeguards(store_path, run_cli):
    code, out, err = run_cli("dedupe", "--store", store_path, "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert pairs(out) == {frozenset(("lò-văn-hùng", "lo-van-hung")), frozenset(("lò-văn-hùng", "lò-văng-hùng")),
                          frozenset(("lo-van-hung", "lò-văng-hùng")), frozenset(("cà-thị-mỷ", "cầm-thị-mỷ"))}
    by_pair = {frozenset((c["a"].rsplit("/", 1)[-1], c["b"].rsplit("/", 1)[-1])): c for c in found}
    folded = by_pair[frozenset(("lò-văn-hùng", "lo-van-hung"))]
    assert folded["reasons"] == ['same folded name "lo van hung"']
    docs = {e["doc"]: e["exact"] for e in folded["evidence_a"] + folded["evidence_b"]}
    assert docs == {"d1": "Lò Văn Hùng", "d2": "Lo Van Hung"}
    assert all(e["exact"] in e["context"] for e in folded["evidence_a"])
    post = by_pair[frozenset(("cà-thị-mỷ", "cầm-thị-mỷ"))]
    assert post["reasons"][0].startswith("same post giám-đốc in sở-y-tế-bản-xèo")
    # the table form shows both sides' evidence
    code, out, _ = run_cli("dedupe", "--store", store_path)
    assert 'B d1: "Lò Văn Hùng"' in out and 'A d2: "Lo Van Hung"' in out


def test_review_records_judgements_and_hides_judged_pairs(store_path, run_cli):
    from camket.curation.candidates import find_candidates
    log = Judgements(f"{store_path}.judgements.sqlite")
    store = open_store(store_path)
    try:
        found = find_candidates(store, log.active())
        out = io.StringIO()
        review(store, log, found, "Minh", io.StringIO("a same farmer union leader\nr\ns\nu\n"), out)
    finally:
        store.close()
    kinds = [(j.kind, j.by) for j in log.active()]
    assert kinds == [("same-as", "Minh"), ("not-same-as", "Minh"), ("unsure", "Minh")]
    assert log.active()[0].why == "same farmer union leader"
    assert "3 judgements recorded" in out.getvalue()
    code, out, _ = run_cli("dedupe", "--store", store_path, "--format", "json")
    assert len(json.loads(out)) == 1          # the skipped one is still proposed


def test_dedupe_review_through_the_cli(store_path, run_cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    code, out, _ = run_cli("dedupe", "--store", store_path, "--review", "--by", "Minh", "--limit", "1")
    assert code == 0 and "[a]ccept" in out and "0 judgements recorded" in out


def test_close_spelling_rules():
    assert edit_distance("vang", "van") == 1 and edit_distance("abc", "xyz", 1) == 2
    assert close_spelling("lo vang hung", "lo van hung", "person")
    assert not close_spelling("dang thi lan", "dang thi loan", "person")   # given names differ
    assert not close_spelling("ca thi my", "cam thi my", "person")         # syllables too short
    assert close_spelling("vivian balakrishnan", "vivian balarkrishnan", "person")  # long foreign surname
    assert not close_spelling("nguyen thanh", "nguyen thanhh", "person")
    assert close_spelling("so xay dung ba ria", "so xay dunh ba ria", "org")
    assert not close_spelling("so y te", "so y te ha", "org")
