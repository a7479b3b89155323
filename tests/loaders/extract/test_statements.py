"""Tests for the ``statements`` component: speakers are added by hand, as the people
component would, so these tests do not depend on it (invented names and sentences)."""
import re

from camket.loaders.model import Span
from camket.loaders.pipeline import COMPONENTS, Pipeline
from camket.loaders.read import SourceDocument


def analyse(text, people=(), orgs=(), female=()):
    a = Pipeline(["structure", "dates"])(SourceDocument(doc_id="t", text=text, source="t.txt",
                                                       sha256="0" * 64))
    for kind, names in (("person", people), ("org", orgs)):
        for name in names:
            for m in re.finditer(re.escape(name), text):
                gender = ("female" if name in female else "male") if kind == "person" else None
                a.entity(kind, name, Span(m.start(), m.end()), gender=gender)
    for name in ("policies", "events", "statements"):
        COMPONENTS[name](a)
    return a


def said(a):
    return [(s.speaker.name, s.kind, s.verb, s.span.of(a.text)) for s in a.statements]


def test_reported_speech_with_appositive_titles():
    a = analyse("Tại hội nghị, ông Trần Văn Khải, Phó Chủ tịch UBND tỉnh Bình Lâm, nhấn mạnh, "
                "tỉnh cần ưu tiên vốn cho hạ tầng số ở vùng sâu.", people=["Trần Văn Khải"])
    assert said(a) == [("Trần Văn Khải", "reported", "nhấn mạnh",
                        "tỉnh cần ưu tiên vốn cho hạ tầng số ở vùng sâu")]
    st = a.statements[0]
    assert st.evidence == [a.sentences[0]]


def test_direct_quote_speaker_after_and_before():
    text = ("“Chúng tôi sẽ không để doanh nghiệp nào phải chờ quá ba ngày”, bà Lò Thị Mai nói.\n"
            "Ông Đinh Công Tuấn cho biết: “Năm nay tỉnh sẽ mở thêm hai trung tâm dữ liệu lớn”.")
    a = analyse(text, people=["Lò Thị Mai", "Đinh Công Tuấn"], female=["Lò Thị Mai"])
    assert said(a) == [
        ("Lò Thị Mai", "direct", "nói", "Chúng tôi sẽ không để doanh nghiệp nào phải chờ quá ba ngày"),
        ("Đinh Công Tuấn", "direct", "cho biết", "Năm nay tỉnh sẽ mở thêm hai trung tâm dữ liệu lớn")]


def test_quote_spanning_sentences():
    a = analyse("Ông Đinh Công Tuấn nói: “Chúng tôi đã chuẩn bị kỹ. Dữ liệu đất đai sẽ được số hóa "
                "toàn bộ trong năm tới”.", people=["Đinh Công Tuấn"])
    (st,) = a.statements
    assert st.kind == "direct" and st.span.of(a.text).endswith("trong năm tới")


def test_anaphora_pronoun_delegate_and_title():
    text = ("Bà Lò Thị Mai, Bộ trưởng Bộ Nông thôn số, cho biết tỉnh đã hoàn thành bản đồ số vùng núi.\n"
            "Ông Đinh Công Tuấn, Giám đốc Quỹ Xanh, khuyến nghị tăng vốn cho hợp tác xã nông nghiệp.\n"
            "Bà cũng đề nghị các bộ phối hợp chặt chẽ trong việc chia sẻ dữ liệu.\n"
            "Đại biểu này cho rằng cần thêm chính sách ưu đãi cho doanh nghiệp trẻ.\n"
            "Bộ trưởng khẳng định các dự án sẽ được giám sát chặt chẽ từng tháng.\n"
            "Theo ông Tuấn, quỹ sẽ mở rộng sang ba tỉnh miền núi phía Bắc.")
    a = analyse(text, people=["Lò Thị Mai", "Đinh Công Tuấn"], female=["Lò Thị Mai"])
    speakers = [(s.speaker.name, s.verb) for s in a.statements]
    assert speakers == [("Lò Thị Mai", "cho biết"), ("Đinh Công Tuấn", "khuyến nghị"),
                        ("Lò Thị Mai", "đề nghị"), ("Đinh Công Tuấn", "cho rằng"),
                        ("Lò Thị Mai", "khẳng định"), ("Đinh Công Tuấn", "theo")]


def test_quote_closing_a_reported_clause_is_one_direct_statement():
    a = analyse("Ông Đinh Công Tuấn nhấn mạnh, kế hoạch nêu hai việc: “Một là số hóa hồ sơ đất đai, hai là "
                "mở cổng dịch vụ công cho nông dân”.", people=["Đinh Công Tuấn"])
    (st,) = a.statements
    assert st.kind == "direct" and st.span.of(a.text).startswith("Một là số hóa")


