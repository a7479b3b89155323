"""``/search``: one box across people, bodies, places, policies, events, statements, pledges, documents.

Accent- and case-insensitive ("nguyen van binh", "nghi quyet 52", "ha noi"),
ranked, and typo-tolerant for names (see :mod:`camket.search`).
"""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query
from starlette.concurrency import run_in_threadpool

from ..responses import respond
from ..deps import Limit, Offset, SearchDep
from ..models import SearchHit, SearchResults

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResults, summary="Search everything, ignoring accents and case")
async def search(search: SearchDep, q: str = Query(..., min_length=1, max_length=300),
                 kind: list[str] | None = Query(None, description="only these kinds (person, organization, place, "
                                                 "policy, event, statement, pledge, document); repeatable"),
                 limit: Limit = 20, offset: Offset = 0):
    """The ranked search runs on the event loop's thread: a hop to the thread pool and back cost
    ≈ 1 CPU-ms per request at 10,000 articles, as much as the rest of the app's share (FTS5 reads
    milliseconds of index pages, cold again in the caches of another core). The typo-tolerant
    fallback, whose first use reads every name, goes to the thread pool."""
    if search is None:
        raise HTTPException(503, "the search index is not available for this store")
    total, hits, fuzzy = search.search(q, kinds=kind, limit=limit, offset=offset, typos=False)
    if fuzzy is None:
        total, hits, fuzzy = await run_in_threadpool(search.search, q, kinds=kind, limit=limit, offset=offset)
    return respond(SearchResults(query=q, total=total, limit=limit, offset=offset, fuzzy=fuzzy,
                                 items=[SearchHit(**h) for h in hits]))
