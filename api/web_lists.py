"""The long lists of an entity page, one page of each at a time: posts (a body's members),
statements, pledges, documents mentioning the entity, and its mentions in those documents.

Every list is the dict ``{"total", "limit", "offset", "items", "prev", "next"}`` (the same in
the HTML page and its JSON twin); ``prev`` and ``next`` are page URLs that move that list only
(its ``{list}_offset`` parameter; the other lists keep theirs). The whole ordered list of an
entity (its facts grouped by document, its documents, a body's member order) is computed once per read-only
snapshot and entity (:func:`camket.api.store_cache.memo`), so a page converts, fetches and renders
only the ``limit`` items it shows; facts are fetched for those items only, with one query each.

Public API::

    Paging(url, limit, offsets)          # which slice of each list a page shows, and its links
    paging.page(name, total, items) -> {"total", "limit", "offset", "items", "prev", "next"}
    fact_where(store, kind, x, "statements" | "pledges") -> WHERE body | None
    fact_list(store, where, fetch, paging, name, view) -> dict
    posts_list(store, x, role, paging, view) -> dict
    documents_list(store, x, paging) -> dict
    mentions(store, x, doc_iris) -> [evidence dict]   # its spans in the documents shown
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

import pyoxigraph as ox

from camket.curation.view import ResolvedView
from camket.ontology import ID
from camket.store import term_to_sparql

from . import graph
from .models import Evidence
from .posts import member_page, posts_of
from .routers.statements import body_speakers
from .statement_order import Ordered, ordered
from .store_cache import cached, memo
from .web_data import dump, one, rows

LISTS = ("posts", "statements", "pledges", "documents")
DEFAULT_LIMIT = 20
MENTIONS_PER_DOCUMENT = 5  # of the entity, in each shown document
MEMBERSHIP = f"{ID}membership/"


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

STATEMENTS_OF = {  # what selects the statements (?st) an entity page lists; {x}: each IRI of the entity
    "person": ["?st ck:speaker {x} ."], "policy": ["?st ck:mentions {x} ."], "event": ["?st ck:atEvent {x} ."],
    "place": ["?st ck:mentions {x} .", "?ev schema:location {x} . ?st ck:atEvent ?ev ."],
}  # a body: its own and its members' statements (one VALUES of speakers, as /statements?body=)
PLEDGES_OF = {  # the pledges (?st) an entity page lists
    "person": ["?st ck:actor {x} ."], "organization": ["?st ck:actor {x} ."],
    "place": ["?st ck:concernsPlace {x} ."], "policy": ["?st ck:fromPolicy {x} .", "?st ck:actor {x} ."],
}


def fact_where(store, kind: str, x: list[ox.NamedNode], name: str) -> str | None:
    """The WHERE body binding ``?st`` and ``?doc`` for list ``name`` ("statements" or "pledges")
    of an entity of ``kind`` (None: that kind has no such list). A cluster's IRIs become UNION
    branches that each carry the rest (Oxigraph scans the other side of a join with a UNION)."""
    if name == "statements" and kind == "organization":
        return f"{graph.values('bsp', body_speakers(store, x))} ?st ck:speaker ?bsp ; a ck:Statement ; ck:inDocument ?doc ."
    patterns = (STATEMENTS_OF if name == "statements" else PLEDGES_OF).get(kind)
    if patterns is None:
        return None
    rest = f"?st a {'ck:Statement' if name == 'statements' else 'ck:Pledge'} ; ck:inDocument ?doc ."
    return graph.union_of([graph.each(x, *patterns)], rest)


def fact_list(store, where: str, fetch: Callable, paging: Paging, name: str, view: ResolvedView) -> dict:
    """One page of list ``name``: the facts ``where`` selects, newest document first, then by offset
    (:mod:`..statement_order`, kept per snapshot), fetched by the API's fetcher
    (``statements_by_iri``...); facts a researcher rejected are left out."""
    order = ordered(store, where)
    kept = [(d, [f for f in facts if not view.is_rejected(f)]) for d, facts in order.groups]
    order = Ordered(groups=[(d, facts) for d, facts in kept if facts], total=sum(len(f) for _, f in kept))
    items = dump(fetch(store, order.page(store, paging.limit, paging.offset(name))))
    for item in items:  # what researchers judged: confirmed, and how a pledge fared
        item["curation"], item["pledge_status"] = view.status.get(item["iri"]), view.pledge_status(item["iri"])
    return paging.page(name, order.total, items)


# ---------------------------------------------------------------- posts, documents, mentions

def posts_list(store, x: list[ox.NamedNode], role: str, paging: Paging, view: ResolvedView) -> dict:
    """One page of the posts of a person (``role`` "person") or held in a body ("org"), oldest first.
    A body's page reads its own posts only (:func:`..posts.member_page`, the order kept per
    snapshot) unless a researcher rejected a post, which the whole list then leaves out."""
    start = paging.offset("posts")
    if role == "org" and not any(i.startswith(MEMBERSHIP) for i in view.rejected()):
        page = member_page(store, x, paging.limit, start)
        return paging.page("posts", page.total, dump(page.items))
    held = memo(store, "web-posts", (role, _key(x)), lambda: posts_of(store, x, role))
    held = [p for p in held if not view.is_rejected(p.iri)]
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
