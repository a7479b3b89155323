"""The word lists behind policies, events, statements and pledges.

Reads the general gazetteers in ``data/gazetteers/`` (tab separated, header
line): ``speech_verbs.tsv`` (verbs that introduce speech), ``policy_types.tsv``
(kinds of policy documents and their number codes) and ``event_kinds.tsv``
(kinds of meetings). Only general vocabulary lives there, never names.

Public API::

    read_tsv("speech_verbs.tsv")  -> list of row dicts (cached)
    speech_verbs()                -> {verb: mode}, longest verbs first
    policy_types()                -> list of PolicyType
    event_kinds()                 -> {kind word: class}
    event_purposes()              -> words that open a lower-case meeting name ("tổng kết")
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEERS = Path(__file__).resolve().parent.parent.parent / "data" / "gazetteers"
if not GAZETTEERS.is_dir():  # installed non-editable: package data
    import camket.data as _data
    GAZETTEERS = Path(_data.__file__).parent / "gazetteers"


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a gazetteer as dicts keyed by the header line (blank and # lines skipped)."""
    lines = (GAZETTEERS / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * len(header)
        rows.append({h: cells[i].strip() for i, h in enumerate(header)})
    return tuple(rows)


@dataclass(frozen=True)
class PolicyType:
    name: str     # as Vietnamese writes it: "Nghị quyết"
    code: str     # letters in official numbers: "NQ"
    mode: str     # numbered | named | titled | quoted | issued | congress
    abbrev: str   # short form written before a number: "NQ 52"


@lru_cache(maxsize=None)
def policy_types() -> tuple[PolicyType, ...]:
    rows = read_tsv("policy_types.tsv")
    types = [PolicyType(r["type"], r["code"], r["mode"], r["abbrev"]) for r in rows]
    return tuple(sorted(types, key=lambda t: -len(t.name)))


@lru_cache(maxsize=None)
def speech_verbs() -> dict[str, str]:
    """Speech verb -> mode ("speech": introduces what was said; "quote": only before a quotation)."""
    rows = read_tsv("speech_verbs.tsv")
    return {r["verb"]: r["mode"] for r in sorted(rows, key=lambda r: -len(r["verb"]))}


@lru_cache(maxsize=None)
def event_kinds() -> dict[str, str]:
    rows = read_tsv("event_kinds.tsv")
    return {r["kind"]: r["class"] for r in sorted(rows, key=lambda r: -len(r["kind"]))}


@lru_cache(maxsize=None)
def event_purposes() -> tuple[str, ...]:
    """Words that open a meeting's lower-case name ("Hội nghị tổng kết ..."), longest first."""
    return tuple(sorted((r["purpose"] for r in read_tsv("event_purposes.tsv")), key=len, reverse=True))
