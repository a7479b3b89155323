"""What ``ingest --workers N`` adds to the single-process path: results packed for the trip
back to the writer, the worker's idle time recorded, the pool fed ahead of the writer; and
the extracting processes' garbage-collector freeze (``freeze_gc``)."""
from __future__ import annotations

import pickle
from concurrent.futures import Future

import camket.ingest as ingest
from camket.loaders.read import SourceDocument, iter_documents
from camket.store import open_store

TEXT = ("Ngày 12/3/2024, tại thành phố Quảng Trị, ông Lê Văn Tám, Chủ tịch UBND tỉnh Quảng Trị, "
        "cho biết tỉnh sẽ hoàn thành đề án trước năm 2026.\n"
        "Bà Phan Thu Hà nhấn mạnh rằng Quảng Trị cần thêm vốn.\n")


def _doc(tmp_path, name: str = "a.txt") -> SourceDocument:
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    return next(d for d in iter_documents([str(tmp_path / name)]))


def test_a_packed_result_keeps_its_ntriples_and_size_and_is_smaller(tmp_path):
    res = ingest.extract(_doc(tmp_path))
    raw, size = res.ntriples, res.size
    assert isinstance(res.nt, str) and size == len(raw)
    packed = pickle.loads(pickle.dumps(res.pack()))
    assert isinstance(packed.nt, bytes) and len(packed.nt) < len(raw.encode("utf-8")) / 3
    assert packed.ntriples == raw and packed.size == size
    assert packed.pack().ntriples == raw  # packing twice is harmless


def test_extract_in_worker_packs_and_records_the_wait_between_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "_LAST_DONE", [])
    doc = _doc(tmp_path)
    first = ingest._extract_in_worker((doc, (), False))
    second = ingest._extract_in_worker((doc, (), False))
    assert isinstance(first.nt, bytes) and first.timings["idle"] == 0.0
    assert second.timings["idle"] > 0.0
    monkeypatch.setattr(ingest, "extract", lambda doc, skip: 1 / 0)
    bad = ingest._extract_in_worker((doc, (), False))
    assert isinstance(bad, Exception) and "ZeroDivisionError" in str(bad)  # a value, not a raise


class _Pool:
    """Runs nothing; records how many submitted items were not yet taken back."""

    def __init__(self):
        self.in_flight, self.most = 0, 0

    def submit(self, fn, item):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        fut = Future()
        fut.set_result(fn(item))
        fut.add_done_callback(lambda f: None)
        return _Counted(fut, self)


class _Counted:
    def __init__(self, fut, pool):
        self.fut, self.pool = fut, pool

    def result(self):
        self.pool.in_flight -= 1
        return self.fut.result()


def test_bounded_map_keeps_the_window_full_and_the_order():
    pool = _Pool()
    out = list(ingest._bounded_map(pool, lambda x: x * 2, iter(range(100)), window=16))
    assert out == [x * 2 for x in range(100)]
    assert pool.most == 16


def test_two_workers_store_what_one_stores(tmp_path):
    for i in range(3):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"d{i}.txt").write_text(TEXT.replace("2026", str(2026 + i)), encoding="utf-8")
    dumps = []
    for workers in (1, 2):
        store = open_store(tmp_path / f"s{workers}")
        rep = ingest.ingest([str(tmp_path / "in")], store, workers=workers, link=False)
        assert len(rep.ingested) == 3 and not rep.failed
        if workers == 2:
            assert "idle" in rep.timings
        dumps.append(sorted(str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value))
        store.close()
    assert dumps[0] == dumps[1]


def test_freeze_long_lived_freezes_once_at_each_set_document(monkeypatch):
    calls = []
    monkeypatch.setattr(ingest.gc, "freeze", lambda: calls.append(ingest._extracted_here))
    monkeypatch.setattr(ingest, "_extracted_here", 0)
    for _ in range(max(ingest.FREEZE_AT) + 1):
        ingest.freeze_long_lived()
    assert calls == list(ingest.FREEZE_AT)


def test_ingest_freezes_only_when_asked(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"d{i}.txt").write_text(TEXT.replace("2026", str(2026 + i)), encoding="utf-8")
    calls = []
    monkeypatch.setattr(ingest.gc, "freeze", lambda: calls.append(ingest._extracted_here))
    for freeze_gc, expected in ((False, []), (True, [2])):
        monkeypatch.setattr(ingest, "_extracted_here", 0)
        store = open_store(tmp_path / f"s{freeze_gc}")
        rep = ingest.ingest([str(tmp_path / "in")], store, link=False, freeze_gc=freeze_gc)
        store.close()
        assert not rep.failed and calls == expected


def test_camket_ingest_freezes(monkeypatch, tmp_path):
    from camket.cli import main
    seen = {}

    def fake(paths, store, **kw):
        seen.update(kw)
        return ingest.IngestReport()
    monkeypatch.setattr(ingest, "ingest", fake)
    main(["ingest", str(tmp_path), "--store", str(tmp_path / "s")])
    assert seen["freeze_gc"] is True


def test_a_packed_result_keeps_its_digests(tmp_path):
    res = ingest.extract(_doc(tmp_path))
    digests = res.hook_digests
    assert digests and isinstance(res.digests, dict)
    packed = pickle.loads(pickle.dumps(res.pack()))
    assert isinstance(packed.digests, bytes) and packed.hook_digests == digests


def test_pool_workers_run_nicer_than_the_writer():
    import os
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=1, initializer=ingest._lower_priority) as pool:
        assert pool.submit(os.nice, 0).result() == min(19, os.nice(0) + ingest.WORKER_NICENESS)
