"""The in-memory typo-tolerant name matcher (camket.search_fuzzy)."""
from __future__ import annotations

from camket.search_fuzzy import NameMatcher

ROWS = [("person", "p/binh", "Nguyễn Văn Bình", "nguyen van binh", "d1"),
        ("person", "p/binh", "Nguyễn Văn Bình", "nguyen van binh", "d2"),  # the same spelling in another document
        ("person", "p/nghia", "Nguyễn Văn Nghĩa", "nguyen van nghia", "d1"),
        ("person", "p/hung", "Trần Hùng", "tran hung", "d3"),
        ("place", "pl/binh", "Bình Định", "binh dinh", "d3")]


def test_a_typo_in_one_word_finds_the_name_first_once():
    found = NameMatcher(ROWS).match("nguyen vam binh")
    assert [f[2] for f in found][:1] == ["p/binh"] and len({f[2] for f in found}) == len(found)
    assert "p/hung" not in [f[2] for f in found]  # shares no word


def test_kinds_filter_and_nothing_close():
    matcher = NameMatcher(ROWS)
    assert [f[2] for f in matcher.match("binh dinj", kinds=["place"])] == ["pl/binh"]
    assert matcher.match("xyz qwv") == []
