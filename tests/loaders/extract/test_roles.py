"""Tests for the ``roles`` component (invented sentences, invented people)."""
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument

NAMES = ("structure", "places", "organizations", "people", "roles", "resolve")


def run(text, date=None):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64, date=date)
    return Pipeline(NAMES)(doc)


def posts(a):
    return [(m.person.name, m.title, m.role, m.org.name if m.org else None) for m in a.memberships]


def test_one_person_three_posts_name_first():
    a = run("Tại hội nghị, ông Lương Quốc Đạt, Uỷ viên Bộ Chính trị, Bí thư Trung ương Đảng, "
            "Trưởng Ban Tổ chức Trung ương nhấn mạnh yêu cầu đổi mới.", date="2023-05-04")
    assert posts(a) == [
        ("Lương Quốc Đạt", "Uỷ viên Bộ Chính trị", "Uỷ viên", "Bộ Chính trị"),
        ("Lương Quốc Đạt", "Bí thư Trung ương Đảng", "Bí thư Trung ương Đảng", "Ban Bí thư"),
        ("Lương Quốc Đạt", "Trưởng Ban Tổ chức Trung ương", "Trưởng Ban", "Ban Tổ chức Trung ương"),
    ]
    assert all(m.date == "2023-05-04" for m in a.memberships)


def test_title_before_name():
    a = run("Phát biểu bế mạc, Bộ trưởng Bộ Công Thương Hà Minh Quân cho biết sẽ tiếp tục hỗ trợ.")
    assert posts(a) == [("Hà Minh Quân", "Bộ trưởng Bộ Công Thương", "Bộ trưởng", "Bộ Công Thương")]


def test_role_word_separated_from_its_body():
    a = run("Đồng chí Đặng Văn Lực, Phó Chủ tịch UBND TP Cần Thơ phát biểu khai mạc.")
    ((person, title, role, org),) = posts(a)
    assert (person, title, role, org) == ("Đặng Văn Lực", "Phó Chủ tịch UBND TP Cần Thơ", "Phó Chủ tịch",
                                          "UBND TP Cần Thơ")
    (ubnd,) = a.entities_of("org")
    assert ubnd.key == "Ủy ban nhân dân thành phố Cần Thơ"


def test_department_of_a_ministry_most_specific_body_and_parent():
    a = run("Bà Kiều Thanh Mai, Phó Cục trưởng Cục Đường thủy nội địa, Bộ Giao thông vận tải cho biết.")
    ((_, title, role, org),) = posts(a)
    assert title == "Phó Cục trưởng Cục Đường thủy nội địa, Bộ Giao thông vận tải"
    assert (role, org) == ("Phó Cục trưởng", "Cục Đường thủy nội địa")
    cuc = next(e for e in a.entities_of("org") if e.name == "Cục Đường thủy nội địa")
    assert cuc.attrs["parent"].name == "Bộ Giao thông vận tải"


def test_co_chairs_list():
    a = run("Đồng chủ trì có các đồng chí: Bạch Ngọc Sơn, Phó Trưởng Ban Kinh tế Trung ương; "
            "Mạc Thị Yến, Giám đốc Sở Khoa học và Công nghệ tỉnh Lạng Sơn; "
            "Ông Oliver Grant, Thành viên Ban Điều hành, Hiệp hội Thành phố Bền vững.")
    got = {(p, o) for p, _, _, o in posts(a)}
    assert got == {("Bạch Ngọc Sơn", "Ban Kinh tế Trung ương"),
                   ("Mạc Thị Yến", "Sở Khoa học và Công nghệ tỉnh Lạng Sơn"),
                   ("Oliver Grant", "Hiệp hội Thành phố Bền vững")}


def test_foreign_minister_and_founder_of_an_unknown_body():
    a = run("Ông Henrik Larsen, người sáng lập Nordisk Urban Lab cho rằng cần kết nối. "
            "Bà Sofia Reyes, Thứ trưởng Bộ Kinh tế Chile khẳng định cam kết.")
    assert set(posts(a)) == {
        ("Henrik Larsen", "người sáng lập Nordisk Urban Lab", "người sáng lập", "Nordisk Urban Lab"),
        ("Sofia Reyes", "Thứ trưởng Bộ Kinh tế Chile", "Thứ trưởng", "Bộ Kinh tế Chile"),
    }
    assert {e.name for e in a.entities_of("person")} == {"Henrik Larsen", "Sofia Reyes"}


def test_expert_of_a_company_after_a_comma():
    a = run("Ông Phùng Gia Bảo, Chuyên gia bảo mật, Zentra Việt Nam trình bày tham luận.")
    assert posts(a) == [("Phùng Gia Bảo", "Chuyên gia bảo mật, Zentra Việt Nam", "Chuyên gia",
                         "Zentra Việt Nam")]


def test_role_without_a_body_takes_the_default_body():
    a = run("Thủ tướng Chính phủ Lê Quốc Trung chủ trì. Thủ tướng Lê Quốc Trung kết luận.")
    assert posts(a) == [("Lê Quốc Trung", "Thủ tướng Chính phủ", "Thủ tướng", "Chính phủ")]


