"""Tests for the ``people`` component (invented sentences, invented people)."""
import pytest

from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument

RULES = ("structure", "places", "organizations", "people")


def run(text, names=RULES):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(names)(doc)


def people(a):
    return {e.name: e for e in a.entities_of("person")}


@pytest.mark.parametrize("honorific,gender", [("ông", "male"), ("bà", "female"), ("đồng chí", None),
                                              ("TS.", None), ("PGS.TS.", None), ("KTS.", None),
                                              ("ThS.", None)])
def test_honorific_then_name(honorific, gender):
    a = run(f"Phát biểu tại hội nghị, {honorific} Đinh Công Tráng cho rằng cần đổi mới.")
    (p,) = a.entities_of("person")
    assert p.name == "Đinh Công Tráng"
    assert p.attrs.get("gender") == gender
    assert p.attrs["honorific"] == honorific


@pytest.mark.parametrize("gap", [".\n", ". ", "\n"])
def test_an_honorific_ending_a_sentence_names_no_one(gap):
    a = run(f"Hội nghị có hơn 200 đại biểu{gap}Theo kế hoạch, tỉnh hoàn thành dự án. Trong năm, ông{gap}"
            "Phát biểu tại hội nghị, bà Lò Thị Chiến nói ngắn gọn.")
    assert set(people(a)) == {"Lò Thị Chiến"}


def test_sentence_initial_capitalised_honorific():
    a = run("Ông Hoàng Minh Tâm nhấn mạnh. Bà Vũ Thị Hoa đồng tình.")
    ps = people(a)
    assert set(ps) == {"Hoàng Minh Tâm", "Vũ Thị Hoa"}
    assert ps["Vũ Thị Hoa"].attrs["gender"] == "female"


def test_title_before_name_with_body_between():
    a = run("Bộ trưởng Bộ Y tế Đào Hữu Phúc và Chủ tịch UBND tỉnh Gia Lai Võ Ngọc Thành dự lễ.")
    assert set(people(a)) == {"Đào Hữu Phúc", "Võ Ngọc Thành"}


def test_name_then_titles_in_a_list_of_co_chairs():
    a = run("Đồng chủ trì có các đồng chí: Lưu Văn Khải, Phó Chủ tịch UBND tỉnh Nam Định; "
            "Trịnh Thu Hằng, Vụ trưởng Vụ Pháp chế, Bộ Nội vụ; Ông Markus Weber, Giám đốc Quỹ Xanh.")
    assert set(people(a)) == {"Lưu Văn Khải", "Trịnh Thu Hằng", "Markus Weber"}


def test_foreign_names_after_title_and_honorific():
    a = run("Thứ trưởng Ngoại giao Canada Emily Dawson gặp ông Rajiv Menon tại Hà Nội.")
    assert set(people(a)) == {"Emily Dawson", "Rajiv Menon"}


def test_photo_credits_name_the_photographer_not_the_agency():
    a = run("Quang cảnh buổi lễ. Ảnh: TTXVN/Ngọc Hà\nĐại biểu tham quan. Ảnh: MINH KHANG")
    assert set(people(a)) == {"Ngọc Hà", "MINH KHANG"}
    assert {e.name for e in a.entities_of("org")} == {"TTXVN"}


def test_places_and_bodies_are_not_people():
    a = run("Hà Nội và Thái Bình Dương. Hồ Chí Minh trong tên TP Hồ Chí Minh. "
            "Bà Rịa - Vũng Tàu thu hút đầu tư. Ông nhấn mạnh vai trò của Bộ Công an.")
    assert a.entities_of("person") == []
    assert {e.key for e in a.entities_of("place")} == {
        "Hà Nội", "Thái Bình Dương", "Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu"}


def test_person_name_holding_a_province_name_is_a_person():
    a = run("Phó Giám đốc Sở Tư pháp Nguyễn Thái Bình trả lời phỏng vấn.")
    assert set(people(a)) == {"Nguyễn Thái Bình"}
    assert a.entities_of("place") == []


def test_two_people_with_one_surname_stay_apart():
    a = run("Ông Trần Văn Hùng và ông Trần Quốc Hưng cùng ký biên bản.")
    assert set(people(a)) == {"Trần Văn Hùng", "Trần Quốc Hưng"}


def test_pronoun_uses_are_not_names():
    a = run("Ông cho biết bà con rất phấn khởi. Đồng chí mong muốn các địa phương phối hợp.")
    assert a.entities_of("person") == []


def test_nlp_finds_a_bare_full_name():
    a = run("Theo kế hoạch, Ngô Thanh Tùng sẽ trình bày báo cáo vào buổi chiều.",
            names=("structure", "nlp", "places", "organizations", "people"))
    assert set(people(a)) == {"Ngô Thanh Tùng"}


def test_surname_that_is_also_a_head_word_is_a_person_not_a_body():
    a = run("Ông Đoàn Minh Triết gặp đại diện Đoàn Thanh niên Cộng sản Hồ Chí Minh.")
    assert set(people(a)) == {"Đoàn Minh Triết"}
    assert {e.name for e in a.entities_of("org")} == {"Đoàn Thanh niên Cộng sản Hồ Chí Minh"}


def test_street_named_after_a_person_is_not_a_person():
    a = run("Cửa hàng trên đường Lê Duẩn, gần trường Trần Phú.",
            names=("structure", "nlp", "places", "organizations", "people"))
    assert a.entities_of("person") == []


@pytest.mark.parametrize("last,expected", [
    ("Hồng Nhung", {"Hồng Nhung"}),
    ("Quốc Tuấn - Thảo Vy", {"Quốc Tuấn", "Thảo Vy"}),
    ("Diệu Linh (thực hiện)", {"Diệu Linh"}),
    ("Theo Báo Hà Tĩnh", set()),
    ("Văn phòng Bộ Tư pháp", set()),
    ("Hà Tĩnh", set()),
    ("Xem thêm tin tức", set()),
])
def test_a_byline_alone_on_the_last_line_names_the_reporters(last, expected):
    a = run("Huyện ven biển khởi công cầu mới.\nBuổi lễ diễn ra sáng nay.\n" + last)
    assert set(people(a)) == expected


def test_a_capitalised_line_that_is_not_last_is_no_byline():
    a = run("Huyện ven biển khởi công cầu mới.\nHồng Nhung\nBuổi lễ diễn ra sáng nay.")
    assert people(a) == {}


def test_hyphenated_given_names_keep_their_lower_case_syllable():
    a = run("Ông Choi Min-jun và bà Kim Ji-hye dự lễ.")
    assert set(people(a)) == {"Choi Min-jun", "Kim Ji-hye"}
