"""A hostile corpus, generated here: every file gets its clear error or is
ingested correctly; the process never crashes; nothing partial is stored."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest

from camket.store import open_store

CLI = [sys.executable, "-m", "camket.cli"]
SENTENCE = "Ông Trịnh Quốc Bảo, Giám đốc Sở Xây dựng tỉnh Nam Định, cho biết tỉnh sẽ hoàn thành dự án vào năm 2027."


def stored_ids(store_dir) -> list[str]:
    store = open_store(store_dir)
    try:
        return sorted(d.rsplit("/", 1)[-1] for d in store.documents())
    finally:
        store.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "empty.txt").write_bytes(b"")
    (root / "nul.txt").write_bytes(SENTENCE.encode() + b"\x00\x00" + SENTENCE.encode())
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "mixed.txt").write_bytes(SENTENCE.encode("utf-8") + "Tiếng Việt".encode("cp1258", "ignore"))
    (root / "nfd.txt").write_text(unicodedata.normalize("NFD", SENTENCE), encoding="utf-8")
    (root / "huge.txt").write_bytes(b"a " * (25 * 1024 * 1024))
    (root / "long line.txt").write_text((SENTENCE + " ") * 2000, encoding="utf-8")
    (root / "script.html").write_text(f"<html><body><script>alert('Ông Giả Mạo nói')</script><p>{SENTENCE}</p>"
                                      "<style>p{{}}</style></body></html>", encoding="utf-8")
    (root / "lines.jsonl").write_text("\n".join([json.dumps({"id": "j1", "text": SENTENCE}), "[1, 2",
                                                 json.dumps({"id": "j3", "text": 5})]), encoding="utf-8")
    sub = root / "thư mục có dấu cách"
    sub.mkdir()
    (sub / "bài viết số 1.txt").write_text(SENTENCE, encoding="utf-8")
    (sub / "vòng lặp").symlink_to(root)
    return root


def test_hostile_corpus(hostile, tmp_path):
    store_dir = tmp_path / "store"
    run = subprocess.run(CLI + ["ingest", str(hostile), "--store", str(store_dir)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    err = run.stderr
    for name, reason in [("empty.txt", "empty file"), ("nul.txt", "binary file"),
                         ("binary.txt", "binary file"), ("huge.txt", "too large"),
                         ("lines.jsonl:2", "malformed JSON"), ("lines.jsonl:3", "missing or empty 'text'")]:
        assert any(line.startswith(f"{hostile / name}: {reason}") for line in err.splitlines()), (name, err)
    ids = stored_ids(store_dir)
    assert ids == sorted(["j1", "long-line", "mixed", "nfd", "script", "bài-viết-số-1"])
    store = open_store(store_dir)
    text = store.select("SELECT ?t WHERE { GRAPH ?g { ?g schema:identifier 'script' ; schema:text ?t } }")
    store.close()
    assert "alert" not in text[0]["t"].value and SENTENCE in text[0]["t"].value
    assert run.stderr.strip().splitlines()[-1].startswith("documents: 6 ingested")


TINY = ["Ông {n} Văn {m}, Giám đốc Sở Xây dựng tỉnh {p}, cho biết tỉnh sẽ hoàn thành dự án vào năm 20{y}.",
        "Bà {n} Thị {m} nói: \"Chúng tôi sẽ làm xong trước tháng {d}.\" Trời hôm nay mưa nhẹ.",
        "Giá rau ở {p} tăng nhẹ trong tuần qua."]
TINY_ARTICLES = int(os.environ.get("CAMKET_TINY_ARTICLES", "100000"))
TINY_FILES = min(1000, TINY_ARTICLES // 10)  # of them as files in a folder, the rest as one JSON Lines feed


def tiny_text(i: int) -> str:
    names, middle = ["Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"], ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh"]
    places = ["Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Quảng Trị"]
    return f"Tin {i}. " + TINY[i % 3].format(n=names[i % 6], m=middle[i % 7], p=places[i % 5], y=25 + i % 10,
                                              d=1 + i % 12)


def test_a_hundred_thousand_tiny_articles(tmp_path):
    """10^5 one- or two-sentence articles: each stored exactly once and whole, the
    counts right, and a second run a no-op."""
    n, files = TINY_ARTICLES, TINY_FILES
    feed, folder = tmp_path / "tin ngắn.jsonl", tmp_path / "tin ngắn"
    feed.write_text("".join(json.dumps({"id": f"t{i}", "text": tiny_text(i)}, ensure_ascii=False) + "\n"
                            for i in range(files, n)), encoding="utf-8")
    folder.mkdir()
    for i in range(files):
        (folder / f"bài {i}.txt").write_text(tiny_text(i), encoding="utf-8")
    store_dir = tmp_path / "store"
    ingest = CLI + ["ingest", str(feed), str(folder), "--store", str(store_dir), "--workers", "2"]
    run = subprocess.run(ingest, capture_output=True, text=True, timeout=3600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"documents: {n} ingested, 0 unchanged (skipped), 0 failed" in run.stderr
    ids = stored_ids(store_dir)
    assert ids == sorted([f"bài-{i}" for i in range(files)] + [f"t{i}" for i in range(files, n)])
    store = open_store(store_dir)
    try:  # one document node per graph, each with its text, hash and extractor version
        whole = store.select("SELECT (COUNT(?g) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { "
                             "?g a ck:Document ; schema:text ?t ; ck:sha256 ?h ; ck:extractorVersion ?v } }")
        quads = len(store)
    finally:
        store.close()
    assert int(whole[0]["n"].value) == int(whole[0]["graphs"].value) == n
    stats = subprocess.run(CLI + ["stats", "--store", str(store_dir)], capture_output=True, text=True, timeout=600)
    assert re.search(rf"^documents\s+{n}$", stats.stdout, re.M) and re.search(rf"^\s+Document\s+{n}$", stats.stdout, re.M)
    again = subprocess.run(ingest, capture_output=True, text=True, timeout=1800)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"documents: 0 ingested, {n} unchanged (skipped), 0 failed" in again.stderr
    store = open_store(store_dir)
    try:
        assert len(store) == quads
    finally:
        store.close()
