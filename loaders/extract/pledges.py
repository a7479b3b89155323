"""Component ``pledges``: commitments, targets and announced future actions.

Cues, per sentence: "sẽ" (not "đã sẽ", not in a forecast "dự báo ... sẽ"),
"cam kết", "phấn đấu", "quyết tâm <verb>", "dự kiến <verb>" (not "dự kiến
tăng 6%"), a target ("với mục tiêu", "đề ra mục tiêu", "đặt (chỉ) mục tiêu",
"xác định mục tiêu", "hướng tới mục tiêu", "chỉ tiêu cụ thể đến năm ... là",
"đã đề ra,"), a deadline ("đến năm 2030 ...", "trước năm 2025"), a time
("trong quý II", "trước ngày 30/6", "chậm nhất vào ...", "vào cuối năm nay"; not
of a year before the article's), "ít nhất N" and an assignment ("giao X
<task verb>"). A past achievement ("đã hoàn thành", "năm 2019 đã ...") has no
cue and is no pledge; what a law "sẽ" do is no pledge, nor what happens "nếu
..." or what a place or body "sẽ được hưởng / nhận / hỗ trợ" (it receives).

The actor is, in order: the body named in "cam kết của X" or "giao X"; the
subject right before the cue (a body, state, city, policy or person, also
"X và các bộ, ngành ..."); a generic subject ("Bộ sẽ", "tỉnh sẽ") read as
the body of that kind named last or the province the article keeps naming;
the speaker of a quotation for "Chúng tôi sẽ ..."; the entity opening the
quotation or reported clause the cue is in; the entity opening the sentence;
for targets, the policy the sentence (or the previous target in the
paragraph, or in the paragraph before one opened by "Chỉ tiêu / Mục tiêu")
names; for "Đến tháng 9 sẽ ..." with no subject, the first body named after
the cue; the owner in "Mục tiêu của tỉnh / của X là ..."; the policy just named
for "..., trong đó đặt mục tiêu ..."; for a time, plan or target with no
subject, the body of the kind opening its reported clause ("sở đang phối hợp
... trong năm 2026": the department named last), else the speaker of the
statement it is in ("nhà máy dự kiến đi vào hoạt động ..."). A person who
speaks as "Đại diện X, ông Y" pledges for X. A cue with no actor yields nothing. Cues
with the same actor in one sentence make one pledge; a new deadline starts a
new one; a year opening the sentence or reported clause ("cho biết, năm 2026
tỉnh ...") is its deadline.

Without a cue, a sentence opened by "Theo <policy>," that states an amount is
what the policy provides, and one with "đạt <amount>" right after a policy's
target in the paragraph is its next target. "không để xảy ra" is a commitment;
a task given with "yêu cầu / đề nghị / chỉ đạo" and a time ("trong quý II")
is the pledge of whoever gave it; a lower-case type word ("đề án") names the
policy of that type (or approved as one) named last.

A statement announcing tasks ("ba việc phải làm ngay:", "các nhiệm vụ sau:")
makes each list item after it a pledge of its speaker; a target ending in a
colon ("... các chỉ tiêu đến năm 2026 như sau:") is the items listed after it. A headline restating a
pledge of the body (the same words, leaving out the actor's name and the year)
is one more piece of evidence for it; a headline is never a pledge of its own.

Each pledge: span (from the actor or clause start to the next cue of another
actor or the sentence end), deadline (first date in it, else the end of a
"giai đoạn 2026 - 2030" in it), quantity ("ít nhất
3", "3 - 5", "ba"), places named in it, the statement it was said in and the
policy it comes from. Repeated paragraphs merge into one pledge.
"""
from __future__ import annotations

import re
from functools import lru_cache

from camket.ontology.iri import fold

from ..gazetteer import table
from ..model import Analysis, Entity, Pledge, Span, Statement
from ..pipeline import component
from .actors_lexicon import STOP_WORDS
from .dates import doc_year
from .policies import headline
from .speech_lexicon import policy_types
from .speech_speakers import ADVERBS, entity_spans, speaker_before

__all__ = ["pledges", "find_cues", "quantity"]

ACTOR_KINDS = ("org", "place", "policy", "person")
_CUE = re.compile(
    # every cue starts a word with one of these letters: tested first, the alternatives only there
    r"(?<![\w])(?=[scqkpdvđxnmthíg])(?:"
    r"(?P<future>sẽ(?![\w]))"
    r"|(?P<commit>(?:cam kết|(?:quyết\s+)?không để\s+(?:xảy ra|tái diễn|phát sinh))(?![\w]))"
    r"|(?P<strive>(?:phấn đấu|quyết tâm(?=\s+(?!chính trị|cao|lớn|rất|của|và|mạnh mẽ)[a-zđà-ỹ]))(?![\w]))"
    r"|(?P<plan>dự kiến(?=\s+(?!sẽ|có|đạt|tăng|giảm|khoảng|lên|xuống|ở mức|\d)[a-zđà-ỹ]))"
    r"|(?P<target>(?:(?:với|đề ra|đặt ra|đặt|xác định|nêu|có|hướng tới)\s+(?:các\s+|những\s+)?(?:mục|chỉ) tiêu|"
    r"(?:mục|chỉ) tiêu(?:\s+(?:cụ thể|chung|tổng quát|chính))?\s+(?:là|đến năm))(?![\w])|đề ra\s*,)"
    r"|(?P<deadline>(?:[Đđ]ến|[Tt]rước)\s+năm\s+(?:19|20)\d{2}(?![\w]))"
    r"|(?P<due>(?:(?:trong|trước|cuối|hết|vào|đến hết)\s+quý\s+(?:I{1,3}|IV|[1-4])(?![\w])|trước\s+ngày\s+\d{1,2}/\d{1,2}"
    r"|(?:trong|trước|cuối)\s+tháng\s+\d{1,2}(?:/(?:19|20)\d{2})?(?![\w/])|trong\s+năm\s+(?:nay|(?:19|20)\d{2})(?![\w])"
    r"|(?:đến\s+hết|vào\s+cuối|trước\s+cuối)\s+năm\s+(?:nay|(?:19|20)\d{2})(?![\w])|vào\s+năm\s+(?:19|20)\d{2}(?![\w])"
    r"|từ nay đến\s+(?:cuối|hết)\s+(?:năm|tháng|quý)(?![\w])"
    r"|chậm nhất(?=\s+(?:là\s+)?(?:(?:vào|đến|trong|trước)\s+)?(?:ngày|tháng|quý|năm|cuối|hết|\d))))"
    r"|(?P<atleast>(?:ít nhất|tối thiểu)\s+\d+)"
    r"|(?P<assign>(?<![Nn]goại )(?<!được )giao(?:\s+cho)?\s+(?-i:(?=[A-ZĐÀ-Ỹ])))"
    r"|(?P<assigned>được giao(?=\s+(?:chủ trì|thực hiện|nhiệm vụ|triển khai|xây dựng|nghiên cứu|hoàn thiện)))"
    r")", re.I)
