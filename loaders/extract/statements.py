"""Component ``statements``: who said what — direct quotations and reported speech.

Reported speech: a speech verb from ``speech_verbs.tsv`` whose subject (see
:mod:`.speech_speakers`) is a named person or body, or an anaphor resolved
to one; what was said is the rest of the sentence ("ông X nhấn mạnh, <said>").
"Theo ông X, <said>" works the same way. A reported clause ending in ":"
runs on through the list items that follow it ("- ...", "1. ...").

Direct speech: a quotation of at least six words with its speaker before
("X nói: “...”") or after ("“...”, ông X nói."). A quotation closing a
reported clause ("X nhấn mạnh, ... trong đó nêu: “...”") makes that statement
direct. Quoted titles ("về “...”", "chủ đề “...”", "Đề án “...”") and quotes
without a speaker are not statements. In interviews, "Ông X: <answer>" and
each answer after a question ("...?"), with the paragraphs it runs on in up to
the next question, are the interviewee's direct speech.

A repeated paragraph does not repeat a fact: statements with the same speaker
and text merge, keeping every evidence span. Each statement gets the
entities named inside it (``mentions``) and the event: the one its sentence
places it at ("Tại hội thảo, ..."), else the one the article is about.
"""
from __future__ import annotations

import re
from functools import lru_cache

from camket.ontology.iri import fold

from ..model import Analysis, Entity, Span, Statement
from ..pipeline import component
from .alternation import words_alternation
from .events import main_event
from .speech_lexicon import speech_verbs
from .speech_speakers import entity_spans, speaker_before, speaker_in

__all__ = ["statements", "quotations", "is_title_quote", "verb_pattern"]

MIN_QUOTE_WORDS = 6
MIN_SAID_WORDS = 4
_TITLE_CUE = re.compile(
    r"(?:\bvề|chủ đề|mang tên|có tên|tên là|gọi là|khẩu hiệu|thông điệp|cụm từ|từ khóa|Đề án|Chương trình|"
    r"Chiến lược|Quy hoạch|Nghị quyết|Kết luận|Chỉ thị|Quyết định|Luật|[Dd]ự án|phong trào|cuộc vận động|"
    r"[Gg]iải thưởng|[Cc]uộc thi|tác phẩm|cuốn sách|bài viết|bộ phim|tiêu đề|slogan)\s*(?:là\s*)?$")
_LEAD = re.compile(r"(?:\s+(?:lại|thêm)(?=[\s,:]))?(?:\s+(?:với|cho)\s+[^,.:;\"]{1,40}?\s+(?=rằng|:))?"
                   r"[\s,:]*(?:rằng|là)?[\s,:]*")
_THEO = re.compile(r"(?:Cũng\s+|(?:[Đđ]ồng thời|Tuy nhiên|Ngoài ra|Trong khi đó|Mặt khác),?\s+)?[Tt]heo\s+"
                   r"(?:(?:báo cáo|đánh giá|thống kê|số liệu)\s+của\s+)?")
_APPOSITIVE = re.compile(r"\s*(?:[Pp]hó\s+)?(?:giảng viên|chuyên gia|nhà \w+|người \w+|đại diện|nguyên|"
                         r"Bộ trưởng|Thứ trưởng|Chủ tịch|Giám đốc|Tổng Giám đốc|Trưởng \w+|Viện trưởng|Hiệu trưởng|"
                         r"Bí thư|Tổng Thư ký|Đại sứ|Cục trưởng|Vụ trưởng|Thành viên|Ủy viên|Uỷ viên|TS\.?|PGS|GS)\b")
_NOUN_BEFORE = re.compile(r"(?:các|những|mọi|nghệ|hệ thống|cơ sở dữ liệu|Ban|Cổng|cổng|Trung tâm|theo|của)\s+$")
_REPORT_TOPIC = re.compile(r"\s+(?:tình hình|kết quả|tiến độ|về|tóm tắt|tổng kết|công tác|thực trạng|việc|"
                           r"tham luận|chuyên đề|đề dẫn|tại|trước|với|lên|cho)(?![\w])")
_VERB_RE: re.Pattern | None = None


@lru_cache(maxsize=None)
def _verb_alt() -> str:
    return words_alternation(speech_verbs())


def verb_pattern() -> re.Pattern:
    """Any speech verb as a whole word sequence."""
    global _VERB_RE
    if _VERB_RE is None:
        _VERB_RE = re.compile(rf"(?<![\w])({_verb_alt()})(?![\w])", re.I)
    return _VERB_RE


def _mode(verb: str) -> str:
    return speech_verbs().get(verb.casefold(), "speech")


