"""Component ``organizations``: named bodies, their acronyms and parents.

Sources of body mentions, in the order they are tried at each word:

1. **Well-known bodies** (``organizations.tsv``): party organs, state bodies,
   ministries, media, international organisations, large companies, with
   their acronyms and aliases ("TTXVN", "VTV.vn", "UN Habitat"). A country
   written right after one makes a foreign body ("Chính phủ Hoa Kỳ").
2. **Head word + name** (``org_kinds.tsv``): "Bộ Xây dựng", "Cục Phát triển
   đô thị", "Tập đoàn BRG", "Tổng Công ty viễn thông X", "Mạng lưới Đô thị
   thông minh ASEAN", "UBND TP Hải Phòng" (a people's committee takes the
   place that follows; its key is the full form "Ủy ban nhân dân thành phố
   ..."). The name runs over capitalised words and lower-case descriptors and
   stops at a function word or verb phrase, at punctuation, at a person's name
   (surname + capitalised syllables), at another head word, or right after a
   country or province. Heads that allow lower-case descriptors ("Trung tâm
   giải pháp") need a capitalised word or four descriptors to count as a name.
3. **Acronyms defined in the text**: "Full Name (ABC)" gives the body the
   ``acronym`` attribute and every later "ABC" resolves to it.
4. **Datelines and credits**: "VNHN - ..." or "VTV.vn - ..." opening a
   paragraph, and the agency in "Ảnh: VGP/Name" are media bodies.
5. **Lists after a plural head**: "các tập đoàn ... như: A, B (C), D và E".

Sub-organisations: "Cục X thuộc Bộ Y" and "Cục X, Bộ Y" set ``parent``.
"""
from __future__ import annotations

import functools
import re

from camket.loaders import gazetteer as gz
from camket.ontology.iri import canonical

from ..model import Analysis, Entity, Mention
from ..pipeline import component
from . import actors_lexicon as lex
from .actors_text import (MentionIndex, Word, add_mention, dash_or_space_joined, sentence_initial,
                          space_joined, word_index_at_or_after_words, words)

MAX_NAME_WORDS = 12
PLACE_PREFIX = {"city": "thành phố", "province": "tỉnh"}
CITY_WORDS = {("thành", "phố"), ("tp",), ("tp.",), ("tỉnh",), ("quận",), ("huyện",), ("thị", "xã")}
PLURAL_HEADS = {"tập đoàn", "doanh nghiệp", "công ty", "tổ chức", "đối tác", "hãng", "nhà tài trợ",
                "đơn vị", "ngân hàng", "cơ quan", "hiệp hội", "tổng công ty"}
CONCEPTS = {("chính", "phủ", "điện", "tử"), ("chính", "phủ", "số"), ("chính", "phủ", "mở"),
            ("chính", "phủ", "kiến", "tạo")}
PARTY_ORGANS = {"tỉnh", "thành", "huyện", "đảng"}  # first words of "Tỉnh ủy", "Thành ủy"...
SECTOR_WORDS = {"khối", "ngành", "lĩnh", "vực", "cấp"}
CREDIT_HEADS = {"ảnh", "nguồn", "video", "clip", "đồ họa", "infographic"}


# ------------------------------------------------------------ helpers

def _place_at(analysis: Analysis, ws: list[Word], j: int) -> tuple[Mention, int] | None:
    """A place mention starting at word ``j``: (mention, index after it)."""
    if j >= len(ws):
        return None
    index = analysis.__dict__.get("_org_place_index")
    if index is None or index[0] != id(analysis.mentions):  # places are all found before bodies
        index = (id(analysis.mentions), MentionIndex(analysis, ("place",)))
        analysis.__dict__["_org_place_index"] = index
    m = index[1].starting_at(j, ("place",))
    if m is None:
        return None
    k = j
    while k < len(ws) and ws[k].end <= m.span.end:
        k += 1
    return m, k


