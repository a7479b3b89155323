"""End to end through the CLI: merge, split, reject, rename, pledge status;
re-ingest the corpus and the judgements still hold; orphans are reported."""
from __future__ import annotations

import json

import pytest

from camket.curation import GRAPH_RESOLVED
from camket.ontology import ID
from camket.store import open_store

A = ("[Hoàng Minh Tuệ], Giám đốc {Sở Giao thông Lâm Hà}, phát biểu hôm qua. "
     "[Hoàng Minh Tuệ] nói: \"Đường ven sông sẽ xong trước mùa mưa\". "
     "[Hoàng Minh Tuệ] cam kết mở thêm ba tuyến xe buýt điện.\n")
B = ("[Hoang Minh Tue], Giám đốc {Sở Giao thông Lâm Hà}, đi kiểm tra công trường. "
     "[Hoang Minh Tue] nói: \"Chúng tôi thiếu vốn\".\n")
C = "[H. M. Tuệ] ghé thăm bến xe. [Vi Thị Sáo] nói: \"Bến xe quá chật\".\n"

TUE, TUE2, TUE3 = (f"person/{k}" for k in ("hoàng-minh-tuệ", "hoang-minh-tue", "h-m-tuệ"))
SAO = "person/vi-thị-sáo"


def full(short: str) -> str:
    return f"{ID}{short}"


@pytest.fixture
def env(tmp_path, corpus, run_cli):
    store = tmp_path / "store"
    folder = corpus({"a.txt": A, "b.txt": B, "c.txt": C})

    def cli(*args):
        return run_cli(*args, "--store", store) if args[0] != "ingest" else run_cli(*args, "--store", store)
    assert cli("ingest", folder)[0] == 0
    return store, folder, cli


def judge(cli, *args, by="Lan", why="checked the articles"):
    return cli("judge", *args, "--by", by, "--why", why)


def select(store_dir, query):
    store = open_store(store_dir)
    try:
        return [{k: (v.value if v is not None else None) for k, v in r.items()} for r in store.select(query)]
    finally:
        store.close()


def same_as(store_dir) -> dict[str, str]:
    rows = select(store_dir, f"SELECT ?a ?b WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?a owl:sameAs ?b }} }}")
    return {r["a"]: r["b"] for r in rows}


def test_merge_is_transitive_and_survives_reingest(env, corpus, run_cli):
    store, folder, cli = env
    code, out, err = judge(cli, "same-as", TUE, TUE2)
    assert code == 0, err
    assert "recorded #1 same-as" in out and f"canonical IRI: {full(TUE)}" in out
    assert judge(cli, "same-as", TUE2, TUE3)[0] == 0
    assert same_as(store) == {full(TUE2): full(TUE), full(TUE3): full(TUE)}
    # re-ingest everything (forced) and with changed text: the merge still holds
    corpus({"b.txt": "Hôm nay trời mưa. " + B})
    code, _, err = cli("ingest", folder, "--force")
    assert code == 0 and "1 merged clusters" in err
    assert same_as(store) == {full(TUE2): full(TUE), full(TUE3): full(TUE)}


def test_split_not_same_as_prevents_and_undoes_a_merge(env):
    store, _, cli = env
    assert judge(cli, "not-same-as", TUE, TUE3, why="H. M. Tuệ is his cousin")[0] == 0
    assert judge(cli, "same-as", TUE, TUE2)[0] == 0
    code, _, err = judge(cli, "same-as", TUE2, TUE3)          # transitively TUE = TUE3: refused
    assert code == 1
    assert "refused" in err and "#1 not-same-as" in err and "#2 same-as" in err and "withdraw #1" in err
    assert same_as(store) == {full(TUE2): full(TUE)}
    # undo a merge: not-same-as on merged nodes is refused until the merge is withdrawn
    code, _, err = judge(cli, "not-same-as", TUE2, TUE)
    assert code == 1 and "already merged" in err and "#2" in err
    assert cli("judge", "withdraw", "2", "--by", "Lan", "--why", "two people after all")[0] == 0
    assert judge(cli, "not-same-as", TUE2, TUE)[0] == 0
    assert same_as(store) == {}
    different = select(store, f"SELECT ?a ?b WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?a owl:differentFrom ?b }} }}")
    assert {(r["a"], r["b"]) for r in different} == {(full(TUE), full(TUE3)), (full(TUE2), full(TUE))}


def statement_iri(store_dir, text):
    rows = select(store_dir, f'SELECT ?s WHERE {{ ?s a ck:Statement ; ck:text ?t FILTER(STR(?t) = "{text}") }}')
    assert len(rows) == 1
    return rows[0]["s"]


def status(store_dir, prop="ck:curationStatus") -> dict[str, str]:
    rows = select(store_dir, f"SELECT ?x ?v WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?x {prop} ?v }} }}")
    return {r["x"]: r["v"] for r in rows}


def test_reject_confirm_conflict_and_reanchor_after_reingest(env, corpus):
    store, folder, cli = env
    said = statement_iri(store, "Chúng tôi thiếu vốn")
    assert judge(cli, "reject", said, why="he was quoting someone else")[0] == 0
    code, _, err = judge(cli, "confirm", said)
    assert code == 1 and "cannot be both rejected and confirmed" in err and "#1 reject" in err
    assert status(store) == {said: "rejected"}
    # the text moves: the statement gets a new IRI (offsets), the judgement follows it
    corpus({"b.txt": "Tin mới. " + B})
    code, _, err = cli("ingest", folder)
    assert code == 0, err
    moved = statement_iri(store, "Chúng tôi thiếu vốn")
    assert moved != said
    assert status(store) == {moved: "rejected"}
    assert f"re-anchored: {said} -> {moved}" in err and "ORPHANED" not in err


