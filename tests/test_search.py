"""The SQLite FTS5 search index: folding, ranking, typo tolerance, staying in step with the store."""
from __future__ import annotations

import pytest

from camket.ingest import STORED_HOOKS, ingest
from camket.search import SearchIndex, default_path
from camket.store import EmbeddedStore

from tests.api import corpus


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "store")
    for g, nt in corpus.documents():
        s.replace_document(g, nt)
    return s


@pytest.fixture
def index(store):
    return SearchIndex.for_store(store, build=True)


def test_index_lives_beside_the_store(store, index):
    assert index.path == default_path(store) == store.location.parent / "store.search.sqlite"
    assert index.path.exists()


@pytest.mark.parametrize("q", ["tran van khai", "Trần Văn Khải", "TRAN VAN KHAI", "tran van kh", "khai"])
def test_folded_queries_find_the_person_first(index, q):
    total, hits, fuzzy = index.search(q)
    assert total >= 1 and not fuzzy and hits[0]["iri"] == corpus.PERSON_KHAI


def test_policy_by_type_and_number(index):
    _, hits, _ = index.search("nghi quyet 77")
    assert hits[0]["kind"] == "policy" and hits[0]["id"] == "77-nq-tw"


def test_typo_tolerance(index):
    total, hits, fuzzy = index.search("doan thi nagt")
    assert fuzzy and hits[0]["iri"] == corpus.PERSON_NGAT
    assert index.search("qqqqzzzz") == (0, [], True)


def test_kinds_filter_and_statement_iris(index):
    _, hits, _ = index.search("lam ha", kinds=["statement"])
    assert hits and {h["kind"] for h in hits} == {"statement"}
    iris = index.statement_iris("khu do thi")
    assert len(iris) == 2 and all("/statement/" in i for i in iris)


def test_sync_follows_changes_and_removals(store, index):
    g, nt = corpus.documents()[1]
    store.replace_document(g, nt.replace("tỉnh đã hoàn thành 5 khu đô thị", "tỉnh đã hoàn thành 5 bến cảng"))
    store._store.update(f'DELETE WHERE {{ GRAPH <{g}> {{ <{g}> <https://w3id.org/camket/ns#sha256> ?h }} }} ;'
                        f'INSERT DATA {{ GRAPH <{g}> {{ <{g}> <https://w3id.org/camket/ns#sha256> "changed" }} }}')
    assert index.sync(store) == 1
    assert index.statement_iris("ben cang")
    store.remove_document(g)
    assert index.sync(store) == 1
    assert not index.statement_iris("ben cang")


def test_ingest_hook_keeps_the_index_in_step(tmp_path):
    assert any(h.__module__ == "camket.search" for h in STORED_HOOKS)
    store = EmbeddedStore(tmp_path / "s2")
    src = tmp_path / "bai.txt"
    src.write_text("Bà Lò Thị Xuyến, Phó Chủ tịch tỉnh Nam Sơn La, cho biết tỉnh sẽ trồng 300 héc-ta rừng.\n",
                   encoding="utf-8")
    report = ingest([str(src)], store, on_error=lambda m: None)
    idx = SearchIndex.for_store(store)
    if report.ingested:
        total, hits, _ = idx.search("bai", kinds=["document"])
        assert any(h["id"] == "bai" for h in hits)
        assert idx.sync(store) == 0  # the hook already indexed it


def test_an_index_without_prefix_doclists_is_migrated_with_its_rows(tmp_path):
    import sqlite3
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the schema of earlier releases: no prefix option
        db.execute("CREATE VIRTUAL TABLE entries USING fts5(kind UNINDEXED, iri UNINDEXED, doc UNINDEXED, "
                   "label UNINDEXED, exact UNINDEXED, names, body, context, tokenize = 'unicode61')")
        db.execute("INSERT INTO entries(rowid, kind, iri, doc, label, exact, names, body, context) VALUES "
                   "(7, 'person', 'https://w3id.org/camket/id/person/tri', 'd', 'Trí', '|tri|', 'tri', '', '')")
    idx = SearchIndex(path)
    sql = idx._db().execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
    assert "prefix = '2 3 4'" in sql
    assert idx._db().execute("SELECT rowid, label FROM entries").fetchall() == [(7, "Trí")]
    assert idx.search("tr")[1][0]["label"] == "Trí"
    SearchIndex(path)  # opening again leaves it as it is


