"""Component ``policies``: policy documents, their numbers, issuers, dates, titles, relations.

References come from :mod:`.policy_refs`. All references to one document in
the text become one ``policy`` entity: "Nghị quyết số 52", "Nghị quyết 52"
and "Nghị quyết 52-NQ/TW" share the number 52 and type, so they merge, and a
bare number gets its official tail from the issuer's numbering convention
("của Bộ Chính trị" -> 52-NQ/TW, Chính phủ -> /NQ-CP, Thủ tướng -> /QĐ-TTg).
"Nghị quyết số 50/NQ-CP ... ban hành Chương trình hành động ..." makes the
programme another spelling of the resolution that issues it, and
"... để thực hiện Nghị quyết 52" an ``implements`` relation. A headline's
loose reference ("Chương trình hành động thực hiện Nghị quyết") is one more
spelling of the only numbered document of that type in the body.

Entity key: the official number when known, else type + congress / number /
title. Attributes: ``number``, ``policy_type``, ``title``, ``issuer`` (org
entity, or the office as a string), ``date`` (ISO), ``implements``.
Each reference is also a ``policy`` :class:`Mention` linked to its entity, and
a title written after it a ``policy_title`` mention (so that later components
do not read a title as speech or as a target).
"""
from __future__ import annotations

import re

from camket.ontology.iri import fold

from ..model import Analysis, Entity, Mention, Span
from ..pipeline import component
from .dates import context_year, find_dates, parse_date
from .policy_refs import KNOWN_ISSUERS, PolicyRef, attributes_after, find_refs, issuer_convention

__all__ = ["policies", "find_org", "org_for", "headline"]

OFFICES = {"thủ tướng", "thủ tướng chính phủ", "chủ tịch nước", "phó thủ tướng"}
ORG_KINDS = {"bộ chính trị": "party", "ban bí thư": "party", "ban chấp hành trung ương": "party",
             "ban chấp hành trung ương đảng": "party", "chính phủ": "government", "quốc hội": "assembly",
             "ủy ban thường vụ quốc hội": "assembly"}
_ISSUE_VERB = re.compile(r"(?:ban hành|phê duyệt|thông qua|ký)\s*$")
_IMPLEMENTS = re.compile(r"\s*,?\s*(?:để\s+|nhằm\s+)?(?:triển khai thực hiện|thực hiện|triển khai|cụ thể hóa|"
                         r"thể chế hóa|hướng dẫn thi hành)\s*$")
APPROVED = {"Đề án", "Quy hoạch", "Chiến lược", "Chương trình", "Chương trình hành động", "Kế hoạch",
            "Chương trình mục tiêu quốc gia"}
_APPROVES = re.compile(r"\s*,?\s*(?:về việc\s+)?phê duyệt\s*")
_APPROVED_AT = re.compile(r"\s*(?:\([^()]{0,80}\))?\s*(?:(?:đã\s+)?được\s+(?:[^,.;]{0,40}?\s+)?|"
                          r"(?:mà|do)\s+[^,.;]{0,40}?\s+(?:đã\s+)?)phê duyệt\s+(?:tại|theo|bằng)\s*")
_ISSUES_PROGRAMME = re.compile(r"\s*,?\s*(?:đã\s+|để\s+)?ban hành\s*$")


# ------------------------------------------------------------------ orgs

def find_org(analysis: Analysis, name: str) -> Entity | None:
    """An org entity of the document whose name or alias folds to ``name``."""
    target = fold(name)
    for ent in analysis.entities_of("org"):
        if fold(ent.name) == target or any(fold(a) == target for a in ent.aliases):
            return ent
    return None


def org_at(analysis: Analysis, pos: int) -> Entity | None:
    """The org entity one of whose spans starts at ``pos``."""
    for ent in analysis.entities_of("org"):
        if any(s.start == pos for s in ent.spans):
            return ent
    return None


def org_for(analysis: Analysis, name: str, span: Span, kind: str | None = None) -> Entity:
    """The document's org entity called ``name`` (reused when present, else created)."""
    ent = find_org(analysis, name)
    if ent is None:
        ent = analysis.entity("org", analysis.text[span.start:span.end], span,
                              org_kind=kind or ORG_KINDS.get(name.casefold()))
    else:
        ent.add_span(span)
    return ent


def _issuer(analysis: Analysis, text: str | None, pos: int) -> Entity | str | None:
    ent = org_at(analysis, pos)
    if ent is not None:
        return ent
    if not text:
        return None
    if text.casefold() in OFFICES:
        return text
    return org_for(analysis, text, Span(pos, pos + len(text)))


# ------------------------------------------------------------------ reading around a reference

