"""loaders/extract/actors_text.py: the word view of the canonical text."""
from camket.loaders.extract.actors_text import words
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument


def analysed(text: str):
    return Pipeline(["structure"])(SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64))


def test_words_carry_offsets_gaps_folds_and_case():
    a = analysed("Ông NGUYỄN Văn A (TP.HCM) nói: “Đà Nẵng's plan” - ΑΣ.")
    ws = words(a)
    assert [w.text for w in ws] == ["Ông", "NGUYỄN", "Văn", "A", "TP.HCM", "nói", "Đà", "Nẵng's", "plan", "ΑΣ"]
    assert all(w.i == k and a.canon[w.start:w.end] == w.text and w.fold == w.text.casefold() for k, w in enumerate(ws))
    assert "".join(w.gap + w.text for w in ws) == a.canon[:ws[-1].end]
    assert [w.cap for w in ws[:3]] == [True, True, True] and not ws[5].cap and ws[1].upper
    assert words(a) is ws  # cached


def test_glued_words_are_split_but_not_brands():
    ws = words(analysed("phát triển kinh tếPhó Thủ tướng gặp MobiFone"))
    assert [w.text for w in ws] == ["phát", "triển", "kinh", "tế", "Phó", "Thủ", "tướng", "gặp", "MobiFone"]
    assert ws[4].gap == "" and ws[4].start == ws[3].end and ws[4].cap
    assert words(analysed("")) == []
