"""Tests for the ``events`` component (invented sentences)."""
from camket.loaders.model import Span
from camket.loaders.pipeline import COMPONENTS, Pipeline
from camket.loaders.read import SourceDocument


def analyse(text, orgs=(), places=()):
    d = SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64)
    a = Pipeline(["structure", "dates"])(d)
    for name in orgs:
        for i in _all(text, name):
            a.entity("org", name, Span(i, i + len(name)))
    for name in places:
        for i in _all(text, name):
            a.entity("place", name, Span(i, i + len(name)), place_type="city")
    COMPONENTS["policies"](a)
    COMPONENTS["events"](a)
    return a


def _all(text, name):
    i = text.find(name)
    while i != -1:
        yield i
        i = text.find(name, i + 1)


def test_named_event_with_date_place_organisers_and_variants_merged():
    text = ("Ngày 14/3, Diễn đàn Cấp cao về Nông nghiệp số Mekong 2021 do Sở Nông nghiệp và Hội Nông dân "
            "phối hợp tổ chức đã diễn ra tại Cần Thơ.\n"
            "Tại Diễn đàn cấp cao, nhiều ý kiến được nêu. Diễn đàn về nông nghiệp số Mekong thu hút 300 "
            "đại biểu. Bế mạc diễn đàn, ban tổ chức cảm ơn đại biểu.")
    a = analyse(text, orgs=["Sở Nông nghiệp", "Hội Nông dân"], places=["Cần Thơ"])
    (ev,) = a.entities_of("event")
    assert ev.name == "Diễn đàn Cấp cao về Nông nghiệp số Mekong 2021"
    assert "Diễn đàn về nông nghiệp số Mekong" in ev.aliases
    assert ev.attrs["date"] == "2021-03-14"
    assert ev.attrs["place"].name == "Cần Thơ"
    assert [o.name for o in ev.attrs["organizers"]] == ["Sở Nông nghiệp", "Hội Nông dân"]


def test_unnamed_workshop_referred_to_repeatedly():
    text = ("Hội thảo được tổ chức trong bối cảnh mới.\nQuang cảnh hội thảo.\n"
            "Phát biểu bế mạc hội thảo, ông cảm ơn các đại biểu.")
    a = analyse(text)
    (ev,) = a.entities_of("event")
    assert ev.name == "Hội thảo" and len(ev.spans) == 3


def test_single_generic_mention_and_plurals_are_not_events():
    a = analyse("Ông tham quan triển lãm các mô hình. Tỉnh đã tổ chức 5 hội thảo và các hội nghị.")
    assert a.entities_of("event") == []


def test_session_with_month_and_congress_spellings():
    text = ("Đề án sẽ trình Hội nghị Trung ương 9 khóa XIV vào tháng 5-2026. Văn kiện Đại hội Đảng lần "
            "thứ XIV và Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng đã nêu rõ.")
    a = analyse(text)
    evs = {e.name: e for e in a.entities_of("event")}
    assert evs["Hội nghị Trung ương 9 khóa XIV"].attrs["date"] == "2026-05"
    congress = evs["Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"]  # the fullest spelling names it
    assert "Đại hội Đảng lần thứ XIV" in congress.aliases


def test_caption_and_english_part_of_name():
    text = ("Hội nghị thượng đỉnh Kinh tế số lần thứ hai - Digital Summit 2.0 với chủ đề mới khai mạc.\n"
            "Hội nghị thượng đỉnh Kinh tế số lần thứ hai - Ảnh: Minh Khang")
    a = analyse(text)
    (ev,) = a.entities_of("event")
    assert ev.name == "Hội nghị thượng đỉnh Kinh tế số lần thứ hai - Digital Summit 2.0"


def test_quoted_event_title_and_topic_with_noun_o():
    text = ("Ngày 3/6/2024, Sở Văn hóa phối hợp với Hội Kiến trúc sư tổ chức Tọa đàm “Giữ gìn phố cổ "
            "vùng cao”.\nTại tọa đàm, nhiều ý kiến được nêu.\n"
            "Hội nghị toàn quốc về phát triển nhà ở xã hội vừa khai mạc.")
    a = analyse(text, orgs=["Sở Văn hóa", "Hội Kiến trúc sư"])
    evs = {e.name: e for e in a.entities_of("event")}
    talk = evs["Tọa đàm “Giữ gìn phố cổ vùng cao”"]
    assert [o.name for o in talk.attrs["organizers"]] == ["Sở Văn hóa", "Hội Kiến trúc sư"]
    assert talk.attrs["date"] == "2024-06-03"
    assert "Hội nghị toàn quốc về phát triển nhà ở xã hội" in evs


