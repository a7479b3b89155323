"""Tests for the ``policies`` component (invented sentences and numbers)."""
from camket.loaders.model import Span
from camket.loaders.pipeline import COMPONENTS, Pipeline
from camket.loaders.read import SourceDocument


def run(text):
    d = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    return Pipeline(["structure", "dates", "policies"])(d)


def policies(a):
    return {e.key: e for e in a.entities_of("policy")}


def test_numbered_resolution_with_date_issuer_and_quoted_title():
    a = run("Ông A nhắc lại Nghị quyết số 37-NQ/TW, ngày 12/3/2018 của Bộ Chính trị về "
            "“Phát triển nông nghiệp hữu cơ vùng cao” là văn bản quan trọng.")
    p = policies(a)["37-NQ/TW"]
    assert p.attrs["number"] == "37-NQ/TW"
    assert p.attrs["policy_type"] == "Nghị quyết"
    assert p.attrs["date"] == "2018-03-12"
    assert p.attrs["title"] == "Phát triển nông nghiệp hữu cơ vùng cao"
    assert p.attrs["issuer"].kind == "org" and p.attrs["issuer"].name == "Bộ Chính trị"


def test_short_forms_merge_and_number_from_issuer_convention():
    a = run("Nghị quyết số 37, ngày 12/3/2018 của Bộ Chính trị đã mở đường. "
            "Tinh thần của Nghị quyết 37 được cụ thể hóa. NQ 37 cũng nhắc tới nông thôn.")
    p = policies(a)
    assert list(p) == ["37-NQ/TW"]
    ent = p["37-NQ/TW"]
    assert ent.name == "Nghị quyết số 37"
    assert {"Nghị quyết 37", "NQ 37"} <= set(ent.aliases)
    assert len(ent.spans) == 3


def test_government_and_prime_minister_numbers():
    a = run("Chính phủ đã ban hành Nghị quyết số 88, ngày 2/7/2021. "
            "Thủ tướng Chính phủ đã ký Quyết định số 1205 phê duyệt quy hoạch.")
    p = policies(a)
    assert "88/NQ-CP" in p and "1205/QĐ-TTg" in p
    assert p["88/NQ-CP"].attrs["date"] == "2021-07-02"
    assert p["1205/QĐ-TTg"].attrs["issuer"] == "Thủ tướng Chính phủ"


def test_conclusion_directive_and_full_numbers_kept():
    a = run("Sau 5 năm thực hiện Kết luận 21-KL/TW và Chỉ thị 07/CT-TTg, tỉnh đạt nhiều kết quả.")
    p = policies(a)
    assert p["21-KL/TW"].attrs["policy_type"] == "Kết luận"
    assert p["07/CT-TTg"].attrs["policy_type"] == "Chỉ thị"
    assert "implements" not in p["21-KL/TW"].attrs


def test_programme_of_action_is_the_resolution_that_issues_it_and_implements():
    a = run("Nghị quyết số 37-NQ/TW ra đời năm 2018. Chính phủ đã ban hành Nghị quyết số 61/NQ-CP, "
            "ngày 9/5/2019 ban hành Chương trình hành động để thực hiện Nghị quyết 37, đồng thời chỉ đạo các bộ.")
    p = policies(a)
    gov = p["61/NQ-CP"]
    assert "Chương trình hành động để thực hiện Nghị quyết 37" in gov.aliases
    assert [e.key for e in gov.attrs["implements"]] == ["37-NQ/TW"]
    assert len(p) == 2


def test_unnumbered_scheme_with_issuer_before():
    a = run("Năm 2017, Thủ tướng Chính phủ đã phê duyệt Đề án phát triển du lịch cộng đồng vùng núi "
            "phía Tây giai đoạn 2017-2025, để các tỉnh triển khai.")
    (p,) = a.entities_of("policy")
    assert p.attrs["policy_type"] == "Đề án"
    assert p.attrs["title"] == "phát triển du lịch cộng đồng vùng núi phía Tây giai đoạn 2017-2025"
    assert p.attrs["issuer"] == "Thủ tướng Chính phủ"
    assert p.attrs["date"] == "2017"


def test_quoted_scheme_title_and_congress_documents_merge():
    a = run("Tỉnh xây dựng Đề án “Chuyển đổi số trong giáo dục đến năm 2030”. Văn kiện Đại hội Đảng "
            "lần thứ XIV đã nêu rõ định hướng. Văn kiện Đại hội XIV cũng nhấn mạnh điều này.")
    p = policies(a)
    scheme = p["Đề án Chuyển đổi số trong giáo dục đến năm 2030"]
    assert scheme.attrs["title"] == "Chuyển đổi số trong giáo dục đến năm 2030"
    congress = p["Văn kiện Đại hội XIV"]
    assert congress.name == "Văn kiện Đại hội Đảng lần thứ XIV"
    assert "Văn kiện Đại hội XIV" in congress.aliases


