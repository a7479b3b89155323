"""Tests for the ``places`` component (invented sentences)."""
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument


def run(text, names=("structure", "places")):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(names)(doc)


def places(a):
    return {e.name: e for e in a.entities_of("place")}


def test_provinces_cities_countries_regions_typed():
    a = run("Đoàn công tác của tỉnh Nghệ An đã làm việc tại Cần Thơ, sau đó sang Nhật Bản và "
            "thăm vùng Tây Nguyên cùng khu vực Đông Nam Á.")
    ps = places(a)
    assert ps["Nghệ An"].attrs["place_type"] == "province"
    assert ps["Cần Thơ"].attrs["place_type"] == "city"
    assert ps["Nhật Bản"].attrs["place_type"] == "country"
    assert ps["Tây Nguyên"].attrs["place_type"] == "region"
    assert ps["Đông Nam Á"].attrs["place_type"] == "region"


def test_acronyms_and_full_name_share_one_key():
    a = run("Hội chợ diễn ra tại TP.HCM. Năm sau, Thành phố Hồ Chí Minh sẽ đăng cai tiếp.")
    (hcm,) = a.entities_of("place")
    assert hcm.key == "Thành phố Hồ Chí Minh"
    assert hcm.name == "TP.HCM" and "Thành phố Hồ Chí Minh" in hcm.aliases


def test_compound_regions_with_any_dash():
    a = run("Hợp tác ở châu Á-Thái Bình Dương và tầm nhìn Ấn Độ Dương – Thái Bình Dương.")
    keys = {e.key for e in a.entities_of("place")}
    assert keys == {"châu Á - Thái Bình Dương", "Ấn Độ Dương - Thái Bình Dương"}


def test_delta_and_key_economic_zone():
    a = run("Vùng kinh tế trọng điểm Bắc Bộ và vùng đồng bằng sông Cửu Long được ưu tiên.")
    keys = {e.key for e in a.entities_of("place")}
    assert "vùng kinh tế trọng điểm Bắc Bộ" in keys and "đồng bằng sông Cửu Long" in keys


def test_compass_directions_listed_are_not_places():
    a = run("Mục tiêu là 5 đô thị tại các vùng trọng điểm phía Bắc, phía Nam và miền Trung.")
    assert a.entities_of("place") == []


def test_region_alone_is_a_place():
    a = run("Mưa lớn kéo dài ở miền Trung trong tuần qua.")
    assert [e.name for e in a.entities_of("place")] == ["miền Trung"]


def test_industrial_zone_is_a_place():
    a = run("Đoàn đã khảo sát Khu công nghiệp Tràng Duệ và Khu kinh tế Vân Đồn.")
    names = {e.name for e in a.entities_of("place")}
    assert {"Khu công nghiệp Tràng Duệ", "Khu kinh tế Vân Đồn"} <= names


def test_ambiguous_one_word_countries_need_to_stand_clear():
    a = run("Ông Lê Văn Đức gặp bà Trần Thị Nga. Sau đó, đoàn sang Nga và Đức để học tập.")
    ps = places(a)
    assert set(ps) == {"Nga", "Đức"}
    assert len(a.mentions) == 2  # the given names Đức and Nga are not countries


def test_place_inside_a_vietnamese_name_is_not_a_place():
    a = run("Anh Nguyễn Thái Bình và chị Phạm Hà Nam cùng đến Thái Bình.")
    assert [m.text for m in a.mentions if m.kind == "place"] == ["Thái Bình"]


def test_lower_case_common_words_are_not_places():
    a = run("Cần cập nhật ý kiến của anh em về hòa bình và nhật ký.")
    assert a.entities_of("place") == []


def test_city_prefix_kept_in_the_mention():
    a = run("Thành phố Đà Nẵng và TP Huế ký kết hợp tác.")
    ps = places(a)
    assert ps["Thành phố Đà Nẵng"].key == "Đà Nẵng"
    assert ps["TP Huế"].key == "Huế"


def test_districts_and_unknown_provinces_after_an_administrative_word():
    a = run("Anh Tú trú tại huyện Mê Linh, còn chị Lan ở quận 3. Đoàn sang tỉnh Vân Nam và thị xã Sơn Tây.")
    names = {e.name: e.attrs["place_type"] for e in a.entities_of("place")}
    assert names == {"huyện Mê Linh": "region", "quận 3": "region", "Vân Nam": "province",
                     "thị xã Sơn Tây": "city"}


def test_known_province_after_tinh_keeps_its_gazetteer_key():
    a = run("Lãnh đạo tỉnh Nghệ An và thành phố Hải Phòng.")
    assert {e.key for e in a.entities_of("place")} == {"Nghệ An", "Hải Phòng"}


def test_a_person_after_an_unnamed_province_is_no_place():
    a = run("Phó Chủ tịch UBND tỉnh Trần Văn Sáu chủ trì. Chủ tịch UBND thành phố Phan Thị Mơ dự. "
            "Đoàn sang tỉnh Hà Bắc và tỉnh Vân Nam.")
    assert sorted(places(a)) == ["Hà Bắc", "Vân Nam"]


def test_a_district_is_also_spelled_without_its_administrative_word():
    a = run("Đại biểu huyện Mê Linh và quận 3 phát biểu.")
    aliases = {e.name: e.aliases for e in a.entities_of("place")}
    assert aliases == {"huyện Mê Linh": ["Mê Linh"], "quận 3": []}


def test_units_listed_after_a_plural_head_and_languages_are_not_countries():
    a = run("Các huyện miền núi như Mường Tè, Sìn Hồ và Nậm Nhùn còn khó khăn. Giáo viên tiếng Anh còn thiếu.")
    assert {e.name for e in a.entities_of("place")} == {"Mường Tè", "Sìn Hồ", "Nậm Nhùn"}