def test_writes_do_not_map_the_index_reads_do(tmp_path):
    from camket.search import MMAP_BYTES
    idx = SearchIndex(tmp_path / "m.sqlite")
    seen = []
    with idx._writing() as db:
        seen.append(db.execute("PRAGMA mmap_size").fetchone()[0])
    assert seen == [0]
    assert idx._db().execute("PRAGMA mmap_size").fetchone()[0] == MMAP_BYTES


@pytest.mark.parametrize("q", ["khai", "tran van khai", "ha", "lam ha", "do thi", "nghi quyet 77"])
@pytest.mark.parametrize("kinds", [None, ["statement"], ["person", "organization"]])
def test_total_taken_from_a_stage_that_read_every_row_equals_the_count(index, q, kinds):
    from camket import search_docs
    from camket.search import _entity_kinds, _match, _phrase, _tokens
    total, _, fuzzy = index.search(q, kinds=kinds)
    docs = search_docs.count(index._db(), search_docs.match(_tokens(q)), 10 ** 6) if not kinds else 0
    phrase = _phrase(_tokens(q))
    together = index._count(phrase, _entity_kinds(kinds), pairs=True) if phrase else 0
    things = together if phrase and (together or docs) else index._count(_match(_tokens(q)), kinds)
    assert total == (len(index._fuzzy(q, kinds)) if fuzzy else things + docs)
    assert fuzzy or total > 0


def test_one_word_query_reads_the_index_once(index, monkeypatch):
    calls = []
    top = index._top
    monkeypatch.setattr(index, "_top", lambda *a: calls.append(a[0]) or top(*a))
    monkeypatch.setattr(index, "_count", lambda *a: pytest.fail("counted again"))
    total, hits, _ = index.search("khai", limit=50)
    assert calls == ['"khai"*'] and total == len(hits) >= 1


def test_typos_false_says_the_names_were_not_looked_at(index):
    assert index.search("doan thi nagt", typos=False) == (0, [], None)
    assert index.search("doan thi nagt")[2] is True
    assert index.search("tran van khai", typos=False)[2] is False


# ------------------------------------------------- documents by word pairs, pairs in the phrase stage
DOC_A, DOC_B = "https://w3id.org/camket/id/document/a", "https://w3id.org/camket/id/document/b"


def _doc_rows(g: str, title: str, text: str):
    from camket.search import _Found
    found = _Found(g)
    found.fact(g, "document", text, None, title)
    return found.rows()


@pytest.fixture
def docs_index(tmp_path):
    idx = SearchIndex(tmp_path / "d.sqlite")
    rows = {DOC_A: _doc_rows(DOC_A, "Họp bàn giao thông", "Ông Lê Văn Bình phát biểu tại buổi họp về giao thông."),
            DOC_B: _doc_rows(DOC_B, "Thư trả lời", "Bình nói với ông Lê rằng văn phòng sẽ trả lời mã_số 12.")}
    idx.index_documents(None, list(rows), {g: "s" for g in rows}, rows=rows)
    return idx


def _ids(result):
    return sorted(h["id"] for h in result[1])


def test_a_document_matches_where_the_words_stand_together(docs_index):
    assert _ids(docs_index.search("le van binh", kinds=["document"])) == ["a"]
    assert docs_index.search("le van binh", kinds=["document"])[0] == 1
    assert _ids(docs_index.search("Lê Văn Bì", kinds=["document"])) == ["a"]  # the last word as a prefix
    assert _ids(docs_index.search("binh", kinds=["document"])) == ["a", "b"]  # one word: anywhere
    assert _ids(docs_index.search("giao thong")) == ["a"]  # title and text
    assert docs_index.search("binh van le", kinds=["document"])[0] == 0  # every word, not together


def test_underscores_in_texts_are_word_breaks_as_before(docs_index):
    assert _ids(docs_index.search("ma so 12")) == ["b"]