def test_not_policies():
    a = run("Các Nghị quyết chuyên đề của Đảng rất quan trọng. Nghị quyết này đã đi vào cuộc sống. "
            "Phát biểu kết luận hội nghị, ông nói về “Chương trình hợp tác nông nghiệp Việt - Lào”. "
            "Luật sư Hoàng Minh tham dự.")
    assert a.entities_of("policy") == []


def test_law_by_name():
    a = run("Quốc hội đã thông qua Luật Đất đai năm 2024 tại kỳ họp.")
    (p,) = a.entities_of("policy")
    assert p.attrs["policy_type"] == "Luật" and p.attrs["title"] == "Đất đai"


def test_decree_circular_and_issuer_from_any_body_before_the_verb():
    text = ("Chính phủ ban hành Nghị định 21/2023/NĐ-CP về quản lý rừng đặc dụng và Bộ Lâm nghiệp ban hành "
            "Thông tư số 04/2023/TT-BLN hướng dẫn thi hành Nghị định 21.")
    d = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    a = Pipeline(["structure", "dates"])(d)
    start = text.find("Bộ Lâm nghiệp")
    a.entity("org", "Bộ Lâm nghiệp", Span(start, start + len("Bộ Lâm nghiệp")))
    COMPONENTS["policies"](a)
    p = policies(a)
    decree, circular = p["21/2023/NĐ-CP"], p["04/2023/TT-BLN"]
    assert decree.attrs["title"] == "quản lý rừng đặc dụng"
    assert "Nghị định 21" in decree.aliases
    assert circular.attrs["issuer"].name == "Bộ Lâm nghiệp"
    assert circular.attrs["implements"] == [decree]


def test_law_inside_a_body_name_is_not_a_law():
    a = run("Ông là giảng viên Đại học Luật Hòa Bình và Công ty Luật Minh An.")
    assert a.entities_of("policy") == []


def test_plan_named_by_a_roman_numeral():
    a = run("Quy hoạch điện IX đã xác định năng lượng tái tạo là trụ cột. Quy hoạch này rất quan trọng.")
    (p,) = a.entities_of("policy")
    assert p.key == "Quy hoạch điện IX" and p.attrs["policy_type"] == "Quy hoạch"


def test_programme_with_quoted_title_only_when_issued():
    a = run("Đài phát sóng Chương trình “Tết sum vầy cho công nhân xa quê” vào tối qua. "
            "Thủ tướng đã phê duyệt Chương trình “Chuyển đổi số nông nghiệp đến năm 2030”.")
    assert [p.attrs["title"] for p in a.entities_of("policy")] == ["Chuyển đổi số nông nghiệp đến năm 2030"]


def test_the_numbers_code_names_the_type():
    a = run("Thông báo kết luận số 123-TB/TW nêu rõ nhiều việc. Luật số 45/2019/QH14 có hiệu lực.")
    p = policies(a)
    assert p["123-TB/TW"].attrs["policy_type"] == "Thông báo"
    assert p["123-TB/TW"].name == "Thông báo kết luận số 123-TB/TW"
    assert p["45/2019/QH14"].attrs["policy_type"] == "Luật"


def test_programme_with_an_official_number_of_its_own_code():
    a = run("Huyện ủy đã ban hành Chương trình hành động số 07-CTr/HU về “Phát triển du lịch cộng đồng”. "
            "Chương trình hành động đặt mục tiêu đón 1 triệu lượt khách. Quy định số 96-QĐi/TW được nhắc lại.")
    p = policies(a)
    assert p["07-CTr/HU"].attrs["policy_type"] == "Chương trình hành động"
    assert p["07-CTr/HU"].attrs["title"] == "Phát triển du lịch cộng đồng"
    assert p["96-QĐi/TW"].attrs["policy_type"] == "Quy định"
    assert len(p) == 2  # "Chương trình hành động đặt mục tiêu ..." refers back, it is no new programme