def quotations(analysis: Analysis) -> list[Span]:
    """Spans of quotation contents (without the marks), paired within each paragraph."""
    out, paras = [], analysis.paragraphs
    for k, para in enumerate(paras):
        marks = _marks(analysis, para)
        if out and marks and out[-1].end > marks[0]:
            marks = [i for i in marks if i > out[-1].end]  # the close of a quote opened above
        for a, b in zip(marks[0::2], marks[1::2]):
            out.append(Span(a + 1, b))
        if len(marks) % 2 == 1:  # a quotation running into the next paragraphs
            close = _closing_mark(analysis, paras[k + 1:k + 4])
            if close is not None:
                out.append(Span(marks[-1] + 1, close))
    return out


def _marks(analysis: Analysis, para: Span) -> list[int]:
    """Offsets of the quotation marks in ``para`` (canonical text: every kind is ``"``)."""
    return [m.start() for m in _MARK.finditer(analysis.canon, para.start, para.end)]


_MARK = re.compile('"')


def _closing_mark(analysis: Analysis, following: list[Span]) -> int | None:
    """Where a quotation left open closes: the last mark of the next paragraph with an odd
    number of marks (a paragraph that only re-opens it, “..., goes on)."""
    for para in following:
        marks = _marks(analysis, para)
        if marks == [para.start]:
            continue
        if len(marks) % 2 == 1:
            return marks[-1]
        if marks:
            return None
    return None


def is_title_quote(analysis: Analysis, q: Span) -> bool:
    """A quoted title or name, not speech."""
    before = analysis.canon[max(0, q.start - 1 - 30):q.start - 1]
    if _TITLE_CUE.search(before):
        return True
    if any(m.kind in ("policy", "policy_title", "event") and m.span.start <= q.start and q.end <= m.span.end
           for m in analysis.mentions):
        return True
    return len(q.of(analysis.canon).split()) < MIN_QUOTE_WORDS


# ------------------------------------------------------------------ building statements

def _evidence(analysis: Analysis, start: int, end: int) -> Span:
    sents = [s for s in analysis.sentences if s.start < end and start < s.end]
    if not sents:
        return Span(start, end)
    return Span(min(s.start for s in sents), max(s.end for s in sents))


def _clean_end(analysis: Analysis, start: int, end: int) -> int:
    while end > start and analysis.canon[end - 1] in " .;,…":
        end -= 1
    return end


def _add(found: dict, analysis: Analysis, speaker: Entity, kind: str, said: Span, verb: str | None,
         act: tuple[int, int]) -> Statement | None:
    text = said.of(analysis.canon)
    if len(text.split()) < MIN_SAID_WORDS:
        return None
    key = (speaker.id, fold(text))
    evidence = _evidence(analysis, *act)
    st = found.get(key)
    if st is None:
        st = Statement(speaker=speaker, kind=kind, span=said, verb=verb, evidence=[evidence])
        found[key] = st
    elif evidence not in st.evidence:
        st.evidence.append(evidence)
    return st


def _is_noun(canon: str, m: re.Match) -> bool:
    """"Ban Chỉ đạo", "công nghệ thông tin", "các yêu cầu", "nói chung": not a speech verb here."""
    if re.match(r"\s+(?:chung|riêng|trên|cách khác)\b", canon[m.end():m.end() + 12]) and m.group(0) == "nói":
        return True
    if m.group(0).casefold() == "báo cáo" and (_REPORT_TOPIC.match(canon, m.end())
                                              or re.search(r"(?:không|chưa|được|bị)\s+$", canon[max(0, m.start() - 8):m.start()])):
        return True  # "báo cáo tình hình ...", "không báo cáo": a report, or an adjective
    return (m.group(0)[0].isupper() and m.start() > 0 and canon[m.start() - 2:m.start()].strip() != ""
            and canon[m.start() - 2] not in ".!?\n") or bool(_NOUN_BEFORE.search(canon, max(0, m.start() - 20), m.start()))


def _comma_after_names(analysis: Analysis, start: int, end: int) -> int:
    """The first comma after ``start`` that is not inside a name ("Sở Lao động, Thương binh và Xã hội")."""
    comma = analysis.canon.find(",", start, end)
    while comma != -1:
        inside = [sp.end for kind in ("org", "person") for e in analysis.entities_of(kind) for sp in e.spans
                  if sp.start < comma < sp.end]
        if not inside:
            return comma
        comma = analysis.canon.find(",", max(inside), end)
    return comma


