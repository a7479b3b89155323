"""Tests for the ``organizations`` component (invented sentences)."""
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument


def run(text, names=("structure", "places", "organizations")):
    doc = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(names)(doc)


def orgs(a):
    return {e.name: e for e in a.entities_of("org")}


def test_ministries_party_organs_and_foreign_ministries():
    a = run("Bộ Tài chính phối hợp với Ban Tổ chức Trung ương và Bộ Năng lượng Hoa Kỳ tổ chức hội thảo.")
    os_ = orgs(a)
    assert os_["Bộ Tài chính"].attrs["org_kind"] == "ministry"
    assert os_["Ban Tổ chức Trung ương"].attrs["org_kind"] == "party"
    assert "Bộ Năng lượng Hoa Kỳ" in os_


def test_name_stops_at_verbs_function_words_and_names():
    a = run("Cục Quản lý thị trường cho biết Tổng cục Hải quan đã làm việc với Sở Công Thương "
            "tỉnh Bắc Giang về việc này.")
    assert set(orgs(a)) == {"Cục Quản lý thị trường", "Tổng cục Hải quan", "Sở Công Thương tỉnh Bắc Giang"}


def test_body_name_ends_before_a_person_name():
    a = run("Giám đốc Sở Xây dựng Lê Thị Hạnh phát biểu.")
    assert set(orgs(a)) == {"Sở Xây dựng"}


def test_companies_with_lower_case_descriptors_and_brands():
    a = run("Tổng Công ty cảng hàng không Sao Mai và Tập đoàn Hoàng Kim ký kết thỏa thuận.")
    assert {"Tổng Công ty cảng hàng không Sao Mai", "Tập đoàn Hoàng Kim"} <= set(orgs(a))


def test_generic_head_words_are_not_bodies():
    a = run("Bộ tiêu chuẩn mới giúp các tập đoàn hàng đầu và Trung tâm dữ liệu vận hành tốt hơn.")
    assert orgs(a) == {}


def test_concepts_are_not_bodies():
    a = run("Thành phố đẩy mạnh xây dựng Chính phủ điện tử và Chính phủ số.")
    assert orgs(a) == {}


def test_peoples_committee_takes_its_place_and_full_key():
    a = run("UBND tỉnh Quảng Trị và Ủy ban nhân dân tỉnh Quảng Trị là một.")
    (ubnd,) = a.entities_of("org")
    assert ubnd.key == "Ủy ban nhân dân tỉnh Quảng Trị"
    assert ubnd.name == "UBND tỉnh Quảng Trị" and "Ủy ban nhân dân tỉnh Quảng Trị" in ubnd.aliases


def test_acronym_defined_in_text_resolves_to_one_node():
    a = run("Công ty Giải pháp Số Bình Minh (BMDS) ra mắt sản phẩm. Đại diện BMDS cho biết thêm.")
    (org,) = a.entities_of("org")
    assert org.attrs["acronym"] == "BMDS"
    assert org.name == "Công ty Giải pháp Số Bình Minh" and "BMDS" in org.aliases
    assert len([m for m in a.mentions if m.kind == "org"]) == 3  # name, (BMDS), BMDS


def test_well_known_acronyms_and_site_names():
    a = run("Theo TTXVN, Ngân hàng Thế giới (WB) và VTV.vn cùng đưa tin.")
    keys = {e.key for e in a.entities_of("org")}
    assert keys == {"Thông tấn xã Việt Nam", "Ngân hàng Thế giới", "Đài Truyền hình Việt Nam"}


def test_dateline_and_photo_credit_agencies():
    a = run("HNM - Sáng nay, hội nghị khai mạc.\nToàn cảnh hội nghị. Ảnh: KTDT/Minh Châu")
    assert {"HNM", "KTDT"} <= set(orgs(a))
    assert all(e.attrs["org_kind"] == "media" for e in a.entities_of("org"))


def test_list_of_companies_after_a_plural_head():
    a = run("Hội thảo có sự tham gia của các doanh nghiệp công nghệ như: Zenlytics, Bravo Soft (BVS), "
            "Tập đoàn Ánh Dương và Orbis.")
    assert {"Zenlytics", "Bravo Soft", "Tập đoàn Ánh Dương", "Orbis"} <= set(orgs(a))


def test_sub_organisation_parent():
    a = run("Bà Mai, Phó Cục trưởng Cục Đường thủy, Bộ Giao thông vận tải, và Vụ Hợp tác quốc tế "
            "thuộc Bộ Tư pháp dự họp.")
    os_ = orgs(a)
    assert os_["Cục Đường thủy"].attrs["parent"] is os_["Bộ Giao thông vận tải"]
    assert os_["Vụ Hợp tác quốc tế"].attrs["parent"] is os_["Bộ Tư pháp"]


def test_old_and_new_tone_placement_are_one_body():
    a = run("Uỷ ban Dân tộc và Ủy ban Dân tộc.")
    assert len(a.entities_of("org")) == 1