def test_removed_and_reindexed_documents_leave_no_tokens_behind(docs_index):
    docs_index.remove_document(DOC_A)
    assert docs_index.search("le van binh", kinds=["document"])[0] == 0
    rows = {DOC_A: _doc_rows(DOC_A, "Họp", "Ông Lê Văn Bình vắng mặt.")}
    for _ in range(2):  # indexed again over itself: the old row is deleted first
        docs_index.index_documents(None, [DOC_A], {DOC_A: "t"}, rows=rows)
    db = docs_index._db()
    assert db.execute("SELECT COUNT(*) FROM doc_rows").fetchone()[0] == 2
    assert _ids(docs_index.search("vang mat")) == ["a"] and docs_index.search("giao thong")[0] == 0
    for table in ("docs", "docpairs"):
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")


def test_the_phrase_stage_reads_pairs_and_finds_the_same_rows(index):
    from camket.search import _phrase, _tokens
    assert _phrase(_tokens("Trần Văn Khải")) == '"tran_van van_khai"*'
    assert _phrase(_tokens("khai")) is None  # one word: no phrase stage of its own
    db = index._db()
    for q in ("tran van khai", "tran van kh", "khu do thi", "lam ha"):
        by_pairs = {r[0] for r in db.execute("SELECT rowid FROM pairs WHERE pairs MATCH ?", (_phrase(_tokens(q)),))}
        assert by_pairs and by_pairs == {r[0] for r in db.execute("SELECT rowid FROM entries WHERE entries MATCH ?",
                                                                  ('"%s"*' % q,))}
    for table in ("pairs", "docs", "docpairs"):
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")


def test_an_index_of_the_shared_table_layout_is_migrated(tmp_path):
    import sqlite3
    path = tmp_path / "v0.sqlite"
    with sqlite3.connect(path) as db:  # the layout of session 4: documents among the other rows, no pairs
        db.execute("CREATE VIRTUAL TABLE entries USING fts5(kind UNINDEXED, iri UNINDEXED, doc UNINDEXED, "
                   "label UNINDEXED, exact UNINDEXED, names, body, context, tokenize = 'unicode61', prefix = '2 3 4')")
        db.executemany("INSERT INTO entries(rowid, kind, iri, doc, label, exact, names, body, context) VALUES "
                       "(?,?,?,?,?,?,?,?,?)", [
                           (3, "person", "https://w3id.org/camket/id/person/le-van-binh", DOC_A, "Lê Văn Bình",
                            "|le van binh|", "le van binh", "", ""),
                           (4, "document", DOC_A, DOC_A, "Họp", "||", "hop", "ong le van binh phat bieu", "")])
    idx = SearchIndex(path)
    db = idx._db()
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    assert db.execute("SELECT rowid, kind FROM entries").fetchall() == [(3, "person")]
    assert db.execute("SELECT iri, label FROM doc_rows").fetchall() == [(DOC_A, "Họp")]
    total, hits, _ = idx.search("le van binh")
    assert total == 2 and [h["kind"] for h in hits] == ["person", "document"]
    SearchIndex(path)  # opening again leaves it as it is
    assert SearchIndex(path)._db().execute("SELECT COUNT(*) FROM doc_rows").fetchone()[0] == 1


@pytest.mark.parametrize("kinds", [None, ["statement"]])
def test_count_is_the_distinct_things_holding_every_word(index, kinds):
    from camket.search import _kind_filter, _match, _tokens
    kind_sql, args = _kind_filter(kinds)
    for q in ("lam ha", "khu do thi", "tran van khai", "ha"):
        m = _match(_tokens(q))
        expected = index._db().execute(f"SELECT COUNT(DISTINCT iri) FROM entries WHERE entries MATCH ? {kind_sql}",
                                       (m, *args)).fetchone()[0]
        assert index._count(m, kinds) == expected
        assert kinds or expected > 0


# ------------------------------------------------- words together first; segments merged
def _statement_rows(g: str, texts: dict[str, str]):
    from camket.search import _Found
    found = _Found(g)
    for iri, text in texts.items():
        found.fact(iri, "statement", text, None, None)
    return found.rows()