def _reported(analysis: Analysis, sent: Span, quotes: list[Span], found: dict) -> list[Statement]:
    """Reported speech in one sentence: the first speech verb with a resolvable subject."""
    canon = analysis.canon
    theo = _THEO.match(canon, sent.start)
    if theo:
        comma = _comma_after_names(analysis, theo.end(), sent.end)
        nxt = canon.find(",", comma + 1, sent.end) if comma != -1 else -1
        if nxt != -1 and nxt - comma <= 90 and (_APPOSITIVE.match(canon, comma + 1)
                                                or _person_in(analysis, comma, nxt)):
            comma = nxt  # "Theo ông X, giảng viên Trường Y, ...", "Theo Cục trưởng Cục A, b Name, ..."
        if comma != -1 and comma - theo.end() <= 120:
            speaker = speaker_in(analysis, Span(theo.end(), comma))
            if speaker is not None:
                start = _LEAD.match(canon, comma + 1).end()
                said = Span(start, _clean_end(analysis, start, sent.end))
                st = _add(found, analysis, speaker, "reported", said, "theo", (sent.start, sent.end))
                return [st] if st else []
    for m in verb_pattern().finditer(canon, sent.start, sent.end):
        if any(q.start <= m.start() < q.end for q in quotes) or _is_noun(canon, m):
            continue
        who = speaker_before(analysis, m.start(), sent.start)
        if who is None:
            continue
        verb = analysis.text[m.start():m.end()]
        lead = _LEAD.match(canon, m.end()).end()
        if canon[lead:lead + 1] == '"' or _mode(verb) == "quote":
            return []  # a quotation follows: the direct-speech pass takes it
        said = Span(lead, _clean_end(analysis, lead, sent.end))
        if re.fullmatch(r'về\s+"[^"]*"', said.of(canon)):
            return []  # "trình bày về “title”": a talk's title, not speech
        if not said.of(canon).strip() and '"' not in canon[sent.start:who[1]]:
            said = _said_before(analysis, sent, who[1])  # "Giá sẽ tăng, ông X cho biết."
            if said is None:
                return []
        said = _with_list(analysis, said)
        st = _add(found, analysis, who[0], "reported", said, verb, (sent.start, said.end))
        return [st] if st else []
    return []


_LIST_ITEM = re.compile(r"\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s+")


def _with_list(analysis: Analysis, said: Span) -> Span:
    """"X nhấn mạnh ba việc:" followed by list items ("- ...", "1. ..."): what was said runs
    through the items."""
    if not analysis.canon[said.start:said.end].rstrip().endswith(":"):
        return said
    end = said.end
    for para in analysis.paragraphs:
        if para.start < said.end:
            continue
        if not _LIST_ITEM.match(analysis.canon, para.start):
            break
        end = _clean_end(analysis, para.start, para.end)
    return Span(said.start, end)


def _person_in(analysis: Analysis, start: int, end: int) -> bool:
    return any(start < s.start and s.end <= end for s, _ in entity_spans(analysis, "person"))


def _said_before(analysis: Analysis, sent: Span, speaker_start: int) -> Span | None:
    """The clause before ", <speaker> <verb>." at the end of a sentence."""
    head = analysis.canon[sent.start:speaker_start]
    m = re.search(r",\s*(?:(?:ông|bà|anh|chị|đồng chí)\s+)?$", head, re.I)
    if not m or m.start() < 10:
        return None
    return Span(sent.start, sent.start + m.start())


def _direct(analysis: Analysis, q: Span, found: dict, reported: list[Statement]) -> None:
    canon = analysis.canon
    para = analysis.paragraph_of(q.start - 1)  # the opening mark's paragraph
    sent = analysis.sentence_of(q.start - 1) or para
    # speaker after: “...”, ông X nói.
    after_end = min(analysis.paragraph_of(q.end).end, q.end + 1 + 160)
    for m in verb_pattern().finditer(canon, q.end + 1, after_end):
        if re.search(r"[.!?;]", canon[q.end + 1:m.start()].lstrip(".")) or _is_noun(canon, m):
            break
        who = speaker_before(analysis, m.start(), q.end + 1)
        if who is not None:
            _add(found, analysis, who[0], "direct", q, analysis.text[m.start():m.end()], (q.start - 1, m.end()))
            return
        break
    # speaker before: X nói: “...”
    pre_start = sent.start if sent.start < q.start else para.start
    pre = canon[pre_start:q.start - 1]
    m = re.search(rf"(?<![\w])({_verb_alt()})(?:\s+(?:rằng|là|thêm|rõ))?[\s,:]*$", pre, re.I)
    if m:
        who = speaker_before(analysis, pre_start + m.start(1), pre_start)
        if who is not None:
            _add(found, analysis, who[0], "direct", q, m.group(1), (who[1], q.end + 1))
            return
    # a quotation that is its own paragraph after "X nói:" ending the one before
    if q.start - 1 == para.start:
        prev = [p for p in analysis.paragraphs if p.end <= para.start]
        if prev and _introduces_quote(analysis, prev[-1], q, found):
            return
    # a quotation closing a reported clause: X nhấn mạnh, ... nêu: “...”
    if pre.rstrip().endswith(":"):
        for st in reported:
            if st.span.start <= q.start - 1 and q.end <= st.span.end + 1:
                _make_direct(found, st, q)
                return


