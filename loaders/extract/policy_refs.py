"""Finding references to policy documents in canonical text (no entities made here).

A reference is a type word from ``policy_types.tsv`` with what identifies the
document: an official number ("Nghị quyết số 52-NQ/TW", "NQ 52", "Quyết định
950/QĐ-TTg"), a party congress ("Văn kiện Đại hội Đảng lần thứ XIII"), a name
("Luật Đất đai") or a title ("Đề án “...”", "Đề án phát triển ... đến năm
2030"). Modes (``policy_types.tsv``): numbered, named, titled (quoted or a
lower-case title), quoted (only a quoted title or a roman numeral: "Quy
hoạch điện VIII"), issued (a quoted title after "ban hành", "phê duyệt",
"thực hiện"...: "Chương trình “...”" is otherwise often a show or campaign),
congress. Around it, :func:`attributes_after` reads ", ngày 27/9/2019", "của Bộ
Chính trị" and "về “title”".

Public API: :class:`PolicyRef`, :func:`find_refs`, :func:`full_number`,
:func:`attributes_after`, :func:`congress_key`, :data:`CONGRESS`,
:func:`unquoted_title_end`, :data:`KNOWN_ISSUERS`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .alternation import words_alternation
from .speech_lexicon import PolicyType, policy_types

__all__ = ["PolicyRef", "find_refs", "full_number", "attributes_after", "congress_key",
           "CONGRESS", "unquoted_title_end", "KNOWN_ISSUERS", "issuer_convention"]

UPPER = "A-ZĐÀ-ỸÁÉÍÓÚÝÂÊÔĂƠƯ"
_SUFFIX = r"(?:/\d{4})?[-/][A-ZĐ]{1,5}[a-z]?\d{0,2}(?:[-/][A-ZĐa-z]{1,6}\d{0,2}){0,3}"
NUMBER = rf"(?:số\s*)?(?P<base>\d{{1,4}})(?P<suffix>{_SUFFIX})?(?![\d/.,]\d)"
CONGRESS = (r"Đại hội(?P<body>(?:\s+(?:Đảng bộ(?:\s+[^\s,.;\"]+){1,4}?|Đảng|đại biểu toàn quốc))*)"
            r"\s+(?:lần\s+thứ\s+)?(?P<ord>[IVXLC]{1,6})\b(?P<tail>\s+của\s+Đảng)?")
KNOWN_ISSUERS = re.compile(
    r"Ban Chấp hành Trung ương(?: Đảng)?|Bộ Chính trị|Ban Bí thư|Thủ tướng Chính phủ|Thủ tướng|"
    r"Ủy ban Thường vụ Quốc hội|Quốc hội|Chính phủ|Chủ tịch nước")
# Official number conventions: who issues a document decides its number's tail.
_CONVENTIONS = [(re.compile(r"Bộ Chính trị|Ban Chấp hành Trung ương|Ban Bí thư|Trung ương Đảng"), "{n}-{c}/TW"),
                (re.compile(r"Thủ tướng"), "{n}/{c}-TTg"),
                (re.compile(r"^Chính phủ$"), "{n}/{c}-CP")]
_TITLE_STOP = re.compile(r"\s*(?:[.;:?!\"(]|,\s*(?:đồng thời|để|nhằm|qua đó|trong đó|đây|và|nhưng|góp phần|với|"
                         r"tại|theo|khi|do|vì|sau|trước|thì|cũng|đã|sẽ)\b|\s(?:do|của|được|đã|sẽ|theo|cho|nhằm|ở|"
                         r"vừa|là|thì|mà|đang|tại|cũng|đều|nhấn mạnh|nêu|cần|phải|nên|bị|có thể|vẫn|chưa|không|hướng dẫn|"
                         r"đặt mục tiêu|đặt ra|đề ra|xác định mục tiêu)\s|"
                         # a new subject after a comma ends the title: "..., tỉnh đặt mục tiêu ..."
                         r",\s*(?:tỉnh|thành phố|huyện|các bộ|chúng ta|chúng tôi)\s|"
                         r"\s+và\s+(?=[A-ZĐ]))")
_ISSUED_BEFORE = re.compile(r"(?:ban hành|phê duyệt|thông qua|thực hiện|triển khai|xây dựng|sửa đổi|theo|của)"
                            r"(?:\s+\w+){0,2}\s+$")
_BODY_HEAD = re.compile(r"(?:Công ty|Văn phòng|Đại học|Học viện|Trường|Khoa|Viện|Tạp chí|Báo|Hãng|Đoàn|Hội|Câu lạc bộ)"
                        r"(?:\s+\w+)?\s+$")
_DEMONSTRATIVE = re.compile(r"(?:này|đó|trên|nói trên|ấy|kia|mới|chung|riêng|chuyên đề|cũng|được|đã|sẽ|là|và|"
                            r"của|do|với|cho|tại|trong|thì|sau|khi|nhằm|có|không|vẫn|đang|phải|cần|theo|"
                            # a predicate: the type word is the subject ("Chương trình hành động đặt mục tiêu")
                            r"đặt|đề ra|xác định|nêu|yêu cầu|giao|gồm|bao gồm|tập trung|hướng tới|nhấn mạnh|"
                            r"quy định|chỉ rõ)\b")


# a document of a numbered type named by its subject alone ("Nghị quyết về ...")
_UNNUMBERED = re.compile(r"(?P<type>Nghị quyết|Nghị định|Chỉ thị|Quyết định|Thông tư)\s+về\s+"
                         r"(?:việc\s+)?(?=[a-zđà-ỹ])")
_ANAPHORIC = re.compile(r"\b(?:này|đó|trên|ấy|kia)\b|,\s*(?:ông|bà|anh|chị|tôi|chúng)\b")
_LOWER_WORD = r"[a-zđà-ỹ][\w-]*"
_FUNCTION = (r"(?:của|năm|được|đã|tại|về|sẽ|cho|theo|với|trong|là|có|này|đó|để|khi|thì|mà|do|ngày|số|từ|đến|"
             r"các|những|mọi|nhiều|một|mỗi|hai|ba|cả|toàn|nhưng|song|tuy|nên|vì)")
# the rest of a name that lists its fields: ", công nghệ và đổi mới sáng tạo", ", công chức"
_LIST_TAIL = re.compile(rf"(?:,\s+(?!{_FUNCTION}\b){_LOWER_WORD}(?:\s+(?!{_FUNCTION}\b|và\b){_LOWER_WORD}){{0,2}})+"
                        rf"(?:\s+và\s+(?!{_FUNCTION}\b){_LOWER_WORD}(?:\s+(?!{_FUNCTION}\b){_LOWER_WORD}){{0,3}})"
                        rf"(?![\w])")


@dataclass
class PolicyRef:
    """One reference; ``start``/``end`` cover what names it (type to number or title)."""

    start: int
    end: int
    ptype: PolicyType
    spelling: str
    base: str | None = None       # "52"
    suffix: str | None = None     # "-NQ/TW"
    congress: str | None = None   # "Đại hội XIII"
    title: str | None = None
    title_quoted: bool = False
    attrs: dict = field(default_factory=dict)

    @property
    def number(self) -> str | None:
        return f"{self.base}{self.suffix}" if self.base and self.suffix else None


def issuer_convention(issuer: str, base: str, ptype: PolicyType) -> str | None:
    """The full official number a bare number has when ``issuer`` issued it ("52" -> "52-NQ/TW")."""
    if not ptype.code or ptype.mode != "numbered":
        return None
    for pattern, form in _CONVENTIONS:
        if pattern.search(issuer):
            return form.format(n=base, c=ptype.code)
    return None


def full_number(base: str, suffix: str) -> str:
    return f"{base}{suffix}".replace(" ", "")


def congress_key(match: re.Match) -> str:
    body = re.sub(r"\s+", " ", match.group("body") or "").strip()
    body = "" if body in ("", "Đảng", "đại biểu toàn quốc", "Đảng đại biểu toàn quốc") else " " + body
    return f"Đại hội{body} {match.group('ord')}"


_VISION = re.compile(r"tầm nhìn\s+(?:đến\s+)?(?:năm\s+)?\d{4}")


def unquoted_title_end(canon: str, start: int, max_words: int = 30) -> int:
    """End of an unquoted title starting at ``start`` (before a clause boundary)."""
    m = _TITLE_STOP.search(canon, start)
    end = m.start() if m else len(canon)
    nl = canon.find("\n", start, end)
    end = nl if nl != -1 else end
    vision = _VISION.search(canon, start, end)  # "..., tầm nhìn đến năm 2045" closes a title
    end = vision.end() if vision else end
    words = list(re.finditer(r"\S+", canon[start:end]))
    if len(words) > max_words:
        end = start + words[max_words - 1].end()
    return end


def _type_pattern(types) -> str:
    return "|".join(re.escape(t.name) for t in types)


def _compiled():
    types = policy_types()
    by_name = {t.name.casefold(): t for t in types}
    numbered = [t for t in types if t.code]
    typed_number = re.compile(rf"(?P<type>{words_alternation(t.name for t in numbered)})\s+{NUMBER}", re.I)
    # a type without a code of its own with a full official number: "Chương trình hành động số 15-CTr/TU"
    uncoded = [t for t in types if not t.code]
    uncoded_number = re.compile(rf"(?P<type>{_type_pattern(uncoded)})\s+số\s*(?P<base>\d{{1,4}})(?P<suffix>{_SUFFIX})"
                                r"(?![\d/.,]\d)")
    abbrev = re.compile(rf"\b(?P<type>{'|'.join(t.abbrev for t in types if t.abbrev)})\s*{NUMBER}")
    bare = re.compile(r"(?<![\w/-])(?P<base>\d{1,4})(?P<suffix>-(?P<code>NQ|KL|CT|QĐ|QĐi|TB)/TW)\b")
    congress = re.compile(rf"(?P<type>Văn kiện|Nghị quyết|Báo cáo chính trị)\s+(?P<cong>{CONGRESS})")
    named = re.compile(rf"(?P<type>{_type_pattern([t for t in types if t.mode == 'named'])})"
                       rf"\s+(?P<name>[{UPPER}]\w*(?:\s+(?!(?:và|của|năm|được|đã|có|là|để|với|trong|tại|về|"
                       rf"này|đó|sẽ|cũng|thì|mà|cho|theo|khi|đang|vừa|mới|cần|phải|bị|nay|hiện|hiện hành|quy định|"
                       rf"nêu|ghi|mới|đã|dự kiến|đang|vẫn|chưa|không|còn)\b)[\w-]+){{0,4}})")
    titled = re.compile(rf"(?P<type>{_type_pattern([t for t in types if t.mode in ('titled', 'quoted', 'issued')])})"
                        r"(?:\s+(?:về|về việc))?\s+(?P<q>\")?")
    return by_name, (typed_number, uncoded_number), abbrev, bare, congress, named, titled


_PATTERNS = None


def _patterns():
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _compiled()
    return _PATTERNS


def _type_of(word: str) -> PolicyType | None:
    by_name = _patterns()[0]
    word = word.casefold()
    if word in by_name:
        return by_name[word]
    return next((t for t in by_name.values() if t.abbrev and t.abbrev.casefold() == word), None)


def _starts_upper(canon: str, pos: int) -> bool:
    return canon[pos].isupper()


def find_refs(canon: str) -> list[PolicyRef]:
    """Every policy reference in ``canon``; titled ones may contain numbered ones."""
    _, typed_number, abbrev, bare, congress, named, titled = _patterns()
    refs: list[PolicyRef] = []

    def free(s, e):
        return not any(r.start < e and s < r.end for r in refs)

    for m in congress.finditer(canon):
        refs.append(PolicyRef(m.start(), m.end(), _type_of(m.group("type")), m.group(0),
                              congress=congress_key(re.match(CONGRESS, m.group("cong"))), title=m.group(0)))
    for pat in (*typed_number, abbrev):
        for m in pat.finditer(canon):
            if pat is not abbrev and not _starts_upper(canon, m.start()) and "số" not in m.group(0):
                continue
            if free(m.start(), m.end()):
                ptype, start = _type_by_code(canon, _type_of(m.group("type")), m.group("suffix"), m.start())
                refs.append(PolicyRef(start, m.end(), ptype, canon[start:m.end()],
                                      base=m.group("base"), suffix=m.group("suffix")))
    for m in bare.finditer(canon):
        if free(m.start(), m.end()):
            code = m.group("code")
            ptype = next(t for t in policy_types() if t.code == code)
            refs.append(PolicyRef(m.start(), m.end(), ptype, m.group(0), base=m.group("base"),
                                  suffix=m.group("suffix")))
    for m in named.finditer(canon):
        if _BODY_HEAD.search(canon[max(0, m.start() - 30):m.start()]):
            continue  # "Đại học Luật X", "Công ty Luật Y": part of a body's name
        if free(m.start(), m.end()) and _starts_upper(canon, m.start()):
            tail = _LIST_TAIL.match(canon, m.end())  # "Luật Khoa học, công nghệ và đổi mới sáng tạo"
            end = tail.end() if tail else m.end()
            refs.append(PolicyRef(m.start(), end, _type_of(m.group("type")), canon[m.start():end],
                                  title=canon[m.start("name"):end]))
    for m in _UNNUMBERED.finditer(canon):  # "Nghị quyết về chính sách hỗ trợ ... giai đoạn 2023 - 2025"
        end = unquoted_title_end(canon, m.end())
        title = canon[m.end():end].strip()
        if len(title.split()) >= 4 and free(m.start(), m.start() + 1) and not _ANAPHORIC.search(title):
            refs.append(PolicyRef(m.start(), m.end() + len(title), _type_of(m.group("type")),
                                  canon[m.start():m.end() + len(title)], title=title))
    numbered = list(refs)
    for m in titled.finditer(canon):
        if not _starts_upper(canon, m.start()) or any(r.start <= m.start() < r.end for r in numbered):
            continue
        ref = _titled(canon, m)
        if ref is not None:
            refs.append(ref)
    return sorted(refs, key=lambda r: (r.start, -r.end))


def _type_by_code(canon: str, ptype: PolicyType, suffix: str | None, start: int) -> tuple[PolicyType, int]:
    """The number's own code names the type: "Thông báo kết luận số 123-TB/TW" is a Thông báo."""
    code = re.search(r"[A-ZĐ]+[a-z]?", suffix or "")
    if not code or code.group(0) == ptype.code:
        return ptype, start
    other = next((t for t in policy_types() if t.code == code.group(0) and t.mode == "numbered"), None)
    if other is None:
        return ptype, start
    before = re.search(rf"{re.escape(other.name)}\s+$", canon[max(0, start - 30):start], re.I)
    return other, (start - len(before.group(0)) if before else start)


