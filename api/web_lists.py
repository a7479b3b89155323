"""The long lists of an entity page, one page of each at a time: posts (a body's members),
statements, pledges, documents mentioning the entity, and its mentions in those documents.

Every list is the dict ``{"total", "limit", "offset", "items", "prev", "next"}`` (the same in
the HTML page and its JSON twin); ``prev`` and ``next`` are page URLs that move that list only
(its ``{list}_offset`` parameter; the other lists keep theirs). The whole ordered list of an
entity (its facts grouped by document, its documents, its posts) is computed once per read-only
snapshot and entity (:func:`camket.api.store_cache.memo`), so a page converts, fetches and renders
only the ``limit`` items it shows; facts are fetched for those items only, with one query each.

Public API::

    Paging(url, limit, offsets)          # which slice of each list a page shows, and its links
    paging.page(name, total, items) -> {"total", "limit", "offset", "items", "prev", "next"}
    fact_list(store, x, key, pattern, fetch, paging, name, view) -> dict
    posts_list(store, x, role, paging, view) -> dict
    documents_list(store, x, paging) -> dict
    mentions(store, x, doc_iris, limit) -> [evidence dict]   # spans in the shown documents
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

import pyoxigraph as ox

from camket.curation.view import ResolvedView
from camket.store import term_to_sparql

from . import graph
from .models import Evidence
from .posts import posts_of
from .store_cache import cached, memo
from .web_data import dump, one, rows

LISTS = ("posts", "statements", "pledges", "documents")
DEFAULT_LIMIT = 20
MENTIONS_PER_DOCUMENT = 5  # of the entity, in each shown document


@dataclass(frozen=True)
class Paging:
    """The page at ``url`` shows ``limit`` items of each list from its offset in ``offsets``."""
    url: str
    limit: int = DEFAULT_LIMIT
    offsets: dict[str, int] = field(default_factory=dict)

    def offset(self, name: str) -> int:
        return max(0, self.offsets.get(name) or 0)

    def link(self, name: str, offset: int) -> str:
        """This page with list ``name`` moved to ``offset``, anchored at the list."""
        params: dict[str, int] = {"limit": self.limit} if self.limit != DEFAULT_LIMIT else {}
        for other in LISTS:
            value = offset if other == name else self.offset(other)
            if value:
                params[f"{other}_offset"] = value
        return self.url + (f"?{urlencode(params)}" if params else "") + f"#{name}"

    def page(self, name: str, total: int, items: list) -> dict:
        start = self.offset(name)
        return {"total": total, "limit": self.limit, "offset": start, "items": items,
                "prev": self.link(name, max(0, start - self.limit)) if start > 0 else None,
                "next": self.link(name, start + self.limit) if start + self.limit < total else None}


def _doc_rank(store) -> dict[str, int]:
    """Every document's place in the newest-first order (computed once per store generation)."""
    return cached(store, "document-rank", lambda: {d: i for i, d in enumerate(
        cached(store, "documents", lambda: graph.newest_documents(store)))})


def by_date(store, docs) -> list[str]:
    """``docs`` newest first (then by IRI; undated and unknown last)."""
    rank = _doc_rank(store)
    return sorted(set(docs), key=lambda d: (rank.get(d, len(rank)), d))


def _key(x: list[ox.NamedNode]) -> tuple[str, ...]:
    return tuple(m.value for m in x)


# ---------------------------------------------------------------- facts

def _grouped_facts(store, x: list[ox.NamedNode], pattern: str) -> list[tuple[str, list[str]]]:
    """Every fact (``?f``) ``pattern`` selects, grouped by its document, documents newest first.

    The selection runs on its own: joined with other patterns, Oxigraph plans a UNION badly
    (a body's statements: 1.8 ms alone, 13-40 s inside the API's filter on 1,000 documents)."""
    ids = list(dict.fromkeys(r["f"] for r in one(store, x, pattern)))
    in_doc: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    if ids:
        for r in rows(store, f"SELECT ?f ?doc WHERE {{ {graph.values('f', map(ox.NamedNode, ids))} "
                             "?f ck:inDocument ?doc }"):
            in_doc[r["doc"]].append(r["f"])
    groups = []
    for doc in by_date(store, in_doc):
        facts = sorted(set(in_doc[doc]) - seen)
        seen.update(facts)
        groups.append((doc, facts))
    return groups


