"""Component ``roles``: posts people hold, as W3C ORG memberships.

A *title* is a role word from ``roles.tsv`` ("Bộ trưởng", "Phó Trưởng Ban",
"Tổng Thư ký", "người sáng lập"...) and what follows it up to the end of the
post: bodies, places, descriptors ("phụ trách Giải pháp dành cho khối Chính
phủ"), "của X", and comma-separated units that are not a new role ("Phó Cục
trưởng Cục Phát triển đô thị, Bộ Xây Dựng"). A title ends at a line break,
at ; . : or a bracket, at a verb phrase ("cho biết", "phát biểu"), at a
tense word (đã, sẽ, đang) or at a person's name.

Both orders give a membership:

* title + name — the title runs into a person mention: "Bộ trưởng Bộ Xây
  dựng Phạm Minh Khôi", "Thủ tướng Lê Quốc Trung";
* name + titles — a person mention, then ", title" repeatedly: "ông X, Uỷ
  viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Kinh tế Trung ương"
  (one person, three posts).

Each post appends ``Membership(person, title, role, org, span, date)``:
``title`` the post as written, ``role`` the role word ("Trưởng Ban"),
``org`` the most specific body in the title (the first: "Cục X, Bộ Y" →
Cục X, whose parent is Bộ Y), or a body the role word itself names
("Trưởng ban Kinh tế Trung ương" → Ban Kinh tế Trung ương), or a capitalised
unit written after the role that no other rule took ("Chuyên gia giải pháp,
Acme Việt Nam" → Acme Việt Nam, created here), or the role's default
body ("Thủ tướng" → Chính phủ) when the title names no place either.

"đại biểu X (Đoàn ĐBQH tỉnh Y)" makes X a delegate of the body in brackets.
"""
from __future__ import annotations

import functools
import re

from camket.loaders import gazetteer as gz
from camket.ontology.iri import canonical

from ..model import Analysis, Entity, Membership, Mention, Span
from ..pipeline import component
from . import actors_lexicon as lex
from .actors_text import MentionIndex, Word, add_mention, space_joined, word_index_at_or_after_words, words

MAX_TITLE_WORDS = 30
MODIFIERS = {"nguyên", "cựu", "quyền", "tân"}  # former, former, acting, newly appointed
TITLE_STOP_WORDS = frozenset("""
đã sẽ đang vừa là có được bị cũng này đó khi thì mà rằng nay đều vẫn còn với về để nhằm
theo trong ngoài từ đến tới và hoặc nhưng vì do nên cùng vào ra sau trước tại ở
""".split()) - {"tại"}
# "Đại sứ Việt Nam tại Mỹ" keeps "tại"; "ở" too is a place word inside titles
TITLE_STOP_WORDS = TITLE_STOP_WORDS - {"ở"}


def _title_stop(ws: list[Word], k: int) -> bool:
    w = ws[k]
    if w.cap:
        return False
    if w.fold in TITLE_STOP_WORDS:
        return True
    return k + 1 < len(ws) and space_joined(ws, k + 1) and (w.fold, ws[k + 1].fold) in lex.STOP_BIGRAMS


@functools.lru_cache(maxsize=None)
def _org_rows() -> dict[str, dict]:
    return {canonical(r["name"]).casefold(): r for r in gz.table("organizations")}


