"""Deterministic IRI rules (camket.ontology.iri)."""
from camket.ontology import ID, iri


def test_same_name_any_spelling_gives_one_iri():
    assert iri.person("Nguyễn Văn An") == iri.person("nguyễn  văn an")
    assert iri.organization("Uỷ ban nhân dân tỉnh Bình Định") == iri.organization("Ủy ban nhân dân tỉnh Bình Định")


def test_diacritics_keep_different_names_apart():
    assert iri.place("Hà Nam") != iri.place("Hạ Nam")


def test_policy_iri_from_number():
    assert iri.policy("52-NQ/TW") == ID["policy/52-nq-tw"]
    assert iri.policy(None, "Đề án", "Phát triển A") != iri.policy(None, "Đề án", "Phát triển B")


def test_span_iri_is_an_rfc5147_fragment():
    assert str(iri.span("bai 1", 3, 9)).endswith("doc/bai-1#char=3,9")


def test_long_names_stay_bounded_and_distinct():
    a, b = "x" * 200 + "a", "x" * 200 + "b"
    assert len(iri.name_key(a)) < 100 and iri.name_key(a) != iri.name_key(b)


def test_fold_and_key_of():
    assert iri.fold("Nguyễn Đức Hòa") == "nguyen duc hoa"
    assert iri.key_of(iri.person("Lê Thị Mai")) == "lê-thị-mai"
