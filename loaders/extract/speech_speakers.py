"""Who is the subject right before a position: a named person or body, or an anaphor.

Used by ``statements`` (the speaker before a speech verb) and ``pledges`` (the
actor before "sẽ", "cam kết"...). The subject is:

1. the last person mention before the verb, when only an appositive (", Thứ
   trưởng Bộ X,") or adverbs ("cũng", "đã") stand between them;
2. else a body (org entity) whose mention ends right before the verb;
3. else an anaphor resolved to the most recent matching person: "ông"/"bà"
   (by gender), "Đồng chí", "Đại biểu này", "Đại diện phía X", "Vị này", a
   part of a name ("bà Helen"), or a bare title ("Bộ trưởng") matched against
   the posts the person was introduced with.

Public API: :func:`speaker_before`, :func:`speaker_in`, :func:`recent_person`,
:func:`entity_spans`.
"""
from __future__ import annotations

import re

from camket.ontology.iri import fold

from ..model import Analysis, Entity, Span
from .speech_lexicon import read_tsv, speech_verbs

__all__ = ["speaker_before", "speaker_in", "recent_person", "entity_spans", "ADVERBS"]

UPPER = "A-ZĐÀ-ỸÁÉÍÓÚÝÂÊÔĂƠƯ"
ADVERBS = re.compile(r"(?:[\s,]+(?:cũng|đã|còn|lại|thì|đều|vẫn|tiếp tục|trân trọng|chân thành|một lần nữa|sẽ|"
                     r"từng|đồng thời|nhiều lần|luôn|đặc biệt))*[\s,]*$")
_PRONOUN = re.compile(r"(?:^|[\s,(])(?P<w>(?:[Ôô]ng|[Bb]à)(?: ấy| này)?|[Đđ]ồng chí|[Đđ]ại biểu này|"
                      r"[Vv]ị (?:đại biểu |khách |chuyên gia )?này|[Nn]gười đứng đầu [^,.;\"]{2,50}|"
                      r"[Đđ]ại diện(?: phía| của)? [^,.;\"]{2,50}|[Vv]ị [^,.;\"]{2,30} này)$")
_DELEGATE = re.compile(r"(?:^|[\s,(])(?:[Nn]gười đứng đầu|[Đđ]ại diện(?: phía| của| cho)?|[Ll]ãnh đạo)\s+"
                       r"(?P<x>[^,.;\"]{2,60})$")
_PARTIAL = re.compile(rf"(?:^|[\s,(])(?P<h>[Ôô]ng|[Bb]à|[Đđ]ồng chí|[Aa]nh|[Cc]hị)\s+"
                      rf"(?P<n>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*){{0,3}})$")
_GENDER = {"ông": "male", "bà": "female"}


def entity_spans(analysis: Analysis, kind: str) -> list[tuple[Span, Entity]]:
    """(span, entity) of every mention of entities of ``kind``, in text order."""
    return sorted(((s, e) for e in analysis.entities_of(kind) for s in e.spans), key=lambda p: p[0].start)


def _role_words() -> list[str]:
    words = {r["role"] for r in read_tsv("roles.tsv") if r.get("role")} if _has_roles() else set()
    words |= {"Bộ trưởng", "Thứ trưởng", "Thủ tướng", "Chủ tịch", "Giám đốc", "Bí thư", "Đại sứ"}
    return sorted(words, key=len, reverse=True)


def _has_roles() -> bool:
    try:
        read_tsv("roles.tsv")
        return True
    except OSError:
        return False


_TITLE_RE: re.Pattern | None = None


def _title_re() -> re.Pattern:
    global _TITLE_RE
    if _TITLE_RE is None:
        alt = "|".join(re.escape(w) for w in _role_words())
        _TITLE_RE = re.compile(rf"(?:^|[\s,(])(?P<t>(?:[Pp]hó\s+)?(?:{alt}))(?P<of>(?:\s+[^\s,.;:\"]+){{0,5}})$")
    return _TITLE_RE


def _gender(analysis: Analysis, ent: Entity) -> str | None:
    if ent.attrs.get("gender"):
        return ent.attrs["gender"]
    for span in ent.spans:
        m = re.search(r"(ông|bà)\s+$", analysis.canon[max(0, span.start - 6):span.start], re.I)
        if m:
            return _GENDER[m.group(1).casefold()]
    return None


def recent_person(analysis: Analysis, pos: int, gender: str | None = None, title: str | None = None,
                  words: list[str] | None = None) -> Entity | None:
    """The person mentioned last before ``pos`` that fits the gender / title / name words."""
    for span, ent in reversed(entity_spans(analysis, "person")):
        if span.start >= pos:
            continue
        if gender and _gender(analysis, ent) not in (gender, None):
            continue
        if words and not set(words) <= set(fold(" ".join([ent.name, *ent.aliases])).split()):
            continue
        if title and not _has_title(analysis, ent, title):
            continue
        return ent
    return None


def _has_title(analysis: Analysis, ent: Entity, title: str) -> bool:
    t = fold(title)
    for m in analysis.memberships:
        if m.person is ent and t in fold(f"{m.title} {m.role}"):
            return True
    for span in ent.spans:
        sent = analysis.sentence_of(span.start) or span
        after = analysis.canon[span.end:min(sent.end, span.end + 120)]
        verb = re.search(r"(?<![\w])(?:" + "|".join(re.escape(v) for v in speech_verbs()) + r")(?![\w])|[:\"]", after)
        around = analysis.canon[max(sent.start, span.start - 60):span.start] + (after[:verb.start()] if verb else after)
        if t in fold(around):
            return True
    return False


