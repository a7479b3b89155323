"""Reading input: files, folders, JSON Lines and stdin into :class:`SourceDocument`.

Formats are registered readers keyed by file suffix (``.txt``, ``.md``,
``.html``/``.htm``, ``.jsonl``); :func:`register_reader` adds one. Encodings:
UTF-8 with or without BOM, UTF-16 with BOM, and the legacy Vietnamese
Windows-1258 code page, detected. Text comes out in NFC with an
:class:`~camket.loaders.normalise.OffsetMap` back to the decoded source.

Anything unreadable raises :class:`InputError` naming the file (and line for
JSON Lines) and the reason; :func:`iter_documents` yields those errors in
place of documents so that a batch goes on past them.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .normalise import OffsetMap, to_nfc

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A source that cannot be ingested, with where and why."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source, self.reason, self.line = source, reason, line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")


@dataclass
class SourceDocument:
    """One article as read: NFC text plus what is known about it."""

    doc_id: str
    text: str
    source: str
    sha256: str
    encoding: str = "utf-8"
    title: str | None = None
    url: str | None = None
    date: str | None = None
    publisher: str | None = None
    offsets: OffsetMap = field(default_factory=OffsetMap)


# ---------------------------------------------------------------- decoding

def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name)."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source), "utf-16"
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes) — not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    text = data.decode("cp1258", errors="replace")
    if _looks_vietnamese_cp1258(data, text):
        return text, "cp1258"
    raise InputError(source, f"cannot decode: not UTF-8 ({utf8_error.reason} at byte "
                             f"{utf8_error.start}), UTF-16 with BOM or Windows-1258 text")


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(source, f"cannot decode as {encoding}: {err.reason} at byte {err.start}")


_CP1258_TONES = set(b"\xcc\xec\xd2\xde\xf2")  # combining tone marks in Windows-1258
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def _looks_vietnamese_cp1258(data: bytes, text: str) -> bool:
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        return False
    tones = sum(1 for b in data if b in _CP1258_TONES)
    letters = sum(1 for b in data if b >= 0xC0)
    return tones > 0 and letters >= len(data) // 100


# ---------------------------------------------------------------- formats

class _MainText(HTMLParser):
    """Text of an HTML page without markup, scripts, styles or navigation."""

    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "blockquote", "figcaption", "pre", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name") or ""
            if attrs.get("content"):
                self.meta[key.lower()] = attrs["content"]
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _html(text: str, source: str) -> dict:
    parser = _MainText()
    parser.feed(text)
    parser.close()
    meta = parser.meta
    return {
        "text": parser.text(),
        "title": meta.get("og:title") or parser.title.strip() or None,
        "publisher": meta.get("og:site_name") or meta.get("publisher"),
        "date": meta.get("article:published_time") or meta.get("date"),
        "url": meta.get("og:url"),
    }


def _plain(text: str, source: str) -> dict:
    first = text.strip().split("\n", 1)[0].strip()
    title = first if 0 < len(first) <= 200 and not first.endswith((".", ":", '"', "”")) else None
    return {"text": text, "title": title}


def _markdown(text: str, source: str) -> dict:
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return {"text": text, "title": heading.group(1).strip() if heading else None}


Reader = Callable[[str, str], dict]
READERS: dict[str, Reader] = {".txt": _plain, ".text": _plain, ".md": _markdown,
                              ".markdown": _markdown, ".html": _html, ".htm": _html}


def register_reader(suffix: str, reader: Reader) -> None:
    """Add a reader for files ending in ``suffix``: ``reader(text, source) -> fields``."""
    READERS[suffix.lower()] = reader


# ---------------------------------------------------------------- documents

def make_document(doc_id: str, raw_text: str, source: str, data: bytes, encoding: str,
                  **meta) -> SourceDocument:
    """Build a :class:`SourceDocument` from decoded text (NFC, offsets kept)."""
    text, offsets = to_nfc(raw_text)
    if not text.strip():
        raise InputError(source, "no text (empty after removing markup and whitespace)")
    clean = {k: (str(v).strip() or None) if v is not None else None for k, v in meta.items()}
    return SourceDocument(doc_id=doc_id, text=text, source=source,
                          sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                          offsets=offsets, **clean)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument | InputError]:
    """Documents in one file (several for JSON Lines), errors in their place."""
    source = str(path)
    if path.suffix.lower() == ".jsonl" and not _utf16(path):
        yield from _stream_jsonl(path, source, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"too large: {size:,} bytes over the limit of {max_bytes:,} (--max-bytes)")
        data = path.read_bytes()
    except InputError as err:
        yield err
        return
    except OSError as err:
        yield InputError(source, f"cannot read: {err.strerror or err}")
        return
    yield from read_bytes(data, source, path.suffix.lower(), path.stem, max_bytes)


def read_bytes(data: bytes, source: str, suffix: str, stem: str,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument | InputError]:
    if len(data) > max_bytes:
        yield InputError(source, f"too large: {len(data):,} bytes over the limit of {max_bytes:,} (--max-bytes)")
        return
    try:
        text, encoding = decode(data, source)
    except InputError as err:
        yield err
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(text, source, stem, encoding)
        return
    reader = READERS.get(suffix, _plain)
    try:
        fields = reader(text, source)
        yield make_document(stem, fields.pop("text"), source, data, encoding, **fields)
    except InputError as err:
        yield err


def _utf16(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except OSError:
        return False  # reported by the reader


def _stream_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[SourceDocument | InputError]:
    """A JSON Lines file a line at a time (a corpus of 10^5 articles is one file: it is never
    all in memory). ``max_bytes`` bounds each record; each line is decoded alone (UTF-8, with
    the file's BOM, or Windows-1258 as :func:`decode` detects it)."""
    seen = False
    try:
        with open(path, "rb") as f:
            for lineno, raw in enumerate(f, 1):
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw, bom = raw[3:], True
                elif lineno == 1:
                    bom = False
                raw = raw.rstrip(b"\r\n")
                if not raw.strip():
                    continue
                seen = True
                if len(raw) > max_bytes:
                    yield InputError(source, f"too large: {len(raw):,} bytes over the limit of {max_bytes:,} "
                                             "(--max-bytes)", lineno)
                    continue
                try:
                    line, encoding = decode(raw, source)
                except InputError as err:
                    yield InputError(source, err.reason, lineno)
                    continue
                yield from _read_jsonl([(lineno, line)], source, path.stem, "utf-8-sig" if bom else encoding)
    except OSError as err:
        yield InputError(source, f"cannot read: {err.strerror or err}")
        return
    if not seen:
        yield InputError(source, "empty file")


def _read_jsonl(lines: str | Iterable[tuple[int, str]], source: str, stem: str,
                encoding: str) -> Iterator[SourceDocument | InputError]:
    """The records of JSON Lines ``lines`` (a text, or (line number, line) pairs)."""
    for lineno, line in enumerate(lines.splitlines(), 1) if isinstance(lines, str) else lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(source, f"malformed JSON: {err.msg} (column {err.colno})", lineno)
            continue
        if not isinstance(record, dict):
            yield InputError(source, "a JSON Lines record must be an object with a 'text' field", lineno)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(source, "missing or empty 'text' field", lineno)
            continue
        doc_id = str(record.get("id") or f"{stem}-{lineno}")
        meta = {k: record.get(k) for k in ("title", "url", "date", "publisher")}
        try:
            yield make_document(doc_id, body, f"{source}:{lineno}", line.encode("utf-8"), encoding, **meta)
        except InputError as err:
            yield InputError(source, err.reason, lineno)


SUFFIXES = tuple(READERS) + (".jsonl",)


def iter_paths(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Files under the given paths (folders recursively, sorted, no loops)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs.sort()
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError(raw, "no such file or folder")


def iter_documents(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                   stdin=None) -> Iterator[SourceDocument | InputError]:
    """Every document under ``paths`` ("-" reads stdin), errors in their place."""
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            yield from read_bytes(data, "<stdin>", ".txt", "stdin", max_bytes)
            continue
        for item in iter_paths([raw]):
            if isinstance(item, InputError):
                yield item
            else:
                yield from read_file(item, max_bytes)
