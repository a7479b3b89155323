"""Component ``people``: person names, their honorifics and gender.

A person is a run of capitalised words found by one of these patterns (the
honorific or title is never part of the name):

1. **Honorific + name**: ông / bà / đồng chí / TS. / PGS.TS. / KTS. / ThS. /
   Mr... (``honorifics.tsv``) + 1–5 capitalised words. ông/bà give gender.
   "ông Lộc" (one word) is a short form the ``resolve`` component folds
   into the full name.
2. **Title + name**: a role word (``roles.tsv``) optionally followed by its
   body (an organisation mention, a place, capitalised descriptors) and then
   a Vietnamese name (known surname + 1–3 capitalised syllables) or a foreign
   one (two or more capitalised words without Vietnamese diacritics):
   "Bộ trưởng Bộ Xây dựng Phạm Minh Khôi", "Thủ tướng Lê Quốc Trung".
3. **Name + title**: a surname-led or foreign name followed by ", " and a
   role word: "Nguyễn Văn A, Phó Chủ tịch UBND ..." (lists of co-chairs).
4. **Photo credits**: "Ảnh: TTXVN/Minh Đức", "Ảnh: HOÀNG LONG": a credit
   part of two or more words that is not a body is a photographer. **Bylines**:
   the last line alone, made only of 2–4-word capitalised names ("Thu Trang",
   "Minh Nhật - Bảo Trâm", "Hải Yến (thực hiện)"), names the reporters.
5. **NLP candidates**: a multi-syllable ``Np`` token from the ``nlp``
   component that starts with a surname and is not a place or body.

Negative rules: a run that is a place or a body ("Hà Nội", "Thái Bình
Dương", "Hồ Chí Minh" in "TP Hồ Chí Minh") is not a person; a place inside a
name found by patterns 1–3 ("Nguyễn Thái Bình") is dropped as a place.
"""
from __future__ import annotations

from ..model import Analysis, Span
from ..pipeline import component
from . import actors_lexicon as lex
from .actors_text import (MentionIndex, Word, add_mention, remove_mention, space_joined, words)

MAX_NAME = 5
NLP_CONTEXT = 8  # words of context either side of a name the segmenter is asked about
# address words that are also (rare) surnames: "Ông X" opens a name, it is not one
# streets, schools, bridges... named after people
NAMED_AFTER = {"đường", "phố", "phường", "quận", "huyện", "xã", "trường", "cầu", "hẻm", "ngõ",
               "kiệt", "đại", "lộ", "tượng", "đền", "chùa", "giải", "giải thưởng", "tàu", "sân"}
ADDRESS_WORDS = {"ông", "bà", "anh", "chị", "cô", "chú", "bác"}


def _joined_name(ws: list[Word], j: int) -> bool:
    """Word ``j`` continues a name from ``j-1``: spaces or a hyphen inside a word pair."""
    return space_joined(ws, j) or (j > 0 and ws[j].gap == "-" and ws[j].latin)


def _syllable_after_hyphen(ws: list[Word], k: int, j: int) -> bool:
    """The lower-case second syllable of a hyphenated given name: "Jin-woo", "Dong-hyun"."""
    return k > j and ws[k].gap == "-" and ws[k].latin and ws[k - 1].latin and ws[k - 1].cap


def _abbreviation_gap(honorific_end: str, gap: str) -> bool:
    """A name may follow its honorific across a full stop only when the honorific is an
    abbreviation ("TS. Lê Văn A", "Mr. Kim"), on the same line: after "ông" or "đại biểu"
    a full stop ends the sentence."""
    last = honorific_end.rstrip(".").rsplit(".", 1)[-1]  # "PGS.TS" -> "TS"
    return gap.strip() in (".", "") and "\n" not in gap and len(last) <= 4 and any(c.isupper() for c in last)


def _name_run(ws: list[Word], folded: list[str], j: int, limit: int = MAX_NAME) -> int:
    """Index after the run of capitalised words starting at ``j`` (stops at role/body words)."""
    k = j
    while k < len(ws) and k - j < limit and (ws[k].cap or _syllable_after_hyphen(ws, k, j)):
        if k > j and not _joined_name(ws, k):
            break
        if k > j and (lex.role_at(ws, k, folded) is not None or lex.is_kind_word(ws, k)):
            break
        k += 1
    return k


