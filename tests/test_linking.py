"""Cross-document linking of spelling variants (camket.linking), through ingest."""
from __future__ import annotations

from camket.linking import link_people
from camket.store import open_store

DOCS = {
    "a.txt": "Ông Robert Kowalczyk, Đại sứ Ba Lan tại Việt Nam, cho biết hai nước sẽ mở rộng hợp tác.\n",
    "b.txt": "Ông Robert Kowalcyzk, Đại sứ Ba Lan tại Việt Nam, khẳng định quan hệ hai nước rất tốt.\n",
    "c.txt": "Ông Robert Kowalczyk, Đại sứ Ba Lan tại Việt Nam, nhấn mạnh vai trò của doanh nghiệp.\n",
    "d.txt": "Ông Trần Văn Hải, Giám đốc Sở Tài chính tỉnh Phú Yên, cho biết tỉnh sẽ tăng thu.\n",
    "e.txt": "Ông Trần Văn Hài, Giám đốc Sở Tài chính tỉnh Phú Yên, cho biết ngân sách đã cân đối.\n",
    "f.txt": "Ông Robert Kowalczik, Giám đốc Công ty Zeta Logistics, cho biết công ty sẽ mở văn phòng.\n",
}


def people_by_graph(store_dir) -> dict[str, set[tuple[str, str]]]:
    store = open_store(store_dir)
    try:
        rows = store.select("SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?name } }")
        out: dict[str, set] = {}
        for r in rows:
            out.setdefault(r["g"].value.rsplit("/", 1)[-1], set()).add((r["p"].value.rsplit("/", 1)[-1], r["name"].value))
        return out
    finally:
        store.close()


def test_variants_with_the_same_post_become_one_iri(tmp_path, store_dir, run_cli):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    got = people_by_graph(store_dir)
    # the majority spelling (two documents) gives the IRI; each document keeps its spelling
    assert got["a"] == {("robert-kowalczyk", "Robert Kowalczyk")}
    assert got["b"] == {("robert-kowalczyk", "Robert Kowalcyzk")}
    # a close spelling with a different post: left alone
    assert got["f"] == {("robert-kowalczik", "Robert Kowalczik")}
    # Vietnamese names that differ by a tone are different people
    assert got["d"] == {("trần-văn-hải", "Trần Văn Hải")} and got["e"] == {("trần-văn-hài", "Trần Văn Hài")}
    # linking is stable: a second run changes nothing, and the store validates
    before = people_by_graph(store_dir)
    code, _, err = run_cli("ingest", tmp_path, "--store", store_dir)
    assert code == 0 and "6 unchanged" in err and people_by_graph(store_dir) == before
    assert run_cli("validate", "--store", store_dir)[0] == 0


def test_a_later_batch_links_to_people_already_stored(tmp_path, store_dir, run_cli):
    """Only the batch's people and those sharing a name or a post are read: the result
    is the one a single batch gives, and a bare variant joins the linked node by name."""
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "g.txt").write_text("Ông Robert Kowalcyzk cho biết hai nước sẽ tăng đầu tư.\n", encoding="utf-8")
    for batch in (["a.txt", "f.txt", "d.txt"], ["b.txt", "e.txt"], ["c.txt"], ["g.txt"]):
        assert run_cli("ingest", *[tmp_path / n for n in batch], "--store", store_dir)[0] == 0
    got = people_by_graph(store_dir)
    iris = {doc: {p for p, _ in got[doc]} for doc in got}
    assert iris["a"] == iris["b"] == iris["c"] == iris["g"] and len(iris["a"]) == 1
    assert {name for doc in "abcg" for _, name in got[doc]} == {"Robert Kowalczyk", "Robert Kowalcyzk"}
    assert got["f"] == {("robert-kowalczik", "Robert Kowalczik")}
    assert got["d"] == {("trần-văn-hải", "Trần Văn Hải")} and got["e"] == {("trần-văn-hài", "Trần Văn Hài")}
    # nothing is left for a pass over the whole store to link
    store = open_store(store_dir)
    try:
        assert link_people(store) == []
    finally:
        store.close()


