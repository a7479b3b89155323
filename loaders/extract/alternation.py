"""Regular expressions for "any of these words", fast on long texts.

Python's regex engine tries an alternation of many words one word at a
time at each position of the text, and skips no position when the pattern
opens with a look-behind or ignores case. :func:`words_alternation` puts a
look-ahead on the words' first letters before the alternation: one test per
position, the alternatives only where a word could start. The matches are
the same (the look-ahead only rejects positions no alternative matches).
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["words_alternation"]


def words_alternation(words: Iterable[str]) -> str:
    """``(?=[first letters])(?:w1|w2|...)``: the words in the order given, escaped; the
    letter class holds both cases of each first letter (right with and without ``re.I``)."""
    words = list(words)
    first = sorted({c for w in words for c in (w[:1].lower(), w[:1].upper())})
    return f"(?=[{re.escape(''.join(first))}])(?:{'|'.join(re.escape(w) for w in words)})"