def test_no_statement_for_titles_nobody_or_captions():
    text = ("Bà Lò Thị Mai trình bày tham luận về “Chuyển đổi số trong nông nghiệp vùng cao của tỉnh”.\n"
            "Nghị quyết số 12-NQ/TW về “Phát triển kinh tế biển bền vững đến năm 2030” đã nêu rõ nhiều việc.\n"
            "“Một câu nói không rõ của ai được trích ở đây”, báo viết.\n"
            "Ông Đinh Công Tuấn, Trưởng ban Công nghệ thông tin Quỹ Xanh phát biểu tham luận\n"
            "Theo kế hoạch, các tỉnh sẽ hoàn thành việc này trong năm nay.")
    a = analyse(text, people=["Lò Thị Mai", "Đinh Công Tuấn"], female=["Lò Thị Mai"])
    assert a.statements == []


def test_repeated_paragraph_gives_one_statement_with_two_evidence_spans():
    para = "Ông Đinh Công Tuấn cho biết tỉnh sẽ hoàn thành bản đồ số vùng núi trong năm nay."
    a = analyse(para + "\nẢnh minh họa.\n" + para, people=["Đinh Công Tuấn"])
    (st,) = a.statements
    assert len(st.evidence) == 2


def test_body_as_speaker_and_mentions_and_event():
    text = ("Hội thảo Nông nghiệp số Bình Lâm 2024 diễn ra hôm nay. Sở Tài chính cho biết, Nghị quyết "
            "số 12-NQ/TW đã giúp tỉnh huy động thêm vốn.")
    a = analyse(text, orgs=["Sở Tài chính"])
    (st,) = a.statements
    assert st.speaker.kind == "org"
    assert [e.name for e in st.mentions] == ["Nghị quyết số 12-NQ/TW"]
    assert st.event is not None and st.event.name == "Hội thảo Nông nghiệp số Bình Lâm 2024"


def test_quote_in_its_own_paragraph_after_verb_colon_and_head_of_body():
    text = ("Ông Đinh Công Tuấn, Giám đốc Quỹ Xanh, cho hay quỹ đã giải ngân 40% vốn năm nay.\n"
            "Bên lề hội nghị, bà Lò Thị Mai, Tổng Giám đốc Công ty Mây Trắng nói:\n"
            "“Chúng tôi sẵn sàng đồng hành với tỉnh trong nhiều năm tới nữa.”\n"
            "Người đứng đầu Quỹ Xanh cũng cho biết quỹ đang mở văn phòng tại ba huyện vùng cao.")
    a = analyse(text, people=["Đinh Công Tuấn", "Lò Thị Mai"], orgs=["Quỹ Xanh", "Công ty Mây Trắng"],
                female=["Lò Thị Mai"])
    assert [(s.speaker.name, s.kind, s.verb) for s in a.statements] == [
        ("Đinh Công Tuấn", "reported", "cho hay"), ("Lò Thị Mai", "direct", "nói"),
        ("Đinh Công Tuấn", "reported", "cho biết")]


def test_talk_title_after_presenting_is_not_speech():
    a = analyse("Bà Lò Thị Mai đã có bài trình bày về “Kinh nghiệm số hóa nông nghiệp của tỉnh vùng cao”.",
                people=["Lò Thị Mai"], female=["Lò Thị Mai"])
    assert a.statements == []


def test_quote_running_over_two_paragraphs():
    text = ("Ông Đinh Công Tuấn nói: “Chúng tôi đã chuẩn bị kỹ cho mùa mưa bão năm nay.\n"
            "Tất cả các hồ chứa đều có phương án xả lũ an toàn cho người dân”.")
    a = analyse(text, people=["Đinh Công Tuấn"])
    (st,) = a.statements
    assert st.kind == "direct" and st.span.of(a.text).endswith("an toàn cho người dân")
    assert st.span.of(a.text).startswith("Chúng tôi đã chuẩn bị")


def test_according_to_with_an_appositive():
    a = analyse("Theo ông Đinh Công Tuấn, giảng viên Trường Đại học Nông Lâm, đất dốc cần được trồng "
                "cây gỗ lớn thay cây ngắn ngày.", people=["Đinh Công Tuấn"])
    (st,) = a.statements
    assert st.verb == "theo"
    assert st.span.of(a.text) == "đất dốc cần được trồng cây gỗ lớn thay cây ngắn ngày"