def _before(analysis: Analysis, ref: PolicyRef) -> dict:
    """Issuer and date from "ngày X, <issuer> đã ban hành <ref>"."""
    sent = analysis.sentence_of(ref.start)
    start = sent.start if sent else max(0, ref.start - 200)
    before = analysis.canon[start:ref.start]
    verb = _ISSUE_VERB.search(before)
    if not verb:
        return {}
    window_start = max(0, verb.start() - 90)
    out: dict = {}
    found = [(m.start(), m.end(), m.group(0)) for m in KNOWN_ISSUERS.finditer(before, window_start, verb.start())]
    found += [(s.start - start, s.end - start, None) for e in analysis.entities_of("org") for s in e.spans
              if start + window_start <= s.start and s.end <= start + verb.start()]
    found = [f for f in found if not re.search(r"(?:của|với|cho)\s+$", before[:f[0]])]
    if found:
        s0, e0, text = max(found, key=lambda f: (f[1], -f[0]))  # the nearest, longest
        out["issuer"] = _issuer(analysis, text, start + s0)
        head = before[:s0]
    else:
        head = before[:verb.start()]
    tail = head[-40:]
    dates = [d for d in find_dates(tail, context_year(analysis, ref.start))
             if re.fullmatch(r"\s*,?\s*", tail[d.end:])
             and re.search(r"(?:^|[,.;:]\s*|\bGần đây,?\s*)(?:(?:[Nn]gày|[Nn]ăm|[Tt]háng)\s+)?$", head[:len(head) - len(tail) + d.start])]
    if dates:
        out["date"] = dates[-1].iso
    return out


def _read(analysis: Analysis, ref: PolicyRef) -> None:
    after = attributes_after(analysis.canon, ref)
    ref.attrs = {"end": after["end"]}
    if after.get("date"):
        ref.attrs["date"] = parse_date(after["date"])
    if after.get("issuer_at") is not None:
        issuer = _issuer(analysis, after.get("issuer_text"), after["issuer_at"])
        if issuer is not None:
            ref.attrs["issuer"] = issuer
    if after.get("title"):
        s, e = after["title_span"]
        ref.attrs["title"] = analysis.text[s:e].strip()
        ref.attrs["title_span"] = Span(max(0, s - 1), min(len(analysis.text), e + 1))
    for k, v in _before(analysis, ref).items():
        ref.attrs.setdefault(k, v)
    if ref.title:
        ref.attrs["title"] = ref.title
    if ref.congress:
        ref.attrs.setdefault("issuer", ref.spelling[len(ref.ptype.name):].strip())


# ------------------------------------------------------------------ grouping

def _group_key(ref: PolicyRef) -> tuple:
    if "alias_of" in ref.attrs:
        return _group_key(ref.attrs["alias_of"])
    if ref.congress:
        return (ref.ptype.name, ref.congress)
    if ref.base:
        return (ref.ptype.name, int(ref.base))
    return (ref.ptype.name, fold(ref.title or ref.spelling))


def _groups(refs: list[PolicyRef]) -> list[list[PolicyRef]]:
    groups: dict[tuple, list[PolicyRef]] = {}
    for ref in refs:
        groups.setdefault(_group_key(ref), []).append(ref)
    # a headline's loose reference is the last spelling, never the one that names the document
    return [sorted(g, key=lambda r: "headline_of" in r.attrs) for g in groups.values()]


def headline(analysis: Analysis) -> Span | None:
    """The title line: a first paragraph of one short line with no closing period, body after it."""
    if len(analysis.paragraphs) < 3:
        return None
    first = analysis.paragraphs[0]
    text = first.of(analysis.canon).strip()
    return first if text and len(text) <= 200 and text[-1] not in ".!?\"”" and "\n" not in text else None


def _headline_into_body(analysis: Analysis, refs: list[PolicyRef]) -> None:
    """"Tỉnh ủy ban hành Chương trình hành động thực hiện Nghị quyết" as a headline: the one
    numbered document of that type the body names."""
    head = headline(analysis)
    if head is None:
        return
    for ref in refs:
        if not (head.start <= ref.start < head.end) or ref.base or ref.congress or ref.title_quoted:
            continue
        body = {r.number: r for r in refs if r.start >= head.end and r.number and r.ptype is ref.ptype}
        if len(body) == 1:
            ref.attrs["alias_of"] = ref.attrs["headline_of"] = next(iter(body.values()))


def _number(group: list[PolicyRef]) -> str | None:
    for ref in group:
        if ref.number:
            return ref.number
    for ref in group:
        issuer = ref.attrs.get("issuer")
        name = issuer.name if isinstance(issuer, Entity) else issuer
        if name and ref.base:
            number = issuer_convention(name, ref.base, ref.ptype)
            if number:
                return number
    return None


