"""``/policies``: policy documents, what they cite and implement, who cited them, pledges."""
from __future__ import annotations

from fastapi import APIRouter

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..entities import evidence, first, label_and_aliases, linked, props, summaries
from ..models import Page, Policy, Summary
from .pledges import pledge_page
from .statements import StatementFilter, statement_page

router = APIRouter(tags=["policies"])


@router.get("/policies", response_model=Page[Summary], summary="Policy documents, by number or name")
def list_policies(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(summaries(store, "policy", limit, offset))


@router.get("/policies/{id}", response_model=Policy, summary="A policy document and who cited it")
def get_policy(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0):
    """``id`` is the key of the IRI, e.g. ``52-nq-tw``; ``statements`` (paged) mention the policy."""
    p = graph.resolve(store, "policy", id)
    x = graph.cluster(store, p)
    name, aliases = label_and_aliases(store, x)
    a = props(store, x, number="eli:id_local", type="ck:policyType", title="eli:title",
              date="eli:date_document", issuer_name="ck:issuerName")
    issuers = linked(store, x, "?s eli:passed_by ?x")
    return respond(Policy(
        id=graph.key_of(p.value), iri=p.value, name=name, number=first(a["number"]), type=first(a["type"]),
        title=first(a["title"]), issuer=first(issuers), issuer_name=first(a["issuer_name"]),
        date=first(a["date"]), aliases=aliases,
        implements=linked(store, x, "?s eli:implements ?x"), based_on=linked(store, x, "?s eli:based_on ?x"),
        implemented_by=linked(store, x, "?x eli:implements ?s"),
        cited_by_policies=linked(store, x, "?x eli:based_on ?s"),
        cited_by=linked(store, x, "?st ck:mentions ?s ; ck:speaker ?x"),
        statements=statement_page(store, StatementFilter(policy=x), limit, offset, search),
        pledges=pledge_page(store, 100, 0, policy=x).items,
        evidence=evidence(store, x)))
