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

Models load once per process (underthesea caches them after the first call).
Sentences longer than :data:`MAX_SENTENCE_CHARS` are tagged in pieces so
that the tagger's cost stays linear in the length of the document.
"""
from __future__ import annotations

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


@component("nlp")
def nlp(analysis: Analysis) -> None:
    use_pos = mode() == "pos"
    use_ner = os.environ.get("CAMKET_NER") == "1"
    tag = _pos_tag() if use_pos else None
    segment = None if use_pos else _word_tokenize()
    canon = analysis.canon
    tokens: list[Token] = []
    for sent in analysis.sentences:
        for s, e in _chunks(canon, sent.start, sent.end):
            piece = canon[s:e]
            if not piece.strip():
                continue
            if use_pos:
                tagged = tag(piece)
            else:
                tagged = [(w, "") for w in segment(piece)]
            labels = [""] * len(tagged)
            if use_ner:
                labels = [t[-1] for t in _ner()(piece)]
                if len(labels) != len(tagged):
                    labels = [""] * len(tagged)
            spans = align(piece, s, [t[0] for t in tagged])
            for (word, pos), (ts, te), label in zip(tagged, spans, labels):
                if te > ts:
                    tokens.append(Token(ts, te, analysis.text[ts:te], pos, label))
    analysis.tokens = tokens


def proper_noun(token: Token) -> bool:
    """A proper-noun token: tagged ``Np``, or (segmentation only) every syllable capitalised."""
    if token.pos:
        return token.pos == "Np"
    return all(w[:1].isupper() for w in token.text.split())


def np_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans of multi-syllable proper-noun tokens (``Np``)."""
    return [(t.start, t.end) for t in analysis.tokens
            if proper_noun(t) and re.search(r"\s", t.text)]