def _key(group: list[PolicyRef], number: str | None) -> str:
    first = group[0]
    if number:
        return number
    if first.congress:
        return f"{first.ptype.name} {first.congress}"
    if first.base:
        return f"{first.ptype.name} {first.base}"
    name = first.title or first.spelling
    return name if name.startswith(first.ptype.name) else f"{first.ptype.name} {name}"


def _first(group: list[PolicyRef], attr: str):
    return next((r.attrs[attr] for r in group if r.attrs.get(attr) is not None), None)


def _entity(analysis: Analysis, group: list[PolicyRef]) -> Entity:
    number = _number(group)
    first = group[0]
    name = analysis.text[first.start:first.end]
    title = _first(group, "title") or (name if first.congress else None)
    ent = analysis.entity("policy", name, Span(first.start, first.end), key=_key(group, number),
                          number=number, policy_type=first.ptype.name, title=title,
                          issuer=_first(group, "issuer"),
                          date=_first(group, "date"))
    for ref in group:
        span = Span(ref.start, ref.end)
        ent.add_spelling(span.of(analysis.text))
        ent.add_span(span)
        analysis.mentions.append(Mention("policy", span, span.of(analysis.text), entity=ent))
        if ref.attrs.get("title_span"):
            t = ref.attrs["title_span"]
            analysis.mentions.append(Mention("policy_title", t, t.of(analysis.text), entity=ent))
    return ent


# ------------------------------------------------------------------ programmes and relations

def _programmes_into_issuers(analysis: Analysis, refs: list[PolicyRef]) -> None:
    """'Nghị quyết 50/NQ-CP ... ban hành Chương trình hành động X': X is another name of it."""
    for i, ref in enumerate(refs):
        if ref.ptype.name != "Chương trình hành động":
            continue
        for prev in reversed(refs[:i]):
            if prev.base and prev.attrs.get("end", prev.end) <= ref.start:
                if _ISSUES_PROGRAMME.fullmatch(analysis.canon[prev.attrs.get("end", prev.end):ref.start]):
                    ref.attrs["alias_of"] = prev
                    prev.attrs.setdefault("title", analysis.text[ref.start:ref.end])
                break


def _approved_documents(analysis: Analysis, refs: list[PolicyRef]) -> None:
    """A plan and the decision that approves it are one document, and so is a short name
    in brackets: "Quyết định số 1490/QĐ-TTg ngày ... phê duyệt Đề án X", "Quy hoạch X
    (Quy hoạch điện VIII) được phê duyệt tại Quyết định số 500/QĐ-TTg"."""
    canon = analysis.canon
    for a, b in zip(refs, refs[1:]):
        a_end = a.attrs.get("end", a.end)
        if a_end > b.start:
            continue
        gap = canon[a_end:b.start]
        if a.base and not b.base and b.ptype.name in APPROVED and _APPROVES.fullmatch(gap):
            b.attrs["alias_of"] = a
            a.attrs.setdefault("title", b.title or analysis.text[b.start:b.end])
        elif not b.base and re.fullmatch(r"\s*\(", gap) and canon.startswith(")", b.end):
            b.attrs["alias_of"] = a  # "Quy hoạch ... (Quy hoạch điện VIII)"
    for i, a in enumerate(refs):
        decision = next((b for b in refs[i + 1:] if b.base), None)
        if a.base or a.ptype.name not in APPROVED or decision is None or a.end > decision.start:
            continue
        if _APPROVED_AT.fullmatch(canon[a.attrs.get("end", a.end):decision.start]):
            a.attrs["alias_of"] = decision
            decision.attrs.setdefault("title", a.title or analysis.text[a.start:a.end])


def _relations(analysis: Analysis, refs: list[PolicyRef], entity_of: dict[int, Entity]) -> None:
    for a in refs:
        for b in refs:
            if b.start <= a.start or entity_of[id(a)] is entity_of[id(b)]:
                continue
            if b.end <= a.end:  # b is named inside a's title
                gap_start = a.start + len(a.ptype.name)
            else:
                gap_start = a.attrs.get("end", a.end) if a.attrs.get("end", a.end) <= b.start else a.end
            gap = analysis.canon[gap_start:b.start]
            if len(gap) <= 50 and _IMPLEMENTS.fullmatch(gap):
                impl = entity_of[id(a)].attrs.setdefault("implements", [])
                if entity_of[id(b)] not in impl:
                    impl.append(entity_of[id(b)])
                break


@component("policies")
def policies(analysis: Analysis) -> None:
    refs = find_refs(analysis.canon)
    for ref in refs:
        _read(analysis, ref)
    _programmes_into_issuers(analysis, refs)
    _approved_documents(analysis, refs)
    _headline_into_body(analysis, refs)
    entity_of: dict[int, Entity] = {}
    for group in _groups(refs):
        ent = _entity(analysis, group)
        for ref in group:
            entity_of[id(ref)] = ent
    _relations(analysis, refs, entity_of)
