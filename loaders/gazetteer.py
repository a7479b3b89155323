"""General gazetteers (``data/gazetteers/*.tsv``) and a phrase matcher over them.

Each TSV has a header line naming its columns; lines starting with ``#`` are
comments; list-valued cells are ``|``-separated. The files hold *general*
knowledge — role words, kinds of bodies, well-known bodies and acronyms,
provinces, countries, regions, honorifics, surnames — never the names of
people from any particular article.

:func:`table` reads one file once per process (cached). :class:`Matcher`
finds the longest gazetteer phrase starting at a word of a
:class:`~camket.loaders.extract.actors_text.Words` sequence, comparing case
folded canonical spellings (so "Uỷ"/"Ủy" and "Xây Dựng"/"Xây dựng" meet)
and leaving case checks to the caller.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from camket.ontology.iri import canonical

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteers"

_TOKEN = re.compile(r"\w+(?:[.'’&]\w+)*")


def _path(name: str) -> Path:
    try:  # installed layout: camket.data is the data/ folder
        import camket.data as data_pkg
        candidate = Path(data_pkg.__file__).resolve().parent / "gazetteers" / name
        if candidate.exists():
            return candidate
    except ImportError:  # pragma: no cover
        pass
    return GAZETTEER_DIR / name


@functools.lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/gazetteers/{name}.tsv`` as dicts keyed by the header's columns."""
    path = _path(name if name.endswith(".tsv") else f"{name}.tsv")
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


def split_list(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def tokens(phrase: str) -> tuple[str, ...]:
    """Case-folded canonical word tokens of a phrase (punctuation dropped)."""
    return tuple(t.casefold() for t in _TOKEN.findall(canonical(phrase)))


@functools.lru_cache(maxsize=None)
def word_set(name: str, column: str) -> frozenset[str]:
    """Case-folded canonical values of one column (e.g. surnames)."""
    return frozenset(canonical(r[column]).casefold() for r in table(name) if r.get(column))


@functools.lru_cache(maxsize=None)
def kind_set(name: str, kind: str, word_col: str = "word", kind_col: str = "kind") -> frozenset[str]:
    """Case-folded canonical words of the rows whose ``kind`` column is ``kind``."""
    return frozenset(canonical(r[word_col]).casefold() for r in table(name)
                     if r.get(kind_col) == kind and r.get(word_col))


@dataclass
class Phrase:
    """One spelling of a gazetteer entry."""

    text: str
    toks: tuple[str, ...]
    row: dict[str, str]
    ambiguous: bool = False
    extra: dict = field(default_factory=dict)


class Matcher:
    """Longest-match lookup of gazetteer phrases over word tokens."""

    def __init__(self, phrases: Iterable[Phrase]):
        self.index: dict[str, list[Phrase]] = {}
        for p in phrases:
            if p.toks:
                self.index.setdefault(p.toks[0], []).append(p)
        for lst in self.index.values():
            lst.sort(key=lambda p: -len(p.toks))
        self.max_len = max((len(p.toks) for lst in self.index.values() for p in lst), default=0)

    def candidates(self, folded: list[str], i: int, joinable=None) -> list[Phrase]:
        """Phrases whose tokens equal ``folded[i:i+n]``, longest first.

        ``joinable(j)`` says whether word ``j`` may continue a phrase from
        word ``j-1`` (no sentence break or comma between them).
        """
        out = []
        for p in self.index.get(folded[i], ()):
            n = len(p.toks)
            if i + n > len(folded) or tuple(folded[i:i + n]) != p.toks:
                continue
            if joinable is not None and not all(joinable(j) for j in range(i + 1, i + n)):
                continue
            out.append(p)
        return out


def phrases_of(name: str, name_col: str = "name", alias_col: str = "aliases",
               extra_cols: Iterable[str] = ()) -> list[Phrase]:
    """Every spelling (name + aliases) of every row of a gazetteer."""
    out = []
    for row in table(name):
        flags = set(split_list(row.get("flags", "").replace(",", "|")))
        spellings = [(row[name_col], "amb" in flags)]
        for alias in split_list(row.get(alias_col)):
            amb = alias.startswith("~")
            spellings.append((alias.lstrip("~"), amb))
        for text, amb in spellings:
            out.append(Phrase(text=text, toks=tokens(text), row=row, ambiguous=amb))
    return out


@functools.lru_cache(maxsize=None)
def matcher(name: str, name_col: str = "name", alias_col: str = "aliases") -> Matcher:
    return Matcher(phrases_of(name, name_col, alias_col))
