"""Word-level view of a document shared by the actor components.

:func:`words` splits the canonical text (``Analysis.canon``: NFC, new-style
tone placement, straight quotes, one character per character of the stored
text) into :class:`Word`s with offsets, case flags and the text of the gap
before each word. Rules then walk words instead of re-running regular
expressions over the text. The result is cached on the analysis.

Capitalisation uses ``str.isupper`` on the first letter: regular expression
classes such as ``[A-ZÀ-Ỹ]`` also match lower-case Vietnamese letters.
"""
from __future__ import annotations

import bisect
from itertools import accumulate

import re
import unicodedata

from ..model import Analysis, Mention, Span

_WORD = re.compile(r"\w+(?:[.'&]\w+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")

# gaps inside a name or title: spaces only; dashes join compound place names
_SPACE_GAP = re.compile(r"^[ \t]+$")
_DASH_GAP = re.compile(r"^[ \t]*[-\u2013\u2014][ \t]*$")

DIACRITIC_FREE = re.compile(r"^[A-Za-z][A-Za-z'-]*$")


class Word:
    """One word of the canonical text (a plain slotted class: a document makes thousands)."""

    __slots__ = ("i", "start", "end", "text", "fold", "gap", "cap")

    def __init__(self, i: int, start: int, end: int, text: str, fold: str, gap: str):
        self.i, self.start, self.end = i, start, end
        self.text = text   # canonical spelling
        self.fold = fold   # case folded canonical spelling
        self.gap = gap     # text between the previous word and this one
        self.cap = text[:1].isupper()  # first letter upper case

    def __eq__(self, other) -> bool:
        return isinstance(other, Word) and (self.i, self.start, self.end, self.text, self.fold, self.gap) == \
            (other.i, other.start, other.end, other.text, other.fold, other.gap)

    __hash__ = None  # type: ignore[assignment]  (mutable, compared by value)

    def __repr__(self) -> str:
        return f"Word(i={self.i}, start={self.start}, end={self.end}, text={self.text!r}, gap={self.gap!r})"

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    @property
    def latin(self) -> bool:
        """Written without Vietnamese diacritics (foreign names, brands)."""
        return bool(DIACRITIC_FREE.match(self.text))

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def words(analysis: Analysis) -> list[Word]:
    cached = analysis.__dict__.get("_actor_words")
    if cached is not None:
        return cached
    canon = analysis.canon
    glued = [p for p in (m.start() for m in _GLUE.finditer(canon))  # cuts, in order (rare)
             if canon[p - 1].islower() and canon[p].isupper()]
    if glued:
        spans = _split_glued(canon, [m.span() for m in _WORD.finditer(canon)], glued)
        texts = [canon[s:e] for s, e in spans]
        gaps = [canon[e0:s] for e0, s in zip([0] + [e for _, e in spans], [s for s, _ in spans])]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
    else:  # the usual case, in C: the split alternates gaps and words, offsets are running sums
        parts = _WORD_SPLIT.split(canon)
        texts, gaps = parts[1::2], parts[0:-1:2]
        bounds = list(accumulate(map(len, parts)))
        starts, ends = bounds[0:-1:2], bounds[1::2]
    folds = "\0".join(texts).casefold().split("\0")  # casefold keeps NUL and never makes one
    out = list(map(Word, range(len(texts)), starts, ends, texts, folds, gaps))
    analysis.__dict__["_actor_words"] = out
    return out


_GLUE = re.compile(r"(?<=[a-zà-ỹđ])(?=[A-ZÀ-ỸĐ][a-zà-ỹđ])")


def _split_glued(canon: str, spans: list[tuple[int, int]], glued: list[int]) -> list[tuple[int, int]]:
    """``spans`` with each word holding one of the ``glued`` cut points split by :func:`_unglue`."""
    out: list[tuple[int, int]] = []
    g = 0
    for a, b in spans:
        while g < len(glued) and glued[g] <= a:
            g += 1
        out.extend(_unglue(canon[a:b], a) if g < len(glued) and glued[g] < b else ((a, b),))
    return out


def _unglue(text: str, offset: int) -> list[tuple[int, int]]:
    """Split words glued by lost spacing ("kinh tếPhó") — not brands ("MobiFone").

    A lower-to-upper transition splits only when a side carries Vietnamese
    letters (outside ASCII): Latin brand names keep their inner capitals.
    """
    cuts = [m.start() for m in _GLUE.finditer(text)
            if text[:m.start()][-1:].islower() and text[m.start()].isupper()]
    cuts = [c for c in cuts if not (text[:c].isascii() and text[c:].isascii())]
    if not cuts:
        return [(offset, offset + len(text))]
    bounds = [0, *cuts, len(text)]
    return [(offset + a, offset + b) for a, b in zip(bounds, bounds[1:])]


