"""Component ``dates``: calendar expressions, as ISO strings, for other components.

Recognised (on the canonical text): "ngày 27/9/2019", "27-9-2019", "24/01/2022",
"ngày 22/10" (year from context), "tháng 10/2020", "tháng 10-2022",
"tháng 9 năm nay", "trong tháng 6" (a month cued as a time, year from context), "quý II/2024"
and "quý III (năm nay)" (as its last month), "năm 2019",
"trong năm nay", "đến năm 2030",
"(22/10)".

Public API (used by policies, events, pledges)::

    parse_date("27/9/2019")               -> "2019-09-27"
    parse_date("22/10", default_year=2020) -> "2020-10-22"
    find_dates(text, default_year)         -> [DateMatch(start, end, iso, text)]
    context_year(analysis, pos)            -> year a day/month at ``pos`` belongs to
    dates_in(analysis, span)               -> date mentions inside a span

The component adds a :class:`Mention` of kind ``"date"`` (attrs ``iso``) for
each expression, and fills ``analysis.doc.date`` only from a dateline (a full
date at the very start of the text) when the document has no date yet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Analysis, Mention, Span
from ..pipeline import component

__all__ = ["DateMatch", "parse_date", "find_dates", "context_year", "dates_in", "doc_year"]

_YEAR = r"(?:19|20)\d{2}"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*({_YEAR})\b")
_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/]|\.\d|-\d)")
_MONTH_YEAR = re.compile(rf"\b[Tt]háng\s+(\d{{1,2}})\s*(?:[/-]\s*|\s+năm\s+)({_YEAR})\b")
_MONTH_THIS_YEAR = re.compile(r"\b[Tt]háng\s+(\d{1,2})\s+năm\s+(nay|tới|sau)\b")
_YEAR_ONLY = re.compile(rf"\b(?:[Nn]ăm|[Đđ]ến|[Vv]ào|[Tt]rước|[Tt]ừ)\s+(?:năm\s+)?({_YEAR})\b")
_DAY_WORD = re.compile(r"(?:ngày|hôm nay|hôm qua|sáng|chiều|tối|trưa|đêm)\s*(?:nay\s*)?\(?\s*$", re.I)
_FROM_ON = re.compile(r"(?:từ|đến|trước|sau|hiệu lực)\s+(?:ngày\s+|tháng\s+)?$", re.I)
_QUARTER = re.compile(rf"\b[Qq]uý\s+(I{{1,3}}|IV|[1-4])\s*(?:/|\s+năm\s+|-)\s*({_YEAR})\b")
_QUARTER_THIS_YEAR = re.compile(r"\b[Qq]uý\s+(I{1,3}|IV|[1-4])(?:\s+năm\s+(nay|tới|sau))?(?![\w/-])")
_MONTH_CUED = re.compile(r"(?<![\w])(?:[Tt]rong|[Vv]ào|[Cc]uối|[Hh]ết|[Tt]rước|[Đđ]ầu)\s+(?P<m>tháng\s+(\d{1,2}))"
                         r"(?![\w/-]|[.,]\d|\s+năm)")
_THIS_YEAR = re.compile(r"(?<![\w])(?:[Tt]rong|[Hh]ết|[Cc]uối|[Đđ]ầu)\s+(năm\s+(nay|tới|sau))(?![\w])")
_SHIFT = {None: 0, "nay": 0, "tới": 1, "sau": 1}
_QUARTER_END = {"I": 3, "1": 3, "II": 6, "2": 6, "III": 9, "3": 9, "IV": 12, "4": 12}


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str
    text: str
    precision: str  # "day" | "month" | "year"


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """ISO form of one date expression ("27/9/2019", "22/10", "tháng 10/2020", "năm 2019")."""
    found = find_dates(text, default_year, bare_day_month=True)
    return found[0].iso if found else None


def find_dates(text: str, default_year: int | None = None,
               bare_day_month: bool = False) -> list[DateMatch]:
    """Every date expression in ``text``, left to right, without overlaps.

    A day/month without a year needs ``default_year`` and, unless
    ``bare_day_month``, a cue before it ("ngày", "hôm nay (", ...) so that
    ratios and numbers like "3/5" are not read as dates.
    """
    out: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(m, iso, precision, group=0):
        s, e = m.span(group)
        if iso and not any(s < te and ts < e for ts, te in taken):
            taken.append((s, e))
            out.append(DateMatch(s, e, iso, text[s:e], precision))

    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, _iso(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day")
    for m in _MONTH_YEAR.finditer(text):
        add(m, _iso(int(m.group(2)), int(m.group(1))), "month")
    for m in _QUARTER.finditer(text):  # a quarter is given by its last month
        add(m, _iso(int(m.group(2)), _QUARTER_END[m.group(1)]), "month")
    if default_year:
        for m in _MONTH_THIS_YEAR.finditer(text):
            add(m, _iso(default_year + _SHIFT[m.group(2)], int(m.group(1))), "month")
        for m in _MONTH_CUED.finditer(text):  # "trong tháng 6", "trước tháng 10": of the context year
            add(m, _iso(default_year, int(m.group(2))), "month", "m")
        for m in _QUARTER_THIS_YEAR.finditer(text):  # "quý III năm nay", "trong quý III"
            add(m, _iso(default_year + _SHIFT[m.group(2)], _QUARTER_END[m.group(1)]), "month")
        for m in _THIS_YEAR.finditer(text):  # "trong năm nay": the year only
            add(m, str(default_year + _SHIFT[m.group(2)]), "year", 1)
        for m in _DAY_MONTH.finditer(text):
            if bare_day_month or _DAY_WORD.search(text[max(0, m.start() - 12):m.start()]):
                add(m, _iso(default_year, int(m.group(2)), int(m.group(1))), "day")
    for m in _YEAR_ONLY.finditer(text):
        add(m, m.group(1), "year", 1)
    return sorted(out, key=lambda d: d.start)


def doc_year(analysis: Analysis) -> int | None:
    """The document's year: its metadata date, else the latest full or month date in the text
    (not counting dates something takes effect from or runs to)."""
    if analysis.doc.date and re.match(r"\d{4}", analysis.doc.date):
        return int(analysis.doc.date[:4])
    if "_doc_year" in analysis.__dict__:  # cached on the analysis (freed with it)
        return analysis.__dict__["_doc_year"]
    canon = analysis.canon
    years = [int(m.group(3)) for m in _DAY_MONTH_YEAR.finditer(canon)
             if not _FROM_ON.search(canon[max(0, m.start() - 20):m.start()])]
    years += [int(m.group(2)) for m in _MONTH_YEAR.finditer(canon)
              if not _FROM_ON.search(canon[max(0, m.start() - 20):m.start()])]
    year = analysis.__dict__["_doc_year"] = max(years) if years else None
    return year


def context_year(analysis: Analysis, pos: int) -> int | None:
    """Year for a day/month at ``pos``: a year in the same sentence, else the document's."""
    sent = analysis.sentence_of(pos) or analysis.paragraph_of(pos)
    if sent is not None:
        years = [(abs(m.start() + sent.start - pos), int(m.group(0)))
                 for m in re.finditer(rf"(?<![\d/.-]){_YEAR}(?![\d/])", sent.of(analysis.canon))
                 if not re.search(r"(?:đến|tới|giai đoạn|tầm nhìn)\s+(?:năm\s+)?$",
                                  analysis.canon[max(0, sent.start + m.start() - 15):sent.start + m.start()])]
        if years:
            return min(years)[1]
    return doc_year(analysis)