def _titled(canon: str, m: re.Match) -> PolicyRef | None:
    ptype = _type_of(m.group("type"))
    if m.start() > 0 and canon[m.start() - 1] == '"':
        return None  # the start of somebody's quoted title ("... trình bày về “Chương trình ...”")
    if ptype.mode == "issued" and m.group("q") \
            and not _ISSUED_BEFORE.search(canon, max(0, m.start() - 40), m.start()):
        return None  # "Chương trình “...”" is a policy only when issued / carried out, not a show
    if m.group("q"):
        close = canon.find('"', m.end())
        if close == -1 or close - m.end() > 400 or "\n" in canon[m.end():close]:
            return None
        title = canon[m.end():close]
        return PolicyRef(m.start(), close + 1, ptype, f"{m.group('type')} {title}", title=title,
                         title_quoted=True)
    if ptype.mode == "quoted":  # "Quy hoạch điện VIII": a few words and a roman numeral
        m2 = re.match(r"\s*((?:[\w-]+\s+){0,3}?[IVX]{1,5})\b", canon[m.end():m.end() + 40])
        if m2 and not m.group("q"):
            end = m.end() + m2.end()
            return PolicyRef(m.start(), end, ptype, canon[m.start():end], title=canon[m.start():end])
    start = m.end()
    if start >= len(canon) or not canon[start].islower() or _DEMONSTRATIVE.match(canon, start):
        return None
    end = unquoted_title_end(canon, start)
    title = canon[start:end].strip()
    if len(title.split()) < 3:
        return None
    if ptype.mode in ("quoted", "issued") and not _PERIOD.search(title):
        return None  # "chiến lược kinh doanh", "chương trình nghệ thuật": no document without its period
    return PolicyRef(m.start(), start + len(title), ptype, canon[m.start():start + len(title)], title=title)