def _person_name_at(ws: list[Word], j: int) -> bool:
    """A Vietnamese personal name (surname + capitalised syllables) starts at ``j``."""
    w = ws[j]
    if not w.cap or w.fold not in lex.surnames() or w.upper and len(w.text) > 1 and not w.text.istitle():
        return False
    k = j + 1
    while k < len(ws) and space_joined(ws, k) and ws[k].cap and not ws[k].upper:
        k += 1
    return 2 <= k - j <= 4


def _continues_after_comma(analysis: Analysis, ws: list[Word], j: int) -> int:
    """After "Name," an enumeration of fields closed by "và": index after it, else 0.

    "Trung tâm Thông tin, phân tích và dự báo kinh tế" and "Sở Lao động,
    Thương binh và Xã hội" keep their comma. Capitalised fields must be
    Vietnamese words that open no body, place, person or post ("Bộ Y tế, Bộ
    Tài chính và ...", "Tập đoàn A, Sun Group và ..." are lists).
    """
    k = j
    seen_va = False
    folded = folded_words(analysis)
    while k < len(ws) and k - j < 8:
        w = ws[k]
        if k > j and not space_joined(ws, k):
            break
        if w.cap and not _field_word(analysis, ws, folded, k):
            if seen_va and ws[k - 1].fold != "và":
                break  # the last field is closed: "... và Xã hội [Lê Văn A]"
            return 0
        if w.fold == "và":
            seen_va = True
        elif w.fold in lex.STOP_WORDS:
            break
        k += 1
    return k if seen_va and k > j + 2 and ws[k - 1].fold != "và" else 0


def _field_word(analysis: Analysis, ws: list[Word], folded: list[str], k: int) -> bool:
    """A capitalised word of a field's name ("Thương binh", "Du lịch"), not a name of its own."""
    if k + 1 < len(ws) and ws[k].latin and ws[k + 1].latin and space_joined(ws, k + 1) \
            and ws[k + 1].cap:
        return False  # "Sun Group"
    return not (ws[k].upper or lex.is_kind_word(ws, k) or _place_at(analysis, ws, k)
                or _person_name_at(ws, k) or lex.role_at(ws, k, folded) is not None)


@functools.lru_cache(maxsize=None)
def _policy_type_tokens() -> frozenset[tuple[str, ...]]:
    from .speech_lexicon import policy_types
    return frozenset(gz.tokens(t.name) for t in policy_types())


def _policy_type_at(folded: list[str], k: int) -> bool:
    """A numbered document starts at ``k`` ("Thông tư số 01/2025/TT-BYT"; "Ban Chỉ đạo
    Chương trình mục tiêu quốc gia" keeps the programme in its name)."""
    return any(tuple(folded[k:k + len(t)]) == t and k + len(t) < len(folded)
               and (folded[k + len(t)] == "số" or folded[k + len(t)][:1].isdigit())
               for t in _policy_type_tokens())


def _managed_fields(ws: list[Word], folded: list[str], start: int, k: int) -> bool:
    """Word ``k`` opens one more field a "Cục / Vụ Quản lý ..." manages: lower case, after
    "và" or a comma, two or more words before the name stops ("khám, chữa bệnh"; a comma
    only after a one-word field, "Quản lý thị trường, công an" is a list)."""
    if "quản lý" not in " ".join(folded[start + 1:start + 3]) or not ws[k - 1].fold.islower():
        return False
    n = 0
    while k + n < len(ws) and (n == 0 or space_joined(ws, k + n)) and not ws[k + n].cap \
            and not lex.stops_at(ws, k + n) and ws[k + n].fold != "và":
        n += 1
    return n >= 2 or (n == 1 and (k + 1 >= len(ws) or not space_joined(ws, k + 1)))


