"""Tests for the ``dates`` component and its helpers (invented sentences)."""
from camket.loaders.extract.dates import find_dates, parse_date
from camket.loaders.pipeline import Pipeline
from camket.loaders.read import SourceDocument


def doc(text, date=None):
    return SourceDocument(doc_id="t", text=text, source="t.txt", sha256="0" * 64, date=date)


def test_parse_full_and_partial_dates():
    assert parse_date("ngày 3/11/2021") == "2021-11-03"
    assert parse_date("14-2-2018") == "2018-02-14"
    assert parse_date("05/01/2023") == "2023-01-05"
    assert parse_date("22/10", default_year=2020) == "2020-10-22"
    assert parse_date("tháng 10/2020") == "2020-10"
    assert parse_date("tháng 10-2022") == "2022-10"
    assert parse_date("năm 2019") == "2019"


def test_day_month_needs_a_cue_and_a_year():
    found = find_dates("Tỷ lệ 3/5 đại biểu; ngày 9/6 hội nghị khai mạc", 2024)
    assert [d.iso for d in found] == ["2024-06-09"]
    assert find_dates("ngày 9/6 hội nghị khai mạc") == []


def test_this_year_uses_the_year_given():
    found = find_dates("Đến tháng 9 năm nay sẽ tổng kết", 2023)
    assert found[0].iso == "2023-09"


def test_component_completes_year_from_the_sentence():
    text = "Ngày 14/3, Hội thảo Nông nghiệp xanh 2021 khai mạc tại Cần Thơ."
    a = Pipeline(["structure", "dates"])(doc(text))
    isos = [m.attrs["iso"] for m in a.mentions if m.kind == "date"]
    assert "2021-03-14" in isos


def test_component_uses_document_year_from_full_dates():
    text = "Ngày 2/4/2021 tỉnh ban hành kế hoạch.\nNgày 5/6, đoàn công tác làm việc."
    a = Pipeline(["structure", "dates"])(doc(text))
    isos = [m.attrs["iso"] for m in a.mentions if m.kind == "date"]
    assert isos == ["2021-04-02", "2021-06-05"]


def test_dateline_sets_document_date_only_when_missing():
    a = Pipeline(["structure", "dates"])(doc("Cần Thơ, 12/5/2022 - Sáng nay tỉnh họp."))
    assert a.doc.date == "2022-05-12"
    b = Pipeline(["structure", "dates"])(doc("Cần Thơ, 12/5/2022 - Sáng nay tỉnh họp.", date="2022-05-13"))
    assert b.doc.date == "2022-05-13"


def test_quarter_and_this_year_take_the_year_from_context():
    from camket.loaders.extract.dates import find_dates
    assert [d.iso for d in find_dates("hoàn thành trong quý III năm nay", 2023)] == ["2023-09"]
    assert [d.iso for d in find_dates("khánh thành trong quý IV", 2023)] == ["2023-12"]
    assert [d.iso for d in find_dates("đưa vào sử dụng trong năm nay", 2023)] == ["2023"]
    assert [d.iso for d in find_dates("thông xe trong năm tới", 2023)] == ["2024"]
    assert find_dates("trong quý III", None) == []  # no year known: no date
    assert find_dates("năm nay tỉnh đạt 7%", 2023) == []


def test_a_month_cued_as_a_time_takes_the_context_year():
    assert [(d.text, d.iso) for d in find_dates("Bộ sẽ báo cáo trong tháng 6. Có 6 tháng 3 ngày.", 2025)] == [
        ("tháng 6", "2025-06")]
    assert [d.iso for d in find_dates("trước tháng 10 năm 2026, trong tháng 6.5", 2025)] == ["2026-10"]