def test_linking_that_releases_the_store_caches_between_chunks_links_the_same(tmp_path, store_dir, run_cli,
                                                                             monkeypatch):
    import camket.linking
    import camket.store
    from camket.store import EmbeddedStore
    released = []
    monkeypatch.setattr(camket.linking, "CHUNK", 1)  # one look-up per term: a release after each
    monkeypatch.setattr(camket.store, "RELEASE_SECONDS", 0.0)  # the store's rate limits let each through
    monkeypatch.setattr(camket.linking, "RELEASE_EVERY", 0.0)
    monkeypatch.setattr(camket.store, "REOPEN_SHARE", 1e9)
    real = EmbeddedStore.release_caches
    monkeypatch.setattr(EmbeddedStore, "release_caches",
                        lambda self, force=False, every=None: released.append(real(self, force, every)) or released[-1])
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    assert sum(released) >= len(DOCS)  # reopened at least once per document graph looked up
    got = people_by_graph(store_dir)
    assert got["b"] == {("robert-kowalczyk", "Robert Kowalcyzk")}
    assert got["f"] == {("robert-kowalczik", "Robert Kowalczik")}


def _write_docs(folder) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "g.txt").write_text("Ông Robert Kowalcyzk cho biết hai nước sẽ tăng đầu tư.\n", encoding="utf-8")


def _nquads(store_dir) -> list[str]:
    """Every quad but the ingest times."""
    store = open_store(store_dir)
    try:
        return sorted(str(q) for q in store.quads() if not q.predicate.value.endswith("#generatedAtTime"))
    finally:
        store.close()


def test_an_ingest_in_batches_of_one_links_as_one_batch(tmp_path, monkeypatch):
    """The people are collected batch by batch (not every document's IRI kept to the
    end): seven batches of one document give the same store, quad for quad."""
    import camket.ingest
    _write_docs(tmp_path / "in")
    whole = camket.ingest.ingest([str(tmp_path / "in")], open_store(tmp_path / "one"), on_error=lambda m: None)
    monkeypatch.setattr(camket.ingest, "BATCH_DOCS", 1)
    store = open_store(tmp_path / "many")
    report = camket.ingest.ingest([str(tmp_path / "in")], store, on_error=lambda m: None)
    store.close()
    assert report.facts["linked documents"] == whole.facts["linked documents"] > 0
    assert report.to_link == whole.to_link and len(report.to_link) == 5
    assert _nquads(tmp_path / "many") == _nquads(tmp_path / "one")
    got = people_by_graph(tmp_path / "many")
    assert len({p for d in "abcg" for p, _ in got[d]}) == 1  # two spellings in two documents each: one IRI


def test_linking_cut_off_by_a_crash_is_done_by_the_next_ingest(tmp_path, store_dir, run_cli):
    """The graphs of every committed batch stay named in ``STORE.link-pending`` until the
    linking at the end of the ingest is done: a kill before it leaves them there (here:
    an ingest with no linking, and the journal written back), the next ingest links them."""
    from pathlib import Path
    _write_docs(tmp_path / "in")
    assert run_cli("ingest", tmp_path / "in", "--store", tmp_path / "one")[0] == 0  # linked in one go
    assert run_cli("ingest", tmp_path / "in", "--store", store_dir, "--no-link")[0] == 0
    assert people_by_graph(store_dir)["b"] == {("robert-kowalcyzk", "Robert Kowalcyzk")}  # not linked
    journal = Path(f"{store_dir}.link-pending")
    assert not journal.exists()
    journal.write_text("".join(f"https://w3id.org/camket/id/doc/{d}\n" for d in "abcdefg"), encoding="utf-8")
    code, _, err = run_cli("ingest", tmp_path / "in", "--store", store_dir)
    assert code == 0 and "7 unchanged" in err and not journal.exists()
    got = people_by_graph(store_dir)
    assert got == people_by_graph(tmp_path / "one") and len({p for d in "abcg" for p, _ in got[d]}) == 1
    assert got["f"] == {("robert-kowalczik", "Robert Kowalczik")}