def dates_in(analysis: Analysis, span: Span) -> list[Mention]:
    """Date mentions (kind ``"date"``, attrs ``iso``) inside ``span``."""
    return [m for m in analysis.mentions if m.kind == "date" and m.span in span]


_MAY_HOLD_DATE = re.compile(r"\d|uý|năm")
"""What every expression :func:`find_dates` knows has (a digit, "quý" or "năm"): a
sentence without any is not searched, nor its context year looked up."""


def _sentence_dates(analysis: Analysis, sent: Span) -> list[DateMatch]:
    text = sent.of(analysis.canon)
    if not _MAY_HOLD_DATE.search(text):
        return []
    return [DateMatch(d.start + sent.start, d.end + sent.start, d.iso, d.text, d.precision)
            for d in find_dates(text, context_year(analysis, sent.start))]


@component("dates")
def dates(analysis: Analysis) -> None:
    spans = analysis.sentences or analysis.paragraphs or [Span(0, len(analysis.text))]
    for sent in spans:
        for d in _sentence_dates(analysis, sent):
            span = Span(d.start, d.end)
            analysis.mentions.append(Mention("date", span, span.of(analysis.text),
                                             {"iso": d.iso, "precision": d.precision}))
    if not analysis.doc.date:
        head = analysis.canon[:80]
        m = _DAY_MONTH_YEAR.search(head)
        if m and m.start() < 40 and re.match(r"\s*(?:[-|)]|$)", head[m.end():], re.M):
            analysis.doc.date = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