def vietnamese_name(ws: list[Word], j: int) -> int:
    """Index after a surname-led Vietnamese name (2–4 syllables) at ``j``, else ``j``."""
    w = ws[j]
    if not w.cap or w.fold not in lex.surnames() or w.fold in ADDRESS_WORDS:
        return j
    k = j + 1
    while k < len(ws) and k - j < 4 and space_joined(ws, k) and ws[k].cap \
            and ws[k].upper == w.upper:
        k += 1
    return k if k - j >= 2 else j


def foreign_name(ws: list[Word], j: int, folded: list[str], min_words: int = 2) -> int:
    """Index after a run of capitalised Latin words (a foreign name) at ``j``, else ``j``."""
    k = j
    while k < len(ws) and k - j < 5 and (ws[k].cap and not ws[k].upper or k > j and ws[k].gap == "-") \
            and (k == j or _joined_name(ws, k)):
        if k > j and (lex.role_at(ws, k, folded) is not None or lex.is_kind_word(ws, k)):
            break
        k += 1
    run = [w for i, w in enumerate(ws[j:k]) if i == 0 or w.gap != "-"]  # "Jin-woo" is one word
    if len(run) < min_words:
        return j
    # mostly without Vietnamese diacritics ("Peter Vũ" passes, "Hoa Kỳ" does not)
    if sum(1 for w in run if w.latin) < max(1, len(run) - 1) or not run[0].latin:
        return j
    return k


