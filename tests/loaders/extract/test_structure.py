"""Tests for the ``structure`` component: paragraphs and sentences (invented text)."""
from camket.loaders.extract.structure import paragraphs, sentences


def split(text):
    return [s.of(text) for p in paragraphs(text) for s in sentences(text, p)]


def test_a_number_before_a_dot_ends_a_sentence_but_an_initial_or_abbreviation_does_not():
    assert split("Hội nghị lần thứ 9. Chúng ta sẽ bàn tiếp. Ông John F. Kennedy đến, TS. Lê Văn Ba dự.") == [
        "Hội nghị lần thứ 9.", "Chúng ta sẽ bàn tiếp.", "Ông John F. Kennedy đến, TS. Lê Văn Ba dự."]
