"""Tests for the ``pledges`` component; bodies, places and people are added by hand
as the earlier components would add them (invented names and sentences)."""
import re

from camket.loaders.model import Span
from camket.loaders.pipeline import COMPONENTS, Pipeline
from camket.loaders.read import SourceDocument


def analyse(text, people=(), orgs=(), places=()):
    a = Pipeline(["structure", "dates"])(SourceDocument(doc_id="t", text=text, source="t.txt",
                                                       sha256="0" * 64))
    for kind, names in (("person", people), ("org", orgs), ("place", places)):
        for name in names:
            for m in re.finditer(re.escape(name), text):
                a.entity(kind, name, Span(m.start(), m.end()),
                         **({"place_type": "province"} if kind == "place" else {}))
    for name in ("policies", "events", "statements", "pledges"):
        COMPONENTS[name](a)
    return a


def pledged(a):
    return [(p.actor.name, p.span.of(a.text), p.deadline, p.quantity) for p in a.pledges]


def test_future_action_of_a_body_with_quantity_and_places():
    a = analyse("Trong năm tới, Sở Du lịch sẽ tổ chức 4 hội chợ tại Sơn La và Lai Châu.",
                orgs=["Sở Du lịch"], places=["Sơn La", "Lai Châu"])
    (p,) = a.pledges
    assert p.actor.name == "Sở Du lịch"
    assert p.span.of(a.text) == "Sở Du lịch sẽ tổ chức 4 hội chợ tại Sơn La và Lai Châu"
    assert p.quantity == "4"
    assert [e.name for e in p.places] == ["Sơn La", "Lai Châu"]


def test_policy_targets_with_deadlines_split_per_deadline():
    a = analyse("Nghị quyết 23-NQ/TW đã đề ra, đến năm 2030 có ít nhất 5 trung tâm logistics tại vùng "
                "Tây Bắc, đến năm 2045: Hình thành mạng lưới logistics kết nối toàn vùng.")
    assert [(p.actor.key, p.deadline, p.quantity) for p in a.pledges] == [
        ("23-NQ/TW", "2030", "ít nhất 5"), ("23-NQ/TW", "2045", None)]
    assert all(p.policy is p.actor for p in a.pledges)


def test_target_sentence_then_at_least_sentence_inherit_the_policy():
    a = analyse("Một nội dung chính của Nghị quyết 23-NQ/TW là du lịch xanh với mục tiêu là số hóa toàn bộ "
                "điểm đến. Phải có ít nhất 2 khu du lịch quốc gia ở vùng cao.")
    assert [p.actor.key for p in a.pledges] == ["23-NQ/TW", "23-NQ/TW"]


def test_commitment_of_a_body_inside_reported_speech_links_the_statement():
    a = analyse("Bà Lò Thị Mai khẳng định lại cam kết của Quỹ Xanh với các tỉnh miền núi để tiếp tục "
                "hỗ trợ nông dân chuyển đổi số.", people=["Lò Thị Mai"], orgs=["Quỹ Xanh"])
    (p,) = a.pledges
    assert p.actor.name == "Quỹ Xanh"
    assert p.statement is a.statements[0]


def test_state_commitment_and_quoted_future_action_take_the_clause_subject():
    text = ("Bà Lò Thị Mai cho biết, Lào cam kết đầu tư lâu dài vào tuyến đường sắt và về mặt kỹ thuật sẽ "
            "gửi thêm chuyên gia.\n“Lào có đội ngũ kỹ sư giỏi ở cả ba tỉnh biên giới, đồng thời sẽ tiếp tục "
            "chia sẻ kinh nghiệm với các đối tác”, bà Lò Thị Mai nói.")
    a = analyse(text, people=["Lò Thị Mai"], places=["Lào"])
    assert [p.actor.name for p in a.pledges] == ["Lào", "Lào"]
    assert "gửi thêm chuyên gia" in a.pledges[0].span.of(a.text)


def test_assignment_and_month_deadline_and_time_lead():
    a = analyse("Đề án do Chính phủ giao Sở Tài chính chủ trì xây dựng, trình Hội đồng nhân dân vào tháng "
                "6-2025. Đến tháng 9 năm nay sẽ sơ kết đề án, Sở Kế hoạch là cơ quan đầu mối.",
                orgs=["Chính phủ", "Sở Tài chính", "Sở Kế hoạch"])
    got = [(p.actor.name, p.deadline) for p in a.pledges]
    assert got == [("Sở Tài chính", "2025-06"), ("Sở Kế hoạch", "2025-09")]