def test_role_with_no_person_gives_no_membership():
    a = run("Năm Chủ tịch ASEAN 2030 của Việt Nam. Lãnh đạo Bộ Y tế dự họp.")
    assert a.memberships == []


def test_post_written_twice_is_one_membership():
    a = run("Bà Tôn Nữ Hạnh, Tổng Giám đốc Tập đoàn Sông Lam cho biết. "
            "Tổng Giám đốc Tập đoàn Sông Lam Tôn Nữ Hạnh nói thêm.")
    assert posts(a) == [("Tôn Nữ Hạnh", "Tổng Giám đốc Tập đoàn Sông Lam", "Tổng Giám đốc",
                         "Tập đoàn Sông Lam")]


def test_former_post_and_acronym_in_brackets():
    a = run("TS. Hà Văn Khiêm, nguyên Viện trưởng Viện Kinh tế Nông thôn (IRE), cho rằng cần cải cách.")
    assert posts(a) == [("Hà Văn Khiêm", "nguyên Viện trưởng Viện Kinh tế Nông thôn", "Viện trưởng",
                         "Viện Kinh tế Nông thôn")]
    (org,) = a.entities_of("org")
    assert org.attrs["acronym"] == "IRE"


def test_ambassador_and_foreign_head_of_government_after_a_country():
    a = run("Chủ tịch nước tiếp Đại sứ Hàn Quốc tại Việt Nam Park Jin-woo và Thủ tướng Anh "
            "Oliver Hart. Ông Hart cảm ơn.")
    got = {(p, t) for p, t, _, _ in posts(a)}
    assert got == {("Park Jin-woo", "Đại sứ Hàn Quốc tại Việt Nam"), ("Oliver Hart", "Thủ tướng Anh")}
    assert "Anh" in {e.name for e in a.entities_of("place")}
    assert all(m.org is None for m in a.memberships)  # a foreign post: not "Chính phủ"


def test_title_in_brackets_after_the_name():
    a = run("Ông Carlos Mendes (Giám đốc quốc gia Ngân hàng Thế giới tại Việt Nam) đánh giá cao kết quả.")
    assert posts(a) == [("Carlos Mendes", "Giám đốc quốc gia Ngân hàng Thế giới tại Việt Nam",
                         "Giám đốc quốc gia", "Ngân hàng Thế giới")]


def test_dash_separated_posts_of_a_party_official():
    a = run("Đồng chí Hầu Văn Chiến - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Sơn La - Chủ tịch HĐND "
            "tỉnh Sơn La phát biểu chỉ đạo. Giám đốc Công an tỉnh Sơn La Lò Minh Đức báo cáo.")
    got = [(p, t, o) for p, t, _, o in posts(a)]
    assert got == [
        ("Hầu Văn Chiến", "Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Hầu Văn Chiến", "Bí thư Tỉnh ủy Sơn La", "Tỉnh ủy Sơn La"),
        ("Hầu Văn Chiến", "Chủ tịch HĐND tỉnh Sơn La", "HĐND tỉnh Sơn La"),
        ("Lò Minh Đức", "Giám đốc Công an tỉnh Sơn La", "Công an tỉnh Sơn La"),
    ]


def test_foreign_officials_with_country_and_bracketed_acronym_between_title_and_name():
    a = run("Bộ trưởng Tài chính Mỹ Laura Benson gặp Thống đốc Ngân hàng Trung ương châu Âu (ECB) "
            "Marc Dufour. Bà Benson và ông Dufour thảo luận. Chuyên gia kinh tế Cấn Văn Lâm dự báo tăng trưởng.")
    got = {(p, t, o) for p, t, _, o in posts(a)}
    assert got == {("Laura Benson", "Bộ trưởng Tài chính Mỹ", None),
                   ("Marc Dufour", "Thống đốc Ngân hàng Trung ương châu Âu (ECB)", "Ngân hàng Trung ương châu Âu"),
                   ("Cấn Văn Lâm", "Chuyên gia kinh tế", None)}
    assert {e.name for e in a.entities_of("person")} == {"Laura Benson", "Marc Dufour", "Cấn Văn Lâm"}


def test_district_committee_then_name():
    a = run("Chủ tịch UBND quận Ba Đình Phạm Tuấn Long cho biết.")
    assert posts(a) == [("Phạm Tuấn Long", "Chủ tịch UBND quận Ba Đình", "Chủ tịch", "UBND quận Ba Đình")]
    (org,) = a.entities_of("org")
    assert org.key == "Ủy ban nhân dân quận Ba Đình"


def test_a_delegate_of_the_delegation_in_brackets():
    from camket.loaders.pipeline import Pipeline
    from camket.loaders.read import SourceDocument
    text = "Góp ý, đại biểu Hà Thị Lụa (Đoàn ĐBQH tỉnh Yên Bái) cho rằng cần làm rõ."
    a = Pipeline(("structure", "places", "organizations", "people", "roles"))(
        SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64))
    assert [(m.person.name, m.role, m.org.name) for m in a.memberships] == [
        ("Hà Thị Lụa", "Đại biểu", "Đoàn ĐBQH tỉnh Yên Bái")]