def _extend_name(analysis: Analysis, ws: list[Word], start: int, j: int) -> tuple[int, bool]:
    """Extend a body name from word ``j``; (index after the name, ended on a place)."""
    folded = folded_words(analysis)
    k = j
    while k < len(ws) and k - start < MAX_NAME_WORDS:
        w = ws[k]
        if k > start and not space_joined(ws, k):
            gap = w.gap.strip()
            if gap == "," and k - start >= 2:
                after = _continues_after_comma(analysis, ws, k)
                if after:
                    k = after
                    continue
            if gap == "," and k - start == 4 and _managed_fields(ws, folded, start, k):
                k += 1  # "Cục Quản lý khám, chữa bệnh"
                continue
            if gap == "&" and w.cap and k - start >= 2 and not lex.is_kind_word(ws, k):
                k += 1  # "Báo Sức khỏe & Đời sống"
                continue
            if not (dash_or_space_joined(ws, k) and not w.cap and not ws[k - 1].cap):
                break
        if w.fold in ("và",) and not w.cap:
            # "Bộ Kế hoạch và Đầu tư": "và" joins two fields (the word before it is lower case)
            if k + 1 < len(ws) and ws[k + 1].cap and not ws[k - 1].cap and not lex.is_kind_word(ws, k + 1) \
                    and not _place_at(analysis, ws, k + 1) and not _person_name_at(ws, k + 1):
                k += 1
                continue
            if _managed_fields(ws, folded, start, k + 1):
                k += 1  # "Cục Quản lý nhà và thị trường bất động sản"
                continue
            break
        if lex.stops_at(ws, k):
            break
        if w.cap:
            place = _place_at(analysis, ws, k)
            if place is not None:
                return place[1], True
            if k > start and (lex.is_kind_word(ws, k) and k > j) :
                break
            if k > j and _policy_type_at(folded, k):
                break  # "Bộ Y tế sửa đổi [Thông tư số ...]": a document, not the body's name
            if _person_name_at(ws, k) and k > j:
                break
            if k > j and lex.role_at(ws, k, folded) is not None:
                break
        k += 1
    return k, False


def _folded(ws: list[Word]) -> list[str]:
    return [w.fold for w in ws]


def folded_words(analysis: Analysis) -> list[str]:
    """Case-folded words of the document (cached on the analysis)."""
    cached = analysis.__dict__.get("_actor_folded")
    if cached is None:
        cached = analysis.__dict__["_actor_folded"] = _folded(words(analysis))
    return cached


def _kind_body(analysis: Analysis, ws: list[Word], folded: list[str], i: int):
    """A body named by a head word at ``i``: (end index, kind row, key, ended on place)."""
    if not ws[i].cap:
        return None
    cands = lex.org_kinds().candidates(folded, i, lambda k: space_joined(ws, k))
    if not cands:
        return None
    p = cands[0]
    row = p.row
    j = i + len(p.toks)
    if j >= len(ws) or not (space_joined(ws, j) or ws[j].gap.strip() == "-"):
        return None
    if row["next"] == "place":
        k = j
        for prefix in CITY_WORDS:
            n = len(prefix)
            if tuple(folded[k:k + n]) == prefix:
                k += n
                break
        place = _place_at(analysis, ws, k) or _place_at(analysis, ws, j)
        if place is None:
            return _home_body(analysis, ws, folded, i, k, row)
        mention, end = place
        full = row.get("acronym_of") or row["kind"]
        ptype = mention.entity.attrs.get("place_type") if mention.entity else None
        place_key = mention.entity.key if mention.entity else mention.text
        prefix = PLACE_PREFIX.get(ptype, "") if full.endswith("nhân dân") else ""
        if place_key.casefold().startswith(prefix.casefold()):
            prefix = ""
        key = f"{full} {prefix} {place_key}"
        return end, row, canonical(key), True
    if row["next"] == "cap" and not ws[j].cap:
        return None
    end, on_place = _extend_name(analysis, ws, i, j)
    if on_place and (row["kind"] in POSTED_ABROAD or _foreign_country_at(analysis, ws, end)):
        end = _posted_at(analysis, ws, end)  # "Hiệp hội Doanh nghiệp Hàn Quốc [tại Việt Nam]"
    if on_place and row["next"] == "any" and end > j and _place_at(analysis, ws, j) \
            and _place_at(analysis, ws, j)[1] == end:
        return None  # "Tập đoàn Hàn Quốc", "doanh nghiệp Nhật Bản": a nationality, not a name
    # drop trailing lower-case words that close nothing ("Trung tâm giải pháp")
    if end <= j:
        return None
    if not on_place and ws[i].fold in ("ban", "văn") and end < len(ws) and space_joined(ws, end) \
            and folded[end] in PARTY_ORGANS:
        # "Ban Thường vụ Tỉnh ủy Lâm Đồng", "Văn phòng Tỉnh ủy": the organ is part of the name
        organ = _kind_body(analysis, ws, folded, end)
        if organ is not None:
            written = canonical(" ".join(w.text for w in ws[i:end]))
            key = f"{written} {organ[2]}" if organ[2] else None
            return organ[0], row, key, True
    body = ws[j:end]
    if row["next"] == "any":
        caps = [w for w in body if w.cap]
        if not caps and len(body) < 4:
            return None
    if len(body) == 1 and body[0].cap and _person_name_at(ws, j):
        return None
    # a head word that is also a surname, followed only by capitalised syllables, is a
    # person's name ("Đoàn Minh Triết"), not a body ("Đoàn Thanh niên")
    if ws[i].fold in lex.surnames() and len(p.toks) == 1:
        run = 0
        while run < len(body) and body[run].cap and not body[run].upper and run < 4:
            run += 1
        if run == len(body) and run <= 3 or 2 <= run <= 3 and not body[run].cap:
            return None
    return end, row, _key_without_level(analysis, ws, i, end), on_place


