"""Component ``nlp``: underthesea word segmentation and POS tags, with offsets.

underthesea (its CRF models ship inside the wheel; nothing is downloaded)
segments Vietnamese into words of one or more syllables ("Phạm Minh Khôi",
"Bộ trưởng") and tags them (``Np`` proper noun, ``N``, ``V``...). It returns
strings without offsets and normalises what it reads (tone placement), so
each sentence of the *canonical* text is tagged and the tokens are aligned
back character by character (:func:`align`).

By default only the segmenter runs (``CAMKET_NLP=segment``): it is ~4x
faster than the tagger and what the actor rules need is the word boundary —
a multi-syllable token whose syllables are all capitalised and that starts
with a Vietnamese surname is a person candidate even without an honorific or
a title. ``CAMKET_NLP=pos`` runs the POS tagger instead (tokens then carry
``Np``/``N``/``V``... and the candidate test is ``Np``); both give the same
figures on the seeds and on the probe of ``bench/bench_extract.py``. The CRF NER (``underthesea.ner``) is
not run by default: it costs ~5x the tagger and, measured on the seed
articles, adds no person the rules miss (see BENCHMARKS.md); set
``CAMKET_NER=1`` to add its labels to the tokens.

The component itself only attaches a :class:`Segmenter` to the analysis
(``analysis.nlp``): a sentence piece is segmented when a rule first asks for
a token in it (``people`` asks only about bare surname-led names that no
other rule found), so the cost follows what is used, not the length of the
text; ``analysis.tokens`` segments everything.

Models load once per process (underthesea caches them after the first call).
Sentences longer than :data:`MAX_SENTENCE_CHARS` are tagged in pieces so
that the tagger's cost stays linear in the length of the document.
"""
from __future__ import annotations

import bisect
import os
import re
import unicodedata

from ..model import Analysis, Token
from ..pipeline import component

MAX_SENTENCE_CHARS = 600
_loaded: dict[str, object] = {}


def _pos_tag():
    fn = _loaded.get("pos_tag")
    if fn is None:
        from underthesea import pos_tag  # noqa: PLC0415  (heavy import, once)
        fn = _loaded["pos_tag"] = pos_tag
    return fn


def _word_tokenize():
    fn = _loaded.get("word_tokenize")
    if fn is None:
        from underthesea import word_tokenize  # noqa: PLC0415
        fn = _loaded["word_tokenize"] = word_tokenize
    return fn


def _ner():
    fn = _loaded.get("ner")
    if fn is None:
        from underthesea import ner  # noqa: PLC0415
        fn = _loaded["ner"] = ner
    return fn


def _base(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0].casefold()


def align(text: str, offset: int, pieces: list[str]) -> list[tuple[int, int]]:
    """Character spans in ``text`` of the tokenizer's ``pieces`` (in order).

    Whitespace is skipped on both sides; characters are compared by base
    letter so the tokenizer's own normalisation (tone placement, quotes)
    does not break the alignment. A piece that cannot be aligned gets an
    empty span at the current position.
    """
    spans = []
    pos = 0
    n = len(text)
    for piece in pieces:
        chars = [c for c in piece if not c.isspace()]
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        p = pos
        ok = True
        for c in chars:
            while p < n and text[p].isspace():
                p += 1
            if p >= n:
                ok = False
                break
            if text[p] != c and _base(text[p]) != _base(c) and not (not c.isalnum() and not text[p].isalnum()):
                ok = False
                break
            p += 1
        if ok and chars:
            spans.append((offset + start, offset + p))
            pos = p
        else:
            found = text.find(piece, pos)
            if found >= 0 and chars:
                spans.append((offset + found, offset + found + len(piece)))
                pos = found + len(piece)
            else:
                spans.append((offset + start, offset + start))
    return spans


def _chunks(text: str, start: int, end: int):
    """Pieces of a sentence no longer than MAX_SENTENCE_CHARS, cut at spaces."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def mode() -> str:
    """``segment`` (default: word segmentation only) or ``pos`` (segmentation + POS tags)."""
    return "pos" if os.environ.get("CAMKET_NLP", "segment") == "pos" else "segment"


class Segmenter:
    """Tokens of the canonical text, computed one sentence piece at a time, on demand.

    The segmenter is the most expensive step of extraction (~25k words/s) and
    its output is only read where a rule asks (a bare surname-led name no other
    rule found): :meth:`token_at` segments the sentence piece holding that
    offset, once, or only a window of it around the name (``context``: the
    CRF's features look two syllables either way; with 8 words of context on
    each side no decision differed from whole-sentence segmentation on 410
    documents, 997 candidate names, at a quarter of the cost). :meth:`all`
    segments every piece whole.
    """

    def __init__(self, analysis: Analysis):
        # the texts, not the analysis: an analysis holding its segmenter holding it would be a
        # reference cycle, freed only by the cyclic collector's passes, not when it is dropped
        self.canon, self.text = analysis.canon, analysis.text
        self.use_pos = mode() == "pos"
        self.use_ner = os.environ.get("CAMKET_NER") == "1"
        canon = analysis.canon
        self.pieces = [(s, e) for sent in analysis.sentences for s, e in _chunks(canon, sent.start, sent.end)
                       if canon[s:e].strip()]
        self.starts = [s for s, _ in self.pieces]
        self.done: dict[object, dict[int, Token]] = {}

    def piece(self, i: int) -> dict[int, Token]:
        """The tokens of piece ``i`` by start offset (segmented on first use)."""
        found = self.done.get(i)
        if found is None:
            found = self.done[i] = {t.start: t for t in self._tokens(*self.pieces[i])}
        return found

    def _tokens(self, s: int, e: int) -> list[Token]:
        piece = self.canon[s:e]
        tagged = _pos_tag()(piece) if self.use_pos else [(w, "") for w in _word_tokenize()(piece)]
        labels = [""] * len(tagged)
        if self.use_ner:
            labels = [t[-1] for t in _ner()(piece)]
            if len(labels) != len(tagged):
                labels = [""] * len(tagged)
        spans = align(piece, s, [t[0] for t in tagged])
        return [Token(ts, te, self.text[ts:te], pos, label)
                for (word, pos), (ts, te), label in zip(tagged, spans, labels) if te > ts]

    def token_at(self, offset: int, context: tuple[int, int] | None = None) -> Token | None:
        """The token starting at ``offset``, if the segmenter made one there: in the
        whole sentence piece, or in the ``context`` span of it (start, end at word bounds)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0 or offset >= self.pieces[i][1]:
            return None
        if context is None:
            return self.piece(i).get(offset)
        s, e = max(context[0], self.pieces[i][0]), min(context[1], self.pieces[i][1])
        found = self.done.get((s, e))
        if found is None:
            found = self.done[(s, e)] = {t.start: t for t in self._tokens(s, e)}
        return found.get(offset)

    def all(self) -> list[Token]:
        """Every token of the document, in order (segments every piece)."""
        return [t for i in range(len(self.pieces)) for t in self.piece(i).values()]


@component("nlp")
def nlp(analysis: Analysis) -> None:
    """Make the segmenter available to the rules (``analysis.nlp``); it runs lazily."""
    analysis.nlp = Segmenter(analysis)


def proper_noun(token: Token) -> bool:
    """A proper-noun token: tagged ``Np``, or (segmentation only) every syllable capitalised."""
    if token.pos:
        return token.pos == "Np"
    return all(w[:1].isupper() for w in token.text.split())


def np_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans of multi-syllable proper-noun tokens (``Np``)."""
    return [(t.start, t.end) for t in analysis.tokens
            if proper_noun(t) and re.search(r"\s", t.text)]
