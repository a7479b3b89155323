"""Length-preserving canonicalisation and NFC offset maps (camket.loaders.normalise)."""
import unicodedata

from camket.loaders.normalise import canonicalise, to_nfc


def test_canonicalise_unifies_tone_placement_quotes_and_dashes():
    assert canonicalise("Uỷ ban") == "Ủy ban"
    assert canonicalise("hiện thực hoá") == "hiện thực hóa"
    assert canonicalise("“Xin chào” – đó") == '"Xin chào" - đó'


def test_canonicalise_leaves_qu_and_closed_syllables():
    for word in ("quý", "quả", "hoàng", "khuyến", "thuyết"):
        assert canonicalise(word) == word


def test_canonicalise_preserves_length():
    text = "Thủ tướng Chính phủ phê duyệt Đề án “Phát triển đô thị thông minh” – Uỷ ban hoá"
    assert len(canonicalise(text)) == len(text)


def test_to_nfc_maps_offsets_back():
    raw = unicodedata.normalize("NFD", "Bà Đỗ Thị Hồng nói")
    nfc, offsets = to_nfc(raw)
    assert nfc == unicodedata.normalize("NFC", raw)
    s = nfc.index("Hồng")
    assert unicodedata.normalize("NFC", raw[offsets.to_source(s):offsets.to_source(s + 4)]) == "Hồng"


def test_to_nfc_identity_for_nfc_text():
    nfc, offsets = to_nfc("Hà Nội")
    assert offsets.identity and offsets.to_source(3) == 3


def test_a_character_nfc_writes_longer_maps_inside_its_source():
    nfc, offsets = to_nfc("a\u0f43e\u0301")  # U+0F43 is excluded from composition: NFC writes 2 characters
    assert nfc == "a\u0f42\u0fb7\u00e9"
    assert [offsets.to_source(i) for i in range(len(nfc) + 1)] == [0, 1, 2, 2, 3]