def test_not_pledges_past_forecast_and_titles():
    text = ("Năm 2019, tỉnh Sơn La đã hoàn thành 3 khu tái định cư.\n"
            "Dự báo đến năm 2050 sẽ có 70% dân số sống ở đô thị.\n"
            "Sơn La đã sẽ chia sẻ kinh nghiệm.\n"
            "Nghị quyết 11-NQ/TW về phát triển vùng Tây Bắc đến năm 2030, tầm nhìn đến năm 2045 được nhắc lại.\n"
            "Bộ Ngoại giao Lào phát biểu tại hội nghị.")
    a = analyse(text, orgs=["Bộ Ngoại giao Lào"], places=["Sơn La", "Lào"])
    assert a.pledges == []


def test_repeated_paragraph_yields_one_pledge_with_two_evidence_spans():
    para = "Sở Du lịch sẽ tổ chức 4 hội chợ nông sản trong năm nay."
    a = analyse(para + "\n" + para, orgs=["Sở Du lịch"])
    (p,) = a.pledges
    assert len(p.evidence) == 2


def test_deadline_written_first_and_a_second_target_after_a_semicolon():
    a = analyse("Theo đó, đến năm 2026, Yên Sơn phấn đấu đón 5 triệu lượt khách; đến năm 2031 có ít nhất "
                "2 khu du lịch quốc gia.", places=["Yên Sơn"])
    assert pledged(a) == [
        ("Yên Sơn", "đến năm 2026, Yên Sơn phấn đấu đón 5 triệu lượt khách", "2026", "5"),
        ("Yên Sơn", "đến năm 2031 có ít nhất 2 khu du lịch quốc gia", "2031", "ít nhất 2")]