_LEVEL_BEFORE = re.compile(r"\s(?:tỉnh|thành phố|TP\.?)\s*$", re.I)


def _key_without_level(analysis: Analysis, ws: list[Word], i: int, end: int) -> str | None:
    """"Sở Du lịch thành phố Đà Nẵng" and "Sở Du lịch Đà Nẵng" are one body: the key names
    the place by its key, without the level word ("tỉnh", "thành phố") before it."""
    stop = ws[end - 1].end
    place = next((m for m in analysis.mentions if m.kind == "place" and m.span.end == stop
                  and m.entity is not None), None)
    if place is None:
        return None
    head = analysis.canon[ws[i].start:place.span.start]
    level = _LEVEL_BEFORE.search(head)
    return canonical(f"{head[:level.start()] if level else head.rstrip()} {place.entity.key}")


# a level word after a local body's kind ("UBND tỉnh") or the kind itself ("Tỉnh ủy")
LEVEL_TYPES = {("tỉnh",): "province", ("thành", "phố"): "city", ("tp",): "city", ("tp.",): "city"}
LEVEL_OF_KIND = {"tỉnh ủy": "province", "thành ủy": "city"}


def _home_body(analysis: Analysis, ws: list[Word], folded: list[str], i: int, k: int, row):
    """A local body written without its place ("UBND tỉnh", "Tỉnh ủy", "Công an tỉnh").

    It is the body of the document's own province (or city): the one of that
    level the text names most often. Without one, or when a capitalised word
    follows (an unknown place), it is no body.
    """
    j = i + len(gz.tokens(row["kind"]))
    level = LEVEL_TYPES.get(tuple(folded[j:k])) if k > j else LEVEL_OF_KIND.get(" ".join(folded[i:j]))
    if level is None or k < len(ws) and ws[k].cap and space_joined(ws, k) \
            and not _person_name_at(ws, k):
        return None  # "UBND tỉnh Xyz": an unknown place ("UBND tỉnh Lê Văn A": a name)
    home = _home_place(analysis, level)
    if home is None:
        return None
    full = row.get("acronym_of") or row["kind"]
    prefix = PLACE_PREFIX[level] if full.endswith("nhân dân") else ""
    if home.casefold().startswith(prefix.casefold()):
        prefix = ""
    return k, row, canonical(f"{full} {prefix} {home}"), True


