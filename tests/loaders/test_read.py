"""Reading input: formats, encodings and bad input (camket.loaders.read)."""
import io
import json
import unicodedata

import pytest

from camket.loaders.read import InputError, decode, iter_documents

TEXT = "Ông Lê Văn Tám, Chủ tịch UBND tỉnh Quảng Trị, cho biết tỉnh sẽ hoàn thành đề án."


def docs(paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def test_utf8_with_and_without_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    a, b = docs([tmp_path])
    assert a.text == b.text == TEXT
    assert (a.encoding, b.encoding) == ("utf-8", "utf-8-sig")


def test_utf16_with_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("utf-16"))
    (doc,) = docs([tmp_path])
    assert doc.text == TEXT and doc.encoding == "utf-16"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed letters, tone marks combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append((base + "".join(c for c in parts if c in TONES)).encode("cp1258"))
    return b"".join(out)


def test_windows_1258_is_detected_and_composed_to_nfc(tmp_path):
    # cp1258 writes tone marks as combining characters after the base letter
    (tmp_path / "a.txt").write_bytes(to_cp1258(TEXT))
    (doc,) = docs([tmp_path])
    assert doc.encoding == "cp1258"
    assert doc.text == unicodedata.normalize("NFC", TEXT)


def test_nfd_text_keeps_offsets_back_to_source(tmp_path):
    nfd = unicodedata.normalize("NFD", TEXT)
    (tmp_path / "a.txt").write_text(nfd, encoding="utf-8")
    (doc,) = docs([tmp_path])
    start = doc.text.index("Quảng Trị")
    end = start + len("Quảng Trị")
    src = nfd[doc.offsets.to_source(start):doc.offsets.to_source(end)]
    assert unicodedata.normalize("NFC", src) == "Quảng Trị"


def test_html_main_text_without_markup_or_scripts(tmp_path):
    html = ("<html><head><title>Tin</title><meta property='og:site_name' content='Báo Mẫu'>"
            "<script>var x = 'Ông Giả';</script></head><body><nav>Trang chủ</nav>"
            f"<article><h1>Tiêu đề</h1><p>{TEXT}</p></article></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (doc,) = docs([tmp_path])
    assert TEXT in doc.text and "var x" not in doc.text and "Trang chủ" not in doc.text
    assert doc.title == "Tin" and doc.publisher == "Báo Mẫu"


def test_jsonl_records_and_malformed_lines(tmp_path):
    lines = [json.dumps({"id": "bai-1", "text": TEXT, "title": "T", "date": "2024-03-05"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "bai-3", "title": "no text"}),
             json.dumps({"text": TEXT})]
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out = docs([tmp_path])
    good = [d for d in out if not isinstance(d, InputError)]
    bad = [d for d in out if isinstance(d, InputError)]
    assert [d.doc_id for d in good] == ["bai-1", "x-4"]
    assert good[0].date == "2024-03-05"
    assert [(e.line, e.reason.split(":")[0]) for e in bad] == [(2, "malformed JSON"), (3, "missing or empty 'text' field")]
    assert str(bad[0]).startswith(f"{tmp_path / 'x.jsonl'}:2: ")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"   \n  ", "empty file"),
    (b"\x00\x01\x02binary\x00", "binary file"),
    (bytes(range(0x80, 0x100)) * 3, "cannot decode"),
])
def test_bad_files_get_a_clear_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (err,) = docs([tmp_path])
    assert isinstance(err, InputError) and reason in err.reason and "bad.txt" in str(err)


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text(TEXT * 100, encoding="utf-8")
    (err,) = docs([tmp_path], max_bytes=1000)
    assert "too large" in err.reason and "--max-bytes" in err.reason


def test_stdin_and_missing_path(tmp_path):
    out = list(iter_documents(["-", str(tmp_path / "nope")], stdin=io.BytesIO(TEXT.encode())))
    assert out[0].text == TEXT and out[0].doc_id == "stdin"
    assert isinstance(out[1], InputError) and "no such file" in out[1].reason


def test_folders_are_recursive_sorted_and_survive_symlink_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("# Tiêu đề\n" + TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    out = docs([tmp_path])
    assert [d.doc_id for d in out] == ["a", "z"]
    assert out[1].title == "Tiêu đề"


def test_decode_rejects_latin_garbage():
    with pytest.raises(InputError):
        decode(b"\xff\xfe\x00", "x")  # utf-16 BOM then an odd byte


def test_jsonl_is_read_a_record_at_a_time_with_the_limit_per_record(tmp_path):
    record = json.dumps({"text": TEXT}, ensure_ascii=False)
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join([record] * 30 + ["x" * 3000, record]).encode() + b"\r\n")
    limit = 2000  # each good record is below it, the file (and the line of x) above
    assert path.stat().st_size > limit and len(record.encode()) < limit
    out = docs([path], max_bytes=limit)
    good = [d for d in out if not isinstance(d, InputError)]
    (bad,) = [d for d in out if isinstance(d, InputError)]
    assert len(good) == 31 and good[0].encoding == "utf-8-sig" and good[-1].doc_id == "big-32"
    assert bad.line == 31 and "too large" in bad.reason
    assert good[0].text == good[-1].text and good[0].sha256 == good[1].sha256


def test_empty_jsonl_is_reported(tmp_path):
    (tmp_path / "e.jsonl").write_bytes(b"\n  \n")
    (err,) = docs([tmp_path])
    assert err.reason == "empty file"