def _starts(store, facts: list[str]) -> dict[str, int]:
    """The first evidence offset of each fact (one query)."""
    if not facts:
        return {}
    return {r["f"]: r["start"] for r in rows(store, f"""SELECT ?f (MIN(?s) AS ?start) WHERE {{
        {graph.values('f', map(ox.NamedNode, facts))} ?f ck:evidence/oa:start ?s }} GROUP BY ?f""")}


def _slice(store, groups: list[tuple[str, list[str]]], offset: int, limit: int) -> list[str]:
    """Items ``offset`` to ``offset + limit`` of the facts in document order, then by offset in
    the text: offsets are read for the documents the slice touches only."""
    touched, pos = [], 0
    for doc, facts in groups:
        if pos >= offset + limit:
            break
        if pos + len(facts) > offset:
            touched.append((pos, facts))
        pos += len(facts)
    start = _starts(store, [f for _, facts in touched for f in facts])
    out = []
    for pos, facts in touched:
        ordered = sorted(facts, key=lambda f: (start.get(f, 1 << 30), f))
        out += [f for i, f in enumerate(ordered) if offset <= pos + i < offset + limit]
    return out


def fact_list(store, x: list[ox.NamedNode], key: str, pattern: str, fetch: Callable, paging: Paging,
              name: str, view: ResolvedView) -> dict:
    """One page of list ``name``: the facts ``pattern`` selects (``key`` names the pattern in the
    per-snapshot memo), fetched by the API's fetcher (``statements_by_iri``...), rejected ones left out."""
    groups = memo(store, "web-facts", (key, _key(x)), lambda: _grouped_facts(store, x, pattern))
    groups = [(d, [f for f in facts if not view.is_rejected(f)]) for d, facts in groups]
    total = sum(len(facts) for _, facts in groups)
    items = dump(fetch(store, _slice(store, groups, paging.offset(name), paging.limit)))
    for item in items:  # what researchers judged: confirmed, and how a pledge fared
        item["curation"], item["pledge_status"] = view.status.get(item["iri"]), view.pledge_status(item["iri"])
    return paging.page(name, total, items)


# ---------------------------------------------------------------- posts, documents, mentions

def posts_list(store, x: list[ox.NamedNode], role: str, paging: Paging, view: ResolvedView) -> dict:
    """One page of the posts of a person (``role`` "person") or held in a body ("org"), oldest first."""
    held = memo(store, "web-posts", (role, _key(x)), lambda: posts_of(store, x, role))
    held = [p for p in held if not view.is_rejected(p.iri)]
    start = paging.offset("posts")
    return paging.page("posts", len(held), dump(held[start:start + paging.limit]))


def documents_list(store, x: list[ox.NamedNode], paging: Paging) -> dict:
    """One page of the documents mentioning ``x``, newest first."""
    ids = memo(store, "web-documents", _key(x),
               lambda: by_date(store, (r["d"] for r in one(store, x, "?x ck:mentionedIn ?d"))))
    start = paging.offset("documents")
    shown = ids[start:start + paging.limit]
    refs = graph.doc_refs(store, shown)
    return paging.page("documents", len(ids), [dump(refs[d]) for d in shown if d in refs])


def mentions(store, x: list[ox.NamedNode], docs: list[str]) -> list[dict]:
    """The evidence spans of ``x`` in ``docs`` (in their order, then by offset; at most
    :data:`MENTIONS_PER_DOCUMENT` each): one ``GRAPH <doc>`` block per document, a direct
    look-up, where a ``VALUES ?doc`` outside the blocks scans every span of a busy entity."""
    if not docs:
        return []
    xs = graph.values("x", x)
    blocks = " UNION ".join(
        f"{{ GRAPH {term_to_sparql(ox.NamedNode(d))} {{ {xs} ?x ck:evidence ?sp . ?sp oa:start ?start ; "
        f"oa:end ?end ; oa:exact ?exact }} BIND({term_to_sparql(ox.NamedNode(d))} AS ?doc) }}" for d in docs)
    found: dict[str, list[Evidence]] = defaultdict(list)
    for r in rows(store, f"SELECT DISTINCT ?doc ?start ?end ?exact WHERE {{ {blocks} }}"):
        found[r["doc"]].append(Evidence(document=graph.key_of(r["doc"]), document_iri=r["doc"], exact=r["exact"],
                                        start=r["start"], end=r["end"]))
    spans = [e for d in docs for e in sorted(found[d], key=lambda e: (e.start, e.end))[:MENTIONS_PER_DOCUMENT]]
    return dump(spans)
