"""``/organizations``: bodies, their members and posts, sub-bodies and statements."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..entities import evidence_page, first, label_and_aliases, linked, props, summaries
from ..models import Organization, Page, Post, Statement, Summary
from ..posts import ATTESTATIONS, member_page
from .statements import StatementFilter, statement_page

router = APIRouter(tags=["organizations"])
Attestations = Annotated[int, Query(ge=1, le=100, description="attestations shown per post, oldest first "
                                    "(each post says its attestation_count; /memberships/{id}/attestations has all)")]


@router.get("/organizations", response_model=Page[Summary], summary="Bodies, by name")
def list_organizations(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(summaries(store, "organization", limit, offset))


@router.get("/organizations/{id}", response_model=Organization, summary="A body: members, sub-bodies, statements")
def get_organization(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0,
                     members_limit: Limit = 20, members_offset: Offset = 0,
                     evidence_limit: Limit = 20, evidence_offset: Offset = 0,
                     attestations_limit: Attestations = ATTESTATIONS):
    """Three pages: ``members`` (posts held in the body, first seen first), ``statements`` (of the
    body or of its members, newest first, paged by ``limit``/``offset``) and ``evidence``;
    each says its ``total``. A large body has hundreds of posts and thousands of spans; each post
    carries its first ``attestations_limit`` attestations and their count."""
    o = graph.resolve(store, "organization", id)
    x = graph.cluster(store, o)
    name, aliases = label_and_aliases(store, x)
    attrs = props(store, x, kind="ck:orgKind", acronym="ck:acronym")
    return respond(Organization(
        id=graph.key_of(o.value), iri=o.value, name=name, aliases=aliases,
        org_kind=first(attrs["kind"]), acronym=first(attrs["acronym"]),
        parents=linked(store, x, "?s org:subOrganizationOf ?x"),
        sub_organizations=linked(store, x, "?x org:subOrganizationOf ?s"),
        members=member_page(store, x, members_limit, members_offset, attestations_limit),
        statements=statement_page(store, StatementFilter(body=x), limit, offset, search),
        evidence=evidence_page(store, x, evidence_limit, evidence_offset)))


@router.get("/organizations/{id}/statements", response_model=Page[Statement], summary="Statements of a body")
def organization_statements(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0):
    o = graph.resolve(store, "organization", id)
    return respond(statement_page(store, StatementFilter(body=graph.cluster(store, o)), limit, offset, search))


@router.get("/organizations/{id}/members", response_model=Page[Post], summary="Posts held in a body")
def organization_members(id: str, store: StoreDep, limit: Limit = 20, offset: Offset = 0,
                         attestations_limit: Attestations = ATTESTATIONS):
    """First seen first, each post with its first ``attestations_limit`` attestations and their count."""
    o = graph.resolve(store, "organization", id)
    return respond(member_page(store, graph.cluster(store, o), limit, offset, attestations_limit))