def test_judgement_on_a_vanished_entity_is_reported(env, corpus):
    store, folder, cli = env
    assert judge(cli, "same-as", TUE, TUE3)[0] == 0
    assert judge(cli, "rename", SAO, "Vi Thị Sáo (nhà báo)")[0] == 0
    corpus({"c.txt": "[Vi Thị Sáo] nói: \"Bến xe quá chật\".\n"})      # H. M. Tuệ is gone
    code, _, err = cli("ingest", folder)
    assert code == 0
    assert f"ORPHANED (not in the corpus: {full(TUE3)}): #1 same-as" in err
    code, out, _ = cli("judge", "check")
    assert "ORPHANED" in out
    code, out, _ = cli("judge", "list", "--format", "json")
    assert [j["id"] for j in json.loads(out)] == [1, 2]             # still in the log, not lost
    missing = select(store, f"SELECT ?j ?n WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?j ck:missingNode ?n }} }}")
    assert missing == [{"j": f"{ID}judgement/1", "n": full(TUE3)}]


def test_rename_and_pledge_status_latest_wins(env):
    store, _, cli = env
    pledge = select(store, "SELECT ?p WHERE { ?p a ck:Pledge }")[0]["p"]
    assert judge(cli, "rename", TUE2, "Hoàng Minh Tuệ (Sở GT)")[0] == 0
    assert judge(cli, "same-as", TUE, TUE2)[0] == 0
    assert status(store, "ck:preferredName") == {full(TUE): "Hoàng Minh Tuệ (Sở GT)"}
    assert judge(cli, "pledge-status", pledge, "in the works")[0] == 0
    assert judge(cli, "pledge-status", pledge, "kept", why="three lines opened in May")[0] == 0
    assert status(store, "ck:pledgeStatus") == {pledge: "https://w3id.org/camket/ns#Kept"}
    code, _, err = judge(cli, "pledge-status", pledge, "done")
    assert code == 1 and "unknown pledge status" in err


def test_bad_input_is_refused_clearly(env):
    _, _, cli = env
    code, _, err = judge(cli, "same-as", TUE, "person/nobody-at-all")
    assert code == 1 and "not in the store" in err
    code, _, err = judge(cli, "same-as", TUE, "org/sở-giao-thông-lâm-hà")
    assert code == 1 and "cannot merge a person" in err
    code, _, err = judge(cli, "same-as", TUE, TUE)
    assert code == 1 and "two different entities" in err
    code, _, err = cli("judge", "reject", TUE, "--why", "x")
    assert code == 1 and "--by" in err


def test_curation_graphs_are_not_documents(env):
    store, _, cli = env
    judge(cli, "same-as", TUE, TUE2)
    s = open_store(store)
    try:
        assert all("/id/doc/" in d for d in s.documents()) and len(s.documents()) == 3
    finally:
        s.close()
    code, _, _ = cli("validate")
    assert code == 0


def test_split_one_node_that_is_two_people(env, corpus):
    from camket.curation.view import load_view
    store, folder, cli = env
    corpus({"a.txt": A + "[Vi Thị Sáo] cam kết trồng thêm cây.\n"})
    assert cli("ingest", folder)[0] == 0
    code, out, err = judge(cli, "split", SAO, "a", why="the Sáo of article a is a teacher, not the journalist")
    assert code == 0, err
    new = full(SAO) + "--in-a"
    rows = select(store, f"SELECT ?n ?o ?d WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?n ck:splitFrom ?o ; ck:splitIn ?d }} }}")
    assert rows == [{"n": new, "o": full(SAO), "d": f"{ID}doc/a"}]
    code, _, err = judge(cli, "same-as", SAO, new)                  # merging back is refused
    assert code == 1 and "#1 split" in err
    assert judge(cli, "rename", new, "Vi Thị Sáo (cô giáo)")[0] == 0  # the split-off person can be judged
    s = open_store(store)
    try:
        view = load_view(s)
    finally:
        s.close()
    assert view.canonical(full(SAO), f"{ID}doc/a") == new and view.canonical(full(SAO), f"{ID}doc/c") == full(SAO)
    assert view.name(new) == "Vi Thị Sáo (cô giáo)"
    corpus({"a.txt": A})                                             # she leaves article a
    code, _, err = cli("ingest", folder)
    assert f"ORPHANED (not in the corpus: {full(SAO)} in {ID}doc/a): #1 split" in err


def test_canonical_iri_lookup_for_redirects(env):
    from camket.curation.view import canonical_iri, cluster_iris, load_view
    store, _, cli = env
    judge(cli, "same-as", TUE, TUE2)
    judge(cli, "same-as", TUE3, TUE)
    s = open_store(store)
    try:
        assert canonical_iri(s, full(TUE2)) == full(TUE) and canonical_iri(s, full(TUE)) is None
        assert cluster_iris(s, full(TUE)) == load_view(s).members(full(TUE)) == [full(TUE), full(TUE3), full(TUE2)]
    finally:
        s.close()


def test_a_broken_judgement_file_never_stops_ingest(env, corpus):
    store, folder, cli = env
    (store.parent / "store.judgements.sqlite").write_bytes(b"not a database at all" * 10)
    corpus({"a.txt": "Tin mới. " + A})
    code, _, err = cli("ingest", folder)
    assert "judgements not re-applied" in err and "cannot use the judgement file" in err
    assert "1 ingested" in err and code == 1
