"""Text normalisation that never moves an offset.

Two layers:

* :func:`to_nfc` turns decoded text into NFC and returns an :class:`OffsetMap`
  back to the decoded text (NFD input shrinks when composed). The NFC text is
  the document text camket stores; every evidence offset indexes it.
* :func:`canonicalise` is *length preserving*: one character in, one
  character out. It unifies what Vietnamese articles write several ways —
  tone placement ("Uỷ"/"Ủy", "hoá"/"hóa"), curly and straight quotes, dashes,
  odd spaces — so rules can match one spelling while their offsets still
  slice the stored text exactly.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_CHAR_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ",
    "\u2007": " ", "\u202f": " ", "\u200b": " ", "\ufeff": " ", "\t": " ",
}
_TRANS = str.maketrans(_CHAR_MAP)

def canonicalise(text: str) -> str:
    """Length-preserving canonical form of NFC text (see module doc)."""
    out = text.translate(_TRANS)
    if not any(c in out for c in "oOuU"):
        return out
    return _PAIR_NFC.sub(lambda m: _nfc_pair(m.group(0)), out)


# oa / oe / uy at the end of a syllable carry the tone on the first vowel in
# the canonical form ("hoá" -> "hóa", "Uỷ" -> "Ủy"); "qu" + y keeps it on y.
_PAIR_NFC = re.compile(r"(?<![qQ])[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?!\w)")


def _nfc_pair(pair: str) -> str:
    first, second = pair
    parts = unicodedata.normalize("NFD", second)
    base, marks = parts[0], parts[1:]
    tone = "".join(m for m in marks if m in TONE_MARKS)
    rest = "".join(m for m in marks if m not in TONE_MARKS)
    new_first = unicodedata.normalize("NFC", first + tone)
    new_second = unicodedata.normalize("NFC", base + rest)
    if len(new_first) != 1 or len(new_second) != 1:
        return pair
    return new_first + new_second


class OffsetMap:
    """Maps offsets in NFC text back to offsets in the decoded source text."""

    def __init__(self, nfc_starts: list[int] | None = None, raw_starts: list[int] | None = None,
                 raw_length: int = 0):
        self._nfc = nfc_starts or []
        self._raw = raw_starts or []
        self._raw_length = raw_length

    @property
    def identity(self) -> bool:
        return not self._nfc

    def to_source(self, offset: int) -> int:
        if self.identity:
            return offset
        i = bisect.bisect_right(self._nfc, offset) - 1
        if i < 0:
            return offset
        # a piece NFC writes longer than its source ("\u0f43" -> 2 characters) maps inside that source
        end = self._raw[i + 1] if i + 1 < len(self._raw) else self._raw_length
        return min(self._raw[i] + (offset - self._nfc[i]), end)


def to_nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC form of ``text`` and the map from its offsets back to ``text``."""
    nfc = unicodedata.normalize("NFC", text)
    if nfc == text:
        return nfc, OffsetMap()
    nfc_starts, raw_starts, pieces = [], [], []
    pos_nfc, i, n = 0, 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        nfc_starts.append(pos_nfc)
        raw_starts.append(i)
        pieces.append(piece)
        pos_nfc += len(piece)
        i = j
    joined = "".join(pieces)
    if joined != nfc:  # composition across clusters (rare scripts): fall back
        return joined, OffsetMap(nfc_starts, raw_starts, n)
    return nfc, OffsetMap(nfc_starts, raw_starts, n)
