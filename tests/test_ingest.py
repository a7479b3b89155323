"""The ingest spine end to end through the CLI: idempotence, replacement,
bad input, shape violations, evidence offsets, ``facts`` output."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import camket.loaders.extract  # noqa: F401  (registers the components)
from camket.loaders import pipeline
from camket.loaders.model import Span
from camket.store import open_store

GOOD = ("Ngày 12/3/2024, tại thành phố Quảng Trị, ông Lê Văn Tám, Chủ tịch UBND tỉnh Quảng Trị, "
        "cho biết tỉnh sẽ hoàn thành đề án trước năm 2026.\n"
        "Bà Phan Thu Hà nhấn mạnh rằng Quảng Trị cần thêm vốn.\n")
CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture
def marker(monkeypatch):
    """Wrap the 'structure' component to also mark every "Quảng Trị" as a place,
    so the spine is tested independently of the real extractors."""
    real = pipeline.COMPONENTS["structure"]

    def structure_and_mark(analysis):
        real(analysis)
        start = analysis.canon.find("Quảng Trị")
        while start >= 0:
            end = start + len("Quảng Trị")
            analysis.entity("place", analysis.text[start:end], Span(start, end), place_type="province")
            start = analysis.canon.find("Quảng Trị", end)

    monkeypatch.setitem(pipeline.COMPONENTS, "structure", structure_and_mark)


def dump(store_dir) -> list[str]:
    store = open_store(store_dir)
    try:
        return sorted(str(q) for q in store.quads())
    finally:
        store.close()


def spans(store_dir) -> list[tuple[str, int, int, str]]:
    store = open_store(store_dir)
    try:
        rows = store.select("""SELECT ?text ?s ?e ?exact WHERE { GRAPH ?g {
            ?sp a ck:EvidenceSpan ; ck:inDocument ?d ; oa:start ?s ; oa:end ?e ; oa:exact ?exact .
            ?d schema:text ?text } }""")
        return [(r["text"].value, int(r["s"].value), int(r["e"].value), r["exact"].value) for r in rows]
    finally:
        store.close()


def test_reingest_same_bytes_leaves_store_identical(tmp_path, store_dir, run_cli, marker):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run_cli("ingest", tmp_path / "a.txt", "--store", store_dir)[0] == 0
    first = dump(store_dir)
    code, _, err = run_cli("ingest", tmp_path / "a.txt", "--store", store_dir)
    assert code == 0 and "1 unchanged" in err
    assert dump(store_dir) == first and len(first) > 10


def test_changed_text_replaces_old_facts(tmp_path, store_dir, run_cli, marker):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    run_cli("ingest", doc, "--store", store_dir)
    assert any(exact == "Quảng Trị" for *_, exact in spans(store_dir))
    doc.write_text("Ông Đinh Công Lý phát biểu tại Hội nghị.\n", encoding="utf-8")
    assert run_cli("ingest", doc, "--store", store_dir)[0] == 0
    quads = dump(store_dir)
    assert not any("Quảng Trị" in q for q in quads)
    assert sum("Đinh Công Lý" in q for q in quads) >= 1


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path, store_dir, run_cli):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 2)
    (tmp_path / "big.txt").write_text("chữ " * 5000, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "ok-1", "text": GOOD}) + "\n{broken\n",
                                         encoding="utf-8")
    code, _, err = run_cli("ingest", tmp_path, "--store", store_dir, "--max-bytes", "10000")
    assert code == 1
    lines = [l for l in err.splitlines() if l.strip()]
    assert f"{tmp_path / 'empty.txt'}: empty file" in lines
    assert any(l.startswith(f"{tmp_path / 'binary.txt'}: binary file") for l in lines)
    assert any(l.startswith(f"{tmp_path / 'latin.txt'}: cannot decode") for l in lines)
    assert any(l.startswith(f"{tmp_path / 'big.txt'}: too large") for l in lines)
    assert any(l.startswith(f"{tmp_path / 'feed.jsonl'}:2: malformed JSON") for l in lines)
    assert "2 ingested" in lines[-1] and "5 failed" in lines[-1]
    store = open_store(store_dir)
    docs = [d.rsplit("/", 1)[-1] for d in store.documents()]
    store.close()
    assert docs == ["good", "ok-1"]


@pytest.mark.parametrize("validator", ["compiled", "pyshacl"])  # CAMKET_SHACL=pyshacl: the strict mode
def test_document_violating_a_shape_is_not_stored(tmp_path, store_dir, run_cli, monkeypatch, validator):
    monkeypatch.setenv("CAMKET_SHACL", validator)
    real = pipeline.COMPONENTS["structure"]

    def structure_and_bad_entity(analysis):
        real(analysis)
        if "HỎNG" in analysis.text:  # a one-character name violates the Named shape
            analysis.entity("person", "X", Span(0, 1))

    monkeypatch.setitem(pipeline.COMPONENTS, "structure", structure_and_bad_entity)
    (tmp_path / "bad.txt").write_text("X HỎNG nói.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = run_cli("ingest", tmp_path, "--store", store_dir)
    assert code == 1
    assert f"{tmp_path / 'bad.txt'}: graph violates the shapes, not stored" in err
    assert "https://w3id.org/camket/id/person/x" in err
    assert "https://schema.org/name" in err and "at least two characters" in err
    store = open_store(store_dir)
    assert [d.rsplit("/", 1)[-1] for d in store.documents()] == ["good"]
    store.close()
    assert run_cli("validate", "--store", store_dir)[0] == 0


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
])
def test_evidence_spans_slice_the_stored_text_exactly(tmp_path, store_dir, run_cli, marker, encode):
    (tmp_path / "a.txt").write_bytes(encode(GOOD))
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    found = spans(store_dir)
    assert len([s for s in found if s[3] == "Quảng Trị"]) == 3
    for text, start, end, exact in found:
        assert text[start:end] == exact


def test_bundled_corpus_end_to_end(tmp_path, store_dir, run_cli):
    code, _, err = run_cli("ingest", CORPUS, "--store", store_dir)
    assert code == 0, err
    assert run_cli("validate", "--store", store_dir)[0] == 0
    for text, start, end, exact in spans(store_dir):
        assert text[start:end] == exact
    code, out, _ = run_cli("facts", "--store", store_dir, "--format", "json")
    data = json.loads(out)
    assert sorted(d["doc"] for d in data) == sorted(p.name for p in CORPUS.glob("*.txt"))
    keys = {"doc", "people", "organizations", "roles", "policies", "statements", "pledges", "places", "events"}
    for d in data:
        assert set(d) == keys
        assert all(set(p) == {"name", "aliases"} for k in ("people", "organizations", "places") for p in d[k])
        assert all(set(r) == {"person", "title", "organization"} for r in d["roles"])
        assert all(set(s) == {"speaker", "kind", "text"} and s["kind"] in ("direct", "reported")
                   for s in d["statements"])
        assert all(set(p) == {"actor", "text", "deadline", "places"} for p in d["pledges"])
        assert all(set(p) == {"id", "type", "issuer", "date", "title", "aliases"} for p in d["policies"])
        assert all(set(e) == {"name", "date", "place"} for e in d["events"])


def test_stats_and_query(tmp_path, store_dir, run_cli, marker):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    run_cli("ingest", tmp_path, "--store", store_dir)
    code, out, _ = run_cli("stats", "--store", store_dir, "--format", "json")
    stats = json.loads(out)
    assert stats["documents"] == 1 and stats["classes"]["Place"] == 1
    rq = tmp_path / "q.rq"
    rq.write_text("# title: places\n# param: name string optional — a name\n"
                  "SELECT ?p ?name WHERE { ?p a ck:Province ; schema:name ?name }\n", encoding="utf-8")
    code, out, _ = run_cli("query", rq, "--store", store_dir, "--format", "csv")
    assert code == 0 and out.splitlines()[1].endswith(",Quảng Trị")
    code, out, _ = run_cli("query", rq, "--store", store_dir, "-p", 'name=x" } #', "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_extractor_version_follows_the_extraction_code(tmp_path, monkeypatch):
    """A changed rule or gazetteer changes the version, so unchanged bytes are re-extracted."""
    import camket
    import camket.loaders
    before = camket.EXTRACTOR_VERSION
    assert before.startswith(camket.__version__ + "+")
    fake = tmp_path / "loaders"
    (fake / "extract").mkdir(parents=True)
    (fake / "extract" / "rule.py").write_text("X = 1\n")
    monkeypatch.setattr(camket.loaders, "__file__", str(fake / "__init__.py"))
    monkeypatch.delitem(camket.__dict__, "EXTRACTOR_VERSION")
    one = camket.EXTRACTOR_VERSION
    (fake / "extract" / "rule.py").write_text("X = 2\n")
    camket.__dict__.pop("EXTRACTOR_VERSION")
    two = camket.EXTRACTOR_VERSION
    camket.__dict__["EXTRACTOR_VERSION"] = before
    assert len({before, one, two}) == 3


def test_the_report_counts_every_document_and_keeps_the_first_ids(tmp_path, monkeypatch):
    """A report of 10^5 documents does not hold 10^5 ids: counts, and the first KEEP_IDS of each kind."""
    import camket.ingest
    monkeypatch.setattr(camket.ingest, "KEEP_IDS", 2)
    for i in range(4):
        (tmp_path / f"bai{i}.txt").write_text(GOOD.replace("12/3", f"{i + 1}/3"), encoding="utf-8")
    store = open_store(tmp_path / "s")
    first = camket.ingest.ingest([str(tmp_path)], store, on_error=lambda m: None)
    again = camket.ingest.ingest([str(tmp_path)], store, on_error=lambda m: None)
    store.close()
    assert (first.n_ingested, first.ingested, first.n_unchanged) == (4, ["bai0", "bai1"], 0)
    assert (again.n_unchanged, again.unchanged, again.n_ingested) == (4, ["bai0", "bai1"], 0)
    assert first.summary().startswith("documents: 4 ingested, 0 unchanged (skipped), 0 failed")
    assert again.summary().startswith("documents: 0 ingested, 4 unchanged (skipped), 0 failed")


def test_seen_ids_tell_every_id_met_before_across_merges(monkeypatch):
    from camket.ingest import SeenIds
    monkeypatch.setattr(SeenIds, "MERGE_EVERY", 3)
    seen = SeenIds()
    ids = [f"bai-{i}" for i in range(10)]
    for n, doc_id in enumerate(ids):
        assert doc_id not in seen and all(d in seen for d in ids[:n])
        seen.add(doc_id)
    assert len(seen.sorted) == 9 and len(seen.recent) == 1 and all(d in seen for d in ids)
    assert "bai-10" not in seen and "" not in seen


def test_the_people_to_link_are_read_from_the_stored_lines_as_the_store_would_name_them(tmp_path):
    from camket.ingest import ingest
    from camket.linking import people_in
    linked, unlinked = open_store(tmp_path / "linked"), open_store(tmp_path / "unlinked")
    try:
        report = ingest([CORPUS], linked)  # the people collected batch by batch, before the linking
        ingest([CORPUS], unlinked, link=False)
        graphs = [g.value for g in unlinked._store.named_graphs() if "/doc/" in g.value]
        assert report.to_link and report.to_link == people_in(unlinked, graphs)
    finally:
        linked.close()
        unlinked.close()