_ASSIGNED_TASK = re.compile(r"\s+(?:chủ trì|thực hiện|nghiên cứu|xây dựng|tổ chức|triển khai|hoàn thiện|soạn thảo|"
                            r"bố trí|rà soát|hướng dẫn|phối hợp|tham mưu|đôn đốc|theo dõi|hoàn thành|trình|lập|"
                            r"ban hành|đề xuất|cân đối|giải ngân|bảo đảm|đảm bảo|khẩn trương|sửa đổi|cấp|tổng hợp)(?![\w])")
_LEAD_DEADLINE = re.compile(r"(?:[Đđ]ến|[Tt]rước|[Tt]rong|(?P<y>[Nn]ăm))\s+(?:năm\s+|tháng\s+\d{1,2}[/-]|"
                            r"quý\s+(?:I{1,3}|IV|[1-4])\s*[/-]\s*)?(?:19|20)\d{2}\s*,\s*$")
_CLAUSE_YEAR = re.compile(r"(?:(?<=, )|(?<=: )|(?<=rằng ))[Nn]ăm\s+(?:19|20)\d{2}\s+$")
_IF = re.compile(r"(?<![\w])nếu(?![\w])[^.;]{0,80}$", re.I)
_RECEIVES = re.compile(r"\s+(?:được|nhận được)\s+(?:hưởng|nhận|hỗ trợ|ưu tiên|miễn|giảm|cấp|tặng|trao)(?![\w])")
_FORECAST = re.compile(r"(?:dự báo|ước tính|dự kiến|có thể|khả năng)[^,.;]{0,60}$", re.I)
_COORD = re.compile(r"\s+(?:và|cùng|cùng với|với)\s+(?:các|những)\s+[\w\s,]{0,50}$")
_TIME_LEAD = re.compile(r"\s*(?:[Đđ]ến|[Tt]rong|[Tt]ừ|[Vv]ào|[Tt]rước|[Cc]uối|[Đđ]ầu)\s+(?:tháng|năm|ngày|quý|thời gian)")
_DATELINE = re.compile(r"\(?[^\s()][^()\n]{0,29}\)\s*[-–]\s+|[^\s()]{2,20}\s+[-–]\s+(?=[A-ZĐÀ-Ỹ])")
_INTRO = re.compile(r"\s*(?:[^,.;\"]{0,25},\s*)?")
_NUMBER_WORDS = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
_QUANTITY = re.compile(rf"(?:(?:ít nhất|tối thiểu|khoảng|hơn|trên|gần)\s+)?(?:\d+(?:[.,]\d+)?(?:\s*-\s*\d+)?\s*%?"
                       rf"|{_NUMBER_WORDS}(?=\s+(?:sự kiện|đô thị|thành phố|tỉnh|dự án|chương trình|trung tâm|"
                       rf"khu|vùng|lĩnh vực|nhiệm vụ|hội nghị|hội thảo|cuộc)))(?![\d/])")
SPLIT_KINDS = {"future", "commit", "strive", "target", "deadline", "assign", "plan", "due", "assigned"}
_COMMIT_NOUN = re.compile(r"(?:đánh giá cao|hoan nghênh|ghi nhận|cảm ơn|trân trọng|nhờ|các|những|với|thực hiện)\s+$")
_PAST = re.compile(r"(?<![\w])(?:đã|đạt được|vừa)(?![\w])(?!\s+(?:yêu cầu|chỉ đạo|giao|đề nghị))")
_PLANNED_FUTURE = re.compile(r"dự kiến\s+$")
_NOT_AN_ACTION = re.compile(r"\s+(?:tăng|giảm|đạt|có|khoảng|lên|xuống|ở mức|\d)")
_THEO_POLICY = re.compile(r"\s*(?:[Cc]ũng\s+)?(?:[Tt]heo|[Tt]ại|[Tt]rong)\s+")
_GENERIC_WORDS = (r"[Tt]ỉnh|[Tt]hành phố|[Bb]ộ|[Ss]ở|[Bb]an|[Qq]uỹ|[Nn]gân hàng|[Tt]ập đoàn|[Cc]ông ty|[Tt]ổng công ty|"
                  r"[Hh]iệp hội|[Vv]iện")
_GENERIC_SUBJECT = re.compile(rf"(?:^|[\s,])(?P<w>{_GENERIC_WORDS})(?:\s+này)?(?:\s+(?:cũng|đã|vẫn|tiếp tục|dự kiến))*\s*$")
# a generic subject opening a clause, before its verb: "sở đang phối hợp ...", "Mục tiêu của tỉnh là ..."
_GENERIC_OPENING = re.compile(rf"\s*(?P<w>{_GENERIC_WORDS})(?:\s+này)?\s+(?=(?:sẽ|đang|đã|cũng|vẫn|tiếp tục|dự kiến|"
                              r"phấn đấu|đặt|cam kết|quyết tâm|phối hợp|tập trung|chủ động|khẩn trương|hoàn thành|"
                              r"triển khai|xây dựng|tổ chức|là)(?![\w]))")
