"""Shared word lists and gazetteer look-ups for the actor components.

Everything general lives in ``data/gazetteers/*.tsv`` (role words, kinds of
bodies, well-known bodies, honorifics, surnames, places); this module loads
them once per process and adds the few closed classes of Vietnamese function
words the rules need to know where a name stops.
"""
from __future__ import annotations

import functools

from camket.loaders import gazetteer as gz
from camket.ontology.iri import canonical

from .actors_text import Word, space_joined

# words that never continue a body's or a person's name (lower case only)
STOP_WORDS = frozenset("""
của thuộc tại ở về với cho đã sẽ đang vừa là có được bị cũng này đó kia ấy các những mọi
trong ngoài trên dưới từ đến tới để khi theo nhằm như nhưng hay hoặc thì mà do vì nên rằng
cùng nay hiện vào ra lên xuống sau trước giữa qua bởi nhiều một hai ba bốn năm sáu bảy tám chín mười
ngày tháng lần khóa nhiệm kỳ đồng thời đây kèm gồm bao gồm luôn rất đều chưa không
đưa trình gửi gặp ký đạt tăng giảm nêu nói cử bổ nhiệm vẫn còn nữa
""".split())

STOP_BIGRAMS = frozenset(tuple(x.split()) for x in """
phát biểu|cho biết|nhấn mạnh|khẳng định|tổ chức|ban hành|phối hợp|chủ trì|tham gia|tham dự
|đề nghị|cho rằng|phân tích|thông báo|trình bày|tham mưu|chia sẻ|góp phần|hướng dẫn|kiểm tra
|giám sát|lãnh đạo|chỉ đạo|yêu cầu|đánh giá|công bố|triển khai|thực hiện|đại diện|khuyến nghị
|kêu gọi|đề xuất|bày tỏ|mong muốn|nêu rõ|ký kết|chính thức|cam kết|tiếp tục|đóng vai|trở thành
|xác định|đặt mục|đề ra|dự kiến|khai mạc|bế mạc|kết luận|chào mừng|tham luận|cảm ơn|làm việc
|tham quan|khảo sát|đến thăm|gặp gỡ|tiếp đón|đón tiếp|trao đổi|thảo luận|nói rõ|nhận định
|tập trung|hoàn thành|đẩy mạnh|tăng cường|phấn đấu|quyết tâm|nỗ lực|bảo đảm|đảm bảo|khẩn trương
""".replace("\n", "").split("|"))


def credit_segments(ws: list[Word]) -> list[tuple[int, int]]:
    """Word ranges named in photo credits: "Ảnh: TTXVN/Minh Đức" → [VGP], [Minh Đức]."""
    out = []
    for j, w in enumerate(ws):
        if w.fold not in CREDIT_HEADS or j + 1 >= len(ws) or ws[j + 1].gap.strip() != ":":
            continue
        k = j + 1
        while k < len(ws) and k - j <= 8 and "\n" not in ws[k].gap:
            if k > j + 1 and ws[k].gap.strip() not in ("/", ",", "-"):
                break
            e = k + 1
            while e < len(ws) and space_joined(ws, e) and ws[e].cap and e - k < 4:
                e += 1
            if not ws[k].cap:
                break
            out.append((k, e))
            k = e
    return out


CREDIT_HEADS = {"ảnh", "nguồn", "video", "clip", "đồ họa", "infographic"}

# what follows a byline in brackets: "Hải Yến (thực hiện)", "Minh Anh (tổng hợp)"
BYLINE_NOTES = {"thực hiện", "tổng hợp", "ghi", "lược dịch", "dịch", "theo"}
BYLINE_MAX_WORDS = 10


