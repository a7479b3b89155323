"""Small helpers for writing XML and text incrementally to a binary stream.

:class:`ChunkWriter` buffers ``str`` pieces and writes UTF-8 to the output
every ~64 KB, so exporters never hold a whole file in memory.
:func:`attr` and :func:`text` escape values for XML attributes/content and
drop the characters XML 1.0 forbids (control characters, lone surrogates).
"""
from __future__ import annotations

import re
from typing import BinaryIO

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def clean(value) -> str:
    return _INVALID_XML.sub("", str(value))


_NEEDS_WORK = re.compile("[&<>\"\x00-\x1f\ufffe\uffff\ud800-\udfff]")


def attr(value) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    value = str(value)
    if _NEEDS_WORK.search(value) is None:  # the common case: nothing to do
        return value
    return clean(value).translate(_ATTR_ESCAPES)


def text(value) -> str:
    return clean(value).translate(_TEXT_ESCAPES)


class ChunkWriter:
    """Collects text and writes it as UTF-8 to ``out`` in chunks."""

    def __init__(self, out: BinaryIO, chunk_chars: int = 1 << 16):
        self.out = out
        self.parts: list[str] = []
        self.size = 0
        self.chunk_chars = chunk_chars

    def write(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)
        if self.size >= self.chunk_chars:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.out.write("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0
