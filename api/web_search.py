"""The search page's data: the API's search index, hits linked to their pages.

Statement and pledge hits link to their evidence in the document and are
labelled with who said it. Without a query the page lists the newest documents.

Public API::

    search_page(store, search, q, limit, kind) -> dict
"""
from __future__ import annotations

from .routers.documents import document_list
from .routers.pledges import pledges_by_iri
from .routers.statements import statements_by_iri
from .web_data import dump, evidence_url, web_url


def search_page(store, search, q: str, limit: int = 50, kind: str | None = None) -> dict:
    """Ranked hits of every kind (or of ``kind``) for ``q``; with no ``q``, the newest documents."""
    q, kind = (q or "").strip(), kind or None
    hits, total, fuzzy = [], 0, False
    if q and search is not None:
        total, hits, fuzzy = search.search(q, kinds=[kind] if kind else None, limit=limit)
        hits = [dict(h) for h in hits]
    _fact_links(store, hits)
    for h in hits:
        h.setdefault("url", web_url(h["iri"]))
    page = {"kind": "search", "query": q, "filter": kind, "total": total, "fuzzy": fuzzy, "items": hits,
            "unavailable": search is None}
    if not q:
        page["documents"] = dump(document_list(store, 20, 0).items)
    return page


def _fact_links(store, hits: list[dict]) -> None:
    """Statement and pledge hits link to their evidence in the document and name who said it."""
    for kind, fetch, who in (("statement", statements_by_iri, "speaker"), ("pledge", pledges_by_iri, "actor")):
        by_iri = {h["iri"]: h for h in hits if h["kind"] == kind}
        for fact in fetch(store, list(by_iri)):
            h, person = by_iri[fact.iri], getattr(fact, who)
            ev = fact.evidence[0] if fact.evidence else None
            h["url"] = evidence_url(ev.document_iri, ev.start, ev.end) if ev else web_url(fact.document.iri)
            h["snippet"], h["label"] = h.get("snippet") or fact.text, person.name or "?"
            h["who_url"] = web_url(person.iri)