def word_at(analysis: Analysis, offset: int) -> int | None:
    """Index of the word starting at ``offset`` (or containing it)."""
    ws = words(analysis)
    lo, hi = 0, len(ws)
    while lo < hi:
        mid = (lo + hi) // 2
        if ws[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(ws) and ws[lo].start <= offset < ws[lo].end else None


def word_index_at_or_after(analysis: Analysis, offset: int) -> int:
    return word_index_at_or_after_words(words(analysis), offset)


def space_joined(ws: list[Word], j: int) -> bool:
    """Word ``j`` follows word ``j-1`` with only spaces between them."""
    return j > 0 and bool(_SPACE_GAP.match(ws[j].gap))


def dash_or_space_joined(ws: list[Word], j: int) -> bool:
    return j > 0 and bool(_SPACE_GAP.match(ws[j].gap) or _DASH_GAP.match(ws[j].gap))


def sentence_initial(ws: list[Word], j: int) -> bool:
    """Word ``j`` opens a sentence, line or quotation."""
    if j == 0:
        return True
    gap = ws[j].gap
    return bool(re.search(r"[.!?:;\n\"(…]\s*$", gap)) or "\n" in gap


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.replace("đ", "d").replace("Đ", "D")


def overlapping(analysis: Analysis, span: Span, kinds: tuple[str, ...] | None = None) -> list[Mention]:
    return [m for m in analysis.mentions
            if m.span.overlaps(span) and (kinds is None or m.kind in kinds)]


def text_of(analysis: Analysis, start: int, end: int) -> str:
    """The stored text (as written) of [start, end)."""
    return analysis.text[start:end]


def add_mention(analysis: Analysis, kind: str, start: int, end: int, entity, **attrs) -> Mention:
    span = Span(start, end)
    m = Mention(kind=kind, span=span, text=analysis.text[start:end], attrs=dict(attrs), entity=entity)
    analysis.mentions.append(m)
    if entity is not None:
        entity.add_span(span)
    return m


def remove_mention(analysis: Analysis, mention: Mention) -> None:
    """Drop a mention; its entity goes too when nothing else names it."""
    analysis.mentions = [m for m in analysis.mentions if m is not mention]
    ent = mention.entity
    if ent is None:
        return
    if mention.span in ent.spans:
        ent.spans.remove(mention.span)
    if not any(m.entity is ent for m in analysis.mentions):
        analysis.entities.pop(f"{ent.kind}:{ent.key.casefold()}", None)


class MentionIndex:
    """Mentions by word: which start at, and which cover, each word (built once, O(n)).

    Components look mentions up per word many times; scanning the list each
    time is quadratic in long documents.
    """

    def __init__(self, analysis: Analysis, kinds: tuple[str, ...] | None = None):
        ws = words(analysis)
        self.ws = ws
        self.starts: dict[int, list[Mention]] = {}
        self.cover: dict[int, list[Mention]] = {}
        for m in analysis.mentions:
            if kinds is not None and m.kind not in kinds:
                continue
            self.add(m)

    def add(self, m: Mention) -> None:
        i = word_index_at_or_after_words(self.ws, m.span.start)
        if i < len(self.ws) and self.ws[i].start == m.span.start:
            self.starts.setdefault(i, []).append(m)
        k = i
        while k < len(self.ws) and self.ws[k].start < m.span.end:
            self.cover.setdefault(k, []).append(m)
            k += 1

    def starting_at(self, k: int, kinds: tuple[str, ...]) -> Mention | None:
        for m in self.starts.get(k, ()):
            if m.kind in kinds:
                return m
        return None

    def covering(self, k: int, kinds: tuple[str, ...]) -> list[Mention]:
        return [m for m in self.cover.get(k, ()) if m.kind in kinds]

    def over(self, i: int, end: int, kinds: tuple[str, ...]) -> list[Mention]:
        seen, out = set(), []
        for k in range(i, end):
            for m in self.cover.get(k, ()):
                if m.kind in kinds and id(m) not in seen:
                    seen.add(id(m))
                    out.append(m)
        return out


def word_index_at_or_after_words(ws: list[Word], offset: int) -> int:
    """Index of the first word starting at or after ``offset`` (len(ws) if none)."""
    return bisect.bisect_left(ws, offset, key=lambda w: w.start)