def test_said_text_starts_after_the_addressee_and_lai():
    text = ("Ông Đinh Công Tuấn nói với phóng viên rằng quỹ sẽ mở thêm ba văn phòng ở vùng cao.\n"
            "Bà Lò Thị Mai khẳng định lại cam kết của tỉnh với các nhà đầu tư nước ngoài.")
    a = analyse(text, people=["Đinh Công Tuấn", "Lò Thị Mai"], female=["Lò Thị Mai"])
    assert [s.span.of(a.text) for s in a.statements] == [
        "quỹ sẽ mở thêm ba văn phòng ở vùng cao", "cam kết của tỉnh với các nhà đầu tư nước ngoài"]


def test_delegate_with_bracketed_delegation_and_a_promise():
    text = ("Đại biểu Lò Thị Mai (đoàn Sơn La) cho rằng nhiều trường vùng núi đang thiếu giáo viên tin học.\n"
            "Ông Đinh Công Tuấn hứa Bộ sẽ trình đề án tuyển dụng giáo viên đặc thù trong quý I/2026.")
    a = analyse(text, people=["Lò Thị Mai", "Đinh Công Tuấn"], female=["Lò Thị Mai"])
    assert [(s.speaker.name, s.verb) for s in a.statements] == [("Lò Thị Mai", "cho rằng"),
                                                                ("Đinh Công Tuấn", "hứa")]


def test_title_with_its_body_as_anaphor():
    text = ("Đồng chí Đinh Công Tuấn, Bí thư Tỉnh ủy Yên Sơn chủ trì hội nghị. Ông Hà Văn Nam, Giám đốc Sở "
            "Tài chính báo cáo tình hình ngân sách.\nPhát biểu kết luận, đồng chí Bí thư Tỉnh ủy yêu cầu các "
            "cấp ủy tập trung tháo gỡ khó khăn cho dự án trọng điểm.")
    a = analyse(text, people=["Đinh Công Tuấn", "Hà Văn Nam"])
    assert [(s.speaker.name, s.verb) for s in a.statements] == [("Đinh Công Tuấn", "yêu cầu")]


def test_reported_speech_with_the_speaker_at_the_end():
    a = analyse("Giá phân bón sẽ còn tăng trong quý tới, ông Đinh Công Tuấn cho biết.", people=["Đinh Công Tuấn"])
    assert said(a) == [("Đinh Công Tuấn", "reported", "cho biết", "Giá phân bón sẽ còn tăng trong quý tới")]


def test_noi_chung_is_not_speech():
    a = analyse("Quỹ Xanh nói chung và các quỹ địa phương nói riêng đã giải ngân chậm trong năm qua.",
                orgs=["Quỹ Xanh"])
    assert a.statements == []


def test_interview_answers():
    text = ("Ông Đinh Công Tuấn, Giám đốc Quỹ Xanh trả lời phỏng vấn báo Nông Thôn.\n"
            "Thưa ông, quỹ sẽ làm gì trong năm nay?\n"
            "Ông Đinh Công Tuấn: Chúng tôi sẽ mở thêm ba văn phòng ở các huyện vùng cao.\n"
            "Còn khó khăn lớn nhất là gì?\n"
            "Theo tôi, khó nhất là thiếu cán bộ hiểu nông nghiệp công nghệ cao.\n"
            "Xin cảm ơn ông!")
    a = analyse(text, people=["Đinh Công Tuấn"], orgs=["Quỹ Xanh"])
    assert said(a) == [
        ("Đinh Công Tuấn", "direct", None, "Chúng tôi sẽ mở thêm ba văn phòng ở các huyện vùng cao"),
        ("Đinh Công Tuấn", "direct", None, "Theo tôi, khó nhất là thiếu cán bộ hiểu nông nghiệp công nghệ cao")]


def test_speaker_named_again_by_title_and_given_name():
    text = ("Bộ trưởng Bộ Công Thương Vũ Đình Khoa dự phiên họp.\n"
            "“Chúng tôi không chấp nhận việc chậm cấp phép thêm một quý nào nữa”, Bộ trưởng Khoa khẳng định.\n"
            "Theo Bộ trưởng Khoa, ngành điện cần thêm vốn cho lưới truyền tải miền Trung.")
    a = analyse(text, people=["Vũ Đình Khoa"])
    assert [(n, k) for n, k, _, _ in said(a)] == [("Vũ Đình Khoa", "direct"), ("Vũ Đình Khoa", "reported")]


def test_reported_clause_ending_in_a_colon_runs_through_the_list_items():
    text = ("Bà Mai Thị Hoa yêu cầu các huyện làm ngay hai việc:\n"
            "- Rà soát toàn bộ hồ sơ đất đai tồn đọng trước tháng 10;\n"
            "- Công khai danh sách hộ được hỗ trợ tại nhà văn hóa thôn.\n"
            "Hội nghị kết thúc lúc 17 giờ cùng ngày.")
    a = analyse(text, people=["Mai Thị Hoa"], female=["Mai Thị Hoa"])
    (st,) = a.statements
    assert st.span.of(a.text).startswith("các huyện làm ngay hai việc:")
    assert st.span.of(a.text).endswith("tại nhà văn hóa thôn")
    assert "Hội nghị" not in st.span.of(a.text)