def test_dispatch_and_guidance_types_and_titles_that_stop_at_a_new_subject():
    a = run("Thủ tướng ban hành Công điện số 15/CĐ-TTg. Ban Tuyên giáo có Hướng dẫn số 12-HD/BTGTW. "
            "Thực hiện Chỉ thị số 40/CT-TTg về tăng cường tín dụng chính sách, tỉnh đặt mục tiêu giảm nghèo. "
            "Nghị quyết số 19-NQ/TW về nông thôn mới đặt mục tiêu có 90% xã đạt chuẩn.")
    p = policies(a)
    assert p["15/CĐ-TTg"].attrs["policy_type"] == "Công điện"
    assert p["12-HD/BTGTW"].attrs["policy_type"] == "Hướng dẫn"
    assert p["40/CT-TTg"].attrs["title"] == "tăng cường tín dụng chính sách"
    assert p["19-NQ/TW"].attrs["title"] == "nông thôn mới"


def test_a_law_name_that_lists_its_fields():
    a = run("Bộ sẽ trình dự án Luật Khoa học, công nghệ và đổi mới sáng tạo tại kỳ họp tới. "
            "Theo Luật Đầu tư, các dự án và doanh nghiệp đều được ưu đãi.")
    titles = sorted(e.attrs["title"] for e in a.entities_of("policy"))
    assert titles == ["Khoa học, công nghệ và đổi mới sáng tạo", "Đầu tư"]


def test_a_headlines_loose_reference_is_the_numbered_document_of_the_body():
    text = ("Huyện ủy ban hành Chương trình hành động thực hiện Nghị quyết về du lịch\n"
            "Ngày 2/3/2025, Huyện ủy thông qua Chương trình hành động số 09-CTr/HU về “Phát triển du lịch xanh”.\n"
            "Chương trình hành động gồm 5 nhóm giải pháp.")
    p = policies(run(text))
    assert sorted(p) == ["09-CTr/HU"]
    assert p["09-CTr/HU"].name == "Chương trình hành động số 09-CTr/HU"
    assert p["09-CTr/HU"].attrs["title"] == "Phát triển du lịch xanh"


def test_unquoted_strategy_and_programme_need_the_period_they_cover():
    a = run("Theo Chiến lược phát triển thủy sản bền vững giai đoạn 2021 - 2030, tầm nhìn đến năm 2045, "
            "đến năm 2025 sản lượng tăng. Chương trình giáo dục mầm non 2021 được áp dụng. Công ty đổi "
            "chiến lược kinh doanh. Chương trình nghệ thuật đặc sắc diễn ra tối qua.")
    titles = {e.attrs["policy_type"]: e.attrs["title"] for e in a.entities_of("policy")}
    assert titles == {"Chiến lược": "phát triển thủy sản bền vững giai đoạn 2021 - 2030, tầm nhìn đến năm 2045",
                      "Chương trình": "giáo dục mầm non 2021"}


def test_a_resolution_named_by_its_subject_without_number():
    a = run("HĐND tỉnh thông qua Nghị quyết về chính sách hỗ trợ đào tạo nghề nông thôn "
            "giai đoạn 2024 - 2026. Nghị quyết về vấn đề này còn chậm. Quyết định về việc bổ nhiệm "
            "cán bộ lãnh đạo sở, ông nói.")
    (p,) = a.entities_of("policy")
    assert p.attrs["policy_type"] == "Nghị quyết" and p.attrs.get("number") is None
    assert p.attrs["title"] == "chính sách hỗ trợ đào tạo nghề nông thôn giai đoạn 2024 - 2026"


def test_a_plan_and_the_decision_approving_it_are_one_document():
    a = run("Thủ tướng đã ký Quyết định số 812/QĐ-TTg ngày 2/6/2022 phê duyệt Đề án \"Phát triển rừng "
            "ven biển\". Quy hoạch hệ thống cảng cá thời kỳ 2021 - 2030, tầm nhìn đến năm 2050 (Quy hoạch "
            "cảng cá II) được phê duyệt tại Quyết định số 934/QĐ-TTg ngày 5/7/2022.")
    p = policies(a)
    assert set(p) == {"812/QĐ-TTg", "934/QĐ-TTg"}
    assert p["812/QĐ-TTg"].attrs["title"] == "Phát triển rừng ven biển"
    assert "Quy hoạch cảng cá II" in p["934/QĐ-TTg"].aliases


def test_a_programme_approved_in_a_relative_clause_and_a_law_name_before_du_kien():
    a = run("Cần triển khai Chương trình phát triển nhân lực ngành đường sắt đến năm 2030 mà Thủ tướng "
            "đã phê duyệt tại Quyết định số 321/QĐ-TTg. Luật Đường sắt dự kiến được thông qua.")
    p = policies(a)
    assert set(p) == {"321/QĐ-TTg", "Luật Đường sắt"}