def test_descriptive_words_before_the_name_proper():
    a = analyse("Sáng 12/9/2024, Tỉnh ủy tổ chức Hội nghị sơ kết 3 năm thực hiện Nghị quyết số 07-NQ/TU "
                "của Ban Thường vụ Tỉnh ủy.")
    (ev,) = a.entities_of("event")
    assert ev.name == "Hội nghị sơ kết 3 năm thực hiện Nghị quyết số 07-NQ/TU"
    assert ev.attrs["date"] == "2024-09-12"


def test_organisers_with_an_acronym_in_brackets():
    text = ("Sáng 5/7/2024, Sở Công Thương và Hội Doanh nhân trẻ (HDT) tổ chức Lễ ký kết Biên bản ghi nhớ "
            "về hợp tác năng lượng.")
    a = analyse(text, orgs=["Sở Công Thương", "Hội Doanh nhân trẻ"])
    (ev,) = a.entities_of("event")
    assert ev.name == "Lễ ký kết Biên bản ghi nhớ về hợp tác năng lượng"
    assert [o.name for o in ev.attrs["organizers"]] == ["Sở Công Thương", "Hội Doanh nhân trẻ"]


def test_event_keys_meet_across_spellings_and_unnamed_events_stay_per_article():
    from camket.loaders.extract.events import event_key
    assert event_key("Diễn đàn Cấp cao về Nông nghiệp số Mekong 2021").casefold() == \
        event_key("Diễn đàn cấp cao Nông nghiệp số Mekong năm 2021").casefold()
    a = analyse("Hội thảo được tổ chức hôm qua.\nQuang cảnh hội thảo.")
    (ev,) = a.entities_of("event")
    assert ev.name == "Hội thảo" and ev.key == "Hội thảo (t)"


def test_session_of_a_named_assembly():
    a = analyse("Sáng 6/11/2024, tiếp tục Kỳ họp thứ 9, Quốc hội khóa XVI, các đại biểu thảo luận.")
    (ev,) = a.entities_of("event")
    assert ev.name == "Kỳ họp thứ 9, Quốc hội khóa XVI" and ev.attrs["date"] == "2024-11-06"


def test_place_written_before_the_event_that_opened_there():
    a = analyse("Chiều 23/9/2025, tại thủ đô Viêng Chăn, Lào, Hội nghị Bộ trưởng Nông nghiệp Mekong lần thứ 9 đã "
                "khai mạc.", places=["Viêng Chăn", "Lào"])
    (ev,) = a.entities_of("event")
    assert ev.attrs["place"].name == "Viêng Chăn" and ev.attrs["date"] == "2025-09-23"


def test_lower_case_name_opened_by_a_purpose_word_and_place_after_thanh_pho():
    text = ("Ngày 9/1/2025, Sở Y tế tổ chức Hội nghị tổng kết công tác y tế năm 2024 và triển khai nhiệm vụ "
            "năm 2025 tại thành phố Vinh.\nHội nghị quán triệt, triển khai Chỉ thị số 25-CT/TW cũng diễn ra.")
    a = analyse(text, orgs=["Sở Y tế"], places=["Vinh"])
    names = sorted(e.name for e in a.entities_of("event"))
    assert names == ["Hội nghị quán triệt, triển khai Chỉ thị số 25-CT/TW",
                     "Hội nghị tổng kết công tác y tế năm 2024 và triển khai nhiệm vụ năm 2025"]
    ev = next(e for e in a.entities_of("event") if "tổng kết" in e.name)
    assert ev.attrs["date"] == "2025-01-09" and ev.attrs["place"].name == "Vinh"


def test_headline_and_body_names_that_differ_by_modifiers_are_one_event():
    text = ("Hội thảo quốc tế về nuôi tôm sinh thái tại Cà Mau\n"
            "Ngày 3/6/2025, tại Cà Mau, Hội thảo “Nuôi tôm sinh thái thích ứng biến đổi khí hậu” đã diễn ra.\n"
            "Hội thảo khoa học về rừng ngập mặn cũng được tổ chức.")
    a = analyse(text, places=["Cà Mau"])
    evs = sorted(a.entities_of("event"), key=lambda e: e.name)
    assert len(evs) == 2
    assert evs[0].name == "Hội thảo khoa học về rừng ngập mặn"
    assert "quốc tế" in " ".join(evs[1].aliases) and evs[1].attrs["date"] == "2025-06-03"
