"""The general gazetteers: every TSV loads, has its header, and holds no seed names."""
import json
from pathlib import Path

import pytest

from camket.loaders import gazetteer as gz

ACTOR_TABLES = ["places", "organizations", "org_kinds", "roles", "honorifics", "surnames"]
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seeds" / "gold"


@pytest.mark.parametrize("name", ACTOR_TABLES)
def test_tables_load_with_their_header(name):
    rows = gz.table(name)
    assert rows, name
    assert all(isinstance(r, dict) and all(k for k in r) for r in rows)


def test_places_cover_all_provinces_and_types():
    rows = gz.table("places")
    types = {r["type"] for r in rows}
    assert {"city", "province", "country", "region"} <= types
    vn = [r for r in rows if r["type"] in ("city", "province") and r["name"] in PROVINCES_63]
    assert {r["name"] for r in vn} == PROVINCES_63
    # the 34 units after the 2025 merger are all among the names known
    assert POST_2025 <= {r["name"] for r in rows}


def test_aliases_and_ambiguity_flags():
    by_name = {r["name"]: r for r in gz.table("places")}
    assert "TPHCM" in gz.split_list(by_name["Thành phố Hồ Chí Minh"]["aliases"])
    assert "amb" in by_name["Nga"]["flags"]
    phrases = gz.phrases_of("places")
    my = [p for p in phrases if p.text == "Mỹ"]
    assert my and my[0].ambiguous and my[0].row["name"] == "Hoa Kỳ"


def test_matcher_longest_match_and_canonical_tone_placement():
    m = gz.Matcher(gz.phrases_of("places"))
    words = [w.casefold() for w in "về Thái Bình Dương và Thái Bình".split()]
    (first, *_) = m.candidates(words, 1)
    assert first.row["name"] == "Thái Bình Dương"
    assert m.candidates(words, 5)[0].row["name"] == "Thái Bình"
    # old-style tone placement in the text meets the new-style gazetteer spelling
    assert gz.tokens("Khánh Hoà") == gz.tokens("Khánh Hòa")


def test_no_person_from_the_seed_articles_in_any_gazetteer():
    if not SEEDS.exists():
        pytest.skip("seed gold annotations not beside the repository")
    people = set()
    for path in SEEDS.glob("*.json"):
        for p in json.loads(path.read_text(encoding="utf-8"))["people"]:
            people.update([p["name"], *p.get("aliases", [])])
    text = "\n".join(p.read_text(encoding="utf-8") for p in gz.GAZETTEER_DIR.glob("*.tsv"))
    extract = Path(gz.__file__).parent / "extract"
    mine = ["nlp", "places", "organizations", "people", "roles", "resolve"]
    code = "\n".join(p.read_text(encoding="utf-8") for p in
                     [*(extract / f"{m}.py" for m in mine), *extract.glob("actors_*.py"), Path(gz.__file__)])
    for name in people:
        if len(name.split()) >= 2:
            assert name not in text, name
            assert name not in code, name


PROVINCES_63 = {
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thừa Thiên Huế",
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
    "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
}
POST_2025 = {
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai",
    "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
}