# the period a strategy / plan / programme covers: "giai đoạn 2021 - 2030", "đến năm 2045", "... 2018"
_PERIOD = re.compile(r"(?:giai đoạn|đến năm|thời kỳ|tầm nhìn)\s+(?:đến năm\s+)?\d{4}|\s\d{4}$")


_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?(?:ngày|năm)\s+(?P<d>\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|\d{4})")
_ISSUER_AFTER = re.compile(r"\s*,?\s*(?:của|do)\s+")
_TITLE_AFTER = re.compile(r"\s*,?\s*(?:về việc|về)\s+(?P<q>\")?")


def attributes_after(canon: str, ref: PolicyRef) -> dict:
    """Date, issuer position and title written right after a reference.

    Returns ``{"date": "27/9/2019", "issuer_at": pos, "title": str,
    "title_span": (s, e), "end": pos}`` with the keys that were found.
    """
    out: dict = {}
    pos = ref.end
    for _ in range(4):
        if "date" not in out and (m := _DATE_AFTER.match(canon, pos)):
            out["date"], pos = m.group("d"), m.end()
        elif "issuer_at" not in out and (m := _ISSUER_AFTER.match(canon, pos)):
            out["issuer_at"] = m.end()
            im = KNOWN_ISSUERS.match(canon, m.end())
            out["issuer_text"] = im.group(0) if im else None
            pos = im.end() if im else m.end()
            if not im:
                nxt = re.search(r"\s(?:về|ngày|đã|,)", canon[m.end():m.end() + 80])
                pos = m.end() + (nxt.start() if nxt else 0)
        elif "title" not in out and not ref.title and (m := _TITLE_AFTER.match(canon, pos)):
            if m.group("q"):
                close = canon.find('"', m.end())
                if close == -1 or close - m.end() > 400:
                    break
                out["title"], out["title_span"], pos = canon[m.end():close], (m.end(), close), close + 1
            else:
                end = unquoted_title_end(canon, m.end())
                if end - m.end() < 8:
                    break
                out["title"], out["title_span"], pos = canon[m.end():end].strip(), (m.end(), end), end
        else:
            break
    out["end"] = pos
    return out