def test_bao_cao_reports_speech_after_a_person_but_not_as_a_noun():
    text = ("Giám đốc Sở Xây dựng Hà Văn Lợi báo cáo sở đã cấp 320 giấy phép xây dựng trong tháng.\n"
            "Theo báo cáo của sở, số giấy phép tăng 12% so với cùng kỳ.")
    a = analyse(text, people=["Hà Văn Lợi"])
    assert said(a) == [("Hà Văn Lợi", "reported", "báo cáo", "sở đã cấp 320 giấy phép xây dựng trong tháng")]


def test_theo_a_title_whose_body_name_holds_a_comma_and_unreported_is_no_verb():
    text = ("Theo Vụ trưởng Vụ Kế hoạch, tài chính Ngô Văn Tâm, ngân sách năm nay tăng 8% so với năm trước.\n"
            "Đoàn do ông Ngô Văn Tâm, Trưởng nhóm chống khai thác không báo cáo và không theo quy định làm trưởng "
            "đoàn đã đến tỉnh.")
    a = analyse(text, people=["Ngô Văn Tâm"])
    assert said(a) == [("Ngô Văn Tâm", "reported", "theo", "ngân sách năm nay tăng 8% so với năm trước")]


def test_a_post_written_with_its_body_names_its_holder_not_the_body():
    text = ("Ông Vi Văn Kha, Bí thư Tỉnh ủy, chủ trì kỳ họp. Phát biểu bế mạc, Bí thư Tỉnh ủy đề nghị "
            "các sở khẩn trương ban hành kế hoạch thực hiện nghị quyết.")
    a = analyse(text, people=["Vi Văn Kha"], orgs=["Tỉnh ủy"])
    assert [(s.speaker.name, s.verb) for s in a.statements] == [("Vi Văn Kha", "đề nghị")]


def test_quote_closed_by_a_manner_word_and_a_debate_verb():
    text = ('"Hỗ trợ như vậy là chưa đến nơi đến chốn", bà Lò Thị Mai thẳng thắn. '
            "Ông Đinh Công Tuấn tranh luận lại, khẳng định dữ liệu là tài nguyên quốc gia.")
    a = analyse(text, people=["Lò Thị Mai", "Đinh Công Tuấn"], female=["Lò Thị Mai"])
    assert [(s.speaker.name, s.kind) for s in a.statements] == [("Lò Thị Mai", "direct"),
                                                                ("Đinh Công Tuấn", "reported")]


def test_theo_after_a_connective_and_theo_bao_cao_cua_a_body_with_a_comma():
    text = ("Tuy nhiên, theo ông Đinh Công Tuấn, kết quả giữa các vùng chưa đồng đều. "
            "Theo báo cáo của Sở Lao động, Thương binh và Xã hội, tỷ lệ hộ nghèo của tỉnh còn 4,6%.")
    a = analyse(text, people=["Đinh Công Tuấn"], orgs=["Sở Lao động, Thương binh và Xã hội"])
    assert [(s.speaker.name, s.span.of(a.text)) for s in a.statements] == [
        ("Đinh Công Tuấn", "kết quả giữa các vùng chưa đồng đều"),
        ("Sở Lao động, Thương binh và Xã hội", "tỷ lệ hộ nghèo của tỉnh còn 4,6%")]


def test_an_interview_answer_runs_on_in_its_next_paragraphs_up_to_a_question():
    text = ("Ông Đinh Công Tuấn, Giám đốc Quỹ Xanh trả lời phỏng vấn báo Nông Thôn.\n"
            "Phóng viên: Quỹ sẽ làm gì trong năm nay?\n"
            "Ông Đinh Công Tuấn: Quỹ đã cho vay 300 hộ.\n"
            "Năm nay chúng tôi sẽ mở thêm ba văn phòng ở các huyện vùng cao.\n"
            "Phóng viên: Xin cảm ơn ông về cuộc trao đổi này.\n"
            "Buổi trao đổi diễn ra tại trụ sở của quỹ ở Sơn La.")
    a = analyse(text, people=["Đinh Công Tuấn"], orgs=["Quỹ Xanh"])
    assert [t for _, _, _, t in said(a)] == [
        "Quỹ đã cho vay 300 hộ", "Năm nay chúng tôi sẽ mở thêm ba văn phòng ở các huyện vùng cao"]
