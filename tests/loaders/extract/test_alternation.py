"""loaders/extract/alternation.py: the first-letter look-ahead changes no match."""
import re

from camket.loaders.extract.alternation import words_alternation

WORDS = ["cho biết", "cam kết", "Đại hội", "đề ra", "nói", "Quyết định", "a.b", "ít nhất"]
TEXT = ("Ông A cho biết, ĐẠI HỘI và đại hội đã đề ra; CAM KẾT nói rằng Quyết định số 5 quyết định "
        "ít nhất Ít Nhất a.b axb, bcho biết")


def test_same_matches_as_the_plain_alternation():
    plain = "|".join(re.escape(w) for w in WORDS)
    for flags in (0, re.I):
        for tmpl in (r"(?<![\w])({})(?![\w])", r"({})"):
            fast, slow = (re.compile(tmpl.format(p), flags) for p in (words_alternation(WORDS), plain))
            assert [m.span(1) for m in fast.finditer(TEXT)] == [m.span(1) for m in slow.finditer(TEXT)]
    assert len(re.findall(words_alternation(WORDS), TEXT, re.I)) > len(re.findall(words_alternation(WORDS), TEXT))


def test_first_letter_class_holds_both_cases_escaped():
    pattern = words_alternation(["đề", "-x", "]y"])
    assert pattern.startswith("(?=[") and "Đ" in pattern and "đ" in pattern
    assert re.fullmatch(pattern, "-x") and re.fullmatch(pattern, "]y") and not re.fullmatch(pattern, "x")