def byline_segments(ws: list[Word], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Word ranges of a byline: the article's last line alone, made of names.

    "Thu Trang", "Minh Nhật - Bảo Trâm", "Hải Yến (thực hiện)", "HOÀNG LONG":
    runs of 2–4 capitalised words, joined by "-" or ",", optionally followed
    by a bracketed lower-case note. Anything else on the line (a lower-case
    word, a sentence mark, "Theo Báo X") means it is no byline.
    """
    a, b = last
    if b - a > BYLINE_MAX_WORDS or b <= a:
        return []
    note = next((k for k in range(a + 1, b) if ws[k].gap.strip() == "("), b)
    if note < b and " ".join(w.fold for w in ws[note:b]) not in BYLINE_NOTES:
        return []
    out, k = [], a
    while k < note:
        e = k + 1
        while e < note and space_joined(ws, e):
            e += 1
        if not 2 <= e - k <= 4 or not all(w.cap and w.text.isalpha() for w in ws[k:e]) \
                or ws[k].fold in ("theo", "nguồn", "ảnh"):
            return []
        if e < note and ws[e].gap.strip() not in ("-", ","):
            return []
        out.append((k, e))
        k = e
    return out


def stops_at(ws: list[Word], j: int) -> bool:
    """Word ``j`` (lower case) ends a name: a function word or a verb phrase."""
    w = ws[j]
    if w.cap:
        return False
    if w.fold in STOP_WORDS or w.fold.isdigit():
        # "hàng không" (aviation), "vô tuyến"... are nouns, not the negation
        return not (w.fold == "không" and j > 0 and ws[j - 1].fold in ("hàng", "phi"))
    if j + 1 < len(ws) and space_joined(ws, j + 1) and (w.fold, ws[j + 1].fold) in STOP_BIGRAMS:
        return True
    return False


@functools.lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return gz.kind_set("surnames", "surname")


@functools.lru_cache(maxsize=None)
def middle_names() -> frozenset[str]:
    return gz.kind_set("surnames", "middle")


@functools.lru_cache(maxsize=None)
def org_kinds() -> gz.Matcher:
    return gz.Matcher([gz.Phrase(r["kind"], gz.tokens(r["kind"]), r) for r in gz.table("org_kinds")])


@functools.lru_cache(maxsize=None)
def known_orgs() -> gz.Matcher:
    phrases = []
    for row in gz.table("organizations"):
        spellings = [(row["name"], False)]
        if row.get("acronym"):
            spellings.append((row["acronym"], False))
        for alias in gz.split_list(row.get("aliases")):
            spellings.append((alias.lstrip("~"), alias.startswith("~")))
        for text, amb in spellings:
            phrases.append(gz.Phrase(text, gz.tokens(text), row, ambiguous=amb,
                                     extra={"acronym": text == row.get("acronym")}))
    return gz.Matcher(phrases)


@functools.lru_cache(maxsize=None)
def roles() -> gz.Matcher:
    phrases = []
    for row in gz.table("roles"):
        flags = set(gz.split_list(row.get("flags")))
        texts = [row["role"]]
        if "deputy" in flags:
            texts.append("Phó " + row["role"])
        for text in texts:
            phrases.append(gz.Phrase(text, gz.tokens(text), row, extra={"flags": flags}))
    return gz.Matcher(phrases)


@functools.lru_cache(maxsize=None)
def honorifics() -> gz.Matcher:
    return gz.Matcher([gz.Phrase(r["honorific"], gz.tokens(r["honorific"]), r)
                       for r in gz.table("honorifics")])


def is_kind_word(ws: list[Word], j: int) -> bool:
    """A capitalised head word of a body name starts at ``j``."""
    if not ws[j].cap:
        return False
    folded = [w.fold for w in ws[j:j + 4]]
    return bool(org_kinds().candidates(folded, 0))


def role_at(ws: list[Word], j: int, folded: list[str]) -> gz.Phrase | None:
    """The longest role word starting at word ``j`` (case rules applied)."""
    if folded[j] not in roles().index:
        return None
    for p in roles().candidates(folded, j, lambda k: space_joined(ws, k)):
        if ws[j].cap or "lower" in p.extra["flags"]:
            if p.text[:1].isupper() and not ws[j].cap:
                continue
            return p
    return None


def canonical_key(text: str) -> str:
    return canonical(text)
