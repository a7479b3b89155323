"""A hostile corpus, generated here: every file gets its clear error or is
ingested correctly; the process never crashes; nothing partial is stored."""
from __future__ import annotations

import json
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


def test_many_tiny_articles(tmp_path):
    feed = tmp_path / "tiny.jsonl"
    n = 1000
    feed.write_text("\n".join(json.dumps({"id": f"t{i}", "text": f"Bài {i}. {SENTENCE}"}, ensure_ascii=False)
                              for i in range(n)), encoding="utf-8")
    run = subprocess.run(CLI + ["ingest", str(feed), "--store", str(tmp_path / "store")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"documents: {n} ingested" in run.stderr
