"""Reading SPARQL text without being fooled by strings, IRIs or comments.

Public API::

    from camket.sparql_text import blank, PROLOGUE, inline_values
    blank(query)                       # strings/IRIs masked, comments blanked, offsets kept
    inline_values(query, {"x": term})  # VALUES block first inside the WHERE group, or None

Shared by the store (parameter binding, :func:`camket.store.bind`) and the
API (refusing updates and ``SERVICE``).
"""
from __future__ import annotations

import re
from typing import Mapping

_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*\S*\s*)*", re.I)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def blank(query: str) -> str:
    """``query`` with comments blanked and strings/IRIs masked, keeping every offset."""
    def mask(m: re.Match) -> str:
        s = m.group(0)
        return " " * len(s) if s.startswith("#") else s[0] + "x" * (len(s) - 2) + s[-1]
    return _OPAQUE.sub(mask, query)


def inline_values(query: str, values: Mapping[str, str]) -> str | None:
    """``query`` with a ``VALUES`` block (``{name: serialised RDF term}``) placed first in
    its WHERE group, so the engine starts from the bound values; None when it cannot be
    placed (no group found, or the query itself ``BIND``s one of the variables)."""
    if not values:
        return query
    masked = blank(query)
    if any(re.search(rf"\bAS\s+\?{re.escape(n)}\b", masked, re.I) for n in values):
        return None
    body_start = PROLOGUE.match(masked).end()
    if re.match(r"CONSTRUCT\b", masked[body_start:], re.I):
        m = _WHERE.search(masked, body_start)
        pos = m.end() if m else -1
    else:
        pos = masked.find("{", body_start) + 1
    if pos <= 0:
        return None
    names = " ".join("?" + n for n in values)
    block = f" VALUES ({names}) {{ ({' '.join(values.values())}) }} "
    return query[:pos] + block + query[pos:]