def _introduces_quote(analysis: Analysis, para: Span, q: Span, found: dict) -> bool:
    text = para.of(analysis.canon)
    m = re.search(rf"(?<![\w])({_verb_alt()})(?:\s+(?:rằng|là|thêm|rõ))?\s*:\s*$", text, re.I)
    if not m:
        return False
    sent = analysis.sentence_of(para.start + m.start(1)) or para
    who = speaker_before(analysis, para.start + m.start(1), sent.start)
    if who is None:
        return False
    _add(found, analysis, who[0], "direct", q, m.group(1), (who[1], q.end + 1))
    return True


def _interview(analysis: Analysis, found: dict) -> None:
    """Question-and-answer articles: "Ông X: <answer>" and the answers after each question, each
    running on in the paragraphs after it up to the next question or "Phóng viên: ..." line."""
    canon, speaker, asked, answering = analysis.canon, None, False, False
    for para in analysis.paragraphs:
        text = para.of(canon)
        head = re.match(r"\s*(?:(?:Ông|Bà|Anh|Chị|Đồng chí|TS\.?|PGS\.?\s*TS\.?)\s+)?[^:\n]{2,50}:\s+", text)
        who = None
        if head:
            for span, ent in entity_spans(analysis, "person"):
                if para.start <= span.start and span.end <= para.start + head.end() - 1 and \
                        not canon[span.end:para.start + head.end()].strip(" :"):
                    who = ent
        if who is not None:
            speaker = who
            said = Span(para.start + head.end(), _clean_end(analysis, para.start, para.end))
            _add(found, analysis, speaker, "direct", said, None, (para.start, para.end))
        elif speaker is not None and (asked or (answering and not head)) and len(text.split()) >= 6 \
                and not text.rstrip().endswith("?"):
            _add(found, analysis, speaker, "direct", Span(para.start, _clean_end(analysis, para.start, para.end)),
                 None, (para.start, para.end))
        else:
            answering = False
            asked = text.rstrip().endswith("?")
            continue
        answering, asked = True, False  # an answer goes on in the paragraphs after it, up to a question


def _make_direct(found: dict, st: Statement, q: Span) -> None:
    for key, value in list(found.items()):
        if value is st:
            del found[key]
            found[(st.speaker.id, key[1] + "#direct")] = st
    st.kind, st.span = "direct", q


def _mentions(analysis: Analysis, st: Statement) -> list[Entity]:
    out = []
    for ent in analysis.entities.values():
        if ent.kind in ("policy", "org", "place") and ent is not st.speaker \
                and any(s in st.span for s in ent.spans) and ent not in out:
            out.append(ent)
    return out


_AT_EVENT = re.compile(r"(?:tại|ở|trong|khai mạc|bế mạc|kết luận|chào mừng|đề dẫn|dự)\s+(?:phiên [\w\s]{2,20}?\s+)?$", re.I)


def _event_at(analysis: Analysis, st: Statement) -> Entity | None:
    """The event the statement's own sentence says it was made at ("Tại hội thảo, ông X ...")."""
    sent = st.evidence[0] if st.evidence else st.span
    for m in analysis.mentions:
        if m.kind == "event" and m.entity is not None and m.span in sent \
                and _AT_EVENT.search(analysis.canon, max(sent.start, m.span.start - 30), m.span.start):
            return m.entity
    return None


@component("statements")
def statements(analysis: Analysis) -> None:
    quotes = [q for q in quotations(analysis) if not is_title_quote(analysis, q)]
    found: dict = {}
    reported: list[Statement] = []
    for sent in analysis.sentences:
        reported += _reported(analysis, sent, quotes, found)
    for q in quotes:
        _direct(analysis, q, found, reported)
    _interview(analysis, found)
    event = main_event(analysis)
    for st in found.values():
        st.mentions = _mentions(analysis, st)
        st.event = _event_at(analysis, st) or event
    analysis.statements.extend(sorted(found.values(), key=lambda s: s.span.start))
