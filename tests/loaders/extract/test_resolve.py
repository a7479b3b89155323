"""Tests for the ``resolve`` component (invented sentences, invented people)."""
from camket.loaders.extract.resolve import (edit_distance, qualifier_patterns, same_person, short_form_of,
                                             spelling_variant)
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument

NAMES = ("structure", "places", "organizations", "people", "roles", "resolve")


def run(text):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(NAMES)(doc)


def people(a):
    return {e.name: e for e in a.entities_of("person")}


def test_short_form_after_full_name():
    a = run("Ông Nguyễn Văn Toàn, Giám đốc Sở Nội vụ tỉnh Phú Yên cho biết. Theo ông Toàn, cần cải cách.")
    (p,) = a.entities_of("person")
    assert p.name == "Nguyễn Văn Toàn" and "Toàn" in p.aliases
    assert len(p.spans) == 2


def test_foreign_first_name_and_surname_short_forms():
    a = run("Bà Maria Elena Costa phát biểu. Bà Maria cảm ơn. Ông Jonas Berg nói thêm; ông Berg đồng ý.")
    assert set(people(a)) == {"Maria Elena Costa", "Jonas Berg"}
    assert "Maria" in people(a)["Maria Elena Costa"].aliases


def test_same_surname_different_people_stay_apart():
    a = run("Ông Lê Minh Khang và ông Lê Thành Nam dự họp. Ông Khang chủ trì, ông Nam thư ký.")
    ps = people(a)
    assert set(ps) == {"Lê Minh Khang", "Lê Thành Nam"}
    assert "Khang" in ps["Lê Minh Khang"].aliases and "Nam" in ps["Lê Thành Nam"].aliases


def test_ambiguous_short_form_is_not_merged():
    a = run("Ông Phan Văn Hải gặp ông Đỗ Minh Hải. Ông Hải phát biểu.")
    ps = people(a)
    assert {"Phan Văn Hải", "Đỗ Minh Hải"} <= set(ps)
    assert not ps["Phan Văn Hải"].aliases and not ps["Đỗ Minh Hải"].aliases


def test_short_form_does_not_cross_gender():
    a = run("Ông Vũ Đức Thanh và bà Hồ Thị Thanh cùng dự. Bà Thanh cho biết.")
    ps = people(a)
    assert "Thanh" in ps["Hồ Thị Thanh"].aliases
    assert not ps["Vũ Đức Thanh"].aliases


def test_foreign_spelling_variants_merge_within_a_document():
    a = run("Ông Robert Hallowell phát biểu. Theo ông Robert Halowell, cần hợp tác.")
    (p,) = a.entities_of("person")
    assert p.name == "Robert Hallowell" and p.aliases == ["Robert Halowell"]


def test_vietnamese_tone_variants_do_not_merge():
    assert not spelling_variant("Nguyễn Văn Bính", "Nguyễn Văn Bình")
    assert spelling_variant("Anna Kowalczyk", "Anna Kowalcyk")


def test_brand_and_named_body_merge():
    a = run("Chủ tịch Tập đoàn Kim Sơn KSG, ông Từ Minh Lâm cho biết. KSG sẽ đầu tư. "
            "Các hãng như: Brightwave, Brightwave Việt Nam cũng tham gia.")
    keys = {e.name for e in a.entities_of("org")}
    assert "Brightwave Việt Nam" not in keys or "Brightwave" not in keys


def test_places_only_inside_body_names_are_dropped():
    a = run("Đại diện Mạng lưới Đô thị Xanh Malaysia phát biểu.")
    assert a.entities_of("place") == []
    a = run("Đại diện Mạng lưới Đô thị Xanh Malaysia phát biểu về Malaysia.")
    assert [e.name for e in a.entities_of("place")] == ["Malaysia"]


def test_helpers():
    assert edit_distance("kitten", "sitting") == 3
    assert short_form_of("Toàn", "Nguyễn Văn Toàn") and not short_form_of("Nguyễn", "Nguyễn Văn Toàn")
    assert short_form_of("Berg", "Jonas Berg") and short_form_of("Jonas", "Jonas Berg")
    assert same_person(["Robert Hallowell"], ["Robert Halowell"], ["Đại sứ Úc"], ["Đại sứ Úc"])
    assert not same_person(["Robert Hallowell"], ["Robert Halowell"], ["Đại sứ Úc"], ["Giám đốc"])


def test_headline_capitals_take_the_running_text_spelling():
    a = run("THỦ TƯỚNG LÊ MINH KHUÊ: HÀNH ĐỘNG NGAY\nSáng nay, Thủ tướng Lê Minh Khuê chủ trì hội nghị.")
    (p,) = a.entities_of("person")
    assert p.name == "Lê Minh Khuê" and p.aliases == ["LÊ MINH KHUÊ"]
    assert [(m.title, m.org.name) for m in a.memberships] == [("Thủ tướng", "Chính phủ")]


def test_a_province_written_as_such_or_a_host_place_inside_a_body_name_is_kept():
    a = run("Phó Chủ tịch UBND tỉnh Gia Lai dự họp với Đại sứ quán Phần Lan tại Hà Nội, Sở Y tế Thành phố "
            "Hồ Chí Minh và Bộ Ngoại giao Singapore.")
    assert {e.key for e in a.entities_of("place")} == {"Gia Lai", "Hà Nội", "Thành phố Hồ Chí Minh"}
    a = run("Bí thư Tỉnh ủy Kon Tum và Thành ủy Cần Thơ dự họp với Bộ Ngoại giao Singapore.")
    assert {e.key for e in a.entities_of("place")} == {"Kon Tum", "Cần Thơ"}


def test_a_department_without_its_place_is_the_one_with_it():
    a = run("Sở Nội vụ thành phố Hải Phòng phối hợp. Giám đốc Sở Nội vụ Đào Văn Lực nhấn mạnh. Sở Y tế Hải Phòng "
            "và Sở Y tế thành phố Hải Phòng là một.")
    names = sorted((e.name, sorted(e.aliases)) for e in a.entities_of("org"))
    assert names == [("Sở Nội vụ thành phố Hải Phòng", ["Sở Nội vụ"]),
                     ("Sở Y tế Hải Phòng", ["Sở Y tế thành phố Hải Phòng"])]


def test_place_qualifiers_come_from_the_gazetteer():
    before, opening = qualifier_patterns()
    for head in ("Đại sứ quán Phần Lan tại ", "UBND tỉnh ", "Sở Y tế Thành phố ", "UBND TP. ", "UBND TP ",
                 "Bí thư Tỉnh ủy ", "Thành ủy "):
        assert before.search(head), head
    for head in ("Bộ Ngoại giao ", "Mạng lưới Đô thị Xanh ", "Sở Y tế tỉnh", "Ban Kinh tế Trung ương "):
        assert not before.search(head), head
    assert opening.match("Thành phố Hồ Chí Minh") and opening.match("TP. Huế") and not opening.match("Tây Ninh")