def test_what_a_law_will_do_is_not_a_pledge_and_quarter_deadline():
    a = analyse("Luật Đất đai năm 2030 sẽ tháo gỡ nhiều vướng mắc cho doanh nghiệp. Sở Tài chính sẽ trình "
                "đề án sửa đổi trong quý II/2027.", orgs=["Sở Tài chính"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Tài chính", "2027-06")]


def test_later_merges_and_forgets_keep_pledges_consistent():
    a = analyse("Quỹ Xanh Sơn La sẽ mở 3 văn phòng tại Sơn La. Quỹ Xanh sẽ tuyển 20 cán bộ.",
                orgs=["Quỹ Xanh Sơn La", "Quỹ Xanh"], places=["Sơn La"])
    long, short = (a.entities["org:quỹ xanh sơn la"], a.entities["org:quỹ xanh"])
    place = a.entities["place:sơn la"]
    a.merge(long, short)
    a.forget(place)
    assert [p.actor for p in a.pledges] == [long, long]
    assert all(place not in p.places for p in a.pledges)


def test_first_person_pledge_in_a_quotation_is_the_speakers():
    a = analyse("Bà Lò Thị Mai, Tổng Giám đốc Công ty Mây Trắng, nói: “Chúng tôi sẽ đầu tư thêm 200 tỷ đồng "
                "cho trung tâm dữ liệu tại Điện Biên”.", people=["Lò Thị Mai"], orgs=["Công ty Mây Trắng"],
                places=["Điện Biên"])
    (p,) = a.pledges
    assert p.actor.name == "Lò Thị Mai" and p.statement is a.statements[0]
    assert [e.name for e in p.places] == ["Điện Biên"]


def test_announced_plan_but_not_a_forecast():
    a = analyse("Sở Kế hoạch đang xây dựng đề án và dự kiến trình Hội đồng nhân dân trong tháng 10/2026. "
                "Sở Kế hoạch dự kiến tăng trưởng đạt 7%.", orgs=["Sở Kế hoạch"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Kế hoạch", "2026-10")]


def test_commitment_by_a_person_is_a_statement_and_a_pledge():
    a = analyse("Ông Đinh Công Tuấn cam kết quỹ sẽ giải ngân toàn bộ vốn trước tháng 6/2026.",
                people=["Đinh Công Tuấn"])
    assert [(s.speaker.name, s.verb) for s in a.statements] == [("Đinh Công Tuấn", "cam kết")]
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Đinh Công Tuấn", "2026-06")]


def test_generic_subject_refers_to_the_body_or_place_named_last():
    a = analyse("Du lịch Yên Sơn khởi sắc. Lãnh đạo Yên Sơn nhấn mạnh vai trò của du lịch cộng đồng ở Lũng Cú. "
                "Theo ông Hà Văn Nam, tỉnh sẽ dành 500 tỷ đồng cho hạ tầng du lịch trong năm 2026.",
                people=["Hà Văn Nam"], places=["Yên Sơn", "Lũng Cú"])
    (p,) = a.pledges
    assert p.actor.name == "Yên Sơn" and p.deadline == "2026"
    b = analyse("Tuyến đường nối với Lũng Cú đang thi công. Năm 2026, tỉnh phấn đấu tăng trưởng đạt trên 8%.",
                places=["Lũng Cú"])
    assert b.pledges == []  # the province the article is about is unknown: no guess


def test_year_opening_the_sentence_is_the_deadline():
    a = analyse("Năm 2026, Sở Du lịch phấn đấu đón 3 triệu lượt khách quốc tế.", orgs=["Sở Du lịch"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Du lịch", "2026")]


def test_year_opening_a_later_sentence_is_its_deadline():
    a = analyse("Du lịch phục hồi mạnh. Năm 2027, Sở Du lịch phấn đấu đón 4 triệu lượt khách.", orgs=["Sở Du lịch"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Du lịch", "2027")]


def test_time_phrases_make_a_directive_a_pledge_but_not_a_past_result():
    text = ("Ông Cao Văn Thịnh yêu cầu các xã hoàn thành việc cấp mã số vùng trồng trong quý III năm 2025.\n"
            "Trong quý II năm 2025, các xã đã hoàn thành việc cấp mã số cho 40 vùng trồng.")
    a = analyse(text, people=["Cao Văn Thịnh"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Cao Văn Thịnh", "2025-09")]
    assert a.pledges[0].span.of(a.text).endswith("trong quý III năm 2025")


def test_a_time_phrase_after_a_pledge_is_its_deadline_not_a_new_pledge():
    a = analyse("Ông Cao Văn Thịnh cho biết Sở Xây dựng sẽ khởi công cầu Rạch Sỏi trước ngày 15/9/2025.",
                people=["Cao Văn Thịnh"], orgs=["Sở Xây dựng"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Xây dựng", "2025-09-15")]


def test_commitment_is_the_speakers_not_the_body_closing_his_post():
    a = analyse("Ông Cao Văn Thịnh, Giám đốc Điện lực Hậu Giang cam kết cấp điện ổn định cho 5 khu "
                "công nghiệp trong năm nay.", people=["Cao Văn Thịnh"], places=["Hậu Giang"])
    (p,) = a.pledges
    assert p.actor.name == "Cao Văn Thịnh"


def test_targets_of_a_sentence_opened_by_theo_a_plan_are_the_plans():
    a = analyse("Theo Kế hoạch số 88/KH-UBND, đến hết năm 2026, Hậu Giang phấn đấu 70% hộ dân dùng nước sạch.",
                places=["Hậu Giang"])
    (p,) = a.pledges
    assert p.actor.key == "88/KH-UBND"
    assert p.deadline == "2026"


def test_planned_action_after_du_kien_se_but_not_a_forecast():
    text = ("Ông Cao Văn Thịnh cho biết Công ty Sao Mai dự kiến sẽ xây thêm 2 nhà máy sấy lúa.\n"
            "Ông Cao Văn Thịnh cho biết Công ty Sao Mai dự kiến sẽ tăng 8% doanh thu.")
    a = analyse(text, people=["Cao Văn Thịnh"], orgs=["Công ty Sao Mai"])
    assert [p.span.of(a.text) for p in a.pledges] == ["Công ty Sao Mai dự kiến sẽ xây thêm 2 nhà máy sấy lúa"]


def test_generic_ban_subject_is_the_board_named_last():
    a = analyse("Ban Quản lý dự án Hồ Tây báo cáo tiến độ. Ông Cao Văn Thịnh khẳng định ban sẽ bàn giao "
                "công trình trong tháng 12/2025.", people=["Cao Văn Thịnh"], orgs=["Ban Quản lý dự án Hồ Tây"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Ban Quản lý dự án Hồ Tây", "2025-12")]


def test_a_sentence_opened_by_a_bare_type_word_is_that_policys_target():
    text = ("Tỉnh ủy thông qua Chương trình hành động số 07-CTr/TU về “Phát triển du lịch”.\n"
            "Chương trình hành động đặt mục tiêu đến năm 2030 đón 3 triệu lượt khách quốc tế.")
    a = analyse(text)
    assert [(p.actor.key, p.deadline) for p in a.pledges] == [("07-CTr/TU", "2030")]


def test_generic_subject_opening_a_sentence_and_a_vision_year_is_no_deadline():
    text = ("Sóc Trăng đón 2 triệu khách năm qua. Tại Sóc Trăng, lượng khách tăng 9%. "
            "Tỉnh cũng sẽ mở thêm 3 tuyến xe buýt trước ngày 1/7/2026.\n"
            "Ông Cao Văn Thịnh cho biết việc triển khai đề án phát triển vùng giai đoạn 2021 - 2025, "
            "tầm nhìn đến năm 2030 còn chậm.")
    a = analyse(text, people=["Cao Văn Thịnh"], places=["Sóc Trăng"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sóc Trăng", "2026-07-01")]


def test_each_task_listed_after_a_statement_is_the_speakers_pledge():
    text = ("Bà Mai Thị Hoa yêu cầu các huyện tập trung các nhiệm vụ sau:\n"
            "- Rà soát toàn bộ hồ sơ đất đai tồn đọng trước ngày 30/10/2025;\n"
            "- Công khai danh sách hộ được hỗ trợ tại nhà văn hóa thôn.\n"
            "Ông Cao Văn Thịnh cho biết năm qua huyện đã làm được ba việc:\n"
            "- Hoàn thành đường liên xã dài 12 km.")
    a = analyse(text, people=["Mai Thị Hoa", "Cao Văn Thịnh"])
    assert [(p.actor.name, p.span.of(a.text), p.deadline) for p in a.pledges] == [
        ("Mai Thị Hoa", "Rà soát toàn bộ hồ sơ đất đai tồn đọng trước ngày 30/10/2025", "2025-10-30"),
        ("Mai Thị Hoa", "Công khai danh sách hộ được hỗ trợ tại nhà văn hóa thôn", None)]


def test_tai_a_bare_type_word_and_a_passive_assignment():
    text = ("Thủ tướng vừa ký Công điện số 15/CĐ-TTg về phòng chống hạn mặn.\n"
            "Tại Công điện, Thủ tướng yêu cầu các địa phương phấn đấu cấp đủ nước sinh hoạt cho 100% hộ dân.\n"
            "Bộ Nông nghiệp được giao chủ trì theo dõi diễn biến độ mặn hằng ngày.")
    a = analyse(text, orgs=["Bộ Nông nghiệp"])
    assert [p.actor.key for p in a.pledges] == ["15/CĐ-TTg", "Bộ Nông nghiệp"]


def test_a_commitment_praised_is_no_new_pledge_and_a_dateline_is_no_actor():
    text = ("Bà Lò Thị Mai đánh giá cao cam kết của Sơn La trong bảo vệ rừng đầu nguồn.\n"
            "(TTXVN) - Nghị quyết số 19-NQ/TW về nông thôn mới đặt mục tiêu đến năm 2030 có 90% xã đạt chuẩn.")
    a = analyse(text, people=["Lò Thị Mai"], orgs=["TTXVN"], places=["Sơn La"])
    assert [(p.actor.key, p.deadline) for p in a.pledges] == [("19-NQ/TW", "2030")]


def test_a_policy_is_never_the_one_assigned():
    a = analyse("Ban Dân vận tham mưu ban hành Nghị quyết 25-NQ/TW đồng thời cũng được giao nhiệm vụ chủ trì "
                "hướng dẫn việc thực hiện Nghị quyết.", orgs=["Ban Dân vận"])
    assert a.pledges == []


def test_a_past_directive_sets_a_future_task_and_a_quoted_plan_starts_at_its_own_sentence():
    text = ("Huyện ủy Mường Lát đã yêu cầu các xã biên giới rà soát toàn bộ hộ nghèo trong tháng 10/2025.\n"
            "“Trạm đang quá tải. Chúng tôi đang xây thêm 2 phòng khám, dự kiến đưa vào sử dụng trong quý IV "
            "năm 2025”, bà Lò Thị Mai cho biết.")
    a = analyse(text, people=["Lò Thị Mai"], orgs=["Huyện ủy Mường Lát"])
    assert [(p.actor.name, p.span.of(a.text), p.deadline) for p in a.pledges] == [
        ("Huyện ủy Mường Lát", "các xã biên giới rà soát toàn bộ hộ nghèo trong tháng 10/2025", "2025-10"),
        ("Lò Thị Mai", "Chúng tôi đang xây thêm 2 phòng khám, dự kiến đưa vào sử dụng trong quý IV năm 2025",
         "2025-12")]


def test_a_headline_restating_a_pledge_of_the_body_is_its_evidence():
    text = ("Hậu Giang phấn đấu 70% hộ dân dùng nước sạch\n"
            "Theo Kế hoạch số 88/KH-UBND, đến hết năm 2026, Hậu Giang phấn đấu 70% hộ dân dùng nước sạch "
            "và 100% trường học có nhà vệ sinh đạt chuẩn.\n"
            "Hậu Giang hiện có 520 nghìn hộ dân.")
    a = analyse(text, places=["Hậu Giang"])
    (p,) = a.pledges
    assert p.actor.key == "88/KH-UBND"
    assert len(p.evidence) == 2 and p.evidence[1].start == 0


def test_khong_de_xay_ra_is_a_commitment_of_its_subject():
    a = analyse('Ông Đào Văn Lực khẳng định: "Gia Lai không để xảy ra tình trạng nợ lương công nhân."',
                people=["Đào Văn Lực"], places=["Gia Lai"])
    assert [(p.actor.name, p.span.of(a.text)) for p in a.pledges] == [
        ("Gia Lai", "Gia Lai không để xảy ra tình trạng nợ lương công nhân")]


def test_a_bare_type_word_after_a_deadline_names_the_policy():
    a = analyse('Quyết định số 77/QĐ-TTg phê duyệt Đề án "Trồng rừng ven biển". Theo Thứ trưởng, '
                "đến năm 2030, diện tích rừng của đề án sẽ đạt 20.000 ha.")
    assert [(p.actor.key, p.deadline) for p in a.pledges] == [("77/QĐ-TTg", "2030")]


def test_what_a_policy_provides_and_the_next_target_of_its_list_need_no_cue():
    a = analyse("HĐND tỉnh thông qua Nghị quyết về chính sách hỗ trợ nuôi biển giai đoạn 2024 - 2026. "
                "Theo nghị quyết, mỗi năm tỉnh dành 80 tỷ đồng để hỗ trợ ngư dân.\n"
                "Nghị quyết số 19-NQ/TW đặt mục tiêu đến năm 2030 thu nhập nông dân tăng 2,5 lần. "
                "Tỷ lệ lao động nông nghiệp đạt 20%. Năm ngoái tỷ lệ đã đạt 27%.")
    got = [(p.actor.attrs.get("number") or p.actor.attrs["policy_type"], p.span.of(a.text)) for p in a.pledges]
    assert ("Nghị quyết", "Theo nghị quyết, mỗi năm tỉnh dành 80 tỷ đồng để hỗ trợ ngư dân") in got
    assert ("19-NQ/TW", "Tỷ lệ lao động nông nghiệp đạt 20%") in got
    assert not any("27%" in text for _, text in got)


def test_a_directed_task_with_its_time_is_the_directors():
    a = analyse("Phó Chủ tịch Đào Văn Lực yêu cầu Sở Xây dựng hoàn thành hồ sơ thiết kế trong quý III năm 2025.",
                people=["Đào Văn Lực"], orgs=["Sở Xây dựng"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Đào Văn Lực", "2025-09")]


def test_a_promise_about_a_body_is_the_bodys_and_a_time_before_se_is_its_deadline():
    a = analyse("Ông Park Min-ho, Tổng Giám đốc Công ty TNHH Sao Mai Vina cho biết nhà máy đã mở rộng. "
                "Ông Park cũng cam kết công ty sẽ dành 2 triệu USD mỗi năm để đào tạo kỹ sư. "
                "Ông Lò Văn Sáu cho biết, trong năm 2026, Sở Y tế sẽ xây thêm 3 trạm y tế.",
                people=["Park Min-ho", "Park", "Lò Văn Sáu"], orgs=["Công ty TNHH Sao Mai Vina", "Sở Y tế"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [
        ("Công ty TNHH Sao Mai Vina", None), ("Sở Y tế", "2026")]


def test_a_headline_stating_a_target_merges_with_the_body_target():
    text = ("Lào Cai tổng kết 3 năm du lịch, đặt mục tiêu đón 10 triệu lượt khách\n"
            "Sáng nay, Lào Cai tổng kết 3 năm phát triển du lịch.\n"
            "Theo ông Lò Văn Sáu, tỉnh sẽ phấn đấu đón 10 triệu lượt khách vào năm 2027.")
    a = analyse(text, people=["Lò Văn Sáu"], places=["Lào Cai"])
    assert [(p.actor.name, len(p.evidence)) for p in a.pledges] == [("Lào Cai", 2)]


def test_a_nationality_is_no_actor_and_a_passive_agent_acts():
    a = analyse("Tập đoàn Nhật Bản cam kết rót thêm 2 tỷ USD vào Long An. "
                "Luật Đường sắt dự kiến được Quốc hội biểu quyết thông qua vào ngày 28/6/2025.",
                orgs=["Quốc hội"], places=["Nhật Bản", "Long An"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Quốc hội", "2025-06-28")]


def test_quyet_tam_chi_tieu_and_chậm_nhất_are_cues_but_not_the_noun():
    text = ("Ông Vi Văn Tám cho biết, tỉnh Hòa Bình quyết tâm khởi công cầu Suối Rút trong năm 2026.\n"
            "Sở Công Thương đặt chỉ tiêu xuất khẩu đạt 900 triệu USD.\n"
            "Sở Xây dựng hoàn thành hồ sơ dự án chậm nhất vào ngày 30/6/2026.\n"
            "Ông Vi Văn Tám đánh giá cao quyết tâm chính trị của Sở Xây dựng.")
    a = analyse(text, people=["Vi Văn Tám"], orgs=["Sở Công Thương", "Sở Xây dựng"], places=["Hòa Bình"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [
        ("Hòa Bình", "2026"), ("Sở Công Thương", None), ("Sở Xây dựng", "2026-06-30")]


def test_a_representative_pledges_for_the_body_he_represents():
    a = analyse("Đại diện Công ty Gạch Tuy Phong, bà Lý Thị Nga, Trưởng phòng kỹ thuật cam kết sẽ lắp đặt "
                "lọc bụi cho 4 lò nung trong tháng 9.\nÔng Vi Văn Tám, Giám đốc Công ty Gạch Tuy Phong cam kết "
                "trồng 2 ha cây xanh quanh nhà máy.",
                people=["Lý Thị Nga", "Vi Văn Tám"], orgs=["Công ty Gạch Tuy Phong"])
    assert [p.actor.name for p in a.pledges] == ["Công ty Gạch Tuy Phong", "Vi Văn Tám"]


def test_a_time_phrase_of_a_year_before_the_articles_is_a_result():
    text = ("Hà Nam, ngày 2/3/2026 - Đến hết năm 2025, Sở Y tế có 120 bác sĩ gia đình. "
            "Sở Y tế sẽ cấp thẻ cho 500 bác sĩ vào cuối năm 2026.")
    a = analyse(text, orgs=["Sở Y tế"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Sở Y tế", "2026")]


def test_a_headline_target_with_its_year_merges_with_the_clause_that_states_it():
    text = ("Kon Tum đặt mục tiêu thu hút 12 dự án năm 2026\n"
            "Kon Tum tổ chức hội nghị xúc tiến đầu tư.\n"
            "Ông Vi Văn Tám cho biết, năm 2026 tỉnh đặt mục tiêu thu hút 12 dự án, tổng vốn 9.000 tỷ đồng.")
    a = analyse(text, people=["Vi Văn Tám"], places=["Kon Tum"])
    (p,) = a.pledges
    assert (p.actor.name, p.deadline, len(p.evidence)) == ("Kon Tum", "2026", 2)
    assert p.span.of(a.text).startswith("năm 2026 tỉnh đặt mục tiêu")


def test_a_paragraph_opened_by_chi_tieu_goes_on_with_the_policys_targets():
    text = ("Nghị quyết số 31/NQ-HĐND đặt mục tiêu đến năm 2030 có 8 khu du lịch sinh thái.\n"
            "Chỉ tiêu cụ thể đến năm 2027 là đón 2 triệu lượt khách.\n"
            "Hồ Lắk rất đẹp.\n"
            "Mục tiêu đến năm 2028 là có thêm 3 bến thuyền.")
    a = analyse(text)
    assert [(p.actor.key, p.deadline) for p in a.pledges] == [("31/NQ-HĐND", "2030"), ("31/NQ-HĐND", "2027")]


def test_an_assignment_with_any_task_verb_and_a_plan_of_a_things_is_the_speakers():
    text = ("Thủ tướng giao Bộ Tài chính bố trí đủ vốn cho 6 dự án, hoàn thành trong tháng 3/2026.\n"
            "Bà Lý Thị Nga cho biết, nhà máy dự kiến đi vào hoạt động trong quý II/2027.\n"
            "Bà Lý Thị Nga cho biết, giá điện dự kiến tăng 5% trong năm tới.")
    a = analyse(text, people=["Lý Thị Nga"], orgs=["Bộ Tài chính"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("Bộ Tài chính", "2026-03"), ("Lý Thị Nga", "2027-06")]


def test_bo_is_the_ministry_named_last_not_the_politburo():
    a = analyse("Bộ trưởng Bộ Xây dựng Lê Văn Ba dự họp. Bộ Chính trị yêu cầu nhiều việc. "
                "Ông Lê Văn Ba cho biết bộ sẽ sửa đổi 3 thông tư trong năm 2026.",
                people=["Lê Văn Ba"], orgs=["Bộ Xây dựng", "Bộ Chính trị"])
    a.entities["org:bộ chính trị"].attrs["org_kind"] = "party"
    a.pledges.clear()
    COMPONENTS["pledges"](a)
    assert [p.actor.name for p in a.pledges] == ["Bộ Xây dựng"]


def test_theo_do_is_the_policy_just_named_and_time_phrases_vao_nam_tu_nay():
    text = ("Ngày 3/3/2026, UBND tỉnh ban hành Kế hoạch số 55/KH-UBND về chuyển đổi số.\n"
            "Theo đó, đến năm 2027, 80% hồ sơ hành chính được xử lý trực tuyến.\n"
            "Lào Cai đạt mức phát thải ròng bằng 0 vào năm 2050.\n"
            "Vào năm 2019, Lào Cai có 3 khu du lịch.\n"
            "Từ nay đến cuối năm, Sở Xây dựng hoàn thành 500 căn nhà ở xã hội.\n"
            "Trong quý I, Sở Xây dựng hoàn thành 20 căn nhà.")
    a = analyse(text, orgs=["Sở Xây dựng"], places=["Lào Cai"])
    assert [(p.actor.key, p.deadline) for p in a.pledges] == [
        ("55/KH-UBND", "2027"), ("Lào Cai", "2050"), ("Sở Xây dựng", None)]


def test_at_least_n_that_someone_says_must_be_done_is_the_target_they_set():
    text = ("Ông Vi Văn Tám nhấn mạnh năm 2026 các huyện phải trồng ít nhất 3.000 ha rừng.\n"
            "Ông Vi Văn Tám cho biết năm nay có ít nhất 3 dự án bị chậm tiến độ.")
    a = analyse(text, people=["Vi Văn Tám"])
    assert [(p.actor.name, p.deadline, p.quantity) for p in a.pledges] == [("Vi Văn Tám", "2026", "ít nhất 3.000")]


def test_a_target_with_no_subject_is_the_speakers_or_the_policy_it_says_it_follows():
    text = ("Quyết định số 88/QĐ-TTg phê duyệt Quy hoạch điện lực quốc gia.\n"
            "Bà Lý Thị Nga cho biết, dư nợ tín dụng năm 2026 phấn đấu tăng khoảng 14%.\n"
            "Bà Lý Thị Nga cho biết, đến năm 2030, cả nước phấn đấu có 40% nhà ở dùng điện mặt trời, "
            "theo mục tiêu của Quyết định số 88/QĐ-TTg.")
    a = analyse(text, people=["Lý Thị Nga"])
    assert [(p.actor.name if p.actor.kind == "person" else p.actor.key, p.deadline) for p in a.pledges] == [
        ("Lý Thị Nga", None), ("88/QĐ-TTg", "2030")]
    assert a.pledges[1].span.of(a.text).startswith("đến năm 2030, cả nước phấn đấu")


def test_a_target_ending_in_a_colon_is_the_list_of_items_after_it():
    text = ("UBND tỉnh ban hành Kế hoạch số 30/KH-UBND về hạ tầng số.\n"
            "Kế hoạch đặt ra các chỉ tiêu cụ thể đến năm 2027 như sau:\n"
            "- 100% xã có điểm phát sóng 5G;\n"
            "- Hoàn thành trung tâm dữ liệu của tỉnh trước tháng 6/2026.\n"
            "Ngày 2/3, Sở Tài chính cho biết đã thu 500 tỷ đồng.")
    a = analyse(text, orgs=["Sở Tài chính"])
    assert [(p.actor.key, p.span.of(a.text), p.deadline) for p in a.pledges] == [
        ("30/KH-UBND", "100% xã có điểm phát sóng 5G", "2027"),
        ("30/KH-UBND", "Hoàn thành trung tâm dữ liệu của tỉnh trước tháng 6/2026", "2026-06")]


def test_a_condition_and_a_receiver_are_no_pledges():
    text = ("Nếu được đầu tư, Cà Mau sẽ trở thành trung tâm năng lượng của vùng.\n"
            "Người dân Cà Mau sẽ được hưởng lợi từ dự án.\n"
            "Bộ Y tế sẽ tặng Cà Mau 3 xe cứu thương.")
    a = analyse(text, orgs=["Bộ Y tế"], places=["Cà Mau"])
    assert [p.actor.name for p in a.pledges] == ["Bộ Y tế"]


def test_the_body_in_the_clause_of_a_time_phrase_and_a_past_year():
    text = ("Đây là cơ sở để UBND tỉnh xây dựng kế hoạch chi tiết trong quý II năm 2026.\n"
            "Mạng lưới Xanh vào năm 2018, Chính phủ đã ban hành đề án về đô thị xanh.")
    a = analyse(text, orgs=["UBND tỉnh", "Mạng lưới Xanh", "Chính phủ"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [("UBND tỉnh", "2026-06")]


def test_a_headline_pledge_in_other_words_than_the_body_is_left_out():
    text = ("Lào Cai cam kết chấm dứt khai thác cát trái phép trước mùa lũ\n"
            "Sáng nay, Lào Cai họp về khai thác cát.\n"
            "Lào Cai không để xảy ra tình trạng khai thác cát không phép trên sông Hồng.")
    a = analyse(text, places=["Lào Cai"])
    assert [p.span.of(a.text) for p in a.pledges] == [
        "Lào Cai không để xảy ra tình trạng khai thác cát không phép trên sông Hồng"]


def test_whose_target_and_a_generic_body_opening_the_reported_clause():
    text = ("Thanh Hóa tổng kết vụ lúa. Thanh Hóa có 118.000 ha lúa.\n"
            "Mục tiêu của tỉnh là đến năm 2030 xây dựng 50.000 ha vùng lúa chất lượng cao.\n"
            "Sở Xây dựng báo cáo tiến độ. Ông Vi Văn Tám cho biết, sở đang phối hợp với nhà đầu tư để đưa "
            "dự án vào vận hành trong năm 2026.\n"
            "Bộ trưởng Bộ Xây dựng Vi Văn Tám nhấn mạnh năm 2026 các tỉnh phải xây ít nhất 9.000 căn nhà.")
    a = analyse(text, people=["Vi Văn Tám"], orgs=["Sở Xây dựng", "Bộ Xây dựng"], places=["Thanh Hóa"])
    assert [(p.actor.name, p.deadline) for p in a.pledges] == [
        ("Thanh Hóa", "2030"), ("Sở Xây dựng", "2026"), ("Vi Văn Tám", "2026")]


def test_trong_do_a_quarter_written_first_and_a_period_end_as_deadline():
    text = ("UBND tỉnh ban hành Kế hoạch số 20/KH-UBND về du lịch, trong đó đặt mục tiêu đến năm 2030 đón "
            "3 triệu lượt khách.\n"
            "Kon Tum phấn đấu tăng trưởng du lịch bình quân 10%/năm giai đoạn 2026 - 2030.\n"
            "Theo lộ trình, đến quý II/2027, Kon Tum sẽ hoàn thành sân bay.")
    a = analyse(text, orgs=["UBND tỉnh"], places=["Kon Tum"])
    assert [(p.actor.name if p.actor.kind != "policy" else p.actor.key, p.span.of(a.text)[:20], p.deadline)
            for p in a.pledges] == [("20/KH-UBND", "đặt mục tiêu đến năm", "2030"),
                                    ("Kon Tum", "Kon Tum phấn đấu tăn", "2030"),
                                    ("Kon Tum", "đến quý II/2027, Kon", "2027-06")]
