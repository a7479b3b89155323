"""Component ``structure``: paragraphs and sentences with offsets.

Paragraphs are lines (articles put one paragraph per line; captions such as
"Ảnh: X" glue to the next line otherwise). Sentences end at . ! ? … followed
by a space and a capital or quote, except after known abbreviations (TS.,
PGS.TS., ThS., TP., Th.S, v.v.), inside numbers and inside domain names
("VTV.vn"). Quotation marks are kept balanced: a sentence does not end inside
an open quotation unless the paragraph ends.
"""
from __future__ import annotations

import re

from ..model import Analysis, Span
from ..pipeline import component

ABBREVIATIONS = {"ts", "pgs", "gs", "ths", "th.s", "tp", "ks", "bs", "ls", "kts", "nxb", "tr",
                 "v.v", "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "no", "tt", "q", "p"}

_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s+[\"'(\[]?[A-ZÀ-ỸĐ0-9])")


def paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append(Span(start, start + len(stripped)))
        pos += len(line) + 1
    return spans


_LAST_TOKEN = re.compile(r"([\w.]+)$")
_LONGEST_ABBREVIATION = 40
"""The token before a dot is read in this many characters: longer tokens are no abbreviation
either way (the search over the whole text before the dot cost O(paragraph) per dot)."""


def _abbreviation_before(canon: str, dot: int) -> bool:
    word = _LAST_TOKEN.search(canon, max(0, dot - _LONGEST_ABBREVIATION), dot)
    if not word:
        return False
    token = word.group(1).casefold()
    # an initial ("John F. Kennedy") is one ASCII letter; "Á" ends "Đông Nam Á." and a sentence
    # ("lần thứ 9. Chúng ta ..." ends a sentence: a digit is no initial)
    return token in ABBREVIATIONS or token.split(".")[-1] in ABBREVIATIONS \
        or (len(token) == 1 and token.isascii() and token.isalpha())


def sentences(canon: str, para: Span) -> list[Span]:
    text = canon[para.start:para.end]
    out, start = [], 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and _abbreviation_before(text, m.start()):
            continue
        if text[:m.end()].count('"') % 2 == 1:  # inside an open quotation
            continue
        out.append(Span(para.start + start, para.start + m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        out.append(Span(para.start + start, para.end))
    return out


@component("structure")
def structure(analysis: Analysis) -> None:
    analysis.paragraphs = paragraphs(analysis.text)
    analysis.sentences = [s for p in analysis.paragraphs for s in sentences(analysis.canon, p)]