class _People:
    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.ws = words(analysis)
        self.folded = [w.fold for w in self.ws]
        self.found: dict[tuple[int, int], dict] = {}
        self.found_at: dict[int, tuple[int, int]] = {}  # word -> the candidate covering it
        self.mention_at = {}
        for m in analysis.mentions:
            self.mention_at.setdefault(m.span.start, []).append(m)
        self.index = MentionIndex(analysis, ("place", "org"))

    # -- helpers -----------------------------------------------------------------
    def mentions_over(self, i: int, end: int, kinds=("place", "org")):
        return self.index.over(i, end, kinds)

    def exactly_other(self, i: int, end: int) -> bool:
        """The run is, or lies inside, a place or a body."""
        span = Span(self.ws[i].start, self.ws[end - 1].end)
        return any(span in m.span for m in self.index.covering(i, ("place", "org")))

    def add(self, i: int, end: int, source: str, strong: bool, **attrs) -> None:
        if end <= i:
            return
        key = (i, end)
        overlapping = {self.found_at[k] for k in range(i, end) if k in self.found_at}
        for (a, b) in overlapping:
            info = self.found[(a, b)]
            # overlapping candidates: keep the stronger, then the longer
            if (info["strong"], b - a) >= (strong, end - i):
                for k, v in attrs.items():
                    info.setdefault(k, v)
                return
        for (a, b) in overlapping:
            del self.found[(a, b)]
            for k in range(a, b):
                self.found_at.pop(k, None)
        self.found[key] = {"source": source, "strong": strong, **attrs}
        for k in range(i, end):
            self.found_at[k] = key

    def mention_end_at(self, j: int, kinds=("org", "place")) -> int | None:
        """Index after a mention starting at word ``j``."""
        if j >= len(self.ws):
            return None
        for m in self.mention_at.get(self.ws[j].start, ()):
            if m.kind in kinds:
                k = j
                while k < len(self.ws) and self.ws[k].end <= m.span.end:
                    k += 1
                return k
        return None

    # -- 1. honorific + name -----------------------------------------------------
    def honorifics(self) -> None:
        ws, folded = self.ws, self.folded
        index = lex.honorifics().index
        for j in range(len(ws)):
            if folded[j] not in index:
                continue
            cands = lex.honorifics().candidates(folded, j, lambda k: space_joined(ws, k) or ws[k].gap == ".")
            if not cands:
                continue
            p = cands[0]
            kind = p.row.get("kind")
            if kind == "plural":
                continue
            if kind in ("academic", "rank") and not ws[j].cap:
                continue
            h_end = j + len(p.toks)
            if h_end >= len(ws) or not ws[h_end].cap:
                continue
            if lex.role_at(ws, h_end, folded) is not None or (
                    lex.is_kind_word(ws, h_end) and vietnamese_name(ws, h_end) == h_end):
                continue  # "Đồng chí Phó Trưởng Ban ... Name": the title pattern reads it
            if not (space_joined(ws, h_end) or _abbreviation_gap(ws[h_end - 1].text, ws[h_end].gap)):
                continue  # "... hơn 100 đại biểu.\nTheo kế hoạch": the sentence ended
            # the honorific itself inside a place ("Bà Rịa") is no honorific
            if self.mentions_over(j, h_end, ("place", "org")):
                continue
            end = _name_run(ws, folded, h_end)
            if end == h_end:
                continue
            # a body or place written after "ông"/"bà" is not a name
            if self.exactly_other(h_end, end):
                continue
            stop = self.mention_end_at(h_end)
            if stop is not None and stop >= end:
                continue
            gender = p.row.get("gender") or None
            self.add(h_end, end, "honorific", True,
                     honorific=self.a.text[ws[j].start:ws[h_end - 1].end] + (
                         "." if ws[h_end].gap.startswith(".") else ""),
                     gender=gender)

    # -- 2. title + name; 3. name + title ---------------------------------------
    def name_titles(self) -> None:
        ws, folded = self.ws, self.folded
        for j in range(len(ws)):
            if not ws[j].cap or (j > 0 and space_joined(ws, j) and ws[j - 1].cap):
                continue
            end = vietnamese_name(ws, j)
            if end == j:
                end = foreign_name(ws, j, folded)
            if end == j or end >= len(ws) or ws[end].gap.strip() not in (",", "-", "\u2013", "("):
                continue
            if lex.role_at(ws, end, folded) is not None and not self.exactly_other(j, end):
                self.add(j, end, "name-title", True)

    def appositive(self, j: int) -> bool:
        """The role at word ``j`` describes a name written before it.

        "ông X, Uỷ viên ..., Bí thư ..., Trưởng Ban ..." — walk back over
        comma-separated titles to a person found by the other patterns.
        """
        ws, folded = self.ws, self.folded
        k = j
        for _ in range(6):
            if k == 0 or ws[k].gap.strip() != ",":
                return False
            prev_end = k
            if any(b == prev_end for (_, b) in self.found):
                return True
            # previous segment: back to the start of the clause or the previous comma
            s = k - 1
            while s > 0 and (space_joined(ws, s) or ws[s].gap.strip() in ("-", "")) and k - s < 15:
                s -= 1
            if lex.role_at(ws, s, folded) is None and not ws[s].cap:
                return False
            k = s
        return False

    def skip_body(self, k: int) -> int:
        """Index after the bodies/places (and descriptors before them) following a title."""
        ws = self.ws
        start = k
        for _ in range(3):
            if k >= len(ws) or not space_joined(ws, k):
                break
            nxt = self.mention_end_at(k, ("org", "place"))
            if nxt is not None:
                k = nxt
                continue
            # "Đại sứ Nhật Bản tại Việt Nam Name"
            if k > start and ws[k].fold in ("tại", "ở") and k + 1 < len(ws) and space_joined(ws, k + 1):
                nxt = self.mention_end_at(k + 1, ("place",))
                if nxt is not None:
                    k = nxt
                    continue
            break
        # a bracketed acronym after the body: "Ngân hàng Trung ương châu Âu (ECB) Name"
        if k > start and k + 1 < len(ws) and ws[k].gap.strip() == "(" and ws[k].upper \
                and ws[k + 1].gap.strip() == ")" and ws[k + 1].gap.endswith(" "):
            return k + 1
        if k > start:
            return k
        # lower-case descriptors then a name: "Chuyên gia kinh tế Name"
        d = k
        while d < len(ws) and d - k < 3 and space_joined(ws, d) and not ws[d].cap \
                and not lex.stops_at(ws, d):
            d += 1
        if d > k and d < len(ws) and space_joined(ws, d) and vietnamese_name(ws, d) > d:
            return d
        # descriptors then a body or place: "Ngoại giao Canada", "Kỹ thuật của Acme"
        d = k
        while d < len(ws) and d - k < 4 and space_joined(ws, d) and not lex.stops_at(ws, d) \
                and lex.role_at(ws, d, self.folded) is None and vietnamese_name(ws, d) == d:
            d += 1
            nxt = self.mention_end_at(d, ("org", "place"))
            if nxt is not None and d < len(ws) and space_joined(ws, d):
                return self.skip_body(d)
        return k

    def titles(self) -> None:
        ws, folded = self.ws, self.folded
        for j in range(len(ws)):
            p = lex.role_at(ws, j, folded)
            if p is None or self.appositive(j):
                continue
            k = j + len(p.toks)
            # a body that starts inside the role phrase ("Giám đốc [Sở Tư pháp]")
            for m in self.index.covering(k - 1, ("org",)):
                while k < len(ws) and ws[k].end <= m.span.end:
                    k += 1
            # the body the post belongs to, if written between title and name,
            # possibly after descriptors ("Thứ trưởng Ngoại giao [Canada] Name")
            k = self.skip_body(k)
            if k >= len(ws) or not (space_joined(ws, k) or ws[k].gap.strip() == ")"):
                continue
            end = vietnamese_name(ws, k)
            if end == k:
                end = foreign_name(ws, k, folded)
            if end > k and not self.exactly_other(k, end):
                self.add(k, end, "title", True)
    # -- 4. photo credits ---------------------------------------------------------
    def credits(self) -> None:
        ws = self.ws
        for a, b in lex.credit_segments(ws):
            if self.exactly_other(a, b) or self.mentions_over(a, b, ("org",)):
                continue
            if b - a >= 2 or (ws[a].upper and not ws[a].latin):
                self.add(a, b, "credit", True)

    # -- 4b. a byline alone on the last line --------------------------------------
    def byline(self) -> None:
        if len(self.a.paragraphs) < 3:
            return
        last = self.a.paragraphs[-1]
        inside = [w.i for w in self.ws if last.start <= w.start < last.end]
        if not inside:
            return
        for a, b in lex.byline_segments(self.ws, (inside[0], inside[-1] + 1)):
            if not (self.exactly_other(a, b) or self.mentions_over(a, b, ("org", "place"))):
                self.add(a, b, "byline", True)

    # -- 5. NLP candidates --------------------------------------------------------
    def nlp(self) -> None:
        """A bare surname-led name is a person when the segmenter makes it one
        proper-noun token. Only names no rule found are asked about (a weak
        candidate overlapping a strong one would be dropped anyway), so only
        their sentences are segmented."""
        from .nlp import proper_noun
        ws, seg = self.ws, self.a.nlp
        for j in range(len(ws)):
            end = vietnamese_name(ws, j)
            if end == j or any(k in self.found_at for k in range(j, end)) or self.mentions_over(j, end):
                continue
            if j > 0 and space_joined(ws, j) and ws[j - 1].fold in NAMED_AFTER:
                continue  # "đường Lê Lai", "trường Trần Phú": named after a person, not one
            context = (ws[max(0, j - NLP_CONTEXT)].start, ws[min(len(ws), end + NLP_CONTEXT) - 1].end)
            t = seg.token_at(ws[j].start, context)
            if t is None or t.end != ws[end - 1].end or " " not in t.text or not proper_noun(t):
                continue
            self.add(j, end, "nlp", False)

    # -- output -------------------------------------------------------------------
    def emit(self) -> None:
        a, ws = self.a, self.ws
        removed: set[int] = set()
        for (i, end), info in sorted(self.found.items()):
            span = Span(ws[i].start, ws[end - 1].end)
            blocked = False
            for m in self.index.over(i, end, ("place", "org")):
                if id(m) in removed:
                    continue
                if m.kind == "place" and info["strong"] and span.start <= m.span.start \
                        and m.span.end <= span.end:
                    remove_mention(a, m)  # "Nguyễn Thái Bình" is not Thái Bình
                    removed.add(id(m))
                else:
                    blocked = True
            if blocked:
                continue
            written = a.text[span.start:span.end]
            attrs = {k: v for k, v in info.items() if k in ("gender", "honorific")}
            if attrs.get("gender") is None and " Thị " in f" {written} ":
                attrs["gender"] = "female"
            ent = a.entity("person", written, **attrs)
            add_mention(a, "person", span.start, span.end, ent, source=info["source"],
                        words=end - i, **attrs)


@component("people")
def people(analysis: Analysis) -> None:
    p = _People(analysis)
    p.honorifics()
    p.name_titles()
    p.titles()
    p.credits()
    p.byline()
    if analysis.nlp is not None:
        p.nlp()
    p.emit()