def test_dateline_in_brackets_and_capitalised_list_head():
    a = run("(Baomoi.vn) - Sáng nay hội nghị khai mạc.\n"
            "Các doanh nghiệp như: Nexora, Hoàng Sa Logistics và Mekofood đã ký kết.")
    assert {"Baomoi.vn", "Nexora", "Hoàng Sa Logistics", "Mekofood"} <= set(orgs(a))


def test_embassy_and_peoples_committee_keys():
    a = run("Đại sứ quán Pháp và UBND TP.HCM phối hợp với Tỉnh ủy Bến Tre.")
    keys = {e.key for e in a.entities_of("org")}
    assert keys == {"Đại sứ quán Pháp", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "Tỉnh ủy Bến Tre"}


def test_body_names_that_hold_a_comma():
    a = run("Bộ Văn hóa, Thể thao và Du lịch và Sở Lao động, Thương binh và Xã hội tỉnh Gia Lai "
            "phối hợp với Bộ Y tế, Bộ Tài chính và Công an tỉnh Gia Lai.")
    assert {"Bộ Văn hóa, Thể thao và Du lịch", "Sở Lao động, Thương binh và Xã hội tỉnh Gia Lai",
            "Bộ Y tế", "Bộ Tài chính", "Công an tỉnh Gia Lai"} == set(orgs(a))


def test_a_comma_list_of_brands_is_no_body_name():
    a = run("Tập đoàn Hòa Phong, Sun Group và Vingroup đã ký kết.")
    assert "Tập đoàn Hòa Phong" in orgs(a)
    assert not any("," in name for name in orgs(a))


def test_local_bodies_written_without_their_place_are_the_documents_own():
    a = run("UBND tỉnh Gia Lai tổ chức hội nghị ở Gia Lai. Tỉnh ủy đã ban hành nghị quyết; UBND tỉnh "
            "và Công an tỉnh phối hợp. Ban Thường vụ Tỉnh ủy chỉ đạo. Phó Chủ tịch UBND tỉnh Lê Văn Định dự.",
            names=("structure", "places", "organizations", "people"))
    keys = {e.key for e in a.entities_of("org")}
    assert keys == {"Ủy ban nhân dân tỉnh Gia Lai", "Tỉnh ủy Gia Lai", "Công an Gia Lai",
                    "Ban Thường vụ Tỉnh ủy Gia Lai"}
    assert "Lê Văn Định" in {e.name for e in a.entities_of("person")}


def test_a_local_body_without_place_in_a_text_naming_no_province_is_no_body():
    a = run("Tỉnh ủy đã ban hành nghị quyết; UBND tỉnh triển khai.")
    assert orgs(a) == {}


def test_ampersand_and_host_place_of_a_mission():
    a = run("Báo Kinh tế & Đô thị và Đại sứ quán Phần Lan tại Việt Nam ký kết; Bộ Y tế & Bộ Nội vụ dự.")
    assert {"Báo Kinh tế & Đô thị", "Đại sứ quán Phần Lan tại Việt Nam", "Bộ Y tế", "Bộ Nội vụ"} == set(orgs(a))


def test_the_fields_a_management_department_manages():
    a = run("Cục Quản lý nhà và thị trường bất động sản và Cục Quản lý khám, chữa bệnh đã họp. Cục Quản lý "
            "thị trường và các lực lượng phối hợp; Cục Quản lý thị trường, công an vào cuộc.")
    assert set(orgs(a)) == {"Cục Quản lý nhà và thị trường bất động sản", "Cục Quản lý khám, chữa bệnh",
                            "Cục Quản lý thị trường"}


def test_a_numbered_document_after_a_body_is_not_part_of_its_name():
    a = run("Ông Hải kiến nghị Bộ Y tế sửa đổi Thông tư số 07/2024/TT-BYT. Ban Chỉ đạo Quy hoạch vùng đã họp.")
    assert set(orgs(a)) == {"Bộ Y tế", "Ban Chỉ đạo Quy hoạch vùng"}


def test_a_nationality_after_a_company_head_is_no_name_and_a_foreign_body_keeps_its_host():
    a = run("Tập đoàn Hàn Quốc cam kết rót vốn. Hiệp hội Doanh nghiệp Nhật Bản tại Việt Nam kiến nghị.")
    assert set(orgs(a)) == {"Hiệp hội Doanh nghiệp Nhật Bản tại Việt Nam"}


def test_name_stops_at_verbs_of_effort_and_completion():
    a = run("Sở Xây dựng tập trung hoàn thành 500 căn nhà, Cục Thuế quyết tâm thu đủ ngân sách và "
            "Sở Nội vụ khẩn trương rà soát biên chế.")
    assert set(orgs(a)) == {"Sở Xây dựng", "Cục Thuế", "Sở Nội vụ"}