_TARGET_OF = re.compile(r"\s*(?:[Mm]ục tiêu|[Cc]hỉ tiêu)(?:\s+(?:chung|cụ thể|tổng quát))?\s+(?:của|mà)\s+")
_FIRST_PERSON = re.compile(r"(?:^|[\s,\"])(?:[Cc]húng tôi|[Tt]ôi)(?:\s+(?:cũng|đã|sẽ|vẫn|luôn|xin))*\s*$")


def find_cues(analysis: Analysis, sent: Span, blocked: list[Span] | None = None) -> list[re.Match]:
    """Pledge cues in a sentence, minus forecasts, "đã sẽ", and cues inside policy names/titles
    (``blocked``: their spans, :func:`_policy_spans`, when the caller has them)."""
    canon, out = analysis.canon, []
    blocked = _policy_spans(analysis) if blocked is None else blocked
    for m in _CUE.finditer(canon, sent.start, sent.end):
        if any(b.start <= m.start() < b.end for b in blocked):
            continue
        before = canon[sent.start:m.start()]
        if m.lastgroup == "future" and (re.search(r"đã\s+$", before) or _FORECAST.search(before)) \
                and not _planned(canon, before, m.end()):
            continue
        if m.lastgroup == "future" and (_IF.search(before) or _RECEIVES.match(canon, m.end())):
            continue  # "nếu ..., tỉnh sẽ ...": a condition; "X sẽ được hưởng lợi": X receives, pledges nothing
        if m.lastgroup in ("commit", "strive") and _COMMIT_NOUN.search(before):
            continue  # "đánh giá cao cam kết của X", "với quyết tâm ...": the noun, no new commitment
        if m.lastgroup == "deadline" and re.search(r"tầm nhìn\s+$", before):
            continue  # "..., tầm nhìn đến năm 2045": the period in a document's title
        if m.lastgroup == "due" and (_past(analysis, sent, m) or _before_doc_year(analysis, m.group(0))
                                     or (m.group(0).lower().startswith("vào năm")
                                         and _PAST.search(canon, sent.start, sent.end))):
            continue  # "trong quý II, tỉnh đã ...", "đến hết năm 2023" in 2024, "vào năm 2018, X đã": past
        out.append(m)
    return out


def _policy_spans(analysis: Analysis) -> list[Span]:
    return [m.span for m in analysis.mentions if m.kind in ("policy", "policy_title")]


def _past(analysis: Analysis, sent: Span, cue: re.Match) -> bool:
    """A past tense ("đã", "vừa") in the clause around a deadline-like time phrase."""
    comma = analysis.canon.find(",", cue.end(), sent.end)
    return bool(_PAST.search(analysis.canon, _clause_start(analysis, sent, cue.start()),
                             comma if comma != -1 else sent.end))


def _before_doc_year(analysis: Analysis, text: str) -> bool:
    year = re.search(r"(?:19|20)\d{2}", text)
    this = doc_year(analysis) if year else None
    return bool(this and int(year.group(0)) < this)


def _planned(canon: str, before: str, after: int) -> bool:
    """"X dự kiến sẽ lắp đặt ...": an announced plan, unlike "dự kiến sẽ tăng 6%"."""
    return bool(_PLANNED_FUTURE.search(before)) and not _NOT_AN_ACTION.match(canon, after)


def quantity(text: str) -> str | None:
    """The first quantity in ``text`` that is not a year ("ít nhất 3", "3 - 5", "ba")."""
    for m in _QUANTITY.finditer(text):
        if not re.fullmatch(r"(?:19|20)\d{2}", m.group(0).strip()):
            return m.group(0).strip()
    return None


# ------------------------------------------------------------------ actors

def _entity_starting(analysis: Analysis, pos: int, limit: int = 3) -> tuple[Entity, Span] | None:
    """The longest actor mention starting within ``limit`` characters of ``pos``."""
    found = [(span, ent) for kind in ACTOR_KINDS for span, ent in entity_spans(analysis, kind)
             if pos <= span.start <= pos + limit]
    if not found:
        return None
    span, ent = max(found, key=lambda p: (p[0].end - p[0].start, -p[0].start))
    return ent, span