def _anaphor(analysis: Analysis, pre: str, end: int) -> Entity | None:
    m = _PARTIAL.search(pre)
    if m:
        words = fold(m.group("n")).split()
        return recent_person(analysis, end, gender=_GENDER.get(m.group("h").casefold()), words=words)
    m = _PRONOUN.search(pre)
    if m:
        word = m.group("w").casefold().split()[0]
        return recent_person(analysis, end, gender=_GENDER.get(word))
    m = _title_re().search(pre)
    if m:  # "Bộ trưởng", "đồng chí Bí thư Tỉnh ủy": the person introduced with that post
        role = re.sub(r"^[Pp]hó\s+", "", m.group("t"))
        named = _name_words(m.group("of"))
        if named:  # "Bộ trưởng Thuận": the person of that name introduced before
            ent = recent_person(analysis, end, words=named)
            if ent is not None:
                return ent
        if m.group("of"):
            return recent_person(analysis, end, title=f"{role}{m.group('of')}")
        return recent_person(analysis, end, title=role)
    return None


def _name_words(words: str) -> list[str]:
    """The folded words of ``words`` when all are capitalised (a name after a title), else []."""
    parts = words.split()
    return fold(words).split() if parts and all(p[:1].isupper() for p in parts) else []


def speaker_before(analysis: Analysis, pos: int, floor: int, kinds: tuple[str, ...] = ("person", "org"),
                   direct_first: bool = False) -> tuple[Entity, int] | None:
    """The subject ending right before ``pos`` (not before ``floor``) and where it starts.

    ``direct_first`` (for actors): a mention right before ``pos`` wins, and a
    person counts only when their appositive ends in a comma ("Bà X, Giám đốc
    Y, sẽ ..."), not before a new subject ("Theo ông X, thành phố sẽ ...").
    """
    canon = analysis.canon
    pre = canon[floor:pos]
    end = floor + ADVERBS.search(pre).start()
    delegate = _DELEGATE.search(canon[floor:end])
    if delegate and "person" in kinds:  # "Người đứng đầu Sở X", "Đại diện phía Y"
        found = _delegate(analysis, delegate.group("x"), floor + delegate.start("x"), end)
        if found is not None:
            return found, floor + delegate.start()
    if direct_first:
        found = _right_before(analysis, kinds, floor, end, pos)
        if found is not None:
            return found
    if "person" in kinds:
        people = [(s, e) for s, e in entity_spans(analysis, "person") if floor <= s.start and s.end <= end]
        if people:
            span, ent = people[-1]
            gap = canon[span.end:end]
            if not gap.strip() or re.fullmatch(r"\s*\([^()]{1,60}\)\s*,?\s*", gap) \
                    or (gap.lstrip().startswith(",") and len(gap) <= 160 and '"' not in gap
                                   and not _other_clause(gap)
                                   and (not direct_first or canon[span.end:pos].rstrip().endswith(","))):
                return ent, span.start
    for kind in kinds:
        if kind == "person":
            continue
        for span, ent in reversed(entity_spans(analysis, kind)):
            if floor <= span.start and span.end <= end and canon[span.end:end].strip() == "" \
                    and "," not in canon[span.end:pos]:
                holder = _post_holder(analysis, floor, span.start, end) if "person" in kinds else None
                return (holder, end) if holder is not None else (ent, span.start)
    if "person" in kinds:
        ent = _anaphor(analysis, canon[floor:end], end)
        if ent is not None:
            return ent, end
    return None


def _right_before(analysis: Analysis, kinds: tuple[str, ...], floor: int, end: int,
                  pos: int) -> tuple[Entity, int] | None:
    """The longest mention ending at ``end`` ("Bộ Thương mại X" rather than the place "X" in it)."""
    canon = analysis.canon
    direct = [(span, ent) for k in kinds for span, ent in entity_spans(analysis, k)
              if floor <= span.start and span.end <= end and canon[span.end:end].strip() == ""
              and "," not in canon[span.end:pos]]
    if not direct:
        return None
    span, ent = min(direct, key=lambda p: p[0].start)
    return ent, span.start


def _post_holder(analysis: Analysis, floor: int, body_start: int, end: int) -> Entity | None:
    """"Bí thư Tỉnh ủy nêu rõ": a body right after a post word names the post, whose
    holder (introduced with it before) is the subject, not the body."""
    m = _title_re().search(analysis.canon[floor:body_start].rstrip())
    if m is None or m.group("of"):
        return None
    return _anaphor(analysis, analysis.canon[floor:end], end)


def _delegate(analysis: Analysis, body: str, start: int, end: int) -> Entity | None:
    """The person who represents / heads ``body``: introduced with it; else the body itself."""
    person = recent_person(analysis, start, title=body)
    if person is not None:
        return person
    for span, ent in entity_spans(analysis, "org"):
        if span.start == start and span.end == end:
            return ent
    return None


def _other_clause(gap: str) -> bool:
    """An appositive holds titles and bodies, not a second clause with its own verb."""
    if re.search(r"\b(?:khi|thì|nhưng|vì|nên|để|rằng)\b|[.;:]", gap):
        return True
    return any(re.search(rf"(?<![\w]){re.escape(v)}(?![\w])", gap) for v in speech_verbs())


def speaker_in(analysis: Analysis, span: Span) -> Entity | None:
    """The speaker named inside ``span`` ("Theo ông X, ..."): a person, anaphor or body."""
    found = speaker_before(analysis, span.end, span.start)
    return found[0] if found else None
