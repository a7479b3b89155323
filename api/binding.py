"""Binding named-query parameters as a ``VALUES`` block at the top of the WHERE clause.

:func:`camket.store.bind` appends ``VALUES`` after the query, which SPARQL
joins after grouping — correct for grouped variables, but the engine then
computes the whole result before keeping one speaker's rows (seconds on a
large store). :func:`inline` puts the same block, made of RDF terms
serialised by pyoxigraph, first inside the WHERE group, so the engine starts
from the bound value. Where that is not valid SPARQL (a parameter that the
query itself ``BIND``s), callers fall back to :func:`camket.store.bind`.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from camket.store import term_to_sparql

from .sparql_guard import _PROLOGUE, blank


def inline(query: str, bindings: Mapping[str, Any] | None) -> str | None:
    """``query`` with ``bindings`` as a leading VALUES block in its WHERE, or None if it cannot place one."""
    names = [n for n, v in (bindings or {}).items() if v is not None]
    if not names:
        return query
    if not all(n.isidentifier() for n in names):
        raise ValueError("invalid parameter name")
    masked = blank(query)
    body_start = _PROLOGUE.match(masked).end()
    if re.match(r"CONSTRUCT\b", masked[body_start:], re.I):
        m = re.compile(r"\bWHERE\s*\{", re.I).search(masked, body_start)
        pos = m.end() if m else -1
    else:
        pos = masked.find("{", body_start) + 1
    if pos <= 0:
        return None
    row = " ".join(term_to_sparql(bindings[n]) for n in names)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    return query[:pos] + values + query[pos:]