def _subject(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    canon = analysis.canon
    if cue.lastgroup == "assign":
        found = _entity_starting(analysis, cue.end(), 1)
        if found and _ASSIGNED_TASK.match(canon, found[1].end):
            return found[0], cue.start()
        return None
    if cue.lastgroup == "commit":
        st = _introduced_by(analysis, cue)
        if st is not None:  # "ông X, Giám đốc Y cam kết ...": the speaker, not the body in his post
            return _said_subject(analysis, st) or (st.speaker, cue.start())
        m = re.match(r"\s+của\s+", canon[cue.end():cue.end() + 8])
        found = _entity_starting(analysis, cue.end() + m.end(), 1) if m else None
        if found:
            return found[0], cue.start()
    who = speaker_before(analysis, cue.start(), sent.start, kinds=ACTOR_KINDS, direct_first=True)
    if who and who[0].kind == "place" and _NATIONALITY.search(canon, max(sent.start, who[1] - 20), who[1]):
        return None  # "Tập đoàn Hàn Quốc cam kết ...": an unnamed company, not the country
    if who:
        return who
    generic = _GENERIC_SUBJECT.search(canon, max(0, sent.start - 1), cue.start())  # "Tỉnh sẽ" opening it
    if generic:  # "thành phố sẽ ...", "Bộ sẽ ...": the body or place of that kind named last
        found = _recent_of_kind(analysis, generic.group("w"), cue.start())
        if found is not None:
            return found, generic.start("w")
    if _FIRST_PERSON.search(canon, sent.start, cue.start()):
        st = _statement_of(analysis, cue.start())  # “Chúng tôi sẽ ...”, said by its speaker
        if st is not None:
            return st.speaker, cue.start()
    end = sent.start + ADVERBS.search(canon[sent.start:cue.start()]).start()
    coord = _COORD.search(canon, sent.start, end)
    if coord:
        for span, ent in reversed([p for k in ACTOR_KINDS for p in entity_spans(analysis, k)]):
            if span.end <= coord.start() and canon[span.end:coord.start()].strip() == "" and span.start >= sent.start:
                return ent, span.start
    return None


_NATIONALITY = re.compile(r"(?<![\w])(?:[Tt]ập đoàn|[Cc]ông ty|[Dd]oanh nghiệp|[Nn]hà đầu tư|[Hh]ãng|[Qq]uỹ)\s+$")
_AGENT = re.compile(r"\s*(?:sẽ\s+)?được\s+")


def _passive_agent(analysis: Analysis, cue: re.Match, found: tuple[Entity, int]) -> tuple[Entity, int]:
    """"Luật X dự kiến được Quốc hội thông qua ...": the body after "được" acts, not the law."""
    m = _AGENT.match(analysis.canon, cue.end())
    if m is None:
        return found
    agent = _entity_starting(analysis, m.end(), 0)
    return (agent[0], found[1]) if agent and agent[0].kind in ("org", "person") else found


def _said_subject(analysis: Analysis, st: Statement) -> tuple[Entity, int] | None:
    """"X cam kết công ty sẽ ...": the body that is the subject of the promised clause."""
    canon = analysis.canon
    se = re.search(r"(?<![\w])sẽ(?![\w])", canon[st.span.start:st.span.end])
    if se is None:
        return None
    pos = st.span.start + se.start()
    who = speaker_before(analysis, pos, st.span.start, kinds=("org", "place"), direct_first=True)
    if who is not None:
        return who
    generic = _GENERIC_SUBJECT.search(canon, max(0, st.span.start - 1), pos)
    found = _recent_of_kind(analysis, generic.group("w"), pos) if generic else None
    return (found, generic.start("w")) if found is not None else None


def _introduced_by(analysis: Analysis, cue: re.Match) -> Statement | None:
    """The statement whose speech verb is this cue ("X cam kết <said>")."""
    for st in analysis.statements:
        if st.verb and fold(st.verb) == fold(cue.group(0)) and 0 <= st.span.start - cue.end() <= 3:
            return st
    return None


def _theo_policy(analysis: Analysis, sent: Span) -> Entity | None:
    """"Theo Kế hoạch số 45/KH-UBND ..., <targets>", "Tại Công điện, ...": the policy the sentence
    opens with (a bare type word: the policy of that type named last)."""
    lead = _THEO_POLICY.match(analysis.canon, sent.start)
    if not lead:
        return None
    for m in analysis.mentions:
        if m.kind == "policy" and m.entity is not None and m.span.start == lead.end():
            return m.entity
    if re.match(r"đó\s*,", analysis.canon[lead.end():lead.end() + 4]):
        return _policy_just_before(analysis, sent)  # "Theo đó, ...": what the policy just named provides
    bare = re.match(r"([^,.;]{3,40}?)(?:\s+(?:này|trên|nói trên))?\s*,", analysis.canon[lead.end():sent.end])
    return _policy_of_type(analysis, bare.group(1), sent.start) if bare else None


def _policy_just_before(analysis: Analysis, sent: Span) -> Entity | None:
    """The policy named last in the sentence right before ``sent`` (same or previous paragraph)."""
    prev = [s for s in analysis.sentences if s.end <= sent.start]
    if not prev or analysis.canon[prev[-1].end:sent.start].count("\n") > 1:
        return None
    return _policy_in(analysis, prev[-1], prev[-1].end)


def _policy_by_type(analysis: Analysis, sent: Span) -> Entity | None:
    """A sentence opened by a bare type word ("Chương trình hành động đặt mục tiêu ..."): the
    policy of that type named last before it."""
    head = fold(analysis.canon[sent.start:sent.start + 40])
    ptype = next((name for f, name in _folded_types() if head.startswith(f + " ")), None)
    if ptype is None or _policy_in(analysis, Span(sent.start, sent.start + len(ptype) + 1), sent.end):
        return None
    return _policy_of_type(analysis, ptype, sent.start)


def _bare_type_before(analysis: Analysis, sent: Span, pos: int) -> Entity | None:
    """"đến năm 2030, diện tích tham gia đề án sẽ đạt ...": a lower-case type word before the
    cue names the policy of that type named last."""
    for m in re.finditer(r"(?<![\w])(?:đề án|nghị quyết|chiến lược|chương trình|kế hoạch|quy hoạch)(?![\w])",
                         analysis.canon[sent.start:pos]):
        pol = _policy_of_type(analysis, m.group(0), sent.start)
        if pol is not None:
            return pol
    return None


def _policy_of_type(analysis: Analysis, word: str, pos: int) -> Entity | None:
    """The policy of type ``word`` ("Công điện") first named last before ``pos``."""
    folded = fold(word)
    ptype = next((name for f, name in _folded_types() if f == folded), None)
    earlier = [(min(s.start for s in e.spans), e) for e in analysis.entities_of("policy")
               if ptype and _of_type(e, ptype) and e.spans and min(s.start for s in e.spans) < pos]
    return max(earlier, key=lambda p: p[0])[1] if earlier else None


@lru_cache(maxsize=None)
def _folded_types() -> list[tuple[str, str]]:
    """(folded form, name) of each policy type, in the lexicon's order."""
    return [(fold(t.name), t.name) for t in policy_types()]


def _of_type(ent: Entity, ptype: str) -> bool:
    """The policy is of type ``ptype`` or is also written as one ("Quyết định ... phê duyệt Đề án X")."""
    return ent.attrs.get("policy_type") == ptype or any(
        fold(a).startswith(fold(ptype) + " ") for a in [ent.name, *ent.aliases])


def _recent_of_kind(analysis: Analysis, word: str, pos: int) -> Entity | None:
    """The body named last before ``pos`` whose name starts with ``word`` ("Bộ" -> "Bộ X"); for
    "tỉnh" / "thành phố", the province / city the article keeps naming (twice or more)."""
    w = fold(word)
    types = {"tinh": "province", "thanh pho": "city"}
    if w in types:
        places = [e for e in analysis.entities_of("place") if e.attrs.get("place_type") == types[w]
                  and len(e.spans) >= 2 and min(s.start for s in e.spans) < pos]
        return max(places, key=lambda e: len(e.spans)) if places else None
    party_word = _head_kinds().get(w) == "party"
    for span, ent in reversed(entity_spans(analysis, "org")):
        if span.start < pos and fold(ent.name).startswith(w + " ") \
                and (party_word or ent.attrs.get("org_kind") != "party"):  # "bộ" is no "Bộ Chính trị"
            return ent
    return None


@lru_cache(maxsize=None)
def _head_kinds() -> dict[str, str]:
    """Folded head word of a body's name -> its kind of body ("bo" -> "ministry", "ban" -> "party")."""
    return {fold(r["kind"]): r["org_kind"] for r in table("org_kinds")}


def _opening(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    """The entity opening the quotation / reported clause / sentence the cue is in."""
    for said in _said_spans(analysis):
        if said.start <= cue.start() < said.end:
            found = _entity_starting(analysis, said.start)
            if found:
                return found[0], found[1].start
    dateline = _DATELINE.match(analysis.canon, sent.start)
    first = dateline.end() if dateline else sent.start  # "(LĐXH) - Nghị quyết ...": not the outlet
    intro = _INTRO.match(analysis.canon, first)
    ahead = cue.group(0).lower().startswith("từ nay")  # "Từ nay đến cuối năm, Sở X hoàn thành ...": its subject
    for start in (first, intro.end()):
        found = _entity_starting(analysis, start)
        if found and (found[1].end <= cue.start() or ahead):
            return found[0], found[1].start
    return None


def _said_spans_of(st: Statement) -> list[Span]:
    """What a statement said, at every place its (repeated) evidence stands."""
    first = st.evidence[0] if st.evidence else st.span
    return [Span(st.span.start + ev.start - first.start, st.span.end + ev.start - first.start)
            for ev in st.evidence or [st.span]]


def _said_spans(analysis: Analysis) -> list[Span]:
    return [s for st in analysis.statements for s in _said_spans_of(st)]


def _policy_in(analysis: Analysis, sent: Span, before: int) -> Entity | None:
    pols = [m for m in analysis.mentions if m.kind == "policy" and m.entity is not None
            and sent.start <= m.span.start and m.span.end <= before]
    return pols[-1].entity if pols else None


def _actor(analysis: Analysis, cue: re.Match, sent: Span, last: Pledge | None) -> tuple[Entity, int] | None:
    if cue.lastgroup == "assign":
        return _subject(analysis, cue, sent)  # the assignee or nobody
    if cue.lastgroup == "assigned":  # "Bộ X được giao chủ trì ...": the body or person right before
        found = _subject(analysis, cue, sent)
        return found if found and found[0].kind in ("org", "person") else None
    if cue.lastgroup not in ("commit", "assign"):
        pol = _theo_policy(analysis, sent)
        if pol is not None:
            return pol, sent.start
    if cue.lastgroup == "due":
        directed = _directive_task(analysis, cue, sent)
        if directed is not None:
            return directed
    # a deadline is an adverbial: the place or body right before it is not its subject
    if cue.lastgroup == "target" and _WHEREIN.search(analysis.canon, sent.start, cue.start()):
        pol = _policy_in(analysis, sent, cue.start())  # "ban hành Kế hoạch X, trong đó đặt mục tiêu ..."
        if pol is not None:
            return pol, cue.start()
    found = None if cue.lastgroup in ("deadline", "due") else _subject(analysis, cue, sent)
    if found is None and cue.lastgroup in ("strive", "target", "deadline"):
        pol = _policy_whose_target(analysis, cue, sent)
        if pol is not None:  # "..., cả nước phấn đấu có 50% ..., theo mục tiêu của Quy hoạch X"
            return pol, _clause_start(analysis, sent, cue.start())
    found = found or _opening(analysis, cue, sent)
    if found and cue.lastgroup in ("future", "plan"):
        found = _passive_agent(analysis, cue, found)
    if found and found[0].kind == "policy" and cue.lastgroup in ("future", "commit"):
        return None  # "Luật X sẽ tháo gỡ ...": what a law will do is a forecast, not a pledge
    if found and found[0].kind == "person":
        body = _represented(analysis, found[0], sent)
        found = (body, found[1]) if body is not None else found
    if found:
        return found
    if cue.lastgroup in ("target", "deadline"):
        owner = _target_owner(analysis, sent)
        if owner is not None:  # "Mục tiêu của tỉnh là đến năm 2030 ..."
            return owner, sent.start
    if cue.lastgroup in ("target", "deadline", "atleast", "strive"):
        pol = _policy_in(analysis, sent, cue.start()) or _policy_by_type(analysis, sent) \
            or _bare_type_before(analysis, sent, sent.end if cue.lastgroup == "deadline" else cue.start())
        if pol is not None:
            return pol, sent.start
        if last is not None and last.actor.kind == "policy" and _follows(analysis, last, sent):
            return last.actor, sent.start
    if cue.lastgroup == "future" and _TIME_LEAD.match(analysis.canon, sent.start):
        orgs = [(s, e) for s, e in entity_spans(analysis, "org") if cue.end() <= s.start < sent.end]
        if orgs:
            return orgs[0][1], sent.start
    if cue.lastgroup in ("due", "plan", "strive", "target") or (cue.lastgroup == "atleast" and _MUST.search(
            analysis.canon, _clause_start(analysis, sent, cue.start()), cue.start())):
        # "X cho biết, nhà máy dự kiến đi vào hoạt động ...": X's plan; "X nhấn mạnh các địa phương
        # phải hoàn thành ít nhất 100 căn": the target X sets
        return _generic_opening(analysis, cue, sent) or _task_of_speaker(analysis, cue, sent) \
            or (_clause_subject(analysis, cue, sent) if cue.lastgroup == "due" else None)
    return None


def _target_owner(analysis: Analysis, sent: Span) -> Entity | None:
    """"Mục tiêu của tỉnh / của Bộ X là ...": whose target the sentence states."""
    m = _TARGET_OF.match(analysis.canon, sent.start)
    if m is None:
        return None
    found = _entity_starting(analysis, m.end(), 0)
    if found is not None:
        return found[0]
    generic = _GENERIC_OPENING.match(analysis.canon, m.end())
    return _recent_of_kind(analysis, generic.group("w"), sent.start) if generic else None


def _generic_opening(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    """"Ông X cho biết, sở đang phối hợp ... để đưa dự án vào vận hành trong năm 2026": the body of
    the kind the reported clause opens with, named last."""
    st = _statement_of(analysis, cue.start())
    said = next((s for s in _said_spans_of(st) if s.start <= cue.start() < s.end), None) if st else None
    for start in {_clause_start(analysis, sent, cue.start()), said.start if said else sent.start}:
        generic = _GENERIC_OPENING.match(analysis.canon, start)
        found = _recent_of_kind(analysis, generic.group("w"), cue.start()) if generic else None
        if found is not None:
            return found, generic.start("w")
    return None


def _clause_subject(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    """"Đây là cơ sở để UBND tỉnh xây dựng kế hoạch trong quý II": the first body or person in the
    clause of a time phrase, followed by its verb (a lower-case word)."""
    start = _clause_start(analysis, sent, cue.start())
    for kind in ("org", "person"):
        for span, ent in entity_spans(analysis, kind):
            words = analysis.canon[span.end:cue.start()].split() if start <= span.start else []
            if len(words) >= 2 and re.match(r"[a-zđà-ỹ]", words[0]) and words[0] not in STOP_WORDS:
                return ent, span.start
    return None


_MUST = re.compile(r"(?<![\w])phải(?![\w])")
_WHEREIN = re.compile(r",\s*(?:trong đó|theo đó)\s*,?\s*$")
_AFTER_POLICY = re.compile(r"(?:theo|đúng|đạt)\s+(?:(?:các\s+)?(?:mục tiêu|chỉ tiêu|lộ trình|yêu cầu)\s+(?:của|đề ra tại|"
                           r"đặt ra tại|tại|trong)\s+)?$")


def _policy_whose_target(analysis: Analysis, cue: re.Match, sent: Span) -> Entity | None:
    """A target whose sentence says after it whose target it is ("theo mục tiêu của <policy>")."""
    for m in analysis.mentions:
        if m.kind == "policy" and m.entity is not None and cue.end() <= m.span.start < sent.end \
                and _AFTER_POLICY.search(analysis.canon, max(cue.end(), m.span.start - 40), m.span.start):
            return m.entity
    return None


_REPRESENTS = re.compile(r"(?<![\w])[Đđ]ại diện(?:\s+(?:cho|của|phía))?\s+$")
_APPOSITION = re.compile(r"\s*,\s*(?:[Ôô]ng|[Bb]à)?\s*$")


def _represented(analysis: Analysis, person: Entity, sent: Span) -> Entity | None:
    """"Đại diện Công ty X, ông Y cam kết ...": Y speaks for the body, whose pledge it is."""
    canon = analysis.canon
    first = min((s for s in person.spans if sent.start <= s.start < sent.end), default=None, key=lambda s: s.start)
    if first is None:
        return None
    for span, ent in entity_spans(analysis, "org"):
        if sent.start <= span.start and span.end < first.start and _APPOSITION.fullmatch(canon, span.end, first.start) \
                and _REPRESENTS.search(canon, max(sent.start, span.start - 20), span.start):
            return ent
    return None


_TARGET_NOUN = re.compile(r"\s*(?:[Cc]ác\s+)?(?:[Mm]ục tiêu|[Cc]hỉ tiêu)(?![\w])")


def _follows(analysis: Analysis, last: Pledge, sent: Span) -> bool:
    """``sent`` goes on with the policy's targets of ``last``: in its paragraph, or opening the next
    paragraph with "Mục tiêu / Chỉ tiêu ..." ("Chỉ tiêu cụ thể đến năm 2027 là ...")."""
    para, here = analysis.paragraph_of(last.span.start), analysis.paragraph_of(sent.start)
    if para == here:
        return True
    if para is None or here is None or not _TARGET_NOUN.match(analysis.canon, sent.start):
        return False
    return not any(para.end <= p.start < here.start for p in analysis.paragraphs)


_DIRECTIVE = re.compile(r"yêu cầu|đề nghị|chỉ đạo|giao", re.I)


def _directive_task(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    """"X yêu cầu / đề nghị Y hoàn thành ... trong quý II": a task with its time set by whoever
    gave it, not by the addressee named first in what was said."""
    st = _statement_of(analysis, cue.start())
    if st is None or not st.verb or not _DIRECTIVE.fullmatch(st.verb):
        return None
    return _task_of_speaker(analysis, cue, sent)


def _task_of_speaker(analysis: Analysis, cue: re.Match, sent: Span) -> tuple[Entity, int] | None:
    st = _statement_of(analysis, cue.start())
    if st is None:
        return None
    # "X yêu cầu ... hoàn thành trong quý III": from what X said on
    said = next((s for s in _said_spans_of(st) if s.start <= cue.start() < s.end), st.span)
    stop = analysis.canon.rfind(". ", sent.start, cue.start())  # a quote's own sentences
    return st.speaker, max(sent.start, said.start, stop + 2 if stop != -1 else 0)


# ------------------------------------------------------------------ building

def _statement_of(analysis: Analysis, pos: int) -> Statement | None:
    for st in analysis.statements:
        if any(s.start <= pos < s.end for s in _said_spans_of(st)):
            return st
    return None


def _clause_start(analysis: Analysis, sent: Span, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ", " / ": " / "rằng" before it."""
    head = analysis.canon[sent.start:pos]
    cut = max(head.rfind(", "), head.rfind(": "), head.rfind("; "), head.rfind(" rằng "))
    return sent.start + (cut + 2 if cut != -1 else 0)


_CONTENT = re.compile(r"(?P<content>)")
_AMOUNT = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)?\s*(?:%|tỷ|triệu|nghìn|ha|km|MW|USD|đồng)(?![\w])")


def _uncued(analysis: Analysis, sent: Span, last: Pledge | None) -> list:
    """A sentence without a cue that still states a policy's target: "Theo nghị quyết, mỗi năm
    tỉnh dành 120 tỷ đồng ..." (what a policy provides), or the next item of a policy's list of
    targets right after it in the paragraph ("Chi cho nghiên cứu phát triển đạt 2% GDP")."""
    canon = analysis.canon
    if not _AMOUNT.search(canon, sent.start, sent.end) or _PAST.search(canon, sent.start, sent.end):
        return []
    actor = _theo_policy(analysis, sent)
    if actor is None and last is not None and last.actor.kind == "policy" and last.evidence \
            and _adjacent(analysis, last.evidence[-1], sent) \
            and re.search(r"(?<![\w])đạt(?![\w])", canon[sent.start:sent.end]):
        actor = last.actor
    return [(actor, sent.start, sent.end, _CONTENT.match(canon, sent.start))] if actor is not None else []


def _adjacent(analysis: Analysis, prev: Span, sent: Span) -> bool:
    """``prev`` is the sentence right before ``sent`` in the same paragraph."""
    return analysis.paragraph_of(prev.start) == analysis.paragraph_of(sent.start) \
        and not canon_words(analysis.canon[prev.end:sent.start])


def canon_words(text: str) -> bool:
    return bool(re.search(r"\w", text))


def _segments(analysis: Analysis, sent: Span, last: Pledge | None,
              blocked: list[Span]) -> list[tuple[Entity, int, int, re.Match]]:
    cues = find_cues(analysis, sent, blocked)
    if not cues:
        return _uncued(analysis, sent, last)
    if any(c.lastgroup in SPLIT_KINDS for c in cues):
        cues = [c for c in cues if c.lastgroup in SPLIT_KINDS]
    segs: list[list] = []
    for n, cue in enumerate(cues):
        if cue.lastgroup == "due" and any(c.lastgroup in ("future", "commit", "strive", "plan") for c in cues[n + 1:]):
            continue  # "trong năm 2025, UBND tỉnh sẽ ...": the time of the pledge after it
        if segs and (cue.start() - segs[-1][3].start() <= 25 or cue.lastgroup == "due"):
            continue  # "... sẽ thông xe trong quý III": the time of the pledge before
        if segs and cue.lastgroup == "deadline" and not _has_deadline(analysis, Span(segs[-1][1], cue.start())):
            continue  # "... sẽ xây dựng 3 vùng đến năm 2026": the deadline of the pledge before
        if segs and cue.lastgroup == "deadline":
            found = (segs[-1][0], cue.start())  # "...; đến năm 2030 có ...": the same actor's next target
        else:
            found = _actor(analysis, cue, sent, last)
        if found is None:
            continue
        actor, actor_start = found
        if segs and segs[-1][0] is actor and cue.lastgroup != "deadline":
            continue
        start = actor_start if sent.start <= actor_start <= cue.start() else _clause_start(analysis, sent, cue.start())
        lead = _LEAD_DEADLINE.search(analysis.canon, sent.start, start)
        if lead and lead.group("y") and lead.start() != sent.start:
            lead = None  # "Năm 2026, ..." counts only when it opens the sentence
        lead = lead or _CLAUSE_YEAR.search(analysis.canon, sent.start, start)  # "cho biết, năm 2026 tỉnh ..."
        if lead and not segs:
            start = lead.start()  # "đến năm 2025, X phấn đấu ...": the deadline written first
        if segs:
            start = max(start, cue.start()) if start < segs[-1][2] else start
            segs[-1][2] = min(segs[-1][2], start)
        segs.append([actor, start, _quote_end(analysis, cue.start(), sent.end), cue])
    return [tuple(s) for s in segs]


def _has_deadline(analysis: Analysis, span: Span) -> bool:
    return _deadline(analysis, span) is not None


def _quote_end(analysis: Analysis, pos: int, default: int) -> int:
    """The end of the quotation ``pos`` is in (a pledge in a quote ends with it), else ``default``."""
    for st in analysis.statements:
        if st.kind == "direct":
            for said in _said_spans_of(st):
                if said.start <= pos < said.end:
                    return min(said.end, default)
    return default


def _deadline(analysis: Analysis, span: Span) -> str | None:
    dates = [m for m in analysis.mentions if m.kind == "date" and m.span in span]
    cued = [d for d in dates if re.search(r"(?:đến|vào|trước|trong|cuối|tới|hết)\s+(?:năm\s+|tháng\s+|ngày\s+|quý\s+)?$",
                                          analysis.canon[max(0, d.span.start - 12):d.span.start], re.I)
            or d.attrs.get("precision") == "month"
            or (d.span.start - span.start <= 5 and (re.match(r"\s*,", analysis.canon[d.span.end:])
                                                     or re.fullmatch(r"[Nn]ăm\s+", analysis.canon[span.start:d.span.start])))]
    if cued:
        return cued[0].attrs["iso"]
    period = _PERIOD_END.search(analysis.canon, span.start, span.end)  # "... trong giai đoạn 2026 - 2030"
    return period.group(1) if period else None


_PERIOD_END = re.compile(r"giai đoạn\s+(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})(?![\d/])")


def _places_in(analysis: Analysis, span: Span) -> list[Entity]:
    """Places named in ``span`` on their own (not as part of a body's name: "Bộ Y tế Lào")."""
    bodies = [s for _, s in ((e, s) for e in analysis.entities_of("org") for s in e.spans)]
    return [e for e in analysis.entities_of("place")
            if any(s in span and not any(s in b and s != b for b in bodies) for s in e.spans)]


def _blank_refs(analysis: Analysis, span: Span) -> str:
    """The span's text with policy numbers and dates blanked (they are not quantities)."""
    chars = list(span.of(analysis.canon))
    for m in analysis.mentions:
        if m.kind in ("policy", "date") and m.span.overlaps(span):
            for i in range(max(m.span.start, span.start), min(m.span.end, span.end)):
                chars[i - span.start] = " "
    return "".join(chars)


def _trim(analysis: Analysis, start: int, end: int) -> Span:
    while end > start and analysis.canon[end - 1] in " .;,…\"":
        end -= 1
    while start < end and analysis.canon[start] in " ,:\"-–•*+":
        start += 1
    return Span(start, end)


@component("pledges")
def pledges(analysis: Analysis) -> None:
    found: dict[tuple, Pledge] = {}
    last: Pledge | None = None
    blocked = _policy_spans(analysis)  # the mentions do not change while pledges are read
    for sent in analysis.sentences:
        for actor, start, end, cue in _segments(analysis, sent, last, blocked):
            span = _trim(analysis, start, end)
            if len(span.of(analysis.canon).split()) < 4:
                continue
            key = (actor.id, fold(span.of(analysis.canon)))
            if key in found:
                if sent not in found[key].evidence:
                    found[key].evidence.append(sent)
                last = found[key]
                continue
            places = [e for e in _places_in(analysis, span) if e is not actor]
            pl = Pledge(actor=actor, span=span, deadline=_deadline(analysis, span),
                        quantity=quantity(_blank_refs(analysis, Span(cue.start(), span.end))), places=places,
                        statement=_statement_of(analysis, cue.start()),
                        policy=actor if actor.kind == "policy" else None, evidence=[sent])
            found[key] = last = pl
    _list_tasks(analysis, found)
    _listed_targets(analysis, found)
    _merge_headline(analysis, found)
    analysis.pledges.extend(sorted(found.values(), key=lambda p: p.span.start))


_CUE_WORDS = set(fold("sẽ cam kết phấn đấu đặt mục tiêu đề ra").split())


def _content_words(text: str, actor: Entity) -> set[str]:
    """What a headline pledges: its words but the cue's, the actor's name and the year ("Tỉnh X đặt
    mục tiêu tăng trưởng 9% năm 2026" restates "tỉnh đặt mục tiêu tăng trưởng đạt 9%")."""
    folded = f" {fold(text)} "
    for name in (actor.name, *actor.aliases):
        folded = folded.replace(f" {fold(name)} ", " ")
    return {w for w in folded.split() if w not in _CUE_WORDS and w != "nam" and not re.fullmatch(r"(?:19|20)\d{2}", w)}


def _merge_headline(analysis: Analysis, found: dict) -> None:
    """A headline that restates a pledge of the body (its words are in it) is that pledge's evidence;
    a headline's pledge that restates none in those words is left out (the body states it its own way)."""
    head = headline(analysis)
    if head is None:
        return
    canon = analysis.canon
    for key, pl in list(found.items()):
        if not pl.span in head:
            continue
        cues = find_cues(analysis, head)
        clause = _clause_start(analysis, head, cues[0].start()) if cues else pl.span.start
        words = _content_words(canon[max(clause, pl.span.start):pl.span.end], pl.actor)
        for other in found.values():
            if other is not pl and other.span.start >= head.end \
                    and len(words & set(fold(other.span.of(canon)).split())) >= 0.8 * len(words):
                other.evidence.extend(e for e in pl.evidence if e not in other.evidence)
                del found[key]
                break
        else:  # a headline restates the body in other words: the body's pledge is the one to keep
            del found[key]


_TASKS = re.compile(r"(?<![\w])(?:việc|nhiệm vụ|giải pháp|yêu cầu|biện pháp|chỉ tiêu|mục tiêu|nội dung)(?![\w])"
                    r"[^:]{0,40}:\s*$")
_ITEM = re.compile(r"\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s+")


def _listed_targets(analysis: Analysis, found: dict) -> None:
    """"Kế hoạch đặt ra các chỉ tiêu đến năm 2026 như sau: - A; - B": a pledge ending in a colon is
    the list of items after it, each a pledge of its actor (with its deadline unless the item has one)."""
    canon = analysis.canon
    for key, head in list(found.items()):
        if not canon.startswith(":", head.span.end) and not canon.startswith(":", head.span.end - 1):
            continue
        items = []
        for para in analysis.paragraphs:
            if para.start <= head.span.end:
                continue
            item = _ITEM.match(canon, para.start)
            if not item:
                break
            items.append(_trim(analysis, item.end(), para.end))
        items = [sp for sp in items if len(sp.of(canon).split()) >= 3
                 and not any(p.span.overlaps(sp) for p in found.values())]
        for span in items:
            found[(head.actor.id, fold(span.of(canon)))] = Pledge(
                actor=head.actor, span=span, deadline=_deadline(analysis, span) or head.deadline,
                quantity=quantity(_blank_refs(analysis, span)), places=_places_in(analysis, span),
                statement=head.statement, policy=head.policy, evidence=[analysis.sentence_of(span.start) or span])
        if items:
            del found[key]


def _list_tasks(analysis: Analysis, found: dict) -> None:
    """"X nhấn mạnh ba việc phải làm: - A; - B": each listed task is the speaker's pledge."""
    canon = analysis.canon
    for st in analysis.statements:
        colon = canon.find(":", st.span.start, st.span.end)
        if colon == -1 or not _TASKS.search(canon, st.span.start, colon + 1) \
                or _PAST.search(canon, st.span.start, colon):
            continue  # "năm qua đã làm được ba việc:": results, not tasks
        for para in analysis.paragraphs:
            item = _ITEM.match(canon, para.start)
            if not (colon < para.start < st.span.end) or not item:
                continue
            span = _trim(analysis, item.end(), min(para.end, st.span.end))
            if len(span.of(canon).split()) < 4 or any(p.span.overlaps(span) for p in found.values()):
                continue
            found[(st.speaker.id, fold(span.of(canon)))] = Pledge(
                actor=st.speaker, span=span, deadline=_deadline(analysis, span),
                quantity=quantity(_blank_refs(analysis, span)), places=_places_in(analysis, span),
                statement=st, policy=None, evidence=[analysis.sentence_of(span.start) or span])