def test_scattered_words_match_only_where_they_stand_together_nowhere(tmp_path):
    idx = SearchIndex(tmp_path / "w.sqlite")
    st = "https://w3id.org/camket/id/statement/"
    rows = {DOC_A: _statement_rows(DOC_A, {st + "a1": "Ông Hà Quang Thắng nói về dự án.",
                                           st + "a2": "Hà Nội và Quảng Ninh khởi công trong tháng 5."})}
    idx.index_documents(None, [DOC_A], {DOC_A: "s"}, rows=rows)
    total, hits, fuzzy = idx.search("ha quang thang")
    assert (total, [h["id"] for h in hits], fuzzy) == (1, ["a1"], False)  # not a2: the syllables scattered
    total, hits, _ = idx.search("thang quang")  # together nowhere: the things holding both words
    assert total == 2 and sorted(h["id"] for h in hits) == ["a1", "a2"]


def _segments(db, table: str) -> int:
    """The number of b-tree segments of an FTS5 table, from its structure record (id 10 of ``%_data``)."""
    block = db.execute(f"SELECT block FROM {table}_data WHERE id = 10").fetchone()[0]
    pos, values = 4, []  # after the 4-byte cookie: varints nLevel, nSegment, ...
    while len(values) < 2:
        value = 0
        while True:
            byte = block[pos]
            pos += 1
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values[1]


def test_tidy_merges_the_segments_once_the_index_grew_by_a_tenth(tmp_path):
    from camket.search import FTS_TABLES
    idx = SearchIndex(tmp_path / "t.sqlite")
    for i in range(12):  # one transaction, one new segment per table, each
        g = f"{DOC_A}{i}"
        rows = {g: _doc_rows(g, f"Họp số {i}", f"Ông Lê Văn Bình phát biểu lần {i}.")}
        idx.index_documents(None, [g], {g: "s"}, rows=rows)
    db = idx._db()
    before = idx.search("le van binh")
    assert _segments(db, "docpairs") > 1
    assert idx.tidy() is True
    assert _segments(db, "docpairs") == _segments(db, "docs") == 1
    assert all(_segments(db, t) <= 1 for t in FTS_TABLES)  # 0: no rows (here: entries, pairs, names)
    assert idx.search("le van binh") == before
    assert idx.tidy() is False  # not grown since
    g = DOC_B
    idx.index_documents(None, [g], {g: "s"}, rows={g: _doc_rows(g, "Họp", "Bình")})
    assert idx.tidy() is False and idx.tidy(growth=0) is True  # 13 < 1.1 x 12; forced


def test_an_ingest_run_ends_by_tidying_the_index(tmp_path):
    from camket.ingest import FINISHED_HOOKS
    assert any(h.__module__ == "camket.search" for h in FINISHED_HOOKS)
    store = EmbeddedStore(tmp_path / "s3")
    src = tmp_path / "bai.txt"
    src.write_text("Ông Lò Văn Xuân, Chủ tịch tỉnh Nam Sơn La, cho biết tỉnh sẽ trồng 300 héc-ta rừng.\n",
                   encoding="utf-8")
    report = ingest([str(src)], store, on_error=lambda m: None)
    assert report.n_ingested == 1
    db = SearchIndex.for_store(store)._db()
    assert db.execute("SELECT value FROM meta WHERE key = 'merged_docs'").fetchone() == ("1",)


def test_warm_builds_the_name_matcher_before_the_first_typo(index, monkeypatch):
    import camket.search_fuzzy
    index.warm()
    monkeypatch.setattr(camket.search_fuzzy, "NameMatcher", lambda rows: pytest.fail("built again"))
    total, hits, fuzzy = index.search("doan thi nagt")
    assert fuzzy and hits[0]["iri"] == corpus.PERSON_NGAT


def test_the_api_warms_the_matcher_after_its_sync(store, index, monkeypatch):
    from camket.api.app import _sync_quietly
    built = []
    monkeypatch.setattr(index, "warm", lambda: built.append(True))
    _sync_quietly(index, store, sync=False)
    assert built == [True]
