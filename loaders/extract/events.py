"""Component ``events``: forums, summits, workshops, sessions, congresses, ceremonies.

A mention is a kind word from ``event_kinds.tsv`` ("Diễn đàn", "Hội thảo",
"Kỳ họp"...) and the name that follows it: capitalised words, numbers,
"lần thứ ba", "khóa XIII", a "về ..." topic, "- English Name 4.0". A kind
word with no name ("hội thảo", "Diễn đàn cấp cao") is a generic reference. A purpose word
from ``event_purposes.tsv`` opens a lower-case name that runs to the first
clause boundary ("Hội nghị tổng kết năm học 2023 - 2024 và triển khai ...").
Party congresses ("Đại hội Đảng lần thứ XIII") come from the same pattern the
policy references use.

Mentions of one event are clustered (same kind; the words of one name are a
subset of the other's), named by the fullest spelling, the other spellings
kept as aliases. Generic references join the cluster of their kind; when the
article names no event of that kind but refers to one repeatedly ("hội thảo"
twice or more), that event is created under the kind word ("Hội thảo").

Key: the name without "về"/"năm" (so spellings across articles meet); an
unnamed event's key carries the document id. Attributes: ``date`` (ISO, day/month completed from context), ``place``
(a place entity after "tại"/"ở"), ``organizers`` (org entities in "do X tổ
chức", "X phối hợp với Y tổ chức"). :func:`main_event` is the event an
article is about (most mentioned).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from camket.ontology.iri import fold

from ..model import Analysis, Entity, Mention, Span
from ..pipeline import component
from .alternation import words_alternation
from .policy_refs import CONGRESS, congress_key
from .speech_lexicon import event_kinds, event_purposes

__all__ = ["events", "main_event", "event_key", "EventMention", "read_name"]

_MODIFIERS = {"cấp", "cao", "chuyên", "đề", "quốc", "tế", "gia", "thường", "niên", "trực", "tuyến",
              "toàn", "khu", "vực", "thượng", "đỉnh", "bàn", "tròn", "khoa", "học", "khóa", "lần", "thứ",
              "mở", "rộng", "lớn", "thường", "kỳ", "đầu", "tiên", "nhất", "hai", "ba", "tư", "năm", "sáu",
              "bảy", "tám", "chín", "mười", "&", "-", "và"}
_STOP = {"của", "vừa", "đã", "được", "diễn", "gắn", "do", "với", "tại", "ở", "ngày", "là", "có", "nhằm", "sẽ",
         "cũng", "đang", "nhận", "thu", "trong", "khi", "để", "thì", "mà", "này", "đó", "trên", "qua", "từ",
         "hôm", "sáng", "chiều", "tối", "theo", "cho", "nhưng", "đến", "vào", "sau", "trước", "bế", "khai",
         "nhấn", "tập", "chia", "trao", "thuộc", "nêu", "cùng", "đưa", "tham", "dự",
         "mạc", "không", "chưa", "đều", "bị", "rằng", "các", "những", "nhiều", "hơn", "gần", "chỉ", "vì"}
_OF_BODY = re.compile(r",?\s+(?:của\s+)?(?:Quốc hội|Hội đồng nhân dân|HĐND|Ban Chấp hành Trung ương)(?:\s+[^\s,.;]+){0,3}?"
                      r"\s+khóa\s+[IVXLC]+\b")
_CAPTION = {"ảnh", "nguồn", "video", "clip", "photo", "audio", "infographic"}
_PLURAL = re.compile(r"(?:các|những|\d+|mỗi|nhiều|một số|chuỗi|loạt)\s+$", re.I)
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass
class EventMention:
    span: Span
    kind: str
    name: str          # as written (kind word + name), canonical characters
    named: bool        # has more than kind word and modifiers
    key: str | None = None
    words: frozenset = field(default_factory=frozenset)


def _words(name: str) -> frozenset:
    return frozenset(w for w in fold(name).split() if w not in {"ve", "nam", "cua", "dang", "lan", "thu"})


def read_name(canon: str, start: int, kind: str) -> tuple[int, bool]:
    """End of the name after the kind word at ``start``, and whether it names something."""
    pos = start + len(kind)
    quoted = re.match(r"\s+(?:về\s+)?\"([^\"\n]{3,200})\"", canon[pos:pos + 210])
    if quoted:  # Tọa đàm “Phát triển ...”
        return pos + quoted.end(), True
    purpose = _purpose_name_end(canon, pos)
    if purpose is not None:  # Hội nghị tổng kết năm học 2023 - 2024 ...
        return _trim(canon, start, purpose), True
    end, named, topic, lower_run = pos, False, False, 0
    words = list(re.finditer(r"\S+", canon[pos:pos + 200]))
    for i, m in enumerate(words):
        raw = m.group(0)
        tok = raw.rstrip(",.;:)!?\"")
        if not tok or tok[0] in "(\"" or canon[pos + m.start() - 1] == "\n":
            break
        low = tok.casefold()
        capital = tok[0].isupper() or tok[0].isdigit()
        if low in _CAPTION:
            break
        if capital:
            named, lower_run = True, 0
        elif low == "về" and not topic:
            topic = True
        elif (topic or named) and lower_run < 8 and (low not in _STOP or _joins_nouns(low, words, i)):
            lower_run += 1
        elif low in _MODIFIERS and low not in _STOP:
            pass
        elif low not in _STOP and _name_ahead(words, i):
            lower_run += 1  # "Hội nghị sơ kết 3 năm ...": descriptive words before the name proper
        else:
            break
        if capital or topic or low not in {"-", "&", "và", "của"}:
            end = pos + m.start() + len(tok)
        if tok != raw:
            break
    named = named or (topic and lower_run >= 2)
    return _trim(canon, start, end), named


_PURPOSE_STOP = (r"\s*(?:[.;:()\"\n]|,(?!\s*(?:{p})(?![\w]))|\s(?:tại|ở|do|với|ngày|vào|theo hình thức|"
                 r"diễn ra|nhằm|cho|sáng|chiều|tối|hôm|đã|vừa|được|có|là|để|thu hút|với sự|của|cũng|sẽ|đang|"
                 r"khai mạc|bế mạc)\s)")


def _purpose_name_end(canon: str, pos: int) -> int | None:
    """End of a lower-case name opened by a purpose word ("tổng kết", "quán triệt, triển khai"),
    at the first clause boundary, at most 20 words; None when no purpose word opens it."""
    alt = "|".join(re.escape(p) for p in event_purposes())
    if not re.match(rf"\s+(?:{alt})(?![\w])", canon[pos:pos + 40]):
        return None
    stop = re.compile(_PURPOSE_STOP.replace("{p}", alt)).search(canon, pos + 1, pos + 300)
    end = stop.start() if stop else min(len(canon), pos + 300)
    words = list(re.finditer(r"\S+", canon[pos:end]))
    return pos + words[min(len(words), 20) - 1].end() if words else None


def _name_ahead(words: list, i: int, reach: int = 3) -> bool:
    """A capitalised word or number within ``reach`` words, with no stop word before it."""
    for m in words[i + 1:i + 1 + reach]:
        tok = m.group(0).rstrip(",.;:)!?\"")
        if not tok or tok.casefold() in _STOP or tok != m.group(0):
            return bool(tok) and (tok[0].isupper() or tok[0].isdigit()) and tok.casefold() not in _STOP
        if tok[0].isupper() or tok[0].isdigit():
            return True
    return False


def _joins_nouns(low: str, words: list, i: int) -> bool:
    """"nhà ở xã hội": "ở" inside a topic, followed by a lower-case word, is not "at"."""
    nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
    return low == "ở" and nxt[:1].islower()


def _trim(canon: str, start: int, end: int) -> int:
    """Drop dangling joiners at the end ("... và", "... của", "-")."""
    text = canon[start:end]
    trimmed = re.sub(r"(?:\s+(?:và|của|-|&|về|lần|thứ|khóa))+$", "", text)
    return start + len(trimmed)


@lru_cache(maxsize=None)
def _kind_pattern() -> re.Pattern:
    kinds = sorted(event_kinds(), key=len, reverse=True)
    return re.compile(rf"(?<![\w])({words_alternation(kinds)})(?![\w])", re.I)


def find_mentions(canon: str) -> list[EventMention]:
    out: list[EventMention] = []
    for m in re.finditer(rf"(?<![\w]){CONGRESS}", canon):
        if m.group("ord"):
            out.append(EventMention(Span(m.start(), m.end()), "Đại hội", m.group(0), True,
                                    key=congress_key(m), words=frozenset({congress_key(m)})))
    for m in _kind_pattern().finditer(canon):
        if any(e.span.start <= m.start() < e.span.end for e in out):
            continue
        kind = m.group(1)
        if kind.casefold() == "đại hội":
            continue
        end, named = read_name(canon, m.start(), kind)
        body = _OF_BODY.match(canon, end)
        if body and named:  # "Kỳ họp thứ 8, Quốc hội khóa XV"
            end = body.end()
        if not kind[0].isupper():
            named, end = False, m.end()
        if _PLURAL.search(canon[max(0, m.start() - 12):m.start()]):
            continue
        canon_kind = next(k for k in event_kinds() if k.casefold() == kind.casefold())
        out.append(EventMention(Span(m.start(), end), canon_kind, canon[m.start():end], named,
                                words=_words(canon[m.start():end])))
    return sorted(out, key=lambda e: e.span.start)


def _cluster(mentions: list[EventMention]) -> list[list[EventMention]]:
    clusters: list[list[EventMention]] = []
    for men in [m for m in mentions if m.named]:
        home = None
        for c in clusters:
            if c[0].kind != men.kind:
                continue
            if men.key and men.key == c[0].key:
                home = c
            elif not men.key and any(_same_name(men, o) for o in c):
                home = c
            if home:
                break
        if home is None:
            clusters.append([men])
        else:
            home.append(men)
    for men in [m for m in mentions if not m.named]:
        same = [c for c in clusters if c[0].kind == men.kind and any(men.words <= o.words for o in c)]
        if same:
            max(same, key=lambda c: max(o.span.start for o in c if o.span.start <= men.span.start)
                if any(o.span.start <= men.span.start for o in c) else -1).append(men)
    generic = {}
    for men in [m for m in mentions if not m.named and not any(men_in(m, c) for c in clusters)]:
        generic.setdefault(men.kind, []).append(men)
    clusters.extend(c for c in generic.values() if len(c) >= 2)
    return clusters


def _same_name(a: EventMention, b: EventMention) -> bool:
    """The words of one name are a subset of the other's, modifiers aside ("Hội thảo quốc tế về X"
    and "Hội thảo “X ở vùng Y”" name one workshop)."""
    if a.words <= b.words or b.words <= a.words:
        return True
    kind = _words(a.kind)
    wa, wb = a.words - _CORE_SKIP - kind, b.words - _CORE_SKIP - kind
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


_CORE_SKIP = frozenset(fold(w) for w in _MODIFIERS)


def men_in(men: EventMention, cluster: list[EventMention]) -> bool:
    return any(o is men for o in cluster)


# ------------------------------------------------------------------ attributes

def _date(analysis: Analysis, cluster: list[EventMention]) -> str | None:
    policy_ends = [m.span.end for m in analysis.mentions if m.kind == "policy"]
    for men in cluster:
        sent = analysis.sentence_of(men.span.start)
        if sent is None:
            continue
        cands = [d for d in analysis.mentions if d.kind == "date" and d.span in sent
                 and d.attrs.get("precision") in ("day", "month")
                 and not any(0 <= d.span.start - e <= 25 for e in policy_ends)
                 and not _other_event_between(analysis, men, d)]
        if cands:
            best = min(cands, key=lambda d: abs(d.span.start - men.span.end))
            return best.attrs["iso"]
    return None


def _other_event_between(analysis: Analysis, men: EventMention, d: Mention) -> bool:
    lo, hi = (d.span.end, men.span.start) if d.span.start < men.span.start else (men.span.end, d.span.start)
    return bool(_kind_pattern().search(analysis.canon, lo, hi)) if hi > lo else False


_HELD_AT = re.compile(r"(?:diễn ra|tổ chức|khai mạc|họp|đăng cai)\s+(?:hôm nay\s+|sáng nay\s+)?(?:tại|ở)\s+"
                      r"(?:thành phố\s+|TP\.?\s*|tỉnh\s+)?$")


def _place(analysis: Analysis, cluster: list[EventMention]) -> Entity | None:
    places = [(s, e) for e in analysis.entities_of("place") for s in e.spans]
    for men in cluster:
        sent = analysis.sentence_of(men.span.start)
        if sent is None:
            continue
        opens = _OPENS.match(analysis.canon, men.span.end)  # "tại X, Hội nghị Y đã khai mạc"
        for span, ent in sorted(places, key=lambda p: p[0].start):
            before = analysis.canon[max(sent.start, span.start - 40):span.start]
            if span in sent and (_HELD_AT.search(before) or (span.start - men.span.end <= 30 and
                                 re.fullmatch(r"\s*,?\s*(?:tại|ở)\s+(?:thủ đô\s+|thành phố\s+|TP\.?\s*|tỉnh\s+)?",
                                              analysis.canon[men.span.end:span.start]))
                                 or (opens and span.end <= men.span.start and _AT.search(before))):
                return ent
    return None


_OPENS = re.compile(r"\s+(?:đã\s+|sẽ\s+|chính thức\s+)?(?:khai mạc|diễn ra|được tổ chức|bế mạc|họp)")
_AT = re.compile(r"(?:tại|ở)\s+(?:thủ đô\s+|thành phố\s+|TP\.?\s*|tỉnh\s+)?$")


_ORGANISED = re.compile(r"\b(?:do|bởi)\s+(?P<who>[^.;]{2,160}?)\s+(?:đồng\s+)?(?:phối hợp\s+)?tổ chức\b")
_ORGANISES = re.compile(r"(?P<who>[^.;]{2,200}?)\s+(?:đã\s+|sẽ\s+)?(?:phối hợp\s+với\s+[^.;]{2,120}?\s+)?"
                        r"tổ chức\s+$")


def _organizers(analysis: Analysis, cluster: list[EventMention]) -> list[Entity]:
    orgs = [(s, e) for e in analysis.entities_of("org") for s in e.spans]
    found: list[Entity] = []
    for men in cluster:
        sent = analysis.sentence_of(men.span.start)
        if sent is None:
            continue
        regions = []
        m = _ORGANISED.search(analysis.canon, men.span.end, sent.end)
        if m and m.start() - men.span.end <= 200 and not _kind_pattern().search(analysis.canon, men.span.end, m.start()):
            regions.append(Span(m.start("who"), m.end()))
        before = analysis.canon[sent.start:men.span.start]
        cut = max(before.rfind(") - "), before.rfind(" - "), before.rfind(": ")) + 1  # after a dateline
        m2 = _ORGANISES.search(before, cut)
        if m2:
            regions.append(Span(sent.start + m2.start("who"), men.span.start))
        for region in regions:
            for span, ent in sorted(orgs, key=lambda p: p[0].start):
                if span in region and ent not in found:
                    found.append(ent)
    return found


def _make(analysis: Analysis, cluster: list[EventMention]) -> Entity:
    named = [m for m in cluster if m.named] or cluster
    best = max(named, key=lambda m: (len(m.name.split()), -m.span.start))
    if best.named:
        name = analysis.text[best.span.start:best.span.end]
        key = best.key or event_key(name)
    else:  # an unnamed "Hội thảo" is this article's workshop, not every workshop
        name = best.kind[0].upper() + best.kind[1:]
        key = f"{name} ({analysis.doc.doc_id})"
    ent = analysis.entity("event", name, None, key=key)
    for men in sorted(cluster, key=lambda m: m.span.start):
        ent.add_span(men.span)
        if men.named:
            ent.add_spelling(analysis.text[men.span.start:men.span.end])
        analysis.mentions.append(Mention("event", men.span, men.span.of(analysis.text), entity=ent))
    ent.attrs["date"] = _date(analysis, cluster)
    ent.attrs["place"] = _place(analysis, cluster)
    ent.attrs["organizers"] = _organizers(analysis, cluster)
    ent.attrs["kind"] = event_kinds().get(best.kind)
    ent.attrs["mention_count"] = len(cluster)
    return ent


def event_key(name: str) -> str:
    """Key of a named event, the same for "Diễn đàn X về Y năm 2020" and "Diễn đàn X Y 2020"."""
    words = [w for w in re.sub(r"[\"“”()]", " ", name).split() if w.casefold() not in ("về", "năm", "-", "&")]
    return " ".join(words)


def main_event(analysis: Analysis) -> Entity | None:
    """The event the article is about: the one mentioned most (first on ties)."""
    evs = [e for e in analysis.entities_of("event") if e.attrs.get("kind") != "congress"]
    if not evs:
        return None
    return max(evs, key=lambda e: (e.attrs.get("mention_count", 0), -min(s.start for s in e.spans)))


@component("events")
def events(analysis: Analysis) -> None:
    for cluster in _cluster(find_mentions(analysis.canon)):
        _make(analysis, cluster)