class _Roles:
    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.ws = words(analysis)
        self.folded = [w.fold for w in self.ws]
        self.start_at: dict[int, list[Mention]] = {}
        for m in analysis.mentions:
            self.start_at.setdefault(m.span.start, []).append(m)
        self.person_end: dict[int, Entity] = {}   # word index after a person mention -> person
        self.person_start: dict[int, Entity] = {}
        for m in analysis.mentions:
            if m.kind == "person" and m.entity is not None:
                i = self.index(m.span.start)
                e = self.index(m.span.end)
                self.person_start[i] = m.entity
                self.person_end[e] = m.entity
        self.title_end: dict[int, Entity] = {}    # word index after a title -> its holder
        self.mindex = MentionIndex(analysis, ("org", "place", "person"))

    def index(self, offset: int) -> int:
        return word_index_at_or_after_words(self.ws, offset)

    def mention_at(self, k: int, kinds: tuple[str, ...]) -> Mention | None:
        if k >= len(self.ws):
            return None
        for m in self.start_at.get(self.ws[k].start, ()):
            if m.kind in kinds:
                return m
        return None

    def covering(self, k: int, kinds: tuple[str, ...]) -> Mention | None:
        found = self.mindex.covering(k, kinds)
        return found[0] if found else None

    # -- the extent of a title -----------------------------------------------------
    def extent(self, j: int, n: int) -> tuple[int, Entity | None]:
        """Index after the title whose role word is ws[j:j+n]; the person it runs into."""
        ws = self.ws
        k = j + n
        inner = self.covering(k - 1, ("org",))
        if inner is not None:
            k = self.index(inner.span.end)
        while k < len(ws) and k - j < MAX_TITLE_WORDS:
            w = ws[k]
            if "\n" in w.gap:
                break
            g = w.gap.strip()
            if g in ("", "-", "\u2013"):
                if not space_joined(ws, k) and g == "":
                    break  # glued words
                if k in self.person_start:
                    return k, self.person_start[k]
                if _title_stop(ws, k):
                    break
                if w.cap and lex.role_at(ws, k, self.folded) is not None and self.mention_at(k, ("org",)) is None:
                    break
            elif g == ",":
                if not w.cap or k in self.person_start or lex.role_at(ws, k, self.folded) is not None:
                    break
            elif g == "(" and w.upper and k + 1 < len(ws) and ws[k + 1].gap.strip() == ")" \
                    and k + 1 in self.person_start:
                return k + 1, self.person_start[k + 1]  # "... châu Âu (ECB) Name"
            else:
                break
            m = self.mention_at(k, ("org", "place"))
            k = self.index(m.span.end) if m is not None else k + 1
        # trailing function words never end a title
        while k > j + n and not ws[k - 1].cap and ws[k - 1].fold in ("của", "tại", "ở", "phụ", "dành"):
            k -= 1
        return k, None

    # -- the body a title names ----------------------------------------------------
    def body(self, j: int, n: int, end: int, phrase: gz.Phrase) -> tuple[Entity | None, str]:
        a, ws = self.a, self.ws
        span = Span(ws[j].start, ws[end - 1].end)
        orgs = sorted((m for m in self.mindex.over(j, end, ("org",)) if m.entity is not None
                       and m.span.overlaps(span) and m.span.end <= span.end), key=lambda m: m.span.start)
        role_end = ws[j + n - 1].end
        role_text = a.text[ws[j].start:role_end]
        if orgs:
            first = orgs[0]
            if ws[j].start < first.span.start and first.span.end <= role_end:
                # the role phrase holds its body: "Thủ tướng [Chính phủ]", "Ủy viên [Bộ Chính trị]"
                role_text = a.text[ws[j].start:first.span.start].strip()
            return first.entity, role_text
        # the role word names the body: "Trưởng ban Kinh tế Trung ương"
        kind_pos = next((k for k in range(j, j + n) if lex.org_kinds().candidates(self.folded, k)
                         and self.folded[k] in ("ban", "phòng", "vụ", "cục", "sở", "viện")), None)
        if kind_pos is not None and end > j + n and ws[j + n].cap:
            written = a.text[ws[kind_pos].start:ws[end - 1].end]
            name = written[:1].upper() + written[1:]
            row = _org_rows().get(canonical(name).casefold())
            if row is not None:
                name = row["name"]
            ent = a.entity("org", name, key=canonical(name),
                           org_kind=(row or {}).get("org_kind") or "department")
            return ent, role_text
        # a capitalised unit after the role that no rule took: "..., Acme Việt Nam"
        unit = self.last_unit(j + n, end)
        if unit is not None:
            s, e = unit
            written = a.text[ws[s].start:ws[e - 1].end]
            ent = a.entity("org", written, org_kind="other")
            self.mindex.add(add_mention(a, "org", ws[s].start, ws[e - 1].end, ent, org_kind="other",
                                        source="title"))
            return ent, role_text
        places = [m for m in self.mindex.over(j, end, ("place",)) if m.span in span]
        default = phrase.row.get("default_org")
        if default and not places:
            row = _org_rows().get(canonical(default).casefold(), {})
            ent = a.entity("org", default, key=canonical(default), org_kind=row.get("org_kind") or None)
            if "complete" in phrase.extra["flags"]:
                return ent, role_text
            return ent, role_text
        return None, role_text

    def last_unit(self, start: int, end: int) -> tuple[int, int] | None:
        """The last all-capitalised run after a comma or at the start of the body."""
        ws = self.ws
        k = start
        best = None
        while k < end:
            if ws[k].cap and (k == start or ws[k].gap.strip() == ","):
                e = k + 1
                while e < end and space_joined(ws, e) and ws[e].cap:
                    e += 1
                if (e == end or ws[e].gap.strip() in (",",) or not ws[e].cap) and not self.only_place(k, e) \
                        and not lex.is_kind_word(ws, k) and (e == end or ws[e].gap.strip() == ","):
                    best = (k, e)
                k = e
            else:
                k += 1
        return best

    def only_place(self, s: int, e: int) -> bool:
        span = Span(self.ws[s].start, self.ws[e - 1].end)
        return any(span in m.span for m in self.mindex.covering(s, ("place", "person")))

    # -- memberships ---------------------------------------------------------------
    def run(self) -> None:
        a, ws = self.a, self.ws
        j = 0
        while j < len(ws):
            p = lex.role_at(ws, j, self.folded)
            if p is None or self.covering(j, ("person",)) is not None:
                j += 1
                continue
            n = len(p.toks)
            end, person = self.extent(j, n)
            holder = person
            first = j
            if j > 0 and ws[j - 1].fold in MODIFIERS and space_joined(ws, j):
                first = j - 1  # "nguyên Viện trưởng", "Quyền Giám đốc"
            if holder is None and ws[first].gap.strip() in (",", "(", "-", "\u2013"):
                # "X, Title", "X, Title 1, Title 2", "X (Title)"
                holder = self.person_end.get(first) or self.title_end.get(first)
            if holder is None:
                j += 1
                continue
            title_end = end
            org, role_text = self.body(j, n, title_end, p)
            start, stop = ws[first].start, ws[title_end - 1].end
            if a.text.count("(", start, stop) > a.text.count(")", start, stop) and a.text[stop:stop + 1] == ")":
                stop += 1  # "... châu Âu (ECB)"
            title = a.text[start:stop].strip()
            a.memberships.append(Membership(person=holder, title=title, role=role_text, org=org,
                                            span=Span(start, stop), date=a.date))
            self.title_end[title_end] = holder
            j = title_end if title_end > j else j + 1


_DELEGATE_OF = re.compile(r"(?:^|[\s,(])[Đđ]ại biểu\s+$")


def _delegates(analysis: Analysis) -> None:
    """"đại biểu Nguyễn Văn A (Đoàn ĐBQH tỉnh X)": a delegate of the body in brackets."""
    canon = analysis.canon
    orgs = {s.start: (s, e) for e in analysis.entities_of("org") for s in e.spans}
    for person in analysis.entities_of("person"):
        for span in person.spans:
            if not _DELEGATE_OF.search(canon, max(0, span.start - 12), span.start):
                continue
            opening = re.match(r"\s*\(\s*", canon[span.end:span.end + 4])
            found = orgs.get(span.end + opening.end()) if opening else None
            if found is None or not canon.startswith(")", found[0].end):
                continue
            start = canon.rfind("ại biểu", 0, span.start) - 1
            analysis.memberships.append(Membership(person=person, title=analysis.text[start:start + 8],
                                                   role="Đại biểu", org=found[1],
                                                   span=Span(start, found[0].end + 1), date=analysis.date))


@component("roles")
def roles(analysis: Analysis) -> None:
    _Roles(analysis).run()
    _delegates(analysis)
