"""The order and total of a filtered statement list, computed here from light rows.

A filtered ``/statements`` page (a speaker, a body, a policy...) lists statements
newest document first, then by where they start in the document, then by IRI.
Asking Oxigraph for that order (``GROUP BY`` + ``MIN`` of evidence starts +
``ORDER BY`` over every match) cost 40–130 ms for one speaker at 100,000
articles. Instead :func:`ordered` reads only ``(statement, document, date)``
rows, groups them by document and sorts the documents here;
:meth:`Ordered.page` then reads the evidence starts of the statements of the
few documents a page spans. On a read-only snapshot the grouped rows are kept
per filter (:func:`..store_cache.memo`), so later pages skip that read.

Public API::

    order = ordered(store, where)          # where: a WHERE body binding ?st and ?doc
    order.total, order.page(store, limit, offset) -> [statement IRI]
    groups, skip = order.window(limit, offset)  # the (document, [statement IRI]) groups a page spans
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import pyoxigraph as ox

from camket.store import py

from . import graph
from .store_cache import memo


@dataclass
class Ordered:
    """Statements grouped by document, documents in page order; ``ends[i]`` is how many
    statements the documents up to ``i`` hold."""
    groups: list[tuple[str, list[str]]]
    total: int
    ends: list[int] = field(default_factory=list)

    def __post_init__(self):
        n = 0
        for _, sts in self.groups:
            n += len(sts)
            self.ends.append(n)

    def window(self, limit: int, offset: int) -> tuple[list[tuple[str, list[str]]], int]:
        """The groups rows ``offset .. offset + limit`` fall in, and how many of their rows
        come before ``offset``."""
        return window(self.ends, self.groups, limit, offset)

    def page(self, store, limit: int, offset: int) -> list[str]:
        """The statement IRIs of rows ``offset .. offset + limit``."""
        spanned, skip = self.window(limit, offset)
        starts = _starts(store, [st for _, sts in spanned for st in sts])
        ids = [st for _, sts in spanned for st in sorted(sts, key=lambda s: (starts.get(s, -1), s))]
        return ids[skip:skip + limit]


def window(ends: list[int], groups: list, limit: int, offset: int) -> tuple[list, int]:
    """``groups[i]`` holds rows ``ends[i - 1] .. ends[i]``: the groups rows ``offset .. offset +
    limit`` fall in, and how many rows of the first come before ``offset``."""
    first = bisect.bisect_right(ends, offset)
    last = bisect.bisect_left(ends, offset + limit, lo=first)
    return groups[first:last + 1], offset - (ends[first - 1] if first else 0)


def ordered(store, where: str) -> Ordered:
    """Every match of ``where``, newest document first (undated last, then document IRI)."""
    return memo(store, "statement-order", where, lambda: _compute(store, where))


def _compute(store, where: str) -> Ordered:
    rows = store.select(f"SELECT DISTINCT ?st ?doc ?d WHERE {{ {where} OPTIONAL {{ ?doc dcterms:date ?d }} }}")
    by_doc: dict[str, set[str]] = {}
    dates: dict[str, str] = {}
    for r in rows:
        d = r["doc"].value
        by_doc.setdefault(d, set()).add(r["st"].value)
        if r["d"] is not None and str(r["d"].value) > dates.get(d, ""):
            dates[d] = str(r["d"].value)
    docs = sorted(by_doc)
    docs.sort(key=lambda d: dates.get(d, ""), reverse=True)  # stable: newest first, then IRI; undated last
    total = len({st for sts in by_doc.values() for st in sts})
    return Ordered(groups=[(d, sorted(by_doc[d])) for d in docs], total=total)


def _starts(store, ids: list[str]) -> dict[str, int]:
    """Where each statement's first evidence span starts (absent: no span)."""
    if not ids:
        return {}
    rows = store.select(f"""SELECT ?st (MIN(?s) AS ?start) WHERE {{ {graph.values('st', map(ox.NamedNode, ids))}
      ?st ck:evidence/oa:start ?s }} GROUP BY ?st""")
    return {r["st"].value: py(r["start"]) for r in rows if r["start"] is not None}