def _home_place(analysis: Analysis, level: str) -> str | None:
    """Key of the place of ``level`` (province/city) the document names most often."""
    counts: dict[str, int] = {}
    for m in analysis.mentions:
        if m.kind == "place" and m.entity is not None and m.entity.attrs.get("place_type") == level:
            counts[m.entity.key] = counts.get(m.entity.key, 0) + 1
    return max(counts, key=lambda key: counts[key]) if counts else None  # ties: the first named


POSTED_ABROAD = {"Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán", "Văn phòng đại diện"}


def _foreign_country_at(analysis: Analysis, ws: list[Word], end: int) -> bool:
    """The body's name ends on a foreign country (the word before ``end``)."""
    for m in analysis.mentions:
        if m.kind == "place" and m.span.end == ws[end - 1].end and m.entity is not None:
            return m.entity.attrs.get("place_type") == "country" and m.entity.key != "Việt Nam"
    return False


def _posted_at(analysis: Analysis, ws: list[Word], end: int) -> int:
    """"Đại sứ quán Đan Mạch [tại Việt Nam]": the host place belongs to the mission's name."""
    if end + 1 < len(ws) and ws[end].fold == "tại" and space_joined(ws, end) and space_joined(ws, end + 1):
        place = _place_at(analysis, ws, end + 1)
        if place is not None:
            return place[1]
    return end


def _acronym_like(w: Word) -> bool:
    letters = [c for c in w.text if c.isalpha()]
    return 2 <= len(letters) <= 8 and w.upper and not re.fullmatch(r"[IVXLCDM]+", w.text)


def _domain_like(w: Word) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9-]+\.(vn|com|net|org|gov\.vn|com\.vn)", w.text))


