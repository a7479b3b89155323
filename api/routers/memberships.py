"""``/memberships``: the documents attesting one post (a W3C ORG membership), paged."""
from __future__ import annotations

from fastapi import APIRouter

from .. import graph
from ..deps import Limit, Offset, StoreDep
from ..models import Attestation, Page
from ..posts import attestation_page
from ..responses import respond

router = APIRouter(tags=["organizations"])


@router.get("/memberships/{id:path}/attestations", response_model=Page[Attestation],
            summary="Every document attesting a post, oldest first")
def membership_attestations(id: str, store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    """``id`` is the key of the post's IRI (what follows ``/membership/`` in a ``Post``'s ``iri``: person/role/body); each
    attestation gives the document, its date, the post as written and the evidence spans."""
    page = attestation_page(store, graph.node("membership", id), limit, offset)
    if page is None:
        raise graph.NotFound(f"no membership with id {id!r}")
    return respond(page)
