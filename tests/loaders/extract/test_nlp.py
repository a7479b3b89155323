"""Tests for the ``nlp`` component: underthesea tokens aligned to the stored text."""
from camket.loaders.extract import nlp as nlp_mod
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument


def run(text):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(["structure", "nlp"])(doc)


def test_tokens_slice_the_stored_text_exactly():
    text = "Bộ trưởng Bộ Nội vụ Trịnh Văn Quyết làm việc với Uỷ ban nhân dân tỉnh Hoà Bình."
    a = run(text)
    assert a.tokens
    for t in a.tokens:
        assert text[t.start:t.end] == t.text
    multi = [t.text for t in a.tokens if " " in t.text]
    assert "Trịnh Văn Quyết" in multi
    assert any(nlp_mod.proper_noun(t) and t.text == "Trịnh Văn Quyết" for t in a.tokens)


def test_pos_mode_tags_proper_nouns(monkeypatch):
    monkeypatch.setenv("CAMKET_NLP", "pos")
    text = "Bộ trưởng Bộ Nội vụ Trịnh Văn Quyết làm việc tại Hà Nội."
    a = run(text)
    tags = {t.text: t.pos for t in a.tokens}
    assert tags["Trịnh Văn Quyết"] == "Np" and tags["làm việc"] == "V"
    for t in a.tokens:
        assert text[t.start:t.end] == t.text


def test_old_tone_placement_and_curly_quotes_still_align():
    text = "Ông Đàm Quang Huy nói: “Chúng tôi sẽ hoà nhập”. Bà Khúc Thị Loan đồng ý."
    a = run(text)
    words = [t.text for t in a.tokens]
    assert "hoà nhập" in words or "hoà" in words
    for t in a.tokens:
        assert text[t.start:t.end] == t.text


def test_align_handles_normalised_pieces():
    text = "Uỷ viên hoá học"
    spans = nlp_mod.align(text, 10, ["Ủy viên", "hóa học"])
    assert spans == [(10, 17), (18, 25)]


def test_long_sentences_are_tagged_in_pieces():
    sentence = " ".join(["đô thị thông minh"] * 400) + "."
    a = run(sentence)
    assert a.tokens and a.tokens[-1].end <= len(sentence)
    assert max(t.end - t.start for t in a.tokens) < nlp_mod.MAX_SENTENCE_CHARS


def test_models_load_once_per_process():
    run("Một câu.")
    first = nlp_mod._loaded["word_tokenize"]
    run("Hai câu.")
    assert nlp_mod._loaded["word_tokenize"] is first


def test_segmenter_is_lazy_and_a_window_agrees_with_the_sentence():
    text = ("Hội nghị diễn ra tại Hà Nội. Sau đó Trịnh Văn Quyết làm việc với lãnh đạo tỉnh về kế hoạch năm tới. "
            "Một câu khác.")
    a = run(text)
    seg = a.nlp
    assert seg.done == {}  # nothing segmented until a rule asks
    start = text.index("Trịnh")
    whole = seg.token_at(start)
    assert whole is not None and whole.text == "Trịnh Văn Quyết"
    assert list(seg.done) == [1]  # only the sentence holding the name
    window = seg.token_at(start, (text.index("Sau"), text.index("lãnh đạo") + 8))
    assert (window.start, window.end) == (whole.start, whole.end)
    assert seg.token_at(start + 1) is None  # no token starts inside a word