class _Orgs:
    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.ws = words(analysis)
        self.folded = _folded(self.ws)
        self.covered: set[int] = set()  # words already in bodies

    def free(self, i: int, end: int) -> bool:
        return not any(k in self.covered for k in range(i, end))

    def add(self, i: int, end: int, key: str | None = None, org_kind: str | None = None,
            **attrs) -> Entity:
        a, ws = self.a, self.ws
        start, stop = ws[i].start, ws[end - 1].end
        written = a.text[start:stop]
        ent = a.entity("org", written, key=key or canonical(written), org_kind=org_kind, **attrs)
        add_mention(a, "org", start, stop, ent, org_kind=org_kind)
        self.covered.update(range(i, end))
        return ent

    # -- 1 + 2: gazetteer and head-word bodies ------------------------------------
    def known_at(self, i: int):
        ws = self.ws
        if self.folded[i] not in lex.known_orgs().index:
            return None
        joinable = lambda k: dash_or_space_joined(ws, k) or ws[k].gap.strip() == ","  # noqa: E731
        for p in lex.known_orgs().candidates(self.folded, i, joinable):
            n = len(p.toks)
            if sum(ws[k].gap.strip() == "," for k in range(i + 1, i + n)) != p.text.count(","):
                continue  # "Bộ Văn hóa, Thể thao và Du lịch" keeps its comma; a list does not
            if p.extra.get("acronym") or p.text.isupper():
                if not all(w.upper or not w.text.isalpha() for w in ws[i:i + n]) and not ws[i].text == p.text:
                    continue
            elif not ws[i].cap:
                continue
            if p.ambiguous and (sentence_initial(ws, i) or (i + n < len(ws) and ws[i + n].cap
                                                             and space_joined(ws, i + n))):
                continue
            if tuple(self.folded[i:i + n + 2]) in CONCEPTS or tuple(self.folded[i:i + n + 1]) in CONCEPTS:
                continue  # "Chính phủ điện tử" (e-government) is a concept, not a body
            if i > 0 and not ws[i - 1].cap and ws[i - 1].fold in SECTOR_WORDS and p.toks[0] == "chính":
                continue  # "khối Chính phủ": the government sector, not the body
            return p, i + n
        return None

    def scan(self) -> None:
        ws, a = self.ws, self.a
        known_first = lex.known_orgs().index
        i = 0
        while i < len(ws):
            if not ws[i].cap and self.folded[i] not in known_first:
                i += 1  # starts neither a known body nor a capitalised head word
                continue
            known = self.known_at(i)
            kind = _kind_body(a, ws, self.folded, i)
            if kind and self.inside_role(i, kind[0]):
                kind = None
            if known and kind and not any(w.cap for w in ws[known[1]:kind[0]]):
                kind = None
            if known and (not kind or known[1] >= kind[0]):
                p, end = known
                key, name_end = p.row["name"], end
                # a foreign country right after a well-known body: "Chính phủ Hoa Kỳ"
                place = _place_at(a, ws, end) if end < len(ws) and space_joined(ws, end) else None
                if place and place[0].entity and place[0].entity.attrs.get("place_type") == "country" \
                        and place[0].entity.key != "Việt Nam" and not p.extra.get("acronym"):
                    name_end = place[1]
                    key = f"{p.row['name']} {place[0].entity.key}"
                attrs = {}
                if p.row.get("acronym") and name_end == end:
                    attrs["acronym"] = p.row["acronym"]
                self.add(i, name_end, key=canonical(key), org_kind=p.row.get("org_kind") or None, **attrs)
                i = name_end
                continue
            if kind:
                end, row, key, _ = kind
                self.add(i, end, key=key, org_kind=row["org_kind"],
                         acronym=None)
                i = end
                continue
            i += 1

    def inside_role(self, i: int, end: int) -> bool:
        """Words [i, end) lie inside a role phrase ("Thành viên Ban Điều hành")."""
        for j in range(max(0, i - 4), i):
            p = lex.role_at(self.ws, j, self.folded)
            if p is not None and j + len(p.toks) >= end:
                return True
        return False

    # -- 3: acronyms defined in the text ------------------------------------------
    def acronyms(self) -> None:
        a, ws = self.a, self.ws
        defined: dict[str, Entity] = {}
        for m in list(a.mentions):
            if m.kind != "org" or m.entity is None:
                continue
            j = _index_after(ws, m.span.end)
            if j is None or j >= len(ws) or ws[j].gap.strip() != "(":
                continue
            if _acronym_like(ws[j]) or (ws[j].text[:1].isupper() and any(c.isupper() for c in ws[j].text[1:])):
                if j + 1 < len(ws) and ws[j + 1].gap.strip().startswith(")") or j + 1 == len(ws):
                    acr = ws[j].text
                    m.entity.attrs.setdefault("acronym", acr)
                    defined[acr] = m.entity
        if not defined:
            return
        for w in ws:
            ent = defined.get(w.text)
            if ent is not None and self.free(w.i, w.i + 1):
                add_mention(a, "org", w.start, w.end, ent, org_kind=ent.attrs.get("org_kind"))
                a.entity("org", a.text[w.start:w.end], key=ent.key)
                self.covered.add(w.i)

    # -- 4: datelines and photo credits -----------------------------------------------
    def datelines_and_credits(self) -> None:
        a, ws = self.a, self.ws
        for para in a.paragraphs:
            j = _index_after(ws, para.start - 0)
            if j is None or j >= len(ws):
                continue
            # "VNA - ...", "VTV.vn - ...", "(Chinhphu.vn) - ..."
            if ws[j].start != para.start and not (a.canon[para.start] == "(" and ws[j].start == para.start + 1
                                                   and j + 1 < len(ws) and ws[j + 1].gap.startswith(")")):
                continue
            w = ws[j]
            first_para = para is a.paragraphs[0]
            if (_acronym_like(w) or _domain_like(w) or first_para and w.latin and w.cap) and j + 1 < len(ws) \
                    and re.fullmatch(r"\)?\s*[-\u2013\u2014]\s*", ws[j + 1].gap) and self.free(j, j + 1):
                self.add(j, j + 1, org_kind="media")
        for a_, b_ in lex.credit_segments(ws):
            if b_ - a_ != 1 or not self.free(a_, b_):
                continue
            kn = self.known_at(a_)
            if kn:
                self.add(a_, kn[1], key=canonical(kn[0].row["name"]),
                         org_kind=kn[0].row.get("org_kind") or "media")
            elif _acronym_like(ws[a_]) and ws[a_].latin:
                self.add(a_, b_, org_kind="media")

    # -- 5: lists after a plural head ------------------------------------------------
    def lists(self) -> None:
        a, ws = self.a, self.ws
        text = a.canon
        for m in re.finditer(r"\b(?:các|những|nhiều)\s+([^\W\d][\w ]{0,60}?)\s+như\s*:?\s*", text, re.I):
            head = m.group(1).casefold()
            if not any(head.startswith(h) for h in PLURAL_HEADS):
                continue
            j = _index_after(ws, m.end())
            if j is None:
                continue
            first = j
            while j < len(ws):
                if j > first and ("\n" in ws[j].gap or re.search(r"[.;:!?]", ws[j].gap)):
                    break
                if not ws[j].cap:
                    if ws[j].fold == "và":
                        j += 1
                        continue
                    break
                at = [m for m in a.mentions if m.kind in ("org", "place") and m.span.start == ws[j].start]
                run_end = j + 1
                while run_end < len(ws) and space_joined(ws, run_end) and ws[run_end].cap and run_end - j < 5:
                    run_end += 1
                if at and at[0].kind == "place" and ws[run_end - 1].end > at[0].span.end:
                    at = []  # "Hoàng Sa Logistics": a brand that begins with a place name
                if at:
                    k = _index_after(ws, at[0].span.end) or len(ws)
                    j = k
                    if k < len(ws) and ws[k].gap.strip() == "(":
                        j = k + 1
                    continue
                k = j + 1
                while k < len(ws) and space_joined(ws, k) and ws[k].cap and k - j < 5:
                    k += 1
                if self.free(j, k):
                    self.add(j, k, org_kind="company" if "tập đoàn" in head or "doanh nghiệp" in head
                             or "công ty" in head or "hãng" in head else "other")
                # skip a parenthesised acronym
                if k < len(ws) and ws[k].gap.strip() == "(":
                    k += 1
                j = k

    # -- sub-organisations ------------------------------------------------------------
    def parents(self) -> None:
        a = self.a
        orgs = sorted((m for m in a.mentions if m.kind == "org" and m.entity is not None),
                      key=lambda m: m.span.start)
        for m1, m2 in zip(orgs, orgs[1:]):
            between = a.canon[m1.span.end:m2.span.start]
            if m1.entity is m2.entity:
                continue
            k1 = m1.entity.attrs.get("org_kind")
            if re.fullmatch(r"\s*(,|thuộc|trực thuộc|của)\s*", between) and _rank(m1) > _rank(m2):
                if "\n" in between:
                    continue
                if between.strip() == "," and not (_rank(m2) >= 1 and k1 in ("department", "other")):
                    continue
                m1.entity.attrs.setdefault("parent", m2.entity)


_RANKS = {"ministry": 0, "party": 0, "government": 0, "committee": 0, "company": 0,
          "international": 0, "assembly": 0}


def _rank(m: Mention) -> int:
    """Smaller units rank higher: a Cục (department) sits under a Bộ (ministry)."""
    name = m.text.casefold()
    if name.startswith(("cục", "vụ", "chi cục", "tổng cục", "trung tâm", "viện", "khối", "phòng", "sở")):
        return 2
    if name.startswith(("bộ", "ban", "ủy ban", "tập đoàn", "tổng công ty")):
        return 1
    return 1


def _index_after(ws: list[Word], offset: int) -> int | None:
    lo = word_index_at_or_after_words(ws, offset)
    return lo if lo < len(ws) else None


@component("organizations")
def organizations(analysis: Analysis) -> None:
    o = _Orgs(analysis)
    o.scan()
    o.datelines_and_credits()
    o.lists()
    o.acronyms()
    o.parents()
